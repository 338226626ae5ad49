import Foundation
import Logging
import StillwatchCluster
import StillwatchCore
import StillwatchHistory
import StillwatchIngest
import StillwatchSynth
import XCTest

/// Two sweeps recorded in the history: the first over a corpus without one
/// campaign and with half of another's accounts, the second over the whole
/// corpus. `diff` must report exactly one new and one grown campaign.
final class SweepHistoryDiffTests: XCTestCase {
  let logger = Logger(label: "test")

  func temporary(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sw-diff-\(name)-\(UUID().uuidString)"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func labels(_ corpus: String) throws -> [String: String] {
    let text = try String(contentsOfFile: corpus + "/labels.csv", encoding: .utf8)
    var labels: [String: String] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let parts = line.split(separator: ",", maxSplits: 1)
      labels[String(parts[0])] = String(parts[1])
    }
    return labels
  }

  /// A copy of the jsonl corpus without the lines of `dropped` accounts.
  func copy(_ corpus: String, to target: String, dropping dropped: Set<String>) throws {
    for file in try InputFiles.list([corpus]) {
      let relative = String(file.dropFirst(corpus.count))
      let destination = target + relative
      try FileManager.default.createDirectory(
        atPath: (destination as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      let text = try String(contentsOfFile: file, encoding: .utf8)
      var kept = ""
      for line in text.split(separator: "\n") {
        let object =
          try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        if let account = object?["account"] as? String, dropped.contains(account) { continue }
        kept += line + "\n"
      }
      try kept.write(toFile: destination, atomically: true, encoding: .utf8)
    }
  }

  func sweep(_ corpus: String, history: String) throws -> (SweepJob.Result, String) {
    var settings = Coordinator.Settings()
    settings.spillPartitions = 4
    let out = temporary("out")
    var job = SweepJob(
      inputs: [corpus], files: try InputFiles.list([corpus]), outputDirectory: out,
      workers: 2, coordinator: settings)
    job.historyPath = history
    return (try job.run(logger: logger), out)
  }

  /// The label most of `accounts` carry, and its share.
  func majority(_ accounts: [String], _ labels: [String: String]) -> (String, Double) {
    var counts: [String: Int] = [:]
    for a in accounts { counts[labels[a] ?? "?", default: 0] += 1 }
    let top = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!
    return (top.key, Double(top.value) / Double(max(1, accounts.count)))
  }

  func testDiffReportsTheGrownAndTheNewCampaign() throws {
    let corpus = temporary("corpus")
    var generator = GeneratorSettings(exchanges: 30_000, seed: 42)
    generator.format = .none
    _ = try CorpusGenerator.generate(settings: generator, outputDirectory: corpus)
    let labels = try labels(corpus)
    let burst = Set(labels.filter { $0.value == "campaign:reasoning-burst" }.keys)
    let agentic = labels.filter { $0.value == "campaign:agentic-multiorg" }.keys.sorted()
    XCTAssertFalse(burst.isEmpty)
    XCTAssertGreaterThan(agentic.count, 20)
    let half = Set(agentic.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
    let earlier = temporary("earlier")
    try copy(corpus, to: earlier, dropping: burst.union(half))

    let history = temporary("history") + "/history.sqlite"
    let (first, _) = try sweep(earlier, history: history)
    let (second, secondOut) = try sweep(corpus, history: history)
    XCTAssertEqual(first.historyID, 1)
    XCTAssertEqual(second.historyID, 2)

    let database = try SweepHistory(path: history)
    XCTAssertEqual(try database.sweeps().map(\.id), [1, 2])
    let diff = CampaignDiff(
      before: try database.campaigns(sweep: 1), after: try database.campaigns(sweep: 2))
    XCTAssertEqual(diff.new.count, 1, "new: \(diff.new.map(\.lineage))")
    XCTAssertEqual(diff.grown.count, 1, "grown: \(diff.grown.map(\.lineage))")
    XCTAssertEqual(diff.shrunk.count, 0, "shrunk: \(diff.shrunk.map(\.lineage))")
    XCTAssertEqual(diff.vanished.count, 0, "vanished: \(diff.vanished.map(\.lineage))")
    XCTAssertEqual(diff.unchanged.count, second.campaigns.count - 2)

    let appeared = try XCTUnwrap(diff.new.first?.after)
    let (newLabel, newShare) = majority(appeared.accounts, labels)
    XCTAssertEqual(newLabel, "campaign:reasoning-burst")
    XCTAssertGreaterThan(newShare, 0.9)
    let grown = try XCTUnwrap(diff.grown.first)
    let (grownLabel, _) = majority(grown.after!.accounts, labels)
    XCTAssertEqual(grownLabel, "campaign:agentic-multiorg")
    XCTAssertGreaterThan(grown.accountsJoined, agentic.count / 3)
    // The grown campaign kept its identity: the new sweep's campaign carries the old lineage.
    XCTAssertEqual(second.lineage[grown.after!.id], grown.before!.lineage)
    XCTAssertNotEqual(grown.after!.id, grown.before!.id)
    // report.html shows the campaign's history.
    let report = try String(contentsOfFile: secondOut + "/report.html", encoding: .utf8)
    XCTAssertTrue(report.contains("Lineage <code>\(grown.lineage)</code>, seen in 2 sweeps"))
    try checkCommandLine(history: history)
  }

  /// `stillwatch diff --json` over the same history says the same.
  func checkCommandLine(history: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try BackfillResumeTests.binary())
    process.arguments = ["diff", "--history", history, "--json"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(json["from"] as? Int, 1)
    XCTAssertEqual(json["to"] as? Int, 2)
    XCTAssertEqual((json["new"] as? [Any])?.count, 1)
    XCTAssertEqual((json["grown"] as? [Any])?.count, 1)
    XCTAssertEqual((json["shrunk"] as? [Any])?.count, 0)
    XCTAssertEqual((json["vanished"] as? [Any])?.count, 0)
  }
}
