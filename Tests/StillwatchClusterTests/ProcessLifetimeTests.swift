import XCTest

@testable import StillwatchCluster

final class ProcessLifetimeTests: XCTestCase {
  final class Tracked {
    let payload = Array(repeating: 7, count: 1_000)
  }

  /// A value handed over outlives every reference of its own; one that is
  /// not is freed as usual (so the check below can fail).
  func testAValueKeptUntilExitIsNeverFreed() {
    weak var kept: Tracked?
    weak var dropped: Tracked?
    do {
      let a = Tracked()
      let b = Tracked()
      kept = a
      dropped = b
      ProcessLifetime.keepUntilExit([a])
    }
    XCTAssertNotNil(kept)
    XCTAssertEqual(kept?.payload.count, 1_000)
    XCTAssertNil(dropped)
  }
}
