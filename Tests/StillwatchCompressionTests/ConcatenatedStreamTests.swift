import Foundation
import StillwatchCompression
import XCTest

/// Several frames (LZ4, zstd) or members (gzip) in one file read as one
/// stream; bytes after the last one that start no new one are damage.
final class ConcatenatedStreamTests: XCTestCase {
  private func concatenate(
    _ parts: [[UInt8]], _ format: CompressionFormat, in scratch: ScratchDirectory
  ) throws -> String {
    var joined: [UInt8] = []
    for (index, part) in parts.enumerated() {
      let path = scratch.path("part\(index)\(format.fileSuffix)")
      try writeCompressed(part, to: path, format: format, seed: UInt64(index))
      joined += try fileBytes(path)
    }
    let path = scratch.path("joined\(format.fileSuffix)")
    try writeFile(joined, to: path)
    return path
  }

  func testMultiMemberGzipReadsFully() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let first = sampleBytes(count: 1_500_000, seed: 1)
    let second = sampleBytes(count: 700_000, seed: 2)
    let outcome = try readAll(try concatenate([first, second], .gzip, in: scratch))
    XCTAssertNil(outcome.damage)
    XCTAssertEqual(outcome.bytes.count, first.count + second.count)
    XCTAssertTrue(outcome.bytes == first + second)
  }

  func testConcatenatedFramesReadFullyInEveryFormat() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let parts = [
      sampleBytes(count: 300_000, seed: 3), [], sampleBytes(count: 1, seed: 4),
      sampleBytes(count: 90_000, seed: 5),
    ]
    let expected = parts.flatMap { $0 }
    for format in CompressionFormat.allCases {
      let outcome = try readAll(try concatenate(parts, format, in: scratch), maxBytes: 65_536)
      XCTAssertNil(outcome.damage, "\(format)")
      XCTAssertTrue(outcome.bytes == expected, "\(format): content differs")
    }
  }

  func testTrailingGarbageAfterLastMemberIsDamageAfterAllData() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 250_000, seed: 6)
    for format in [CompressionFormat.lz4, .zstd, .gzip] {
      let path = try concatenate([original], format, in: scratch)
      try writeFile(try fileBytes(path) + Array(repeating: 0x55, count: 40), to: path)
      let outcome = try readAll(path)
      XCTAssertTrue(outcome.bytes == original, "\(format)")
      XCTAssertEqual(outcome.damage?.decompressedOffset, Int64(original.count), "\(format)")
      XCTAssertTrue(
        outcome.damage?.reason.hasPrefix("corrupt \(format.rawValue) ") ?? false,
        "\(format): \(String(describing: outcome.damage))")
    }
  }

  func testReaderMemoryDoesNotDependOnFileSize() throws {
    // A highly compressible 32 MiB stream read in 1 MiB calls into one reused
    // buffer: the buffer never grows past a call's worth of bytes.
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = scratch.path("letters.zst")
    let writer = try CompressedFileWriter(path: path, format: .zstd)
    let block = [UInt8](repeating: 0x61, count: 1 << 20)
    for _ in 0..<32 { try writer.write(block) }
    try writer.close()
    XCTAssertLessThan(try fileBytes(path).count, 64 << 10)
    let reader = try DecompressingReader(path: path)
    var buffer: [UInt8] = []
    var total = 0
    while true {
      buffer.removeAll(keepingCapacity: true)
      let count = try reader.read(into: &buffer, maxBytes: 1 << 20)
      if count == 0 { break }
      let same = buffer.withUnsafeBytes { read in
        block.withUnsafeBytes { memcmp(read.baseAddress!, $0.baseAddress!, count) == 0 }
      }
      XCTAssertTrue(same, "bytes at \(total)")
      total += count
    }
    XCTAssertEqual(total, 32 << 20)
    XCTAssertLessThanOrEqual(buffer.capacity, 2 << 20)
  }
}
