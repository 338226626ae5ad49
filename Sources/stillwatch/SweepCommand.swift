import ArgumentParser
import Foundation
import Logging
import StillwatchCluster
import StillwatchConfig
import StillwatchCore
import StillwatchIngest
import StillwatchReport

/// `stillwatch sweep`: a coordinator and N local workers over ZeroMQ, then the outputs.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep", abstract: "Sweep exchange logs on this machine.")

  @Option(name: .long, parsing: .upToNextOption, help: "Input files or directories.")
  var input: [String]

  @Option(name: .long, help: "Output directory.")
  var out: String

  @Option(name: .long, help: "Local worker threads (default: number of cores).")
  var workers: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(name: .long, help: "Bytes of input per task (overrides the config file).")
  var chunkBytes: Int?

  @Option(name: .long, help: "Configuration file (see config/stillwatch.toml).")
  var config: String?

  @Flag(
    name: .long,
    help: "Workers can read the input paths (shared filesystem): lease plain files as byte ranges.")
  var sharedInput = false

  @Flag(name: .long, help: "Log at info level.")
  var verbose = false

  func validate() throws {
    guard !input.isEmpty else { throw ValidationError("give at least one --input") }
    guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
    if let chunkBytes, chunkBytes < 1024 {
      throw ValidationError("--chunk-bytes must be at least 1024")
    }
  }

  func run() throws {
    let logger = CommandLogging.bootstrap(verbose: verbose)
    do {
      let configFile = try ConfigFile.load(path: config)
      let files = try InputFiles.list(input)
      var settings = configFile.coordinatorSettings
      if let chunkBytes { settings.chunkBytes = chunkBytes }
      settings.sharedInput = sharedInput
      let job = SweepJob(
        inputs: input, files: files, outputDirectory: out, workers: workers,
        coordinator: settings, detection: configFile.detection)
      let line = ProgressLine()
      let result = try job.run(logger: logger) { line.show($0) }
      line.end()
      print(TextSummary.render(sweep: result.summary, campaigns: result.campaigns), terminator: "")
      print("\noutputs in \(out): campaigns.json accounts.csv report.html quarantine.jsonl")
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
