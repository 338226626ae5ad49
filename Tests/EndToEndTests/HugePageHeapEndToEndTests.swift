import Foundation
import StillwatchCluster
import StillwatchSynth
import XCTest

/// `stillwatch sweep`, asked to (`STILLWATCH_HUGE_PAGES=1`), restarts itself
/// with glibc's heap on transparent huge pages where the kernel has them in
/// `madvise` mode (by default it does not), limits glibc to one
/// arena per core unless the environment sets a limit, says both in its log,
/// and finds the same campaigns either way.
final class HugePageHeapEndToEndTests: XCTestCase {
  func temporary(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sw-hugepages-\(name)-\(UUID().uuidString)"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  /// A sweep's exit status, its heap log line and the accounts it flagged.
  struct Run {
    var status: Int32
    var hugePages: String?
    var arenas: String?
    var accounts: String
  }

  func sweep(_ corpus: String, hugePages: String?, mallocArenaMax: String? = nil) throws -> Run {
    let out = temporary("out")
    var environment = ProcessInfo.processInfo.environment
    environment["GLIBC_TUNABLES"] = nil
    environment["STILLWATCH_HUGE_PAGES"] = hugePages
    environment["MALLOC_ARENA_MAX"] = mallocArenaMax
    let (status, data) = try BackfillResumeTests.errors(
      of: [
        "sweep", "--input", corpus, "--out", out, "--workers", "1", "--no-history",
        "--log-format", "json", "--verbose",
      ], environment: environment)
    var run = Run(status: status, accounts: "")
    var heapLines = 0
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      if object?["message"] as? String == "heap" {
        heapLines += 1
        run.hugePages = object?["huge_pages"] as? String
        run.arenas = object?["arenas"] as? String
      }
    }
    XCTAssertEqual(heapLines, 1, "one heap line")
    run.accounts = (try? String(contentsOfFile: out + "/accounts.csv", encoding: .utf8)) ?? ""
    return run
  }

  func corpus() throws -> String {
    let corpus = temporary("corpus")
    var settings = GeneratorSettings(exchanges: 3_000, seed: 5)
    settings.format = .none
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: corpus)
    return corpus
  }

  func testSweepRestartsOnHugePagesWhenAskedAndFindsTheSameAccounts() throws {
    let mode = try? String(
      contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
    guard let mode, mode.contains("[madvise]") else {
      throw XCTSkip("transparent huge pages are not in madvise mode here: \(mode ?? "absent")")
    }
    let corpus = try corpus()
    let on = try sweep(corpus, hugePages: "1")
    let off = try sweep(corpus, hugePages: nil)
    assertBothSucceedAlike(on, off)
    XCTAssertEqual(on.hugePages, "on (glibc.malloc.hugetlb=1)")
    XCTAssertEqual(off.hugePages, "off (the default; STILLWATCH_HUGE_PAGES=1 turns them on)")
  }

  /// Both sweeps exit 0 and flag the same accounts (some).
  func assertBothSucceedAlike(
    _ a: Run, _ b: Run, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(a.status, 0, file: file, line: line)
    XCTAssertEqual(b.status, 0, file: file, line: line)
    XCTAssertGreaterThan(a.accounts.split(separator: "\n").count, 1, file: file, line: line)
    XCTAssertEqual(a.accounts, b.accounts, file: file, line: line)
  }

  /// One arena per core the sweep may run on, unless `MALLOC_ARENA_MAX` (or
  /// `GLIBC_TUNABLES`) sets the limit; the same accounts either way.
  func testSweepLimitsArenasToItsCoresUnlessTheEnvironmentSetsALimit() throws {
    let corpus = try corpus()
    let limited = try sweep(corpus, hugePages: nil)
    let operators = try sweep(corpus, hugePages: nil, mallocArenaMax: "8")
    assertBothSucceedAlike(limited, operators)
    XCTAssertEqual(limited.arenas, "at most \(ProcessorAffinity.cores) (one per core)")
    XCTAssertEqual(operators.arenas, "as the environment sets them")
  }
}
