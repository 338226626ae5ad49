import Foundation
import XCTest
import ZeroMQ

final class ContextTests: XCTestCase {
  func testShutdownMakesBlockedReceiveThrowContextTerminated() throws {
    let context = try Context()
    let pull = try Socket(context: context, type: .pull)
    try pull.setLinger(milliseconds: 0)
    try pull.setReceiveTimeout(milliseconds: 5000)  // a safety net, never expected to fire
    try pull.bind("inproc://blocked")

    let outcome = Locked<ZeroMQError?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      do {
        _ = try pull.receive()
      } catch let error as ZeroMQError {
        outcome.withValue { $0 = error }
      } catch {}
      pull.close()
      done.signal()
    }
    thread.start()
    Thread.sleep(forTimeInterval: 0.1)
    context.shutdown()
    XCTAssertEqual(done.wait(timeout: .now() + 3), .success)
    XCTAssertEqual(outcome.current?.code, ZeroMQError.contextTerminatedCode)
    XCTAssertEqual(outcome.current?.isContextTerminated, true)
  }

  func testSocketCreationAfterShutdownThrowsContextTerminated() throws {
    let context = try Context()
    context.shutdown()
    context.shutdown()
    assertZeroMQError(code: ZeroMQError.contextTerminatedCode) {
      _ = try Socket(context: context, type: .dealer)
    }
  }

  func testContextOutlivesCallerReferenceWhileSocketsExist() throws {
    var socket: Socket? = try makeSocket(try Context(), .pair)
    try socket?.bind("inproc://kept-alive")
    XCTAssertEqual(try socket?.lastEndpoint, "inproc://kept-alive")
    socket = nil  // closes the socket, then terminates the context
  }
}
