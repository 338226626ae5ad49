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

  func sweep(workers: Int, chunkBytes: Int, out: String, spill: Int = 0) throws -> SweepJob.Result {
    let corpus = try Self.corpusDirectory()
    var settings = Coordinator.Settings()
    settings.chunkBytes = chunkBytes
    settings.spillPartitions = spill
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

  func testOutputIsIdenticalForAnyWorkerCountChunkSizeAndSpill() throws {
    var campaigns: [String] = []
    var accounts: [String] = []
    for (workers, chunk, spill) in [
      (1, 1 << 20, 0), (2, 1 << 20, 0), (4, 1 << 20, 0), (2, 96 * 1024, 0), (2, 96 * 1024, 5),
    ] {
      let out = NSTemporaryDirectory() + "sw-e2e-det-\(UUID().uuidString)"
      defer { try? FileManager.default.removeItem(atPath: out) }
      _ = try sweep(workers: workers, chunkBytes: chunk, out: out, spill: spill)
      campaigns.append(try comparable(out))
      accounts.append(try String(contentsOfFile: out + "/accounts.csv", encoding: .utf8))
    }
    XCTAssertTrue(campaigns.allSatisfy { $0 == campaigns[0] })
    XCTAssertTrue(accounts.allSatisfy { $0 == accounts[0] })
    XCTAssertGreaterThan(accounts[0].split(separator: "\n").count, 10)
  }

  /// Most of the shape's accounts are in one campaign that is almost all theirs.
  func assertFoundAsOneCampaign(_ shape: String, file: StaticString = #filePath, line: UInt = #line)
    throws
  {
    let result = try standardSweep().result
    let labels = try labels()
    let members = labels.filter { $0.value == shape }.map(\.key)
    XCTAssertFalse(members.isEmpty, file: file, line: line)
    var counts: [String: Int] = [:]
    for campaign in result.campaigns {
      counts[campaign.id] = campaign.accounts.filter { labels[$0] == shape }.count
    }
    guard let (id, found) = counts.max(by: { $0.value < $1.value }), found > 0 else {
      return XCTFail("\(shape) not found", file: file, line: line)
    }
    XCTAssertGreaterThanOrEqual(
      Double(found) / Double(members.count), 0.9, "one campaign holds \(shape)", file: file,
      line: line)
    let campaign = result.campaigns.first { $0.id == id }!
    XCTAssertGreaterThanOrEqual(
      Double(found) / Double(campaign.accounts.count), 0.95, "\(id) is \(shape)", file: file,
      line: line)
  }

  func testReasoningBurstIsFoundAsOneCampaign() throws {
    try assertFoundAsOneCampaign("campaign:reasoning-burst")
  }
  func testAgenticMultiorgIsFoundAsOneCampaign() throws {
    try assertFoundAsOneCampaign("campaign:agentic-multiorg")
  }
  func testHydraProxyIsFoundAsOneCampaign() throws {
    try assertFoundAsOneCampaign("campaign:hydra-proxy")
  }

  /// No account of a look-alike kind is flagged.
  func assertUnflagged(_ kind: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let result = try standardSweep().result
    let labels = try labels()
    let flagged = Set(result.campaigns.flatMap(\.accounts))
    let members = labels.filter { $0.value == kind }.map(\.key)
    XCTAssertFalse(members.isEmpty, "the corpus has \(kind) accounts", file: file, line: line)
    XCTAssertEqual(
      members.filter(flagged.contains).count, 0, "\(kind) accounts flagged", file: file, line: line)
  }

  func testAgentDeveloperStaysUnflagged() throws { try assertUnflagged("benign:agent-developer") }
  func testEnterpriseBackendStaysUnflagged() throws {
    try assertUnflagged("benign:enterprise-backend")
  }
  func testBenchmarkResearcherStaysUnflagged() throws {
    try assertUnflagged("benign:benchmark-researcher")
  }
  func testUniversityLabStaysUnflagged() throws { try assertUnflagged("benign:university-lab") }
  func testProxyCustomersStayUnflagged() throws { try assertUnflagged("benign:proxy-customer") }
  func testPopularTemplateUsersStayUnflagged() throws {
    try assertUnflagged("benign:popular-template")
  }

  func testAtMostOnePerMilleOfBenignAccountsIsFlagged() throws {
    let result = try standardSweep().result
    let labels = try labels()
    let flagged = Set(result.campaigns.flatMap(\.accounts))
    let benign = labels.filter { Self.isBenign($0.value) }.map(\.key)
    XCTAssertGreaterThan(benign.count, 1000)
    XCTAssertLessThanOrEqual(
      Double(benign.filter(flagged.contains).count), 0.001 * Double(benign.count))
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
