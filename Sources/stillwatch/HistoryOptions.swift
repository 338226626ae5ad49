import ArgumentParser
import Foundation
import StillwatchConfig
import StillwatchHistory

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

  /// Opens the history database; a missing one is an error, not a new file.
  func open() throws -> (SweepHistory, String) {
    let path = try path()
    guard FileManager.default.fileExists(atPath: path) else {
      throw ValidationError("no sweep history at \(path)")
    }
    return (try SweepHistory(path: path), path)
  }

  func path() throws -> String {
    let file = try ConfigFile.load(path: config)
    return HistoryLocation.path(
      explicit: history ?? file.historyPath, stateDirectory: state ?? file.stateDirectory)
  }
}
