/// The request bodies of the three planted campaigns.
///
/// Guarantees: every campaign request comes from its own template families
/// (`CampaignTemplates`); the reasoning campaigns ask for chain of thought and
/// mostly request large thinking budgets; the agentic campaign always sends
/// tools and multi-turn tool transcripts, and from the new model's release day
/// about 70% of its traffic uses that model.
extension ExchangeBody {
  static let burstSystem = TemplateFamily.escapedBytes(SystemPrompts.burst)
  static let agenticSystems = SystemPrompts.agentic.map(TemplateFamily.escapedBytes)
  static let helpfulSystem = TemplateFamily.escapedBytes(SystemPrompts.everyday[0].text)

  mutating func writeBurst(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    Self.writeCampaignModel(day: day, pivot: 0.4, opusShare: 0.3, rng: &rng, into: &out)
    if h % 5 < 2 { ContentComposer.writeSystem(Self.burstSystem, blocks: false, into: &out) }
    writeSingleTurn(
      CampaignTemplates.burst, problems: ProblemGenerator.burst, form: UserForm(preference: h >> 8),
      rng: &rng, into: &out)
    if rng.chance(0.75) {
      ContentComposer.writeThinking(budget: rng.pick([16_000, 20_000, 24_000, 32_000]), into: &out)
    }
    return rng.within(1_500, 9_000)
  }

  mutating func writeAgentic(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    Self.writeCampaignModel(day: day, pivot: 0.7, opusShare: 0.2, rng: &rng, into: &out)
    ContentComposer.writeSystem(
      Self.agenticSystems[Int(h % 2)], blocks: (h >> 3) % 3 == 0, into: &out)
    out.raw(",\"messages\":[{\"role\":\"user\",\"content\":\"")
    composer.render(CampaignTemplates.agentic, rng: &rng, into: &out)
    out.raw("\"}")
    let toolset = rng.below(ToolCatalog.agenticToolsets.count)
    AgentTranscript.writeRounds(
      rng.below(4), tools: ToolCatalog.agenticToolsets[toolset], key: rng.next(),
      composer: &composer, into: &out)
    out.byte(0x5D)
    out.raw(ToolCatalog.agenticRendered[toolset])
    if rng.chance(0.4) {
      ContentComposer.writeThinking(budget: rng.pick([8_000, 12_000, 16_000]), into: &out)
    }
    return rng.within(300, 3_000)
  }

  mutating func writeHydra(
    _ h: UInt64, day: Int, rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) -> Int {
    Self.writeCampaignModel(day: day, pivot: 0.4, opusShare: 0.4, rng: &rng, into: &out)
    if h % 10 == 0 { ContentComposer.writeSystem(Self.helpfulSystem, blocks: false, into: &out) }
    writeSingleTurn(
      CampaignTemplates.hydra, problems: ProblemGenerator.hydra, form: UserForm(preference: h >> 8),
      rng: &rng, into: &out)
    if rng.chance(0.5) {
      ContentComposer.writeThinking(budget: rng.pick([8_000, 10_000, 16_000]), into: &out)
    }
    return rng.within(800, 6_000)
  }
}
