import Dispatch
import XCTest

@testable import StillwatchCore

final class ConcurrentRunnerTests: XCTestCase {
  /// Dictionaries built over pieces and merged are those of one pass, with
  /// `combine` seeing earlier pieces first, for every width and size.
  func testMergedPiecesEqualOnePass() {
    let values = (0..<500).map { ($0 * 7919) % 37 }
    @Sendable func pass(_ range: Range<Int>) -> [Int: [Int]] {
      var byValue: [Int: [Int]] = [:]
      for index in range { byValue[values[index], default: []].append(index) }
      return byValue
    }
    for width in [1, 2, 3, 8] {
      let runner = ConcurrentRunner(width: width) { count, body in
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
      }
      for total in [0, 1, 2, 5, 500] {
        XCTAssertEqual(
          runner.map(ranges: total, merging: +) { pass($0) }, pass(0..<total),
          "width \(width), \(total) items")
      }
    }
  }
}
