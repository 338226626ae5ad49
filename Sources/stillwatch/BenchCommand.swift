import ArgumentParser
import Foundation
import StillwatchCluster
import StillwatchIngest

/// `stillwatch bench-stages`: each sweep stage timed alone on one thread.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-stages", abstract: "Time each stage of a sweep alone, on one thread.")

  @Option(name: .long, parsing: .upToNextOption, help: "Input files or directories.")
  var input: [String]

  func run() throws {
    do {
      let stages = try StageBenchmark.run(files: try InputFiles.list(input))
      print("| stage | seconds | exchanges/s |\n|---|---|---|")
      for stage in stages {
        print(
          "| \(stage.name) | \(String(format: "%.3f", stage.seconds)) | "
            + "\(String(format: "%.0f", stage.perSecond)) |")
      }
      let total = stages.reduce(0) { $0 + $1.seconds }
      print("| all stages | \(String(format: "%.3f", total)) | |")
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
