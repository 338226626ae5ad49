import StillwatchCluster

/// The lines printed after the summary: partitions computed vs taken from the
/// incremental state, per-day counts, and where the sweep was recorded.
enum SweepFooter {
  static func render(result: SweepJob.Result, historyPath: String?) -> String {
    let partitions = result.outcome.partitions
    let stored = partitions.filter(\.stored)
    var out =
      "\npartitions: \(partitions.count - stored.count) computed, \(stored.count) from the state\n"
    var days: [String: (exchanges: Int, quarantined: Int, files: Int, stored: Int)] = [:]
    for p in partitions {
      guard let day = p.day else { continue }
      var d = days[day] ?? (0, 0, 0, 0)
      d.exchanges += p.exchanges
      d.quarantined += p.quarantined
      d.files += 1
      d.stored += p.stored ? 1 : 0
      days[day] = d
    }
    for day in days.keys.sorted() {
      let d = days[day]!
      let source = d.stored == d.files ? "state" : d.stored == 0 ? "computed" : "partly state"
      out += "  \(day)  \(d.exchanges) exchanges  \(d.quarantined) quarantined  \(source)\n"
    }
    if let id = result.historyID, let historyPath {
      out += "recorded as sweep \(id) in \(historyPath)\n"
    }
    return out
  }
}
