/// A SplitMix64 pseudo-random generator and the stable 64-bit hashing built on
/// its finaliser.
///
/// Guarantees: the sequence is a pure function of the seed, identical on every
/// platform and Swift version (no standard-library randomness is involved), so
/// a corpus is reproducible byte for byte. `hash` is likewise a pure function
/// of its arguments; it is what makes accounts procedural (their properties
/// are hashes of seed, population and index, never stored tables).
struct SplitMix64 {
  private(set) var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  /// The next 64 pseudo-random bits.
  @inline(__always)
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// A value in `0..<bound` (`bound` > 0), by multiply-high reduction.
  @inline(__always)
  mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: UInt64(bound).multipliedFullWidth(by: next()).high)
  }

  /// A value in `lower...upper`.
  @inline(__always)
  mutating func within(_ lower: Int, _ upper: Int) -> Int {
    lower + below(upper - lower + 1)
  }

  /// A double in [0, 1).
  @inline(__always)
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// True with probability `probability`.
  @inline(__always)
  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  /// One element of a non-empty array.
  @inline(__always)
  mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }

  /// An index drawn with the given (non-negative, not all zero) weights.
  mutating func weighted(_ weights: [Double]) -> Int {
    var total = 0.0
    for weight in weights { total += weight }
    var target = unit() * total
    for (index, weight) in weights.enumerated() {
      target -= weight
      if target < 0 { return index }
    }
    return weights.count - 1
  }

  /// The SplitMix64 finaliser: a bijective avalanche mix of 64 bits.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A stable hash of two words.
  @inline(__always)
  static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
    mix(mix(a ^ 0x6A09_E667_F3BC_C909) ^ (b &* 0x9E37_79B9_7F4A_7C15))
  }

  /// A stable hash of three words.
  @inline(__always)
  static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    hash(hash(a, b), c)
  }

  /// A stable hash of four words.
  @inline(__always)
  static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
    hash(hash(hash(a, b), c), d)
  }

  /// A generator seeded from a hash of the given words.
  static func seeded(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> SplitMix64 {
    SplitMix64(seed: hash(a, b, c))
  }
}
