/// Opaque, collision-free identifiers for accounts and organisations.
///
/// Guarantees: `code(_:)` is a keyed bijection on 40-bit integers, so distinct
/// inputs below 2^40 always give distinct 10-hex-digit codes: account ids never
/// collide, across populations too. The key comes from the corpus seed, so the
/// same account index reads differently under another seed, and nothing about a
/// population (or its label) can be read back from an id.
struct OpaqueIdentifier {
  static let bits: UInt64 = 40
  static let mask: UInt64 = (1 << 40) - 1

  private let keys: (UInt64, UInt64, UInt64)

  init(seed: UInt64, domain: UInt64) {
    keys = (
      SplitMix64.hash(seed, domain, 1) & Self.mask,
      SplitMix64.hash(seed, domain, 2) & Self.mask,
      SplitMix64.hash(seed, domain, 3) & Self.mask
    )
  }

  /// The global index of member `index` of population `population`.
  @inline(__always)
  static func globalIndex(population: Int, index: Int) -> UInt64 {
    (UInt64(population) << 34) | UInt64(index)
  }

  /// A keyed permutation of 0..<2^40: xor, odd multiplications and xor-shifts,
  /// each invertible modulo 2^40.
  @inline(__always)
  func code(_ value: UInt64) -> UInt64 {
    let mask = Self.mask
    var v = (value ^ keys.0) & mask
    v = (v &* 0x9E37_79B9_7F4A_7C15) & mask
    v ^= v >> 19
    v = (v &+ keys.1) & mask
    v = (v &* 0xD6E8_FEB8_6659_FD93) & mask
    v ^= v >> 21
    v = (v ^ keys.2) & mask
    v = (v &* 0xBF58_476D_1CE4_E5B9) & mask
    v ^= v >> 17
    return v
  }
}
