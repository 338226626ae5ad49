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

  @Option(name: .long, parsing: .upToNextOption, help: "Input files or directories.")
  var input: [String]

  @Option(name: .long, help: "Output directory.")
  var out: String

  @Option(name: .long, help: "ZeroMQ endpoint to bind, e.g. tcp://0.0.0.0:5555.")
  var bind: String

  @OptionGroup var security: SecurityOptions

  @Option(name: .long, help: "Bytes of input per task (overrides the config file).")
  var chunkBytes: Int?

  @Option(name: .long, help: "Configuration file (see config/stillwatch.toml).")
  var config: String?

  @Option(name: .long, help: "Journal of finished tasks for resuming (default: OUT/.journal).")
  var journal: String?

  @Flag(
    name: .long,
    help: "Workers can read the input paths (shared filesystem): lease plain files as byte ranges.")
  var sharedInput = false

  @Flag(name: .long, help: "Log at info level.")
  var verbose = false

  func validate() throws {
    guard !input.isEmpty else { throw ValidationError("give at least one --input") }
    try security.validate(endpoint: bind, role: "coordinator")
  }

  func run() throws {
    let logger = CommandLogging.bootstrap(verbose: verbose)
    do {
      let configFile = try ConfigFile.load(path: config)
      let files = try InputFiles.list(input)
      var settings = configFile.coordinatorSettings
      if let chunkBytes { settings.chunkBytes = chunkBytes }
      settings.sharedInput = sharedInput
      settings.journalDirectory = journal ?? (out + "/.journal")
      settings.security = try security.server()
      let context = try Context()
      let coordinator = try Coordinator(
        context: context, endpoint: bind, files: files, settings: settings, logger: logger)
      let started = Date()
      let line = ProgressLine()
      let outcome = try coordinator.run { line.show($0) }
      line.end()
      let job = SweepJob(
        inputs: input, files: files, outputDirectory: out, workers: outcome.workersSeen,
        coordinator: settings, detection: configFile.detection)
      let result = try job.finish(
        outcome: outcome, started: started, workers: outcome.workersSeen, logger: logger)
      coordinator.discardJournal()
      print(TextSummary.render(sweep: result.summary, campaigns: result.campaigns), terminator: "")
      print(
        "\ntasks \(outcome.tasks), resumed from the journal (not redone) \(outcome.tasksResumed), re-issued \(outcome.tasksReissued), duplicate results ignored "
          + "\(outcome.duplicateResults), workers \(outcome.workersSeen), bytes on the wire "
          + "\(outcome.bytesSent + outcome.bytesReceived)")
      context.shutdown()
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
