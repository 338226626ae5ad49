import StillwatchCompression
import StillwatchCore
import XCTest

@testable import StillwatchCluster

final class WireMessageTests: XCTestCase {
  func testEveryMessageRoundTrips() throws {
    let messages: [WireMessage] = [
      .ready(worker: "node-3/worker-1", credit: 4),
      .welcome(
        SweepConfiguration(
          parameters: SketchParameters(permutations: 32, bands: 8, rows: 4),
          windowMillis: 300_000, fieldMap: ["ip": "/meta/ip", "account": "/acct"],
          exampleSampling: 8, spillPartitions: 8)),
      .task(
        TaskAssignment(
          taskID: 123_456, fileName: "date=2026-02-02/part-0000.jsonl.lz4", fileIndex: 7,
          offset: 4_194_304, payload: [0, 1, 2, 255])),
      .task(
        TaskAssignment(
          taskID: 7, fileName: "a.jsonl.gz", fileIndex: 1, offset: 0, payload: [],
          handedOver: true)),
      .result(taskID: 9, partial: Array(repeating: 7, count: 1000)),
      .heartbeat,
      .disconnect,
    ]
    for message in messages {
      XCTAssertEqual(try WireMessage(decoding: message.encoded()), message)
    }
  }

  func testTaskResultsRoundTripInBothLayouts() throws {
    var extractor = FeatureExtractor()
    var partial = SweepPartial(parameters: .standard, windowMillis: 600_000)
    for i in 0..<50 {
      partial.add(
        extractor.features(
          of: Exchange(
            id: "e\(i)", timestampMillis: Int64(i) * 1000, account: "a\(i % 7)",
            messages: [Message(role: "user", text: "step by step number \(i % 3)")])))
    }
    partial.add(QuarantineRecord(file: "f", offset: 3, reason: "invalid JSON"))
    guard
      case .partial(let whole) = try TaskResult(
        payload: TaskResult(partial, partitions: 0).encoded, partitions: 0)
    else { return XCTFail("layout") }
    XCTAssertEqual(whole, partial)
    guard
      case .pieces(let exchanges, let quarantine, let pieces) = try TaskResult(
        payload: TaskResult(partial, partitions: 5).encoded, partitions: 5)
    else { return XCTFail("layout") }
    XCTAssertEqual(exchanges, 50)
    XCTAssertEqual(quarantine, partial.quarantine)
    XCTAssertEqual(pieces.count, 5)
    var rebuilt = SweepPartial(parameters: .standard, windowMillis: 600_000)
    for piece in pieces where !piece.isEmpty {
      try rebuilt.merge(try SweepPartial(decoding: LZ4Frame.decompress(piece)))
    }
    XCTAssertEqual(rebuilt.accounts, partial.accounts)
    XCTAssertEqual(rebuilt.templateExamples, partial.templateExamples)
    XCTAssertThrowsError(
      try TaskResult(payload: TaskResult(partial, partitions: 5).encoded, partitions: 4))
  }

  func testForeignOrTruncatedFramesAreRefused() {
    let good = WireMessage.ready(worker: "w", credit: 2).encoded()
    XCTAssertThrowsError(try WireMessage(decoding: Array(good.dropLast())))
    XCTAssertThrowsError(try WireMessage(decoding: [0x53, 0x57, 99, 1]))  // version
    XCTAssertThrowsError(try WireMessage(decoding: [0x00, 0x57, 1, 1]))  // magic
    XCTAssertThrowsError(try WireMessage(decoding: [0x53, 0x57, 1, 42]))  // kind
    XCTAssertThrowsError(try WireMessage(decoding: good + [0]))  // trailing
  }
}

final class TaskLedgerTests: XCTestCase {
  func task(_ id: UInt64) -> TaskAssignment {
    TaskAssignment(taskID: id, fileName: "f", fileIndex: 0, offset: Int64(id), payload: [])
  }

  func testCreditBoundsLeasesAndDuplicatesAreIgnored() {
    var ledger = TaskLedger(heartbeatIntervalMillis: 1000, liveness: 3)
    ledger.workerReady("a", credit: 2, now: 0)
    for id in 0..<5 { ledger.add(task(UInt64(id))) }
    XCTAssertEqual(ledger.nextLease()?.task.taskID, 0)
    XCTAssertEqual(ledger.nextLease()?.task.taskID, 1)
    XCTAssertNil(ledger.nextLease(), "credit of 2 is used up")
    XCTAssertTrue(ledger.complete(0, by: "a", now: 10))
    XCTAssertFalse(ledger.complete(0, by: "a", now: 11), "duplicate result")
    XCTAssertEqual(ledger.nextLease()?.task.taskID, 2)
    XCTAssertEqual(ledger.outstanding, 4)
  }

