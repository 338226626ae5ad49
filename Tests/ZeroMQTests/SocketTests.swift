import Foundation
import XCTest
import ZeroMQ

final class SocketTests: XCTestCase {
  func testRouterDealerRoundTripWithEmptyAndLargeFrames() throws {
    let context = try Context()
    let router = try makeSocket(context, .router)
    try router.bind("tcp://127.0.0.1:*")
    let dealer = try makeSocket(context, .dealer)
    try dealer.setIdentity(bytes("dealer-1"))
    try dealer.connect(try router.lastEndpoint)

    let large = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try dealer.send([[], bytes("header"), large, []])

    let request = try router.receive()
    XCTAssertEqual(request.count, 5)
    XCTAssertEqual(request[0], bytes("dealer-1"))
    XCTAssertEqual(request[1], [])
    XCTAssertEqual(request[2], bytes("header"))
    XCTAssertEqual(request[3].count, 1 << 20)
    XCTAssertEqual(request[3], large)
    XCTAssertEqual(request[4], [])

    try router.send([request[0], [], bytes("reply"), large])
    let reply = try dealer.receive()
    XCTAssertEqual(reply.count, 3)
    XCTAssertEqual(reply[0], [])
    XCTAssertEqual(reply[1], bytes("reply"))
    XCTAssertEqual(reply[2], large)
  }

  func testWildcardBindLastEndpointIsUsable() throws {
    let context = try Context()
    let pull = try makeSocket(context, .pull)
    try pull.bind("tcp://127.0.0.1:*")
    let endpoint = try pull.lastEndpoint
    XCTAssertTrue(endpoint.hasPrefix("tcp://127.0.0.1:"), endpoint)
    let port = Int(endpoint.split(separator: ":").last ?? "")
    XCTAssertNotNil(port)
    XCTAssertNotEqual(port, 0)

    let push = try makeSocket(context, .push)
    try push.connect(endpoint)
    XCTAssertEqual(try push.lastEndpoint, endpoint)
    try push.send([bytes("ping")])
    XCTAssertEqual(try pull.receive(), [bytes("ping")])

    try push.disconnect(endpoint)
    try pull.unbind(endpoint)
  }

  func testTryReceiveReturnsNilAndTrySendFalseWhenNothingCanMove() throws {
    let context = try Context()
    let pull = try makeSocket(context, .pull)
    try pull.bind("inproc://try-receive")
    XCTAssertNil(try pull.tryReceive())

    let lonelyPush = try makeSocket(context, .push)
    try lonelyPush.bind("inproc://no-peer")
    XCTAssertFalse(try lonelyPush.trySend([bytes("nobody")]))

    let push = try makeSocket(context, .push)
    try push.connect("inproc://try-receive")
    XCTAssertTrue(try push.trySend([bytes("a"), bytes("b")]))
    XCTAssertTrue(
      eventually { (try? pull.tryReceive()).flatMap { $0 } == [bytes("a"), bytes("b")] })
    XCTAssertNil(try pull.tryReceive())
  }

  func testReceiveTimeoutThrowsWouldBlock() throws {
    let context = try Context()
    let pull = try makeSocket(context, .pull)
    try pull.setReceiveTimeout(milliseconds: 50)
    try pull.bind("inproc://timeout")
    let started = Date()
    let error = assertZeroMQError(code: EAGAIN) { _ = try pull.receive() }
    XCTAssertEqual(error?.isWouldBlock, true)
    XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
  }

  func testBindErrorNamesCallAndReason() throws {
    let context = try Context()
    let first = try makeSocket(context, .pull)
    try first.bind("tcp://127.0.0.1:*")
    let endpoint = try first.lastEndpoint
    let second = try makeSocket(context, .pull)
    let error = assertZeroMQError(code: EADDRINUSE) { try second.bind(endpoint) }
    XCTAssertEqual(error?.description, "zmq_bind(\(endpoint)): Address already in use")
  }

  func testCloseIsIdempotentAndLaterCallsThrowNotSocket() throws {
    let context = try Context()
    let socket = try makeSocket(context, .pair)
    XCTAssertFalse(socket.isClosed)
    socket.close()
    socket.close()
    XCTAssertTrue(socket.isClosed)
    assertZeroMQError(code: ENOTSOCK) { try socket.bind("inproc://closed") }
    assertZeroMQError(code: ENOTSOCK) { _ = try socket.tryReceive() }
    assertZeroMQError(code: ENOTSOCK) { try socket.send([[1]]) }
    assertZeroMQError(code: ENOTSOCK) { _ = try socket.lastEndpoint }
  }

  func testSendRejectsMessageWithoutFrames() throws {
    let context = try Context()
    let socket = try makeSocket(context, .pair)
    assertZeroMQError(code: EINVAL) { try socket.send([]) }
  }

  func testRouterMandatoryRejectsUnknownPeer() throws {
    let context = try Context()
    let router = try makeSocket(context, .router)
    try router.setRouterMandatory(true)
    try router.bind("inproc://mandatory")
    assertZeroMQError(code: EHOSTUNREACH) { try router.send([bytes("ghost"), bytes("hi")]) }
  }

  func testOptionSettersAcceptSaneValues() throws {
    let context = try Context()
    let dealer = try makeSocket(context, .dealer)
    try dealer.setSendHighWaterMark(100)
    try dealer.setReceiveHighWaterMark(100)
    try dealer.setHeartbeat(interval: 1000, timeout: 3000, ttl: 5000)
    try dealer.setReconnectInterval(milliseconds: 100, max: 2000)
    try dealer.setZapDomain("stillwatch")
    assertZeroMQError(code: EINVAL) { try dealer.setIdentity([]) }
  }

  func testRequestReplyOverIPC() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("zmq-test-\(UUID().uuidString.prefix(8)).sock").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let context = try Context()
    let rep = try makeSocket(context, .rep)
    try rep.bind("ipc://\(path)")
    let req = try makeSocket(context, .req)
    try req.connect("ipc://\(path)")
    try req.send([bytes("question")])
    XCTAssertEqual(try rep.receive(), [bytes("question")])
    try rep.send([bytes("answer"), [0, 255]])
    XCTAssertEqual(try req.receive(), [bytes("answer"), [0, 255]])
  }

  func testPublishSubscribeFiltersByPrefix() throws {
    let context = try Context()
    let pub = try makeSocket(context, .pub)
    try pub.bind("inproc://news")
    let sub = try makeSocket(context, .sub)
    try sub.subscribe(bytes("wanted"))
    try sub.connect("inproc://news")
    // Subscriptions propagate asynchronously: publish until the first message gets through.
    var received: [[UInt8]]?
    let deadline = Date().addingTimeInterval(2)
    while received == nil && Date() < deadline {
      try pub.send([bytes("other"), bytes("x")])
      try pub.send([bytes("wanted"), bytes("y")])
      Thread.sleep(forTimeInterval: 0.01)
      received = try sub.tryReceive()
    }
    XCTAssertEqual(received, [bytes("wanted"), bytes("y")])
    while let next = try sub.tryReceive() {
      XCTAssertEqual(next[0], bytes("wanted"))
    }
  }
}
