/// What the sweep keeps of one exchange: keys, sketch band keys and behaviour
/// flags. Prompt text is kept only as an occasional, hash-sampled example.
///
/// Guarantees: a pure function of the exchange and the sweep parameters.
public struct ExchangeFeatures: Sendable, Equatable {
  public var account: String
  public var org: String?
  public var timestampMillis: Int64
  public var infrastructureKeys: [String]
  public var bandKeys: [UInt64]
  /// Chain-of-thought elicitation score, in thousandths (integers keep merges exact).
  public var elicitationMilli: Int
  public var requestsThinking: Bool
  public var isCoding: Bool
  /// tool_use / tool_result turns present.
  public var isAgentic: Bool
  public var definesTools: Bool
  public var systemPromptHash: UInt64?
  public var toolsetHash: UInt64?
  public var model: String?
  public var textHash: UInt64
  /// The prompt text when this exchange is sampled as an example, else nil.
  public var example: String?

  /// Features of no exchange: a buffer for `FeatureExtractor.features(of:into:)`.
  public init() {
    account = ""
    timestampMillis = 0
    infrastructureKeys = []
    bandKeys = []
    elicitationMilli = 0
    requestsThinking = false
    isCoding = false
    isAgentic = false
    definesTools = false
    textHash = 0
  }
}
