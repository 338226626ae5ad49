import Foundation
import StillwatchCompression
import StillwatchCore
import XCTest

@testable import StillwatchIngest

final class IngestQuarantineTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sw-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func goodLine(_ i: Int) -> String {
    #"{"id":"e\#(i)","ts":"2026-02-03T04:05:06.789Z","account":"a\#(i % 5)","prompt":"hello number \#(i) with some words"}"#
  }

  /// Reads a file through the chunk reader and analyser, as a worker would.
  func analyse(_ path: String, chunkBytes: Int = 256) throws -> SweepPartial {
    let reader = try ChunkReader(path: path, fileIndex: 0, chunkBytes: chunkBytes)
    var analyzer = ChunkAnalyzer(
      parser: ExchangeParser(), extractor: FeatureExtractor(), windowMillis: 600_000)
    var total = SweepPartial(parameters: .standard, windowMillis: 600_000)
    while let event = try reader.next() {
      switch event {
      case .chunk(let chunk): try total.merge(analyzer.analyse(chunk, fileName: path))
      case .damage(let record): total.add(record)
      }
    }
    return total
  }

  func testMalformedLinesAndWrongTypesAreQuarantinedWithReasonsAndOffsets() throws {
    let lines = [
      goodLine(0),
      "{not json",
      "[1, 2, 3]",
      #"{"ts":1770000000000,"account":"a","prompt":"x"}"#,
      #"{"id":7,"ts":1770000000000,"account":"a","prompt":"x"}"#,
      #"{"id":"e","ts":"yesterday","account":"a","prompt":"x"}"#,
      #"{"id":"e","ts":1770000000000,"account":["a"],"prompt":"x"}"#,
      #"{"id":"e","ts":true,"account":"a","prompt":"x"}"#,
      "",
      goodLine(1),
      #"{"id":"e2","ts":1770000000000,"account":"b","asn":"not a number","prompt":"x"}"#,
    ]
    let text = lines.joined(separator: "\n") + "\n"
    let path = directory.appendingPathComponent("bad.jsonl").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let partial = try analyse(path, chunkBytes: 64)
    XCTAssertEqual(partial.exchanges, 3)
    XCTAssertEqual(partial.quarantined, 8)
    XCTAssertEqual(partial.exchanges + partial.quarantined, lines.count)
    let reasons = partial.quarantine.sorted().map(\.reason)
    XCTAssertEqual(
      reasons,
      [
        "invalid JSON", "not a JSON object", "missing required field id",
        "field id must be a non-empty string",
        "field ts must be an RFC 3339 string or integer epoch milliseconds",
        "field account must be a non-empty string",
        "field ts must be an RFC 3339 string or integer epoch milliseconds", "empty line",
      ])
    var offset = 0
    var expectedOffsets: [Int64] = []
    for (index, line) in lines.enumerated() {
      if ![0, 9, 10].contains(index) { expectedOffsets.append(Int64(offset)) }
      offset += line.utf8.count + 1
    }
    XCTAssertEqual(partial.quarantine.sorted().map(\.offset), expectedOffsets)
  }

  func writeCompressed(_ lines: Int, format: CompressionFormat, name: String) throws -> (
    String, [UInt8]
  ) {
    let path = directory.appendingPathComponent(name).path
    let writer = try CompressedFileWriter(path: path, format: format)
    for i in 0..<lines { try writer.write(goodLine(i) + "\n") }
    try writer.close()
    return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  func testTruncatedLZ4AndGzipKeepEveryWholeLineAndQuarantineTheCut() throws {
    for (format, name, reason) in [
      (CompressionFormat.lz4, "t.jsonl.lz4", "truncated lz4"),
      (.gzip, "t.jsonl.gz", "truncated gzip"),
      (.zstd, "t.jsonl.zst", "truncated zstd"),
    ] {
      let (path, bytes) = try writeCompressed(5000, format: format, name: name)
      let whole = try analyse(path, chunkBytes: 4096)
      XCTAssertEqual(whole.exchanges, 5000)
      XCTAssertEqual(whole.quarantined, 0)
      try Data(bytes.prefix(bytes.count * 2 / 3)).write(to: URL(fileURLWithPath: path))
      let cut = try analyse(path, chunkBytes: 4096)
      XCTAssertEqual(cut.quarantined, 1, name)
      XCTAssertTrue(cut.quarantine[0].reason.contains(reason), cut.quarantine[0].reason)
      XCTAssertGreaterThan(cut.exchanges, 1000, name)
      XCTAssertLessThan(cut.exchanges, 5000, name)
      // The record points at the first line that was not counted.
      let lineLengths = (0..<5000).map { goodLine($0).utf8.count + 1 }
      let expectedOffset = lineLengths.prefix(cut.exchanges).reduce(0, +)
      XCTAssertEqual(cut.quarantine[0].offset, Int64(expectedOffset), name)
    }
  }

  func testChunkSizeDoesNotChangeTheResult() throws {
    let (path, _) = try writeCompressed(3000, format: .lz4, name: "c.jsonl.lz4")
    let small = try analyse(path, chunkBytes: 1000)
    let large = try analyse(path, chunkBytes: 1 << 20)
    XCTAssertEqual(small, large)
    XCTAssertEqual(small.exchanges, 3000)
  }

  func testFieldMapReadsNestedPointers() throws {
    let map = try FieldMap(overrides: [
      "account": "/meta/key_owner", "ip": "/meta/client~1ip", "ts": "/when",
    ])
    let parser = ExchangeParser(fieldMap: map)
    let line = Array(
      #"{"id":"x","when":1770000000123,"meta":{"key_owner":"acct-9","client/ip":"192.0.2.7"},"prompt":"p"}"#
        .utf8)
    guard case .exchange(let exchange) = line.withUnsafeBytes({ parser.parse($0) }) else {
      return XCTFail("rejected")
    }
    XCTAssertEqual(exchange.account, "acct-9")
    XCTAssertEqual(exchange.ip, "192.0.2.7")
    XCTAssertEqual(exchange.timestampMillis, 1_770_000_000_123)
    XCTAssertThrowsError(try FieldMap(overrides: ["nope": "/x"]))
    XCTAssertThrowsError(try FieldMap(overrides: ["ip": "no-slash"]))
  }

  func testRFC3339Parsing() {
    XCTAssertEqual(Timestamp.parseRFC3339("1970-01-01T00:00:00Z"), 0)
    XCTAssertEqual(Timestamp.parseRFC3339("2026-02-03T04:05:06.789Z"), 1_770_091_506_789)
    XCTAssertEqual(Timestamp.parseRFC3339("2026-02-03T06:05:06.789+02:00"), 1_770_091_506_789)
    XCTAssertNil(Timestamp.parseRFC3339("2026-13-03T04:05:06Z"))
    XCTAssertNil(Timestamp.parseRFC3339("2026-02-03 04:05"))
  }

  func testMessagesWithToolBlocksAndThinking() {
    let line = Array(
      #"{"id":"x","ts":1,"account":"a","system":[{"type":"text","text":"sys"}],"tools":[{"name":"bash"},"edit"],"thinking":{"type":"enabled","budget_tokens":32000},"messages":[{"role":"user","content":"do it"},{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"bash","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"ok"}]}]}"#
        .utf8)
    guard case .exchange(let e) = line.withUnsafeBytes({ ExchangeParser().parse($0) }) else {
      return XCTFail("rejected")
    }
    XCTAssertEqual(e.system, "sys")
    XCTAssertEqual(e.tools, ["bash", "edit"])
    XCTAssertEqual(e.thinkingBudget, 32000)
    XCTAssertEqual(e.messages.map(\.toolUses), [0, 1, 0])
    XCTAssertEqual(e.messages.map(\.toolResults), [0, 0, 1])
    XCTAssertEqual(e.messages[2].text, "ok")
  }
}
