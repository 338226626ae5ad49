import StillwatchCluster
import XCTest

/// How many malloc arenas a command allows: one per core, unless the
/// environment already sets a limit.
final class HeapArenasTests: XCTestCase {
  func testOnePerCore() {
    XCTAssertEqual(HeapArenas.limit(cores: 1, tunables: nil, mallocArenaMax: nil), 1)
    XCTAssertEqual(HeapArenas.limit(cores: 2, tunables: "", mallocArenaMax: ""), 2)
    XCTAssertEqual(HeapArenas.limit(cores: 0, tunables: nil, mallocArenaMax: nil), 1)
    // Other tunables do not set the limit.
    XCTAssertEqual(
      HeapArenas.limit(
        cores: 4, tunables: "glibc.malloc.hugetlb=1:glibc.malloc.arena_test=2",
        mallocArenaMax: nil), 4)
  }

  func testTheOperatorsLimitWins() {
    XCTAssertNil(
      HeapArenas.limit(cores: 2, tunables: "glibc.malloc.arena_max=8", mallocArenaMax: nil))
    XCTAssertNil(
      HeapArenas.limit(
        cores: 2, tunables: "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1",
        mallocArenaMax: nil))
    XCTAssertNil(HeapArenas.limit(cores: 2, tunables: nil, mallocArenaMax: "3"))
  }
}
