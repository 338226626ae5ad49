/// A map from 64-bit keys that are already hashes (LSH band keys) to positive
/// 32-bit counts: open addressing with linear probing in two flat arrays, the
/// slot taken from the key's top bits after one multiply. Lookups cost one
/// multiply and usually one cache line, where `Dictionary` runs SipHash per
/// probe; the shared-bucket index is looked up once per (account, bucket) pair
/// several times over during detection.
///
/// Guarantees: `count(of:)` is exactly the last count stored for the key (0 when
/// none); iteration order is unspecified, but equality, `sortedEntries` and every
/// query depend only on the (key, count) pairs stored; load factor ≤ 1/2.
public struct KeyCountTable: Sendable, Equatable {
  private var keys: [UInt64]
  /// 0 marks an empty slot (counts stored are ≥ 1).
  private var counts: [Int32]
  private var shift: UInt64
  /// Keys stored.
  public private(set) var count = 0

  /// A table sized for `expected` keys without growing.
  public init(expectedCount expected: Int = 0) {
    var slots = 16
    while slots < expected * 2 { slots *= 2 }
    keys = Array(repeating: 0, count: slots)
    counts = Array(repeating: 0, count: slots)
    shift = UInt64(64 - slots.trailingZeroBitCount)
  }

  @inline(__always)
  private func home(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The key's count, 0 when absent.
  @inline(__always)
  public func count(of key: UInt64) -> Int32 {
    let mask = keys.count - 1
    return keys.withUnsafeBufferPointer { keys in
      counts.withUnsafeBufferPointer { counts in
        var slot = home(key)
        while true {
          let stored = counts[slot]
          if stored == 0 { return 0 }
          if keys[slot] == key { return stored }
          slot = (slot + 1) & mask
        }
      }
    }
  }

  public func contains(_ key: UInt64) -> Bool { count(of: key) != 0 }

  /// Slots in the table: `slot(of:)` answers below this.
  public var slotCount: Int { keys.count }

  /// The key's slot, a number in 0..<slotCount that no other stored key has
  /// (it stays the key's while nothing is stored), or nil when absent.
  @inline(__always)
  public func slot(of key: UInt64) -> Int? {
    let mask = keys.count - 1
    return keys.withUnsafeBufferPointer { keys in
      counts.withUnsafeBufferPointer { counts in
        var slot = home(key)
        while true {
          if counts[slot] == 0 { return nil }
          if keys[slot] == key { return slot }
          slot = (slot + 1) & mask
        }
      }
    }
  }

  /// Sets the key's count (`value` ≥ 1), replacing any earlier one.
  public mutating func set(_ key: UInt64, to value: Int32) {
    precondition(value >= 1, "KeyCountTable stores positive counts only")
    if (count + 1) * 2 > keys.count { grow() }
    let mask = keys.count - 1
    var slot = home(key)
    while counts[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
    if counts[slot] == 0 {
      count += 1
      keys[slot] = key
    }
    counts[slot] = value
  }

  /// Adds `value` (≥ 1) to the key's count.
  public mutating func add(_ key: UInt64, _ value: Int32 = 1) {
    set(key, to: count(of: key) + value)
  }

  private mutating func grow() {
    var bigger = KeyCountTable(expectedCount: keys.count)
    for slot in 0..<keys.count where counts[slot] != 0 { bigger.set(keys[slot], to: counts[slot]) }
    self = bigger
  }

  /// Calls `body` with every (key, count) pair, in slot order.
  public func forEach(_ body: (UInt64, Int32) throws -> Void) rethrows {
    for slot in 0..<keys.count where counts[slot] != 0 { try body(keys[slot], counts[slot]) }
  }

  /// Every (key, count) pair, sorted by key.
  public var sortedEntries: [(key: UInt64, count: Int32)] {
    var entries: [(key: UInt64, count: Int32)] = []
    entries.reserveCapacity(count)
    forEach { entries.append(($0, $1)) }
    entries.sort { $0.key < $1.key }
    return entries
  }

  public static func == (a: KeyCountTable, b: KeyCountTable) -> Bool {
    guard a.count == b.count else { return false }
    var equal = true
    a.forEach { key, value in if equal && b.count(of: key) != value { equal = false } }
    return equal
  }
}
