/// Campaign identity across sweeps. A campaign id is derived from the
/// campaign's content, so it changes when one account joins or leaves; the
/// lineage id is what stays: a campaign of a new sweep takes the lineage of
/// the earlier campaign it overlaps most, and a campaign that overlaps none
/// starts a lineage named after its own id.
///
/// Matching: two campaigns overlap when their shared accounts are at least
/// `minimumOverlap` (default one half) of the smaller campaign's accounts.
/// Pairs are taken greedily, best first (share, then shared accounts, then
/// ids), each campaign at most once on either side.
///
/// Guarantees: pure and deterministic (independent of input order); each
/// earlier lineage is given to at most one new campaign.
public enum CampaignLineage {
  /// A campaign as lineage sees it.
  public struct Snapshot: Sendable, Equatable {
    public var id: String
    public var lineage: String
    public var accounts: [String]
    public var exchanges: Int
    public var score: Double

    public init(id: String, lineage: String, accounts: [String], exchanges: Int, score: Double) {
      self.id = id
      self.lineage = lineage
      self.accounts = accounts
      self.exchanges = exchanges
      self.score = score
    }
  }

  public static let minimumOverlap = 0.5

  /// The lineage of each of `current` (by campaign id), given the latest
  /// snapshot of every earlier lineage.
  public static func assign(
    current: [(id: String, accounts: [String])], earlier: [Snapshot],
    minimumOverlap: Double = minimumOverlap
  ) -> [String: String] {
    let pairs = matches(
      current.map { ($0.id, Set($0.accounts)) },
      earlier.map { ($0.lineage, Set($0.accounts)) }, minimumOverlap: minimumOverlap)
    var lineage: [String: String] = [:]
    for (new, old) in pairs { lineage[new] = old }
    for c in current where lineage[c.id] == nil { lineage[c.id] = c.id }
    return lineage
  }

  /// Greedy one-to-one matching of `left` to `right` keys by account overlap.
  static func matches(
    _ left: [(String, Set<String>)], _ right: [(String, Set<String>)], minimumOverlap: Double
  ) -> [(String, String)] {
    var owners: [String: [Int]] = [:]
    for (index, entry) in right.enumerated() {
      for account in entry.1 { owners[account, default: []].append(index) }
    }
    var candidates: [(share: Double, shared: Int, left: String, right: String)] = []
    for (key, accounts) in left {
      var shared: [Int: Int] = [:]
      for account in accounts {
        for index in owners[account] ?? [] { shared[index, default: 0] += 1 }
      }
      for (index, count) in shared {
        let smaller = min(accounts.count, right[index].1.count)
        let share = Double(count) / Double(max(1, smaller))
        if share >= minimumOverlap {
          candidates.append((share, count, key, right[index].0))
        }
      }
    }
    candidates.sort {
      ($0.share, $0.shared) != ($1.share, $1.shared)
        ? ($0.share, $0.shared) > ($1.share, $1.shared)
        : ($0.left, $0.right) < ($1.left, $1.right)
    }
    var usedLeft = Set<String>()
    var usedRight = Set<String>()
    var result: [(String, String)] = []
    for c in candidates where !usedLeft.contains(c.left) && !usedRight.contains(c.right) {
      usedLeft.insert(c.left)
      usedRight.insert(c.right)
      result.append((c.left, c.right))
    }
    return result
  }
}

/// What changed between two sweeps' campaigns, by lineage.
///
/// Guarantees: every campaign of either sweep is in exactly one list: `new`
/// (its lineage is not in the older sweep), `vanished` (not in the newer),
/// or, present in both, `grown` / `shrunk` by accounts or `unchanged`.
public struct CampaignDiff: Sendable, Equatable {
  public struct Change: Sendable, Equatable {
    public var lineage: String
    public var before: CampaignLineage.Snapshot?
    public var after: CampaignLineage.Snapshot?
    public var accountsJoined: Int
    public var accountsLeft: Int
  }

  public var new: [Change] = []
  public var grown: [Change] = []
  public var shrunk: [Change] = []
  public var vanished: [Change] = []
  public var unchanged: [Change] = []

  public init(before: [CampaignLineage.Snapshot], after: [CampaignLineage.Snapshot]) {
    let old = Dictionary(before.map { ($0.lineage, $0) }, uniquingKeysWith: { a, _ in a })
    let now = Dictionary(after.map { ($0.lineage, $0) }, uniquingKeysWith: { a, _ in a })
    for lineage in Set(old.keys).union(now.keys).sorted() {
      let b = old[lineage]
      let a = now[lineage]
      let beforeAccounts = Set(b?.accounts ?? [])
      let afterAccounts = Set(a?.accounts ?? [])
      let change = Change(
        lineage: lineage, before: b, after: a,
        accountsJoined: afterAccounts.subtracting(beforeAccounts).count,
        accountsLeft: beforeAccounts.subtracting(afterAccounts).count)
      switch (b, a) {
      case (nil, _): new.append(change)
      case (_, nil): vanished.append(change)
      case (let b?, let a?) where a.accounts.count > b.accounts.count: grown.append(change)
      case (let b?, let a?) where a.accounts.count < b.accounts.count: shrunk.append(change)
      default: unchanged.append(change)
      }
    }
  }
}
