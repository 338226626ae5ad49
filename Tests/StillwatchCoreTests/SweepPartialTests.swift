import XCTest

@testable import StillwatchCore

final class SweepPartialTests: XCTestCase {
  func randomExchanges(count: Int, seed: UInt64) -> [Exchange] {
    var rng = TestRandom(seed: seed)
    let words = ["alpha", "beta", "gamma", "delta", "step", "by", "reason", "tool", "code", "why"]
    return (0..<count).map { index in
      let n = 3 + Int(rng.next() % 12)
      let text = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(
        separator: " ")
      return Exchange(
        id: "e\(index)", timestampMillis: 1_770_000_000_000 + Int64(rng.next() % 600_000_000),
        account: "acct-\(rng.next() % 40)",
        org: rng.next() % 3 == 0 ? "org-\(rng.next() % 4)" : nil,
        ip: "10.0.\(rng.next() % 5).\(rng.next() % 250)", asn: Int64(rng.next() % 3),
        paymentFingerprint: "pay-\(rng.next() % 10)", model: "m\(rng.next() % 2)",
        messages: [Message(role: "user", text: text)],
        thinkingBudget: rng.next() % 4 == 0 ? 16_000 : nil)
    }
  }

  func analyse(_ exchanges: ArraySlice<Exchange>) -> SweepPartial {
    var extractor = FeatureExtractor(exampleSampling: 2)
    var partial = SweepPartial(parameters: .standard, windowMillis: 600_000)
    for exchange in exchanges { partial.add(extractor.features(of: exchange)) }
    return partial
  }

  /// The exchanges cut at `cuts` random places, each piece analysed alone.
  func randomParts(_ exchanges: [Exchange], cuts: Int, rng: inout TestRandom) -> [SweepPartial] {
    let bounds =
      ((0..<cuts).map { _ in Int(rng.next() % UInt64(exchanges.count)) }
      + [0, exchanges.count]).sorted()
    return (0..<(bounds.count - 1)).map { analyse(exchanges[bounds[$0]..<bounds[$0 + 1]]) }
  }

  func testMergeOfAnySplitInAnyOrderEqualsTheWhole() throws {
    let exchanges = randomExchanges(count: 600, seed: 3)
    let whole = analyse(exchanges[...])
    var rng = TestRandom(seed: 99)
    for _ in 0..<5 {
      var parts = randomParts(exchanges, cuts: 6, rng: &rng)
      parts.shuffle(using: &rng)
      var merged = SweepPartial.empty(.standard, windowMillis: 600_000)
      for part in parts { try merged.merge(part) }
      XCTAssertEqual(merged, whole)
      XCTAssertEqual(merged.encoded(), whole.encoded())
    }
  }

  /// Merging straight from the bytes equals decoding, then merging, for any
  /// split in any order (profiles seen before and new ones alike).
  func testMergeFromBytesEqualsMergeOfTheDecodedPartial() throws {
    let exchanges = randomExchanges(count: 600, seed: 8)
    var rng = TestRandom(seed: 4)
    for _ in 0..<4 {
      var parts = randomParts(exchanges, cuts: 5, rng: &rng)
      let record = QuarantineRecord(file: "b.jsonl", offset: 9, reason: "invalid JSON")
      parts[0].add(record)
      parts.shuffle(using: &rng)
      var decoded = SweepPartial.empty(.standard, windowMillis: 600_000)
      var fromBytes = SweepPartial.empty(.standard, windowMillis: 600_000)
      for part in parts {
        try decoded.merge(SweepPartial(decoding: part.encoded()))
        try fromBytes.merge(encoded: part.encoded())
      }
      XCTAssertTrue(fromBytes == decoded)
      XCTAssertEqual(fromBytes.encoded(), decoded.encoded())
      XCTAssertTrue(fromBytes == analyse(exchanges[...]).adding([record]))
    }
    var a = SweepPartial.empty(.standard, windowMillis: 600_000)
    let other = SweepPartial.empty(.standard, windowMillis: 60_000)
    XCTAssertThrowsError(try a.merge(encoded: other.encoded()))
    let bytes = analyse(exchanges[..<50]).encoded()
    XCTAssertThrowsError(try a.merge(encoded: Array(bytes.prefix(bytes.count - 1))))
  }

