import XCTest

@testable import StillwatchCluster

/// When the reduce gives free memory back to the system: only above its
/// memory budget, or when it cannot tell.
final class ProcessMemoryTests: XCTestCase {
  func testReleasesOnlyAboveTheBudget() {
    let budget: Int64 = 1 << 30
    XCTAssertFalse(ProcessMemory.shouldRelease(residentMiB: 180, budget: budget))
    XCTAssertFalse(ProcessMemory.shouldRelease(residentMiB: 1024, budget: budget))
    XCTAssertTrue(ProcessMemory.shouldRelease(residentMiB: 1025, budget: budget))
    XCTAssertTrue(ProcessMemory.shouldRelease(residentMiB: 9_000, budget: budget))
  }

  func testReleasesWhenResidentMemoryOrBudgetIsUnknown() {
    XCTAssertTrue(ProcessMemory.shouldRelease(residentMiB: nil, budget: 1 << 30))
    XCTAssertTrue(ProcessMemory.shouldRelease(residentMiB: 10, budget: 0))
  }

  /// On Linux this process's resident memory is known and far below an
  /// exabyte budget, so nothing is trimmed; with no budget it is.
  func testTrimsByThisProcesssResidentMemory() throws {
    guard ProcessMemory.megabytes() != nil else { throw XCTSkip("no /proc here") }
    XCTAssertFalse(ProcessMemory.releaseFreeMemory(above: 1 << 60))
    XCTAssertTrue(ProcessMemory.releaseFreeMemory(above: 0))
  }
}
