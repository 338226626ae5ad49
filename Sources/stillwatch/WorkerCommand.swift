import ArgumentParser
import Foundation
import StillwatchCluster
import ZeroMQ

/// `stillwatch worker`: the worker role as its own process.
struct WorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "worker", abstract: "Analyse chunks leased by a coordinator.")

  @Option(name: .long, help: "The coordinator's endpoint, e.g. tcp://10.0.0.1:5555.")
  var connect: String

  @OptionGroup var security: SecurityOptions

  @Option(name: .long, help: "Tasks held at once (credit).")
  var credit: Int = 2

  @Option(name: .long, help: "Name in the coordinator's logs (default: host-pid).")
  var name: String?

  @Option(name: .long, help: "Exit after this many seconds without a coordinator.")
  var idleTimeout: Int = 600

  @Flag(name: .long, help: "Log at info level.")
  var verbose = false

  func validate() throws {
    guard credit >= 1 else { throw ValidationError("--credit must be at least 1") }
    try security.validate(endpoint: connect, role: "worker")
  }

  func run() throws {
    let heap = ProcessMemory.prepareHeap()
    let logger = CommandLogging.bootstrap(verbose: verbose)
    logger.info("heap", metadata: heap)
    do {
      let client = try security.client()
      var settings = Worker.Settings(
        name: name ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())")
      settings.credit = credit
      settings.giveUpAfterMillis = Int64(idleTimeout) * 1000
      let context = try Context()
      let worker = Worker(context: context, endpoint: connect, settings: settings, logger: logger) {
        socket in
        if let client {
          try socket.makeCurveClient(serverPublicKey: client.serverKey, keyPair: client.keyPair)
        }
      }
      try worker.run()
      logger.info("worker finished", metadata: ["tasks": "\(worker.tasksDone)"])
      context.shutdown()
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
