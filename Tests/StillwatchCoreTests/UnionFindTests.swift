import XCTest

@testable import StillwatchCore

final class UnionFindTests: XCTestCase {
  /// Components are the connected components of the unions made (checked by
  /// a plain graph search), and a minimum size only drops the smaller ones.
  func testComponentsAreTheConnectedComponentsAboveTheMinimumSize() {
    var rng = TestRandom(seed: 31)
    for _ in 0..<20 {
      let count = 1 + Int(rng.next() % 300)
      var sets = UnionFind(count: count)
      var neighbours = [[Int]](repeating: [], count: count)
      for _ in 0..<Int(rng.next() % UInt64(count)) {
        let a = Int(rng.next() % UInt64(count))
        let b = Int(rng.next() % UInt64(count))
        sets.union(a, b)
        neighbours[a].append(b)
        neighbours[b].append(a)
      }
      var seen = [Bool](repeating: false, count: count)
      var expected: [[Int]] = []
      for start in 0..<count where !seen[start] {
        var component: [Int] = []
        var stack = [start]
        seen[start] = true
        while let x = stack.popLast() {
          component.append(x)
          for y in neighbours[x] where !seen[y] {
            seen[y] = true
            stack.append(y)
          }
        }
        expected.append(component.sorted())
      }
      XCTAssertEqual(sets.components(), expected)
      for minimum in [2, 3, 5] {
        XCTAssertEqual(
          sets.components(minimumSize: minimum), expected.filter { $0.count >= minimum })
      }
    }
  }
}