  func testExpiredWorkerTasksAreReissuedAndLateResultsIgnored() {
    var ledger = TaskLedger(heartbeatIntervalMillis: 1000, liveness: 3)
    ledger.workerReady("a", credit: 1, now: 0)
    ledger.workerReady("b", credit: 1, now: 0)
    ledger.add(task(0))
    ledger.add(task(1))
    XCTAssertEqual(ledger.nextLease()?.worker, "a")
    XCTAssertEqual(ledger.nextLease()?.worker, "b")
    ledger.heard(from: "b", now: 2500)
    XCTAssertEqual(ledger.expire(now: 3500), ["a"])
    XCTAssertEqual(ledger.reissued, 1)
    XCTAssertTrue(ledger.complete(1, by: "b", now: 3600))
    let again = ledger.nextLease()
    XCTAssertEqual(again?.worker, "b")
    XCTAssertEqual(again?.task.taskID, 0)
    XCTAssertTrue(ledger.complete(0, by: "b", now: 3700))
    XCTAssertFalse(ledger.complete(0, by: "a", now: 3800), "late result of the expired worker")
    XCTAssertEqual(ledger.outstanding, 0)
  }
}

final class TaskLedgerLeaseTests: XCTestCase {
  func task(_ id: UInt64) -> TaskAssignment {
    TaskAssignment(taskID: id, fileName: "f", fileIndex: 0, offset: Int64(id), payload: [])
  }

  func testALeaseThatOutlivesItsTimeIsReissuedAndTheFirstResultWins() {
    var ledger = TaskLedger(
      heartbeatIntervalMillis: 1000, liveness: 3, leaseMillis: 10_000, stragglerMillis: 5_000)
    ledger.workerReady("a", credit: 1, now: 0)
    ledger.add(task(7))
    XCTAssertEqual(ledger.nextLease(now: 0)?.worker, "a")
    ledger.heard(from: "a", now: 9_000)
    XCTAssertEqual(ledger.expire(now: 9_500), [])
    XCTAssertEqual(ledger.queued, 0)
    ledger.heard(from: "a", now: 10_500)
    XCTAssertEqual(ledger.expire(now: 10_600), [], "a is alive, but its lease is too old")
    XCTAssertEqual(ledger.queued, 1)
    XCTAssertEqual(ledger.reissued, 1)
    ledger.workerReady("b", credit: 1, now: 10_700)
    let second = ledger.nextLease(now: 10_700)
    XCTAssertEqual(second?.task.taskID, 7)
    XCTAssertTrue(ledger.complete(7, by: "a", now: 11_000), "the slow worker still finished first")
    XCTAssertFalse(ledger.complete(7, by: "b", now: 11_500))
    XCTAssertEqual(ledger.outstanding, 0)
  }

  func testAnIdleWorkerGetsASecondLeaseOfAStragglerOnlyWhenAsked() {
    var ledger = TaskLedger(
      heartbeatIntervalMillis: 1000, liveness: 100, leaseMillis: 600_000, stragglerMillis: 5_000)
    ledger.workerReady("slow", credit: 1, now: 0)
    ledger.add(task(1))
    XCTAssertEqual(ledger.nextLease(now: 0)?.worker, "slow")
    ledger.workerReady("idle", credit: 1, now: 1_000)
    XCTAssertNil(ledger.nextLease(now: 4_000, speculate: true), "not a straggler yet")
    XCTAssertNil(ledger.nextLease(now: 6_000, speculate: false), "speculation not allowed")
    let duplicate = ledger.nextLease(now: 6_000, speculate: true)
    XCTAssertEqual(duplicate?.worker, "idle")
    XCTAssertEqual(duplicate?.task.taskID, 1)
    XCTAssertEqual(ledger.speculativeLeases, 1)
    XCTAssertTrue(ledger.complete(1, by: "idle", now: 7_000))
    XCTAssertFalse(ledger.complete(1, by: "slow", now: 9_000))
  }
}
