import ArgumentParser
import StillwatchConfig

/// Where `history` and `diff` find the sweep history database.
struct HistoryOptions: ParsableArguments {
  @Option(name: .long, help: "State directory whose history.sqlite to read.")
  var state: String?

  @Option(name: .long, help: "Sweep history database (default as for `sweep`).")
  var history: String?

  @Option(name: .long, help: "Configuration file (its [state] settings apply).")
  var config: String?

  @Flag(name: .long, help: "Print JSON instead of text.")
  var json = false

  func path() throws -> String {
    let file = try ConfigFile.load(path: config)
    return HistoryLocation.path(
      explicit: history ?? file.historyPath, stateDirectory: state ?? file.stateDirectory)
  }
}
