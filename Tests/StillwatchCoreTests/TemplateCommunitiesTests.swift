import Dispatch
import XCTest

@testable import StillwatchCore

final class TemplateCommunitiesTests: XCTestCase {
  /// Random accounts over a small pool of buckets: the labels equal a plain
  /// dictionary-based label propagation, and are the same whether the rounds
  /// run serially or in pieces on several threads.
  func testLabelsMatchAPlainPropagationOnAnyRunner() {
    var rng = TestRandom(seed: 11)
    var profiles: [AccountProfile] = []
    for _ in 0..<400 {
      var profile = AccountProfile()
      profile.exchanges = 10
      // Two "campaign" pools and a noisy tail, so communities form.
      let pool = UInt64(rng.next() % 3)
      for _ in 0..<(1 + Int(rng.next() % 6)) {
        let key = pool == 2 ? rng.next() % 5_000 : pool * 100 + rng.next() % 20
        profile.templates.add(key &* 0x9E37_79B9, 1 + Int(rng.next() % 4))
      }
      profiles.append(profile)
    }
    let members = profiles.indices.map { _ in rng.next() % 10 != 0 }
    let buckets = BucketIndex(accounts: profiles)
    let threaded = ConcurrentRunner(width: 4) { count, body in
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
    let serial = TemplateCommunities(profiles: profiles, members: members, buckets: buckets)
    let parallel = TemplateCommunities(
      profiles: profiles, members: members, buckets: buckets, runner: threaded)
    XCTAssertEqual(serial.labels, parallel.labels)
    XCTAssertEqual(serial.labels, Self.plainPropagation(profiles, members, buckets))
    XCTAssertLessThan(Set(serial.labels).count, 300, "communities formed")
  }

  /// The graph built in pieces on several threads (account ranges for both
  /// sides) is the serial one, and its two sides list the same (account,
  /// bucket, weight) pairs.
  func testGraphBuiltInPiecesEqualsTheSerialGraph() {
    var rng = TestRandom(seed: 5)
    var profiles: [AccountProfile] = []
    for _ in 0..<300 {
      var profile = AccountProfile()
      for _ in 0..<(1 + Int(rng.next() % 8)) {
        profile.templates.add((rng.next() % 400) &* 0x9E37_79B9, 1 + Int(rng.next() % 3))
      }
      profiles.append(profile)
    }
    let members = profiles.indices.map { _ in rng.next() % 7 != 0 }
    let buckets = BucketIndex(accounts: profiles)
    let threaded = ConcurrentRunner(width: 3) { count, body in
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
    typealias Graph = TemplateCommunities.Graph
    let serial = Graph(profiles: profiles, members: members, buckets: buckets)
    let pieces = Graph(profiles: profiles, members: members, buckets: buckets, runner: threaded)
    XCTAssertGreaterThan(serial.bucketCount, 50)
    XCTAssertEqual(serial.accounts, pieces.accounts)
    XCTAssertEqual(serial.accountStarts, pieces.accountStarts)
    XCTAssertEqual(serial.accountBuckets, pieces.accountBuckets)
    XCTAssertEqual(serial.accountWeights, pieces.accountWeights)
    XCTAssertEqual(serial.bucketCount, pieces.bucketCount)
    XCTAssertEqual(serial.bucketStarts, pieces.bucketStarts)
    XCTAssertEqual(serial.bucketAccounts, pieces.bucketAccounts)
    XCTAssertEqual(serial.bucketWeights, pieces.bucketWeights)
    var fromAccounts: [String] = []
    for slot in serial.accounts.indices {
      for i in serial.accountStarts[slot]..<serial.accountStarts[slot + 1] {
        fromAccounts.append(
          "\(serial.accounts[slot]) \(serial.accountBuckets[i]) \(serial.accountWeights[i])")
      }
    }
    var fromBuckets: [String] = []
    for bucket in 0..<serial.bucketCount {
      let range = serial.bucketStarts[bucket]..<serial.bucketStarts[bucket + 1]
      XCTAssertGreaterThanOrEqual(range.count, 2, "a kept bucket has two member accounts")
      XCTAssertEqual(Array(serial.bucketAccounts[range]), serial.bucketAccounts[range].sorted())
      for i in range {
        fromBuckets.append("\(serial.bucketAccounts[i]) \(bucket) \(serial.bucketWeights[i])")
      }
    }
    XCTAssertEqual(fromAccounts.sorted(), fromBuckets.sorted())
  }

  /// Vote pieces cover every node once, in order, none empty, and split the
  /// edges evenly even when one node holds most of them.
  func testVotePiecesBalanceEdgesAndCoverEveryNode() {
    let threaded = ConcurrentRunner(width: 2) { count, body in
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
    var rng = TestRandom(seed: 11)
    for trial in 0..<50 {
      let nodes = 1 + Int(rng.next() % 300)
      var starts = [0]
      for node in 0..<nodes {
        let degree = node == nodes / 2 && trial % 2 == 0 ? 5_000 : Int(rng.next() % 20)
        starts.append(starts[node] + degree)
      }
      for runner in [ConcurrentRunner.serial, threaded] {
        let pieces = runner.ranges(nodes, balancing: starts)
        XCTAssertEqual(pieces.first?.lowerBound, 0)
        XCTAssertEqual(pieces.last?.upperBound, nodes)
        XCTAssertLessThanOrEqual(pieces.count, runner.width == 1 ? 1 : 8)
        for (a, b) in zip(pieces, pieces.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
        XCTAssertTrue(pieces.allSatisfy { !$0.isEmpty })
        // No piece holds much more than its share, apart from one heavy node.
        let share = starts[nodes] / max(1, pieces.count)
        let heaviest = (0..<nodes).map { starts[$0 + 1] - starts[$0] }.max() ?? 0
        for piece in pieces {
          XCTAssertLessThanOrEqual(
            starts[piece.upperBound] - starts[piece.lowerBound], share + heaviest)
        }
      }
    }
    XCTAssertEqual(threaded.ranges(0, balancing: [0]), [])
  }

  /// The algorithm as documented, with dictionaries and no graph layout.
  static func plainPropagation(
    _ profiles: [AccountProfile], _ members: [Bool], _ buckets: BucketIndex, rounds: Int = 12
  ) -> [Int] {
    var users: [UInt64: [(account: Int, count: Int)]] = [:]
    for (index, profile) in profiles.enumerated() where members[index] {
      for (key, count) in profile.templates where buckets.accounts(in: key) >= 2 {
        users[key, default: []].append((index, count))
      }
    }
    users = users.filter { $0.value.count >= 2 }
    func heaviest(_ votes: [Int: Int]) -> Int {
      votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
    }
    var labels = Array(profiles.indices)
    for _ in 0..<rounds {
      var bucketLabel: [UInt64: Int] = [:]
      for (key, list) in users {
        bucketLabel[key] = heaviest(
          list.reduce(into: [:]) { $0[labels[$1.account], default: 0] += $1.count })
      }
      var next = labels
      for (index, profile) in profiles.enumerated() where members[index] {
        var votes: [Int: Int] = [:]
        for (key, count) in profile.templates {
          if let l = bucketLabel[key] { votes[l, default: 0] += count }
        }
        if !votes.isEmpty { next[index] = heaviest(votes) }
      }
      if next == labels { break }
      labels = next
    }
    return labels
  }
}
