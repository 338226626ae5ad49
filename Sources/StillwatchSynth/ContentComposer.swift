/// How a request carries its user text.
enum UserForm {
  /// `"prompt":"…"`
  case prompt
  /// `"messages":[{"role":"user","content":"…"}]`
  case messageString
  /// `"messages":[{"role":"user","content":[{"type":"text","text":"…"}]}]`
  case messageBlocks

  /// An account's habitual form, from its hash: 35% prompt, 45% string, 20% blocks.
  init(preference: UInt64) {
    switch preference % 20 {
    case 0..<7: self = .prompt
    case 7..<16: self = .messageString
    default: self = .messageBlocks
    }
  }
}

/// Fills templates from the text source and writes the body fields of a
/// request (system, user text, thinking, token counts) straight into the
/// line buffer.
///
/// Guarantees: everything written is valid JSON in its position; templates
/// are filled slot by slot with escaping, so any source text is safe; the
/// only state is one reusable scratch buffer for a problem's answer.
struct ContentComposer {
  let text: TextSource
  private var answer = JSONLineBuffer(capacity: 256)

  init(text: TextSource) {
    self.text = text
  }

  static let everydaySystems: [[UInt8]] = SystemPrompts.everyday.map {
    TemplateFamily.escapedBytes($0.text)
  }

  /// Renders one rewording of `family`, escaped, without quotes.
  mutating func render(
    _ family: TemplateFamily, problems: Range<Int> = ProblemGenerator.all, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    let pieces = family.rewordings[rng.below(family.rewordings.count)]
    answer.removeAll()
    for piece in pieces {
      switch piece {
      case .literal(let bytes): out.raw(bytes)
      case .slot(let slot): fill(slot, problems: problems, rng: &rng, into: &out)
      }
    }
  }

  /// Renders a family picked from `families`.
  mutating func render(
    _ families: [TemplateFamily], problems: Range<Int> = ProblemGenerator.all,
    rng: inout SplitMix64, into out: inout JSONLineBuffer
  ) {
    render(families[rng.below(families.count)], problems: problems, rng: &rng, into: &out)
  }

  private mutating func fill(
    _ slot: TemplateSlot, problems: Range<Int>, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    switch slot {
    case .number: out.int(rng.within(2, 99))
    case .bigNumber: out.int(rng.within(100, 99_999))
    case .name: text.writeName(&rng, into: &out)
    case .word: text.writeWord(&rng, into: &out)
    case .shortPassage: text.writeShortPassage(&rng, into: &out)
    case .passage: text.writePassage(&rng, into: &out)
    case .longPassage: text.writeLongPassage(&rng, count: rng.within(2, 4), into: &out)
    case .code: text.writeCode(&rng, into: &out)
    case .function: text.writeFunctionName(&rng, into: &out)
    case .fileName: text.writeFileName(&rng, into: &out)
    case .language: out.escaped(rng.pick(CampaignTemplates.languages))
    case .problem:
      ProblemGenerator.write(patterns: problems, text: text, rng: &rng, into: &out, answer: &answer)
    case .answer:
      if answer.count == 0 {
        var scratch = JSONLineBuffer(capacity: 256)
        ProblemGenerator.write(
          patterns: problems, text: text, rng: &rng, into: &scratch, answer: &answer)
      }
      out.raw(answer.bytes)
    }
  }

  /// `,"system":"…"` or `,"system":[{"type":"text","text":"…"}]`; `escaped` is pre-escaped.
  static func writeSystem(_ escaped: [UInt8], blocks: Bool, into out: inout JSONLineBuffer) {
    if blocks {
      out.raw(",\"system\":[{\"type\":\"text\",\"text\":\"")
      out.raw(escaped)
      out.raw("\"}]")
    } else {
      out.raw(",\"system\":\"")
      out.raw(escaped)
      out.byte(0x22)
    }
  }

  /// Opens the user text of a single-turn request (the text follows, escaped).
  static func openUser(_ form: UserForm, into out: inout JSONLineBuffer) {
    switch form {
    case .prompt: out.raw(",\"prompt\":\"")
    case .messageString: out.raw(",\"messages\":[{\"role\":\"user\",\"content\":\"")
    case .messageBlocks:
      out.raw(",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"")
    }
  }

  static func closeUser(_ form: UserForm, into out: inout JSONLineBuffer) {
    switch form {
    case .prompt: out.byte(0x22)
    case .messageString: out.raw("\"}]")
    case .messageBlocks: out.raw("\"}]}]")
    }
  }

  /// `,"thinking":{"type":"enabled","budget_tokens":N}`
  static func writeThinking(budget: Int, into out: inout JSONLineBuffer) {
    out.raw(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":")
    out.int(budget)
    out.byte(0x7D)
  }

  /// `,"input_tokens":N,"output_tokens":M`, input estimated from the body's bytes.
  static func writeTokens(bodyBytes: Int, output: Int, into out: inout JSONLineBuffer) {
    out.raw(",\"input_tokens\":")
    out.int(8 + bodyBytes / 4)
    out.raw(",\"output_tokens\":")
    out.int(output)
  }
}
