import ArgumentParser
import Logging
import StillwatchCluster
import StillwatchConfig
import StillwatchIngest

/// The options `sweep` and `coordinator` share: inputs, outputs, configuration.
struct SweepInputOptions: ParsableArguments {
  @Option(name: .long, parsing: .upToNextOption, help: "Input files or directories.")
  var input: [String]

  @Option(name: .long, help: "Output directory.")
  var out: String

  @Option(name: .long, help: "Bytes of input per task (overrides the config file).")
  var chunkBytes: Int?

  @Option(name: .long, help: "Configuration file (see config/stillwatch.toml).")
  var config: String?

  @Flag(
    name: .long,
    help:
      "Workers can read the input paths (shared filesystem): lease plain files as byte ranges (`sweep`'s own worker threads always do, LZ4 and zstd files too)."
  )
  var sharedInput = false

  @Option(name: .long, help: "First day to sweep (YYYY-MM-DD), by date= partitions.")
  var since: String?

  @Option(name: .long, help: "Last day to sweep (YYYY-MM-DD), by date= partitions.")
  var until: String?

  @Option(
    name: .long,
    help:
      "Incremental state directory: finished partitions are stored and reused (config: state.directory)."
  )
  var state: String?

  @Option(
    name: .long,
    help: "Sweep history database (default: STATE/history.sqlite or the XDG state dir).")
  var history: String?

  @Flag(name: .long, help: "Do not record this sweep in the history database.")
  var noHistory = false

  @Option(
    name: .long,
    help: "Serve Prometheus metrics at http://HOST:PORT/metrics (config: metrics.listen).")
  var metrics: String?

  @Option(name: .long, help: "Log format on stderr: text or json (config: logging.format).")
  var logFormat: String?

  @Flag(name: .long, help: "Log at info level.")
  var verbose = false

  func validate() throws {
    guard !input.isEmpty else { throw ValidationError("give at least one --input") }
    _ = try since.map(DateWindow.day)
    _ = try until.map(DateWindow.day)
    if let chunkBytes, chunkBytes < 1024 {
      throw ValidationError("--chunk-bytes must be at least 1024")
    }
    if let logFormat, !["text", "json"].contains(logFormat) {
      throw ValidationError("--log-format must be text or json")
    }
  }

  /// Everything a sweep-running command sets up before it starts.
  struct Prepared {
    var configFile: ConfigFile
    var settings: Coordinator.Settings
    var logger: Logger
    var historyPath: String?
    var metricsListen: String?
  }

  /// Reads the configuration, applies the flags over it and starts logging.
  func prepare() throws -> Prepared {
    let (configFile, settingsFromFile) = try settings()
    var settings = settingsFromFile
    let logger = CommandLogging.bootstrap(
      verbose: verbose, format: logFormat ?? configFile.logFormat, level: configFile.logLevel)
    let stateDirectory = state ?? configFile.stateDirectory
    settings.stateDirectory = stateDirectory
    let historyPath =
      noHistory || !configFile.historyEnabled
      ? nil
      : HistoryLocation.path(
        explicit: history ?? configFile.historyPath, stateDirectory: stateDirectory)
    return Prepared(
      configFile: configFile, settings: settings, logger: logger, historyPath: historyPath,
      metricsListen: metrics ?? configFile.metricsListen)
  }

  /// The input files inside the date window.
  func files() throws -> [String] {
    try InputFiles.list(input, window: DateWindow(since: since, until: until))
  }

  /// The configuration file and the coordinator settings it and the flags imply.
  func settings() throws -> (ConfigFile, Coordinator.Settings) {
    let configFile = try ConfigFile.load(path: config)
    var settings = configFile.coordinatorSettings
    if let chunkBytes { settings.chunkBytes = chunkBytes }
    settings.sharedInput = sharedInput
    return (configFile, settings)
  }
}
