import StillwatchCore

/// The short human summary printed after a sweep: totals and the top campaigns
/// with accounts, exchanges, signals and one example prompt.
public enum TextSummary {
  public static func render(sweep: SweepSummary, campaigns: [Campaign], top: Int = 5) -> String {
    var out =
      "stillwatch: \(sweep.exchanges) exchanges, \(sweep.quarantined) quarantined, "
      + "\(sweep.accounts) accounts, \(campaigns.count) campaigns\n"
    for c in campaigns.prefix(top) {
      let s = c.signals
      out +=
        "\n\(c.id)  score \(JSONText.number(c.score))  \(c.accounts.count) accounts  \(c.exchanges) exchanges\n"
        + "  targets: \(c.targets.joined(separator: ", "))\n"
        + "  signals: volume \(JSONText.number(s.volumeConcentration)) repetition \(JSONText.number(s.repetition))"
        + " coordination \(JSONText.number(s.coordination)) cot \(JSONText.number(s.elicitation))"
        + " infrastructure \(JSONText.number(s.infrastructure)) tools \(JSONText.number(s.toolOrchestration))\n"
      if let example = c.templates.first?.example {
        let line = example.split(whereSeparator: \.isNewline).joined(separator: " ")
        out += "  example: \(line.prefix(160))\n"
      }
    }
    if campaigns.count > top { out += "\n… and \(campaigns.count - top) more in campaigns.json\n" }
    return out
  }
}
