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

  func string(_ field: Int32) -> String? {
    let v = values[Int(field)]
    guard v.kind == Int32(SW_STRING), let pointer = v.string else { return nil }
    return String(
      decoding: UnsafeRawBufferPointer(start: pointer, count: v.length), as: UTF8.self)
  }

  func value(_ field: Int32) -> sw_value { values[Int(field)] }

  /// The bytes `string(field)` would decode, borrowed until the next parse.
  func bytes(_ field: Int32) -> UnsafeRawBufferPointer? {
    let v = values[Int(field)]
    guard v.kind == Int32(SW_STRING), let pointer = v.string else { return nil }
    return UnsafeRawBufferPointer(start: pointer, count: v.length)
  }

  private func textBytes(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer {
    guard length > 0, let base = sw_text(handle) else {
      return UnsafeRawBufferPointer(start: nil, count: 0)
    }
    return UnsafeRawBufferPointer(start: base + offset, count: length)
  }

  /// The bytes of `system`, borrowed until the next parse.
  var systemBytes: UnsafeRawBufferPointer? {
    var offset = 0
    var length = 0
    return sw_system(handle, &offset, &length) != 0 ? textBytes(offset, length) : nil
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
    var kept: Int? = nil
    var agentic = false
    for i in 0..<count {
      let m = list[i]
      if kept == nil && isUserTurnWithText(m) { kept = i }
      if m.tool_uses > 0 || m.tool_results > 0 { agentic = true }
    }
    let m = list[kept ?? 0]
    return (textBytes(m.text_offset, m.text_length), agentic)
  }

  private var toolScratch: [UnsafeRawBufferPointer] = []

  /// Calls `body` with the tool names' bytes (borrowed until the next parse).
  func withToolNames<R>(_ body: (UnsafeMutableBufferPointer<UnsafeRawBufferPointer>) -> R) -> R {
    toolScratch.removeAll(keepingCapacity: true)
    for i in 0..<sw_tool_count(handle) {
      var offset = 0
      var length = 0
      sw_tool(handle, i, &offset, &length)
      toolScratch.append(textBytes(offset, length))
    }
    return toolScratch.withUnsafeMutableBufferPointer { body($0) }
  }

  private func text(_ offset: Int, _ length: Int) -> String {
    guard length > 0, let base = sw_text(handle) else { return "" }
    return String(
      decoding: UnsafeRawBufferPointer(start: base + offset, count: length), as: UTF8.self)
  }

  var system: String? {
    var offset = 0
    var length = 0
    return sw_system(handle, &offset, &length) != 0 ? text(offset, length) : nil
  }

  /// The messages; with `patternOnly`, only the first user message with
  /// text (else the first message) gets its text, the others an empty one.
  func messages(patternOnly: Bool) -> [(
    role: String, text: String, toolUses: Int, toolResults: Int
  )] {
    let count = sw_message_count(handle)
    guard count > 0, let list = sw_messages(handle) else { return [] }
    let kept =
      patternOnly ? (0..<count).first { isUserTurnWithText(list[$0]) } ?? 0 : nil
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

  var tools: [String] {
    (0..<sw_tool_count(handle)).map { i in
      var offset = 0
      var length = 0
      sw_tool(handle, i, &offset, &length)
      return text(offset, length)
    }
  }

  var thinkingBudget: Int? {
    let budget = sw_thinking_budget(handle)
    return budget < 0 ? nil : Int(budget)
  }
}
