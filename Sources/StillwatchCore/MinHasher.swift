/// MinHash signatures with 32-bit universal hashing, and their LSH band keys.
///
/// Permutation i maps a shingle x to `a[i] &* x &+ b[i]` (mod 2^32, a[i] odd);
/// the signature keeps each permutation's minimum. The inner loop is plain
/// 32-bit arithmetic over fixed arrays, which the compiler vectorises.
///
/// Guarantees: a pure function of (shingles as a set, parameters): the order and
/// multiplicity of shingles do not matter. An empty set gives no band keys.
public struct MinHasher: Sendable {
  public let parameters: SketchParameters
  let multipliers: [UInt32]
  let offsets: [UInt32]

  public init(parameters: SketchParameters) {
    self.parameters = parameters
    var state = parameters.seed ^ 0xA076_1D64_78BD_642F
    var multipliers: [UInt32] = []
    var offsets: [UInt32] = []
    for _ in 0..<parameters.permutations {
      state = StableHash.mix(state)
      multipliers.append(UInt32(truncatingIfNeeded: state) | 1)
      state = StableHash.mix(state)
      offsets.append(UInt32(truncatingIfNeeded: state >> 17))
    }
    self.multipliers = multipliers
    self.offsets = offsets
  }

  /// Replaces `signature` with the MinHash signature of `shingles`.
  public func signature(of shingles: [UInt32], into signature: inout [UInt32]) {
    let k = parameters.permutations
    if signature.count != k {
      signature = Array(repeating: .max, count: k)
    } else {
      for i in 0..<k { signature[i] = .max }
    }
    multipliers.withUnsafeBufferPointer { a in
      offsets.withUnsafeBufferPointer { b in
        signature.withUnsafeMutableBufferPointer { sig in
          for shingle in shingles {
            // Re-mix so that structured shingle hashes behave as random keys.
            let x = shingle &* 0x9E37_79B1 ^ (shingle >> 15)
            for i in 0..<k {
              let value = a[i] &* x &+ b[i]
              sig[i] = value < sig[i] ? value : sig[i]
            }
          }
        }
      }
    }
  }

  /// Replaces `keys` with one key per band; empty when the signature is of an empty set.
  public func bandKeys(of signature: [UInt32], shingleCount: Int, into keys: inout [UInt64]) {
    keys.removeAll(keepingCapacity: true)
    guard shingleCount > 0 else { return }
    let rows = parameters.rows
    for band in 0..<parameters.bands {
      var h = StableHash.mix(UInt64(band) &+ parameters.seed)
      for row in 0..<rows {
        h = StableHash.combine(h, UInt64(signature[band * rows + row]))
      }
      keys.append(h)
    }
  }

  /// The fraction of equal positions: an unbiased estimate of Jaccard similarity.
  public static func estimatedJaccard(_ x: [UInt32], _ y: [UInt32]) -> Double {
    precondition(x.count == y.count, "signatures of different lengths")
    guard !x.isEmpty else { return 0 }
    var equal = 0
    for i in 0..<x.count where x[i] == y[i] { equal += 1 }
    return Double(equal) / Double(x.count)
  }
}
