import Foundation
import XCTest

@testable import StillwatchSynth

/// Same settings and text → identical bytes; another seed → another corpus.
final class DeterminismTests: XCTestCase {
  private var text = ""
  private var scratch: [String] = []

  override func setUpWithError() throws {
    text = try SynthTestSupport.makeTextFixture()
  }

  override func tearDown() {
    SynthTestSupport.remove(text)
    scratch.forEach(SynthTestSupport.remove)
  }

  private func generate(seed: UInt64, exchanges: Int = 5_000) throws -> String {
    let directory = try SynthTestSupport.temporaryDirectory("det")
    scratch.append(directory)
    _ = try CorpusGenerator.generate(
      settings: SynthTestSupport.settings(exchanges: exchanges, seed: seed, text: text),
      outputDirectory: directory)
    return directory
  }

  private func snapshot(_ directory: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for file in SynthTestSupport.files(under: directory) {
      result[file] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
    }
    return result
  }

  func testSameSeedGivesByteIdenticalFiles() throws {
    let first = try snapshot(try generate(seed: 42))
    let second = try snapshot(try generate(seed: 42))
    XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
    XCTAssertTrue(first.keys.contains("labels.csv"))
    for (name, data) in first {
      XCTAssertEqual(data, second[name], "\(name) differs between two runs")
    }
  }

  func testDifferentSeedGivesADifferentCorpus() throws {
    let first = try snapshot(try generate(seed: 1))
    let second = try snapshot(try generate(seed: 2))
    XCTAssertNotEqual(first["labels.csv"], second["labels.csv"])
    let part = "date=2026-02-02/part-0000.jsonl"
    XCTAssertNotNil(first[part])
    XCTAssertNotEqual(first[part], second[part])
  }

  func testRegeneratingIntoTheSameDirectoryLeavesNoStaleParts() throws {
    let directory = try SynthTestSupport.temporaryDirectory("regen")
    scratch.append(directory)
    var settings = SynthTestSupport.settings(exchanges: 3_000, text: text)
    settings.linesPerPart = 100
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: directory)
    settings.exchanges = 700
    settings.days = 2
    let summary = try CorpusGenerator.generate(settings: settings, outputDirectory: directory)
    let listed = Set(summary.files.map { String($0.dropFirst(directory.count + 1)) })
    XCTAssertEqual(Set(SynthTestSupport.files(under: directory)), listed.union(["labels.csv"]))
  }

  func testADirectoryOfOtherLogsIsRefused() throws {
    let directory = try SynthTestSupport.temporaryDirectory("foreign")
    scratch.append(directory)
    let partition = directory + "/date=2026-01-01"
    try FileManager.default.createDirectory(atPath: partition, withIntermediateDirectories: true)
    try "{}\n".write(toFile: partition + "/part-0000.jsonl", atomically: true, encoding: .utf8)
    XCTAssertThrowsError(
      try CorpusGenerator.generate(
        settings: SynthTestSupport.settings(exchanges: 10, text: text), outputDirectory: directory))
    XCTAssertTrue(FileManager.default.fileExists(atPath: partition + "/part-0000.jsonl"))
  }
}
