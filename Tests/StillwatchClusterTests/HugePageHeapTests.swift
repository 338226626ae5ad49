import StillwatchCluster
import XCTest

/// When a command restarts itself to put glibc's heap on huge pages, and
/// with which `GLIBC_TUNABLES`.
final class HugePageHeapTests: XCTestCase {
  let madvise = "always [madvise] never\n"

  func testRestartsOnceAddingTheTunableToWhatIsSet() {
    XCTAssertEqual(
      HugePageHeap.decide(tunables: nil, switch: "1", transparentHugePages: madvise),
      .restart(tunables: "glibc.malloc.hugetlb=1"))
    XCTAssertEqual(
      HugePageHeap.decide(tunables: "", switch: "1", transparentHugePages: madvise),
      .restart(tunables: "glibc.malloc.hugetlb=1"))
    XCTAssertEqual(
      HugePageHeap.decide(
        tunables: "glibc.malloc.arena_max=2", switch: "1", transparentHugePages: madvise),
      .restart(tunables: "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"))
    // The restarted process sees its own tunable and settles.
    guard
      case .restart(let tunables) = HugePageHeap.decide(
        tunables: "glibc.malloc.arena_max=2", switch: "1", transparentHugePages: madvise)
    else { return XCTFail("no restart") }
    XCTAssertEqual(
      HugePageHeap.decide(tunables: tunables, switch: "1", transparentHugePages: madvise),
      .settled("on (glibc.malloc.hugetlb=1)"))
  }

  /// Off unless asked for: no switch, or any value but "1".
  func testOffByDefault() {
    XCTAssertEqual(
      HugePageHeap.decide(tunables: nil, switch: nil, transparentHugePages: madvise),
      .settled("off (the default; STILLWATCH_HUGE_PAGES=1 turns them on)"))
    XCTAssertEqual(
      HugePageHeap.decide(tunables: nil, switch: "0", transparentHugePages: madvise),
      .settled("off (STILLWATCH_HUGE_PAGES=0)"))
  }

  func testTheOperatorsChoiceWins() {
    XCTAssertEqual(
      HugePageHeap.decide(
        tunables: "glibc.malloc.hugetlb=0", switch: "1", transparentHugePages: madvise),
      .settled("as GLIBC_TUNABLES sets it (glibc.malloc.hugetlb=0)"))
    // A tunable the operator set is in effect whatever the switch says.
    XCTAssertEqual(
      HugePageHeap.decide(
        tunables: "glibc.malloc.hugetlb=1", switch: nil, transparentHugePages: madvise),
      .settled("on (glibc.malloc.hugetlb=1)"))
  }

  func testNoRestartWhereTheKernelDecides() {
    XCTAssertEqual(
      HugePageHeap.decide(
        tunables: nil, switch: nil, transparentHugePages: "[always] madvise never"),
      .settled("on (transparent huge pages: always)"))
    XCTAssertEqual(
      HugePageHeap.decide(
        tunables: nil, switch: "1", transparentHugePages: "always madvise [never]"),
      .settled("off (transparent huge pages: never)"))
    XCTAssertEqual(
      HugePageHeap.decide(tunables: nil, switch: "1", transparentHugePages: nil),
      .settled("off (no transparent huge pages on this system)"))
  }
}
