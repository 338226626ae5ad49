import Foundation
import Logging
import StillwatchCore
import ZeroMQ

/// The whole job on one machine: one coordinator and N worker threads that talk
/// over real ZeroMQ TCP sockets on loopback — the same code as across machines.
///
/// The worker threads share the coordinator's filesystem and memory, so by
/// default plain input files are leased as line ranges that they read
/// themselves (`sharedInput`), and the chunks the coordinator decompresses to
/// cut compressed files into lines are handed to them in memory
/// (`ChunkHandoff`): no input byte is shipped through the sockets, and each
/// compressed file is decompressed once. With `workersReadInput` false every
/// chunk travels as an LZ4 task frame, as to workers on other machines.
///
/// Guarantees: returns only after every worker thread has ended; the result is
/// independent of the number of workers and of chunk size.
public enum LocalSweep {
  public static func run(
    files: [String], workers: Int, settings: Coordinator.Settings, logger: Logger,
    workersReadInput: Bool = true, progress: ((SweepProgress) -> Void)? = nil
  ) throws -> SweepOutcome {
    var settings = settings
    let handoff = workersReadInput ? ChunkHandoff() : nil
    if workersReadInput {
      settings.sharedInput = true
      settings.handoff = handoff
    }
    let context = try Context()
    defer { context.shutdown() }
    let coordinator = try Coordinator(
      context: context, endpoint: "tcp://127.0.0.1:*", files: files, settings: settings,
      logger: logger)
    let endpoint = try coordinator.endpoint
    let finished = DispatchGroup()
    let failures = FailureBox()
    let coordinatorDone = FailureBox()  // gets a record once the coordinator has finished
    for index in 0..<max(1, workers) {
      var workerSettings = Worker.Settings(name: "local-\(index)")
      workerSettings.heartbeatIntervalMillis = settings.heartbeatIntervalMillis
      workerSettings.liveness = settings.liveness
      workerSettings.giveUpAfterMillis = 60_000
      workerSettings.stopWhen = { coordinatorDone.count > 0 }
      finished.enter()
      let thread = Thread { [workerSettings] in
        let worker = Worker(
          context: context, endpoint: endpoint, settings: workerSettings, logger: logger,
          handoff: handoff)
        do { try worker.run() } catch { failures.record("\(error)") }
        finished.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    let count = max(1, workers)
    let outcome: SweepOutcome
    do {
      outcome = try coordinator.run(progress: progress) {
        failures.count == count ? "every local worker failed: \(failures.first ?? "")" : nil
      }
    } catch {
      coordinatorDone.record("failed")
      finished.wait()
      throw error
    }
    coordinatorDone.record("done")
    finished.wait()
    if let failure = failures.first {
      logger.warning("a local worker failed", metadata: ["reason": "\(failure)"])
    }
    return outcome
  }
}

/// Collects the failures of worker threads.
final class FailureBox: @unchecked Sendable {
  private let lock = NSLock()
  private var failure: String?
  private var failures = 0

  func record(_ reason: String) {
    lock.lock()
    defer { lock.unlock() }
    if failure == nil { failure = reason }
    failures += 1
  }

  /// How many workers failed.
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return failures
  }

  var first: String? {
    lock.lock()
    defer { lock.unlock() }
    return failure
  }
}
