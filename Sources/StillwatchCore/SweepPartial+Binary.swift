/// The binary layout of a `SweepPartial`, used on the wire and in spills.
///
/// Layout: parameters, window, exchanges, quarantine records, then accounts
/// and template examples, every map written in sorted key order so that equal
/// partials encode to equal bytes.
extension SweepPartial {
  /// The layout above; with `sorted` false, maps are written in storage
  /// order instead (cheaper; decodes to an equal partial, but equal partials
  /// may then encode to different bytes — for spills, not for comparisons).
  public func encoded(sorted: Bool = true) -> [UInt8] {
    var w = BinaryWriter(capacity: 4096)
    parameters.encode(into: &w)
    w.writeVarint(windowMillis)
    w.writeVarint(exchanges)
    w.writeCount(quarantine.count)
    for record in quarantine { record.encode(into: &w) }
    w.writeCount(accounts.count)
    for (name, profile) in accounts.entries(sorted: sorted) {
      w.write(name)
      profile.encode(into: &w, sorted: sorted)
    }
    w.writeCount(templateExamples.count)
    for (key, example) in templateExamples.entries(sorted: sorted) {
      w.write(key)
      example.encode(into: &w)
    }
    return w.bytes
  }

  public init(decoding bytes: [UInt8]) throws {
    var r = BinaryReader(bytes)
    let parameters = try SketchParameters(from: &r)
    self.init(parameters: parameters, windowMillis: try r.readSignedVarint())
    _ = try addBody(&r)
  }

  /// Decodes a merged partial (each account once, as the spill reduce writes
  /// them) and reduces it as it reads: equal to
  /// `SweepPartial(decoding:).reduced(buckets:settings:)`, but buckets only
  /// one account used are counted and skipped, never stored, and profiles
  /// are not copied.
  public init(decodingReduced bytes: [UInt8], buckets: BucketIndex, settings: DetectionSettings)
    throws
  {
    var r = BinaryReader(bytes)
    let parameters = try SketchParameters(from: &r)
    self.init(parameters: parameters, windowMillis: try r.readSignedVarint())
    _ = try addBody(&r, reducing: (buckets, settings))
  }

  /// Adds what follows the header (counts, quarantine, accounts, examples) to
  /// this partial; returns how many quarantine records it appended. With
  /// `reducing`, profiles and examples are reduced as they are read (see
  /// `init(decodingReduced:buckets:settings:)`).
  private mutating func addBody(
    _ r: inout BinaryReader, reducing: (buckets: BucketIndex, settings: DetectionSettings)? = nil
  ) throws -> Int {
    exchanges += try r.readInt()
    let quarantineCount = try r.readCount()
    for _ in 0..<quarantineCount { quarantine.append(try QuarantineRecord(from: &r)) }
    for _ in 0..<(try r.readCount()) {
      let name = try r.readString()
      if let index = accounts.index(forKey: name) {
        guard reducing == nil else {
          throw BinaryReader.Malformed(description: "account \(name) twice in a merged partial")
        }
        try accounts.values[index].merge(from: &r)
      } else if let reducing {
        accounts[name] = try AccountProfile(
          reducing: &r, buckets: reducing.buckets, bands: parameters.bands,
          settings: reducing.settings)
      } else {
        accounts[name] = try AccountProfile(from: &r)
      }
    }
    for _ in 0..<(try r.readCount()) {
      let key = try r.readUInt64()
      let example = try ExampleText(from: &r)
      if let reducing, reducing.buckets.accounts(in: key) < 2 { continue }
      templateExamples[key] = ExampleText.merged(templateExamples[key], example)
    }
    guard r.isAtEnd else { throw BinaryReader.Malformed(description: "trailing bytes in partial") }
    return quarantineCount
  }
}

extension SweepPartial {
  /// Merges an encoded partial straight from its bytes: the same result as
  /// `merge(SweepPartial(decoding: bytes))`, without building the other
  /// partial's maps first (a profile seen before is added to in place).
  ///
  /// On malformed bytes it throws with `self` partly merged: for callers that
  /// give up on the whole merge then (the spill reduce), not for ones that
  /// must survive a bad message.
  public mutating func merge(encoded bytes: [UInt8]) throws {
    var r = BinaryReader(bytes)
    let otherParameters = try SketchParameters(from: &r)
    let otherWindow = try r.readSignedVarint()
    guard otherParameters == parameters, otherWindow == windowMillis else {
      throw PartialMismatch(
        expected: parameters, found: otherParameters, expectedWindow: windowMillis,
        foundWindow: otherWindow)
    }
    if try addBody(&r) > 0 { quarantine.sort() }
  }
}

