/// One API request and its metadata, as parsed from an input line (SPEC §1).
///
/// Guarantees: `id`, `account` are non-empty and `timestampMillis` is set; every
/// other field is optional exactly as in the SPEC. Text is kept as sent, with no
/// normalisation; `FeatureExtractor` derives everything the sweep needs from it.
public struct Exchange: Sendable, Equatable {
  public var id: String
  public var timestampMillis: Int64
  public var account: String
  public var org: String?
  public var ip: String?
  public var asn: Int64?
  public var cloud: String?
  public var userAgent: String?
  public var headersFingerprint: String?
  public var paymentFingerprint: String?
  public var model: String?
  /// The system prompt, text blocks joined with newlines.
  public var system: String?
  /// The conversation; a single-turn `prompt` becomes one user message.
  public var messages: [Message]
  /// Names of the tools offered to the model.
  public var tools: [String]
  /// `nil` when extended thinking was not requested; otherwise its token budget (0 if none given).
  public var thinkingBudget: Int?
  public var inputTokens: Int?
  public var outputTokens: Int?

  public init(
    id: String, timestampMillis: Int64, account: String, org: String? = nil, ip: String? = nil,
    asn: Int64? = nil, cloud: String? = nil, userAgent: String? = nil,
    headersFingerprint: String? = nil, paymentFingerprint: String? = nil, model: String? = nil,
    system: String? = nil, messages: [Message] = [], tools: [String] = [],
    thinkingBudget: Int? = nil, inputTokens: Int? = nil, outputTokens: Int? = nil
  ) {
    self.id = id
    self.timestampMillis = timestampMillis
    self.account = account
    self.org = org
    self.ip = ip
    self.asn = asn
    self.cloud = cloud
    self.userAgent = userAgent
    self.headersFingerprint = headersFingerprint
    self.paymentFingerprint = paymentFingerprint
    self.model = model
    self.system = system
    self.messages = messages
    self.tools = tools
    self.thinkingBudget = thinkingBudget
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
  }
}

/// One turn of a conversation: its role, its text, and how many tool blocks it carried.
///
/// Guarantees: `text` joins the turn's text blocks (and tool_result text) in order.
public struct Message: Sendable, Equatable {
  public var role: String
  public var text: String
  public var toolUses: Int
  public var toolResults: Int

  public init(role: String, text: String, toolUses: Int = 0, toolResults: Int = 0) {
    self.role = role
    self.text = text
    self.toolUses = toolUses
    self.toolResults = toolResults
  }
}
