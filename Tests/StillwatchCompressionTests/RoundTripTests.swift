import Foundation
import StillwatchCompression
import XCTest

/// Writer → reader round trips for every format, sizes from 0 bytes to
/// several MiB.
final class RoundTripTests: XCTestCase {
  private let sizes = [0, 1, 1_000, 65_536 + 3, 300_000, (6 << 20) + 12_345]

  private let magic: [CompressionFormat: [UInt8]] = [
    .lz4: [0x04, 0x22, 0x4D, 0x18],
    .zstd: [0x28, 0xB5, 0x2F, 0xFD],
    .gzip: [0x1F, 0x8B],
  ]

  private func roundTrip(_ format: CompressionFormat) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for (index, size) in sizes.enumerated() {
      let original = sampleBytes(count: size, seed: UInt64(100 + index))
      let path = scratch.path("data-\(size)\(format.fileSuffix)")
      try writeCompressed(original, to: path, format: format)

      let stored = try fileBytes(path)
      if let magic = magic[format] {
        XCTAssertEqual(Array(stored.prefix(magic.count)), magic, "\(format) magic, size \(size)")
        if size >= 300_000 {
          XCTAssertLessThan(stored.count, original.count, "\(format) compresses, size \(size)")
        }
      } else {
        XCTAssertEqual(stored, original, "plain file is the bytes themselves")
      }

      let outcome = try readAll(path)
      XCTAssertNil(outcome.damage, "\(format) size \(size)")
      XCTAssertEqual(outcome.bytes.count, original.count, "\(format) size \(size)")
      XCTAssertTrue(outcome.bytes == original, "\(format) size \(size): content differs")
      XCTAssertEqual(outcome.finalOffset, Int64(size))
    }
  }

  func testLZ4RoundTrip() throws { try roundTrip(.lz4) }
  func testZstdRoundTrip() throws { try roundTrip(.zstd) }
  func testGzipRoundTrip() throws { try roundTrip(.gzip) }
  func testPlainRoundTrip() throws { try roundTrip(.none) }

  /// Small, odd `maxBytes` forces every decoder to hold output back between calls.
  func testSmallReadsReassembleTheStream() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 700_000, seed: 42)
    for format in CompressionFormat.allCases {
      let path = scratch.path("small-reads\(format.fileSuffix)")
      try writeCompressed(original, to: path, format: format)
      let outcome = try readAll(path, maxBytes: 4_093)
      XCTAssertNil(outcome.damage, "\(format)")
      XCTAssertTrue(outcome.bytes == original, "\(format): content differs")
      XCTAssertGreaterThanOrEqual(outcome.calls, 700_000 / 4_093, "\(format)")
    }
  }

  func testReaderTakesFormatFromSuffixAndAppendsToExistingBuffer() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = Array("hello, stillwatch\n".utf8)
    for format in CompressionFormat.allCases {
      let path = scratch.path("hello.txt\(format.fileSuffix)")
      try writeCompressed(original, to: path, format: format)
      let reader = try DecompressingReader(path: path)
      XCTAssertEqual(reader.format, format)
      var buffer: [UInt8] = [1, 2, 3]
      XCTAssertEqual(try reader.read(into: &buffer, maxBytes: 5), 5)
      XCTAssertEqual(buffer, [1, 2, 3] + Array(original.prefix(5)))
      XCTAssertEqual(try reader.read(into: &buffer, maxBytes: 1 << 20), original.count - 5)
      XCTAssertEqual(try reader.read(into: &buffer, maxBytes: 1 << 20), 0)
      XCTAssertEqual(try reader.read(into: &buffer, maxBytes: 1 << 20), 0, "end is sticky")
      XCTAssertEqual(reader.decompressedOffset, Int64(original.count))
      reader.close()
      reader.close()
      XCTAssertEqual(try reader.read(into: &buffer, maxBytes: 10), 0, "reads after close")
    }
  }

  func testWriterAcceptsStringsArraysAndPointers() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = scratch.path("mixed.zst")
    let writer = try CompressedFileWriter(path: path, format: .zstd)
    try writer.write("héllo ")
    try writer.write(Array("wörld".utf8))
    try [UInt8]("!\n".utf8).withUnsafeBytes { try writer.write($0) }
    try writer.write([])
    try writer.close()
    try writer.close()
    XCTAssertThrowsError(try writer.write("late")) { error in
      XCTAssertTrue(error is CompressionError)
    }
    XCTAssertEqual(String(decoding: try readAll(path).bytes, as: UTF8.self), "héllo wörld!\n")
  }

  func testEmptyFilesAreEmptyStreams() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for format in CompressionFormat.allCases {
      let path = scratch.path("empty\(format.fileSuffix)")
      try writeFile([], to: path)
      let outcome = try readAll(path)
      XCTAssertNil(outcome.damage, "\(format)")
      XCTAssertEqual(outcome.bytes, [], "\(format)")
    }
  }

  func testOpenFailuresNameTheFileAndReason() throws {
    let missing = "/nonexistent-\(UUID().uuidString)/data.lz4"
    XCTAssertThrowsError(try DecompressingReader(path: missing)) { error in
      let text = (error as? CompressionError)?.description ?? ""
      XCTAssertTrue(text.hasPrefix("cannot open \(missing): "), text)
      XCTAssertTrue(text.contains("No such file"), text)
    }
    XCTAssertThrowsError(try CompressedFileWriter(path: missing, format: .gzip)) { error in
      XCTAssertTrue(error is CompressionError)
    }
  }
}
