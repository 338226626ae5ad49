import Foundation
import Logging
import StillwatchCompression
import StillwatchCore
import StillwatchIngest
import XCTest
import ZeroMQ

@testable import StillwatchCluster

/// Chunks handed to worker threads in memory stay until their task is done: a
/// lease taken by a worker that then goes silent is re-issued, and the worker
/// that takes it over finds the same lines.
final class ChunkHandoffTests: XCTestCase {
  func testAChunkStaysUntilRemoved() {
    let handoff = ChunkHandoff()
    let bytes: [UInt8] = Array("{\"id\":1}\n".utf8)
    handoff.put(3, bytes)
    XCTAssertEqual(handoff.bytes(for: 3), bytes)
    XCTAssertEqual(handoff.bytes(for: 3), bytes, "reading does not take it")
    XCTAssertNil(handoff.bytes(for: 4))
    XCTAssertEqual(handoff.count, 1)
    handoff.remove(3)
    XCTAssertNil(handoff.bytes(for: 3))
    XCTAssertEqual(handoff.count, 0)
  }

  /// A second lease of a straggler can reach a worker after the first result
  /// has dropped the lines: the worker skips it (the task is done) and stays up.
  func testALeaseOfATaskAlreadyDoneIsSkipped() throws {
    let context = try Context()
    defer { context.shutdown() }
    let handoff = ChunkHandoff()
    let worker = Worker(
      context: context, endpoint: "tcp://127.0.0.1:1", settings: Worker.Settings(name: "w"),
      logger: Logger(label: "test"), handoff: handoff)
    XCTAssertTrue(try worker.handle([WireMessage.welcome(SweepConfiguration()).encoded()]))
    let task = TaskAssignment(
      taskID: 5, fileName: "a.jsonl.lz4", fileIndex: 0, offset: 0, payload: [],
      handedOver: true)
    XCTAssertTrue(try worker.handle([WireMessage.task(task).encoded()]))
    XCTAssertEqual(worker.tasksDone, 0)
    handoff.put(
      5,
      Array(
        #"{"id":"e1","ts":1770000000000,"account":"a","prompt":"explain this step by step"}"#
          .utf8) + [0x0A])
    XCTAssertTrue(try worker.handle([WireMessage.task(task).encoded()]))
    XCTAssertEqual(worker.tasksDone, 1)
  }

  func testALeaseOfASilentWorkerIsReissuedWithItsLines() throws {
    let directory = NSTemporaryDirectory() + "sw-handoff-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var text = ""
    for i in 0..<2000 {
      text +=
        #"{"id":"e\#(i)","ts":\#(1_770_000_000_000 + i * 7000),"account":"a\#(i % 17)","prompt":"explain \#(i) step by step"}"#
        + "\n"
    }
    let writer = try CompressedFileWriter(path: directory + "/a.jsonl.lz4", format: .lz4)
    try writer.write(Array(text.utf8))
    try writer.close()
    let files = try InputFiles.list([directory])

    var settings = Coordinator.Settings()
    settings.chunkBytes = 8_000
    settings.heartbeatIntervalMillis = 100
    settings.liveness = 3
    let shipped = try LocalSweep.run(
      files: files, workers: 1, settings: settings, logger: Logger(label: "test"),
      workersReadInput: false)

    let handoff = ChunkHandoff()
    settings.sharedInput = true
    settings.handoff = handoff
    let context = try Context()
    defer { context.shutdown() }
    let coordinator = try Coordinator(
      context: context, endpoint: "tcp://127.0.0.1:*", files: files, settings: settings,
      logger: Logger(label: "test"))
    let endpoint = try coordinator.endpoint
    // A worker that takes one task and falls silent (it never answers).
    let silent = try Socket(context: context, type: .dealer)
    try silent.setLinger(milliseconds: 0)
    try silent.connect(endpoint)
    try silent.send([WireMessage.ready(worker: "a-silent", credit: 1).encoded()])
    let taken = TakenTask()
    let done = FailureBox()
    let finished = DispatchGroup()
    finished.enter()
    Thread {
      defer { finished.leave() }
      while let frames = try? silent.receive(), let frame = frames.last {
        if case .task(let task)? = try? WireMessage(decoding: frame) {
          taken.set(task)
          break
        }
      }
      silent.close()
      // The real worker joins once the silent one holds its lease.
      var workerSettings = Worker.Settings(name: "b-worker")
      workerSettings.heartbeatIntervalMillis = 100
      workerSettings.liveness = 3
      workerSettings.giveUpAfterMillis = 30_000
      workerSettings.stopWhen = { done.count > 0 }
      let worker = Worker(
        context: context, endpoint: endpoint, settings: workerSettings,
        logger: Logger(label: "test"), handoff: handoff)
      try? worker.run()
    }.start()
    let outcome = try coordinator.run()
    done.record("done")
    finished.wait()

    let task = try XCTUnwrap(taken.task, "the silent worker got a task")
    XCTAssertTrue(task.handedOver)
    XCTAssertTrue(task.payload.isEmpty, "no lines in the frame")
    XCTAssertGreaterThanOrEqual(outcome.tasksReissued, 1)
    XCTAssertEqual(outcome.partial.exchanges, 2000)
    XCTAssertEqual(outcome.partial, shipped.partial)
    XCTAssertEqual(handoff.count, 0, "every finished task's lines were dropped")
  }
}

/// The task the silent worker received, read after its thread ended.
private final class TakenTask: @unchecked Sendable {
  private let lock = NSLock()
  private var value: TaskAssignment?
  func set(_ task: TaskAssignment) {
    lock.lock()
    defer { lock.unlock() }
    value = task
  }
  var task: TaskAssignment? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
