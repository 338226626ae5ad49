import SimdjsonBridge
import StillwatchCore

/// Parses one JSON Lines record into an `Exchange`, or says why it cannot,
/// with simdjson (through `SimdjsonBridge`) and the field map's JSON Pointers.
///
/// Guarantees: never traps on any input; a line is either an `Exchange` with
/// non-empty id and account and a valid time, or a one-line rejection reason.
/// Optional fields of the wrong type are dropped, not fatal (SPEC §1: only
/// invalid JSON, a non-object, or a missing id/ts/account quarantine a line).
/// A value of this type holds a parser: copies share it, so give each thread
/// its own `ExchangeParser` (the worker does).
public struct ExchangeParser: Sendable {
  public let fieldMap: FieldMap
  public let messageTexts: MessageTexts
  private let parser: JSONLineParser

  /// Which message texts become `String`s.
  public enum MessageTexts: Sendable {
    /// Every message's text.
    case all
    /// Only the pattern text's message (`FeatureExtractor.userText`: the first
    /// user turn with text, else the first message); the others keep their
    /// role and tool counts with empty text. Saves copying agent transcripts
    /// that the sweep never reads.
    case patternOnly
  }

  public init(fieldMap: FieldMap = FieldMap(), messageTexts: MessageTexts = .all) {
    self.fieldMap = fieldMap
    self.messageTexts = messageTexts
    parser = JSONLineParser(pointers: FieldMap.Field.allCases.map { fieldMap.pointer($0) })
  }

  public enum Outcome {
    case exchange(Exchange)
    case rejected(String)
  }

  public func parse(_ line: UnsafeRawBufferPointer) -> Outcome {
    let ts: Int64
    switch required(line) {
    case .refused(let reason): return .rejected(reason)
    case .valid(let time): ts = time
    }
    let p = parser
    let id = p.string(Int32(SW_ID)) ?? ""
    let account = p.string(Int32(SW_ACCOUNT)) ?? ""
    var exchange = Exchange(id: id, timestampMillis: ts, account: account)
    exchange.org = p.string(Int32(SW_ORG))
    exchange.ip = p.string(Int32(SW_IP))
    exchange.asn = integer(p.value(Int32(SW_ASN)))
    exchange.cloud = p.string(Int32(SW_CLOUD))
    exchange.userAgent = p.string(Int32(SW_UA))
    exchange.headersFingerprint = p.string(Int32(SW_HEADERS_FP))
    exchange.paymentFingerprint = p.string(Int32(SW_PAYMENT_FP))
    exchange.model = p.string(Int32(SW_MODEL))
    exchange.system = p.system
    exchange.messages = p.messages(patternOnly: messageTexts == .patternOnly).map {
      Message(role: $0.role, text: $0.text, toolUses: $0.toolUses, toolResults: $0.toolResults)
    }
    if exchange.messages.isEmpty, let prompt = p.string(Int32(SW_PROMPT)) {
      exchange.messages = [Message(role: "user", text: prompt)]
    }
    exchange.tools = p.tools
    exchange.thinkingBudget = p.thinkingBudget
    exchange.inputTokens = integer(p.value(Int32(SW_INPUT_TOKENS))).map { Int($0) }
    exchange.outputTokens = integer(p.value(Int32(SW_OUTPUT_TOKENS))).map { Int($0) }
    return .exchange(exchange)
  }

  /// The workers' path: parses `line` and, when it holds an exchange, passes
  /// its fields to `body` as bytes borrowed from the parser (valid only during
  /// the call), with no `Exchange` made. Returns the rejection reason for a
  /// line that `parse` rejects (the same reason), nil otherwise.
  public func parseFields(
    _ line: UnsafeRawBufferPointer, _ body: (ExchangeFields) -> Void
  ) -> String? {
    let ts: Int64
    switch required(line) {
    case .refused(let reason): return reason
    case .valid(let time): ts = time
    }
    let p = parser
    let pattern = p.patternText()
    return p.withToolNames { toolNames in
      var fields = ExchangeFields(
        account: p.bytes(Int32(SW_ACCOUNT)) ?? UnsafeRawBufferPointer(start: nil, count: 0),
        timestampMillis: ts, patternText: pattern.text, toolNames: toolNames)
      fields.org = p.bytes(Int32(SW_ORG))
      fields.ip = p.bytes(Int32(SW_IP))
      fields.asn = integer(p.value(Int32(SW_ASN)))
      fields.cloud = p.bytes(Int32(SW_CLOUD))
      fields.userAgent = p.bytes(Int32(SW_UA))
      fields.headersFingerprint = p.bytes(Int32(SW_HEADERS_FP))
      fields.paymentFingerprint = p.bytes(Int32(SW_PAYMENT_FP))
      fields.model = p.bytes(Int32(SW_MODEL))
      fields.system = p.systemBytes
      fields.isAgentic = pattern.isAgentic
      fields.thinkingBudget = p.thinkingBudget
      body(fields)
      return nil
    }
  }

  private enum Required {
    case valid(timestampMillis: Int64)
    case refused(String)
  }

  /// Parses the line and checks what SPEC §1 requires: JSON, an object, a
  /// non-empty string id and account and a valid time.
  private func required(_ line: UnsafeRawBufferPointer) -> Required {
    switch parser.parse(line) {
    case Int32(SW_INVALID_JSON): return .refused("invalid JSON")
    case Int32(SW_NOT_OBJECT): return .refused("not a JSON object")
    default: break
    }
    let p = parser
    guard isPresent(p.value(Int32(SW_ID))) else { return .refused("missing required field id") }
    guard let id = p.bytes(Int32(SW_ID)), !id.isEmpty else {
      return .refused("field id must be a non-empty string")
    }
    guard isPresent(p.value(Int32(SW_ACCOUNT))) else {
      return .refused("missing required field account")
    }
    guard let account = p.bytes(Int32(SW_ACCOUNT)), !account.isEmpty else {
      return .refused("field account must be a non-empty string")
    }
    guard isPresent(p.value(Int32(SW_TS))) else { return .refused("missing required field ts") }
    let ts: Int64?
    if let text = p.bytes(Int32(SW_TS)) {
      ts = Timestamp.parseRFC3339(text)
    } else {
      ts = integer(p.value(Int32(SW_TS)))
    }
    guard let ts else {
      return .refused("field ts must be an RFC 3339 string or integer epoch milliseconds")
    }
    return .valid(timestampMillis: ts)
  }

  private func isPresent(_ v: sw_value) -> Bool {
    v.kind != Int32(SW_ABSENT) && v.kind != Int32(SW_NULL)
  }

  /// An integral number below 9e15 in magnitude (not a boolean).
  private func integer(_ v: sw_value) -> Int64? {
    switch v.kind {
    case Int32(SW_INT):
      return abs(v.number) < 9.0e15 ? v.integer : nil
    case Int32(SW_DOUBLE):
      guard v.number.rounded() == v.number, abs(v.number) < 9.0e15 else { return nil }
      return Int64(v.number)
    default:
      return nil
    }
  }
}
