import XCTest

@testable import StillwatchCore

final class MinHasherTests: XCTestCase {
  /// Two sets of `size` elements whose exact Jaccard similarity is `common / (2*size - common)`.
  func pair(size: Int, common: Int, rng: inout TestRandom) -> ([UInt32], [UInt32]) {
    let shared = (0..<common).map { _ in rng.nextUInt32() }
    let a = shared + (0..<(size - common)).map { _ in rng.nextUInt32() }
    let b = shared + (0..<(size - common)).map { _ in rng.nextUInt32() }
    return (a, b)
  }

  func testEstimatedJaccardIsWithinTheStatisticalBound() {
    let parameters = SketchParameters(permutations: 128, bands: 32, rows: 4)
    let hasher = MinHasher(parameters: parameters)
    var rng = TestRandom(seed: 7)
    var worst = 0.0
    for trial in 0..<200 {
      let size = 50 + trial % 150
      let common = Int(rng.nextUInt32() % UInt32(size + 1))
      let (a, b) = pair(size: size, common: common, rng: &rng)
      let exact = Double(common) / Double(2 * size - common)
      var sa: [UInt32] = []
      var sb: [UInt32] = []
      hasher.signature(of: a, into: &sa)
      hasher.signature(of: b, into: &sb)
      let estimate = MinHasher.estimatedJaccard(sa, sb)
      // Binomial standard error of k Bernoulli(J) trials; 4.5 sigma over 200 trials.
      let sigma = (exact * (1 - exact) / Double(parameters.permutations)).squareRoot()
      let error = abs(estimate - exact)
      worst = max(worst, error / max(sigma, 1e-9))
      XCTAssertLessThanOrEqual(error, 4.5 * sigma + 1.0 / 128, "J=\(exact) estimate=\(estimate)")
    }
    XCTAssertGreaterThan(worst, 0.5, "estimates should show sampling noise, not be exact")
  }

  func testSignatureIgnoresOrderAndDuplicates() {
    let hasher = MinHasher(parameters: .standard)
    var s1: [UInt32] = []
    var s2: [UInt32] = []
    hasher.signature(of: [5, 9, 1_000_000, 42], into: &s1)
    hasher.signature(of: [42, 9, 9, 5, 1_000_000], into: &s2)
    XCTAssertEqual(s1, s2)
  }

  func testLSHCandidateRateMatchesTheBandingFormula() {
    let parameters = SketchParameters(permutations: 64, bands: 16, rows: 4)
    let hasher = MinHasher(parameters: parameters)
    var rng = TestRandom(seed: 11)
    let trials = 1500
    // Size 100 with these overlaps gives J = 1/3, 1/2 (the design threshold), 0.8.
    for common in [50, 67, 89] {
      let exact = Double(common) / Double(200 - common)
      var candidates = 0
      for _ in 0..<trials {
        let (a, b) = pair(size: 100, common: common, rng: &rng)
        var sa: [UInt32] = []
        var sb: [UInt32] = []
        var ka: [UInt64] = []
        var kb: [UInt64] = []
        hasher.signature(of: a, into: &sa)
        hasher.signature(of: b, into: &sb)
        hasher.bandKeys(of: sa, shingleCount: a.count, into: &ka)
        hasher.bandKeys(of: sb, shingleCount: b.count, into: &kb)
        if zip(ka, kb).contains(where: { $0 == $1 }) { candidates += 1 }
      }
      let expected = parameters.candidateProbability(jaccard: exact)
      let observed = Double(candidates) / Double(trials)
      let sigma = (expected * (1 - expected) / Double(trials)).squareRoot()
      XCTAssertEqual(observed, expected, accuracy: 4 * sigma + 0.02, "J=\(exact)")
    }
    XCTAssertEqual(parameters.designThreshold, 0.5, accuracy: 1e-9)
  }

  func testEmptyTextGivesNoBandKeys() {
    let hasher = MinHasher(parameters: .standard)
    var signature: [UInt32] = []
    var keys: [UInt64] = [1]
    hasher.signature(of: [], into: &signature)
    hasher.bandKeys(of: signature, shingleCount: 0, into: &keys)
    XCTAssertTrue(keys.isEmpty)
  }
}

/// A seeded generator for tests (splitmix64).
struct TestRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func nextUInt32() -> UInt32 { UInt32(truncatingIfNeeded: next()) }
}
