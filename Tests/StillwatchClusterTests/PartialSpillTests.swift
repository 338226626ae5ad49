import Foundation
import StillwatchCore
import XCTest

@testable import StillwatchCluster

/// The out-of-core reduction gives exactly the in-memory reduction.
final class PartialSpillTests: XCTestCase {
  func partials(seed: UInt64) -> (whole: SweepPartial, parts: [SweepPartial]) {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 17
    }
    let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"]
    var extractor = FeatureExtractor(exampleSampling: 3)
    var whole = SweepPartial(parameters: .standard, windowMillis: 600_000)
    var parts: [SweepPartial] = (0..<7).map { _ in
      SweepPartial(parameters: .standard, windowMillis: 600_000)
    }
    for i in 0..<3000 {
      let templated = next() % 3 == 0
      let text =
        templated
        ? "Write out the complete step by step reasoning for problem \(next() % 50)"
        : (0..<12).map { _ in words[Int(next() % UInt64(words.count))] }.joined(separator: " ")
      let exchange = Exchange(
        id: "e\(i)", timestampMillis: 1_770_000_000_000 + Int64(i) * 60_000,
        account: templated ? "t\(next() % 40)" : "b\(next() % 300)",
        paymentFingerprint: "pay-\(next() % 9)",
        messages: [Message(role: "user", text: text)])
      let features = extractor.features(of: exchange)
      whole.add(features)
      parts[Int(next() % 7)].add(features)
    }
    return (whole, parts)
  }

  func testSpilledReductionEqualsTheInMemoryOne() throws {
    let (whole, parts) = partials(seed: 5)
    let settings = DetectionSettings.standard
    let buckets = BucketIndex(accounts: Array(whole.accounts.values))
    var expected = whole.reduced(buckets: buckets, settings: settings)
    expected.exchanges = 0
    expected.quarantine = []
    XCTAssertGreaterThan(buckets.sharedBuckets, 10, "the corpus has shared buckets")
    let kept = expected.accounts.values.reduce(0) { $0 + $1.templates.count }
    let all = whole.accounts.values.reduce(0) { $0 + $1.templates.count }
    XCTAssertLessThan(kept * 2, all, "reduction drops unshared buckets")

    // Merged partitions all written between the passes, all kept in memory,
    // or some of each (a budget whose share is about an average partition
    // with its bucket keys).
    let mixedBudget = whole.estimatedMemoryBytes + Int64(all * 8)
    for partitions in [1, 3, 8] {
      var spilled: [Int64] = []
      for budget in [0, Int64.max / 2, mixedBudget] {
        let directory = NSTemporaryDirectory() + "sw-spill-\(UUID().uuidString)"
        let spill = try PartialSpill(
          directory: directory, partitions: partitions, parameters: .standard,
          windowMillis: 600_000)
        for part in parts.reversed() { try spill.append(part) }
        let appended = spill.bytesSpilled
        let (reduced, index) = try spill.reduce(settings: settings, memoryBudget: budget)
        XCTAssertEqual(index, buckets)
        XCTAssertTrue(reduced == expected, "\(partitions) partitions, budget \(budget)")
        XCTAssertGreaterThan(spill.bytesSpilled, 0)
        if budget != mixedBudget {
          XCTAssertEqual(spill.partitionsKeptInMemory, budget == 0 ? 0 : partitions)
        } else if partitions > 1 {
          XCTAssertTrue(
            (1..<partitions).contains(spill.partitionsKeptInMemory),
            "some of each: \(spill.partitionsKeptInMemory) of \(partitions)")
        }
        if spill.partitionsKeptInMemory == partitions {
          // Neither merged profiles nor bucket keys are written between passes.
          XCTAssertEqual(spill.bytesSpilled, appended, "\(partitions) partitions kept")
        }
        spilled.append(spill.bytesSpilled)
        spill.remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory))
      }
      XCTAssertGreaterThan(spilled[0], spilled[1], "kept partitions are not written")
    }
  }

  /// The reduce takes account partitions largest first: a permutation of
  /// the partitions, by spill file size, ties by number.
  func testPartitionsAreTakenLargestFirst() throws {
    let (_, parts) = partials(seed: 9)
    let directory = NSTemporaryDirectory() + "sw-order-\(UUID().uuidString)"
    let spill = try PartialSpill(
      directory: directory, partitions: 8, parameters: .standard, windowMillis: 600_000)
    defer { spill.remove() }
    for part in parts { try spill.append(part) }
    // Close the spill files so their sizes are final.
    _ = try spill.reduce(settings: .standard)
    let layout = spill.layout
    let order = layout.largestFirst()
    XCTAssertEqual(order.sorted(), Array(0..<8))
    func size(_ p: Int) throws -> Int64 {
      let attributes = try FileManager.default.attributesOfItem(atPath: layout.path(p, "accounts"))
      return (attributes[.size] as? NSNumber)?.int64Value ?? -1
    }
    let sizes = try order.map(size)
    XCTAssertGreaterThan(Set(sizes).count, 1, "partitions of different sizes")
    for i in 1..<order.count {
      XCTAssertTrue(
        sizes[i - 1] > sizes[i] || (sizes[i - 1] == sizes[i] && order[i - 1] < order[i]),
        "\(order), \(sizes)")
    }
  }

  /// Records come back one by one, in order; a file cut inside a record's
  /// header or body throws; a missing file has none.
  func testRecordsStreamInOrderAndACutFileThrows() throws {
    let records: [[UInt8]] = [Array(0..<200), [], Array(repeating: 7, count: 70_000), [42]]
    var file: [UInt8] = []
    var boundaries: Set<Int> = [0]
    for record in records {
      var w = BinaryWriter()
      w.write(UInt64(record.count))
      file += w.bytes + record
      boundaries.insert(file.count)
    }
    let path = NSTemporaryDirectory() + "sw-records-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: path) }
    func read(_ bytes: [UInt8]) throws -> [[UInt8]] {
      XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      var seen: [[UInt8]] = []
      try PartialSpill.forEachRecord(path) { seen.append($0) }
      return seen
    }
    XCTAssertEqual(try read(file), records)
    for cut in [1, 7, 8, 9, 100, 207, 208, 215, 216, 40_000, file.count - 1] {
      if boundaries.contains(cut) {
        XCTAssertNoThrow(try read(Array(file[..<cut])), "cut at \(cut)")
      } else {
        XCTAssertThrowsError(try read(Array(file[..<cut])), "cut at \(cut)")
      }
    }
    // A damaged length far past the file's end throws; nothing that size is allocated.
    for length in [UInt64(1) << 40, UInt64.max] {
      var w = BinaryWriter()
      w.write(length)
      XCTAssertThrowsError(try read(w.bytes + [1, 2, 3]), "length \(length)")
    }
    try FileManager.default.removeItem(atPath: path)
    var none = 0
    try PartialSpill.forEachRecord(path) { _ in none += 1 }
    XCTAssertEqual(none, 0)
  }

  /// Pieces delivered from several threads in any order are joined in index
  /// order, into what joining them one after another gives; a missing piece
  /// is an error, not a short result.
  func testOrderedJoinEqualsJoiningInOrder() throws {
    let (whole, _) = partials(seed: 9)
    let pieces = whole.split(into: 6)
    var expected = SweepPartial(parameters: .standard, windowMillis: 600_000)
    for piece in pieces {
      expected.accounts.merge(piece.accounts) { a, _ in a }
      expected.templateExamples.merge(piece.templateExamples) { a, _ in a }
    }
    XCTAssertEqual(expected.accounts.count, whole.accounts.count)
    for round in 0..<20 {
      let order = (0..<pieces.count).shuffled()
      let join = OrderedJoin(parameters: .standard, windowMillis: 600_000, accounts: 0)
      DispatchQueue.concurrentPerform(iterations: order.count) { slot in
        join.deliver(pieces[order[slot]], at: order[slot])
      }
      let joined = try join.joined(count: pieces.count)
      XCTAssertTrue(joined == expected, "round \(round)")
    }
    let short = OrderedJoin(parameters: .standard, windowMillis: 600_000, accounts: 0)
    for index in [0, 2, 3] { short.deliver(pieces[index], at: index) }
    XCTAssertThrowsError(try short.joined(count: 4))
  }
}
