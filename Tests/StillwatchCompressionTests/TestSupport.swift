import Foundation
import StillwatchCompression
import XCTest

/// SplitMix64: a tiny deterministic generator, so every test input is the
/// same on every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Deterministic test data: log-like text lines (compressible) interleaved
/// with runs of random bytes (incompressible).
func sampleBytes(count: Int, seed: UInt64) -> [UInt8] {
  let words = ["alpha", "bravo", "login", "payment", "{\"user\":", "\"ok\"}", "203.0.113.", "\n"]
    .map { Array($0.utf8) }
  var generator = SeededGenerator(seed: seed)
  var bytes: [UInt8] = []
  bytes.reserveCapacity(count + 1024)
  while bytes.count < count {
    let choice = generator.next()
    if choice % 4 == 0 {
      for _ in 0..<Int((choice >> 8) % 64 + 1) {
        withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
      }
    } else {
      for shift in stride(from: 8, to: 64, by: 4) {
        bytes.append(contentsOf: words[Int((choice >> UInt64(shift)) % 8)])
      }
    }
  }
  bytes.removeLast(bytes.count - count)
  return bytes
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("stillwatch-compression-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// What reading a whole file produced: the bytes before any damage, and the damage.
struct ReadOutcome {
  var bytes: [UInt8] = []
  var damage: DecompressionDamage?
  var finalOffset: Int64 = 0
  var calls = 0
}

/// Reads `path` to its end (or its damage) in calls of `maxBytes`, checking
/// the per-call contract on the way.
func readAll(
  _ path: String, maxBytes: Int = 1 << 20, file: StaticString = #filePath, line: UInt = #line
) throws -> ReadOutcome {
  let reader = try DecompressingReader(path: path)
  defer { reader.close() }
  var outcome = ReadOutcome()
  while true {
    outcome.calls += 1
    do {
      let before = outcome.bytes.count
      let count = try reader.read(into: &outcome.bytes, maxBytes: maxBytes)
      XCTAssertEqual(outcome.bytes.count - before, count, "return value", file: file, line: line)
      XCTAssertLessThanOrEqual(count, maxBytes, "maxBytes respected", file: file, line: line)
      XCTAssertEqual(
        reader.decompressedOffset, Int64(outcome.bytes.count), "offset", file: file, line: line)
      if count == 0 { break }
    } catch let damage as DecompressionDamage {
      outcome.damage = damage
      break
    }
  }
  outcome.finalOffset = reader.decompressedOffset
  return outcome
}

/// Writes `bytes` through a `CompressedFileWriter` in deterministic uneven pieces.
func writeCompressed(
  _ bytes: [UInt8], to path: String, format: CompressionFormat, seed: UInt64 = 7
) throws {
  let writer = try CompressedFileWriter(path: path, format: format)
  var generator = SeededGenerator(seed: seed)
  var offset = 0
  while offset < bytes.count {
    let count = min(bytes.count - offset, Int(generator.next() % 300_000) + 1)
    try bytes[offset..<(offset + count)].withUnsafeBytes { try writer.write($0) }
    offset += count
  }
  try writer.close()
}

func fileBytes(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeFile(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}
