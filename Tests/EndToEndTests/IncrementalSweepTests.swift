import Foundation
import Logging
import StillwatchCluster
import StillwatchCore
import StillwatchIngest
import StillwatchSynth
import XCTest

/// Weekly sweeps over a trailing window with incremental state: stored
/// partitions are merged, only new or changed ones are computed, and the
/// result is the full sweep's.
final class IncrementalSweepTests: XCTestCase {
  static let days = 28
  nonisolated(unsafe) static var corpus: String?
  let logger = Logger(label: "test")

  static func corpusDirectory() throws -> String {
    if let corpus { return corpus }
    let directory = NSTemporaryDirectory() + "sw-incr-\(UUID().uuidString)"
    var settings = GeneratorSettings(exchanges: 24_000, seed: 7)
    settings.days = days
    settings.format = .lz4
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: directory)
    corpus = directory
    return directory
  }

  override class func tearDown() {
    if let corpus { try? FileManager.default.removeItem(atPath: corpus) }
  }

  /// The corpus's days, oldest first (from its `date=` partitions).
  func corpusDays() throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: try Self.corpusDirectory())
    return names.filter { $0.hasPrefix("date=") }.map { String($0.dropFirst(5)) }.sorted()
  }

  func sweep(since: String?, until: String?, state: String?, out: String) throws -> SweepJob.Result
  {
    let corpus = try Self.corpusDirectory()
    var settings = Coordinator.Settings()
    settings.chunkBytes = 256 << 10
    settings.spillPartitions = 4
    settings.stateDirectory = state
    let files = try InputFiles.list([corpus], window: DateWindow(since: since, until: until))
    let job = SweepJob(
      inputs: [corpus], files: files, outputDirectory: out, workers: 2, coordinator: settings)
    return try job.run(logger: logger)
  }

  func comparable(_ directory: String) throws -> String {
    let text = try String(contentsOfFile: directory + "/campaigns.json", encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !$0.contains("\"started\":") && !$0.contains("\"finished\":") && !$0.contains("\"workers\":")
    }.joined(separator: "\n")
  }

  func accountsCSV(_ directory: String) throws -> String {
    try String(contentsOfFile: directory + "/accounts.csv", encoding: .utf8)
  }

  func temporary(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sw-incr-\(name)-\(UUID().uuidString)"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func dayset(_ partitions: [PartitionOutcome], stored: Bool) -> Set<String> {
    Set(partitions.filter { $0.stored == stored }.compactMap(\.day))
  }

  func testDayByDayThenWholeWindowEqualsOneFullSweep() throws {
    let days = try corpusDays()
    XCTAssertEqual(days.count, Self.days)
    let full = temporary("full")
    let fullResult = try sweep(since: nil, until: nil, state: nil, out: full)
    XCTAssertFalse(fullResult.campaigns.isEmpty)

    let state = temporary("state")
    for day in days {
      let out = temporary("day")
      let result = try sweep(since: day, until: day, state: state, out: out)
      XCTAssertEqual(dayset(result.outcome.partitions, stored: false), [day])
      XCTAssertEqual(dayset(result.outcome.partitions, stored: true), [])
    }
    let whole = temporary("whole")
    let result = try sweep(since: nil, until: nil, state: state, out: whole)
    XCTAssertEqual(result.outcome.partitions.filter { !$0.stored }.count, 0, "nothing recomputed")
    XCTAssertEqual(dayset(result.outcome.partitions, stored: true), Set(days))
    XCTAssertEqual(result.outcome.tasks, 0)
    XCTAssertEqual(try comparable(whole), try comparable(full))
    XCTAssertEqual(try accountsCSV(whole), try accountsCSV(full))
    XCTAssertEqual(result.summary.exchanges, fullResult.summary.exchanges)
  }

  func testWindowMovedBySevenDaysComputesOnlyTheSevenNewDays() throws {
    let days = try corpusDays()
    let state = temporary("state")
    let first = try sweep(since: days[0], until: days[20], state: state, out: temporary("w1"))
    XCTAssertEqual(dayset(first.outcome.partitions, stored: false), Set(days[0...20]))

    let out = temporary("w2")
    let second = try sweep(since: days[7], until: days[27], state: state, out: out)
    XCTAssertEqual(dayset(second.outcome.partitions, stored: false), Set(days[21...27]))
    XCTAssertEqual(dayset(second.outcome.partitions, stored: true), Set(days[7...20]))
    let csv = try String(contentsOfFile: out + "/partitions.csv", encoding: .utf8)
    XCTAssertEqual(
      csv.split(separator: "\n").filter { $0.hasSuffix(",computed") }.count,
      second.outcome.partitions.filter { !$0.stored }.count)

    // The same window swept from scratch gives the same result.
    let scratch = temporary("scratch")
    _ = try sweep(since: days[7], until: days[27], state: nil, out: scratch)
    XCTAssertEqual(try comparable(out), try comparable(scratch))
    XCTAssertEqual(try accountsCSV(out), try accountsCSV(scratch))
  }

  func testChangedPartitionOrConfigurationIsRecomputed() throws {
    let days = try corpusDays()
    let corpus = try Self.corpusDirectory()
    let state = temporary("state")
    _ = try sweep(since: days[0], until: days[2], state: state, out: temporary("a"))
    // Touch one day's file: its modification time changes, so it is recomputed.
    let dayDirectory = corpus + "/date=" + days[1]
    for name in try FileManager.default.contentsOfDirectory(atPath: dayDirectory) {
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSinceNow: 3600)],
        ofItemAtPath: dayDirectory + "/" + name)
    }
    let again = try sweep(since: days[0], until: days[2], state: state, out: temporary("b"))
    XCTAssertEqual(dayset(again.outcome.partitions, stored: false), [days[1]])
    XCTAssertEqual(dayset(again.outcome.partitions, stored: true), [days[0], days[2]])

    // A setting that shapes the partials (the spill layout) misses every partition.
    var settings = Coordinator.Settings()
    settings.spillPartitions = 3
    settings.stateDirectory = state
    let files = try InputFiles.list(
      [corpus], window: DateWindow(since: days[0], until: days[2]))
    let job = SweepJob(
      inputs: [corpus], files: files, outputDirectory: temporary("c"), workers: 1,
      coordinator: settings)
    let changed = try job.run(logger: logger)
    XCTAssertEqual(changed.outcome.partitions.filter(\.stored).count, 0)
  }
}
