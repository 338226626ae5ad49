import CZeroMQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A libzmq context (`zmq_ctx_new`): the container for a set of sockets, their I/O threads and
/// their `inproc://` endpoints.
///
/// Guarantees:
/// - Thread-safe. libzmq documents contexts as thread-safe (any thread may create sockets in it
///   or shut it down concurrently), and this class holds no mutable Swift state, hence
///   `@unchecked Sendable`.
/// - Every `Socket` keeps its context alive, so the context is terminated (`zmq_ctx_term`, in
///   `deinit`) only after all of its sockets have been closed and released. Termination waits
///   for each closed socket's linger period; with libzmq's default linger (infinite) a socket
///   that still holds undeliverable outgoing messages blocks termination, so set
///   `Socket.setLinger(milliseconds:)` on sockets that may have unsent messages.
/// - `shutdown()` makes every blocking call on this context's sockets (current and future)
///   fail promptly with `ETERM` (`ZeroMQError.isContextTerminated`) instead of blocking.
public final class Context: @unchecked Sendable {
  /// The `void *` returned by `zmq_ctx_new`; valid until `deinit`.
  let handle: UnsafeMutableRawPointer

  /// Creates a new context (`zmq_ctx_new`).
  public init() throws {
    guard let handle = zmq_ctx_new() else { throw ZeroMQError.last("zmq_ctx_new") }
    self.handle = handle
  }

  /// Shuts the context down (`zmq_ctx_shutdown`): blocking operations on its sockets return
  /// `ETERM`, and new sockets cannot be created. Sockets must still be closed (or released).
  /// Idempotent and safe to call from any thread.
  public func shutdown() {
    _ = zmq_ctx_shutdown(handle)
  }

  deinit {
    while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
  }
}
