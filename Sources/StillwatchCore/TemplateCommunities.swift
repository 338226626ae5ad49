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
    let graph = Graph(profiles: profiles, members: members, buckets: buckets, runner: runner)
    var labels = (0..<profiles.count).map { Int32($0) }
    // Pieces of equal edge counts, not node counts: bucket sizes are Zipf-like.
    let bucketPieces = runner.ranges(graph.bucketCount, balancing: graph.bucketStarts)
    let accountPieces = runner.ranges(graph.accounts.count, balancing: graph.accountStarts)
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
        let edges = starts[node]..<starts[node + 1]
        // Most nodes, once labels settle, see one label only: no tally needed.
        if let first = edges.first {
          let label = labels[Int(neighbours[first])]
          var uniform = true
          for i in edges where labels[Int(neighbours[i])] != label {
            uniform = false
            break
          }
          if uniform { return label }
        }
        for i in edges {
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

    /// Builds the graph; `runner` computes the account-side passes piece by
    /// piece (account ranges), so the result is the same for every runner.
    init(
      profiles: [AccountProfile], members: [Bool], buckets: BucketIndex,
      runner: ConcurrentRunner = .serial
    ) {
      var sides: [AccountSide?]
      do {
        let pieces = runner.ranges(profiles.count)
        // Pass 1: each member's shared-bucket slots (4 bytes a pair, in the
        // tables' iteration order), piece by piece.
        let pieceSlots: [[Int32]] = runner.map(pieces.count) { piece in
          var slots: [Int32] = []
          for index in pieces[piece] where members[index] {
            for (key, _) in profiles[index].templates {
              slots.append(Int32(buckets.slot(of: key) ?? -1))
            }
          }
          return slots
        }
        // Keep buckets with two or more member accounts, numbered densely.
        // Member counts per bucket: a table per group of pieces, summed by
        // bucket ranges.
        let groups = min(runner.width, pieceSlots.count)
        let groupCounts: [[Int32]] = runner.map(groups) { group in
          var users = Array(repeating: Int32(0), count: buckets.slotCount)
          for piece in stride(from: group, to: pieceSlots.count, by: groups) {
            for slot in pieceSlots[piece] where slot >= 0 { users[Int(slot)] &+= 1 }
          }
          return users
        }
        let users: [Int32] = runner.map(ranges: buckets.slotCount) { range in
          range.map { slot in groupCounts.reduce(Int32(0)) { $0 &+ $1[slot] } }
        }
        var kept = Array(repeating: Int32(-1), count: users.count)
        for (slot, count) in users.enumerated() where count >= 2 {
          kept[slot] = Int32(bucketCount)
          bucketCount += 1
        }
        // Pass 2, account side: the same iteration, so pair i is pass 1's pair i.
        let keptBuckets = kept
        sides = runner.map(pieces.count) { piece in
          var side = AccountSide()
          var position = 0
          let slots = pieceSlots[piece]
          for index in pieces[piece] where members[index] {
            let start = side.buckets.count
            for (_, count) in profiles[index].templates {
              let slot = Int(slots[position])
              position += 1
              guard slot >= 0, keptBuckets[slot] >= 0 else { continue }
              side.buckets.append(keptBuckets[slot])
              side.weights.append(Int32(count))
            }
            if side.buckets.count > start {
              side.accounts.append(Int32(index))
              side.ends.append(side.buckets.count)
            }
          }
          return side
        }
      }
      // The pieces joined in order, each piece's arrays freed once copied.
      let pairs = sides.reduce(0) { $0 + ($1?.buckets.count ?? 0) }
      accountBuckets.reserveCapacity(pairs)
      accountWeights.reserveCapacity(pairs)
      for piece in sides.indices {
        guard let side = sides[piece] else { continue }
        sides[piece] = nil
        let offset = accountBuckets.count
        accounts.append(contentsOf: side.accounts)
        accountStarts.append(contentsOf: side.ends.lazy.map { $0 + offset })
        accountBuckets.append(contentsOf: side.buckets)
        accountWeights.append(contentsOf: side.weights)
      }
      (bucketStarts, bucketAccounts, bucketWeights) = Self.bucketSide(
        accounts: accounts, accountStarts: accountStarts, accountBuckets: accountBuckets,
        accountWeights: accountWeights, bucketCount: bucketCount, runner: runner)
    }

    /// The bucket side by counting sort (stable: accounts ascend within a
    /// bucket), one contiguous range of account slots per piece: each piece
    /// counts its own pairs per bucket, then writes them straight into their
    /// final places (no per-piece copies); a bucket lists piece 0's accounts
    /// first. Temporary memory: one 4-byte count per bucket per piece.
    static func bucketSide(
      accounts: [Int32], accountStarts: [Int], accountBuckets: [Int32], accountWeights: [Int32],
      bucketCount: Int, runner: ConcurrentRunner
    ) -> (starts: [Int], accounts: [Int32], weights: [Int32]) {
      let slotRanges = runner.threadRanges(accounts.count)
      let width = slotRanges.count
      var offsets: [[Int32]] = runner.map(width) { piece in
        var counts = Array(repeating: Int32(0), count: bucketCount)
        let range = slotRanges[piece]
        for i in accountStarts[range.lowerBound]..<accountStarts[range.upperBound] {
          counts[Int(accountBuckets[i])] &+= 1
        }
        return counts
      }
      // Each piece's counts become its first place within the bucket.
      var starts = [0]
      starts.reserveCapacity(bucketCount + 1)
      for bucket in 0..<bucketCount {
        var within: Int32 = 0
        for piece in 0..<width {
          let count = offsets[piece][bucket]
          offsets[piece][bucket] = within
          within &+= count
        }
        starts.append(starts[bucket] + Int(within))
      }
      var bucketAccounts = Array(repeating: Int32(0), count: accountBuckets.count)
      var bucketWeights = Array(repeating: Int32(0), count: accountBuckets.count)
      let bucketStarts = starts
      let firstPlaces = offsets
      offsets = []
      bucketAccounts.withUnsafeMutableBufferPointer { accountsOut in
        bucketWeights.withUnsafeMutableBufferPointer { weightsOut in
          let out = DisjointPairs(accounts: accountsOut, weights: weightsOut)
          _ = runner.map(width) { piece in
            var next = firstPlaces[piece]
            for slot in slotRanges[piece] {
              for i in accountStarts[slot]..<accountStarts[slot + 1] {
                let bucket = Int(accountBuckets[i])
                let position = bucketStarts[bucket] + Int(next[bucket])
                out.accounts[position] = accounts[slot]
                out.weights[position] = accountWeights[i]
                next[bucket] &+= 1
              }
            }
            return 0
          }
        }
      }
      return (bucketStarts, bucketAccounts, bucketWeights)
    }

    /// The bucket side's output buffers while pieces fill them: each piece
    /// writes only the positions its counts reserved for its own pairs
    /// (disjoint from every other piece's), and the buffers outlive every
    /// piece, so sharing them across threads is safe.
    struct DisjointPairs: @unchecked Sendable {
      let accounts: UnsafeMutableBufferPointer<Int32>
      let weights: UnsafeMutableBufferPointer<Int32>
    }

    /// One piece's share of the account side (ends relative to the piece).
    struct AccountSide: Sendable {
      var accounts: [Int32] = []
      var ends: [Int] = []
      var buckets: [Int32] = []
      var weights: [Int32] = []
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