extension SketchParameters {
  func encode(into w: inout BinaryWriter) {
    w.writeVarint(UInt64(version))
    w.writeVarint(permutations)
    w.writeVarint(bands)
    w.writeVarint(rows)
    w.writeVarint(shingleWords)
    w.writeVarint(maxTextBytes)
    w.write(seed)
  }

  init(from r: inout BinaryReader) throws {
    let version = UInt16(truncatingIfNeeded: try r.readVarint())
    let permutations = try r.readInt()
    let bands = try r.readInt()
    let rows = try r.readInt()
    guard permutations > 0, permutations <= 4096, bands > 0, rows > 0,
      bands * rows <= permutations
    else { throw BinaryReader.Malformed(description: "invalid sketch parameters") }
    self.init(
      permutations: permutations, bands: bands, rows: rows, shingleWords: try r.readInt(),
      maxTextBytes: try r.readInt(), seed: try r.readUInt64())
    self.version = version
  }
}

extension ExampleText {
  func encode(into w: inout BinaryWriter) {
    w.write(hash)
    w.write(text)
  }

  init(from r: inout BinaryReader) throws {
    self.init(hash: try r.readUInt64(), text: try r.readString())
  }
}

extension AccountProfile {
  func encode(into w: inout BinaryWriter, sorted: Bool = true) {
    w.writeVarint(exchanges)
    w.writeVarint(elicitationMilliSum)
    w.writeVarint(elicitingExchanges)
    w.writeVarint(thinkingExchanges)
    w.writeVarint(codingExchanges)
    w.writeVarint(agenticExchanges)
    w.writeVarint(toolExchanges)
    w.writeVarint(firstSeen)
    w.writeVarint(lastSeen)
    Self.encodeCounts(orgs, into: &w, sorted: sorted)
    Self.encodeCounts(infrastructure, into: &w, sorted: sorted)
    Self.encodeCounts(models, into: &w, sorted: sorted)
    w.writeCount(modelFirstSeen.count)
    forEachKeyValue(of: modelFirstSeen, count: modelFirstSeen.count, sorted: sorted) {
      key, first in
      w.write(key)
      w.writeVarint(first)
    }
    Self.encodeCounts(activeWindows, into: &w, sorted: sorted)
    w.writeCount(templates.count)
    if sorted {
      for (key, count) in templates.sortedEntries {
        w.write(key)
        w.writeVarint(Int(count))
      }
    } else {
      templates.forEach { key, count in
        w.write(key)
        w.writeVarint(Int(count))
      }
    }
    Self.encodeCounts(systemPrompts, into: &w, sorted: sorted)
    Self.encodeCounts(toolsets, into: &w, sorted: sorted)
    w.write(example != nil)
    example?.encode(into: &w)
    w.writeVarint(unsharedBuckets)
  }

  /// Decodes a profile: the encoded one added to the empty profile (the
  /// identity of `merge`).
  init(from r: inout BinaryReader) throws {
    self.init()
    try merge(from: &r)
  }

  /// Decodes a profile and reduces it as it reads, as
  /// `AccountProfile(from:).reduced(buckets:bands:settings:scratch:)` would: buckets
  /// only this account used are counted, never stored.
  init(
    reducing r: inout BinaryReader, buckets: BucketIndex, bands: Int, settings: DetectionSettings
  ) throws {
    self.init()
    let unshared = try merge(from: &r, keepingOnlyBucketsOf: buckets)
    // Being a candidate depends only on the shared buckets, all kept here and
    // only they: their counts are the shared weight, without looking them up.
    var sharedWeight = 0
    templates.forEach { _, count in sharedWeight += Int(count) }
    finishReduction(
      candidate: isCandidate(sharedWeight: sharedWeight, bands: bands, settings: settings),
      unsharedBuckets: unshared)
  }

