/// One exchange's fields as borrowed UTF-8 bytes, for the workers' path from
/// a parsed line to `ExchangeFeatures` with no `Exchange` in between
/// (`FeatureExtractor.features(of:into:)`): no `String` or array is made for
/// an exchange unless it brings a value the extractor has not seen.
///
/// Guarantees: nothing; it is a view. Every buffer belongs to the parser that
/// filled it and is valid only for the call it is passed to. Each field holds
/// exactly the bytes the `Exchange` field of the same name would hold, so
/// both paths give equal features (`ExchangeFieldsAgreementTests`).
public struct ExchangeFields {
  public var account: UnsafeRawBufferPointer
  public var timestampMillis: Int64
  public var org: UnsafeRawBufferPointer?
  public var ip: UnsafeRawBufferPointer?
  public var asn: Int64?
  public var cloud: UnsafeRawBufferPointer?
  public var userAgent: UnsafeRawBufferPointer?
  public var headersFingerprint: UnsafeRawBufferPointer?
  public var paymentFingerprint: UnsafeRawBufferPointer?
  public var model: UnsafeRawBufferPointer?
  public var system: UnsafeRawBufferPointer?
  /// The pattern text, whole (`FeatureExtractor.userText` without its cut).
  public var patternText: UnsafeRawBufferPointer
  /// Some turn carries tool_use or tool_result blocks.
  public var isAgentic: Bool
  /// Names of the tools offered; the extractor may reorder this buffer.
  public var toolNames: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
  public var thinkingBudget: Int?

  public init(
    account: UnsafeRawBufferPointer, timestampMillis: Int64,
    patternText: UnsafeRawBufferPointer,
    toolNames: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
  ) {
    self.account = account
    self.timestampMillis = timestampMillis
    self.patternText = patternText
    self.toolNames = toolNames
    isAgentic = false
  }
}
