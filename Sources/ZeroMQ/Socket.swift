import CZeroMQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One libzmq socket (`zmq_socket`), closed by `close()` or at the latest in `deinit`.
///
/// Guarantees and rules:
/// - libzmq sockets are **not** thread-safe. Use a socket from one thread at a time: create it
///   on one thread, then hand it over (for example into a `Thread` closure) and stop touching it
///   on the original thread. The class is `@unchecked Sendable` only so that such a hand-over
///   compiles under strict concurrency; it does no locking of its own. The one cross-thread
///   way to interrupt a blocked call is `Context.shutdown()`, which makes it throw `ETERM`.
/// - The socket keeps its `Context` alive, so the context cannot be terminated under it.
/// - After `close()` every operation throws a `ZeroMQError` with code `ENOTSOCK`;
///   `close()` itself is idempotent.
/// - Calls interrupted by a signal (`EINTR`) are retried transparently.
/// - Options are libzmq's defaults unless set. In particular the default linger is infinite;
///   see `setLinger(milliseconds:)`.
public final class Socket: @unchecked Sendable {
  /// The context the socket was created in (kept alive by the socket).
  public let context: Context
  /// The socket's pattern.
  public let type: SocketType
  /// The libzmq handle, `nil` once closed.
  private(set) var handle: UnsafeMutableRawPointer?

  /// Creates a socket of the given type in `context` (`zmq_socket`). Throws `ETERM` if the
  /// context has been shut down.
  public init(context: Context, type: SocketType) throws {
    guard let handle = zmq_socket(context.handle, type.zmqValue) else {
      throw ZeroMQError.last("zmq_socket(\(type))")
    }
    self.context = context
    self.type = type
    self.handle = handle
  }

  deinit {
    close()
  }

  /// Whether `close()` has been called.
  public var isClosed: Bool { handle == nil }

  /// Closes the socket (`zmq_close`). Idempotent. Unsent messages are kept for the linger
  /// period, which the context's termination waits for.
  public func close() {
    guard let handle else { return }
    self.handle = nil
    _ = zmq_close(handle)
  }

  /// Binds to a local endpoint (`zmq_bind`), e.g. `tcp://127.0.0.1:*`, `ipc:///tmp/x.sock` or
  /// `inproc://name`. Read `lastEndpoint` to learn the port chosen for a `*` wildcard.
  public func bind(_ endpoint: String) throws {
    let operation = "zmq_bind(\(endpoint))"
    try check(zmq_bind(try requireHandle(operation), endpoint), operation)
  }

  /// Connects to a remote endpoint (`zmq_connect`). The connection is made (and re-made)
  /// asynchronously; this returns before the peer is reachable.
  public func connect(_ endpoint: String) throws {
    let operation = "zmq_connect(\(endpoint))"
    try check(zmq_connect(try requireHandle(operation), endpoint), operation)
  }

  /// Stops listening on an endpoint previously passed to `bind` (`zmq_unbind`). For a wildcard
  /// bind, pass the concrete `lastEndpoint`.
  public func unbind(_ endpoint: String) throws {
    let operation = "zmq_unbind(\(endpoint))"
    try check(zmq_unbind(try requireHandle(operation), endpoint), operation)
  }

  /// Drops a connection previously made with `connect` (`zmq_disconnect`).
  public func disconnect(_ endpoint: String) throws {
    let operation = "zmq_disconnect(\(endpoint))"
    try check(zmq_disconnect(try requireHandle(operation), endpoint), operation)
  }

  /// The endpoint of the most recent `bind` or `connect` (`ZMQ_LAST_ENDPOINT`), with wildcards
  /// resolved, e.g. `tcp://127.0.0.1:41235` after `bind("tcp://127.0.0.1:*")`. Empty if none.
  public var lastEndpoint: String {
    get throws {
      let operation = "zmq_getsockopt(ZMQ_LAST_ENDPOINT)"
      let handle = try requireHandle(operation)
      var buffer = [UInt8](repeating: 0, count: 1024)
      var size = buffer.count
      let rc = buffer.withUnsafeMutableBytes {
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, $0.baseAddress, &size)
      }
      try check(rc, operation)
      return String(
        decoding: buffer.prefix(min(size, buffer.count)).prefix { $0 != 0 }, as: UTF8.self)
    }
  }

  // MARK: - Internal helpers shared by the extensions

  /// The live handle, or an `ENOTSOCK` error naming `operation` if the socket is closed.
  func requireHandle(_ operation: @autoclosure () -> String) throws -> UnsafeMutableRawPointer {
    guard let handle else {
      throw ZeroMQError(code: ENOTSOCK, operation: operation())
    }
    return handle
  }

  /// Throws the current `zmq_errno()` if `rc` signals failure (`-1`).
  func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws {
    if rc != 0 { throw ZeroMQError.last(operation()) }
  }
}
