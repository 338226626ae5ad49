/// Turns a merged `SweepPartial` into ranked campaigns with evidence.
///
/// Guarantees: a pure function of (partial, settings): the same accounts and
/// counts give byte-identical campaigns whatever order the partial was merged
/// in. Campaigns are sorted by score (highest first), then by id.
public struct CampaignDetector: Sendable {
  public let settings: DetectionSettings
  /// Runs the pieces of label propagation; never changes the answer.
  public let runner: ConcurrentRunner
  /// Groups at least this large are scored one at a time, each with all of
  /// `runner`'s threads; smaller ones side by side, one thread each. Never
  /// changes the answer.
  public var largeGroupAccounts = 256

  public init(settings: DetectionSettings = .standard, runner: ConcurrentRunner = .serial) {
    self.settings = settings
    self.runner = runner
  }

  /// Detects campaigns in a full merged partial (reducing it first).
  public func detect(_ partial: SweepPartial) -> [Campaign] {
    let buckets = BucketIndex(accounts: Array(partial.accounts.values))
    return detect(reduced: partial.reduced(buckets: buckets, settings: settings), buckets: buckets)
  }

  /// Detects campaigns in a partial reduced with `buckets` (see `SweepPartial.reduced`).
  public func detect(reduced partial: SweepPartial, buckets: BucketIndex) -> [Campaign] {
    let (names, profiles) = Self.byName(partial.accounts, runner: runner)
    let bands = partial.parameters.bands
    let grouping = AccountGrouping(
      names: names, profiles: profiles, buckets: buckets, bands: bands, settings: settings,
      runner: runner)
    let keyHolders = Self.keyHolders(profiles, runner: runner)
    let first = profiles.map(\.firstSeen).min() ?? 0
    let last = profiles.map(\.lastSeen).max() ?? 0
    let scorer = SignalScorer(
      profiles: profiles, keyHolders: keyHolders, bands: bands,
      corpusWindows: Int((last - first) / partial.windowMillis) + 1,
      newModels: SignalScorer.newModels(profiles, corpusStart: first, runner: runner))

    let settings = self.settings
    let groups = grouping.groups()
    // Scores one group; `runner` cuts the group's own work into pieces.
    let evaluate: @Sendable (Int, ConcurrentRunner) -> Campaign? = { index, runner in
      var found = groups[index]
      var signals = scorer.signals(of: found.members, runner: runner)
      // A group held together by shared infrastructure keeps only members
      // that share a specific key with another member (an ordinary user whose
      // popular-template traffic fell into the group has none), and of those
      // only the ones with real affinity to the core buckets of the linked
      // members' own traffic: a customer of the same proxies, or a user whose
      // address lease fell in a proxy's /24, sends everyday prompts whose
      // buckets the linked members do not dominate.
      if signals.infrastructure >= signals.coordination {
        var pieceGrouping = grouping
        pieceGrouping.runner = runner
        let linked = pieceGrouping.keepAffine(
          Self.sharingSpecificKeys(
            found.members, profiles: profiles, keyHolders: keyHolders, runner: runner))
        guard linked.count >= settings.minimumAccounts else { return nil }
        if linked.count < found.members.count {
          found.members = linked
          signals = scorer.signals(of: linked, runner: runner)
        }
      }
      let score = signals.score(settings)
      guard score >= settings.scoreThreshold, signals.network >= settings.minimumNetwork,
        signals.content >= settings.minimumContent
      else { return nil }
      return CampaignEvidence(
        names: names, profiles: profiles, partial: partial, settings: settings, runner: runner
      ).campaign(of: found, signals: signals, score: score)
    }
    // A large group is scored alone with every thread on its pieces (a piece
    // run inside another runner's piece would get no threads of its own);
    // the small groups then run side by side, one thread each.
    let largeGroup = largeGroupAccounts
    let large = groups.indices.filter { groups[$0].members.count >= largeGroup }
    var found = [Campaign?](repeating: nil, count: groups.count)
    for index in large { found[index] = evaluate(index, runner) }
    let small = groups.indices.filter { groups[$0].members.count < largeGroup }
    for (index, campaign) in zip(small, runner.map(small.count) { evaluate(small[$0], .serial) }) {
      found[index] = campaign
    }
    let campaigns = found.compactMap { $0 }
    return campaigns.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
  }

