/// Finds which of a fixed set of byte phrases occur in a text, in one pass.
///
/// With up to 64 phrases, each position is filtered by three table lookups:
/// the phrases whose first, second and third bytes equal the text's next
/// three bytes are the AND of three bit masks, and only those (usually none)
/// are compared byte by byte. With more phrases, each position is compared
/// with the phrases that start with its byte.
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
  /// `masks[k * 256 + b]`: bit i set when phrase i has byte b at offset k, or
  /// is shorter than k + 1 bytes (k = 0, 1, 2). Empty when over 64 phrases.
  private let masks: [UInt64]
  /// One bit per non-empty phrase (with `masks`).
  private let searched: UInt64

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
    var masks: [UInt64] = []
    var searched: UInt64 = 0
    if phrases.count <= 64 {
      masks = Array(repeating: 0, count: 3 * 256)
      for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
        let bit = UInt64(1) << UInt64(index)
        searched |= bit
        for offset in 0..<3 {
          if offset < phrase.count {
            masks[offset * 256 + Int(phrase[offset])] |= bit
          } else {
            for byte in 0..<256 { masks[offset * 256 + byte] |= bit }
          }
        }
      }
    }
    self.masks = masks
    self.searched = searched
  }

  /// Sets `found[i]` for every phrase i that occurs in `text` (resets it first).
  public func matches(in text: UnsafeBufferPointer<UInt8>, found: inout [Bool]) {
    if found.count != phrases.count {
      found = Array(repeating: false, count: phrases.count)
    } else {
      for i in found.indices { found[i] = false }
    }
    if masks.isEmpty {
      scanByFirstByte(text, from: 0, found: &found)
    } else {
      let tail = scanWithMasks(text, found: &found)
      scanByFirstByte(text, from: tail, found: &found)
    }
  }

  /// The three-byte filtered scan over every position with two bytes after
  /// it; returns the first position it did not look at.
  private func scanWithMasks(_ text: UnsafeBufferPointer<UInt8>, found: inout [Bool]) -> Int {
    let count = text.count
    guard count >= 3 else { return 0 }
    var remaining = searched
    return masks.withUnsafeBufferPointer { masks in
      var position = 0
      while position + 2 < count && remaining != 0 {
        var hits =
          masks[Int(text[position])] & masks[256 + Int(text[position + 1])]
          & masks[512 + Int(text[position + 2])] & remaining
        while hits != 0 {
          let index = hits.trailingZeroBitCount
          hits &= hits - 1
          if Self.occurs(phrases[index], in: text, at: position) {
            found[index] = true
            remaining &= ~(UInt64(1) << UInt64(index))
          }
        }
        position += 1
      }
      return remaining == 0 ? count : position
    }
  }

  /// Compares each position from `start` with the phrases starting with its byte.
  private func scanByFirstByte(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int, found: inout [Bool]
  ) {
    let count = text.count
    starts.withUnsafeBufferPointer { starts in
      candidates.withUnsafeBufferPointer { candidates in
        var position = start
        while position < count {
          let byte = Int(text[position])
          var slot = Int(starts[byte])
          let end = Int(starts[byte + 1])
          while slot < end {
            let index = Int(candidates[slot])
            slot += 1
            if !found[index] && Self.occurs(phrases[index], in: text, at: position) {
              found[index] = true
            }
          }
          position += 1
        }
      }
    }
  }

  @inline(__always)
  private static func occurs(
    _ phrase: [UInt8], in text: UnsafeBufferPointer<UInt8>, at position: Int
  )
    -> Bool
  {
    phrase.withUnsafeBufferPointer { phrase in
      guard position + phrase.count <= text.count else { return false }
      var matched = 0
      while matched < phrase.count && text[position + matched] == phrase[matched] {
        matched += 1
      }
      return matched == phrase.count
    }
  }
}
