import Foundation
import Logging
import StillwatchCluster
import StillwatchCompression
import StillwatchCore
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
    if let standard { try? FileManager.default.removeItem(atPath: standard.out) }
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

  nonisolated(unsafe) static var standard: (result: SweepJob.Result, out: String)?

  /// The sweep most tests look at: two workers, 1 MiB chunks.
  func standardSweep() throws -> (result: SweepJob.Result, out: String) {
    if let standard = Self.standard { return standard }
    let out = NSTemporaryDirectory() + "sw-e2e-out-\(UUID().uuidString)"
    let result = try sweep(workers: 2, chunkBytes: 1 << 20, out: out)
    Self.standard = (result, out)
    return (result, out)
  }

  func testSweepFindsEveryPlantedCampaignAndLeavesLookAlikesAlone() throws {
    let (result, out) = try standardSweep()
    let labels = try labels()
    XCTAssertEqual(result.summary.exchanges + result.summary.quarantined, Self.exchanges)
    XCTAssertEqual(result.summary.quarantined, 0)

    let flagged = Set(result.campaigns.flatMap(\.accounts))
    let planted = Set(labels.filter { !Self.isBenign($0.value) }.keys)
    let hits = flagged.intersection(planted)
    let precision = Double(hits.count) / Double(max(1, flagged.count))
    let recall = Double(hits.count) / Double(max(1, planted.count))
    XCTAssertGreaterThanOrEqual(precision, 0.98, "precision")
    XCTAssertGreaterThanOrEqual(recall, 0.95, "recall")

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

  func testEachPlantedShapeIsFoundAsOneCampaign() throws {
    let result = try standardSweep().result
    let labels = try labels()
    let campaignOf = Dictionary(
      uniqueKeysWithValues: result.campaigns.flatMap { c in c.accounts.map { ($0, c.id) } })
    let shapes = Set(labels.values.filter { !Self.isBenign($0) })
    XCTAssertEqual(
      shapes, ["campaign:reasoning-burst", "campaign:agentic-multiorg", "campaign:hydra-proxy"])
    var claimed = Set<String>()
    for shape in shapes.sorted() {
      let members = labels.filter { $0.value == shape }.map(\.key)
      var counts: [String: Int] = [:]
      for account in members { if let id = campaignOf[account] { counts[id, default: 0] += 1 } }
      guard let (id, found) = counts.max(by: { $0.value < $1.value }) else {
        XCTFail("\(shape) not found")
        continue
      }
      XCTAssertGreaterThanOrEqual(
        Double(found) / Double(members.count), 0.9, "\(shape): one campaign holds most of it")
      let campaign = result.campaigns.first { $0.id == id }!
      let pure = campaign.accounts.filter { labels[$0] == shape }.count
      XCTAssertGreaterThanOrEqual(Double(pure) / Double(campaign.accounts.count), 0.95, shape)
      XCTAssertFalse(claimed.contains(id), "\(shape) shares its campaign with another shape")
      claimed.insert(id)
    }
  }

  func testEveryLookAlikeKindStaysUnflagged() throws {
    let result = try standardSweep().result
    let labels = try labels()
    let flagged = Set(result.campaigns.flatMap(\.accounts))
    let kinds = Set(labels.values.filter { $0.hasPrefix("benign:") })
    XCTAssertEqual(
      kinds,
      [
        "benign:agent-developer", "benign:enterprise-backend", "benign:benchmark-researcher",
        "benign:university-lab", "benign:proxy-customer", "benign:popular-template",
      ])
    for kind in kinds.sorted() {
      let members = labels.filter { $0.value == kind }.map(\.key)
      XCTAssertEqual(members.filter(flagged.contains).count, 0, "\(kind) accounts flagged")
    }
    let benign = labels.filter { Self.isBenign($0.value) }.map(\.key)
    let falsePositives = benign.filter(flagged.contains).count
    XCTAssertLessThanOrEqual(Double(falsePositives), 0.001 * Double(benign.count))
  }

  func testCampaignsCarryTargetsAndEvidence() throws {
    let result = try standardSweep().result
    let labels = try labels()
    func campaign(of shape: String) -> Campaign? {
      result.campaigns.first { c in
        c.accounts.filter { labels[$0] == shape }.count * 2 > c.accounts.count
      }
    }
    let reasoning = try XCTUnwrap(campaign(of: "campaign:reasoning-burst"))
    XCTAssertTrue(reasoning.targets.contains("chain_of_thought"))
    XCTAssertGreaterThan(reasoning.signals.elicitation, 0.5)
    XCTAssertGreaterThan(reasoning.signals.coordination, 0.3, "synchronised bursts")
    XCTAssertTrue(reasoning.infrastructure.contains { $0.key.hasPrefix("pay:") })
    let agentic = try XCTUnwrap(campaign(of: "campaign:agentic-multiorg"))
    XCTAssertTrue(agentic.targets.contains("agentic"))
    XCTAssertTrue(agentic.targets.contains("tool_use"))
    XCTAssertGreaterThan(agentic.signals.toolOrchestration, 0.5)
    XCTAssertGreaterThan(agentic.signals.coordination, 0.3, "lockstep shifts and a shared pivot")
    let hydra = try XCTUnwrap(campaign(of: "campaign:hydra-proxy"))
    XCTAssertGreaterThan(hydra.signals.infrastructure, 0.3, "shared proxy pools")
    for c in result.campaigns {
      XCTAssertFalse(c.templates.isEmpty, "\(c.id) has template examples")
      XCTAssertLessThanOrEqual(c.firstSeen, c.lastSeen)
      XCTAssertEqual(c.daily.values.reduce(0, +), c.exchanges)
    }
  }
}
