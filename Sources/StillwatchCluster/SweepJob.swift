import Foundation
import Logging
import StillwatchCore
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
    let detector = CampaignDetector(settings: detection)
    let campaigns =
      outcome.buckets.map { detector.detect(reduced: outcome.partial, buckets: $0) }
      ?? detector.detect(outcome.partial)
    logger.info(
      "campaigns detected",
      metadata: ["campaigns": "\(campaigns.count)", "memory": "\(ProcessMemory.description)"])
    let summary = SweepSummary(
      inputs: inputs, exchanges: outcome.partial.exchanges,
      quarantined: outcome.partial.quarantined, accounts: outcome.partial.accounts.count,
      started: Self.timestamp(started), finished: Self.timestamp(Date()), workers: workers)
    try OutputFiles.write(
      directory: outputDirectory,
      files: [
        "campaigns.json": CampaignsDocument.json(sweep: summary, campaigns: campaigns),
        "accounts.csv": CampaignsDocument.accountsCSV(
          campaigns: campaigns, partial: outcome.partial),
        "quarantine.jsonl": CampaignsDocument.quarantineJSONL(outcome.partial.quarantine),
        "report.html": ReportPage.html(sweep: summary, campaigns: campaigns),
      ])
    logger.info(
      "sweep finished",
      metadata: [
        "exchanges": "\(summary.exchanges)", "quarantined": "\(summary.quarantined)",
        "campaigns": "\(campaigns.count)", "tasks": "\(outcome.tasks)",
        "reissued": "\(outcome.tasksReissued)",
      ])
    return Result(summary: summary, campaigns: campaigns, outcome: outcome)
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
