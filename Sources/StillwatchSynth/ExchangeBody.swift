/// Writes the request body of an exchange — `model` through `output_tokens` —
/// in the style of the sending population.
///
/// Guarantees: a pure function of (seed, population, account, time, the
/// exchange's generator); an account's habits (its user-text form, its system
/// prompt, its favourite template or model) come from a hash of the account,
/// so they are stable without being stored. Field order is fixed: model,
/// system, prompt or messages, tools, thinking, input_tokens, output_tokens.
struct ExchangeBody {
  var composer: ContentComposer
  let seed: UInt64

  init(text: TextSource, seed: UInt64) {
    composer = ContentComposer(text: text)
    self.seed = seed
  }

  /// A stable hash of an account, for its habits.
  func habits(_ kind: ActorKind, _ index: Int) -> UInt64 {
    SplitMix64.hash(seed, UInt64(kind.rawValue) << 40 | UInt64(index), 0xB0D7)
  }

  mutating func write(
    _ kind: ActorKind, _ index: Int, offset: Int64, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    let start = out.count
    let day = Int(offset / Timestamp.millisPerDay)
    let h = habits(kind, index)
    let output: Int
    switch kind {
    case .reasoningBurst: output = writeBurst(h, day: day, rng: &rng, into: &out)
    case .agenticMultiorg: output = writeAgentic(h, day: day, rng: &rng, into: &out)
    case .hydraProxy: output = writeHydra(h, day: day, rng: &rng, into: &out)
    case .benign, .proxyCustomer: output = writeEveryday(h, day: day, rng: &rng, into: &out)
    case .popularTemplate: output = writePopular(h, day: day, rng: &rng, into: &out)
    case .universityLab: output = writeCoursework(h, day: day, rng: &rng, into: &out)
    case .enterpriseBackend: output = writeSupport(h, rng: &rng, into: &out)
    case .benchmarkResearcher: output = writeBenchmark(day: day, rng: &rng, into: &out)
    case .agentDeveloper: output = writeDeveloper(index, offset: offset, rng: &rng, into: &out)
    }
    ContentComposer.writeTokens(bodyBytes: out.count - start, output: output, into: &out)
  }

  /// An ordinary user's model: a favourite most of the time, the new model
  /// now and then once it is out.
  static func writeEverydayModel(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) {
    let model: String
    if day >= ClientCatalog.newModelDay && rng.chance(0.1) {
      model = ClientCatalog.newModel
    } else if rng.chance(0.8) {
      model =
        [ClientCatalog.sonnet, ClientCatalog.sonnet, ClientCatalog.haiku, ClientCatalog.opus][
          Int((h >> 4) % 4)]
    } else {
      model = rng.pick([ClientCatalog.sonnet, ClientCatalog.haiku, ClientCatalog.opus])
    }
    ClientCatalog.writeModel(model, into: &out)
  }

  /// A campaign's model: `pivot` of its traffic moves to the new model on its release day.
  static func writeCampaignModel(
    day: Int, pivot: Double, opusShare: Double, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    let model: String
    if day >= ClientCatalog.newModelDay && rng.chance(pivot) {
      model = ClientCatalog.newModel
    } else {
      model = rng.chance(opusShare) ? ClientCatalog.opus : ClientCatalog.sonnet
    }
    ClientCatalog.writeModel(model, into: &out)
  }

  /// An everyday system prompt for about half of the accounts, sticky per account.
  static func writeEverydaySystem(_ h: UInt64, into out: inout JSONLineBuffer) {
    guard (h >> 12) % 2 == 0 else { return }
    var pick = SplitMix64(seed: h ^ 0x5157)
    let system = pick.weighted(SystemPrompts.everydayWeights)
    ContentComposer.writeSystem(
      ContentComposer.everydaySystems[system], blocks: (h >> 14) % 4 == 0, into: &out)
  }

  /// A single-turn request: open the account's form, render, close.
  mutating func writeSingleTurn(
    _ families: [TemplateFamily], problems: Range<Int> = ProblemGenerator.all, form: UserForm,
    rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) {
    ContentComposer.openUser(form, into: &out)
    composer.render(families, problems: problems, rng: &rng, into: &out)
    ContentComposer.closeUser(form, into: &out)
  }
}
