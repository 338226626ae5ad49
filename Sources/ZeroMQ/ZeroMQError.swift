import CZeroMQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An error reported by libzmq (or by this wrapper when it refuses a call up front).
///
/// Guarantees: `code` is the `errno`-style value libzmq reported (`zmq_errno()`), including the
/// libzmq-specific ones such as `ETERM`; `description` names the failing call and its argument,
/// followed by `zmq_strerror(code)`, e.g. `zmq_bind(tcp://127.0.0.1:5555): Address already in use`.
public struct ZeroMQError: Error, CustomStringConvertible, Sendable {
  /// The `errno`-style code (`EAGAIN`, `ETERM`, `EADDRINUSE`, ...).
  public let code: Int32
  /// `"<operation>: <zmq_strerror(code)>"`.
  public let description: String

  /// Creates an error with an explicit description.
  public init(code: Int32, description: String) {
    self.code = code
    self.description = description
  }

  /// Creates an error whose description is `"<operation>: <zmq_strerror(code)>"`.
  public init(code: Int32, operation: String) {
    self.init(code: code, description: "\(operation): \(ZeroMQError.message(for: code))")
  }

  /// `true` for `EAGAIN`: a non-blocking call found nothing to do, or a send/receive timeout
  /// (`setReceiveTimeout` / `setSendTimeout`) expired.
  public var isWouldBlock: Bool { code == EAGAIN }

  /// libzmq's own `ETERM` value (not an OS errno, so not visible without importing libzmq):
  /// the code of errors caused by a shut-down or terminated context.
  public static let contextTerminatedCode: Int32 = ETERM

  /// `true` for `ETERM`: the socket's context was shut down or terminated; close the socket.
  public var isContextTerminated: Bool { code == ETERM }

  /// The error for the last failed libzmq call on this thread.
  static func last(_ operation: String) -> ZeroMQError {
    ZeroMQError(code: zmq_errno(), operation: operation)
  }

  /// `zmq_strerror(code)` as a Swift string.
  static func message(for code: Int32) -> String {
    guard let text = zmq_strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
