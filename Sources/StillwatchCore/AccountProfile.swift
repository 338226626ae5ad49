/// Everything the sweep aggregates about one account: volumes, behaviour
/// counts, infrastructure keys, activity windows and template buckets.
///
/// Guarantees: a commutative monoid under `merge` with `AccountProfile()` as
/// identity; all counters are integers, so merging in any order gives
/// bit-identical results.
public struct AccountProfile: Sendable, Equatable {
  public var exchanges = 0
  public var firstSeen = Int64.max
  public var lastSeen = Int64.min
  public var orgs: SmallMap<String, Int> = [:]
  public var elicitationMilliSum = 0
  public var elicitingExchanges = 0
  public var thinkingExchanges = 0
  public var codingExchanges = 0
  public var agenticExchanges = 0
  public var toolExchanges = 0
  public var infrastructure: [String: Int] = [:]
  /// Activity window index (timestamp / window length) → exchanges.
  public var activeWindows: [Int64: Int] = [:]
  /// LSH band key → exchanges that fell in that bucket.
  public var templates = KeyCountTable()
  public var models: SmallMap<String, Int> = [:]
  /// Model → the account's first request for it (for shared pivots to a new model).
  public var modelFirstSeen: SmallMap<String, Int64> = [:]
  public var systemPrompts: SmallMap<UInt64, Int> = [:]
  public var toolsets: SmallMap<UInt64, Int> = [:]
  public var example: ExampleText?
  /// Distinct buckets only this account used, dropped by `reduced` (they count
  /// towards repetition, never towards links).
  public var unsharedBuckets = 0

  public init() {}

  /// Adds one exchange; `windowMillis` is the activity window length.
  public mutating func add(_ f: ExchangeFeatures, windowMillis: Int64) {
    exchanges += 1
    firstSeen = min(firstSeen, f.timestampMillis)
    lastSeen = max(lastSeen, f.timestampMillis)
    if let org = f.org, !org.isEmpty { orgs[org, default: 0] += 1 }
    elicitationMilliSum += f.elicitationMilli
    if f.elicitationMilli >= 500 { elicitingExchanges += 1 }
    if f.requestsThinking { thinkingExchanges += 1 }
    if f.isCoding { codingExchanges += 1 }
    if f.isAgentic { agenticExchanges += 1 }
    if f.definesTools { toolExchanges += 1 }
    // A new profile's maps are sized for the first exchange's keys at once.
    if infrastructure.isEmpty { infrastructure.reserveCapacity(f.infrastructureKeys.count) }
    for key in f.infrastructureKeys { infrastructure[key, default: 0] += 1 }
    activeWindows[floorDivide(f.timestampMillis, windowMillis), default: 0] += 1
    if templates.slotCount == 0 { templates = KeyCountTable(expectedCount: f.bandKeys.count) }
    for key in f.bandKeys { templates.add(key) }
    if let model = f.model {
      models[model, default: 0] += 1
      modelFirstSeen[model] = min(modelFirstSeen[model] ?? .max, f.timestampMillis)
    }
    if let system = f.systemPromptHash { systemPrompts[system, default: 0] += 1 }
    if let tools = f.toolsetHash { toolsets[tools, default: 0] += 1 }
    if let text = f.example {
      example = ExampleText.merged(example, ExampleText(hash: f.textHash, text: text))
    }
  }

  /// Makes this profile equal to `AccountProfile()` for reuse by another
  /// account, keeping the storage of its maps while they are small: a worker
  /// hands a task's profiles to the next task's new accounts instead of
  /// making maps for each (`SweepPartial.add(_:reusing:)`). Larger maps give
  /// their storage up, so that walking a reused profile's maps stays short.
  public mutating func reset() {
    // Every field back to its default, whatever fields there are; the maps
    // taken out first and put back emptied (uniquely held by then, so
    // emptying them keeps their storage rather than copying it). Of the
    // small maps only the models' are kept: most accounts use two or more
    // models, while an emptied map whose next owner has one key would hash
    // where an inline entry does not.
    var infrastructure = self.infrastructure
    var activeWindows = self.activeWindows
    var templates = self.templates
    var models = self.models
    var modelFirstSeen = self.modelFirstSeen
    self = AccountProfile()
    infrastructure.removeAll(keepingCapacity: infrastructure.capacity <= Self.keptEntries)
    activeWindows.removeAll(keepingCapacity: activeWindows.capacity <= Self.keptEntries)
    templates.removeAll(keepingCapacity: templates.slotCount <= Self.keptSlots)
    models.removeAll(keepingCapacity: models.count <= Self.keptEntries)
    modelFirstSeen.removeAll(keepingCapacity: modelFirstSeen.count <= Self.keptEntries)
    self.infrastructure = infrastructure
    self.activeWindows = activeWindows
    self.templates = templates
    self.models = models
    self.modelFirstSeen = modelFirstSeen
  }

  /// The largest maps (`Dictionary` capacity) and bucket tables (slots)
  /// `reset` keeps the storage of.
  static let keptEntries = 48
  static let keptSlots = 512

  public mutating func merge(_ other: AccountProfile) {
    exchanges += other.exchanges
    firstSeen = min(firstSeen, other.firstSeen)
    lastSeen = max(lastSeen, other.lastSeen)
    Self.add(other.orgs, to: &orgs)
    elicitationMilliSum += other.elicitationMilliSum
    elicitingExchanges += other.elicitingExchanges
    thinkingExchanges += other.thinkingExchanges
    codingExchanges += other.codingExchanges
    agenticExchanges += other.agenticExchanges
    toolExchanges += other.toolExchanges
    Self.add(other.infrastructure, to: &infrastructure)
    Self.add(other.activeWindows, to: &activeWindows)
    templates.merge(other.templates)
    Self.add(other.models, to: &models)
    modelFirstSeen.merge(other.modelFirstSeen, uniquingKeysWith: min)
    Self.add(other.systemPrompts, to: &systemPrompts)
    Self.add(other.toolsets, to: &toolsets)
    example = ExampleText.merged(example, other.example)
    unsharedBuckets += other.unsharedBuckets
  }

  /// Adds counts; an empty side costs nothing (the other's storage is shared).
  @inline(__always)
  static func add<Key: Hashable>(_ counts: [Key: Int], to total: inout [Key: Int]) {
    if counts.isEmpty { return }
    if total.isEmpty {
      total = counts
    } else {
      total.merge(counts, uniquingKeysWith: +)
    }
  }

  /// Adds counts (a map's one inline entry is added without hashing).
  @inline(__always)
  static func add<Key: Hashable>(_ counts: SmallMap<Key, Int>, to total: inout SmallMap<Key, Int>) {
    total.merge(counts, uniquingKeysWith: +)
  }

  /// The account's organisation: the most used one, ties broken by name.
  public var primaryOrg: String? {
    orgs.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
  }
}

@inline(__always)
func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
