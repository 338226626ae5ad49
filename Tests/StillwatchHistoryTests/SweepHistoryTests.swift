import Foundation
import StillwatchCore
import StillwatchHistory
import XCTest

final class SweepHistoryTests: XCTestCase {
  func campaign(_ accounts: [String], score: Double = 0.7) -> Campaign {
    let signals = Signals(
      volumeConcentration: 0.5, repetition: 0.5, coordination: 0.5, elicitation: 0.5,
      infrastructure: 0.5, toolOrchestration: 0)
    return Campaign(
      id: Campaign.id(forSortedAccounts: accounts.sorted()), accounts: accounts.sorted(),
      exchanges: accounts.count * 10, score: score, signals: signals, targets: ["reasoning"])
  }

  func record(_ campaigns: [Campaign], finished: String) -> SweepHistory.Record {
    SweepHistory.Record(
      started: finished, finished: finished, inputs: ["/logs"], since: "2026-01-01",
      until: "2026-01-07", exchanges: 1000, quarantined: 2, accounts: 50, workers: 2,
      configFingerprint: "abc", outputDirectory: "/out",
      partitions: [
        ("/logs/date=2026-01-01/part-0.jsonl", "2026-01-01", 600, 1, true),
        ("/logs/date=2026-01-02/part-0.jsonl", "2026-01-02", 400, 1, false),
      ],
      campaigns: campaigns)
  }

  func testSweepsCampaignsAndLineagePersistAcrossOpens() throws {
    let directory = NSTemporaryDirectory() + "sw-history-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/history.sqlite"

    let first = campaign(["a", "b", "c"])
    let other = campaign(["x", "y", "z"])
    let one = try SweepHistory(path: path).record(record([first, other], finished: "t1"))
    XCTAssertEqual(one.sweep, 1)
    XCTAssertEqual(one.lineage[first.id], first.id)

    // Reopened: the grown campaign (new id) keeps the first one's lineage.
    let history = try SweepHistory(path: path)
    let grown = campaign(["a", "b", "c", "d"])
    let fresh = campaign(["p", "q", "r"])
    let two = try history.record(record([grown, fresh], finished: "t2"))
    XCTAssertEqual(two.sweep, 2)
    XCTAssertEqual(two.lineage[grown.id], first.id)
    XCTAssertEqual(two.lineage[fresh.id], fresh.id)

    // A campaign that skipped a sweep is still matched against its last appearance.
    let back = campaign(["x", "y", "z", "w"])
    let three = try history.record(record([back], finished: "t3"))
    XCTAssertEqual(three.lineage[back.id], other.id)

    let sweeps = try history.sweeps()
    XCTAssertEqual(sweeps.map(\.id), [1, 2, 3])
    XCTAssertEqual(sweeps[0].campaigns, 2)
    XCTAssertEqual(sweeps[0].partitionsStored, 1)
    XCTAssertEqual(sweeps[0].partitionsComputed, 1)
    XCTAssertEqual(sweeps[0].inputs, ["/logs"])
    XCTAssertEqual(sweeps[0].since, "2026-01-01")
    XCTAssertEqual(try history.appearances(lineage: first.id).map(\.accounts), [3, 4])
    XCTAssertEqual(try history.appearances(lineage: other.id).map(\.sweep), [1, 3])
    let diff = CampaignDiff(
      before: try history.campaigns(sweep: 1), after: try history.campaigns(sweep: 2))
    XCTAssertEqual(diff.grown.map(\.lineage), [first.id])
    XCTAssertEqual(diff.new.map(\.lineage), [fresh.id])
    XCTAssertEqual(diff.vanished.map(\.lineage), [other.id])
    XCTAssertEqual(try history.partitions(sweep: 1).map(\.exchanges), [600, 400])
  }
}
