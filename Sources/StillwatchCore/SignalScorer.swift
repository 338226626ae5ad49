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
  let keyHolders: [String: Int]
  let bands: Int
  /// Number of activity windows the corpus spans.
  let corpusWindows: Int
  /// Models that appeared after the corpus began → their first request anywhere,
  /// with the share of accounts active afterwards that adopted them within a day.
  let newModels: [String: (release: Int64, baseline: Double)]

  func signals(of group: [Int]) -> Signals {
    let members = group.map { profiles[$0] }
    let exchanges = members.reduce(0) { $0 + $1.exchanges }
    let slots = Double(bands * max(1, exchanges))
    let total = Double(max(1, exchanges))
    let oneOrg = singleOrg(members)

    // Per bucket: member accounts using it, and their exchanges in it.
    var bucketAccounts = KeyCountTable()
    var bucketExchanges = KeyCountTable()
    for profile in members {
      profile.templates.forEach { key, count in
        bucketAccounts.add(key)
        bucketExchanges.add(key, Int(count))
      }
    }
    var sharedSlots = 0
    bucketExchanges.forEach { key, exchanges in
      if bucketAccounts.count(of: key) >= 2 { sharedSlots += Int(exchanges) }
    }
    let concentration = Double(sharedSlots) / slots
    let distinct = bucketAccounts.count + members.reduce(0) { $0 + $1.unsharedBuckets }
    let bucketReuse = 1 - Double(distinct) / slots
    let fingerprintReuse =
      topShare(members.map(\.systemPrompts), exchanges: exchanges)
      .map { max($0, topShare(members.map(\.toolsets), exchanges: exchanges) ?? 0) } ?? 0
    let repetition = 0.7 * bucketReuse + 0.3 * fingerprintReuse

    let elicitation = Double(members.reduce(0) { $0 + $1.elicitationMilliSum }) / (1000 * total)
    let agentic = members.reduce(0) { $0 + max($1.agenticExchanges, $1.toolExchanges) }
    let tools = Double(agentic) / total

    // Accounts of one declared organisation are expected to act together and
    // share infrastructure; only what crosses organisations counts.
    let coordination =
      oneOrg ? 0 : max(coActivity(members), sharedPivot(members)) * (1 - largestOrgShare(members))
    let infrastructure = oneOrg ? 0 : sharedInfrastructure(members)
    return Signals(
      volumeConcentration: concentration, repetition: repetition, coordination: coordination,
      elicitation: elicitation, infrastructure: infrastructure, toolOrchestration: tools)
  }

  /// 1 − observed distinct active windows / windows expected if the accounts
  /// acted independently: 0 for independent accounts, near 1 for lockstep.
  func coActivity(_ members: [AccountProfile]) -> Double {
    let windows = Double(max(1, corpusWindows))
    var logIdle = 0.0
    var observed = Set<Int64>()
    for profile in members {
      let active = Double(profile.activeWindows.count)
      logIdle += log1p(-min(active, windows - 0.5) / windows)
      observed.formUnion(profile.activeWindows.keys)
    }
    let expected = windows * (1 - exp(logIdle))
    guard expected >= 1 else { return 0 }
    return 1 - Double(observed.count) / expected
  }

  /// How much more of the group than of the corpus switched to a newly released
  /// model within a day of its first appearance: 0 for the corpus's own pace,
  /// 1 when every member pivoted at once.
  func sharedPivot(_ members: [AccountProfile]) -> Double {
    var best = 0.0
    for (model, entry) in newModels {
      let active = members.filter { $0.lastSeen >= entry.release }
      guard active.count >= 3 else { continue }
      let quick = active.filter {
        guard let first = $0.modelFirstSeen[model] else { return false }
        return first - entry.release <= SignalScorer.pivotWindowMillis
      }.count
      let share = Double(quick) / Double(active.count)
      guard entry.baseline < 1 else { continue }
      best = max(best, (share - entry.baseline) / (1 - entry.baseline))
    }
    return best
  }

  static let pivotWindowMillis: Int64 = 86_400_000

  /// Models first requested after the corpus's first day, with the corpus-wide
  /// share of accounts (active after the release) that adopted them within a day.
  static func newModels(_ profiles: [AccountProfile], corpusStart: Int64) -> [String: (
    release: Int64, baseline: Double
  )] {
    var release: [String: Int64] = [:]
    for profile in profiles {
      for (model, first) in profile.modelFirstSeen {
        release[model] = min(release[model] ?? .max, first)
      }
    }
    var result: [String: (release: Int64, baseline: Double)] = [:]
    for (model, at) in release where at - corpusStart > pivotWindowMillis {
      var active = 0
      var quick = 0
      for profile in profiles where profile.lastSeen >= at {
        active += 1
        if let first = profile.modelFirstSeen[model], first - at <= pivotWindowMillis { quick += 1 }
      }
      result[model] = (at, Double(quick) / Double(max(1, active)))
    }
    return result
  }

  /// Mean over accounts of the strongest key it shares with another member,
  /// weighted by the key's kind and by the share of the key's users in the group.
  func sharedInfrastructure(_ members: [AccountProfile]) -> Double {
    // Per key: members holding it, and whether they span two organisations
    // (an account without one is an organisation of its own).
    var onKey: [String: (members: Int, orgs: KeyOrganisations)] = [:]
    for (index, profile) in members.enumerated() {
      let org = profile.primaryOrg
      for key in profile.infrastructure.keys {
        if let seen = onKey[key] {
          onKey[key] = (seen.members + 1, seen.orgs.adding(org, account: index))
        } else {
          onKey[key] = (1, .one(org, account: index))
        }
      }
    }
    var sum = 0.0
    for profile in members {
      var best = 0.0
      for key in profile.infrastructure.keys {
        guard let seen = onKey[key], seen.members >= 2, case .several = seen.orgs,
          let holders = keyHolders[key], holders > 0
        else { continue }
        let concentration = Double(seen.members) / Double(holders)
        best = max(best, DetectionSettings.keyWeight(key) * concentration)
      }
      sum += best
    }
    return sum / Double(max(1, members.count))
  }

  /// The organisations of a key's holders, as far as the signal needs them:
  /// one (the first holder's, or the holder itself when it has none), or several.
  enum KeyOrganisations {
    case one(String?, account: Int)
    case several

    func adding(_ org: String?, account: Int) -> KeyOrganisations {
      guard case .one(let first, let firstAccount) = self else { return .several }
      if let first, let org, first == org { return self }
      return account == firstAccount ? self : .several
    }
  }

  /// Share of the group's accounts in its largest organisation (accounts
  /// without one count as organisations of their own).
  func largestOrgShare(_ members: [AccountProfile]) -> Double {
    var counts: [String: Int] = [:]
    for profile in members {
      if let org = profile.primaryOrg { counts[org, default: 0] += 1 }
    }
    let largest = max(1, counts.values.max() ?? 1)
    return Double(largest) / Double(max(1, members.count))
  }

  func singleOrg(_ members: [AccountProfile]) -> Bool {
    guard let org = members.first?.primaryOrg else { return false }
    return members.allSatisfy { $0.primaryOrg == org }
  }

  /// Share of exchanges carrying the group's most common fingerprint, nil if none.
  func topShare(_ maps: [SmallMap<UInt64, Int>], exchanges: Int) -> Double? {
    var totals: [UInt64: Int] = [:]
    for map in maps {
      for (key, count) in map { totals[key, default: 0] += count }
    }
    guard let top = totals.values.max(), exchanges > 0 else { return nil }
    return Double(top) / Double(exchanges)
  }
}
