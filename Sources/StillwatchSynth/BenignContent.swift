/// The request bodies of benign traffic: the long tail and the six look-alikes.
///
/// Guarantees: no benign population uses a campaign template family; the
/// agent-developer org always sends one system prompt and one toolset, and
/// its requests within one agent session share their opening rounds; the
/// benchmark researcher always requests thinking; ordinary users request it
/// rarely.
extension ExchangeBody {
  static let developerSystem = TemplateFamily.escapedBytes(SystemPrompts.agentDeveloper)
  static let enterpriseSystem = TemplateFamily.escapedBytes(SystemPrompts.enterprise)
  static let universitySystem = TemplateFamily.escapedBytes(SystemPrompts.university)
  static let developerSessionMillis: Int64 = 30 * 60_000

  mutating func writeEveryday(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    Self.writeEverydayModel(h, day: day, rng: &rng, into: &out)
    Self.writeEverydaySystem(h, into: &out)
    if rng.chance(0.12) {
      // A short chat: the user's opener, the assistant's reply, the follow-up.
      out.raw(",\"messages\":[{\"role\":\"user\",\"content\":\"")
      composer.text.writePassage(&rng, into: &out)
      out.raw("\"},{\"role\":\"assistant\",\"content\":\"")
      composer.text.writePassage(&rng, into: &out)
      out.raw("\"},{\"role\":\"user\",\"content\":\"")
      composer.render(BenignTemplates.everyday, rng: &rng, into: &out)
      out.raw("\"}]")
    } else {
      writeSingleTurn(
        [BenignTemplates.everyday], form: UserForm(preference: h >> 20), rng: &rng, into: &out)
    }
    if rng.chance(0.06) {
      ContentComposer.writeThinking(budget: rng.pick([1_024, 2_048, 4_000, 8_000]), into: &out)
    }
    return rng.within(40, 1_500)
  }

  mutating func writePopular(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    Self.writeEverydayModel(h, day: day, rng: &rng, into: &out)
    Self.writeEverydaySystem(h | 1 << 12, into: &out)
    let favourite = Int((h >> 24) % UInt64(BenignTemplates.popular.count))
    let family = rng.chance(0.8) ? favourite : rng.below(BenignTemplates.popular.count)
    writeSingleTurn(
      [BenignTemplates.popular[family]], form: UserForm(preference: h >> 20), rng: &rng, into: &out)
    return rng.within(80, 900)
  }

  mutating func writeCoursework(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    Self.writeEverydayModel(h, day: day, rng: &rng, into: &out)
    if h % 10 < 3 { ContentComposer.writeSystem(Self.universitySystem, blocks: false, into: &out) }
    writeSingleTurn(
      [BenignTemplates.coursework], form: UserForm(preference: h >> 20), rng: &rng, into: &out)
    if rng.chance(0.05) { ContentComposer.writeThinking(budget: 4_000, into: &out) }
    return rng.within(100, 2_000)
  }

  mutating func writeSupport(_ h: UInt64, rng: inout SplitMix64, into out: inout JSONLineBuffer)
    -> Int
  {
    ClientCatalog.writeModel(
      rng.chance(0.7) ? ClientCatalog.haiku : ClientCatalog.sonnet, into: &out)
    ContentComposer.writeSystem(Self.enterpriseSystem, blocks: false, into: &out)
    out.raw(",\"messages\":[{\"role\":\"user\",\"content\":\"")
    if rng.chance(0.3) {
      composer.render(BenignTemplates.support, rng: &rng, into: &out)
      out.raw("\"},{\"role\":\"assistant\",\"content\":\"")
      composer.text.writeShortPassage(&rng, into: &out)
      out.raw("\"},{\"role\":\"user\",\"content\":\"")
    }
    composer.render(BenignTemplates.support, rng: &rng, into: &out)
    out.raw("\"}]")
    return rng.within(60, 600)
  }

  mutating func writeBenchmark(day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer)
    -> Int
  {
    var models = [ClientCatalog.sonnet, ClientCatalog.opus, ClientCatalog.haiku]
    if day >= ClientCatalog.newModelDay { models.append(ClientCatalog.newModel) }
    let model = rng.below(models.count)
    ClientCatalog.writeModel(models[model], into: &out)
    writeSingleTurn(
      [BenignTemplates.benchmark], problems: ProblemGenerator.benchmark, form: .messageString,
      rng: &rng, into: &out)
    ContentComposer.writeThinking(budget: model % 2 == 0 ? 8_192 : 4_096, into: &out)
    return rng.within(300, 4_000)
  }

  /// One request of an agent loop. Humans work in 30-minute sessions, CI bots
  /// in their 15-minute hourly window; the round count grows through a
  /// session, and the task and earlier rounds are fixed by the session key.
  mutating func writeDeveloper(
    _ index: Int, offset: Int64, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    let isBot = index >= AgentDeveloperRoster.humans
    let session = isBot ? offset / 3_600_000 : offset / Self.developerSessionMillis
    let elapsed = isBot ? offset % 3_600_000 : offset % Self.developerSessionMillis
    let length: Int64 = isBot ? 15 * 60_000 : Self.developerSessionMillis
    let rounds = 1 + Int(min(elapsed, length - 1) * (isBot ? 12 : 10) / length)
    let key = SplitMix64.hash(seed, 0xDE7 << 32 | UInt64(index), UInt64(session))

    ClientCatalog.writeModel(ClientCatalog.sonnet, into: &out)
    ContentComposer.writeSystem(Self.developerSystem, blocks: false, into: &out)
    out.raw(",\"messages\":[{\"role\":\"user\",\"content\":\"")
    var taskRng = SplitMix64(seed: key)
    composer.render(
      isBot ? BenignTemplates.ciJob : BenignTemplates.developerTask, rng: &taskRng, into: &out)
    out.raw("\"}")
    AgentTranscript.writeRounds(
      rounds, tools: ToolCatalog.harness, key: key, composer: &composer, into: &out)
    out.byte(0x5D)
    out.raw(ToolCatalog.harnessRendered)
    return rng.within(100, 2_000)
  }
}
