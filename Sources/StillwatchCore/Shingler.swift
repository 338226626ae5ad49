/// Turns prompt text into word-shingle hashes after normalisation and slot masking.
///
/// Normalisation: ASCII is lower-cased; a token is a run of letters, digits or
/// non-ASCII bytes. Masking: any token containing a digit becomes one `#` token,
/// and a fenced code block (```…```) becomes one `<code>` token, so slot-filled
/// variants of one template share their shingles. Only the first
/// `maxTextBytes` bytes are read. A text with fewer word tokens (tokens
/// without a digit, outside code) than one shingle holds gets no shingles: a
/// bare code block, a number or a two-word greeting carries no template, and
/// as one shared bucket it would tie together everyone who sends one.
///
/// Guarantees: a pure function of (text, parameters); no allocation beyond `out`.
public struct Shingler: Sendable {
  public let words: Int
  public let maxTextBytes: Int

  static let digitMaskHash = StableHash.mix(0x23)  // "#"
  static let codeMaskHash = StableHash.mix(0x3C63_6F64_653E)  // "<code>"

  public init(parameters: SketchParameters) {
    self.words = max(1, parameters.shingleWords)
    self.maxTextBytes = parameters.maxTextBytes
  }

  /// Replaces the contents of `out` with the text's shingle hashes.
  public func shingles(of text: String, into out: inout [UInt32]) {
    var copy = text
    copy.withUTF8 { shingles(of: UnsafeRawBufferPointer($0), into: &out) }
  }

  /// Replaces the contents of `out` with the shingle hashes of UTF-8 `bytes`.
  public func shingles(of bytes: UnsafeRawBufferPointer, into out: inout [UInt32]) {
    out.removeAll(keepingCapacity: true)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { slots in
      var window = TokenWindow(slots: slots)
      var tokenHash: UInt64 = 0xCBF2_9CE4_8422_2325
      var tokenLength = 0
      var tokenHasDigit = false
      var inCode = false
      var backticks = 0
      var wordTokens = 0
      let end = min(bytes.count, maxTextBytes)

      func endToken() {
        guard tokenLength > 0 else { return }
        if !tokenHasDigit { wordTokens += 1 }
        let hash = tokenHasDigit ? Shingler.digitMaskHash : StableHash.mix(tokenHash)
        if let shingle = window.push(hash) { out.append(shingle) }
        tokenHash = 0xCBF2_9CE4_8422_2325
        tokenLength = 0
        tokenHasDigit = false
      }

      var index = 0
      while index < end {
        var byte = bytes[index]
        index += 1
        if byte == 0x60 {  // backtick
          backticks += 1
          if backticks == 3 {
            backticks = 0
            endToken()
            inCode.toggle()
            if inCode, let shingle = window.push(Shingler.codeMaskHash) { out.append(shingle) }
          }
          continue
        }
        backticks = 0
        if inCode { continue }
        let isDigit = byte >= 0x30 && byte <= 0x39
        let isUpper = byte >= 0x41 && byte <= 0x5A
        let isLower = byte >= 0x61 && byte <= 0x7A
        if isDigit || isUpper || isLower || byte >= 0x80 {
          if isUpper { byte |= 0x20 }
          tokenHash = (tokenHash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
          tokenLength += 1
          tokenHasDigit = tokenHasDigit || isDigit
        } else {
          endToken()
        }
      }
      endToken()
      // Enough word tokens means the window filled, so `out` holds every shingle.
      if wordTokens < words { out.removeAll(keepingCapacity: true) }
    }
  }
}

/// The last `slots.count` token hashes, in caller-provided storage (no
/// allocation per text); yields a shingle hash once full.
struct TokenWindow {
  let hashes: UnsafeMutableBufferPointer<UInt64>
  var count = 0
  var next = 0

  init(slots: UnsafeMutableBufferPointer<UInt64>) {
    hashes = slots
    _ = hashes.initialize(from: repeatElement(0, count: slots.count))
  }

  mutating func push(_ hash: UInt64) -> UInt32? {
    hashes[next] = hash
    next = (next + 1) % hashes.count
    count += 1
    return count >= hashes.count ? combined(taking: hashes.count) : nil
  }

  private func combined(taking n: Int) -> UInt32 {
    var h: UInt64 = UInt64(n)
    var position = (next - n + hashes.count * 2) % hashes.count
    for _ in 0..<n {
      h = StableHash.combine(h, hashes[position])
      position = (position + 1) % hashes.count
    }
    return UInt32(truncatingIfNeeded: h ^ (h >> 32))
  }
}
