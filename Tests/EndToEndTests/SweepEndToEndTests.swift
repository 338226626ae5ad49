import Foundation
import Logging
import StillwatchCluster
import StillwatchCompression
import StillwatchIngest
import StillwatchSynth
import XCTest

/// Generates a corpus, sweeps it through the real coordinator and ZeroMQ
/// workers, and checks the result against the generator's labels.
final class SweepEndToEndTests: XCTestCase {
  static let exchanges = 30_000
  nonisolated(unsafe) static var corpus: String?
  let logger = Logger(label: "test")

  static func corpusDirectory() throws -> String {
    if let corpus { return corpus }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-e2e-\(UUID().uuidString)").path
    var settings = GeneratorSettings(exchanges: exchanges, seed: 42)
    settings.format = .lz4
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: directory)
    corpus = directory
    return directory
  }

  override class func tearDown() {
    if let corpus { try? FileManager.default.removeItem(atPath: corpus) }
  }

  func sweep(workers: Int, chunkBytes: Int, out: String) throws -> SweepJob.Result {
    let corpus = try Self.corpusDirectory()
    var settings = Coordinator.Settings()
    settings.chunkBytes = chunkBytes
    let job = SweepJob(
      inputs: [corpus], files: try InputFiles.list([corpus]), outputDirectory: out,
      workers: workers, coordinator: settings)
    return try job.run(logger: logger)
  }

  func labels() throws -> [String: String] {
    let text = try String(
      contentsOfFile: try Self.corpusDirectory() + "/labels.csv", encoding: .utf8)
    var labels: [String: String] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let parts = line.split(separator: ",", maxSplits: 1)
      labels[String(parts[0])] = String(parts[1])
    }
    return labels
  }

  static func isBenign(_ label: String) -> Bool { label == "benign" || label.hasPrefix("benign:") }

  func testSweepFindsEveryPlantedCampaignAndLeavesLookAlikesAlone() throws {
    let out = NSTemporaryDirectory() + "sw-e2e-out-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try sweep(workers: 2, chunkBytes: 1 << 20, out: out)
    let labels = try labels()
    XCTAssertEqual(result.summary.exchanges + result.summary.quarantined, Self.exchanges)
    XCTAssertEqual(result.summary.quarantined, 0)

    let flagged = Set(result.campaigns.flatMap(\.accounts))
    let planted = Set(labels.filter { !Self.isBenign($0.value) }.keys)
    let hits = flagged.intersection(planted)
    let precision = Double(hits.count) / Double(max(1, flagged.count))
    let recall = Double(hits.count) / Double(max(1, planted.count))
    XCTAssertGreaterThanOrEqual(precision, 0.95, "precision")
    XCTAssertGreaterThanOrEqual(recall, 0.90, "recall")

    for label in Set(planted.map { labels[$0]! }) {
      let members = planted.filter { labels[$0] == label }
      let found = members.filter(flagged.contains).count
      XCTAssertGreaterThanOrEqual(
        Double(found) / Double(members.count), 0.9, "recall of \(label)")
    }
    let developer = labels.filter { $0.value == "benign:agent-developer" }.keys
    XCTAssertFalse(developer.isEmpty)
    XCTAssertTrue(developer.allSatisfy { !flagged.contains($0) }, "agent developer flagged")

    for name in ["campaigns.json", "accounts.csv", "report.html", "quarantine.jsonl"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), name)
    }
  }

  /// campaigns.json without the `sweep` object's run metadata (timestamps, worker count).
  func comparable(_ directory: String) throws -> String {
    let text = try String(contentsOfFile: directory + "/campaigns.json", encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !$0.contains("\"started\":") && !$0.contains("\"finished\":") && !$0.contains("\"workers\":")
    }.joined(separator: "\n")
  }

  func testOutputIsIdenticalForAnyWorkerCountAndChunkSize() throws {
    var campaigns: [String] = []
    var accounts: [String] = []
    for (workers, chunk) in [(1, 1 << 20), (2, 1 << 20), (4, 1 << 20), (2, 96 * 1024)] {
      let out = NSTemporaryDirectory() + "sw-e2e-det-\(UUID().uuidString)"
      defer { try? FileManager.default.removeItem(atPath: out) }
      _ = try sweep(workers: workers, chunkBytes: chunk, out: out)
      campaigns.append(try comparable(out))
      accounts.append(try String(contentsOfFile: out + "/accounts.csv", encoding: .utf8))
    }
    XCTAssertTrue(campaigns.allSatisfy { $0 == campaigns[0] })
    XCTAssertTrue(accounts.allSatisfy { $0 == accounts[0] })
    XCTAssertGreaterThan(accounts[0].split(separator: "\n").count, 10)
  }
}
