/// What a generation run wrote.
///
/// Guarantees: `exchanges` equals the number of lines written; `files` lists
/// every corpus file in the order written (chronological; `labels.csv` is not
/// included); the per-label counts add up to `exchanges` and `accounts`, and
/// `accounts` equals the number of rows of `labels.csv`.
public struct GeneratorSummary: Sendable {
  public let exchanges: Int
  public let accounts: Int
  public let files: [String]
  /// Exchange lines per ground-truth label (`benign`, `benign:<kind>`, `campaign:<shape>`).
  public let exchangesByLabel: [String: Int]
  /// Accounts that appear at least once, per ground-truth label.
  public let accountsByLabel: [String: Int]

  public init(
    exchanges: Int, accounts: Int, files: [String], exchangesByLabel: [String: Int],
    accountsByLabel: [String: Int]
  ) {
    self.exchanges = exchanges
    self.accounts = accounts
    self.files = files
    self.exchangesByLabel = exchangesByLabel
    self.accountsByLabel = accountsByLabel
  }
}