  /// Adds an encoded profile (the layout `encode(into:)` writes) to this one,
  /// as `merge(AccountProfile(from:))` would. With `index`, template buckets
  /// that fewer than two accounts use are skipped; returns how many were.
  @discardableResult
  mutating func merge(
    from r: inout BinaryReader, keepingOnlyBucketsOf index: BucketIndex? = nil
  ) throws -> Int {
    exchanges += try r.readInt()
    elicitationMilliSum += try r.readInt()
    elicitingExchanges += try r.readInt()
    thinkingExchanges += try r.readInt()
    codingExchanges += try r.readInt()
    agenticExchanges += try r.readInt()
    toolExchanges += try r.readInt()
    firstSeen = min(firstSeen, try r.readSignedVarint())
    lastSeen = max(lastSeen, try r.readSignedVarint())
    try Self.addCounts(&r, to: &orgs)
    try Self.addCounts(&r, to: &infrastructure)
    try Self.addCounts(&r, to: &models)
    for _ in 0..<(try r.readCount()) {
      let key = try r.readString()
      let first = try r.readSignedVarint()
      modelFirstSeen[key] = min(modelFirstSeen[key] ?? .max, first)
    }
    try Self.addCounts(&r, to: &activeWindows)
    let templateCount = try r.readCount()
    var skipped = 0
    if let index {
      for _ in 0..<templateCount {
        let key = try r.readUInt64()
        let count = try Self.bucketCount(&r)
        if index.accounts(in: key) >= 2 { templates.add(key, count) } else { skipped += 1 }
      }
    } else {
      templates.reserve(templates.count + templateCount)
      for _ in 0..<templateCount {
        let key = try r.readUInt64()
        templates.add(key, try Self.bucketCount(&r))
      }
    }
    try Self.addCounts(&r, to: &systemPrompts)
    try Self.addCounts(&r, to: &toolsets)
    if try r.readBool() { example = ExampleText.merged(example, try ExampleText(from: &r)) }
    unsharedBuckets += try r.readInt()
    return skipped
  }

  /// A template bucket's count, which must be in 1...Int32.max.
  static func bucketCount(_ r: inout BinaryReader) throws -> Int {
    let count = try r.readInt()
    guard count >= 1, count <= Int(Int32.max) else {
      throw BinaryReader.Malformed(description: "invalid bucket count \(count)")
    }
    return count
  }

  /// Adds an encoded count map (`encodeCounts`) to `map`.
  static func addCounts<Map: CountMap>(_ r: inout BinaryReader, to map: inout Map) throws {
    for _ in 0..<(try r.readCount()) {
      let key = try Map.Key(from: &r)
      map[key, default: 0] += try r.readInt()
    }
  }

  /// `varint` n, then n × (key, `svarint` count), by key when `sorted`.
  static func encodeCounts<Map: CountMap>(_ map: Map, into w: inout BinaryWriter, sorted: Bool) {
    w.writeCount(map.count)
    forEachKeyValue(of: map, count: map.count, sorted: sorted) { key, count in
      key.write(into: &w)
      w.writeVarint(count)
    }
  }
}

/// A key of the profile's count maps as the binary layout writes it:
/// `string` for names and infrastructure keys, `u64` for hashes, `svarint`
/// for activity windows.
protocol BinaryMapKey: Hashable, Comparable {
  func write(into w: inout BinaryWriter)
  init(from r: inout BinaryReader) throws
}

extension String: BinaryMapKey {
  func write(into w: inout BinaryWriter) { w.write(self) }
  init(from r: inout BinaryReader) throws { self = try r.readString() }
}

extension UInt64: BinaryMapKey {
  func write(into w: inout BinaryWriter) { w.write(self) }
  init(from r: inout BinaryReader) throws { self = try r.readUInt64() }
}

extension Int64: BinaryMapKey {
  func write(into w: inout BinaryWriter) { w.writeVarint(self) }
  init(from r: inout BinaryReader) throws { self = try r.readSignedVarint() }
}

/// A map from keys to counts, as a profile keeps them (`Dictionary` or
/// `SmallMap`), so one routine encodes and decodes every count map.
protocol CountMap: Sequence where Element == (key: Key, value: Int) {
  associatedtype Key: BinaryMapKey
  var count: Int { get }
  subscript(key: Key, default defaultValue: @autoclosure () -> Int) -> Int { get set }
}

extension Dictionary: CountMap where Key: BinaryMapKey, Value == Int {}
extension SmallMap: CountMap where Key: BinaryMapKey, Value == Int {}

extension Dictionary where Key: Comparable {
  /// The pairs by key when `sorted` (byte-stable encodings), else in storage
  /// order (cheaper, for bytes that are only ever decoded).
  func entries(sorted: Bool) -> [(key: Key, value: Value)] {
    sorted ? self.sorted { $0.key < $1.key } : Array(self)
  }
}

/// Calls `body` with each pair of a map, by key when `sorted` (byte-stable
/// encodings), else in storage order; copies the pairs only to sort two or more.
@inline(__always)
func forEachKeyValue<Map: Sequence, Key: Comparable, Value>(
  of map: Map, count: Int, sorted: Bool, _ body: (Key, Value) -> Void
) where Map.Element == (key: Key, value: Value) {
  if sorted && count > 1 {
    for (key, value) in map.sorted(by: { $0.key < $1.key }) { body(key, value) }
  } else {
    for (key, value) in map { body(key, value) }
  }
}
