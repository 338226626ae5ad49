import ArgumentParser
import Foundation
import StillwatchCluster
import StillwatchConfig
import StillwatchIngest
import StillwatchReport
import ZeroMQ

/// `stillwatch coordinator`: the coordinator role as its own process.
struct CoordinatorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coordinator",
    abstract: "Lease the input to remote workers, merge their results, write the outputs.")

  @OptionGroup var options: SweepInputOptions

  @Option(name: .long, help: "ZeroMQ endpoint to bind, e.g. tcp://0.0.0.0:5555.")
  var bind: String

  @OptionGroup var security: SecurityOptions

  @Option(name: .long, help: "Journal of finished tasks for resuming (default: OUT/.journal).")
  var journal: String?

  func validate() throws {
    try security.validate(endpoint: bind, role: "coordinator")
  }

  func run() throws {
    let heap = ProcessMemory.prepareHeap()
    let prepared: SweepInputOptions.Prepared
    do { prepared = try options.prepare() } catch { CommandLogging.fail("\(error)") }
    let logger = prepared.logger
    logger.info("heap", metadata: heap)
    do {
      var settings = prepared.settings
      let files = try options.files()
      settings.journalDirectory = journal ?? (options.out + "/.journal")
      settings.security = try security.server()
      let metrics = SweepMetrics()
      settings.metrics = metrics
      let server = try prepared.metricsListen.map {
        try MetricsServer(address: $0, metrics: metrics, logger: logger)
      }
      defer { server?.stop() }
      let context = try Context()
      let coordinator = try Coordinator(
        context: context, endpoint: bind, files: files, settings: settings, logger: logger)
      let started = Date()
      let line = ProgressLine()
      let outcome = try coordinator.run { line.show($0) }
      line.end()
      var job = SweepJob(
        inputs: options.input, files: files, outputDirectory: options.out,
        workers: outcome.workersSeen,
        coordinator: settings, detection: prepared.configFile.detection)
      job.historyPath = prepared.historyPath
      job.since = options.since
      job.until = options.until
      let result = try job.finish(
        outcome: outcome, started: started, workers: outcome.workersSeen, logger: logger)
      coordinator.discardJournal()
      print(TextSummary.render(sweep: result.summary, campaigns: result.campaigns), terminator: "")
      print(SweepFooter.render(result: result, historyPath: prepared.historyPath), terminator: "")
      print(
        "\ntasks \(outcome.tasks), resumed from the journal (not redone) \(outcome.tasksResumed), re-issued \(outcome.tasksReissued), duplicate results ignored "
          + "\(outcome.duplicateResults), workers \(outcome.workersSeen), bytes on the wire "
          + "\(outcome.bytesSent + outcome.bytesReceived)")
      context.shutdown()
      ProcessLifetime.keepUntilExit(result)
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
