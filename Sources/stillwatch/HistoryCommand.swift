import ArgumentParser
import Foundation
import StillwatchHistory

/// `stillwatch history`: the sweeps recorded in the history database.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "List the sweeps recorded in the history database.")

  @OptionGroup var options: HistoryOptions

  func run() throws {
    do {
      let sweeps = try options.open().0.sweeps()
      if options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(sweeps), as: UTF8.self))
        return
      }
      print(
        "sweep  finished                  window                   exchanges  quarantined  accounts  campaigns  partitions (computed/state)  config"
      )
      for s in sweeps {
        let window = "\(s.since ?? "…") → \(s.until ?? "…")"
        print(
          [
            pad("\(s.id)", 5), pad(s.finished, 24), pad(window, 23), pad("\(s.exchanges)", 10),
            pad("\(s.quarantined)", 11), pad("\(s.accounts)", 8), pad("\(s.campaigns)", 9),
            pad("\(s.partitionsComputed)/\(s.partitionsStored)", 27),
            String(s.configFingerprint.prefix(12)),
          ].joined(separator: "  "))
      }
    } catch let error as ValidationError {
      CommandLogging.fail(error.message)
    } catch {
      CommandLogging.fail("\(error)")
    }
  }

  func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }
}
