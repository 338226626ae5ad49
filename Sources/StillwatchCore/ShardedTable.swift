/// A table from string keys to values, kept in one dictionary per shard (a
/// key's shard comes from its hash) and built on several threads: each piece
/// of the items (one contiguous range per thread) files what it adds into its
/// own table per shard, then each shard joins its pieces' tables in piece
/// order, shards side by side, so no table of every key is merged on one
/// thread.
///
/// Guarantees: every entry is what one dictionary would hold if the items
/// were added in index order (given a `merge(earlier, later)` that agrees with
/// adding in order), whatever the runner and its width; shards follow this
/// process's string hashing, so the layout, never the entries, differs
/// between runs.
struct ShardedTable<Value: Sendable>: Sendable {
  /// The shards' tables; each key is in exactly one.
  let shards: [[String: Value]]

  /// For each i in 0..<total, `add(&value, i)` on the value of every key that
  /// `keys(i, file)` files (starting from `empty`).
  init(
    count total: Int, runner: ConcurrentRunner, empty: Value,
    add: @escaping @Sendable (inout Value, Int) -> Void,
    merge: @Sendable (Value, Value) -> Value,
    keys: @Sendable (Int, (String) -> Void) -> Void
  ) {
    let pieces = runner.threadRanges(total)
    let width = pieces.count
    let filed: [[[String: Value]]] = runner.map(width) { piece in
      var byShard = Array(repeating: [String: Value](), count: width)
      for index in pieces[piece] {
        keys(index) { key in
          add(&byShard[Self.shard(of: key, among: width)][key, default: empty], index)
        }
      }
      return byShard
    }
    shards = runner.map(width) { shard in
      var table = filed[0][shard]
      for piece in filed.indices.dropFirst() {
        table.merge(filed[piece][shard], uniquingKeysWith: merge)
      }
      return table
    }
  }

  /// A table already made, in one shard.
  init(_ table: [String: Value]) { shards = [table] }

  subscript(key: String) -> Value? { shards[Self.shard(of: key, among: shards.count)][key] }

  /// The shard of `key` among `count` shards.
  static func shard(of key: String, among count: Int) -> Int {
    count == 1 ? 0 : Int(UInt(bitPattern: key.hashValue) % UInt(count))
  }
}

extension ShardedTable where Value == Int {
  /// How many times `keys(i, file)` files each key, over i in 0..<total.
  init(
    counting total: Int, runner: ConcurrentRunner,
    _ keys: @Sendable (Int, (String) -> Void) -> Void
  ) {
    self.init(
      count: total, runner: runner, empty: 0, add: { count, _ in count += 1 },
      merge: { $0 + $1 }, keys: keys)
  }
}
