import Foundation
import XCTest
import ZeroMQ

/// Creates a socket whose calls cannot hang a test: no linger, 2 s send/receive timeouts.
func makeSocket(_ context: Context, _ type: SocketType) throws -> Socket {
  let socket = try Socket(context: context, type: type)
  try socket.setLinger(milliseconds: 0)
  try socket.setReceiveTimeout(milliseconds: 2000)
  try socket.setSendTimeout(milliseconds: 2000)
  return socket
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Asserts that `body` throws a `ZeroMQError` with the given code and returns it.
@discardableResult
func assertZeroMQError(
  code: Int32, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
) -> ZeroMQError? {
  do {
    try body()
    XCTFail("expected ZeroMQError \(code), nothing thrown", file: file, line: line)
  } catch let error as ZeroMQError {
    XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
    return error
  } catch {
    XCTFail("expected ZeroMQError \(code), got \(error)", file: file, line: line)
  }
  return nil
}

/// A thread-safe value box for results produced on other threads.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withValue<T>(_ body: (inout Value) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }

  var current: Value { withValue { $0 } }
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
func eventually(within seconds: Double = 2, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if condition() { return true }
    Thread.sleep(forTimeInterval: 0.01)
  }
  return condition()
}
