import Foundation
import Logging
import StillwatchCompression
import StillwatchCore
import StillwatchIngest
import XCTest

@testable import StillwatchCluster

/// With a shared input path, workers read plain files themselves; the result
/// is the same as when the coordinator ships the chunks.
final class SharedInputTests: XCTestCase {
  func writeCorpus() throws -> String {
    let directory = NSTemporaryDirectory() + "sw-shared-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var lines: [String] = []
    for i in 0..<3000 {
      let padding = String(repeating: "x", count: i % 97)
      lines.append(
        #"{"id":"e\#(i)","ts":\#(1_770_000_000_000 + i * 7000),"account":"a\#(i % 23)","prompt":"solve \#(i) step by step \#(padding)"}"#
      )
      if i % 500 == 7 { lines.append("{broken") }
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: directory + "/a.jsonl", atomically: true, encoding: .utf8)
    try (lines.prefix(100).joined(separator: "\n")).write(
      toFile: directory + "/b.jsonl", atomically: true, encoding: .utf8)
    return directory
  }

  /// A local sweep of `files` (10 kB chunks, 2 workers) with every chunk
  /// shipped by the coordinator, and with the default: workers read the input.
  func sweepBothWays(_ files: [String]) throws -> (shipped: SweepOutcome, read: SweepOutcome) {
    var settings = Coordinator.Settings()
    settings.chunkBytes = 10_000
    let shipped = try LocalSweep.run(
      files: files, workers: 2, settings: settings, logger: Logger(label: "test"),
      workersReadInput: false)
    let read = try LocalSweep.run(
      files: files, workers: 2, settings: settings, logger: Logger(label: "test"))
    return (shipped, read)
  }

  func testSharedInputGivesTheSamePartialAsShippedChunks() throws {
    let directory = try writeCorpus()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (shipped, shared) = try sweepBothWays(try InputFiles.list([directory]))
    XCTAssertEqual(shipped.partial.exchanges, 3000 + 99)
    XCTAssertEqual(shipped.partial.quarantined, 6 + 1)
    XCTAssertEqual(shared.partial, shipped.partial)
    XCTAssertLessThan(shared.bytesSent * 10, shipped.bytesSent, "no chunk bytes on the wire")
  }

  func testRangesCoverTheFileAtLineBoundaries() throws {
    let directory = try writeCorpus()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/a.jsonl"
    let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
    let planner = try LineRangePlanner(path: path, chunkBytes: 4096)
    var expected: Int64 = 0
    while let range = try planner.nextRange() {
      XCTAssertEqual(range.offset, expected)
      let end = Int(range.offset + range.length)
      XCTAssertTrue(end == bytes.count || bytes[end - 1] == 0x0A, "ends after a newline")
      expected += range.length
    }
    XCTAssertEqual(expected, Int64(bytes.count))
  }

  /// Compressed inputs (LZ4, zstd, gzip) handed to the worker threads in
  /// memory as the coordinator decompresses them: the same partial as
  /// shipping every chunk, also for a truncated LZ4 file, and no chunk bytes
  /// on the wire.
  func testCompressedInputReadByWorkersGivesTheSamePartial() throws {
    let directory = try writeCorpus()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let plain = try Data(contentsOf: URL(fileURLWithPath: directory + "/a.jsonl"))
    for (name, format) in [
      ("c.jsonl.lz4", CompressionFormat.lz4), ("d.jsonl.zst", .zstd), ("e.jsonl.gz", .gzip),
      ("f.jsonl.lz4", .lz4),
    ] {
      let writer = try CompressedFileWriter(path: directory + "/" + name, format: format)
      try writer.write([UInt8](plain))
      try writer.close()
    }
    // f is cut two thirds of the way in: whole lines before, one record for the cut.
    let damaged = directory + "/f.jsonl.lz4"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: damaged))
    try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: damaged))
    try FileManager.default.removeItem(atPath: directory + "/a.jsonl")
    try FileManager.default.removeItem(atPath: directory + "/b.jsonl")
    let files = try InputFiles.list([directory])
    XCTAssertEqual(files.count, 4)
    let (shipped, read) = try sweepBothWays(files)
    // Three whole copies (6 broken lines each) and part of a fourth, cut once.
    XCTAssertGreaterThan(shipped.partial.quarantined, 3 * 6)
    XCTAssertLessThanOrEqual(shipped.partial.quarantined, 4 * 6 + 1)
    XCTAssertEqual(
      shipped.partial.quarantine.filter { $0.reason.contains("truncated lz4") }.count, 1)
    XCTAssertGreaterThan(shipped.partial.exchanges, 3 * 3000 + 1000)
    XCTAssertTrue(read.partial == shipped.partial)
    XCTAssertLessThan(read.bytesSent * 10, shipped.bytesSent, "no chunk bytes on the wire")
  }
}
