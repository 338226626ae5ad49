import Foundation
import Logging
import StillwatchCore
import XCTest
import ZeroMQ

@testable import StillwatchCluster

/// A coordinator with CurveZMQ on a real TCP loopback socket admits a worker
/// whose key is allowed and refuses one whose key is not.
final class CurveAdmissionTests: XCTestCase {
  func corpus() throws -> String {
    let directory = NSTemporaryDirectory() + "sw-curve-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let lines = (0..<200).map {
      #"{"id":"e\#($0)","ts":\#(1_770_000_000_000 + $0 * 1000),"account":"a\#($0 % 7)","prompt":"explain step by step item \#($0)"}"#
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: directory + "/in.jsonl", atomically: true, encoding: .utf8)
    return directory
  }

  func testOnlyAllowedWorkersAreAdmitted() throws {
    let directory = try corpus()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let server = try CurveKeyPair.generate()
    let allowed = try CurveKeyPair.generate()
    let stranger = try CurveKeyPair.generate()
    let context = try Context()
    defer { context.shutdown() }
    var settings = Coordinator.Settings()
    settings.chunkBytes = 2048
    settings.heartbeatIntervalMillis = 200
    settings.security = CurveSecurity.Server(keyPair: server, allowedWorkers: [allowed.publicKey])
    let logger = Logger(label: "test")
    let coordinator = try Coordinator(
      context: context, endpoint: "tcp://127.0.0.1:*", files: [directory + "/in.jsonl"],
      settings: settings, logger: logger)
    let endpoint = try coordinator.endpoint

    // The stranger runs first and alone: it must get nowhere.
    let strangerSocket = try Socket(context: context, type: .dealer)
    try strangerSocket.setLinger(milliseconds: 0)
    try strangerSocket.makeCurveClient(serverPublicKey: server.publicKey, keyPair: stranger)
    try strangerSocket.setReceiveTimeout(milliseconds: 300)
    try strangerSocket.connect(endpoint)
    try strangerSocket.send([WireMessage.ready(worker: "stranger", credit: 2).encoded()])
    // Give the handshake time to finish (or be refused) before the sweep runs;
    // an admitted stranger's `ready` would wait in the coordinator's queue.
    XCTAssertThrowsError(try strangerSocket.receive())

    let finished = DispatchSemaphore(value: 0)
    let box = FailureBox()
    let thread = Thread {
      var workerSettings = Worker.Settings(name: "allowed")
      workerSettings.heartbeatIntervalMillis = 200
      workerSettings.giveUpAfterMillis = 20_000
      let worker = Worker(
        context: context, endpoint: endpoint, settings: workerSettings, logger: logger
      ) { socket in
        try socket.makeCurveClient(serverPublicKey: server.publicKey, keyPair: allowed)
      }
      do { try worker.run() } catch { box.record("\(error)") }
      finished.signal()
    }
    thread.start()
    let outcome = try coordinator.run()
    XCTAssertEqual(finished.wait(timeout: .now() + 20), .success)
    XCTAssertNil(box.first)
    XCTAssertEqual(outcome.partial.exchanges, 200)
    XCTAssertEqual(outcome.workersSeen, 1, "only the allowed worker was ever heard")
    XCTAssertNil(try strangerSocket.tryReceive(), "the stranger never got a message")
    strangerSocket.close()
  }
}
