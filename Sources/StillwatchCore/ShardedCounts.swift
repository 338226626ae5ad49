/// How many times each string key was counted, kept in one table per shard (a
/// key's shard comes from its hash), so that pieces of the counting on several
/// threads each file their keys by shard and the shards are merged side by
/// side: no table of every key is ever merged on one thread.
///
/// Guarantees: `self[key]` is what one dictionary given the same keys would
/// hold (nil for a key never counted), whatever the runner and its width;
/// shards use this process's string hashing, so the layout, never the
/// counts, differs between runs.
struct ShardedCounts: Sendable {
  private let shards: [[String: Int]]

  /// Counts every key `visit(i, add)` adds for i in 0..<total: one contiguous
  /// range of indices per thread, then one shard per thread.
  init(
    count total: Int, runner: ConcurrentRunner, _ visit: @Sendable (Int, (String) -> Void) -> Void
  ) {
    let pieces = runner.threadRanges(total)
    let width = pieces.count
    let filed: [[[String: Int]]] = runner.map(width) { piece in
      var byShard = Array(repeating: [String: Int](), count: width)
      for index in pieces[piece] {
        visit(index) { key in byShard[Self.shard(of: key, among: width)][key, default: 0] += 1 }
      }
      return byShard
    }
    shards = runner.map(width) { shard in
      var counts = filed[0][shard]
      for piece in filed.indices.dropFirst() {
        counts.merge(filed[piece][shard], uniquingKeysWith: +)
      }
      return counts
    }
  }

  /// Counts already made, in one shard.
  init(_ counts: [String: Int]) { shards = [counts] }

  subscript(key: String) -> Int? { shards[Self.shard(of: key, among: shards.count)][key] }

  /// The shard of `key` among `count` shards.
  static func shard(of key: String, among count: Int) -> Int {
    count == 1 ? 0 : Int(UInt(bitPattern: key.hashValue) % UInt(count))
  }
}