  /// The accounts' names, ascending, and their profiles in the same order:
  /// one walk of the table (no lookups by name), sorted in one run per
  /// thread and merged, then put in order in place (no second copy of the
  /// profiles, detection's largest array).
  static func byName(_ accounts: [String: AccountProfile], runner: ConcurrentRunner) -> (
    [String], [AccountProfile]
  ) {
    var names: [String] = []
    var profiles: [AccountProfile] = []
    names.reserveCapacity(accounts.count)
    profiles.reserveCapacity(accounts.count)
    for (name, profile) in accounts {
      names.append(name)
      profiles.append(profile)
    }
    let order = sortedOrder(names, runner: runner)
    permute(&names, into: order)
    permute(&profiles, into: order)
    return (names, profiles)
  }

  /// The indices of `keys` in ascending order of key: one sorted run per
  /// thread, merged two by two.
  static func sortedOrder(_ keys: [String], runner: ConcurrentRunner) -> [Int] {
    let pieces = runner.threadRanges(keys.count)
    var runs: [[Int]] = runner.map(pieces.count) { piece in
      pieces[piece].sorted { keys[$0] < keys[$1] }
    }
    while runs.count > 1 {
      var merged: [[Int]] = []
      for pair in stride(from: 0, to: runs.count, by: 2) {
        guard pair + 1 < runs.count else {
          merged.append(runs[pair])
          continue
        }
        let (a, b) = (runs[pair], runs[pair + 1])
        var run: [Int] = []
        run.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
          if keys[b[j]] < keys[a[i]] {
            run.append(b[j])
            j += 1
          } else {
            run.append(a[i])
            i += 1
          }
        }
        run.append(contentsOf: a[i...])
        run.append(contentsOf: b[j...])
        merged.append(run)
      }
      runs = merged
    }
    return runs.first ?? []
  }

  /// Rearranges `items` in place so that `items[i]` becomes the old
  /// `items[order[i]]` (`order` is a permutation), one cycle at a time.
  static func permute<T>(_ items: inout [T], into order: [Int]) {
    var placed = [Bool](repeating: false, count: order.count)
    for start in order.indices where !placed[start] {
      var slot = start
      while order[slot] != start {
        items.swapAt(slot, order[slot])
        placed[slot] = true
        slot = order[slot]
      }
      placed[slot] = true
    }
  }

  /// Accounts per infrastructure key, counted piece by piece (account ranges)
  /// and merged shard by shard.
  static func keyHolders(_ profiles: [AccountProfile], runner: ConcurrentRunner)
    -> ShardedTable<Int>
  {
    ShardedTable(counting: profiles.count, runner: runner) { index, file in
      for key in profiles[index].infrastructure.keys { file(key) }
    }
  }

  /// The members that share a specific infrastructure key
  /// (`DetectionSettings.isSpecificKey`) with another member, where the group
  /// holds most of the key's users corpus-wide: a campaign's proxy addresses
  /// or SDK fingerprint, not the fingerprint of a client everyone uses.
  static func sharingSpecificKeys(
    _ group: [Int], profiles: [AccountProfile], keyHolders: ShardedTable<Int>,
    groupShare: Double = 0.5, runner: ConcurrentRunner = .serial
  ) -> [Int] {
    let inGroup: [String: Int] = runner.map(ranges: group.count, merging: +) { range in
      var inGroup: [String: Int] = [:]
      for index in group[range] {
        for key in profiles[index].infrastructure.keys where DetectionSettings.isSpecificKey(key) {
          inGroup[key, default: 0] += 1
        }
      }
      return inGroup
    }
    return runner.map(ranges: group.count) { range in
      group[range].filter { index in
        profiles[index].infrastructure.keys.contains { key in
          guard DetectionSettings.isSpecificKey(key), let shared = inGroup[key], shared >= 2 else {
            return false
          }
          return Double(shared) >= groupShare * Double(keyHolders[key] ?? shared)
        }
      }
    }
  }
}
