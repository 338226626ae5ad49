import ArgumentParser
import StillwatchConfig

/// `stillwatch config check`: validates a configuration file and prints the
/// effective settings (defaults filled in).
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Work with configuration files.",
    subcommands: [Check.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate a config file and print the effective settings (exit 1 if invalid).")

    @Option(name: .long, help: "Configuration file (none: print the defaults).")
    var config: String?

    @Argument(help: "Configuration file (same as --config).")
    var file: String?

    func run() throws {
      do {
        let effective = try ConfigFile.load(path: file ?? config)
        print("# \(file ?? config ?? "defaults"): valid; effective settings follow")
        print(effective.effectiveTOML, terminator: "")
      } catch {
        CommandLogging.fail("\(error)")
      }
    }
  }
}
