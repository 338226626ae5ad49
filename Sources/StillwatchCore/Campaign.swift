/// A detected campaign with its evidence, ready to be written out.
///
/// Guarantees: `id` derives from the sorted account list only; `accounts`,
/// `templates` and `infrastructure` are sorted deterministically; score and
/// signals are in [0, 1].
public struct Campaign: Sendable {
  public struct Template: Sendable, Equatable {
    public var example: String
    public var exchanges: Int
    public var accounts: Int
  }

  public struct InfrastructureKey: Sendable, Equatable {
    public var key: String
    public var accounts: Int
  }

  /// An edge kind of the account graph that holds the campaign together.
  public struct Link: Sendable, Equatable {
    /// "content" (shared template buckets) or "infrastructure" (a linking key).
    public var signal: String
    public var key: String
    public var accounts: Int
  }

  public var id: String
  public var accounts: [String]
  public var exchanges: Int
  public var score: Double
  public var signals: Signals
  public var targets: [String]
  public var templates: [Template]
  public var infrastructure: [InfrastructureKey]
  public var firstSeen: Int64
  public var lastSeen: Int64
  /// Exchanges per day index since the epoch, for the timeline.
  public var daily: [Int64: Int]
  /// The busiest accounts (most exchanges first, at most `evidenceItems × 6`)
  /// with their exchanges per hour index since the epoch: the activity raster.
  public var accountHourly: [(account: String, hourly: [Int64: Int])]
  /// What linked the accounts: template communities and the keys that joined them.
  public var links: [Link]

  public init(
    id: String, accounts: [String], exchanges: Int, score: Double, signals: Signals,
    targets: [String] = [], templates: [Template] = [], infrastructure: [InfrastructureKey] = [],
    firstSeen: Int64 = 0, lastSeen: Int64 = 0, daily: [Int64: Int] = [:],
    accountHourly: [(account: String, hourly: [Int64: Int])] = [], links: [Link] = []
  ) {
    self.id = id
    self.accounts = accounts
    self.exchanges = exchanges
    self.score = score
    self.signals = signals
    self.targets = targets
    self.templates = templates
    self.infrastructure = infrastructure
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.daily = daily
    self.accountHourly = accountHourly
    self.links = links
  }

  /// "cmp-" and 12 hex digits of the hash of the sorted account list.
  public static func id(forSortedAccounts accounts: [String]) -> String {
    var h: UInt64 = 0x5717
    for account in accounts { h = StableHash.combine(h, StableHash.hash(account)) }
    return "cmp-" + String(StableHash.hex(h).prefix(12))
  }
}
