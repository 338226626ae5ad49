/// The thresholds and weights of campaign detection.
///
/// Guarantees: every field has a documented default that `config/stillwatch.toml`
/// repeats; the detector's output is a pure function of (partial, settings).
public struct DetectionSettings: Sendable, Equatable {
  /// Activity window for co-activity, in milliseconds.
  public var windowMillis: Int64 = 10 * 60 * 1000
  /// Smallest campaign, in accounts.
  public var minimumAccounts = 3
  /// Fewest exchanges for an account to be placed in a campaign: an account
  /// with one or two requests harvests nothing worth distilling.
  public var minimumAccountExchanges = 3
  /// Share of an account's band slots in buckets shared with other accounts
  /// for it to count as templated traffic.
  public var templatedShare = 0.25
  /// An infrastructure key links candidate accounts when at least this share of
  /// the accounts using it are candidates (big NATs and proxies stay below).
  public var linkingKeyCandidateShare = 0.5
  /// Keys used by more accounts than this never link.
  public var linkingKeyMaximumAccounts = 5_000
  /// An account stays in its group when this share of its slots fall in the
  /// group's core buckets.
  public var affinityShare = 0.2
  /// A bucket is one of a group's core buckets only if the group's members are
  /// at least this share of all the accounts that used it: a template that
  /// ordinary users everywhere also send (a popular code-question shape)
  /// cannot hold anyone in a campaign.
  public var coreDominance = 0.5
  /// Score at which a group is reported as a campaign.
  public var scoreThreshold = 0.5
  /// A campaign needs at least this much network evidence (coordination or infrastructure).
  public var minimumNetwork = 0.3
  /// A campaign needs at least this much content evidence (concentration, repetition).
  public var minimumContent = 0.3
  public var contentWeight = 0.35
  public var behaviourWeight = 0.25
  public var networkWeight = 0.40
  /// Templates and infrastructure keys listed per campaign.
  public var evidenceItems = 5

  public init() {}

  public static let standard = DetectionSettings()

  /// How strongly sharing a key of this kind suggests common control.
  public static func keyWeight(_ key: String) -> Double {
    if key.hasPrefix("pay:") { return 1.0 }
    if key.hasPrefix("hfp:") { return 0.9 }
    if key.hasPrefix("ip:") { return 0.8 }
    if key.hasPrefix("ip24:") || key.hasPrefix("ip48:") { return 0.6 }
    if key.hasPrefix("ua:") || key.hasPrefix("asn:") { return 0.3 }
    return 0.1
  }

  /// Keys specific enough that sharing one ties an account to a network:
  /// payment and headers fingerprints, addresses and /24 or /48 prefixes (not
  /// ASNs, clouds or user agents, which thousands of strangers share).
  public static func isSpecificKey(_ key: String) -> Bool { keyWeight(key) >= 0.6 }

  /// Keys exact enough to link accounts directly.
  public static func isLinkingKey(_ key: String) -> Bool {
    key.hasPrefix("pay:") || key.hasPrefix("hfp:")
  }
}
