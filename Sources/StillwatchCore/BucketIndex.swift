/// How many accounts fall in each LSH bucket, kept only for buckets shared by
/// two or more accounts (the only ones that can link anybody).
///
/// Guarantees: built by sorting, so memory is one `UInt64` per (account,
/// bucket) pair during the build and one table slot pair (12 bytes, load ≤ 1/2)
/// per shared bucket after it; two indexes are equal when they hold the same
/// (bucket, accounts) pairs.
public struct BucketIndex: Sendable, Equatable {
  private var accountsPerBucket: KeyCountTable

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
    accountsPerBucket = KeyCountTable(expectedCount: counts.count)
    for (key, count) in counts where count >= 2 { accountsPerBucket.set(key, to: count) }
  }

  /// Buckets shared by two or more accounts.
  public var sharedBuckets: Int { accountsPerBucket.count }

  /// Accounts in the bucket (0 for a bucket only one account used).
  @inline(__always)
  public func accounts(in key: UInt64) -> Int {
    Int(accountsPerBucket.count(of: key))
  }

  /// A number below `slotCount` that identifies the shared bucket (dense
  /// enough to index arrays by), or nil for a bucket only one account used.
  @inline(__always)
  public func slot(of key: UInt64) -> Int? { accountsPerBucket.slot(of: key) }

  public var slotCount: Int { accountsPerBucket.slotCount }

  /// Share of the account's band slots that fall in shared buckets.
  public func sharedShare(of profile: AccountProfile, bands: Int) -> Double {
    guard profile.exchanges > 0 else { return 0 }
    var shared = 0
    for (key, count) in profile.templates where accountsPerBucket.contains(key) {
      shared += count
    }
    return Double(shared) / Double(bands * profile.exchanges)
  }
}
