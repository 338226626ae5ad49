import XCTest

@testable import StillwatchCore

/// Detection lists the accounts by name, each with its own profile, whatever
/// runner sorted them (sorted runs per thread, merged).
final class AccountsByNameTests: XCTestCase {
  func testNamesAscendWithTheirOwnProfilesForEveryRunner() {
    let runners = ConcurrentRunner.everyKindForTests
    var state: UInt64 = 7
    for size in [0, 1, 2, 3, 10, 257, 1_000] {
      var accounts: [String: AccountProfile] = [:]
      while accounts.count < size {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var profile = AccountProfile()
        profile.exchanges = Int(state >> 40)
        accounts["acct-\(state >> 44)"] = profile
      }
      let expected = accounts.keys.sorted()
      for runner in runners {
        let (names, profiles) = CampaignDetector.byName(accounts, runner: runner)
        XCTAssertEqual(names, expected, "size \(size), width \(runner.width)")
        XCTAssertEqual(profiles.count, names.count)
        for (name, profile) in zip(names, profiles) {
          XCTAssertEqual(profile.exchanges, accounts[name]?.exchanges)
        }
      }
    }
  }

  func testPermuteMovesEachItemToItsPlace() {
    var state: UInt64 = 11
    for size in [0, 1, 2, 5, 64, 1_000] {
      for _ in 0..<5 {
        var order = Array(0..<size)
        for i in stride(from: size - 1, to: 0, by: -1) {
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        let items = (0..<size).map { "item \($0)" }
        var permuted = items
        CampaignDetector.permute(&permuted, into: order)
        XCTAssertEqual(permuted, order.map { items[$0] }, "size \(size)")
      }
    }
  }
}
