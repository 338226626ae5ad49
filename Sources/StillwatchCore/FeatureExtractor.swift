/// Derives `ExchangeFeatures` from an `Exchange`: user text → shingles →
/// MinHash → band keys, infrastructure keys, behaviour flags and the
/// elicitation score.
///
/// Guarantees: deterministic; reuses its scratch buffers, so one extractor per
/// thread (it is a value type: copy it, do not share it).
public struct FeatureExtractor: Sendable {
  public let parameters: SketchParameters
  public let classifier: ElicitationClassifier
  /// One exchange in `exampleSampling` (by text hash) keeps its text as an example.
  public let exampleSampling: UInt64
  /// Characters kept of an example.
  public let exampleLength: Int

  let shingler: Shingler
  let hasher: MinHasher
  var shingleBuffer: [UInt32] = []
  var signatureBuffer: [UInt32] = []
  var lowercaseBuffer: [UInt8] = []
  /// The classifier's phrases, then the code markers.
  let phrases: PhraseSet
  var phraseScratch: [Bool] = []

  public init(
    parameters: SketchParameters = .standard, classifier: ElicitationClassifier = .init(),
    exampleSampling: UInt64 = 16, exampleLength: Int = 400
  ) {
    self.parameters = parameters
    self.classifier = classifier
    self.exampleSampling = max(1, exampleSampling)
    self.exampleLength = exampleLength
    self.shingler = Shingler(parameters: parameters)
    self.hasher = MinHasher(parameters: parameters)
    self.phrases = PhraseSet(classifier.weights.phrases.map(\.bytes) + CodeDetector.markers)
  }

  public mutating func features(of exchange: Exchange) -> ExchangeFeatures {
    let text = Self.userText(of: exchange, limit: parameters.maxTextBytes)
    shingler.shingles(of: text, into: &shingleBuffer)
    hasher.signature(of: shingleBuffer, into: &signatureBuffer)
    var bandKeys: [UInt64] = []
    bandKeys.reserveCapacity(parameters.bands)
    hasher.bandKeys(of: signatureBuffer, shingleCount: shingleBuffer.count, into: &bandKeys)

    ByteSearch.lowercasedASCII(text, into: &lowercaseBuffer)
    // One scan finds the classifier's phrases and the code markers.
    var found = phraseScratch
    lowercaseBuffer.withUnsafeBufferPointer { phrases.matches(in: $0, found: &found) }
    let elicitation = classifier.score(
      found: found, from: 0, thinkingBudget: exchange.thinkingBudget)
    let isCoding = CodeDetector.looksLikeCode(found: found, from: classifier.weights.phrases.count)
    phraseScratch = found
    let textHash = StableHash.hash(text)
    let agentic = exchange.messages.contains { $0.toolUses > 0 || $0.toolResults > 0 }
    let example =
      textHash % exampleSampling == 0 ? String(text.prefix(exampleLength)) : nil

    return ExchangeFeatures(
      account: exchange.account,
      org: exchange.org,
      timestampMillis: exchange.timestampMillis,
      infrastructureKeys: InfrastructureKeys.keys(of: exchange),
      bandKeys: bandKeys,
      elicitationMilli: Int((elicitation * 1000).rounded()),
      requestsThinking: exchange.thinkingBudget != nil,
      isCoding: isCoding,
      isAgentic: agentic,
      definesTools: !exchange.tools.isEmpty,
      systemPromptHash: exchange.system.map { StableHash.hash($0) },
      toolsetHash: exchange.tools.isEmpty
        ? nil : StableHash.hash(exchange.tools.sorted().joined(separator: "\u{1}")),
      model: exchange.model,
      textHash: textHash,
      example: example)
  }

  /// The request's pattern text: the first user turn (the task or question),
  /// cut at `limit` bytes. Later turns of an agent loop are mostly tool results
  /// and replies, which say little about the template the caller is running.
  public static func userText(of exchange: Exchange, limit: Int) -> String {
    let first =
      exchange.messages.first { $0.role == "user" && !$0.text.isEmpty }
      ?? exchange.messages.first
    var text = first?.text ?? ""
    if text.utf8.count > limit {
      text = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    }
    return text
  }
}

/// Recognises source code in lower-cased prompt text.
enum CodeDetector {
  /// Markers; the first (a code fence) counts twice.
  static let markers: [[UInt8]] = [
    "```", "def ", "function ", "#include", "class ", "import ", "return ", "=> ", "};",
    "fn ", "public static",
  ].map { Array($0.utf8) }

  /// Whether marker i occurred when `found[from + i]`.
  static func looksLikeCode(found: [Bool], from offset: Int) -> Bool {
    var hits = found[offset] ? 2 : 0
    for index in 1..<markers.count where found[offset + index] { hits += 1 }
    return hits >= 2
  }
}
