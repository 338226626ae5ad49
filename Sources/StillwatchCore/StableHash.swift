/// A fast, seedless 64-bit hash of bytes and strings that is identical on every
/// machine and every run (unlike `Hasher`, which is randomly seeded per process).
///
/// Guarantees: a pure function of the input bytes; used for shingles, band keys,
/// fingerprints and content-derived ids, so it must never change between
/// versions without a change of `SketchParameters.version`.
public enum StableHash {
  @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

  /// Final avalanche (the splitmix64 / murmur3 finaliser).
  @inlinable
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Combines two hashes, order-sensitive.
  @inlinable
  public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
    mix(a &* prime1 ^ (b &+ prime2 &+ (a << 6) &+ (a >> 2)))
  }

  /// Hash of a byte buffer: 8 bytes at a time, then the tail.
  @inlinable
  public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    var h = seed ^ (UInt64(bytes.count) &* prime1)
    var index = 0
    let count = bytes.count
    while index + 8 <= count {
      let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      h = (h ^ mix(word)) &* prime2 &+ prime3
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < count {
      tail |= UInt64(bytes[index]) << shift
      shift += 8
      index += 1
    }
    h = (h ^ mix(tail ^ 0xFF)) &* prime2
    return mix(h)
  }

  /// Hash of a string's UTF-8 bytes.
  @inlinable
  public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
    var copy = string
    return copy.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
  }

  /// Sixteen lowercase hex digits.
  public static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
