#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The parameters of a MinHash/LSH sketch. They travel with every partial result
/// so that sketches made with different parameters are never merged.
///
/// Guarantees: `bands * rows <= permutations`; two parameter values are equal
/// exactly when their sketches are comparable.
public struct SketchParameters: Sendable, Hashable, Codable {
  /// Bumped whenever hashing, shingling or masking changes meaning.
  public static let currentVersion: UInt16 = 2

  public var version: UInt16
  public var permutations: Int
  public var bands: Int
  public var rows: Int
  /// Words per shingle.
  public var shingleWords: Int
  /// Bytes of user text considered per exchange.
  public var maxTextBytes: Int
  public var seed: UInt64

  public init(
    permutations: Int = 64, bands: Int = 16, rows: Int = 4, shingleWords: Int = 3,
    maxTextBytes: Int = 2048, seed: UInt64 = 0x5717_1A7C
  ) {
    precondition(bands * rows <= permutations, "bands * rows must not exceed permutations")
    self.version = Self.currentVersion
    self.permutations = permutations
    self.bands = bands
    self.rows = rows
    self.shingleWords = shingleWords
    self.maxTextBytes = maxTextBytes
    self.seed = seed
  }

  public static let standard = SketchParameters()

  /// The Jaccard similarity at which a pair becomes a candidate with probability ~1/2:
  /// (1/b)^(1/r).
  public var designThreshold: Double {
    pow(1.0 / Double(bands), 1.0 / Double(rows))
  }

  /// Probability that a pair with Jaccard similarity `s` shares at least one band:
  /// 1 - (1 - s^r)^b.
  public func candidateProbability(jaccard s: Double) -> Double {
    1 - pow(1 - pow(s, Double(rows)), Double(bands))
  }
}
