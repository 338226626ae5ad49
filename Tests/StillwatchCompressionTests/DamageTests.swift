import Foundation
import StillwatchCompression
import XCTest

/// Truncated and corrupt files: the good prefix comes back first, then
/// `DecompressionDamage` with the right reason and offset.
final class DamageTests: XCTestCase {
  private let compressed: [CompressionFormat] = [.lz4, .zstd, .gzip]

  private func truncationWord(_ format: CompressionFormat) -> String {
    "truncated \(format.rawValue)"
  }

  /// Writes `original` in `format`, keeps `keep(compressedLength)` bytes, reads.
  private func readDamaged(
    _ original: [UInt8], _ format: CompressionFormat, in scratch: ScratchDirectory,
    edit: (inout [UInt8]) -> Void
  ) throws -> ReadOutcome {
    let path = scratch.path("whole\(format.fileSuffix)")
    try writeCompressed(original, to: path, format: format)
    var bytes = try fileBytes(path)
    edit(&bytes)
    let damagedPath = scratch.path("damaged\(format.fileSuffix)")
    try writeFile(bytes, to: damagedPath)
    return try readAll(damagedPath)
  }

  private func assertGoodPrefixThenDamage(
    _ outcome: ReadOutcome, _ original: [UInt8], reason: String, _ label: String,
    line: UInt = #line
  ) {
    guard let damage = outcome.damage else {
      return XCTFail("\(label): no damage reported", line: line)
    }
    XCTAssertTrue(damage.reason.contains(reason), "\(label): \(damage.reason)", line: line)
    XCTAssertEqual(damage.decompressedOffset, Int64(outcome.bytes.count), label, line: line)
    XCTAssertEqual(outcome.finalOffset, Int64(outcome.bytes.count), label, line: line)
    XCTAssertLessThanOrEqual(outcome.bytes.count, original.count, label, line: line)
    XCTAssertTrue(
      outcome.bytes[...] == original.prefix(outcome.bytes.count), "\(label): bad prefix",
      line: line)
    XCTAssertTrue(damage.description.contains(damage.reason), label, line: line)
  }

  func testTruncatedMidStreamReturnsGoodPrefixThenDamage() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 3 << 20, seed: 5)
    for format in compressed {
      let outcome = try readDamaged(original, format, in: scratch) {
        $0.removeLast($0.count * 2 / 5)
      }
      assertGoodPrefixThenDamage(outcome, original, reason: truncationWord(format), "\(format)")
      XCTAssertGreaterThan(outcome.bytes.count, original.count / 4, "\(format) good prefix")
      XCTAssertLessThan(outcome.bytes.count, original.count, "\(format)")
    }
  }

  /// Only the last byte (of the checksum or trailer) is missing: every data
  /// byte comes back, then the truncation is still reported.
  func testMissingFinalByteIsTruncationAfterAllData() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 500_000, seed: 6)
    for format in compressed {
      let outcome = try readDamaged(original, format, in: scratch) { $0.removeLast() }
      assertGoodPrefixThenDamage(outcome, original, reason: truncationWord(format), "\(format)")
      XCTAssertEqual(outcome.bytes.count, original.count, "\(format)")
    }
  }

  func testTruncatedHeaderIsDamageAtOffsetZero() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for format in compressed {
      let outcome = try readDamaged([1, 2, 3], format, in: scratch) { $0.removeLast($0.count - 3) }
      assertGoodPrefixThenDamage(outcome, [1, 2, 3], reason: truncationWord(format), "\(format)")
      XCTAssertEqual(outcome.damage?.decompressedOffset, 0, "\(format)")
    }
  }

  func testDamageIsStickyAcrossCalls() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = scratch.path("sticky.gz")
    try writeCompressed(sampleBytes(count: 100_000, seed: 8), to: path, format: .gzip)
    var bytes = try fileBytes(path)
    bytes.removeLast(10)
    try writeFile(bytes, to: path)
    let reader = try DecompressingReader(path: path)
    var buffer: [UInt8] = []
    XCTAssertEqual(try reader.read(into: &buffer, maxBytes: 1 << 20), 100_000)
    for _ in 0..<2 {
      XCTAssertThrowsError(try reader.read(into: &buffer, maxBytes: 1 << 20)) { error in
        XCTAssertEqual((error as? DecompressionDamage)?.reason, "truncated gzip stream")
        XCTAssertEqual((error as? DecompressionDamage)?.decompressedOffset, 100_000)
      }
    }
    XCTAssertEqual(buffer.count, 100_000)
  }

  /// Overwrites 64 bytes in the middle of the compressed data.
  private func corruptMiddle(_ bytes: inout [UInt8]) {
    let middle = bytes.count / 2
    for index in middle..<(middle + 64) { bytes[index] ^= 0xA5 }
  }

  func testCorruptGzipMiddleIsDamage() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 2 << 20, seed: 9)
    let outcome = try readDamaged(original, .gzip, in: scratch, edit: corruptMiddle)
    guard let damage = outcome.damage else { return XCTFail("no damage reported") }
    XCTAssertTrue(damage.reason.hasPrefix("corrupt gzip stream: "), damage.reason)
    XCTAssertEqual(damage.decompressedOffset, Int64(outcome.bytes.count))
    // Everything before the corrupt region decoded intact.
    XCTAssertGreaterThan(outcome.bytes.count, original.count / 3)
    XCTAssertTrue(outcome.bytes.prefix(original.count / 3) == original.prefix(original.count / 3))
  }

  func testCorruptLZ4AndZstdMiddleIsDamage() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 2 << 20, seed: 10)
    for format in [CompressionFormat.lz4, .zstd] {
      let outcome = try readDamaged(original, format, in: scratch, edit: corruptMiddle)
      guard let damage = outcome.damage else { return XCTFail("\(format): no damage reported") }
      XCTAssertTrue(damage.reason.hasPrefix("corrupt \(format.rawValue) frame: "), damage.reason)
      XCTAssertEqual(damage.decompressedOffset, Int64(outcome.bytes.count), "\(format)")
      XCTAssertGreaterThan(outcome.bytes.count, original.count / 3, "\(format)")
      XCTAssertTrue(
        outcome.bytes.prefix(original.count / 3) == original.prefix(original.count / 3),
        "\(format)")
    }
  }

  func testGarbageWithCompressedSuffixIsDamage() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var generator = SeededGenerator(seed: 77)
    let garbage = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    for format in compressed {
      let path = scratch.path("garbage\(format.fileSuffix)")
      try writeFile(garbage, to: path)
      let outcome = try readAll(path)
      XCTAssertEqual(outcome.bytes, [], "\(format)")
      XCTAssertEqual(outcome.damage?.decompressedOffset, 0, "\(format)")
      XCTAssertTrue(
        outcome.damage?.reason.hasPrefix("corrupt \(format.rawValue) ") ?? false,
        "\(format): \(String(describing: outcome.damage))")
    }
  }
}
