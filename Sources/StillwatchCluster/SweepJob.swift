import Foundation
import Logging
import StillwatchCore
import StillwatchHistory
import StillwatchReport

/// One complete sweep on this machine: the local cluster, detection, and the
/// SPEC §3 output files.
///
/// Guarantees: writes campaigns.json, accounts.csv, report.html and
/// quarantine.jsonl into `outputDirectory` (created if missing), each through a
/// temporary file renamed into place, so a crash never leaves a half-written
/// result under its final name.
public struct SweepJob {
  public var inputs: [String]
  public var files: [String]
  public var outputDirectory: String
  public var workers: Int
  public var coordinator: Coordinator.Settings
  public var detection: DetectionSettings
  /// The sweep history database to record this sweep in (nil: none).
  public var historyPath: String? = nil
  /// The date window the inputs were limited to, for the history.
  public var since: String? = nil
  public var until: String? = nil

  public init(
    inputs: [String], files: [String], outputDirectory: String, workers: Int,
    coordinator: Coordinator.Settings = .init(), detection: DetectionSettings = .standard
  ) {
    self.inputs = inputs
    self.files = files
    self.outputDirectory = outputDirectory
    self.workers = workers
    self.coordinator = coordinator
    self.coordinator.detection = detection
    self.detection = detection
  }

  public struct Result: Sendable {
    public var summary: SweepSummary
    public var campaigns: [Campaign]
    public var outcome: SweepOutcome
    /// The sweep's id in the history, when it keeps one.
    public var historyID: Int64?
    /// Each campaign's lineage (by campaign id), when the sweep keeps a history.
    public var lineage: [String: String]
  }

  /// Fingerprint of every setting that shapes the result (partials and detection).
  public var configFingerprint: String {
    var configuration = coordinator.configuration
    configuration.spillPartitions = coordinator.spillPartitions
    let text = PartitionStore.fingerprint(of: configuration) + "|\(detection)"
    return StableHash.hex(StableHash.hash(text))
  }

  public func run(logger: Logger, progress: ((SweepProgress) -> Void)? = nil) throws -> Result {
    let started = Date()
    let outcome = try LocalSweep.run(
      files: files, workers: workers, settings: coordinator, logger: logger, progress: progress)
    return try finish(outcome: outcome, started: started, workers: workers, logger: logger)
  }

  /// Detects campaigns in a finished sweep and writes the outputs.
  public func finish(outcome: SweepOutcome, started: Date, workers: Int, logger: Logger) throws
    -> Result
  {
    let detectStart = MonotonicClock.nowMillis()
    let detector = CampaignDetector(settings: detection, runner: .threads)
    let campaigns =
      outcome.buckets.map { detector.detect(reduced: outcome.partial, buckets: $0) }
      ?? detector.detect(outcome.partial)
    logger.info(
      "campaigns detected",
      metadata: [
        "campaigns": "\(campaigns.count)", "memory": "\(ProcessMemory.description)",
        "seconds": "\(MonotonicClock.secondsSince(detectStart))",
      ])
    let summary = SweepSummary(
      inputs: inputs, exchanges: outcome.partial.exchanges,
      quarantined: outcome.partial.quarantined, accounts: outcome.partial.accounts.count,
      started: Self.timestamp(started), finished: Self.timestamp(Date()), workers: workers)
    var history: [String: CampaignHistory] = [:]
    var historyID: Int64?
    var lineage: [String: String] = [:]
    if let historyPath {
      let database = try SweepHistory(path: historyPath)
      let recorded = try database.record(
        SweepHistory.Record(
          started: summary.started, finished: summary.finished, inputs: inputs, since: since,
          until: until, exchanges: summary.exchanges, quarantined: summary.quarantined,
          accounts: summary.accounts, workers: workers, configFingerprint: configFingerprint,
          outputDirectory: outputDirectory,
          partitions: outcome.partitions.map {
            ($0.file, $0.day, $0.exchanges, $0.quarantined, $0.stored)
          },
          campaigns: campaigns))
      historyID = recorded.sweep
      lineage = recorded.lineage
      for c in campaigns {
        let name = recorded.lineage[c.id] ?? c.id
        history[c.id] = CampaignHistory(
          lineage: name, appearances: try database.appearances(lineage: name))
      }
      logger.info(
        "sweep recorded in the history",
        metadata: ["sweep": "\(recorded.sweep)", "history": "\(historyPath)"])
    }
    try OutputFiles.write(
      directory: outputDirectory,
      files: [
        "campaigns.json": CampaignsDocument.json(sweep: summary, campaigns: campaigns),
        "accounts.csv": CampaignsDocument.accountsCSV(
          campaigns: campaigns, partial: outcome.partial),
        "quarantine.jsonl": CampaignsDocument.quarantineJSONL(outcome.partial.quarantine),
        "report.html": ReportPage.html(sweep: summary, campaigns: campaigns, history: history),
        "partitions.csv": Self.partitionsCSV(outcome.partitions),
      ])
    for p in outcome.partitions {
      logger.info(
        "partition",
        metadata: [
          "file": "\(p.file)", "day": "\(p.day ?? "-")", "exchanges": "\(p.exchanges)",
          "quarantined": "\(p.quarantined)", "source": "\(p.stored ? "state" : "computed")",
        ])
    }
    logger.info(
      "sweep finished",
      metadata: [
        "exchanges": "\(summary.exchanges)", "quarantined": "\(summary.quarantined)",
        "campaigns": "\(campaigns.count)", "tasks": "\(outcome.tasks)",
        "reissued": "\(outcome.tasksReissued)",
      ])
    return Result(
      summary: summary, campaigns: campaigns, outcome: outcome, historyID: historyID,
      lineage: lineage)
  }

  /// `partitions.csv`: what each input partition contributed (per-day counts
  /// for `date=` partitions) and whether it came from the incremental state.
  static func partitionsCSV(_ partitions: [PartitionOutcome]) -> String {
    var csv = "file,day,exchanges,quarantined,source\n"
    for p in partitions {
      csv +=
        "\(CampaignsDocument.csvField(p.file)),\(p.day ?? ""),\(p.exchanges),\(p.quarantined),"
        + "\(p.stored ? "state" : "computed")\n"
    }
    return csv
  }

  static func timestamp(_ date: Date) -> String {
    RFC3339.format(millis: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
  }
}

/// Writes output files atomically (temporary file, then rename).
enum OutputFiles {
  static func write(directory: String, files: [String: String]) throws {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    for name in files.keys.sorted() {
      let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
      try Data(files[name]!.utf8).write(to: url, options: .atomic)
    }
  }
}
