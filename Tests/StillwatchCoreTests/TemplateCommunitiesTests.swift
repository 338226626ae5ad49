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
