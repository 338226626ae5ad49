import SimdjsonBridge

#if canImport(Glibc)
  import Glibc
#endif

/// One simdjson DOM parser with the sweep's field pointers, behind the C API
/// of `SimdjsonBridge`.
///
/// Guarantees: owns its C++ parser and frees it; not thread-safe — one per
/// worker thread (`ExchangeParser` makes one per copy that parses).
final class JSONLineParser: @unchecked Sendable {
  private let handle: OpaquePointer
  var values = [sw_value](repeating: sw_value(), count: Int(SW_FIELD_COUNT))

  init(pointers: [String]) {
    precondition(pointers.count == Int(SW_FIELD_COUNT), "one pointer per field")
    var cStrings = pointers.map { strdup($0) }
    defer { for p in cStrings { free(p) } }
    handle = cStrings.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count)
      {
        sw_parser_create($0)
      }
    }
  }

  deinit { sw_parser_destroy(handle) }

  /// SW_OK, SW_INVALID_JSON or SW_NOT_OBJECT; on SW_OK `values` holds the fields.
  func parse(_ line: UnsafeRawBufferPointer) -> Int32 {
    guard let base = line.baseAddress else {
      return sw_parse(handle, "", 0, &values)
    }
    return sw_parse(handle, base.assumingMemoryBound(to: CChar.self), line.count, &values)
  }

  func string(_ field: Int32) -> String? { bytes(field).map(Self.decoded) }

  func value(_ field: Int32) -> sw_value { values[Int(field)] }

  /// The bytes `string(field)` decodes, borrowed until the next parse.
  func bytes(_ field: Int32) -> UnsafeRawBufferPointer? {
    let v = values[Int(field)]
    guard v.kind == Int32(SW_STRING), let pointer = v.string else { return nil }
    return UnsafeRawBufferPointer(start: pointer, count: v.length)
  }

  private static func decoded(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Bytes of the text buffer, borrowed until the next parse.
  private func textBytes(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer {
    guard length > 0, let base = sw_text(handle) else {
      return UnsafeRawBufferPointer(start: nil, count: 0)
    }
    return UnsafeRawBufferPointer(start: base + offset, count: length)
  }

  private func text(_ offset: Int, _ length: Int) -> String {
    Self.decoded(textBytes(offset, length))
  }

  /// The bytes of `system`, borrowed until the next parse.
  var systemBytes: UnsafeRawBufferPointer? {
    var offset = 0
    var length = 0
    return sw_system(handle, &offset, &length) != 0 ? textBytes(offset, length) : nil
  }

  var system: String? { systemBytes.map(Self.decoded) }

  /// The turn whose text is the pattern text (`FeatureExtractor.userText`):
  /// the first user turn with text, else the first turn.
  private func patternTurn(of list: UnsafePointer<sw_message>, count: Int) -> Int {
    (0..<count).first { isUserTurnWithText(list[$0]) } ?? 0
  }

  /// The bytes of the pattern text (`FeatureExtractor.userText` without its
  /// cut) of the exchange `ExchangeParser.parse` would make, borrowed until
  /// the next parse, and whether some turn carries tool blocks.
  func patternText() -> (text: UnsafeRawBufferPointer, isAgentic: Bool) {
    let count = sw_message_count(handle)
    guard count > 0, let list = sw_messages(handle) else {
      // No turns: a `prompt` is the one user turn.
      return (bytes(Int32(SW_PROMPT)) ?? UnsafeRawBufferPointer(start: nil, count: 0), false)
    }
    let agentic = (0..<count).contains { list[$0].tool_uses > 0 || list[$0].tool_results > 0 }
    let m = list[patternTurn(of: list, count: count)]
    return (textBytes(m.text_offset, m.text_length), agentic)
  }

  /// The messages; with `patternOnly`, only the pattern turn (`patternTurn`)
  /// gets its text, the others an empty one.
  func messages(patternOnly: Bool) -> [(
    role: String, text: String, toolUses: Int, toolResults: Int
  )] {
    let count = sw_message_count(handle)
    guard count > 0, let list = sw_messages(handle) else { return [] }
    let kept = patternOnly ? patternTurn(of: list, count: count) : nil
    return (0..<count).map { i in
      let m = list[i]
      let body = kept == nil || kept == i ? text(m.text_offset, m.text_length) : ""
      return (text(m.role_offset, m.role_length), body, Int(m.tool_uses), Int(m.tool_results))
    }
  }

  /// Role "user" and a non-empty text, read from the text buffer in place.
  private func isUserTurnWithText(_ m: sw_message) -> Bool {
    guard m.text_length > 0, m.role_length == 4, let base = sw_text(handle) else { return false }
    return memcmp(base + m.role_offset, "user", 4) == 0
  }

  /// The tool names' bytes, borrowed until the next parse.
  private func toolBytes(_ index: Int) -> UnsafeRawBufferPointer {
    var offset = 0
    var length = 0
    sw_tool(handle, index, &offset, &length)
    return textBytes(offset, length)
  }

  var tools: [String] { (0..<sw_tool_count(handle)).map { Self.decoded(toolBytes($0)) } }

  private var toolScratch: [UnsafeRawBufferPointer] = []

  /// Calls `body` with the tool names' bytes (borrowed until the next parse).
  func withToolNames<R>(_ body: (UnsafeMutableBufferPointer<UnsafeRawBufferPointer>) -> R) -> R {
    toolScratch.removeAll(keepingCapacity: true)
    for i in 0..<sw_tool_count(handle) { toolScratch.append(toolBytes(i)) }
    return toolScratch.withUnsafeMutableBufferPointer { body($0) }
  }

  var thinkingBudget: Int? {
    let budget = sw_thinking_budget(handle)
    return budget < 0 ? nil : Int(budget)
  }
}
