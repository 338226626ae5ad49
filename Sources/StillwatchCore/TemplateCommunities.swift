/// Finds communities of accounts that run the same templates, by label
/// propagation on the bipartite graph of accounts and the LSH buckets they share.
///
/// Each round, every bucket takes the label carrying most of its exchanges, and
/// every account takes the label carrying most of its bucket exchanges. An
/// account that touched a campaign's bucket once but spends its traffic
/// elsewhere follows where its traffic is, so one shared bucket cannot chain
/// unrelated accounts together the way connected components do.
///
/// Guarantees: deterministic (synchronous rounds, ties to the smallest label),
/// whatever `runner` computes the rounds' pieces; building the graph is linear
/// in (account, bucket) pairs (dense bucket ids and a counting sort, no
/// comparison sort), and so is each of at most `rounds` rounds.
struct TemplateCommunities {
  /// For each account index, its community label (an account index).
  let labels: [Int]

  init(
    profiles: [AccountProfile], members: [Bool], buckets: BucketIndex, rounds: Int = 12,
    runner: ConcurrentRunner = .serial
  ) {
    let graph = Graph(profiles: profiles, members: members, buckets: buckets)
    var labels = (0..<profiles.count).map { Int32($0) }
    let bucketPieces = runner.ranges(graph.bucketCount)
    let accountPieces = runner.ranges(graph.accounts.count)
    for _ in 0..<rounds {
      let bucketLabels = Self.votes(
        of: bucketPieces, starts: graph.bucketStarts, neighbours: graph.bucketAccounts,
        weights: graph.bucketWeights, labels: labels, labelCount: profiles.count, runner: runner)
      let updates = Self.votes(
        of: accountPieces, starts: graph.accountStarts, neighbours: graph.accountBuckets,
        weights: graph.accountWeights, labels: bucketLabels, labelCount: profiles.count,
        runner: runner)
      var changed = false
      for (slot, label) in updates.enumerated() {
        let account = Int(graph.accounts[slot])
        if labels[account] != label {
          labels[account] = label
          changed = true
        }
      }
      if !changed { break }
    }
    self.labels = labels.map(Int.init)
  }

  /// One side's vote: for each node in `pieces`, the label carrying most
  /// weight among its neighbours `neighbours[starts[node]..<starts[node + 1]]`.
  static func votes(
    of pieces: [Range<Int>], starts: [Int], neighbours: [Int32], weights: [Int32],
    labels: [Int32], labelCount: Int, runner: ConcurrentRunner
  ) -> [Int32] {
    runner.map(pieces.count) { piece in
      var tally = LabelTally(labels: labelCount)
      return pieces[piece].map { node in
        for i in starts[node]..<starts[node + 1] {
          tally.add(labels[Int(neighbours[i])], weights[i])
        }
        return tally.heaviestAndReset()
      }
    }.flatMap { $0 }
  }

  /// The bipartite graph in two compressed adjacency lists: member accounts →
  /// (bucket, exchanges) and buckets → (account, exchanges), over buckets that
  /// two or more member accounts share.
  struct Graph: Sendable {
    /// Member accounts with at least one kept bucket, ascending.
    var accounts: [Int32] = []
    var accountStarts: [Int] = [0]
    var accountBuckets: [Int32] = []
    var accountWeights: [Int32] = []
    var bucketCount = 0
    var bucketStarts: [Int] = []
    var bucketAccounts: [Int32] = []
    var bucketWeights: [Int32] = []

    init(profiles: [AccountProfile], members: [Bool], buckets: BucketIndex) {
      // Pass 1: each member's shared-bucket slots (4 bytes a pair, in the
      // tables' iteration order), and how many member accounts use each slot.
      var users = Array(repeating: Int32(0), count: buckets.slotCount)
      var pairSlots: [Int32] = []
      for (index, profile) in profiles.enumerated() where members[index] {
        for (key, _) in profile.templates {
          let slot = buckets.slot(of: key) ?? -1
          if slot >= 0 { users[slot] += 1 }
          pairSlots.append(Int32(slot))
        }
      }
      // Keep buckets with two or more member accounts, numbered densely.
      var kept = Array(repeating: Int32(-1), count: users.count)
      for (slot, count) in users.enumerated() where count >= 2 {
        kept[slot] = Int32(bucketCount)
        bucketCount += 1
      }
      users = []
      // Pass 2, account side: the same iteration, so pair i is pass 1's pair i.
      accountBuckets.reserveCapacity(pairSlots.count)
      accountWeights.reserveCapacity(pairSlots.count)
      var position = 0
      for (index, profile) in profiles.enumerated() where members[index] {
        let start = accountBuckets.count
        for (_, count) in profile.templates {
          let slot = Int(pairSlots[position])
          position += 1
          guard slot >= 0, kept[slot] >= 0 else { continue }
          accountBuckets.append(kept[slot])
          accountWeights.append(Int32(count))
        }
        if accountBuckets.count > start {
          accounts.append(Int32(index))
          accountStarts.append(accountBuckets.count)
        }
      }
      pairSlots = []
      // Bucket side by counting sort (stable: accounts ascend within a bucket).
      var starts = Array(repeating: 0, count: bucketCount + 1)
      for bucket in accountBuckets { starts[Int(bucket) + 1] += 1 }
      for b in 0..<bucketCount { starts[b + 1] += starts[b] }
      bucketStarts = starts
      bucketAccounts = Array(repeating: 0, count: accountBuckets.count)
      bucketWeights = Array(repeating: 0, count: accountBuckets.count)
      for slot in 0..<accounts.count {
        for i in accountStarts[slot]..<accountStarts[slot + 1] {
          let bucket = Int(accountBuckets[i])
          bucketAccounts[starts[bucket]] = accounts[slot]
          bucketWeights[starts[bucket]] = accountWeights[i]
          starts[bucket] += 1
        }
      }
    }
  }
}

/// Weights per label for one vote, in an array indexed by label (no hashing),
/// reset by walking only the labels touched.
struct LabelTally {
  private var weights: [Int]
  private var touched: [Int32] = []

  init(labels: Int) { weights = Array(repeating: 0, count: labels) }

  mutating func add(_ label: Int32, _ weight: Int32) {
    let index = Int(label)
    if weights[index] == 0 { touched.append(label) }
    weights[index] += Int(weight)
  }

  /// The label with the largest weight (ties go to the smallest label); clears the tally.
  mutating func heaviestAndReset() -> Int32 {
    var best = Int32.max
    var bestWeight = -1
    for label in touched {
      let weight = weights[Int(label)]
      if weight > bestWeight || (weight == bestWeight && label < best) {
        best = label
        bestWeight = weight
      }
      weights[Int(label)] = 0
    }
    touched.removeAll(keepingCapacity: true)
    return best
  }
}
