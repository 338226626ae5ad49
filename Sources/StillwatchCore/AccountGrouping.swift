/// Groups templated accounts into candidate campaigns: communities of accounts
/// that run the same templates (`TemplateCommunities`), joined further by exact
/// payment or headers fingerprints that mostly carry templated traffic and
/// cross organisations (never by listing pairs); each group then keeps only
/// accounts with real affinity to its core buckets.
///
/// Guarantees: deterministic; linear in (account, bucket) pairs after sorting;
/// groups are returned as sorted account indices, ordered by first index.
struct AccountGrouping: Sendable {
  let names: [String]
  let profiles: [AccountProfile]
  let buckets: BucketIndex
  let bands: Int
  let settings: DetectionSettings
  var runner: ConcurrentRunner = .serial

  /// A group and the edges that made it: how many template communities it
  /// joins, and the linking keys that joined them.
  struct Group: Sendable {
    var members: [Int]
    var communities: Int
    var linkingKeys: [String: Int]
  }

  func groups() -> [Group] {
    let candidate = runner.map(ranges: profiles.count) { range in
      range.map { profiles[$0].isCandidate(buckets: buckets, bands: bands, settings: settings) }
    }
    let communities = TemplateCommunities(
      profiles: profiles, members: candidate, buckets: buckets, runner: runner)
    var sets = UnionFind(count: profiles.count)
    for (index, label) in communities.labels.enumerated() where candidate[index] {
      sets.union(index, label)
    }
    let linking = joinByKeys(candidate: candidate, into: &sets)
    // A linking key joined all its members into one set: file it under that set.
    var keysBySet: [Int: [(key: String, members: [Int])]] = [:]
    for (key, members) in linking {
      keysBySet[sets.root(of: members[0]), default: []].append((key, members))
    }
    let components = sets.components(minimumSize: settings.minimumAccounts)
    let roots = components.map { sets.root(of: $0[0]) }
    return zip(components, roots).compactMap { group, root in
      let kept = keepAffine(group)
      guard kept.count >= settings.minimumAccounts else { return nil }
      let keptSet = Set(kept)
      var keys: [String: Int] = [:]
      for (key, members) in keysBySet[root] ?? [] {
        let inside = members.filter(keptSet.contains).count
        if inside >= 2 { keys[key] = inside }
      }
      return Group(
        members: kept, communities: Set(kept.map { communities.labels[$0] }).count,
        linkingKeys: keys)
    }
  }

  /// Joins candidates holding a linking key; returns each key used with its candidates.
  private func joinByKeys(candidate: [Bool], into sets: inout UnionFind) -> [String: [Int]] {
    // Each linking key's holders, ascending, in one table per shard; the
    // shards keep the keys that link side by side, and only the keys kept
    // are sorted and joined in one place.
    let holders = ShardedTable<[Int]>(
      count: profiles.count, runner: runner, empty: [], add: { $0.append($1) },
      merge: { $0 + $1 }
    ) { index, file in
      for key in profiles[index].infrastructure.keys where DetectionSettings.isLinkingKey(key) {
        file(key)
      }
    }
    let linking: [[(key: String, members: [Int])]] = runner.map(holders.shards.count) { shard in
      holders.shards[shard].compactMap { key, accounts in
        guard accounts.count >= 2, accounts.count <= settings.linkingKeyMaximumAccounts else {
          return nil
        }
        let members = accounts.filter { candidate[$0] }
        guard Double(members.count) >= settings.linkingKeyCandidateShare * Double(accounts.count),
          !isExplainedByOneOrg(accounts)
        else { return nil }
        return (key, members)
      }
    }
    var used: [String: [Int]] = [:]
    for (key, members) in linking.joined().sorted(by: { $0.key < $1.key }) {
      for member in members.dropFirst() { sets.union(members[0], member) }
      used[key] = members
    }
    return used
  }

  /// True when every holder belongs to the same organisation.
  func isExplainedByOneOrg(_ accounts: [Int]) -> Bool {
    guard let org = profiles[accounts[0]].primaryOrg else { return false }
    return accounts.allSatisfy { profiles[$0].primaryOrg == org }
  }

  /// The group's members whose slots fall enough in the group's core buckets:
  /// buckets many members share and that the group dominates.
  func keepAffine(_ group: [Int]) -> [Int] {
    let core = coreBuckets(of: group)
    return runner.map(ranges: group.count) { range in
      group[range].filter { index in
        let profile = profiles[index]
        var inCore = 0
        for (key, count) in profile.templates where core.contains(key) { inCore += count }
        return Double(inCore) >= settings.affinityShare * Double(bands * profile.exchanges)
      }
    }
  }

  func coreBuckets(of group: [Int]) -> KeyCountTable {
    let needed = max(2, (group.count + 49) / 50)
    let ranges = runner.ranges(group.count)
    let pieces = runner.map(ranges.count) { piece in
      var members = KeyCountTable()
      for index in group[ranges[piece]] {
        for (key, _) in profiles[index].templates where buckets.accounts(in: key) >= needed {
          members.add(key)
        }
      }
      return members
    }
    var members = KeyCountTable()
    for piece in pieces { members.merge(piece) }
    var core = KeyCountTable()
    members.forEach { key, inGroup in
      if Int(inGroup) >= needed
        && Double(inGroup) >= settings.coreDominance * Double(buckets.accounts(in: key))
      {
        core.set(key, to: inGroup)
      }
    }
    return core
  }
}
