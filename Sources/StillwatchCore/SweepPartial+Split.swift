/// Splitting a partial for the out-of-core shuffle.
extension SweepPartial {
  /// The spill partition of an account.
  public static func partition(ofAccount account: String, among partitions: Int) -> Int {
    Int(StableHash.hash(account) % UInt64(max(1, partitions)))
  }

  /// The accounts (by account hash) and template examples (by bucket key) of
  /// this partial in `partitions` pieces; counts and quarantine records stay
  /// with the caller.
  ///
  /// Guarantees: every account and example lands in exactly one piece, the
  /// same one whichever task it came from, so pieces merge per partition.
  public func split(into partitions: Int) -> [SweepPartial] {
    let count = max(1, partitions)
    var pieces = (0..<count).map { _ in
      SweepPartial(parameters: parameters, windowMillis: windowMillis)
    }
    for (name, profile) in accounts {
      pieces[Self.partition(ofAccount: name, among: count)].accounts[name] = profile
    }
    for (key, example) in templateExamples {
      pieces[Int(key % UInt64(count))].templateExamples[key] = example
    }
    return pieces
  }
}
