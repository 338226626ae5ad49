/// Finds communities of accounts that run the same templates, by label
/// propagation on the bipartite graph of accounts and the LSH buckets they share.
///
/// Each round, every bucket takes the label carrying most of its exchanges, and
/// every account takes the label carrying most of its bucket exchanges. An
/// account that touched a campaign's bucket once but spends its traffic
/// elsewhere follows where its traffic is, so one shared bucket cannot chain
/// unrelated accounts together the way connected components do.
///
/// Guarantees: deterministic (synchronous rounds, ties to the smallest label);
/// each round is linear in (account, bucket) pairs; at most `rounds` rounds.
struct TemplateCommunities {
  /// For each account index, its community label (an account index).
  let labels: [Int]

  init(profiles: [AccountProfile], members: [Bool], buckets: BucketIndex, rounds: Int = 12) {
    // (bucket, account, exchanges) for shared buckets of member accounts.
    var entries: [(key: UInt64, account: Int32, count: Int32)] = []
    for (index, profile) in profiles.enumerated() where members[index] {
      for (key, count) in profile.templates where buckets.accounts(in: key) >= 2 {
        entries.append((key, Int32(index), Int32(count)))
      }
    }
    entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.account < $1.account }

    // Dense bucket ids, keeping only buckets with two or more member accounts.
    var bucketStarts: [Int] = []
    var kept: [(bucket: Int32, account: Int32, count: Int32)] = []
    var start = 0
    while start < entries.count {
      var end = start + 1
      while end < entries.count && entries[end].key == entries[start].key { end += 1 }
      if end - start >= 2 {
        let bucket = Int32(bucketStarts.count)
        bucketStarts.append(kept.count)
        for i in start..<end { kept.append((bucket, entries[i].account, entries[i].count)) }
      }
      start = end
    }
    bucketStarts.append(kept.count)
    let byAccount = kept.sorted {
      $0.account != $1.account ? $0.account < $1.account : $0.bucket < $1.bucket
    }

    var labels = Array(0..<profiles.count)
    var bucketLabels = Array(repeating: 0, count: bucketStarts.count - 1)
    var tally = LabelTally(labels: profiles.count)
    for _ in 0..<rounds {
      for bucket in 0..<bucketLabels.count {
        for i in bucketStarts[bucket]..<bucketStarts[bucket + 1] {
          tally.add(labels[Int(kept[i].account)], Int(kept[i].count))
        }
        bucketLabels[bucket] = tally.heaviestAndReset()
      }
      var changed = false
      var index = 0
      while index < byAccount.count {
        let account = Int(byAccount[index].account)
        while index < byAccount.count && Int(byAccount[index].account) == account {
          tally.add(bucketLabels[Int(byAccount[index].bucket)], Int(byAccount[index].count))
          index += 1
        }
        let label = tally.heaviestAndReset()
        if label != labels[account] {
          labels[account] = label
          changed = true
        }
      }
      if !changed { break }
    }
    self.labels = labels
  }
}

/// Weights per label for one vote, in an array indexed by label (no hashing),
/// reset by walking only the labels touched.
struct LabelTally {
  private var weights: [Int]
  private var touched: [Int] = []

  init(labels: Int) { weights = Array(repeating: 0, count: labels) }

  mutating func add(_ label: Int, _ weight: Int) {
    if weights[label] == 0 { touched.append(label) }
    weights[label] += weight
  }

  /// The label with the largest weight (ties go to the smallest label); clears the tally.
  mutating func heaviestAndReset() -> Int {
    var best = Int.max
    var bestWeight = -1
    for label in touched {
      let weight = weights[label]
      if weight > bestWeight || (weight == bestWeight && label < best) {
        best = label
        bestWeight = weight
      }
      weights[label] = 0
    }
    touched.removeAll(keepingCapacity: true)
    return best
  }
}
