/// Finds which of a fixed set of byte phrases occur in a text, in one pass:
/// each text position is compared only with the phrases that start with its
/// byte.
///
/// Guarantees: `matches` reports exactly the phrases that occur as substrings
/// (the same answer as checking each phrase alone); no allocation per call
/// beyond the caller's `found` buffer.
public struct PhraseSet: Sendable {
  public let phrases: [[UInt8]]
  /// Phrase indices grouped by first byte: those starting with byte b are
  /// `candidates[starts[b]..<starts[b + 1]]` (flat arrays: no reference
  /// counting in the scan).
  private let starts: [Int32]
  private let candidates: [Int32]

  public init(_ phrases: [[UInt8]]) {
    self.phrases = phrases
    var table = Array(repeating: [Int32](), count: 256)
    for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
      table[Int(phrase[0])].append(Int32(index))
    }
    var starts: [Int32] = [0]
    for list in table { starts.append(starts.last! + Int32(list.count)) }
    self.starts = starts
    candidates = table.flatMap { $0 }
  }

  /// Sets `found[i]` for every phrase i that occurs in `text` (resets it first).
  public func matches(in text: UnsafeBufferPointer<UInt8>, found: inout [Bool]) {
    if found.count != phrases.count {
      found = Array(repeating: false, count: phrases.count)
    } else {
      for i in found.indices { found[i] = false }
    }
    let count = text.count
    starts.withUnsafeBufferPointer { starts in
      candidates.withUnsafeBufferPointer { candidates in
        var position = 0
        while position < count {
          let byte = Int(text[position])
          var slot = Int(starts[byte])
          let end = Int(starts[byte + 1])
          while slot < end {
            let index = Int(candidates[slot])
            slot += 1
            if found[index] { continue }
            phrases[index].withUnsafeBufferPointer { phrase in
              guard position + phrase.count <= count else { return }
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
  }
}
