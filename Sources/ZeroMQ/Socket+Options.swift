import CZeroMQ

/// Socket options (`zmq_setsockopt`). Each setter throws the libzmq error (typically `EINVAL`
/// for an out-of-range value) and applies to connections made after the call unless libzmq
/// documents otherwise, so set options before `bind`/`connect`.
extension Socket {
  /// How long unsent messages are kept after `close()` (`ZMQ_LINGER`): `-1` forever (libzmq's
  /// default, which can make context termination block), `0` discard immediately.
  public func setLinger(milliseconds: Int32) throws {
    try setOption(ZMQ_LINGER, milliseconds, "ZMQ_LINGER")
  }

  /// Maximum number of outgoing messages queued per peer (`ZMQ_SNDHWM`); `0` means no limit.
  public func setSendHighWaterMark(_ n: Int32) throws {
    try setOption(ZMQ_SNDHWM, n, "ZMQ_SNDHWM")
  }

  /// Maximum number of incoming messages queued per peer (`ZMQ_RCVHWM`); `0` means no limit.
  public func setReceiveHighWaterMark(_ n: Int32) throws {
    try setOption(ZMQ_RCVHWM, n, "ZMQ_RCVHWM")
  }

  /// The identity a ROUTER peer sees for this socket (`ZMQ_ROUTING_ID`): 1 to 255 bytes, not
  /// starting with a zero byte. Set it before `connect`.
  public func setIdentity(_ bytes: [UInt8]) throws {
    try setOption(ZMQ_ROUTING_ID, bytes: bytes, "ZMQ_ROUTING_ID")
  }

  /// ROUTER only (`ZMQ_ROUTER_MANDATORY`): when on, sending to an unknown or disconnected
  /// routing id throws `EHOSTUNREACH` instead of silently dropping the message.
  public func setRouterMandatory(_ on: Bool) throws {
    try setOption(ZMQ_ROUTER_MANDATORY, on ? 1 : 0, "ZMQ_ROUTER_MANDATORY")
  }

  /// ZMTP heartbeats: send a PING every `interval` ms (`ZMQ_HEARTBEAT_IVL`, `0` disables),
  /// drop the connection if nothing arrives within `timeout` ms of a PING
  /// (`ZMQ_HEARTBEAT_TIMEOUT`), and ask the peer to drop us after `ttl` ms of silence
  /// (`ZMQ_HEARTBEAT_TTL`, rounded down to tenths of a second).
  public func setHeartbeat(
    interval intervalMilliseconds: Int32, timeout timeoutMilliseconds: Int32,
    ttl ttlMilliseconds: Int32
  )
    throws
  {
    try setOption(ZMQ_HEARTBEAT_IVL, intervalMilliseconds, "ZMQ_HEARTBEAT_IVL")
    try setOption(ZMQ_HEARTBEAT_TIMEOUT, timeoutMilliseconds, "ZMQ_HEARTBEAT_TIMEOUT")
    try setOption(ZMQ_HEARTBEAT_TTL, ttlMilliseconds, "ZMQ_HEARTBEAT_TTL")
  }

  /// Reconnection back-off for `connect`ed endpoints: first retry after `milliseconds`
  /// (`ZMQ_RECONNECT_IVL`), doubling up to `max` (`ZMQ_RECONNECT_IVL_MAX`, `0` = no back-off).
  public func setReconnectInterval(milliseconds: Int32, max: Int32) throws {
    try setOption(ZMQ_RECONNECT_IVL, milliseconds, "ZMQ_RECONNECT_IVL")
    try setOption(ZMQ_RECONNECT_IVL_MAX, max, "ZMQ_RECONNECT_IVL_MAX")
  }

  /// Makes blocking `receive()` throw `EAGAIN` (`ZeroMQError.isWouldBlock`) after this long
  /// (`ZMQ_RCVTIMEO`); `-1` (the default) waits forever.
  public func setReceiveTimeout(milliseconds: Int32) throws {
    try setOption(ZMQ_RCVTIMEO, milliseconds, "ZMQ_RCVTIMEO")
  }

  /// Makes blocking `send(_:)` throw `EAGAIN` (`ZeroMQError.isWouldBlock`) after this long
  /// (`ZMQ_SNDTIMEO`); `-1` (the default) waits forever.
  public func setSendTimeout(milliseconds: Int32) throws {
    try setOption(ZMQ_SNDTIMEO, milliseconds, "ZMQ_SNDTIMEO")
  }

  /// SUB only (`ZMQ_SUBSCRIBE`): receive messages whose first frame starts with `prefix`
  /// (empty = everything).
  public func subscribe(_ prefix: [UInt8] = []) throws {
    try setOption(ZMQ_SUBSCRIBE, bytes: prefix, "ZMQ_SUBSCRIBE")
  }

  /// SUB only (`ZMQ_UNSUBSCRIBE`): removes one earlier `subscribe` of the same prefix.
  public func unsubscribe(_ prefix: [UInt8] = []) throws {
    try setOption(ZMQ_UNSUBSCRIBE, bytes: prefix, "ZMQ_UNSUBSCRIBE")
  }

  /// The ZAP domain sent to the authentication handler (`ZMQ_ZAP_DOMAIN`). With the NULL
  /// mechanism, a non-empty domain is what turns ZAP authentication on.
  public func setZapDomain(_ domain: String) throws {
    try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(domain.utf8), "ZMQ_ZAP_DOMAIN")
  }

  // MARK: - Raw setters

  func setOption(_ option: Int32, _ value: Int32, _ name: String) throws {
    let operation = "zmq_setsockopt(\(name))"
    let handle = try requireHandle(operation)
    var value = value
    let rc = withUnsafeBytes(of: &value) {
      zmq_setsockopt(handle, option, $0.baseAddress, $0.count)
    }
    try check(rc, operation)
  }

  func setOption(_ option: Int32, bytes: [UInt8], _ name: String) throws {
    let operation = "zmq_setsockopt(\(name))"
    let handle = try requireHandle(operation)
    let rc = bytes.withUnsafeBytes {
      zmq_setsockopt(handle, option, $0.baseAddress, $0.count)
    }
    try check(rc, operation)
  }
}
