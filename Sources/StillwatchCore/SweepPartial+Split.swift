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

  /// The encodings of `split(into: partitions)`'s pieces, written without
  /// building them; a piece with neither accounts nor examples is empty.
  ///
  /// Guarantees: with `sorted`, piece p is byte for byte
  /// `split(into: partitions)[p].encoded()`; without, maps are written in
  /// storage order (no sorting: cheaper, and decoding gives the same piece,
  /// but equal partials may encode to different bytes).
  public func encodedPieces(into partitions: Int, sorted: Bool = true) -> [[UInt8]] {
    let count = max(1, partitions)
    // Accounts in the order written: by name, or in storage order, reached
    // through the table's indices so that no profile is copied out of it.
    let order =
      sorted ? accounts.indices.sorted { accounts.keys[$0] < accounts.keys[$1] } : nil
    let examples = templateExamples.entries(sorted: sorted)
    var accountPiece: [Int] = []
    accountPiece.reserveCapacity(accounts.count)
    var accountsIn = Array(repeating: 0, count: count)
    var examplesIn = Array(repeating: 0, count: count)
    forEachIndex(order) { index in
      let p = Self.partition(ofAccount: accounts.keys[index], among: count)
      accountPiece.append(p)
      accountsIn[p] += 1
    }
    let examplePiece = examples.map { Int($0.key % UInt64(count)) }
    for p in examplePiece { examplesIn[p] += 1 }
    var writers = (0..<count).map { _ in BinaryWriter() }
    for p in 0..<count where accountsIn[p] + examplesIn[p] > 0 {
      parameters.encode(into: &writers[p])
      writers[p].writeVarint(windowMillis)
      writers[p].writeVarint(0)  // exchanges and quarantine stay with the caller
      writers[p].writeCount(0)
      writers[p].writeCount(accountsIn[p])
    }
    var written = 0
    forEachIndex(order) { index in
      let p = accountPiece[written]
      written += 1
      writers[p].write(accounts.keys[index])
      accounts.values[index].encode(into: &writers[p], sorted: sorted)
    }
    for p in 0..<count where accountsIn[p] + examplesIn[p] > 0 {
      writers[p].writeCount(examplesIn[p])
    }
    for (index, (key, example)) in examples.enumerated() {
      writers[examplePiece[index]].write(key)
      example.encode(into: &writers[examplePiece[index]])
    }
    return (0..<count).map { accountsIn[$0] + examplesIn[$0] > 0 ? writers[$0].bytes : [] }
  }

  /// Calls `body` with the accounts table's indices in `order`, or in
  /// storage order when it is nil.
  private func forEachIndex(
    _ order: [Dictionary<String, AccountProfile>.Index]?,
    _ body: (Dictionary<String, AccountProfile>.Index) -> Void
  ) {
    if let order {
      for index in order { body(index) }
    } else {
      for index in accounts.indices { body(index) }
    }
  }
}