  /// Pieces encoded straight from the partial are the split's pieces: byte
  /// for byte when sorted, decoding to the same pieces when not.
  func testEncodedPiecesAreTheSplitPieces() throws {
    var partial = analyse(randomExchanges(count: 400, seed: 12)[...])
    partial.add(QuarantineRecord(file: "a.jsonl", offset: 3, reason: "invalid JSON"))
    for partitions in [1, 3, 8, 64] {
      let split = partial.split(into: partitions)
      let sorted = partial.encodedPieces(into: partitions)
      let unsorted = partial.encodedPieces(into: partitions, sorted: false)
      XCTAssertEqual(sorted.count, partitions)
      var accounts = 0
      for (p, piece) in split.enumerated() {
        let empty = piece.accounts.isEmpty && piece.templateExamples.isEmpty
        XCTAssertEqual(sorted[p], empty ? [] : piece.encoded(), "partition \(p) of \(partitions)")
        XCTAssertEqual(unsorted[p].isEmpty, empty)
        if !empty { XCTAssertTrue(try SweepPartial(decoding: unsorted[p]) == piece) }
        accounts += piece.accounts.count
      }
      XCTAssertEqual(accounts, partial.accounts.count)
    }
    XCTAssertTrue(try SweepPartial(decoding: partial.encoded(sorted: false)) == partial)
  }

  /// Decoding a merged partial while reducing it equals decoding it whole
  /// and then reducing, for accounts that stay candidates and ones that do
  /// not; an account twice in the bytes (not a merged partial) is refused.
  func testDecodingReducedEqualsReducingTheDecodedPartial() throws {
    // A few accounts send templated requests and some random ones.
    var exchanges = randomExchanges(count: 1_200, seed: 12)
    for index in stride(from: 0, to: exchanges.count, by: 3) {
      exchanges[index].account = "templated-\(index % 7)"
      exchanges[index].messages = [
        Message(role: "user", text: "Show every step of your reasoning for problem \(index % 9)")
      ]
      exchanges[index + 1].account = "templated-\(index % 7)"
    }
    var partial = analyse(exchanges[...])
    partial.add(QuarantineRecord(file: "a.jsonl", offset: 3, reason: "invalid JSON"))
    let buckets = BucketIndex(accounts: Array(partial.accounts.values))
    let settings = DetectionSettings.standard
    let expected = partial.reduced(buckets: buckets, settings: settings)
    let candidates = expected.accounts.values.filter { !$0.templates.isEmpty }.count
    XCTAssertGreaterThan(candidates, 0)
    XCTAssertLessThan(candidates, expected.accounts.count)
    XCTAssertGreaterThan(expected.accounts.values.reduce(0) { $0 + $1.unsharedBuckets }, 0)
    for sorted in [true, false] {
      let decoded = try SweepPartial(
        decodingReduced: partial.encoded(sorted: sorted), buckets: buckets, settings: settings)
      XCTAssertTrue(decoded == expected)
    }
    var twice = BinaryWriter(capacity: 64)
    partial.parameters.encode(into: &twice)
    twice.writeVarint(partial.windowMillis)
    twice.writeVarint(0)
    twice.writeCount(0)
    twice.writeCount(2)
    for _ in 0..<2 {
      twice.write("acct-1")
      partial.accounts["acct-1"]!.encode(into: &twice)
    }
    twice.writeCount(0)
    XCTAssertNoThrow(try SweepPartial(decoding: twice.bytes))
    XCTAssertThrowsError(
      try SweepPartial(decodingReduced: twice.bytes, buckets: buckets, settings: settings))
  }

