import ArgumentParser
import StillwatchCluster

/// `stillwatch keys`: CurveZMQ key pairs for a coordinator and its workers.
struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys", abstract: "Make CurveZMQ key pairs for the coordinator and workers.")

  @Option(name: .long, help: "Directory to write the keys into.")
  var out: String

  @Option(name: .long, help: "Number of worker key pairs.")
  var workers: Int = 3

  func run() throws {
    do {
      let files = try CurveSecurity.writeKeys(to: out, workers: workers)
      print("wrote \(files.count) files to \(out):")
      print("  coordinator: --keys \(out)  (coordinator.key + authorized_workers)")
      print("  worker N:    --key \(out)/worker-N.key --server-key \(out)/coordinator.pub")
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
