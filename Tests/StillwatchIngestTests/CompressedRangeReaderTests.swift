import Foundation
import StillwatchCompression
import XCTest

@testable import StillwatchIngest

/// Ranges of the decompressed stream read from LZ4 and zstd files are exactly
/// the slices of the original bytes, in any order and across files.
final class CompressedRangeReaderTests: XCTestCase {
  var directory = ""

  override func setUpWithError() throws {
    directory = NSTemporaryDirectory() + "sw-ranges-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDown() {
    try? FileManager.default.removeItem(atPath: directory)
  }

  func write(_ name: String, format: CompressionFormat, lines: Int) throws -> (String, [UInt8]) {
    let path = directory + "/" + name
    let writer = try CompressedFileWriter(path: path, format: format)
    var raw: [UInt8] = []
    for i in 0..<lines {
      let line =
        "{\"id\":\"e\(i)\",\"text\":\"\(String(repeating: "w\(i % 13) ", count: i % 40))\"}\n"
      raw += Array(line.utf8)
      try writer.write(line)
    }
    try writer.close()
    return (path, raw)
  }

  func testRangesAreTheSlicesOfTheDecompressedStream() throws {
    let (lz4, lz4Raw) = try write("a.jsonl.lz4", format: .lz4, lines: 40_000)
    let (zst, zstRaw) = try write("b.jsonl.zst", format: .zstd, lines: 5_000)
    XCTAssertGreaterThan(lz4Raw.count, 3 << 20, "spans several 1 MiB reads")
    let reader = CompressedRangeReader()
    var state: UInt64 = 7
    func next() -> UInt64 {  // a 64-bit LCG: reproducible range lengths
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    for (path, raw) in [(lz4, lz4Raw), (zst, zstRaw)] {
      // Ascending, with gaps (other workers' ranges) skipped.
      var offset = 0
      while offset < raw.count {
        let length = min(raw.count - offset, 1 + Int(next() % 300_000))
        if next() % 3 != 0 {
          let bytes = try reader.read(path: path, offset: Int64(offset), length: Int64(length))
          XCTAssertEqual(bytes, Array(raw[offset..<(offset + length)]))
        }
        offset += length
      }
      // Behind the reader: the file is reopened.
      let back = try reader.read(path: path, offset: 10, length: 500)
      XCTAssertEqual(back, Array(raw[10..<510]))
    }
    // Switching files and back.
    XCTAssertEqual(try reader.read(path: lz4, offset: 1000, length: 64), Array(lz4Raw[1000..<1064]))
    XCTAssertEqual(try reader.read(path: zst, offset: 5, length: 5), Array(zstRaw[5..<10]))
    XCTAssertEqual(try reader.read(path: lz4, offset: 2000, length: 8), Array(lz4Raw[2000..<2008]))
    // Past the end, or a missing file: an error, never a short answer.
    XCTAssertThrowsError(
      try reader.read(path: zst, offset: Int64(zstRaw.count - 10), length: 20))
    XCTAssertThrowsError(
      try reader.read(path: zst, offset: Int64(zstRaw.count + 10), length: 1))
    XCTAssertThrowsError(try reader.read(path: directory + "/none.lz4", offset: 0, length: 1))
    XCTAssertEqual(try reader.read(path: zst, offset: 0, length: 3), Array(zstRaw[0..<3]))
  }
}
