#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Computes the six signals of one group of accounts against the whole corpus.
///
/// Guarantees: every signal is in [0, 1] and a pure function of the group and
/// the corpus aggregates; integer counts are summed before any division, so the
/// result does not depend on merge order.
struct SignalScorer: Sendable {
  let profiles: [AccountProfile]
  let keyHolders: ShardedTable<Int>
  let bands: Int
  /// Number of activity windows the corpus spans.
  let corpusWindows: Int
  /// Models that appeared after the corpus began → their first request anywhere,
  /// with the share of accounts active afterwards that adopted them within a day.
  let newModels: [String: (release: Int64, baseline: Double)]

  /// The group's signals; `runner` tallies a large group's members piece by
  /// piece (the answer is the same for every runner).
  func signals(of group: [Int], runner: ConcurrentRunner = .serial) -> Signals {
    // One piece per thread: most keys are distinct between pieces, so every
    // further piece adds a merge about as costly as tallying it.
    let pieces = runner.threadRanges(group.count)
    let tallies = runner.map(pieces.count) { piece in
      GroupTally(
        group, range: pieces[piece], profiles: profiles, newModels: newModels,
        pivotWindowMillis: Self.pivotWindowMillis)
    }
    var tally = tallies[0]
    for piece in tallies.dropFirst() { tally.merge(piece) }
    let exchanges = tally.exchanges
    let slots = Double(bands * max(1, exchanges))
    let total = Double(max(1, exchanges))
    let oneOrg = tally.isSingleOrg

    var sharedSlots = 0
    tally.bucketExchanges.forEach { key, exchanges in
      if tally.bucketAccounts.count(of: key) >= 2 { sharedSlots += Int(exchanges) }
    }
    let concentration = Double(sharedSlots) / slots
    let distinct = tally.bucketAccounts.count + tally.unsharedBuckets
    let bucketReuse = 1 - Double(distinct) / slots
    let fingerprintReuse =
      topShare(tally.systemPrompts, exchanges: exchanges)
      .map { max($0, topShare(tally.toolsets, exchanges: exchanges) ?? 0) } ?? 0
    let repetition = 0.7 * bucketReuse + 0.3 * fingerprintReuse

    let elicitation = Double(tally.elicitationMilliSum) / (1000 * total)
    let tools = Double(tally.agentic) / total

    // Accounts of one declared organisation are expected to act together and
    // share infrastructure; only what crosses organisations counts.
    let coordination =
      oneOrg ? 0 : max(coActivity(tally), sharedPivot(tally)) * (1 - tally.largestOrgShare)
    let infrastructure = oneOrg ? 0 : sharedInfrastructure(group, keys: tally.keys, runner: runner)
    return Signals(
      volumeConcentration: concentration, repetition: repetition, coordination: coordination,
      elicitation: elicitation, infrastructure: infrastructure, toolOrchestration: tools)
  }

  /// 1 − observed distinct active windows / windows expected if the accounts
  /// acted independently: 0 for independent accounts, near 1 for lockstep.
  func coActivity(_ tally: GroupTally) -> Double {
    let windows = Double(max(1, corpusWindows))
    var logIdle = 0.0
    for count in tally.activeWindowCounts {
      logIdle += log1p(-min(Double(count), windows - 0.5) / windows)
    }
    let expected = windows * (1 - exp(logIdle))
    guard expected >= 1 else { return 0 }
    return 1 - Double(tally.windows.count) / expected
  }

  /// How much more of the group than of the corpus switched to a newly released
  /// model within a day of its first appearance: 0 for the corpus's own pace,
  /// 1 when every member pivoted at once.
  func sharedPivot(_ tally: GroupTally) -> Double {
    var best = 0.0
    for (model, pivot) in tally.pivots where pivot.active >= 3 {
      guard let baseline = newModels[model]?.baseline, baseline < 1 else { continue }
      let share = Double(pivot.quick) / Double(pivot.active)
      best = max(best, (share - baseline) / (1 - baseline))
    }
    return best
  }

  static let pivotWindowMillis: Int64 = 86_400_000

  /// Models first requested after the corpus's first day, with the corpus-wide
  /// share of accounts (active after the release) that adopted them within a day.
  /// `runner` walks the profiles in pieces (integer counts: the same result).
  static func newModels(
    _ profiles: [AccountProfile], corpusStart: Int64, runner: ConcurrentRunner = .serial
  ) -> [String: (release: Int64, baseline: Double)] {
    let release: [String: Int64] = runner.map(ranges: profiles.count, merging: min) { range in
      var release: [String: Int64] = [:]
      for profile in profiles[range] {
        for (model, first) in profile.modelFirstSeen {
          release[model] = min(release[model] ?? .max, first)
        }
      }
      return release
    }
    let models = release.filter { $0.value - corpusStart > pivotWindowMillis }
    // Per model: accounts active after its release, and those that adopted it
    // within a day of it.
    let counts: [String: (active: Int, quick: Int)] = runner.map(
      ranges: profiles.count, merging: { a, b in (a.active + b.active, a.quick + b.quick) }
    ) { range in
      var counts: [String: (active: Int, quick: Int)] = [:]
      for (model, at) in models {
        var active = 0
        var quick = 0
        for profile in profiles[range] where profile.lastSeen >= at {
          active += 1
          if let first = profile.modelFirstSeen[model], first - at <= pivotWindowMillis {
            quick += 1
          }
        }
        counts[model] = (active, quick)
      }
      return counts
    }
    return models.reduce(into: [:]) { result, entry in
      let count = counts[entry.key] ?? (0, 0)
      result[entry.key] = (entry.value, Double(count.quick) / Double(max(1, count.active)))
    }
  }

  /// Mean over accounts of the strongest key it shares with another member,
  /// weighted by the key's kind and by the share of the key's users in the
  /// group. `keys` is the group's tally of its keys (`GroupTally.keys`).
  func sharedInfrastructure(
    _ group: [Int], keys: [String: (members: Int, orgs: KeyOrganisations)],
    runner: ConcurrentRunner = .serial
  ) -> Double {
    let best: [Double] = runner.map(ranges: group.count) { range in
      range.map { position in
        var best = 0.0
        for key in profiles[group[position]].infrastructure.keys {
          guard let seen = keys[key], seen.members >= 2, case .several = seen.orgs,
            let holders = keyHolders[key], holders > 0
          else { continue }
          let concentration = Double(seen.members) / Double(holders)
          best = max(best, DetectionSettings.keyWeight(key) * concentration)
        }
        return best
      }
    }
    // Summed in member order, whatever the runner.
    return best.reduce(0, +) / Double(max(1, group.count))
  }

  /// Share of exchanges carrying the group's most common fingerprint, nil if none.
  func topShare(_ totals: [UInt64: Int], exchanges: Int) -> Double? {
    guard let top = totals.values.max(), exchanges > 0 else { return nil }
    return Double(top) / Double(exchanges)
  }
}
