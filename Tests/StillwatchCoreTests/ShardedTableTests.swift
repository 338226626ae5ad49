import XCTest

@testable import StillwatchCore

/// Keys counted in pieces and merged shard by shard give one dictionary's counts.
final class ShardedTableTests: XCTestCase {
  func testCountsEqualOneDictionaryForEveryRunner() {
    let runners = ConcurrentRunner.everyKindForTests
    var state: UInt64 = 3
    for size in [0, 1, 2, 7, 300, 2_000] {
      let keysOf: [[String]] = (0..<size).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (0..<Int(state >> 62)).map { "key-\((state >> (20 + $0 * 7)) % 97)" }
      }
      var expected: [String: Int] = [:]
      for keys in keysOf { for key in keys { expected[key, default: 0] += 1 } }
      for runner in runners {
        let counts = ShardedTable(counting: size, runner: runner) { index, file in
          for key in keysOf[index] { file(key) }
        }
        for key in (0..<97).map({ "key-\($0)" }) {
          XCTAssertEqual(counts[key], expected[key], "\(key), size \(size), width \(runner.width)")
        }
      }
    }
  }
}
