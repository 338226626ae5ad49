import StillwatchCore

/// Renders report.html: a self-contained page (inline CSS and SVG, no network
/// fetches) with campaigns ranked, their signals as bars, daily volume as a
/// small chart, templates and infrastructure evidence.
///
/// Guarantees: every user-supplied string is HTML-escaped; the page is a pure
/// function of the sweep summary and campaigns.
public enum ReportPage {
  /// `history`: each campaign's lineage and past appearances, by campaign id
  /// (from the sweep history; empty when the sweep keeps none).
  public static func html(
    sweep: SweepSummary, campaigns: [Campaign], history: [String: CampaignHistory] = [:]
  ) -> String {
    var body = """
      <!doctype html><html lang="en"><head><meta charset="utf-8">
      <title>stillwatch report</title><style>
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
      h1{margin-bottom:0}.muted{color:#666}.campaign{border:1px solid #ccc;border-radius:6px;padding:1em;margin:1.2em 0}
      table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}
      .bar{display:inline-block;height:10px;background:#c0392b}.track{display:inline-block;width:160px;background:#eee}
      .ex{font-family:monospace;white-space:pre-wrap;background:#f6f6f6;padding:4px;max-height:6em;overflow:hidden}
      </style></head><body>
      <h1>stillwatch — distillation campaigns</h1>
      <p class="muted">\(sweep.exchanges) exchanges, \(sweep.accounts) accounts, \(sweep.quarantined) quarantined lines,
      \(sweep.workers) workers; \(escape(sweep.started)) → \(escape(sweep.finished))</p>
      <h2>\(campaigns.count) campaign\(campaigns.count == 1 ? "" : "s")</h2>
      <table><tr><th>#</th><th>campaign</th><th>score</th><th>accounts</th><th>exchanges</th><th>targets</th></tr>

      """
    for (rank, c) in campaigns.enumerated() {
      body +=
        "<tr><td>\(rank + 1)</td><td><a href=\"#\(c.id)\">\(c.id)</a></td><td>\(JSONText.number(c.score))</td>"
        + "<td>\(c.accounts.count)</td><td>\(c.exchanges)</td><td>\(escape(c.targets.joined(separator: ", ")))</td></tr>\n"
    }
    body += "</table>\n"
    if !campaigns.isEmpty {
      body += "<h3>Signals by campaign</h3>\n" + ReportCharts.signalMatrix(campaigns)
    }
    for c in campaigns { body += section(c, history: history[c.id]) }
    return body + "</body></html>\n"
  }

  static func section(_ c: Campaign, history: CampaignHistory? = nil) -> String {
    let signals: [(String, Double)] = [
      ("volume concentration", c.signals.volumeConcentration),
      ("repetition", c.signals.repetition), ("coordination", c.signals.coordination),
      ("chain-of-thought elicitation", c.signals.elicitation),
      ("infrastructure", c.signals.infrastructure),
      ("tool orchestration", c.signals.toolOrchestration),
    ]
    var html =
      "<div class=\"campaign\" id=\"\(c.id)\"><h3>\(c.id) — score \(JSONText.number(c.score))</h3>\n"
    html +=
      "<p>\(c.accounts.count) accounts, \(c.exchanges) exchanges, "
      + "\(RFC3339.format(millis: c.firstSeen)) → \(RFC3339.format(millis: c.lastSeen))</p>\n<table>"
    for (name, value) in signals {
      html +=
        "<tr><td>\(name)</td><td><span class=\"track\"><span class=\"bar\" style=\"width:\(Int(value * 160))px\"></span></span> \(JSONText.number(value))</td></tr>"
    }
    html += "</table>\n"
    if let history { html += history.html() }
    html += "<h4>Exchanges per day</h4>\n" + dailyChart(c.daily)
    html +=
      "<h4>Activity of the \(c.accountHourly.count) busiest accounts, by hour</h4>\n"
      + ReportCharts.activityRaster(c)
    html += "<h4>Templates</h4>\n"
    for t in c.templates {
      html +=
        "<p>\(t.exchanges) exchanges from \(t.accounts) accounts</p><div class=\"ex\">\(escape(t.example))</div>\n"
    }
    html += "<h4>What links the accounts</h4><table>"
    for link in c.links {
      html +=
        "<tr><td>\(escape(link.signal))</td><td>\(escape(link.key))</td><td>\(link.accounts) accounts</td></tr>"
    }
    html += "</table>\n<h4>Shared infrastructure</h4><table>"
    for key in c.infrastructure {
      html += "<tr><td>\(escape(key.key))</td><td>\(key.accounts) accounts</td></tr>"
    }
    html += "</table>\n<details><summary>Accounts</summary><p class=\"ex\">"
    html += escape(c.accounts.joined(separator: " ")) + "</p></details></div>\n"
    return html
  }

  static func dailyChart(_ daily: [Int64: Int]) -> String {
    guard let first = daily.keys.min(), let last = daily.keys.max(),
      let peak = daily.values.max(), peak > 0
    else { return "<p class=\"muted\">no activity</p>" }
    let days = Int(last - first) + 1
    let width = 36
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(days * width + 10)\" height=\"110\" role=\"img\">"
    for offset in 0..<days {
      let day = first + Int64(offset)
      let count = daily[day] ?? 0
      let height = Int((Double(count) / Double(peak) * 80).rounded())
      svg +=
        "<rect x=\"\(offset * width + 5)\" y=\"\(90 - height)\" width=\"\(width - 4)\" height=\"\(height)\" fill=\"#2c7fb8\"><title>\(RFC3339.day(millis: day * 86_400_000)): \(count)</title></rect>"
      svg +=
        "<text x=\"\(offset * width + 6)\" y=\"104\" font-size=\"9\">\(RFC3339.day(millis: day * 86_400_000).suffix(5))</text>"
    }
    return svg + "</svg>\n"
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }
}
