import CZeroMQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A matching Curve25519 public/secret key pair for CURVE security.
///
/// Guarantees: pairs made by `generate()` or `init(secretKey:)` always match, i.e.
/// `publicKey == CurveKeyPair.publicKey(for: secretKey)`. The textual descriptions show only
/// the public key, so logging a pair does not leak the secret.
public struct CurveKeyPair: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  public let publicKey: CurveKey
  public let secretKey: CurveKey

  /// Derives the pair from a secret key (`zmq_curve_public`).
  public init(secretKey: CurveKey) throws {
    self.publicKey = try CurveKeyPair.publicKey(for: secretKey)
    self.secretKey = secretKey
  }

  private init(publicKey: CurveKey, secretKey: CurveKey) {
    self.publicKey = publicKey
    self.secretKey = secretKey
  }

  /// Generates a fresh random pair (`zmq_curve_keypair`). Throws `ENOTSUP` if libzmq was built
  /// without CURVE.
  public static func generate() throws -> CurveKeyPair {
    var publicText = [CChar](repeating: 0, count: 41)
    var secretText = [CChar](repeating: 0, count: 41)
    let rc = publicText.withUnsafeMutableBufferPointer { publicBuffer in
      secretText.withUnsafeMutableBufferPointer { secretBuffer in
        zmq_curve_keypair(publicBuffer.baseAddress, secretBuffer.baseAddress)
      }
    }
    guard rc == 0 else { throw ZeroMQError.last("zmq_curve_keypair") }
    guard let publicKey = CurveKey(z85: String(zmqText: publicText)),
      let secretKey = CurveKey(z85: String(zmqText: secretText))
    else {
      throw ZeroMQError(code: EINVAL, description: "zmq_curve_keypair: produced an invalid key")
    }
    return CurveKeyPair(publicKey: publicKey, secretKey: secretKey)
  }

  /// The public key belonging to `secret` (`zmq_curve_public`).
  public static func publicKey(for secret: CurveKey) throws -> CurveKey {
    var publicText = [CChar](repeating: 0, count: 41)
    let rc = publicText.withUnsafeMutableBufferPointer { publicBuffer in
      secret.z85.withCString { zmq_curve_public(publicBuffer.baseAddress, $0) }
    }
    guard rc == 0 else { throw ZeroMQError.last("zmq_curve_public") }
    guard let key = CurveKey(z85: String(zmqText: publicText)) else {
      throw ZeroMQError(code: EINVAL, description: "zmq_curve_public: produced an invalid key")
    }
    return key
  }

  public var description: String {
    "CurveKeyPair(publicKey: \(publicKey.z85), secretKey: <redacted>)"
  }
  public var debugDescription: String { description }
}
