#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Values derived from byte strings, remembered by those bytes: `value(for:make:)`
/// returns the value kept for bytes seen before (for a `String`, the same
/// storage: no allocation) and calls `make` only for bytes it does not hold.
/// The workers use it so that an account, IP or user agent that comes back
/// costs a lookup, not a new `String`.
///
/// Direct-mapped: each bytes' hash picks one of `slots` slots, and a new
/// entry replaces whatever that slot held. So memory is fixed, and input with
/// more distinct values than slots (rotating IPs) only lowers the hit rate.
///
/// Guarantees: the value returned for given bytes is the one `make` gave for
/// them, so a pure `make` makes the cache invisible in results; at most
/// `slots` entries are kept.
struct ByteKeyedCache<Value> {
  /// Slot hashes; 0 marks an empty slot (a hash of 0 is stored as 1).
  private var hashes: [UInt64] = []
  private var keys: [[UInt8]] = []
  private var values: [Value?] = []
  let slots: Int

  /// `slots` is rounded up to a power of two; storage is made on first use.
  init(slots: Int = 1 << 12) {
    var size = 1
    while size < slots { size *= 2 }
    self.slots = size
  }

  mutating func value(
    for bytes: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value
  ) -> Value {
    let hash = max(1, StableHash.hash(bytes))
    if hashes.isEmpty {
      hashes = Array(repeating: 0, count: slots)
      keys = Array(repeating: [], count: slots)
      values = Array(repeating: nil, count: slots)
    }
    let index = Int(truncatingIfNeeded: hash >> 32) & (slots - 1)
    if hashes[index] == hash && Self.equal(keys[index], bytes), let value = values[index] {
      return value
    }
    let value = make(bytes)
    hashes[index] = hash
    keys[index] = Array(bytes)
    values[index] = value
    return value
  }

  /// Entries held.
  var count: Int { hashes.count(where: { $0 != 0 }) }

  private static func equal(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard key.count == bytes.count else { return false }
    guard let base = bytes.baseAddress, !key.isEmpty else { return true }
    return key.withUnsafeBytes { memcmp($0.baseAddress!, base, key.count) == 0 }
  }
}

extension ByteKeyedCache: Sendable where Value: Sendable {}
