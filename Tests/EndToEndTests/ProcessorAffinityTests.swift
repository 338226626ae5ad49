import Foundation
import XCTest

/// `sweep`'s default worker count follows the CPU affinity mask the process
/// starts with (`taskset`, cpusets), not the machine's processor count.
final class ProcessorAffinityTests: XCTestCase {
  /// The `--workers` default that `stillwatch sweep --help` prints when the
  /// process may run only on `cores`.
  func defaultWorkers(pinnedTo cores: String) throws -> String? {
    let (status, help) = try BackfillResumeTests.output(
      of: "/usr/bin/taskset", ["-c", cores, try BackfillResumeTests.binary(), "sweep", "--help"])
    XCTAssertEqual(status, 0)
    guard let workers = help.range(of: "--workers <workers>") else { return nil }
    // The option's text may say "(default: …)" in words first; the value is digits.
    var rest = help[workers.upperBound...]
    while let start = rest.range(of: "(default: ") {
      let value = rest[start.upperBound...].prefix { $0 != ")" }
      if !value.isEmpty && value.allSatisfy(\.isNumber) { return String(value) }
      rest = rest[start.upperBound...]
    }
    return nil
  }

  func testDefaultWorkersFollowTheAffinityMask() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") else {
      throw XCTSkip("taskset is not installed")
    }
    XCTAssertEqual(try defaultWorkers(pinnedTo: "0"), "1")
    guard ProcessInfo.processInfo.activeProcessorCount >= 2 else { return }
    XCTAssertEqual(try defaultWorkers(pinnedTo: "0,1"), "2")
  }
}
