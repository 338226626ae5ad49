/// A slot in a prompt template, filled from the text source or a generator.
enum TemplateSlot: String, CaseIterable, Sendable {
  case number
  case bigNumber
  case name
  case word
  case shortPassage
  case passage
  case longPassage
  case code
  case function
  case fileName
  case language
  case problem
  case answer
}

/// One piece of a parsed template: JSON-escaped literal bytes, or a slot.
enum TemplatePiece: Sendable {
  case literal([UInt8])
  case slot(TemplateSlot)
}

/// A family of prompt templates: several rewordings of the same instruction,
/// with `{slot}` placeholders filled per exchange, so the prompts it makes are
/// near-duplicates, not copies.
///
/// Guarantees: literals are escaped once, at construction, so rendering a
/// literal is a plain copy; every `{name}` in a rewording must name a
/// `TemplateSlot` (checked at construction — a typo traps in tests).
struct TemplateFamily: Sendable {
  let name: String
  let rewordings: [[TemplatePiece]]

  init(_ name: String, _ texts: [String]) {
    self.name = name
    rewordings = texts.map(Self.parse)
  }

  static func parse(_ text: String) -> [TemplatePiece] {
    var pieces: [TemplatePiece] = []
    var literal = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      literal += rest[..<open]
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(of: "}"),
        let slot = TemplateSlot(rawValue: String(rest[afterOpen..<close]))
      else {
        preconditionFailure("template \(text.prefix(40)): bad slot")
      }
      if !literal.isEmpty { pieces.append(.literal(escapedBytes(literal))) }
      literal = ""
      pieces.append(.slot(slot))
      rest = rest[rest.index(after: close)...]
    }
    literal += rest
    if !literal.isEmpty { pieces.append(.literal(escapedBytes(literal))) }
    return pieces
  }

  static func escapedBytes(_ text: String) -> [UInt8] {
    var buffer = JSONLineBuffer(capacity: text.utf8.count + 8)
    buffer.escaped(text)
    return buffer.bytes
  }
}
