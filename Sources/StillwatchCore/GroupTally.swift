/// Every sum `SignalScorer` needs about one group of accounts, tallied over a
/// contiguous piece of the group's members so that the pieces of a large group
/// can be tallied on several threads and merged.
///
/// Guarantees: merging the tallies of consecutive pieces, in piece order, gives
/// exactly the tally of the joined piece, however the group was cut: counts
/// are integers; the per-member values that feed floating-point sums are kept
/// in member order (`activeWindowCounts`), so those sums are taken once, in
/// member order, by the scorer.
struct GroupTally {
  var members = 0
  var exchanges = 0
  var unsharedBuckets = 0
  var elicitationMilliSum = 0
  var agentic = 0
  /// Per template bucket: member accounts using it.
  var bucketAccounts = KeyCountTable()
  /// Per template bucket: the members' exchanges in it.
  var bucketExchanges = KeyCountTable()
  var systemPrompts: [UInt64: Int] = [:]
  var toolsets: [UInt64: Int] = [:]
  /// Activity windows any member was active in.
  var windows = Set<Int64>()
  /// Each member's number of active windows, in member order.
  var activeWindowCounts: [Int] = []
  /// Members per primary organisation, and members with none.
  var orgs: [String: Int] = [:]
  var withoutOrg = 0
  /// Per newly released model: members active after its release, and those
  /// of them that used it within the pivot window.
  var pivots: [String: (active: Int, quick: Int)] = [:]
  /// Per infrastructure key: members holding it, and their organisations.
  var keys: [String: (members: Int, orgs: KeyOrganisations)] = [:]

  init() {}

  /// Tallies `group[range]`; member numbers (for `KeyOrganisations`) are
  /// positions in `group`.
  init(
    _ group: [Int], range: Range<Int>, profiles: [AccountProfile],
    newModels: [String: (release: Int64, baseline: Double)], pivotWindowMillis: Int64
  ) {
    activeWindowCounts.reserveCapacity(range.count)
    for position in range {
      let profile = profiles[group[position]]
      members += 1
      exchanges += profile.exchanges
      unsharedBuckets += profile.unsharedBuckets
      elicitationMilliSum += profile.elicitationMilliSum
      agentic += max(profile.agenticExchanges, profile.toolExchanges)
      profile.templates.forEach { key, count in
        bucketAccounts.add(key)
        bucketExchanges.add(key, Int(count))
      }
      for (key, count) in profile.systemPrompts { systemPrompts[key, default: 0] += count }
      for (key, count) in profile.toolsets { toolsets[key, default: 0] += count }
      activeWindowCounts.append(profile.activeWindows.count)
      windows.formUnion(profile.activeWindows.keys)
      let org = profile.primaryOrg
      if let org { orgs[org, default: 0] += 1 } else { withoutOrg += 1 }
      for (model, entry) in newModels where profile.lastSeen >= entry.release {
        var pivot = pivots[model] ?? (0, 0)
        pivot.active += 1
        if let first = profile.modelFirstSeen[model], first - entry.release <= pivotWindowMillis {
          pivot.quick += 1
        }
        pivots[model] = pivot
      }
      for key in profile.infrastructure.keys {
        if let seen = keys[key] {
          keys[key] = (seen.members + 1, seen.orgs.adding(org, account: position))
        } else {
          keys[key] = (1, .one(org, account: position))
        }
      }
    }
  }

  /// Adds the tally of the piece that follows this one.
  mutating func merge(_ next: GroupTally) {
    members += next.members
    exchanges += next.exchanges
    unsharedBuckets += next.unsharedBuckets
    elicitationMilliSum += next.elicitationMilliSum
    agentic += next.agentic
    bucketAccounts.merge(next.bucketAccounts)
    bucketExchanges.merge(next.bucketExchanges)
    systemPrompts.merge(next.systemPrompts, uniquingKeysWith: +)
    toolsets.merge(next.toolsets, uniquingKeysWith: +)
    windows.formUnion(next.windows)
    activeWindowCounts.append(contentsOf: next.activeWindowCounts)
    orgs.merge(next.orgs, uniquingKeysWith: +)
    withoutOrg += next.withoutOrg
    pivots.merge(next.pivots) { ($0.active + $1.active, $0.quick + $1.quick) }
    keys.merge(next.keys) { ($0.members + $1.members, $0.orgs.merging($1.orgs)) }
  }

  /// True when every member has the same organisation.
  var isSingleOrg: Bool { withoutOrg == 0 && orgs.count == 1 }

  /// Share of the members in the largest organisation (a member without one
  /// is an organisation of its own).
  var largestOrgShare: Double {
    Double(max(1, orgs.values.max() ?? 1)) / Double(max(1, members))
  }
}

/// The organisations of a key's holders, as far as the signals need them:
/// one (the first holder's, or the holder itself when it has none), or several.
enum KeyOrganisations {
  case one(String?, account: Int)
  case several

  func adding(_ org: String?, account: Int) -> KeyOrganisations {
    guard case .one(let first, let firstAccount) = self else { return .several }
    if let first, let org, first == org { return self }
    return account == firstAccount ? self : .several
  }

  /// These holders joined by the holders of a later piece (other accounts).
  func merging(_ later: KeyOrganisations) -> KeyOrganisations {
    guard case .one(let org, let account) = later else { return .several }
    return adding(org, account: account)
  }
}
