/// Finds which of a fixed set of byte phrases occur in a text, in one pass:
/// each text position is compared only with the phrases that start with its
/// byte.
///
/// Guarantees: `matches` reports exactly the phrases that occur as substrings
/// (the same answer as checking each phrase alone); no allocation per call
/// beyond the caller's `found` buffer.
public struct PhraseSet: Sendable {
  public let phrases: [[UInt8]]
  /// For each first byte, the indices of the phrases that start with it.
  private let byFirstByte: [[Int]]

  public init(_ phrases: [[UInt8]]) {
    self.phrases = phrases
    var table = Array(repeating: [Int](), count: 256)
    for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
      table[Int(phrase[0])].append(index)
    }
    byFirstByte = table
  }

  /// Sets `found[i]` for every phrase i that occurs in `text` (resets it first).
  public func matches(in text: UnsafeBufferPointer<UInt8>, found: inout [Bool]) {
    if found.count != phrases.count {
      found = Array(repeating: false, count: phrases.count)
    } else {
      for i in found.indices { found[i] = false }
    }
    let count = text.count
    var position = 0
    while position < count {
      let candidates = byFirstByte[Int(text[position])]
      if !candidates.isEmpty {
        for index in candidates where !found[index] {
          let phrase = phrases[index]
          guard position + phrase.count <= count else { continue }
          var matched = 1
          while matched < phrase.count && text[position + matched] == phrase[matched] {
            matched += 1
          }
          if matched == phrase.count { found[index] = true }
        }
      }
      position += 1
    }
  }
}
