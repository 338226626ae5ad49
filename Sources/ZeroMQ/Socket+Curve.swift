import CZeroMQ

/// CURVE security (CurveZMQ: Curve25519 key exchange, encrypted and authenticated traffic).
/// Configure before `bind`/`connect`; both ends must use CURVE or the handshake fails.
///
/// Authentication of clients is the job of a ZAP handler in the server's context (see
/// `ZapAuthenticator`); without one, a CURVE server accepts any client that knows its public
/// key, and traffic is still encrypted.
extension Socket {
  /// Makes this socket a CURVE server (`ZMQ_CURVE_SERVER` = 1) using `secretKey`
  /// (`ZMQ_CURVE_SECRETKEY`). Clients must be given the matching public key.
  public func makeCurveServer(secretKey: CurveKey) throws {
    try setOption(ZMQ_CURVE_SERVER, 1, "ZMQ_CURVE_SERVER")
    try setOption(ZMQ_CURVE_SECRETKEY, bytes: secretKey.bytes, "ZMQ_CURVE_SECRETKEY")
  }

  /// Makes this socket a CURVE client of the server whose public key is `serverPublicKey`
  /// (`ZMQ_CURVE_SERVERKEY`), authenticating with `keyPair` (`ZMQ_CURVE_PUBLICKEY`,
  /// `ZMQ_CURVE_SECRETKEY`). A wrong server key makes every handshake fail silently.
  public func makeCurveClient(serverPublicKey: CurveKey, keyPair: CurveKeyPair) throws {
    try setOption(ZMQ_CURVE_SERVERKEY, bytes: serverPublicKey.bytes, "ZMQ_CURVE_SERVERKEY")
    try setOption(ZMQ_CURVE_PUBLICKEY, bytes: keyPair.publicKey.bytes, "ZMQ_CURVE_PUBLICKEY")
    try setOption(ZMQ_CURVE_SECRETKEY, bytes: keyPair.secretKey.bytes, "ZMQ_CURVE_SECRETKEY")
  }
}
