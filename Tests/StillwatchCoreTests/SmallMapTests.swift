import XCTest

@testable import StillwatchCore

/// `SmallMap` holds what a `Dictionary` given the same writes and merges
/// holds, whether it keeps one entry inline or a dictionary.
final class SmallMapTests: XCTestCase {
  func testAgreesWithADictionaryUnderRandomWritesAndMerges() {
    var rng = TestRandom(seed: 7)
    for round in 0..<2_000 {
      // Few keys, so maps of zero, one and several entries all occur.
      let keys = 1 + Int(rng.next() % 4)
      var small = SmallMap<String, Int>()
      var plain: [String: Int] = [:]
      var other = SmallMap<String, Int>()
      var otherPlain: [String: Int] = [:]
      // Some maps are emptied first (a reused profile's), keeping their
      // storage or not, and written to again.
      for phase in 0..<2 {
        if phase == 1 {
          guard round % 3 != 0 else { break }
          small.removeAll(keepingCapacity: round % 2 == 0)
          plain.removeAll()
          other.removeAll(keepingCapacity: round % 5 != 0)
          otherPlain.removeAll()
          XCTAssertTrue(small.isEmpty)
          XCTAssertEqual(small.count, 0)
          XCTAssertNil(small["k0"])
        }
        for _ in 0..<Int(rng.next() % 4) {
          let key = "k\(rng.next() % UInt64(keys))"
          let add = Int(rng.next() % 5) + 1
          small[key, default: 0] += add
          plain[key, default: 0] += add
        }
        for _ in 0..<Int(rng.next() % 4) {
          let key = "k\(rng.next() % UInt64(keys))"
          other[key] = Int(rng.next() % 9)
          otherPlain[key] = other[key]
        }
      }
      if round % 2 == 0 {
        small.merge(other, uniquingKeysWith: -)
        plain.merge(otherPlain, uniquingKeysWith: -)
      } else {
        other.merge(small, uniquingKeysWith: -)
        otherPlain.merge(plain, uniquingKeysWith: -)
        small = other
        plain = otherPlain
      }
      XCTAssertEqual(small.count, plain.count)
      XCTAssertEqual(small.isEmpty, plain.isEmpty)
      var expected = SmallMap<String, Int>()
      for (key, value) in plain { expected[key] = value }
      XCTAssertEqual(small, expected)
      XCTAssertEqual(Dictionary(uniqueKeysWithValues: small.map { ($0.key, $0.value) }), plain)
      for key in ["k0", "k1", "k2", "k3"] { XCTAssertEqual(small[key], plain[key]) }
    }
  }

  func testEqualityComparesEntriesNotStorage() {
    var a: SmallMap<UInt64, Int> = [1: 2]
    var b: SmallMap<UInt64, Int> = [:]
    XCTAssertNotEqual(a, b)
    b[1] = 2
    XCTAssertEqual(a, b)
    a[3] = 4
    b.merge([3: 4], uniquingKeysWith: +)
    XCTAssertEqual(a, b)
    b[3, default: 0] += 1
    XCTAssertNotEqual(a, b)
    XCTAssertEqual(a.count, 2)
    XCTAssertEqual(a.sorted { $0.key < $1.key }.map(\.value), [2, 4])
  }
}