  /// A partial filled with profiles taken from a recycled partial is the
  /// partial a new one gives, task after task, whatever the profiles held
  /// before (`reset` forgets every field); profiles are reused, not made.
  func testRecycledProfilesGiveTheSamePartials() throws {
    let exchanges = randomExchanges(count: 900, seed: 21)
    var rng = TestRandom(seed: 5)
    let bounds =
      ((0..<8).map { _ in Int(rng.next() % UInt64(exchanges.count)) } + [0, exchanges.count])
      .sorted()
    var extractor = FeatureExtractor(exampleSampling: 2)
    // Every counter and map of a profile in use, so `reset` must clear each.
    let features = exchanges.map { exchange in
      var f = extractor.features(of: exchange)
      f.isCoding = rng.next() % 2 == 0
      f.isAgentic = rng.next() % 3 == 0
      f.definesTools = rng.next() % 4 == 0
      f.systemPromptHash = rng.next() % 2 == 0 ? rng.next() % 3 : nil
      f.toolsetHash = rng.next() % 2 == 0 ? rng.next() % 3 : nil
      return f
    }
    var spares: [AccountProfile] = []
    var reused = SweepPartial(parameters: .standard, windowMillis: 600_000)
    for part in 0..<(bounds.count - 1) {
      let slice = features[bounds[part]..<bounds[part + 1]]
      var fresh = SweepPartial(parameters: .standard, windowMillis: 600_000)
      let sparesBefore = spares.count
      for f in slice {
        fresh.add(f)
        reused.add(f, reusing: &spares)
      }
      XCTAssertTrue(reused == fresh, "part \(part)")
      XCTAssertTrue(reused.encoded() == fresh.encoded(), "part \(part)")
      // Every new account took a spare while there were any.
      XCTAssertEqual(spares.count, max(0, sparesBefore - fresh.accounts.count), "part \(part)")
      reused.recycle(into: &spares)
      XCTAssertTrue(reused == SweepPartial(parameters: .standard, windowMillis: 600_000))
      XCTAssertEqual(spares.count, max(sparesBefore, fresh.accounts.count), "part \(part)")
    }
  }

  /// `reset` gives a profile equal to a new one; small maps keep their
  /// storage, large ones let it go.
  func testResetProfileEqualsANewOneAndKeepsOnlySmallStorage() {
    var extractor = FeatureExtractor(exampleSampling: 1)
    var small = AccountProfile()
    var large = AccountProfile()
    for (index, exchange) in randomExchanges(count: 400, seed: 2).enumerated() {
      var e = exchange
      e.ip = "10.1.\(index / 250).\(index % 250)"  // a new IP each time
      e.model = index % 2 == 0 ? "model-a" : "model-b"  // two models: a dictionary
      let f = extractor.features(of: e)
      if index < 3 { small.add(f, windowMillis: 600_000) }
      large.add(f, windowMillis: 600_000)
    }
    XCTAssertGreaterThan(large.infrastructure.count, AccountProfile.keptEntries)
    XCTAssertGreaterThan(large.templates.slotCount, AccountProfile.keptSlots)
    small.reset()
    large.reset()
    XCTAssertEqual(small, AccountProfile())
    XCTAssertEqual(large, AccountProfile())
    XCTAssertNil(small.example)
    XCTAssertGreaterThan(small.infrastructure.capacity, 0)
    XCTAssertGreaterThan(small.templates.slotCount, 0)
    XCTAssertEqual(large.infrastructure.capacity, 0)
    XCTAssertEqual(large.templates.slotCount, 0)
    // The models' map had become a dictionary; it stays one, emptied.
    guard case .many(let models) = small.models.storage else {
      return XCTFail("the models' storage was not kept")
    }
    XCTAssertTrue(models.isEmpty)
    XCTAssertGreaterThan(models.capacity, 0)
  }

  func testBinaryRoundTrip() throws {
    var partial = analyse(randomExchanges(count: 200, seed: 5)[...])
    partial.add(QuarantineRecord(file: "a.jsonl", offset: 17, reason: "invalid JSON"))
    let decoded = try SweepPartial(decoding: partial.encoded())
    XCTAssertEqual(decoded, partial)
  }

  func testTruncatedEncodingThrows() {
    let bytes = analyse(randomExchanges(count: 20, seed: 5)[...]).encoded()
    for cut in [0, 1, bytes.count / 2, bytes.count - 1] {
      XCTAssertThrowsError(try SweepPartial(decoding: Array(bytes.prefix(cut))))
    }
  }

  func testMismatchedParametersRefuseToMerge() {
    var a = SweepPartial.empty(.standard, windowMillis: 600_000)
    let b = SweepPartial.empty(
      SketchParameters(permutations: 32, bands: 8, rows: 4), windowMillis: 600_000)
    XCTAssertThrowsError(try a.merge(b))
  }
}

extension SweepPartial {
  /// This partial with `records` added to its quarantine.
  fileprivate func adding(_ records: [QuarantineRecord]) -> SweepPartial {
    var copy = self
    for record in records { copy.add(record) }
    return copy
  }
}
