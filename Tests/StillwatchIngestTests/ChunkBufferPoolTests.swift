import Foundation
import StillwatchCompression
import XCTest

@testable import StillwatchIngest

final class ChunkBufferPoolTests: XCTestCase {
  func testTakeGivesEmptyBuffersAndKeepsAtMostTheLimit() {
    let pool = ChunkBufferPool(limit: 2, minimumCapacity: 1000)
    let fresh = pool.take()
    XCTAssertTrue(fresh.isEmpty)
    XCTAssertGreaterThanOrEqual(fresh.capacity, 1000)
    for fill in 0..<3 { pool.give(Array(repeating: UInt8(fill), count: 2000)) }
    XCTAssertEqual(pool.count, 2, "the third buffer is over the limit")
    pool.give(Array(repeating: 9, count: 10))
    XCTAssertEqual(pool.count, 2, "a buffer below the minimum capacity is not kept")
    for _ in 0..<2 {
      let spare = pool.take()
      XCTAssertTrue(spare.isEmpty)
      XCTAssertGreaterThanOrEqual(spare.capacity, 1000)
    }
    XCTAssertEqual(pool.count, 0)
    // A buffer someone else still holds is not emptied under them.
    let held = Array(repeating: UInt8(7), count: 1500)
    pool.give(held)
    XCTAssertEqual(held, Array(repeating: 7, count: 1500))
    XCTAssertTrue(pool.take().isEmpty)
  }

  /// With a pool, the reader cuts exactly the chunks it cuts without one
  /// (short and long lines, plain and LZ4 files), and a chunk read after
  /// another chunk's bytes were given back fills that same buffer.
  func testAReaderWithAPoolCutsTheSameChunksInReusedBuffers() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sw-pool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var text: [UInt8] = []
    for i in 0..<3_000 {
      // Mostly short lines, some longer than a chunk.
      let length = i % 97 == 0 ? 9_000 : 20 + (i * 37) % 400
      text += Array(repeating: UInt8(ascii: "a") + UInt8(i % 26), count: length) + [0x0A]
    }
    text += Array("no newline at the end".utf8)
    let plain = directory.appendingPathComponent("lines.jsonl").path
    let compressed = directory.appendingPathComponent("lines.jsonl.lz4").path
    XCTAssertTrue(FileManager.default.createFile(atPath: plain, contents: Data(text)))
    XCTAssertTrue(
      FileManager.default.createFile(atPath: compressed, contents: Data(LZ4Frame.compress(text))))
    for path in [plain, compressed] {
      for chunkBytes in [1024, 5000, 70_000] {
        var expected: [Chunk] = []
        let reader = try ChunkReader(path: path, fileIndex: 3, chunkBytes: chunkBytes)
        while case .chunk(let chunk)? = try reader.next() { expected.append(chunk) }
        XCTAssertEqual(expected.flatMap(\.bytes), text)

        let pool = ChunkBufferPool(
          minimumCapacity: ChunkReader.bufferCapacity(chunkBytes: chunkBytes))
        let pooled = try ChunkReader(
          path: path, fileIndex: 3, chunkBytes: chunkBytes, buffers: pool)
        var count = 0
        var givenBack: Set<UnsafeRawPointer> = []
        var reused = 0
        while var chunk = try nextChunk(pooled) {
          let base = chunk.bytes.withUnsafeBytes { $0.baseAddress! }
          if givenBack.contains(base) { reused += 1 }
          XCTAssertLessThan(count, expected.count)
          if count < expected.count {
            XCTAssertEqual(chunk, expected[count], "\(path), \(chunkBytes) bytes, chunk \(count)")
          }
          count += 1
          // Done with this chunk: its buffer goes back, no other reference left.
          givenBack.insert(base)
          var bytes: [UInt8] = []
          swap(&bytes, &chunk.bytes)
          pool.give(consume bytes)
        }
        XCTAssertEqual(count, expected.count, "\(path), \(chunkBytes) bytes a chunk")
        XCTAssertLessThanOrEqual(pool.count, pool.limit)
        XCTAssertGreaterThan(reused, expected.count / 3, "\(path), \(chunkBytes) bytes a chunk")
      }
    }
  }

  /// The reader's next chunk, with no other reference to its bytes left.
  func nextChunk(_ reader: ChunkReader) throws -> Chunk? {
    guard case .chunk(let chunk)? = try reader.next() else { return nil }
    return chunk
  }
}
