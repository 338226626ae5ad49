import Foundation
import StillwatchCore
import StillwatchSynth
import XCTest

@testable import StillwatchIngest

/// A worker's analyser given back each task's partial (`recycle`) analyses
/// the next task into it, with the profiles it held: every task's partial
/// equals what a new analyser gives for that chunk alone.
final class ChunkAnalyzerReuseTests: XCTestCase {
  func testRecycledPartialsGiveEachChunksOwnPartial() throws {
    let directory = NSTemporaryDirectory() + "sw-reuse-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = try CorpusGenerator.generate(
      settings: GeneratorSettings(exchanges: 3000, seed: 9), outputDirectory: directory)
    func analyzer() -> ChunkAnalyzer {
      ChunkAnalyzer(
        parser: ExchangeParser(messageTexts: .patternOnly),
        extractor: FeatureExtractor(exampleSampling: 4), windowMillis: 600_000)
    }
    var reusing = analyzer()
    var chunks = 0
    var exchanges = 0
    for (index, file) in try InputFiles.list([directory]).enumerated() {
      // Chunks of different sizes, so a task meets more or fewer accounts
      // than the one before it; a bad line among them is quarantined.
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
      try handle.seekToEnd()
      try handle.write(contentsOf: Data("{not json\n".utf8))
      try handle.close()
      let reader = try ChunkReader(
        path: file, fileIndex: index, chunkBytes: [2_000, 40_000, 9_000][index % 3])
      while let event = try reader.next() {
        guard case .chunk(let chunk) = event else { continue }
        var alone = analyzer()
        let expected = alone.analyse(chunk, fileName: file)
        let partial = reusing.analyse(chunk, fileName: file)
        // Not XCTAssertEqual: a failure would print both partials whole.
        XCTAssertTrue(partial == expected, "chunk at \(chunk.offset) of \(file)")
        XCTAssertTrue(partial.encoded() == expected.encoded(), "chunk at \(chunk.offset)")
        exchanges += partial.exchanges
        chunks += 1
        reusing.recycle(partial)
      }
    }
    XCTAssertEqual(exchanges, 3000)
    XCTAssertGreaterThan(chunks, 20)
    XCTAssertFalse(reusing.spareProfiles.isEmpty)
    XCTAssertNotNil(reusing.sparePartial)
  }
}
