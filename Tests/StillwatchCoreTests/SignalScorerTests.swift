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
    SignalScorer(
      profiles: members, keyHolders: holders, bands: 16, corpusWindows: 100, newModels: [:]
    ).sharedInfrastructure(members)
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
