import XCTest

@testable import StillwatchCore

final class ByteKeyedCacheTests: XCTestCase {
  /// Whatever it keeps or replaces, the cache answers what `make` gives for
  /// the bytes asked, remembers values that come back often, and never holds
  /// more than its slots.
  func testAnswersWhatMakeGivesAndStaysWithinItsSlots() {
    var cache = ByteKeyedCache<String>(slots: 100)
    XCTAssertEqual(cache.slots, 128)
    var made = 0
    var rng = TestRandom(seed: 11)
    for round in 0..<5_000 {
      // A few hot keys among many rare ones (more than the slots).
      let key = round % 3 == 0 ? "k\(rng.next() % 5_000)" : "hot\(rng.next() % 16)"
      let bytes = Array(key.utf8)
      let value = bytes.withUnsafeBytes { raw in
        cache.value(for: raw) {
          made += 1
          return "v:" + String(decoding: $0, as: UTF8.self)
        }
      }
      XCTAssertEqual(value, "v:" + key)
      XCTAssertLessThanOrEqual(cache.count, 128)
    }
    XCTAssertLessThan(made, 2_500, "hot keys are remembered")
    XCTAssertGreaterThan(made, 1_000, "rare keys beyond the slots are made again")
    // The empty key, and keys that differ only in length.
    for key in ["", "\0", "\0\0", "", "\0"] {
      let value = Array(key.utf8).withUnsafeBytes { raw in
        cache.value(for: raw) { "<" + String(decoding: $0, as: UTF8.self) + ">" }
      }
      XCTAssertEqual(value, "<" + key + ">")
    }
  }

  /// Keys around the flat storage's stride, short and long ones taking each
  /// other's slots, keys that differ only past the stride or only in length:
  /// every answer is what `make` gives for the bytes asked.
  func testKeysLongerThanTheStrideAreKeptApart() {
    var cache = ByteKeyedCache<String>(slots: 4, keyStride: 8)
    var rng = TestRandom(seed: 12)
    let stems = ["", "a", "abcdefg", "abcdefgh", "abcdefghi", String(repeating: "x", count: 40)]
    var made = 0
    for _ in 0..<3_000 {
      let stem = stems[Int(rng.next() % UInt64(stems.count))]
      let key = stem + (rng.next() % 2 == 0 ? "" : String(rng.next() % 3))
      let value = Array(key.utf8).withUnsafeBytes { raw in
        cache.value(for: raw) {
          made += 1
          return "<" + String(decoding: $0, as: UTF8.self) + ">"
        }
      }
      XCTAssertEqual(value, "<" + key + ">")
    }
    XCTAssertLessThan(made, 3_000, "some keys are remembered")
  }
}
