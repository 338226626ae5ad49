import XCTest

@testable import StillwatchCore

final class PatternTextCutTests: XCTestCase {
  /// `cut` matches what `String(decoding:as:)` keeps of a prefix of valid UTF-8.
  func testCutMatchesStringRepair() {
    let texts = ["", "plain", "é", "a€b", "😀😀", "x😀é€y", String(repeating: "ä😀", count: 9)]
    for text in texts {
      let bytes = Array(text.utf8)
      for limit in 0...(bytes.count + 1) {
        let expected = Array(String(decoding: bytes.prefix(limit), as: UTF8.self).utf8)
        let (keep, split) = bytes.withUnsafeBytes { FeatureExtractor.cut($0, limit: limit) }
        let got = Array(bytes[0..<keep]) + (split ? [0xEF, 0xBF, 0xBD] : [])
        XCTAssertEqual(got, expected, "\(text) cut at \(limit)")
      }
    }
  }
}
