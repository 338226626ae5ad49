/// How many accounts fall in each LSH bucket, kept only for buckets shared by
/// two or more accounts (the only ones that can link anybody).
///
/// Guarantees: built by sorting, so memory is one `UInt64` per (account,
/// bucket) pair during the build and one entry per shared bucket after it.
public struct BucketIndex: Sendable {
  public private(set) var accountsPerBucket: [UInt64: Int32] = [:]

  public init(accounts: [AccountProfile]) {
    var keys: [UInt64] = []
    keys.reserveCapacity(accounts.reduce(0) { $0 + $1.templates.count })
    for profile in accounts { keys.append(contentsOf: profile.templates.keys) }
    keys.sort()
    var index = 0
    while index < keys.count {
      var end = index + 1
      while end < keys.count && keys[end] == keys[index] { end += 1 }
      if end - index >= 2 { accountsPerBucket[keys[index]] = Int32(end - index) }
      index = end
    }
  }

  /// From counts made elsewhere (out of core); entries below 2 are ignored.
  public init(accountsPerBucket counts: [UInt64: Int32]) {
    accountsPerBucket = counts.filter { $0.value >= 2 }
  }

  /// Accounts in the bucket (0 for a bucket only one account used).
  public func accounts(in key: UInt64) -> Int {
    Int(accountsPerBucket[key] ?? 0)
  }

  /// Share of the account's band slots that fall in shared buckets.
  public func sharedShare(of profile: AccountProfile, bands: Int) -> Double {
    guard profile.exchanges > 0 else { return 0 }
    var shared = 0
    for (key, count) in profile.templates where accountsPerBucket[key] != nil {
      shared += count
    }
    return Double(shared) / Double(bands * profile.exchanges)
  }
}
