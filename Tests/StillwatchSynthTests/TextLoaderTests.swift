import Foundation
import XCTest

@testable import StillwatchSynth

/// Reading the raw text: layout rules, cleaning, caps, and the missing-text error.
final class TextLoaderTests: XCTestCase {
  func testMissingTextNamesTheDebianPackages() throws {
    let empty = try SynthTestSupport.temporaryDirectory("empty")
    defer { SynthTestSupport.remove(empty) }
    var settings = GeneratorSettings(exchanges: 10)
    settings.textDirectories = [empty, empty + "/does-not-exist"]
    let output = try SynthTestSupport.temporaryDirectory("out")
    defer { SynthTestSupport.remove(output) }
    XCTAssertThrowsError(try CorpusGenerator.generate(settings: settings, outputDirectory: output))
    { error in
      let message = String(describing: error)
      XCTAssertTrue(
        message.contains("apt-get install -y fortunes fortunes-min wamerican python3"), message)
      XCTAssertFalse(message.contains("\n"))
    }
  }

  func testFixtureIsReadByKindAndCleaned() throws {
    let root = try SynthTestSupport.makeTextFixture()
    defer { SynthTestSupport.remove(root) }
    let text = try TextLoader.load(directories: [
      root + "/fortunes", root + "/dict", root + "/python3*",
    ])
    XCTAssertEqual(text.passages.count, 60, ".dat files are skipped")
    XCTAssertEqual(
      text.fileNames.map(text.string), ["sample.py"], "only *.py in a python directory")
    XCTAssertEqual(
      text.words.map(text.string),
      ["alpha", "bravo", "charlie", "delta", "echo", "india", "lima", "november"])
    XCTAssertEqual(text.names.map(text.string), ["Foxtrot", "Golf", "Hotel", "Juliet", "Mike"])
    XCTAssertEqual(text.functionNames.count, 25)
    var rng = SplitMix64(seed: 9)
    for _ in 0..<200 {
      let (first, last) = text.snippet(&rng)
      XCTAssertTrue(last >= first && last - first < 30)
    }
  }

  func testDefaultDebianTextLoadsWithinItsCaps() throws {
    let text: TextSource
    do {
      text = try TextLoader.load(directories: GeneratorSettings.defaultTextDirectories)
    } catch {
      throw XCTSkip("Debian text packages not installed: \(error)")
    }
    XCTAssertGreaterThan(text.passages.count, 1_000)
    XCTAssertGreaterThan(text.functionNames.count, 1_000)
    XCTAssertGreaterThan(text.words.count, 10_000)
    XCTAssertGreaterThan(text.names.count, 1_000)
    XCTAssertLessThanOrEqual(text.bytes.count, 9 << 20)
    for span in text.passages.prefix(5_000) {
      XCTAssertFalse(
        text.bytes[Int(span.start)..<Int(span.end)].contains {
          $0 < 0x20 && $0 != 0x0A && $0 != 0x09
        })
    }
  }
}
