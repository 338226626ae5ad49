/// A campaign's past as the report shows it: its lineage (identity across
/// sweeps) and its size and score in every sweep it appeared in.
///
/// Guarantees: `appearances` are oldest first and include the current sweep.
public struct CampaignHistory: Sendable, Equatable {
  public struct Appearance: Sendable, Equatable {
    public var sweep: Int64
    public var finished: String
    public var campaign: String
    public var accounts: Int
    public var exchanges: Int
    public var score: Double

    public init(
      sweep: Int64, finished: String, campaign: String, accounts: Int, exchanges: Int,
      score: Double
    ) {
      self.sweep = sweep
      self.finished = finished
      self.campaign = campaign
      self.accounts = accounts
      self.exchanges = exchanges
      self.score = score
    }
  }

  public var lineage: String
  public var appearances: [Appearance]

  public init(lineage: String, appearances: [Appearance]) {
    self.lineage = lineage
    self.appearances = appearances
  }

  /// The section of the campaign's report card.
  func html() -> String {
    let first = appearances.first
    var html =
      "<h4>History</h4>\n<p>Lineage <code>\(ReportPage.escape(lineage))</code>, "
      + "seen in \(appearances.count) sweep\(appearances.count == 1 ? "" : "s")"
      + (first.map { ", first in sweep \($0.sweep) (\(ReportPage.escape($0.finished)))" } ?? "")
      + ".</p>\n<table><tr><th>sweep</th><th>finished</th><th>campaign id</th><th>accounts</th>"
      + "<th>exchanges</th><th>score</th></tr>"
    let widest = max(1, appearances.map(\.accounts).max() ?? 1)
    for a in appearances {
      html +=
        "<tr><td>\(a.sweep)</td><td>\(ReportPage.escape(a.finished))</td><td>\(ReportPage.escape(a.campaign))</td>"
        + "<td><span class=\"track\" style=\"width:80px\"><span class=\"bar\" style=\"width:\(a.accounts * 80 / widest)px\"></span></span> \(a.accounts)</td>"
        + "<td>\(a.exchanges)</td><td>\(JSONText.number(a.score))</td></tr>"
    }
    return html + "</table>\n"
  }
}
