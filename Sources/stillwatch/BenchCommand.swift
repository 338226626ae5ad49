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

  @Option(
    name: .long,
    help:
      "Stop after this stage: read, worker-path, exchange-path or all (to count a stage's allocations)."
  )
  var stopAfter: String = "all"

  func run() throws {
    guard let stop = StageBenchmark.Stop(rawValue: stopAfter) else {
      CommandLogging.fail(
        "--stop-after must be one of: "
          + StageBenchmark.Stop.allCases.map(\.rawValue).joined(separator: ", "))
    }
    do {
      let stages = try StageBenchmark.run(files: try InputFiles.list(input), stopAfter: stop)
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
