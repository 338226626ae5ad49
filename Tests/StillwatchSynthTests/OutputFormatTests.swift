import Foundation
import StillwatchCompression
import XCTest

@testable import StillwatchSynth

/// Compressed corpora decompress to the plain corpus; parts split on size.
final class OutputFormatTests: XCTestCase {
  private var text = ""
  private var scratch: [String] = []

  override func setUpWithError() throws {
    text = try SynthTestSupport.makeTextFixture()
  }

  override func tearDown() {
    SynthTestSupport.remove(text)
    scratch.forEach(SynthTestSupport.remove)
  }

  private func generate(_ format: CompressionFormat, exchanges: Int = 3_000) throws
    -> GeneratorSummary
  {
    let directory = try SynthTestSupport.temporaryDirectory("fmt")
    scratch.append(directory)
    return try CorpusGenerator.generate(
      settings: SynthTestSupport.settings(
        exchanges: exchanges, seed: 5, format: format, text: text),
      outputDirectory: directory)
  }

  func testCompressedFormatsDecompressToThePlainCorpus() throws {
    let plain = try generate(.none)
    let plainBytes = try plain.files.map { try SynthTestSupport.contents($0) }
    let magic: [CompressionFormat: [UInt8]] = [
      .lz4: [0x04, 0x22, 0x4D, 0x18], .zstd: [0x28, 0xB5, 0x2F, 0xFD], .gzip: [0x1F, 0x8B],
    ]
    for format in [CompressionFormat.lz4, .zstd, .gzip] {
      let summary = try generate(format)
      XCTAssertEqual(summary.files.count, plain.files.count)
      for (file, expected) in zip(summary.files, plainBytes) {
        XCTAssertTrue(file.hasSuffix(".jsonl" + format.fileSuffix), file)
        let raw = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertEqual(Array(raw.prefix(magic[format]!.count)), magic[format]!, file)
        XCTAssertEqual(try SynthTestSupport.contents(file), expected, file)
      }
    }
  }

  func testDaysSplitIntoPartsOfAtMostLinesPerPart() throws {
    let directory = try SynthTestSupport.temporaryDirectory("parts")
    scratch.append(directory)
    var settings = SynthTestSupport.settings(exchanges: 5_000, text: text)
    settings.days = 2
    settings.linesPerPart = 1_000
    let summary = try CorpusGenerator.generate(settings: settings, outputDirectory: directory)
    let names = summary.files.map { String($0.dropFirst(directory.count + 1)) }
    XCTAssertEqual(
      names,
      [
        "date=2026-02-02/part-0000.jsonl", "date=2026-02-02/part-0001.jsonl",
        "date=2026-02-02/part-0002.jsonl",
        "date=2026-02-03/part-0000.jsonl", "date=2026-02-03/part-0001.jsonl",
        "date=2026-02-03/part-0002.jsonl",
      ])
    var total = 0
    for file in summary.files {
      let lines = try SynthTestSupport.contents(file).filter { $0 == 0x0A }.count
      XCTAssertLessThanOrEqual(lines, 1_000)
      total += lines
    }
    XCTAssertEqual(total, 5_000)
  }

  func testZeroExchangesWritesOnlyTheLabelsHeader() throws {
    let summary = try generate(.none, exchanges: 0)
    XCTAssertEqual(summary.files, [])
    XCTAssertEqual(summary.accounts, 0)
    let directory = scratch.last!
    XCTAssertEqual(
      try String(contentsOfFile: directory + "/labels.csv", encoding: .utf8), "account,label\n")
  }
}
