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

  @Option(name: .long, help: "Local worker threads (default: number of cores).")
  var workers: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
  }

  func run() throws {
    let logger = CommandLogging.bootstrap(verbose: options.verbose)
    do {
      let (configFile, settings) = try options.settings()
      let files = try options.files()
      let job = SweepJob(
        inputs: options.input, files: files, outputDirectory: options.out, workers: workers,
        coordinator: settings, detection: configFile.detection)
      let line = ProgressLine()
      let result = try job.run(logger: logger) { line.show($0) }
      line.end()
      print(TextSummary.render(sweep: result.summary, campaigns: result.campaigns), terminator: "")
      print(
        "\noutputs in \(options.out): campaigns.json accounts.csv report.html quarantine.jsonl")
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
