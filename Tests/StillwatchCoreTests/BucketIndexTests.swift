import XCTest

@testable import StillwatchCore

final class BucketIndexTests: XCTestCase {
  /// An index built in shards (keys filed by `key % shards`, as the spill's
  /// bucket partitions file them) answers as the one-table index does, for
  /// power-of-two and other shard counts: the same counts, slots distinct and
  /// below `slotCount`, and the two compare equal.
  func testShardedIndexAnswersAsOneTable() {
    var rng = TestRandom(seed: 17)
    var keys: [UInt64] = []
    for _ in 0..<6_000 {
      let key = rng.next() % 2_500 &* 0x9E37_79B9_7F4A_7C15
      keys.append(contentsOf: repeatElement(key, count: Int(rng.next() % 4)))
    }
    var sorted = keys
    let counts = BucketIndex.sharedCounts(sorting: &sorted)
    let whole = BucketIndex(counts: counts)
    XCTAssertGreaterThan(whole.sharedBuckets, 1_000)
    let probes = Set(keys).sorted() + (0..<200).map { _ in rng.next() }
    for shardCount in [1, 2, 3, 8, 13] {
      var byShard = Array(repeating: [(key: UInt64, count: Int32)](), count: shardCount)
      for entry in counts { byShard[Int(entry.key % UInt64(shardCount))].append(entry) }
      let sharded = BucketIndex(shards: byShard.map { BucketIndex.shard($0) })
      XCTAssertEqual(sharded.sharedBuckets, whole.sharedBuckets, "\(shardCount) shards")
      XCTAssertEqual(sharded, whole)
      XCTAssertEqual(whole, sharded)
      var slots = Set<Int>()
      for key in probes {
        XCTAssertEqual(sharded.accounts(in: key), whole.accounts(in: key), "\(shardCount) shards")
        XCTAssertEqual(sharded.slot(of: key) == nil, whole.slot(of: key) == nil)
        if let slot = sharded.slot(of: key) {
          XCTAssertLessThan(slot, sharded.slotCount)
          XCTAssertTrue(slots.insert(slot).inserted, "slot \(slot) given twice")
        }
      }
      XCTAssertEqual(slots.count, whole.sharedBuckets)
    }
    // One count off makes the indexes differ.
    var changed = counts
    changed[0].count += 1
    XCTAssertNotEqual(BucketIndex(counts: changed), whole)
  }
}
