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
/// Keys of up to `keyStride` bytes are kept in one flat array, so storing
/// one allocates nothing; a longer key gets an array of its own.
///
/// Guarantees: the value returned for given bytes is the one `make` gave for
/// them, so a pure `make` makes the cache invisible in results; at most
/// `slots` entries are kept.
struct ByteKeyedCache<Value> {
  /// Slot hashes; 0 marks an empty slot (a hash of 0 is stored as 1).
  private var hashes: [UInt64] = []
  /// Slot i's key, when it fits, at `i * keyStride`.
  private var keyBytes: [UInt8] = []
  private var keyLengths: [Int32] = []
  /// Keys longer than `keyStride`, by slot; made at the first such key.
  private var longKeys: [[UInt8]] = []
  private var values: [Value?] = []
  let slots: Int
  let keyStride: Int

  /// `slots` is rounded up to a power of two; storage is made on first use.
  init(slots: Int = 1 << 12, keyStride: Int = 32) {
    var size = 1
    while size < slots { size *= 2 }
    self.slots = size
    self.keyStride = max(1, keyStride)
  }

  mutating func value(
    for bytes: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value
  ) -> Value {
    let hash = max(1, StableHash.hash(bytes))
    if hashes.isEmpty {
      hashes = Array(repeating: 0, count: slots)
      keyBytes = Array(repeating: 0, count: slots * keyStride)
      keyLengths = Array(repeating: 0, count: slots)
      values = Array(repeating: nil, count: slots)
    }
    let index = Int(truncatingIfNeeded: hash >> 32) & (slots - 1)
    if hashes[index] == hash, holds(bytes, at: index), let value = values[index] {
      return value
    }
    let value = make(bytes)
    hashes[index] = hash
    store(bytes, at: index)
    values[index] = value
    return value
  }

  /// Whether slot `index` holds exactly `bytes` as its key.
  private func holds(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
    guard keyLengths[index] == Int32(truncatingIfNeeded: bytes.count) else { return false }
    guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
    if bytes.count > keyStride {
      return longKeys[index].withUnsafeBytes { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }
    return keyBytes.withUnsafeBytes {
      memcmp($0.baseAddress! + index * keyStride, base, bytes.count) == 0
    }
  }

  private mutating func store(_ bytes: UnsafeRawBufferPointer, at index: Int) {
    keyLengths[index] = Int32(truncatingIfNeeded: bytes.count)
    if bytes.count > keyStride {
      if longKeys.isEmpty { longKeys = Array(repeating: [], count: slots) }
      longKeys[index] = Array(bytes)
      return
    }
    if !longKeys.isEmpty { longKeys[index] = [] }
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    let stride = keyStride
    keyBytes.withUnsafeMutableBytes {
      ($0.baseAddress! + index * stride).copyMemory(from: base, byteCount: bytes.count)
    }
  }

  /// Entries held.
  var count: Int { hashes.count(where: { $0 != 0 }) }
}

extension ByteKeyedCache: Sendable where Value: Sendable {}
