import Dispatch
import XCTest

@testable import StillwatchCore

final class SignalScorerTests: XCTestCase {
  func profile(org: String?, keys: [String]) -> AccountProfile {
    var profile = AccountProfile()
    profile.exchanges = 10
    if let org { profile.orgs[org] = 10 }
    for key in keys { profile.infrastructure[key] = 10 }
    return profile
  }

  func infrastructure(_ members: [AccountProfile], holders: [String: Int]) -> Double {
    let scorer = SignalScorer(
      profiles: members, keyHolders: ShardedTable(holders), bands: 16, corpusWindows: 100,
      newModels: [:])
    let group = Array(members.indices)
    let tally = GroupTally(
      group, range: group.indices, profiles: members, newModels: [:], pivotWindowMillis: 0)
    return scorer.sharedInfrastructure(group, keys: tally.keys)
  }

  /// A shared key counts only when its holders in the group span two
  /// organisations (an account without one is its own), weighted by kind and
  /// by the group's share of the key's holders corpus-wide.
  func testSharedKeysCountAcrossOrganisationsOnly() {
    let ip = "ip:192.0.2.7"
    let sameOrg = [profile(org: "acme", keys: [ip]), profile(org: "acme", keys: [ip])]
    XCTAssertEqual(infrastructure(sameOrg, holders: [ip: 2]), 0)
    let twoOrgs = [profile(org: "acme", keys: [ip]), profile(org: "globex", keys: [ip])]
    XCTAssertEqual(infrastructure(twoOrgs, holders: [ip: 2]), 0.8, accuracy: 1e-12)
    XCTAssertEqual(infrastructure(twoOrgs, holders: [ip: 8]), 0.2, accuracy: 1e-12)
    let noOrgs = [profile(org: nil, keys: [ip]), profile(org: nil, keys: [ip])]
    XCTAssertEqual(infrastructure(noOrgs, holders: [ip: 2]), 0.8, accuracy: 1e-12)
    let oneWithout = [profile(org: "acme", keys: [ip]), profile(org: nil, keys: [ip])]
    XCTAssertEqual(infrastructure(oneWithout, holders: [ip: 2]), 0.8, accuracy: 1e-12)
    // Three members of one org and a stranger on the same address: all four
    // share a key that spans two organisations; the lone member scores 0.
    let mixed = [
      profile(org: "acme", keys: [ip, "pay:x"]), profile(org: "acme", keys: [ip, "pay:x"]),
      profile(org: "acme", keys: [ip]), profile(org: "initech", keys: [ip]),
      profile(org: "hooli", keys: ["ip:198.51.100.1"]),
    ]
    let score = infrastructure(mixed, holders: [ip: 4, "pay:x": 2, "ip:198.51.100.1": 1])
    XCTAssertEqual(score, 4 * 0.8 / 5, accuracy: 1e-12, "pay:x stays within acme")
  }
}

