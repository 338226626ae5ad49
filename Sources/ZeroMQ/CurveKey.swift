import CZeroMQ

/// One Curve25519 key (public or secret), as used by CURVE security.
///
/// Guarantees: a value always holds a valid key — `z85` is exactly 40 Z85 characters and
/// `bytes` the 32 bytes it encodes (Z85 is a bijection, so equality and hashing by either form
/// agree). Note that printing a secret key's value reveals it.
public struct CurveKey: Sendable, Hashable {
  /// The key in Z85 text form, 40 characters.
  public let z85: String
  private let raw: [UInt8]

  /// The raw key, 32 bytes.
  public var bytes: [UInt8] { raw }

  /// Parses a 40-character Z85 key (`zmq_z85_decode`); `nil` if malformed.
  public init?(z85: String) {
    let utf8 = Array(z85.utf8)
    guard utf8.count == 40, !utf8.contains(0) else { return nil }
    var decoded = [UInt8](repeating: 0, count: 32)
    let ok = z85.withCString { text in
      decoded.withUnsafeMutableBufferPointer { zmq_z85_decode($0.baseAddress, text) != nil }
    }
    guard ok else { return nil }
    self.z85 = z85
    self.raw = decoded
  }

  /// Wraps a raw 32-byte key (`zmq_z85_encode`); `nil` if `bytes` is not 32 bytes long.
  public init?(bytes: [UInt8]) {
    guard bytes.count == 32 else { return nil }
    var text = [CChar](repeating: 0, count: 41)
    let ok = text.withUnsafeMutableBufferPointer { out in
      bytes.withUnsafeBufferPointer { zmq_z85_encode(out.baseAddress, $0.baseAddress, 32) != nil }
    }
    guard ok else { return nil }
    self.z85 = String(zmqText: text)
    self.raw = bytes
  }

  public static func == (lhs: CurveKey, rhs: CurveKey) -> Bool { lhs.z85 == rhs.z85 }
  public func hash(into hasher: inout Hasher) { hasher.combine(z85) }
}

extension String {
  /// Decodes a NUL-terminated C string held in a `CChar` buffer filled by libzmq.
  init(zmqText buffer: [CChar]) {
    self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
