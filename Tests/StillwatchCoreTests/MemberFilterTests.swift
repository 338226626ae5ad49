import Dispatch
import XCTest

@testable import StillwatchCore

/// The path by which ordinary users leaked into the hydra campaign at 4M and
/// 16M exchanges, rebuilt by hand: a payment fingerprint joins the campaign's
/// community to the community of everyday prompts; the proxy's other
/// customers share the campaign's address; only the campaign's accounts may
/// come out as the campaign.
final class MemberFilterTests: XCTestCase {
  static let hour: Int64 = 3_600_000

  /// An account whose `exchanges` all fall in the same 16 buckets.
  static func profile(
    buckets: [UInt64], exchanges: Int, org: String, keys: [String], hourOffset: Int64
  ) -> AccountProfile {
    var p = AccountProfile()
    p.exchanges = exchanges
    p.orgs[org] = exchanges
    for key in buckets { p.templates.add(key, exchanges) }
    for key in keys { p.infrastructure[key] = exchanges }
    // Scattered over the week's 1,008 ten-minute windows, each account at
    // its own times: no lockstep signal.
    var state = UInt64(hourOffset) &* 0x9E37_79B9_7F4A_7C15 | 1
    for _ in 0..<exchanges {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      p.activeWindows[Int64((state >> 33) % 1_008), default: 0] += 1
    }
    p.firstSeen = 0
    p.lastSeen = 7 * 24 * hour
    p.models["m"] = exchanges
    return p
  }

  func testProxyCustomersAndEverydayUsersStayOutOfAnInfrastructureCampaign() {
    let (partial, expected) = Self.hydraCorpus()
    let buckets = BucketIndex(accounts: Array(partial.accounts.values))
    let campaigns = CampaignDetector().detect(reduced: partial, buckets: buckets)
    XCTAssertEqual(campaigns.count, 1, "\(campaigns.map(\.accounts.count))")
    XCTAssertEqual(campaigns.first?.accounts.sorted(), expected.sorted())
  }

  /// Every group scored as a large one, its tallies cut into pieces on
  /// several threads (and, with a runner that runs pieces last to first, in
  /// another order), gives the campaigns of the one-thread detector, field by field.
  func testLargeGroupsScoredInPiecesGiveTheSameCampaigns() {
    let (partial, _) = Self.hydraCorpus()
    let buckets = BucketIndex(accounts: Array(partial.accounts.values))
    let serial = CampaignDetector().detect(reduced: partial, buckets: buckets)
    XCTAssertEqual(serial.count, 1)
    let threaded = ConcurrentRunner(width: 3) { count, body in
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
    let backwards = ConcurrentRunner(width: 5) { count, body in
      for index in (0..<count).reversed() { body(index) }
    }
    for runner in [threaded, backwards] {
      var detector = CampaignDetector(runner: runner)
      detector.largeGroupAccounts = 1
      let pieces = detector.detect(reduced: partial, buckets: buckets)
      XCTAssertEqual(pieces.count, serial.count)
      for (a, b) in zip(serial, pieces) {
        XCTAssertEqual(a.id, b.id)
        XCTAssertEqual(a.accounts, b.accounts)
        XCTAssertEqual(a.exchanges, b.exchanges)
        XCTAssertEqual(a.score, b.score)
        XCTAssertEqual(a.signals, b.signals)
        XCTAssertEqual(a.targets, b.targets)
        XCTAssertEqual(a.templates, b.templates)
        XCTAssertEqual(a.infrastructure, b.infrastructure)
        XCTAssertEqual(a.daily, b.daily)
        XCTAssertEqual(a.links, b.links)
        XCTAssertEqual(
          a.accountHourly.map { "\($0.account) \($0.hourly.sorted { $0.key < $1.key })" },
          b.accountHourly.map { "\($0.account) \($0.hourly.sorted { $0.key < $1.key })" })
      }
    }
  }

  /// The campaign (40 accounts), the proxy's other customers (20) and
  /// ordinary users (200), with the campaign's account names.
  static func hydraCorpus() -> (SweepPartial, [String]) {
    let campaignBuckets = (0..<16).map { UInt64(0xC0FF_EE00 + $0) &* 0x9E37_79B9_7F4A_7C15 }
    let everydayBuckets = (0..<16).map { UInt64(0xEE00 + $0) &* 0xD6E8_FEB8_6659_FD93 }
    var partial = SweepPartial(parameters: .standard, windowMillis: 600_000)
    var expected: [String] = []
    for i in 0..<40 {  // the campaign: one template, one proxy address, many orgs
      var keys = ["ip:198.51.100.7", "ip24:198.51.100.0/24"]
      if i == 0 { keys.append("pay:shared-card") }
      let name = "hydra-\(i)"
      expected.append(name)
      partial.accounts[name] = Self.profile(
        buckets: campaignBuckets, exchanges: 20, org: "org-h\(i)", keys: keys,
        hourOffset: Int64(i))
    }
    for i in 0..<20 {  // the proxy's other customers: everyday prompts
      partial.accounts["customer-\(i)"] = Self.profile(
        buckets: everydayBuckets, exchanges: 10, org: "org-c\(i)",
        keys: ["ip:198.51.100.7", "ip24:198.51.100.0/24"], hourOffset: Int64(100 + i))
    }
    for i in 0..<200 {  // ordinary users at home; one shares the card
      var keys = ["ip:203.0.\(i).9", "ip24:203.0.\(i).0/24"]
      if i == 0 { keys.append("pay:shared-card") }
      partial.accounts["user-\(i)"] = Self.profile(
        buckets: everydayBuckets, exchanges: 10, org: "org-u\(i)", keys: keys,
        hourOffset: Int64(200 + i))
    }
    partial.exchanges = partial.accounts.values.reduce(0) { $0 + $1.exchanges }
    return (partial, expected)
  }
}
