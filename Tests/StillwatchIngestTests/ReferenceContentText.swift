import Foundation

/// The reference parser's reading of Messages-API content: a string, or an array of blocks
/// (`text`, `tool_use`, `tool_result` whose content is itself text or blocks).
///
/// Guarantees: text blocks are joined with newlines in order; unknown block
/// types are skipped; never traps.
enum ContentText {
  static func text(of value: Any) -> String? {
    let (text, _, _) = blocks(of: value)
    return text.isEmpty ? (value as? String) : text
  }

  static func blocks(of value: Any?) -> (text: String, toolUses: Int, toolResults: Int) {
    if let string = value as? String { return (string, 0, 0) }
    guard let array = value as? [Any] else { return ("", 0, 0) }
    var parts: [String] = []
    var uses = 0
    var results = 0
    for item in array {
      if let string = item as? String {
        parts.append(string)
        continue
      }
      guard let block = item as? [String: Any] else { continue }
      switch block["type"] as? String {
      case "text":
        if let text = block["text"] as? String { parts.append(text) }
      case "tool_use":
        uses += 1
      case "tool_result":
        results += 1
        let inner = blocks(of: block["content"])
        if !inner.text.isEmpty { parts.append(inner.text) }
      default:
        break
      }
    }
    return (parts.joined(separator: "\n"), uses, results)
  }
}
