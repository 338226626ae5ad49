/// How many accounts fall in each LSH bucket, kept only for buckets shared by
/// two or more accounts (the only ones that can link anybody).
///
/// The buckets may be held in several shards, shard s holding the keys with
/// `key % shards == s` (as the spill's bucket partitions file them), so that
/// each shard's table is built on its own thread.
///
/// Guarantees: built by sorting, so memory is one `UInt64` per (account,
/// bucket) pair during the build and one table slot pair (12 bytes, load ≤ 1/2)
/// per shared bucket after it; every answer, and equality, depends only on
/// the (bucket, accounts) pairs held, not on how they are sharded; slots are
/// distinct across shards.
public struct BucketIndex: Sendable, Equatable {
  private let shards: [KeyCountTable]
  /// Shard s's slots are numbered from `slotOffsets[s]`.
  private let slotOffsets: [Int]
  /// `shards.count - 1` when that is a power of two minus one, else nil.
  private let shardMask: UInt64?

  public init(accounts: [AccountProfile]) {
    var keys: [UInt64] = []
    keys.reserveCapacity(accounts.reduce(0) { $0 + $1.templates.count })
    for profile in accounts { profile.templates.forEach { key, _ in keys.append(key) } }
    self.init(counts: Self.sharedCounts(sorting: &keys))
  }

  /// Each key that occurs two or more times in `keys` (one per account using
  /// the bucket), with how often, ascending; sorts `keys` in place.
  public static func sharedCounts(sorting keys: inout [UInt64]) -> [(key: UInt64, count: Int32)] {
    RadixSort.sort(&keys)
    var shared: [(key: UInt64, count: Int32)] = []
    var index = 0
    while index < keys.count {
      var end = index + 1
      while end < keys.count && keys[end] == keys[index] { end += 1 }
      if end - index >= 2 { shared.append((keys[index], Int32(end - index))) }
      index = end
    }
    return shared
  }

  /// From counts made elsewhere (out of core); each key at most once, entries
  /// below 2 are ignored.
  public init(counts: [(key: UInt64, count: Int32)]) {
    self.init(shards: [Self.shard(counts)])
  }

  /// From shards built elsewhere (`shard(_:)`, one per thread): shard s must
  /// hold only keys with `key % shards.count == s`.
  public init(shards: [KeyCountTable]) {
    precondition(!shards.isEmpty, "a bucket index has at least one shard")
    self.shards = shards
    var offset = 0
    slotOffsets = shards.map { shard in
      defer { offset += shard.slotCount }
      return offset
    }
    let count = UInt64(shards.count)
    shardMask = count & (count - 1) == 0 ? count - 1 : nil
  }

  /// One shard's table from its counts; each key at most once, entries below
  /// 2 are ignored.
  public static func shard(_ counts: [(key: UInt64, count: Int32)]) -> KeyCountTable {
    var table = KeyCountTable(expectedCount: counts.count)
    for (key, count) in counts where count >= 2 { table.set(key, to: count) }
    return table
  }

  @inline(__always)
  private func shardIndex(of key: UInt64) -> Int {
    if let shardMask { return Int(truncatingIfNeeded: key & shardMask) }
    return Int(truncatingIfNeeded: key % UInt64(shards.count))
  }

  /// Buckets shared by two or more accounts.
  public var sharedBuckets: Int { shards.reduce(0) { $0 + $1.count } }

  /// Accounts in the bucket (0 for a bucket only one account used).
  @inline(__always)
  public func accounts(in key: UInt64) -> Int {
    Int(shards[shardIndex(of: key)].count(of: key))
  }

  /// A number below `slotCount` that identifies the shared bucket (dense
  /// enough to index arrays by), or nil for a bucket only one account used.
  @inline(__always)
  public func slot(of key: UInt64) -> Int? {
    let shard = shardIndex(of: key)
    guard let slot = shards[shard].slot(of: key) else { return nil }
    return slotOffsets[shard] + slot
  }

  public var slotCount: Int { slotOffsets[shards.count - 1] + shards[shards.count - 1].slotCount }

  /// How many of the account's band slots fall in shared buckets: the sum of
  /// its counts in them.
  public func sharedWeight(of profile: AccountProfile) -> Int {
    var shared = 0
    for (key, count) in profile.templates where accounts(in: key) > 0 {
      shared += count
    }
    return shared
  }

  public static func == (a: BucketIndex, b: BucketIndex) -> Bool {
    guard a.sharedBuckets == b.sharedBuckets else { return false }
    return a.shards.allSatisfy { shard in
      var equal = true
      shard.forEach { key, count in if equal && b.accounts(in: key) != Int(count) { equal = false }
      }
      return equal
    }
  }
}
