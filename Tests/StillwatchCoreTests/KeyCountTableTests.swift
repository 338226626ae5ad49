import XCTest

@testable import StillwatchCore

final class KeyCountTableTests: XCTestCase {
  /// Random sets and adds (with growth from the smallest size, and keys that
  /// collide in their home slot) agree with a Dictionary at every step's end.
  func testAgreesWithADictionary() {
    var rng = TestRandom(seed: 7)
    var table = KeyCountTable()
    var reference: [UInt64: Int32] = [:]
    for step in 0..<20_000 {
      // Small key space so keys repeat; some keys differ only in low bits.
      let key = (rng.next() % 3_000) << (step % 3 == 0 ? 40 : 0)
      if step % 5 == 0 {
        let value = Int32(rng.next() % 9 + 1)
        table.set(key, to: value)
        reference[key] = value
      } else {
        table.add(key, 2)
        reference[key, default: 0] += 2
      }
    }
    XCTAssertEqual(table.count, reference.count)
    for (key, value) in reference { XCTAssertEqual(table.count(of: key), value) }
    XCTAssertEqual(table.count(of: 0xDEAD_BEEF_0000_0001), 0)
    XCTAssertFalse(table.contains(0xDEAD_BEEF_0000_0001))
    let entries = table.sortedEntries
    XCTAssertEqual(entries.map(\.key), reference.keys.sorted())
    XCTAssertEqual(entries.map(\.count), reference.keys.sorted().map { reference[$0]! })
  }

  /// Equality depends on the pairs, not on insertion order or table size.
  func testEqualityIgnoresOrderAndCapacity() {
    let pairs: [(UInt64, Int32)] = (1...500).map {
      (UInt64($0) &* 0x1234_5678_9ABC, Int32($0 % 7 + 1))
    }
    var forward = KeyCountTable()
    for (key, value) in pairs { forward.set(key, to: value) }
    var backward = KeyCountTable(expectedCount: 10_000)
    for (key, value) in pairs.reversed() { backward.set(key, to: value) }
    XCTAssertEqual(forward, backward)
    backward.add(pairs[0].0)
    XCTAssertNotEqual(forward, backward)
    XCTAssertEqual(BucketIndex(counts: [(5, 2), (6, 1), (7, 3)]).sharedBuckets, 2)
    XCTAssertEqual(BucketIndex(counts: [(5, 2), (6, 1), (7, 3)]).accounts(in: 6), 0)
  }

  /// Emptied keeping its slots, a table is empty and equal to a new one, and
  /// then counts new keys as a new table does; emptied without, it lets its
  /// slots go.
  func testRemoveAllKeepingCapacityEmptiesTheSlots() {
    var table = KeyCountTable()
    for key in 1...40 as ClosedRange<UInt64> { table.add(key &* 0x9E37_79B9, 3) }
    let slots = table.slotCount
    table.removeAll(keepingCapacity: true)
    XCTAssertEqual(table.slotCount, slots)
    XCTAssertTrue(table.isEmpty)
    XCTAssertEqual(table, KeyCountTable())
    XCTAssertEqual(table.count(of: 1 &* 0x9E37_79B9), 0)
    var fresh = KeyCountTable()
    for key in 30...90 as ClosedRange<UInt64> {
      table.add(key &* 0x9E37_79B9)
      fresh.add(key &* 0x9E37_79B9)
    }
    XCTAssertEqual(table, fresh)
    XCTAssertEqual(table.sortedEntries.map(\.count), Array(repeating: 1, count: 61))
    table.removeAll()
    XCTAssertEqual(table.slotCount, 0)
    XCTAssertTrue(table.isEmpty)
  }

  /// A compacted table holds the same pairs in fewer slots, answers the same,
  /// and grows back correctly on the next insertion.
  func testCompactKeepsEveryPair() {
    var table = KeyCountTable()
    for key in 1...1_500 as ClosedRange<UInt64> {
      table.add(key &* 0x51_7CC1_B727_220A, Int(key % 5) + 1)
    }
    let before = table.sortedEntries
    let slotsBefore = table.slotCount
    table.compact()
    XCTAssertLessThan(table.slotCount, slotsBefore)
    XCTAssertGreaterThanOrEqual(table.slotCount * 7, table.count * 8)
    XCTAssertEqual(table.sortedEntries.map(\.key), before.map(\.key))
    XCTAssertEqual(table.sortedEntries.map(\.count), before.map(\.count))
    for (key, count) in before { XCTAssertEqual(table.count(of: key), count) }
    XCTAssertNil(table.slot(of: 12_345))
    table.add(12_345)
    XCTAssertEqual(table.count(of: 12_345), 1)
    XCTAssertEqual(table.count, 1_501)
  }

  /// A table made compact from a list of pairs (a reduced profile's shared
  /// buckets) equals the same pairs added then compacted, in as many slots,
  /// and grows back correctly; sizes from none to thousands.
  func testMadeCompactEqualsAddedThenCompacted() {
    for size in [0, 1, 7, 14, 15, 100, 2_345] {
      var added = KeyCountTable()
      var pairs: [(key: UInt64, count: Int32)] = []
      for i in 0..<size {
        let key = UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15
        added.add(key, i % 7 + 1)
        pairs.append((key, Int32(i % 7 + 1)))
      }
      added.compact()
      var made = KeyCountTable(compact: pairs)
      XCTAssertEqual(made, added, "size \(size)")
      XCTAssertEqual(made.count, size)
      XCTAssertEqual(made.slotCount, added.slotCount, "size \(size)")
      for (key, count) in pairs { XCTAssertEqual(made.count(of: key), count) }
      made.add(42)
      XCTAssertEqual(made.count(of: 42), 1)
      XCTAssertEqual(made.count, size + 1)
    }
  }

  /// A table filled from empty by walking a bigger table in slot order (how a
  /// reduced profile keeps its shared buckets and how group tallies add up
  /// their members) keeps short probe runs, as one filled in random order
  /// does. Part way through such a walk, the keys seen so far are those of the
  /// bigger table's first slots; they must not pile up in one run at the start
  /// of the new table (every insertion would then probe the whole run).
  func testFillingFromAnotherTablesWalkKeepsProbesShort() {
    var rng = TestRandom(seed: 11)
    var big = KeyCountTable()
    for _ in 0..<100_000 { big.add(rng.next()) }
    var firstQuarter = KeyCountTable()
    var walked = 0
    big.forEach { key, count in
      if walked < 25_000 { firstQuarter.set(key, to: count) }
      walked += 1
    }
    XCTAssertEqual(firstQuarter.count, 25_000)
    var random = KeyCountTable()
    for _ in 0..<25_000 { random.add(rng.next()) }
    XCTAssertLessThan(firstQuarter.longestProbe, 4 * max(random.longestProbe, 16))
  }
}
