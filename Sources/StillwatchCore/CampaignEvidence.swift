/// Builds the evidence of one campaign: its templates with examples, shared
/// infrastructure keys, targets and timeline.
///
/// Guarantees: every list is sorted by count (descending) then by key, and cut
/// to `settings.evidenceItems`.
struct CampaignEvidence: Sendable {
  let names: [String]
  let profiles: [AccountProfile]
  let partial: SweepPartial
  let settings: DetectionSettings
  /// Cuts a large group's tallies into pieces (the answer is the same for every runner).
  var runner: ConcurrentRunner = .serial

  static let dayMillis: Int64 = 86_400_000

  func campaign(of found: AccountGrouping.Group, signals: Signals, score: Double) -> Campaign {
    let group = found.members
    let members = group.map { profiles[$0] }
    let accounts = group.map { names[$0] }.sorted()
    let exchanges = members.reduce(0) { $0 + $1.exchanges }
    let windowMillis = partial.windowMillis
    let daily: [Int64: Int] = runner.map(ranges: members.count, merging: +) { range in
      var daily: [Int64: Int] = [:]
      for profile in members[range] {
        for (window, count) in profile.activeWindows {
          daily[floorDivide(window * windowMillis, Self.dayMillis), default: 0] += count
        }
      }
      return daily
    }
    return Campaign(
      id: Campaign.id(forSortedAccounts: accounts),
      accounts: accounts,
      exchanges: exchanges,
      score: score,
      signals: signals,
      targets: targets(members, exchanges: exchanges),
      templates: templates(members),
      infrastructure: infrastructure(members),
      firstSeen: members.map(\.firstSeen).min() ?? 0,
      lastSeen: members.map(\.lastSeen).max() ?? 0,
      daily: daily,
      accountHourly: busiest(group),
      links: links(found))
  }

  /// The account graph's edges behind the campaign, by the signal that made them.
  func links(_ found: AccountGrouping.Group) -> [Campaign.Link] {
    var links = [
      Campaign.Link(
        signal: "content",
        key: "\(found.communities) template communit"
          + (found.communities == 1 ? "y" : "ies"), accounts: found.members.count)
    ]
    for (key, accounts) in found.linkingKeys.sorted(by: {
      $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
    }).prefix(settings.evidenceItems) {
      links.append(Campaign.Link(signal: "infrastructure", key: key, accounts: accounts))
    }
    return links
  }

  /// The busiest accounts' activity per hour, for the report's raster.
  func busiest(_ group: [Int]) -> [(account: String, hourly: [Int64: Int])] {
    let ranked = group.sorted {
      profiles[$0].exchanges != profiles[$1].exchanges
        ? profiles[$0].exchanges > profiles[$1].exchanges : names[$0] < names[$1]
    }
    return ranked.prefix(settings.evidenceItems * 6).map { index in
      var hourly: [Int64: Int] = [:]
      for (window, count) in profiles[index].activeWindows {
        hourly[floorDivide(window * partial.windowMillis, 3_600_000), default: 0] += count
      }
      return (names[index], hourly)
    }
  }

  func targets(_ members: [AccountProfile], exchanges: Int) -> [String] {
    func share(_ count: (AccountProfile) -> Int) -> Double {
      Double(members.reduce(0) { $0 + count($1) }) / Double(max(1, exchanges))
    }
    var result: [String] = []
    let eliciting = share(\.elicitingExchanges)
    if eliciting >= 0.3 || share(\.thinkingExchanges) >= 0.3 { result.append("reasoning") }
    if eliciting >= 0.3 { result.append("chain_of_thought") }
    if share(\.agenticExchanges) >= 0.3 { result.append("agentic") }
    if share(\.codingExchanges) >= 0.3 { result.append("coding") }
    if share(\.toolExchanges) >= 0.3 { result.append("tool_use") }
    return result
  }

  func templates(_ members: [AccountProfile]) -> [Campaign.Template] {
    let examples = partial.templateExamples
    let totals: [UInt64: (exchanges: Int, accounts: Int)] = runner.map(
      ranges: members.count, merging: { ($0.exchanges + $1.exchanges, $0.accounts + $1.accounts) }
    ) { range in
      var totals: [UInt64: (exchanges: Int, accounts: Int)] = [:]
      for profile in members[range] {
        for (key, count) in profile.templates where examples[key] != nil {
          let entry = totals[key] ?? (0, 0)
          totals[key] = (entry.exchanges + count, entry.accounts + 1)
        }
      }
      return totals
    }
    let ranked = totals.sorted {
      $0.value.exchanges != $1.value.exchanges
        ? $0.value.exchanges > $1.value.exchanges : $0.key < $1.key
    }
    return ranked.prefix(settings.evidenceItems).map {
      Campaign.Template(
        example: partial.templateExamples[$0.key]!.text, exchanges: $0.value.exchanges,
        accounts: $0.value.accounts)
    }
  }

  func infrastructure(_ members: [AccountProfile]) -> [Campaign.InfrastructureKey] {
    let counts: [String: Int] = runner.map(ranges: members.count, merging: +) { range in
      var counts: [String: Int] = [:]
      for profile in members[range] {
        for key in profile.infrastructure.keys { counts[key, default: 0] += 1 }
      }
      return counts
    }
    let shared = counts.filter { $0.value >= 2 }.sorted {
      $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
    }
    return shared.prefix(settings.evidenceItems).map {
      Campaign.InfrastructureKey(key: $0.key, accounts: $0.value)
    }
  }
}
