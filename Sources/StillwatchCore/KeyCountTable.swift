/// A map from 64-bit keys that are already hashes (LSH band keys) to positive
/// counts: open addressing with linear probing in two flat arrays, the slot
/// taken from the key's top bits after one multiply (the key salted by the
/// table's size first, see `home(_:shift:)`). Lookups and adds cost one
/// multiply and usually one cache line, where `Dictionary` runs SipHash per
/// probe; the shared-bucket index and every account's buckets live in one.
///
/// Guarantees: `count(of:)` is exactly the sum of what was added for the key
/// (0 when none); iteration order is unspecified, but equality,
/// `sortedEntries` and every query depend only on the (key, count) pairs
/// stored; a new empty table allocates nothing; load factor ≤ 1/2 while it is
/// written to, ≤ 7/8 after `compact()`.
public struct KeyCountTable: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  private var keys: [UInt64] = []
  /// 0 marks an empty slot (counts stored are ≥ 1).
  private var counts: [Int32] = []
  private var shift: UInt64 = 64
  /// Keys stored.
  public private(set) var count = 0

  /// A table sized for `expected` keys without growing.
  public init(expectedCount expected: Int = 0) {
    self.init(slots: expected > 0 ? Self.slots(for: expected * 2) : 0)
  }

  /// A table holding `entries` (distinct keys, counts ≥ 1) laid out as
  /// `compact()` would leave it: the fewest slots that keep the load at most
  /// 7/8, for a table that is only read from.
  public init(compact entries: [(key: UInt64, count: Int32)]) {
    self.init(slots: entries.isEmpty ? 0 : Self.compactSlots(for: entries.count))
    guard !entries.isEmpty else { return }
    let mask = keys.count - 1
    let shift = self.shift
    keys.withUnsafeMutableBufferPointer { keys in
      counts.withUnsafeMutableBufferPointer { counts in
        for (key, count) in entries {
          precondition(count >= 1, "KeyCountTable stores positive counts only")
          var slot = Self.home(key, shift: shift)
          while counts[slot] != 0 {
            precondition(keys[slot] != key, "KeyCountTable(compact:) takes distinct keys")
            slot = (slot + 1) & mask
          }
          keys[slot] = key
          counts[slot] = count
        }
      }
    }
    count = entries.count
  }

  /// An empty table of `slots` slots (a power of two, or 0).
  private init(slots: Int) {
    guard slots > 0 else { return }
    keys = Array(repeating: 0, count: slots)
    counts = Array(repeating: 0, count: slots)
    shift = UInt64(64 - slots.trailingZeroBitCount)
  }

  /// The smallest power of two, at least 16, that is ≥ `needed`.
  private static func slots(for needed: Int) -> Int {
    var slots = 16
    while slots < needed { slots *= 2 }
    return slots
  }

  public init(dictionaryLiteral elements: (UInt64, Int)...) {
    self.init(expectedCount: elements.count)
    for (key, value) in elements { add(key, value) }
  }

  public var isEmpty: Bool { count == 0 }

  @inline(__always)
  private func home(_ key: UInt64) -> Int { Self.home(key, shift: shift) }

  /// The slot a key hashes to in a table of 2^(64 - shift) slots. The key is
  /// first mixed with a salt that depends on the table's size, so a table
  /// filled by walking another table of a different size in slot order sees
  /// its keys in scrambled order. Without the salt, every home would rise
  /// monotonically along such a walk and pile the keys into one growing run
  /// at the start of the table, so each insertion probes the whole run (in
  /// the 4M spill reduce, filling reduced profiles' shared-bucket tables this
  /// way was a quarter of the samples).
  @inline(__always)
  private static func home(_ key: UInt64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: ((key ^ (shift &* saltMultiplier)) &* multiplier) >> shift)
  }

  /// 2^64 / golden ratio: spreads keys that differ only in high or low bits.
  private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
  /// An odd constant that turns the table's shift into its salt.
  private static let saltMultiplier: UInt64 = 0xD6E8_FEB8_6659_FD93

  /// The key's count, 0 when absent.
  @inline(__always)
  public func count(of key: UInt64) -> Int32 {
    guard let slot = slot(of: key) else { return 0 }
    return counts[slot]
  }

  public func contains(_ key: UInt64) -> Bool { slot(of: key) != nil }

  /// Slots in the table: `slot(of:)` answers below this.
  public var slotCount: Int { keys.count }

  /// The key's slot, a number in 0..<slotCount that no other stored key has
  /// (it stays the key's while nothing is stored), or nil when absent.
  @inline(__always)
  public func slot(of key: UInt64) -> Int? {
    guard count > 0 else { return nil }
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
    let slot = findOrInsert(key)
    counts[slot] = value
  }

  /// Adds `value` (≥ 1) to the key's count (saturating at `Int32.max`).
  @inline(__always)
  public mutating func add(_ key: UInt64, _ value: Int = 1) {
    precondition(value >= 1, "KeyCountTable stores positive counts only")
    let slot = findOrInsert(key)
    counts[slot] = Int32(clamping: Int(counts[slot]) + value)  // saturates, never wraps to 0
  }

  /// Adds every count of `other`.
  public mutating func merge(_ other: KeyCountTable) {
    guard !other.isEmpty else { return }
    if isEmpty {
      self = other
      return
    }
    reserve(count + other.count)
    count += Self.addAll(
      other, into: &keys, &counts, mask: keys.count - 1, shift: shift)
  }

  /// Adds every pair of `source` into the slot arrays (which have room);
  /// returns how many keys were new.
  private static func addAll(
    _ source: KeyCountTable, into keys: inout [UInt64], _ counts: inout [Int32], mask: Int,
    shift: UInt64
  ) -> Int {
    var added = 0
    keys.withUnsafeMutableBufferPointer { keys in
      counts.withUnsafeMutableBufferPointer { counts in
        source.keys.withUnsafeBufferPointer { sourceKeys in
          source.counts.withUnsafeBufferPointer { sourceCounts in
            for index in 0..<sourceKeys.count where sourceCounts[index] != 0 {
              let key = sourceKeys[index]
              var slot = home(key, shift: shift)
              while counts[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
              if counts[slot] == 0 {
                keys[slot] = key
                counts[slot] = sourceCounts[index]
                added += 1
              } else {
                counts[slot] = Int32(clamping: Int(counts[slot]) + Int(sourceCounts[index]))
              }
            }
          }
        }
      }
    }
    return added
  }

  /// Removes every key; with `keepingCapacity`, the slots stay allocated
  /// (and are cleared), else the table lets its storage go.
  public mutating func removeAll(keepingCapacity: Bool = false) {
    guard keepingCapacity, !keys.isEmpty else {
      self = KeyCountTable()
      return
    }
    if count > 0 {
      counts.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      count = 0
    }
  }

  /// Re-lays the table in the fewest slots that keep its load at most 7/8,
  /// for a table that is only read from now on (the reduced profiles that
  /// detection iterates): about half the memory of a table at load 1/2.
  /// Lookups stay correct (longer probes); the next insertion grows it back.
  public mutating func compact() {
    let slots = Self.compactSlots(for: count)
    guard count > 0, slots < keys.count else { return }
    relay(into: slots)
  }

  /// The fewest slots that hold `count` keys at a load of at most 7/8.
  private static func compactSlots(for count: Int) -> Int { slots(for: (count * 8 + 6) / 7) }

  /// Room for `total` keys without growing.
  public mutating func reserve(_ total: Int) {
    if total * 2 > keys.count { rehash(into: total) }
  }

  /// The key's slot, claimed (count 0) if the key was absent.
  @inline(__always)
  private mutating func findOrInsert(_ key: UInt64) -> Int {
    if (count + 1) * 2 > keys.count { rehash(into: count + 1) }
    let mask = keys.count - 1
    var slot = home(key)
    while counts[slot] != 0 {
      if keys[slot] == key { return slot }
      slot = (slot + 1) & mask
    }
    count += 1
    keys[slot] = key
    return slot
  }

  private mutating func rehash(into total: Int) {
    relay(into: Self.slots(for: Swift.max(total, count * 2) * 2))
  }

  /// The same pairs laid out in `slots` slots.
  private mutating func relay(into slots: Int) {
    var fresh = KeyCountTable(slots: slots)
    fresh.count = Self.addAll(
      self, into: &fresh.keys, &fresh.counts, mask: slots - 1, shift: fresh.shift)
    self = fresh
  }

  /// The most slots any stored key sits past its home: the worst lookup's
  /// extra probes (0 for an empty table).
  var longestProbe: Int {
    let mask = keys.count - 1
    var longest = 0
    for slot in 0..<keys.count where counts[slot] != 0 {
      longest = Swift.max(longest, (slot - home(keys[slot])) & mask)
    }
    return longest
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

  public struct Iterator: IteratorProtocol {
    let keys: [UInt64]
    let counts: [Int32]
    var slot = 0

    public mutating func next() -> (key: UInt64, value: Int)? {
      while slot < keys.count {
        defer { slot += 1 }
        if counts[slot] != 0 { return (keys[slot], Int(counts[slot])) }
      }
      return nil
    }
  }

  /// (key, count) pairs in slot order.
  public func makeIterator() -> Iterator { Iterator(keys: keys, counts: counts) }

  public var underestimatedCount: Int { count }

  public static func == (a: KeyCountTable, b: KeyCountTable) -> Bool {
    guard a.count == b.count else { return false }
    var equal = true
    a.forEach { key, value in if equal && b.count(of: key) != value { equal = false } }
    return equal
  }
}
