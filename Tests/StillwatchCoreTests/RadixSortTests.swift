import XCTest

@testable import StillwatchCore

final class RadixSortTests: XCTestCase {
  /// Equals the standard sort on random keys, on keys that share high or low
  /// digits (skipped passes), with duplicates, and on tiny inputs.
  func testEqualsTheStandardSort() {
    var rng = TestRandom(seed: 21)
    let shapes: [(Int, (UInt64) -> UInt64)] = [
      (100_000, { $0 }),
      (50_000, { $0 & 0xFFFF }),
      (50_000, { $0 << 32 }),
      (30_000, { $0 % 97 }),
      (20_000, { 0xDEAD_BEEF_0000_0000 | ($0 & 0xFF_FFFF) }),
      (3, { $0 }),
      (5_000, { _ in 42 }),
    ]
    for (count, shape) in shapes {
      let keys = (0..<count).map { _ in shape(rng.next()) }
      var sorted = keys
      RadixSort.sort(&sorted)
      XCTAssertEqual(sorted, keys.sorted(), "\(count) keys")
    }
    var empty: [UInt64] = []
    RadixSort.sort(&empty)
    XCTAssertEqual(empty, [])
  }
}
