/// Disjoint sets over 0..<count with path halving and union by size.
///
/// Guarantees: the partition depends only on the unions made, never on their
/// order; `root(of:)` of a set is not canonical, use `components()` for output.
public struct UnionFind: Sendable {
  var parent: [Int32]
  var size: [Int32]

  public init(count: Int) {
    parent = (0..<count).map { Int32($0) }
    size = Array(repeating: 1, count: count)
  }

  public mutating func root(of x: Int) -> Int {
    var x = Int32(x)
    while parent[Int(x)] != x {
      parent[Int(x)] = parent[Int(parent[Int(x)])]
      x = parent[Int(x)]
    }
    return Int(x)
  }

  public mutating func union(_ a: Int, _ b: Int) {
    var ra = root(of: a)
    var rb = root(of: b)
    if ra == rb { return }
    if size[ra] < size[rb] { swap(&ra, &rb) }
    parent[rb] = Int32(ra)
    size[ra] += size[rb]
  }

  /// Sets with at least `minimumSize` members, each sorted, ordered by first member.
  public mutating func components(minimumSize: Int = 1) -> [[Int]] {
    var byRoot: [Int: [Int]] = [:]
    for x in 0..<parent.count {
      let root = root(of: x)
      // A root's size is its set's size: smaller sets are never gathered.
      guard Int(size[root]) >= minimumSize else { continue }
      byRoot[root, default: []].append(x)
    }
    return byRoot.values.sorted { $0[0] < $1[0] }
  }
}
