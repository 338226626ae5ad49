import CZeroMQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Multipart binary messages. A message is an array of frames, each an arbitrary byte array
/// (empty frames included); it is sent and received as one unit.
///
/// Guarantees:
/// - libzmq delivers a multipart message atomically: the receiver gets all frames or none, and
///   `receive()` returns exactly the frames of one message, in order.
/// - The non-blocking variants only ever "would block" on the first frame, so a `false` from
///   `trySend` or a `nil` from `tryReceive` means nothing was sent or consumed.
/// - `EINTR` is retried. A receive/send timeout (see `setReceiveTimeout`) surfaces as a
///   `ZeroMQError` with `isWouldBlock == true`; a shut-down context as `isContextTerminated`.
extension Socket {
  /// Sends one multipart message (`zmq_send` with `ZMQ_SNDMORE` on every frame but the last),
  /// blocking while the peer's queue is full (or until the send timeout). `frames` must not be
  /// empty (`EINVAL`).
  public func send(_ frames: [[UInt8]]) throws {
    _ = try send(frames, dontWait: false)
  }

  /// Like `send(_:)` but never blocks on the first frame (`ZMQ_DONTWAIT`): returns `false`,
  /// having sent nothing, when the message cannot be queued right now (`EAGAIN`), e.g. no peer
  /// or the high-water mark is reached. Later frames are then accepted at once by libzmq.
  public func trySend(_ frames: [[UInt8]]) throws -> Bool {
    try send(frames, dontWait: true)
  }

  /// Receives all frames of the next message (`zmq_msg_recv`), blocking until one arrives, the
  /// receive timeout expires (throws `EAGAIN`) or the context is shut down (throws `ETERM`).
  public func receive() throws -> [[UInt8]] {
    // With `dontWait == false` the only way to get no message is an error, which is thrown.
    guard let frames = try receive(dontWait: false) else {
      throw ZeroMQError(code: EAGAIN, operation: "zmq_msg_recv")
    }
    return frames
  }

  /// Receives the next message if one is already queued (`ZMQ_DONTWAIT`), else returns `nil`.
  public func tryReceive() throws -> [[UInt8]]? {
    try receive(dontWait: true)
  }

  // MARK: - Implementation

  private func send(_ frames: [[UInt8]], dontWait: Bool) throws -> Bool {
    guard !frames.isEmpty else {
      throw ZeroMQError(code: EINVAL, description: "zmq_send: a message needs at least one frame")
    }
    let handle = try requireHandle("zmq_send")
    let last = frames.count - 1
    for (index, frame) in frames.enumerated() {
      var flags: Int32 = index < last ? ZMQ_SNDMORE : 0
      // Only the first frame may be refused with EAGAIN: once it is queued, libzmq accepts the
      // remaining frames of the message, and blocking on them keeps the message whole.
      if index == 0 && dontWait { flags |= ZMQ_DONTWAIT }
      while true {
        let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
        if rc >= 0 { break }
        let code = zmq_errno()
        if code == EINTR { continue }
        if code == EAGAIN && index == 0 && dontWait { return false }
        throw ZeroMQError(code: code, operation: "zmq_send(frame \(index + 1) of \(frames.count))")
      }
    }
    return true
  }

  private func receive(dontWait: Bool) throws -> [[UInt8]]? {
    let handle = try requireHandle("zmq_msg_recv")
    // Heap-allocated so that pointers into the message stay valid across calls.
    let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
    defer { message.deallocate() }
    guard zmq_msg_init(message) == 0 else { throw ZeroMQError.last("zmq_msg_init") }
    defer { zmq_msg_close(message) }

    var frames: [[UInt8]] = []
    while true {
      // The frames of one message arrive together, so only the first can "would block".
      let flags: Int32 = frames.isEmpty && dontWait ? ZMQ_DONTWAIT : 0
      if zmq_msg_recv(message, handle, flags) < 0 {
        let code = zmq_errno()
        if code == EINTR { continue }
        if code == EAGAIN && frames.isEmpty && dontWait { return nil }
        throw ZeroMQError(code: code, operation: "zmq_msg_recv")
      }
      let size = zmq_msg_size(message)
      if size == 0 {
        frames.append([])
      } else {
        frames.append(Array(UnsafeRawBufferPointer(start: zmq_msg_data(message), count: size)))
      }
      if zmq_msg_more(message) == 0 { return frames }
    }
  }
}
