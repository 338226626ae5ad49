import XCTest

@testable import StillwatchSynth

/// Account ids: unique, fixed-width, seed-dependent.
final class OpaqueIdentifierTests: XCTestCase {
  func testCodesAreDistinctAndFitFortyBits() {
    let identifier = OpaqueIdentifier(seed: 1, domain: 0xACC7)
    var seen = Set<UInt64>()
    for kind in 0..<10 {
      for index in 0..<20_000 {
        let code = identifier.code(OpaqueIdentifier.globalIndex(population: kind, index: index))
        XCTAssertLessThan(code, 1 << 40)
        seen.insert(code)
      }
    }
    XCTAssertEqual(seen.count, 200_000)
  }

  func testAccountIDsDependOnTheSeed() {
    let plan1 = PopulationPlan(exchanges: 10_000, seed: 1)
    let plan2 = PopulationPlan(exchanges: 10_000, seed: 2)
    let first = AccountIdentity(plan: plan1).accountID(.hydraProxy, 3)
    XCTAssertEqual(first.count, 15)
    XCTAssertTrue(first.hasPrefix("acct-"))
    XCTAssertEqual(first, AccountIdentity(plan: plan1).accountID(.hydraProxy, 3))
    XCTAssertNotEqual(first, AccountIdentity(plan: plan2).accountID(.hydraProxy, 3))
  }
}
