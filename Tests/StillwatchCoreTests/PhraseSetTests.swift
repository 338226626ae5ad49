import XCTest

@testable import StillwatchCore

final class PhraseSetTests: XCTestCase {
  func testMatchesExactlyTheSubstringsThatOccur() {
    var rng = TestRandom(seed: 21)
    let alphabet = Array("ab c".utf8)
    let phrases = (0..<40).map { _ in
      (0..<(1 + Int(rng.next() % 4))).map { _ in alphabet[Int(rng.next() % 4)] }
    }
    let set = PhraseSet(phrases)
    var found: [Bool] = []
    for _ in 0..<300 {
      let text = (0..<Int(rng.next() % 30)).map { _ in alphabet[Int(rng.next() % 4)] }
      text.withUnsafeBufferPointer { set.matches(in: $0, found: &found) }
      for (index, phrase) in phrases.enumerated() {
        let naive =
          text.count >= phrase.count
          && (0...(text.count - phrase.count)).contains {
            Array(text[$0..<($0 + phrase.count)]) == phrase
          }
        XCTAssertEqual(found[index], naive, "\(phrase) in \(text)")
      }
    }
  }
}

extension PhraseSetTests {
  /// Over 64 phrases the set scans by first byte; the answer is the same.
  func testManyPhrasesGiveTheSameAnswer() {
    var rng = TestRandom(seed: 22)
    let alphabet = Array("abc d".utf8)
    let phrases = (0..<100).map { _ in
      (0..<(1 + Int(rng.next() % 5))).map { _ in alphabet[Int(rng.next() % 5)] }
    }
    let whole = PhraseSet(phrases)
    let low = PhraseSet(Array(phrases[..<50]))
    let high = PhraseSet(Array(phrases[50...]))
    var found: [Bool] = []
    var lowFound: [Bool] = []
    var highFound: [Bool] = []
    for _ in 0..<300 {
      let text = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % 5)] }
      text.withUnsafeBufferPointer {
        whole.matches(in: $0, found: &found)
        low.matches(in: $0, found: &lowFound)
        high.matches(in: $0, found: &highFound)
      }
      XCTAssertEqual(found, lowFound + highFound, "\(text)")
    }
  }
}
