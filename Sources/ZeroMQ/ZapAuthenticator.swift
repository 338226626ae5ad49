import Foundation

/// A ZAP (ZeroMQ Authentication Protocol, RFC 27) handler that admits CURVE clients by public
/// key. It binds `inproc://zeromq.zap.01` in the given context and answers requests on its own
/// `Thread` until `stop()`.
///
/// Guarantees:
/// - Every CURVE server socket in the same context consults it (libzmq does this whenever a
///   handler is bound): a client is admitted (status 200, user id = its public key in Z85) iff
///   its public key is in `allowedPublicKeys`; otherwise the handshake is refused (status 400)
///   and the server never sees the client's messages. Requests for other mechanisms (NULL or
///   PLAIN sockets that set a ZAP domain) are refused. All ZAP domains are treated alike.
/// - `onDecision(publicKey, accepted)` is called on the authenticator's thread for every CURVE
///   request, before the reply; clients retry their handshake on reconnect, so a refused key
///   may be reported repeatedly. Do not capture the authenticator strongly in the callback.
/// - `init` returns only once the handler is bound, so create it **before** the server sockets
///   handshake (ideally before they bind): libzmq admits every client of a handshake that finds
///   no handler, and the same holds again after `stop()`.
/// - `stop()` is idempotent, thread-safe, and returns once the handler thread has exited and
///   its sockets are closed (unless called from `onDecision`, which cannot wait for itself).
///   `deinit` stops it too. A `Context.shutdown()` also ends the thread.
/// - Only one handler can be bound per context; a second one fails with `EADDRINUSE`.
public final class ZapAuthenticator: @unchecked Sendable {
  /// The endpoint libzmq sends ZAP requests to.
  public static let endpoint = "inproc://zeromq.zap.01"

  /// The public keys admitted.
  public let allowedPublicKeys: Set<CurveKey>

  /// Guards `stopper`; everything else is immutable after `init`.
  private let lock = NSLock()
  /// Sends the stop signal to the handler thread; `nil` once `stop()` has claimed it.
  private var stopper: Socket?
  private let thread: Thread
  private let finished: Latch

  /// Binds the handler and starts its thread.
  public init(
    context: Context, allowedPublicKeys: Set<CurveKey>,
    onDecision: @escaping @Sendable (CurveKey, Bool) -> Void
  ) throws {
    let handler = try Socket(context: context, type: .rep)
    try handler.setLinger(milliseconds: 0)
    try handler.bind(ZapAuthenticator.endpoint)

    let controlEndpoint = "inproc://zeromq.zap.control.\(UUID().uuidString)"
    let control = try Socket(context: context, type: .pull)
    try control.setLinger(milliseconds: 0)
    try control.bind(controlEndpoint)
    let stopper = try Socket(context: context, type: .push)
    try stopper.setLinger(milliseconds: 0)
    try stopper.setSendTimeout(milliseconds: 1000)
    try stopper.connect(controlEndpoint)

    let finished = Latch()
    let worker = Worker(
      handler: handler, control: control, allowed: allowedPublicKeys, onDecision: onDecision,
      finished: finished)
    let thread = Thread { worker.run() }
    thread.name = "ZapAuthenticator"

    self.allowedPublicKeys = allowedPublicKeys
    self.stopper = stopper
    self.thread = thread
    self.finished = finished
    thread.start()
  }

  deinit {
    stop()
  }

  /// Stops answering ZAP requests and unbinds the handler. Idempotent; waits for the thread.
  public func stop() {
    lock.lock()
    let stopper = self.stopper
    self.stopper = nil
    lock.unlock()

    if let stopper {
      _ = try? stopper.send([[]])
    }
    if Thread.current !== thread {
      finished.wait()
    }
    stopper?.close()
  }

  /// State owned by the handler thread once started.
  private final class Worker: @unchecked Sendable {
    let handler: Socket
    let control: Socket
    let allowed: Set<CurveKey>
    let onDecision: @Sendable (CurveKey, Bool) -> Void
    let finished: Latch

    init(
      handler: Socket, control: Socket, allowed: Set<CurveKey>,
      onDecision: @escaping @Sendable (CurveKey, Bool) -> Void, finished: Latch
    ) {
      self.handler = handler
      self.control = control
      self.allowed = allowed
      self.onDecision = onDecision
      self.finished = finished
    }

    func run() {
      defer {
        // zmq_close releases an inproc endpoint later, on libzmq's reaper thread; zmq_unbind
        // releases it now, so a new handler can bind as soon as stop() returns.
        try? handler.unbind(ZapAuthenticator.endpoint)
        handler.close()
        control.close()
        finished.open()
      }
      var poller = Poller()
      poller.add(handler)
      poller.add(control)
      while true {
        let ready: [Int]
        do {
          ready = try poller.poll(timeoutMilliseconds: -1)
        } catch {
          return  // ETERM (context shut down) or a closed socket: nothing more to serve.
        }
        if ready.contains(1) { return }
        guard ready.contains(0) else { continue }
        do {
          guard let request = try handler.tryReceive() else { continue }
          try handler.send(reply(to: request))
        } catch let error as ZeroMQError where error.isContextTerminated {
          return
        } catch {
          continue
        }
      }
    }

    /// The ZAP reply (RFC 27): version, request id, status code, status text, user id, metadata.
    func reply(to request: [[UInt8]]) -> [[UInt8]] {
      let requestID = request.count > 1 ? request[1] : []
      func answer(_ status: String, _ text: String, userID: String = "") -> [[UInt8]] {
        [
          Array("1.0".utf8), requestID, Array(status.utf8), Array(text.utf8), Array(userID.utf8),
          [],
        ]
      }
      guard request.count >= 6, request[0] == Array("1.0".utf8) else {
        return answer("500", "Malformed ZAP request")
      }
      guard request[5] == Array("CURVE".utf8), request.count >= 7,
        let key = CurveKey(bytes: request[6])
      else {
        return answer("400", "Mechanism not allowed")
      }
      let accepted = allowed.contains(key)
      onDecision(key, accepted)
      return accepted
        ? answer("200", "OK", userID: key.z85) : answer("400", "Public key not allowed")
    }
  }
}

/// A one-shot gate: `wait()` blocks until `open()` has been called (then never again).
private final class Latch: @unchecked Sendable {
  private let condition = NSCondition()
  private var isOpen = false

  func open() {
    condition.lock()
    isOpen = true
    condition.broadcast()
    condition.unlock()
  }

  func wait() {
    condition.lock()
    while !isOpen { condition.wait() }
    condition.unlock()
  }
}
