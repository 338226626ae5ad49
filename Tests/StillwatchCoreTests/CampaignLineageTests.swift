import StillwatchCore
import XCTest

final class CampaignLineageTests: XCTestCase {
  func snapshot(_ lineage: String, _ accounts: [String]) -> CampaignLineage.Snapshot {
    .init(id: "old-" + lineage, lineage: lineage, accounts: accounts, exchanges: 10, score: 0.5)
  }

  func testCampaignKeepsItsLineageAsAccountsJoinAndLeave() {
    let earlier = [
      snapshot("L1", ["a", "b", "c", "d"]), snapshot("L2", ["x", "y", "z"]),
    ]
    let lineage = CampaignLineage.assign(
      current: [
        ("n1", ["b", "c", "d", "e", "f"]),  // 3 of the smaller 4 shared: same campaign, grown
        ("n2", ["q", "r", "s"]),  // shares nothing: a new lineage
        ("n3", ["z", "w", "v", "u"]),  // 1 of 3: below one half, new
      ], earlier: earlier)
    XCTAssertEqual(lineage, ["n1": "L1", "n2": "n2", "n3": "n3"])
  }

  func testEachEarlierLineageGoesToOneCampaignAtMost() {
    let earlier = [snapshot("L", ["a", "b", "c", "d", "e", "f"])]
    let lineage = CampaignLineage.assign(
      current: [("split1", ["a", "b", "c"]), ("split2", ["d", "e"])], earlier: earlier)
    // Both overlap fully; the one sharing more accounts wins, the other starts anew.
    XCTAssertEqual(lineage["split1"], "L")
    XCTAssertEqual(lineage["split2"], "split2")
    // Independent of input order.
    let reversed = CampaignLineage.assign(
      current: [("split2", ["d", "e"]), ("split1", ["a", "b", "c"])], earlier: earlier)
    XCTAssertEqual(reversed, lineage)
  }

  func testDiffPutsEveryCampaignInExactlyOneList() {
    let before = [
      snapshot("grows", ["a", "b"]), snapshot("shrinks", ["c", "d", "e"]),
      snapshot("same", ["f", "g"]), snapshot("gone", ["h"]),
    ]
    var after = [
      snapshot("grows", ["a", "b", "i"]), snapshot("shrinks", ["c"]),
      snapshot("same", ["f", "j"]), snapshot("fresh", ["k", "l"]),
    ]
    after[0].id = "new-id"
    let diff = CampaignDiff(before: before, after: after)
    XCTAssertEqual(diff.new.map(\.lineage), ["fresh"])
    XCTAssertEqual(diff.grown.map(\.lineage), ["grows"])
    XCTAssertEqual(diff.shrunk.map(\.lineage), ["shrinks"])
    XCTAssertEqual(diff.vanished.map(\.lineage), ["gone"])
    XCTAssertEqual(diff.unchanged.map(\.lineage), ["same"])
    XCTAssertEqual(diff.grown[0].accountsJoined, 1)
    XCTAssertEqual(diff.shrunk[0].accountsLeft, 2)
    XCTAssertEqual(diff.unchanged[0].accountsJoined, 1)
    XCTAssertEqual(diff.unchanged[0].accountsLeft, 1)
  }
}
