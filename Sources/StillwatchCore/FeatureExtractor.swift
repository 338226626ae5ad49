#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  var cutBuffer: [UInt8] = []
  var toolBytes: [UInt8] = []
  /// Strings of field values seen before, for `features(of:into:)`.
  /// Sized for the values a chunk repeats: accounts and IPs by the
  /// thousand, models, clouds and client fingerprints by the handful.
  var accounts = ByteKeyedCache<String>(slots: 1 << 14)
  var orgs = ByteKeyedCache<String>(slots: 1 << 12)
  var models = ByteKeyedCache<String>(slots: 1 << 6)
  var clouds = ByteKeyedCache<String>(slots: 1 << 6)
  var headerPrints = ByteKeyedCache<String>(slots: 1 << 10)
  var paymentPrints = ByteKeyedCache<String>(slots: 1 << 14)
  var userAgents = ByteKeyedCache<String>(slots: 1 << 10, keyStride: 96)
  var ips = ByteKeyedCache<IPKeys>(slots: 1 << 14, keyStride: 48)

  struct IPKeys: Sendable {
    var address: String
    var prefix: String?
  }

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
    var features = ExchangeFeatures()
    features.account = exchange.account
    features.org = exchange.org
    features.timestampMillis = exchange.timestampMillis
    features.infrastructureKeys = InfrastructureKeys.keys(of: exchange)
    features.isAgentic = exchange.messages.contains { $0.toolUses > 0 || $0.toolResults > 0 }
    features.definesTools = !exchange.tools.isEmpty
    features.systemPromptHash = exchange.system.map { StableHash.hash($0) }
    features.toolsetHash = Self.toolsetHash(exchange.tools)
    features.model = exchange.model
    features.bandKeys.reserveCapacity(parameters.bands)
    var text = Self.userText(of: exchange, limit: parameters.maxTextBytes)
    text.withUTF8 {
      addContent(
        of: UnsafeRawBufferPointer($0), thinkingBudget: exchange.thinkingBudget, to: &features)
    }
    return features
  }

  /// The workers' path: the same features as `features(of:)` for the exchange
  /// these fields were read from, written over `features` (whose arrays keep
  /// their storage). Field values seen before reuse their `String`s, so an
  /// exchange allocates nothing unless it brings a new account, key or model,
  /// is sampled as an example, or offers tools with non-ASCII names.
  public mutating func features(of fields: ExchangeFields, into features: inout ExchangeFeatures) {
    features.account = accounts.value(for: fields.account, make: Self.string)
    features.org = fields.org.map { orgs.value(for: $0, make: Self.string) }
    features.timestampMillis = fields.timestampMillis
    addInfrastructureKeys(of: fields, to: &features.infrastructureKeys)
    features.isAgentic = fields.isAgentic
    features.definesTools = !fields.toolNames.isEmpty
    features.systemPromptHash = fields.system.map { StableHash.hash($0) }
    features.toolsetHash = toolsetHash(fields.toolNames)
    features.model = fields.model.map { models.value(for: $0, make: Self.string) }
    let text = fields.patternText
    let limit = parameters.maxTextBytes
    let (keep, cutCharacter) = Self.cut(text, limit: limit)
    if !cutCharacter {
      addContent(
        of: UnsafeRawBufferPointer(rebasing: text[0..<keep]),
        thinkingBudget: fields.thinkingBudget, to: &features)
    } else {
      var buffer: [UInt8] = []
      swap(&buffer, &cutBuffer)
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: text[0..<keep])
      buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD, as String(decoding:) repairs
      buffer.withUnsafeBytes {
        addContent(of: $0, thinkingBudget: fields.thinkingBudget, to: &features)
      }
      swap(&buffer, &cutBuffer)
    }
  }

  /// Sketch, classifiers, text hash and sampled example of the pattern text
  /// (already cut to `maxTextBytes`).
  mutating func addContent(
    of text: UnsafeRawBufferPointer, thinkingBudget: Int?, to features: inout ExchangeFeatures
  ) {
    shingler.shingles(of: text, into: &shingleBuffer)
    hasher.signature(of: shingleBuffer, into: &signatureBuffer)
    hasher.bandKeys(
      of: signatureBuffer, shingleCount: shingleBuffer.count, into: &features.bandKeys)

    ByteSearch.lowercasedASCII(text, into: &lowercaseBuffer)
    // One scan finds the classifier's phrases and the code markers.
    var found: [Bool] = []
    swap(&found, &phraseScratch)  // sole owner: the scan writes in place
    lowercaseBuffer.withUnsafeBufferPointer { phrases.matches(in: $0, found: &found) }
    let elicitation = classifier.score(found: found, from: 0, thinkingBudget: thinkingBudget)
    features.isCoding = CodeDetector.looksLikeCode(
      found: found, from: classifier.weights.phrases.count)
    swap(&found, &phraseScratch)
    features.elicitationMilli = Int((elicitation * 1000).rounded())
    features.requestsThinking = thinkingBudget != nil
    features.textHash = StableHash.hash(text)
    features.example =
      features.textHash % exampleSampling == 0
      ? String(String(decoding: text, as: UTF8.self).prefix(exampleLength)) : nil
  }

  /// `InfrastructureKeys.keys(of:)` of the exchange the fields were read
  /// from, made kind by kind in `InfrastructureKeys.Kind` order, which is
  /// their sorted order.
  mutating func addInfrastructureKeys(of fields: ExchangeFields, to keys: inout [String]) {
    keys.removeAll(keepingCapacity: true)
    if let asn = fields.asn { keys.append(InfrastructureKeys.key(.asn, String(asn))) }
    if let cloud = fields.cloud, !cloud.isEmpty {
      keys.append(clouds.value(for: cloud) { InfrastructureKeys.key(.cloud, bytes: $0) })
    }
    if let fp = fields.headersFingerprint, !fp.isEmpty {
      keys.append(
        headerPrints.value(for: fp) { InfrastructureKeys.key(.headersFingerprint, bytes: $0) })
    }
    if let ip = fields.ip, !ip.isEmpty {
      let ipKeys = ips.value(for: ip) { bytes in
        IPKeys(
          address: InfrastructureKeys.key(.ip, bytes: bytes),
          prefix: InfrastructureKeys.prefix(ofBytes: bytes))
      }
      if let prefix = ipKeys.prefix { keys.append(prefix) }
      keys.append(ipKeys.address)
    }
    if let fp = fields.paymentFingerprint, !fp.isEmpty {
      keys.append(
        paymentPrints.value(for: fp) { InfrastructureKeys.key(.paymentFingerprint, bytes: $0) })
    }
    if let ua = fields.userAgent, !ua.isEmpty {
      keys.append(
        userAgents.value(for: ua) { InfrastructureKeys.key(.userAgent, bytes: $0) })
    }
  }

  /// The hash of the sorted tool names joined by U+0001; nil without tools.
  public static func toolsetHash(_ names: [String]) -> UInt64? {
    names.isEmpty ? nil : StableHash.hash(names.sorted().joined(separator: "\u{1}"))
  }

  /// `toolsetHash(_:)` of the names' strings. ASCII names are sorted and
  /// joined as bytes (their byte order is `String` order); others go through
  /// `String`s.
  mutating func toolsetHash(_ names: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>) -> UInt64?
  {
    if names.isEmpty { return nil }
    guard names.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) else {
      return Self.toolsetHash(names.map(Self.string))
    }
    var names = names
    names.sort { a, b in
      let common = min(a.count, b.count)
      if common > 0 {
        let order = memcmp(a.baseAddress!, b.baseAddress!, common)
        if order != 0 { return order < 0 }
      }
      return a.count < b.count
    }
    toolBytes.removeAll(keepingCapacity: true)
    for (index, name) in names.enumerated() {
      if index > 0 { toolBytes.append(0x01) }
      toolBytes.append(contentsOf: name)
    }
    return toolBytes.withUnsafeBytes { StableHash.hash($0) }
  }

  /// How much of valid UTF-8 `text` `userText` keeps at `limit` bytes: the
  /// bytes before the cut, and whether the cut split a character (which
  /// `String(decoding:as:)` then replaces with one U+FFFD).
  static func cut(_ text: UnsafeRawBufferPointer, limit: Int) -> (keep: Int, splitCharacter: Bool) {
    guard text.count > limit else { return (text.count, false) }
    guard limit > 0 else { return (0, false) }
    var start = limit - 1  // the last kept character's first byte
    while start > 0 && start > limit - 4 && text[start] & 0xC0 == 0x80 { start -= 1 }
    let lead = text[start]
    let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    return start + length <= limit ? (limit, false) : (start, true)
  }

  static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
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
