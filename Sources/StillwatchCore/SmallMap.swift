/// A map that keeps its only entry inline and becomes a `Dictionary` at its
/// second key. An account profile holds several maps that almost always have
/// one entry (its organisation, its model, its system prompt, its toolset);
/// inline, such a map costs no allocation and no hashing, and a sweep makes
/// one profile per account per task, then decodes and merges them again.
///
/// Guarantees: the entries are those a `Dictionary` given the same writes
/// would hold, whatever the storage (keys are removed only all at once, by
/// `removeAll`); equality compares entries, never storage; iteration order is
/// unspecified (the dictionary's once there are two or more entries).
public struct SmallMap<Key: Hashable, Value>: Sequence, ExpressibleByDictionaryLiteral {
  public typealias Element = (key: Key, value: Value)

  enum Storage {
    case empty
    case one(Key, Value)
    case many([Key: Value])
  }

  var storage: Storage = .empty

  public init() {}

  public init(dictionaryLiteral elements: (Key, Value)...) {
    for (key, value) in elements { set(key, value) }
  }

  public var count: Int {
    switch storage {
    case .empty: 0
    case .one: 1
    case .many(let entries): entries.count
    }
  }

  public var isEmpty: Bool {
    switch storage {
    case .empty: true
    case .one: false
    case .many(let entries): entries.isEmpty
    }
  }

  /// Removes every entry. With `keepingCapacity`, a map that had become a
  /// `Dictionary` keeps that storage, emptied, so a reused map that gets two
  /// keys again allocates nothing.
  public mutating func removeAll(keepingCapacity: Bool) {
    guard keepingCapacity, case .many(var entries) = storage else {
      storage = .empty
      return
    }
    storage = .empty
    entries.removeAll(keepingCapacity: true)
    storage = .many(entries)
  }

  /// The key's value; setting nil is not supported (keys are never removed).
  public subscript(key: Key) -> Value? {
    get {
      switch storage {
      case .empty: return nil
      case .one(let only, let value): return only == key ? value : nil
      case .many(let entries): return entries[key]
      }
    }
    set {
      guard let newValue else { preconditionFailure("SmallMap keys are never removed") }
      set(key, newValue)
    }
  }

  public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
    get { self[key] ?? defaultValue() }
    // A plain setter, not a `_modify` coroutine: a coroutine frame this size
    // would be allocated on the heap at every call.
    set { set(key, newValue) }
  }

  mutating func set(_ key: Key, _ value: Value) {
    switch storage {
    case .empty:
      storage = .one(key, value)
    case .one(let only, let old):
      storage = only == key ? .one(only, value) : .many([only: old, key: value])
    case .many(var entries):
      storage = .empty
      entries[key] = value
      storage = .many(entries)
    }
  }

  /// Adds `other`'s entries, combining the values of keys both hold with
  /// `combine(mine, theirs)`, as `Dictionary.merge(_:uniquingKeysWith:)`.
  public mutating func merge(
    _ other: SmallMap, uniquingKeysWith combine: (Value, Value) -> Value
  ) {
    switch (storage, other.storage) {
    case (_, .empty):
      return
    case (.empty, _):
      storage = other.storage
    case (_, .one(let key, let value)):
      set(key, self[key].map { combine($0, value) } ?? value)
    case (.one(let key, let mine), .many(var entries)):
      entries[key] = entries[key].map { combine(mine, $0) } ?? mine
      storage = .many(entries)
    case (.many(var entries), .many(let theirs)):
      storage = .empty
      entries.merge(theirs, uniquingKeysWith: combine)
      storage = .many(entries)
    }
  }

  public struct Iterator: IteratorProtocol {
    var only: Element?
    var entries: [Key: Value].Iterator?

    public mutating func next() -> Element? {
      if let element = only {
        only = nil
        return element
      }
      return entries?.next()
    }
  }

  public func makeIterator() -> Iterator {
    switch storage {
    case .empty: Iterator(only: nil, entries: nil)
    case .one(let key, let value): Iterator(only: (key, value), entries: nil)
    case .many(let entries): Iterator(only: nil, entries: entries.makeIterator())
    }
  }
}

extension SmallMap: Equatable where Value: Equatable {
  public static func == (a: SmallMap, b: SmallMap) -> Bool {
    guard a.count == b.count else { return false }
    return a.allSatisfy { b[$0.key] == $0.value }
  }
}

extension SmallMap: Sendable where Key: Sendable, Value: Sendable {}
extension SmallMap.Storage: Sendable where Key: Sendable, Value: Sendable {}
