import CZeroMQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Waits for several sockets at once (`zmq_poll`).
///
/// Guarantees: results refer to sockets by their index in `add` order; `poll` returns as soon
/// as at least one requested event is ready or the timeout passes (an empty result then); a
/// signal interruption (`EINTR`) is retried with the remaining time. The poller keeps its
/// sockets alive but does not own them; like the sockets, it must be used from the thread that
/// uses them. Polling a closed socket throws `ENOTSOCK`; a shut-down context throws `ETERM`.
public struct Poller {
  /// Readiness of one polled socket.
  public struct Event: Sendable, Hashable {
    /// The socket's index in `add` order.
    public let index: Int
    /// A message can be received without blocking.
    public let readable: Bool
    /// A message can be sent without blocking.
    public let writable: Bool

    public init(index: Int, readable: Bool, writable: Bool) {
      self.index = index
      self.readable = readable
      self.writable = writable
    }
  }

  private var sockets: [Socket] = []
  private var events: [Int16] = []

  public init() {}

  /// The number of sockets added.
  public var count: Int { sockets.count }

  /// Adds a socket, watching for readability (`ZMQ_POLLIN`) and/or writability (`ZMQ_POLLOUT`).
  public mutating func add(_ socket: Socket, readable: Bool = true, writable: Bool = false) {
    var mask: Int16 = 0
    if readable { mask |= Int16(ZMQ_POLLIN) }
    if writable { mask |= Int16(ZMQ_POLLOUT) }
    sockets.append(socket)
    events.append(mask)
  }

  /// Waits up to `timeoutMilliseconds` (`-1` forever, `0` just checks) and returns the indices,
  /// in `add` order, of the sockets that are readable.
  public func poll(timeoutMilliseconds: Int) throws -> [Int] {
    try pollEvents(timeoutMilliseconds: timeoutMilliseconds).filter(\.readable).map(\.index)
  }

  /// Waits like `poll(timeoutMilliseconds:)` and reports every socket with a requested event
  /// ready, including writability.
  public func pollEvents(timeoutMilliseconds: Int) throws -> [Event] {
    if sockets.isEmpty && timeoutMilliseconds < 0 {
      throw ZeroMQError(
        code: EINVAL, description: "zmq_poll: no sockets and no timeout would wait forever")
    }
    var items = try sockets.indices.map { index in
      zmq_pollitem_t(
        socket: try sockets[index].requireHandle("zmq_poll"), fd: 0, events: events[index],
        revents: 0)
    }
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(max(timeoutMilliseconds, 0)))
    var timeout = timeoutMilliseconds
    while true {
      let rc = items.withUnsafeMutableBufferPointer {
        zmq_poll($0.baseAddress, Int32($0.count), timeout)
      }
      if rc >= 0 { break }
      let code = zmq_errno()
      guard code == EINTR else { throw ZeroMQError(code: code, operation: "zmq_poll") }
      if timeoutMilliseconds > 0 {
        let remaining = clock.now.duration(to: deadline).components
        timeout = max(
          0, Int(remaining.seconds) * 1000 + Int(remaining.attoseconds / 1_000_000_000_000_000))
      }
    }
    return items.indices.compactMap { index in
      let revents = items[index].revents
      let readable = revents & Int16(ZMQ_POLLIN) != 0
      let writable = revents & Int16(ZMQ_POLLOUT) != 0
      return readable || writable
        ? Event(index: index, readable: readable, writable: writable) : nil
    }
  }
}
