import ArgumentParser
import Foundation
import StillwatchCluster
import StillwatchIngest
import StillwatchReport

/// `stillwatch sweep`: a coordinator and N local workers over ZeroMQ, then the outputs.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep", abstract: "Sweep exchange logs on this machine.")

  @OptionGroup var options: SweepInputOptions

  @Option(
    name: .long, help: "Local worker threads (default: number of cores this process may run on).")
  var workers: Int = ProcessorAffinity.cores

  func validate() throws {
    guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
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
      let metrics = SweepMetrics()
      settings.metrics = metrics
      let server = try prepared.metricsListen.map {
        try MetricsServer(address: $0, metrics: metrics, logger: logger)
      }
      defer { server?.stop() }
      var job = SweepJob(
        inputs: options.input, files: files, outputDirectory: options.out, workers: workers,
        coordinator: settings, detection: prepared.configFile.detection)
      job.historyPath = prepared.historyPath
      job.since = options.since
      job.until = options.until
      let line = ProgressLine()
      let result = try job.run(logger: logger) { line.show($0) }
      line.end()
      print(TextSummary.render(sweep: result.summary, campaigns: result.campaigns), terminator: "")
      print(SweepFooter.render(result: result, historyPath: prepared.historyPath), terminator: "")
      print(
        "\noutputs in \(options.out): campaigns.json accounts.csv report.html quarantine.jsonl partitions.csv"
      )
      ProcessLifetime.keepUntilExit(result)
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