/// A group's signals tallied in pieces (any cut, any order of computing the
/// pieces) are exactly those tallied in one pass.
final class GroupTallyTests: XCTestCase {
  func testSignalsOfPiecesEqualSignalsOfOnePass() {
    var rng = TestRandom(seed: 23)
    let hour: Int64 = 3_600_000
    var profiles: [AccountProfile] = []
    for _ in 0..<400 {
      var p = AccountProfile()
      p.exchanges = 1 + Int(rng.next() % 40)
      if rng.next() % 5 != 0 { p.orgs["org-\(rng.next() % 6)"] = p.exchanges }
      for _ in 0..<(1 + Int(rng.next() % 6)) {
        p.templates.add((rng.next() % 300) &* 0x9E37_79B9, 1 + Int(rng.next() % 4))
      }
      for _ in 0..<Int(rng.next() % 4) {
        p.infrastructure["ip:10.0.0.\(rng.next() % 30)", default: 0] += 1
      }
      if rng.next() % 3 == 0 { p.infrastructure["pay:card-\(rng.next() % 5)"] = 1 }
      for _ in 0..<(1 + Int(rng.next() % 10)) {
        p.activeWindows[Int64(rng.next() % 500), default: 0] += 1
      }
      p.firstSeen = Int64(rng.next() % 48) * hour
      p.lastSeen = p.firstSeen + Int64(rng.next() % 120) * hour
      if rng.next() % 2 == 0 {
        p.modelFirstSeen["new-model"] = (30 + Int64(rng.next() % 40)) * hour
      }
      if rng.next() % 2 == 0 { p.systemPrompts[rng.next() % 4] = p.exchanges }
      if rng.next() % 3 == 0 { p.toolsets[rng.next() % 3] = p.exchanges }
      p.elicitationMilliSum = Int(rng.next() % 1000) * p.exchanges
      p.agenticExchanges = Int(rng.next() % UInt64(p.exchanges + 1))
      p.unsharedBuckets = Int(rng.next() % 3)
      profiles.append(p)
    }
    var holders: [String: Int] = [:]
    for p in profiles { for key in p.infrastructure.keys { holders[key, default: 0] += 1 } }
    let scorer = SignalScorer(
      profiles: profiles, keyHolders: ShardedTable(holders), bands: 16, corpusWindows: 500,
      newModels: SignalScorer.newModels(profiles, corpusStart: 0))
    XCTAssertFalse(scorer.newModels.isEmpty)
    // New models and their baselines are the same whatever walks the profiles.
    for runner in ConcurrentRunner.everyKindForTests {
      let models = SignalScorer.newModels(profiles, corpusStart: 0, runner: runner)
      XCTAssertEqual(models.keys.sorted(), scorer.newModels.keys.sorted())
      for (model, entry) in models {
        XCTAssertEqual(entry.release, scorer.newModels[model]?.release, model)
        XCTAssertEqual(entry.baseline, scorer.newModels[model]?.baseline, model)
      }
    }
    let threaded = ConcurrentRunner(width: 3) { count, body in
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
    let backwards = ConcurrentRunner(width: 7) { count, body in
      for index in (0..<count).reversed() { body(index) }
    }
    var nonZero = Set<String>()
    for trial in 0..<40 {
      let size = 3 + Int(rng.next() % 200)
      let group = (0..<size).map { _ in Int(rng.next() % UInt64(profiles.count)) }
      let uniqueGroup = Array(Set(group)).sorted()
      let one = scorer.signals(of: uniqueGroup)
      for runner in [threaded, backwards] {
        XCTAssertEqual(scorer.signals(of: uniqueGroup, runner: runner), one, "trial \(trial)")
      }
      if one.infrastructure > 0 { nonZero.insert("infrastructure") }
      if one.coordination > 0 { nonZero.insert("coordination") }
      if one.repetition > 0 { nonZero.insert("repetition") }
      if one.volumeConcentration > 0 { nonZero.insert("concentration") }
    }
    XCTAssertEqual(nonZero.count, 4, "the groups exercise every tally: \(nonZero)")
  }

  /// Holders merged piece by piece agree with holders added one by one.
  func testKeyOrganisationsMergeLikeAddingInOrder() {
    let holders: [[(String?, Int)]] = [
      [("a", 0), ("a", 1), ("a", 2)], [("a", 0), (nil, 1)], [(nil, 0)], [("a", 0), ("b", 1)],
      [(nil, 0), (nil, 1)], [("a", 0), ("a", 1), ("b", 2), ("a", 3)],
    ]
    for list in holders {
      var sequential = KeyOrganisations.one(list[0].0, account: list[0].1)
      for (org, account) in list.dropFirst() {
        sequential = sequential.adding(org, account: account)
      }
      for cut in 1..<max(2, list.count) where cut < list.count {
        func fold(_ part: ArraySlice<(String?, Int)>) -> KeyOrganisations {
          var state = KeyOrganisations.one(part.first!.0, account: part.first!.1)
          for (org, account) in part.dropFirst() { state = state.adding(org, account: account) }
          return state
        }
        let merged = fold(list[..<cut]).merging(fold(list[cut...]))
        XCTAssertEqual("\(merged)", "\(sequential)", "\(list) cut at \(cut)")
      }
    }
  }
}
