import ArgumentParser

/// The `stillwatch` command line (SPEC §2).
@main
struct Stillwatch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stillwatch",
    abstract: "Find distillation campaigns in LLM API exchange logs.",
    subcommands: [
      SweepCommand.self, GenerateCommand.self, CoordinatorCommand.self, WorkerCommand.self,
      KeysCommand.self, HistoryCommand.self, DiffCommand.self, ConfigCommand.self,
      BenchCommand.self,
    ])
}
