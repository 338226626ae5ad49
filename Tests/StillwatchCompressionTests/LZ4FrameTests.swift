import StillwatchCompression
import XCTest

/// Whole-buffer LZ4 frames: round trips, concatenation, and refusal of
/// truncated, mutated, or random input without trapping.
final class LZ4FrameTests: XCTestCase {
  func testRoundTripAcrossSizes() throws {
    for (index, size) in [0, 1, 100, 70_000, (3 << 20) + 1].enumerated() {
      let original = sampleBytes(count: size, seed: UInt64(200 + index))
      let frame = LZ4Frame.compress(original)
      XCTAssertEqual(Array(frame.prefix(4)), [0x04, 0x22, 0x4D, 0x18], "size \(size)")
      XCTAssertTrue(try LZ4Frame.decompress(frame) == original, "size \(size)")
    }
  }

  func testPointerOverloadsMatchArrayOverloads() throws {
    let original = sampleBytes(count: 12_345, seed: 3)
    let frame = original.withUnsafeBytes { LZ4Frame.compress($0) }
    XCTAssertEqual(frame, LZ4Frame.compress(original))
    XCTAssertEqual(try frame.withUnsafeBytes { try LZ4Frame.decompress($0) }, original)
  }

  func testCompressesRedundantData() {
    let text = [UInt8](repeating: 0x7A, count: 1 << 20)
    XCTAssertLessThan(LZ4Frame.compress(text).count, 10_000)
  }

  func testConcatenatedFramesDecodeInOrder() throws {
    let first = sampleBytes(count: 50_000, seed: 1)
    let second = sampleBytes(count: 7, seed: 2)
    let joined = LZ4Frame.compress(first) + LZ4Frame.compress([]) + LZ4Frame.compress(second)
    XCTAssertEqual(try LZ4Frame.decompress(joined), first + second)
  }

  func testEveryTruncationThrows() {
    let frame = LZ4Frame.compress(sampleBytes(count: 3_000, seed: 4))
    for length in 0..<frame.count {
      XCTAssertThrowsError(try LZ4Frame.decompress(Array(frame.prefix(length))), "\(length)") {
        XCTAssertTrue($0 is CompressionError)
      }
    }
  }

  func testRandomGarbageThrows() {
    var generator = SeededGenerator(seed: 99)
    for round in 0..<2_000 {
      let length = Int(generator.next() % 300)
      var garbage = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      if round % 2 == 0 && length >= 4 {
        // Half the inputs start with the frame magic, to reach the header parser.
        garbage.replaceSubrange(0..<4, with: [0x04, 0x22, 0x4D, 0x18])
      }
      XCTAssertThrowsError(try LZ4Frame.decompress(garbage), "round \(round)") {
        XCTAssertTrue($0 is CompressionError)
      }
    }
  }

  /// A single changed byte anywhere in a frame never yields wrong output:
  /// decoding throws, or returns the original exactly (a match offset can be
  /// redirected to an identical earlier copy of the same bytes).
  func testMutatedFramesNeverDecodeSilentlyWrong() {
    let original = sampleBytes(count: 20_000, seed: 5)
    let frame = LZ4Frame.compress(original)
    var generator = SeededGenerator(seed: 6)
    var thrown = 0
    let rounds = 1_000
    for _ in 0..<rounds {
      var mutated = frame
      let position = Int(generator.next() % UInt64(frame.count))
      mutated[position] ^= UInt8(truncatingIfNeeded: generator.next() % 255 + 1)
      do {
        let decoded = try LZ4Frame.decompress(mutated)
        XCTAssertEqual(decoded, original, "mutation at \(position) decoded to different bytes")
      } catch {
        XCTAssertTrue(error is CompressionError)
        thrown += 1
      }
    }
    XCTAssertGreaterThanOrEqual(thrown, rounds * 99 / 100)
  }

  func testErrorsAreOneLine() {
    XCTAssertThrowsError(try LZ4Frame.decompress([0, 1, 2, 3, 4, 5, 6, 7])) { error in
      let text = String(describing: error)
      XCTAssertTrue(text.hasPrefix("corrupt lz4 frame: "), text)
      XCTAssertFalse(text.contains("\n"))
    }
    XCTAssertEqual(CompressionError("a\nb").description, "a b")
  }
}
