import StillwatchCore

/// Inline SVG pictures for report.html: the campaigns × signals matrix, the
/// daily volume bars and the accounts × hours activity raster.
///
/// Guarantees: pure functions of their input; no external resources; every
/// label escaped.
enum ReportCharts {
  static let signalNames = [
    "volume", "repetition", "coordination", "CoT elicitation", "infrastructure", "tools",
  ]

  static func values(_ s: Signals) -> [Double] {
    [
      s.volumeConcentration, s.repetition, s.coordination, s.elicitation, s.infrastructure,
      s.toolOrchestration,
    ]
  }

  /// Red intensity for a value in [0, 1].
  static func heat(_ value: Double) -> String {
    let v = max(0, min(1, value))
    let g = Int(245 - 200 * v)
    return "rgb(\(Int(250 - 20 * v)),\(g),\(g))"
  }

  /// One row per campaign, one column per signal, shaded by value.
  static func signalMatrix(_ campaigns: [Campaign]) -> String {
    let cell = 84
    let label = 150
    let width = label + cell * signalNames.count + 10
    let height = 40 + 22 * campaigns.count
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"campaigns by signals\">"
    for (column, name) in signalNames.enumerated() {
      svg +=
        "<text x=\"\(label + column * cell + cell / 2)\" y=\"28\" font-size=\"10\" text-anchor=\"middle\">\(name)</text>"
    }
    for (row, campaign) in campaigns.enumerated() {
      let y = 36 + row * 22
      svg += "<text x=\"4\" y=\"\(y + 14)\" font-size=\"11\">\(campaign.id)</text>"
      for (column, value) in values(campaign.signals).enumerated() {
        svg +=
          "<rect x=\"\(label + column * cell)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"20\" fill=\"\(heat(value))\"><title>\(campaign.id) \(signalNames[column]) \(JSONText.number(value))</title></rect>"
        svg +=
          "<text x=\"\(label + column * cell + cell / 2)\" y=\"\(y + 14)\" font-size=\"10\" text-anchor=\"middle\">\(JSONText.number(value))</text>"
      }
    }
    return svg + "</svg>\n"
  }

  /// Accounts (rows) × hours (columns): lockstep and bursts show as vertical stripes.
  static func activityRaster(_ campaign: Campaign) -> String {
    let rows = campaign.accountHourly
    guard !rows.isEmpty else { return "" }
    let first = floorHour(campaign.firstSeen)
    let last = floorHour(campaign.lastSeen)
    let hours = Int(min(24 * 62, max(1, last - first + 1)))
    let cellWidth = max(1, min(8, 900 / hours))
    let peak = max(1, rows.flatMap { $0.hourly.values }.max() ?? 1)
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(hours * cellWidth + 10)\" height=\"\(rows.count * 6 + 20)\" role=\"img\" aria-label=\"activity of the busiest accounts by hour\">"
    for (row, entry) in rows.enumerated() {
      for (hour, count) in entry.hourly.sorted(by: { $0.key < $1.key }) {
        let column = Int(hour - first)
        guard column >= 0, column < hours else { continue }
        let opacity = 0.25 + 0.75 * Double(count) / Double(peak)
        svg +=
          "<rect x=\"\(column * cellWidth + 5)\" y=\"\(row * 6 + 2)\" width=\"\(cellWidth)\" height=\"5\" fill=\"#8e44ad\" fill-opacity=\"\(JSONText.number(opacity))\"/>"
      }
    }
    var day = (first / 24 + 1) * 24
    while day <= first + Int64(hours) {
      let x = Int(day - first) * cellWidth + 5
      svg +=
        "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(rows.count * 6 + 4)\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
      svg +=
        "<text x=\"\(x + 2)\" y=\"\(rows.count * 6 + 16)\" font-size=\"9\">\(RFC3339.day(millis: day * 3_600_000).suffix(5))</text>"
      day += 24
    }
    return svg + "</svg>\n"
  }

  static func floorHour(_ millis: Int64) -> Int64 {
    let q = millis / 3_600_000
    return (millis % 3_600_000 != 0 && millis < 0) ? q - 1 : q
  }
}
