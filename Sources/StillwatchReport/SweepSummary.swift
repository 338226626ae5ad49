/// The facts of a sweep that go into the `sweep` object of campaigns.json.
///
/// Guarantees: only `started` and `finished` vary between identical runs.
public struct SweepSummary: Sendable {
  public var inputs: [String]
  public var exchanges: Int
  public var quarantined: Int
  public var accounts: Int
  public var started: String
  public var finished: String
  public var workers: Int

  public init(
    inputs: [String], exchanges: Int, quarantined: Int, accounts: Int, started: String,
    finished: String, workers: Int
  ) {
    self.inputs = inputs
    self.exchanges = exchanges
    self.quarantined = quarantined
    self.accounts = accounts
    self.started = started
    self.finished = finished
    self.workers = workers
  }
}
