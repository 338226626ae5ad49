import XCTest
import ZeroMQ

final class PollerTests: XCTestCase {
  func testPollReportsReadableSocketsInAddOrder() throws {
    let context = try Context()
    let first = try makeSocket(context, .pull)
    try first.bind("inproc://poll-first")
    let second = try makeSocket(context, .pull)
    try second.bind("inproc://poll-second")
    let push = try makeSocket(context, .push)
    try push.connect("inproc://poll-second")

    var poller = Poller()
    poller.add(first)
    poller.add(second)
    XCTAssertEqual(poller.count, 2)
    XCTAssertEqual(try poller.poll(timeoutMilliseconds: 0), [])

    try push.send([bytes("wake")])
    XCTAssertEqual(try poller.poll(timeoutMilliseconds: 2000), [1])
    XCTAssertEqual(try second.receive(), [bytes("wake")])
    XCTAssertEqual(try poller.poll(timeoutMilliseconds: 0), [])
  }

  func testPollTimesOutWhenNothingArrives() throws {
    let context = try Context()
    let pull = try makeSocket(context, .pull)
    try pull.bind("inproc://poll-quiet")
    var poller = Poller()
    poller.add(pull)
    let started = Date()
    XCTAssertEqual(try poller.poll(timeoutMilliseconds: 50), [])
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertGreaterThanOrEqual(elapsed, 0.04)
    XCTAssertLessThan(elapsed, 1.5)
  }

  func testPollEventsReportsWritability() throws {
    let context = try Context()
    let pull = try makeSocket(context, .pull)
    try pull.bind("inproc://poll-writable")
    let push = try makeSocket(context, .push)
    try push.connect("inproc://poll-writable")

    var poller = Poller()
    poller.add(pull)
    poller.add(push, readable: false, writable: true)
    let events = try poller.pollEvents(timeoutMilliseconds: 2000)
    XCTAssertEqual(events, [Poller.Event(index: 1, readable: false, writable: true)])
    XCTAssertEqual(try poller.poll(timeoutMilliseconds: 0), [])
  }

  func testPollingClosedSocketThrowsNotSocket() throws {
    let context = try Context()
    let socket = try makeSocket(context, .pull)
    var poller = Poller()
    poller.add(socket)
    socket.close()
    assertZeroMQError(code: ENOTSOCK) { _ = try poller.poll(timeoutMilliseconds: 0) }
  }
}
