import Foundation
import StillwatchSynth
import XCTest

/// `stillwatch sweep` restarts itself with glibc's heap on transparent huge
/// pages where the kernel has them in `madvise` mode, says so in its log,
/// and finds the same campaigns either way.
final class HugePageHeapEndToEndTests: XCTestCase {
  func temporary(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sw-hugepages-\(name)-\(UUID().uuidString)"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  /// Runs a sweep; returns its exit status, the heap log line's `huge_pages`
  /// value and the accounts it flagged.
  func sweep(_ corpus: String, hugePages: String?) throws -> (Int32, String?, String) {
    let out = temporary("out")
    var environment = ProcessInfo.processInfo.environment
    environment["GLIBC_TUNABLES"] = nil
    environment["STILLWATCH_HUGE_PAGES"] = hugePages
    let (status, data) = try BackfillResumeTests.errors(
      of: [
        "sweep", "--input", corpus, "--out", out, "--workers", "1", "--no-history",
        "--log-format", "json", "--verbose",
      ], environment: environment)
    var heap: String?
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      if object?["message"] as? String == "heap" {
        XCTAssertNil(heap, "one heap line")
        heap = object?["huge_pages"] as? String
      }
    }
    let accounts = (try? String(contentsOfFile: out + "/accounts.csv", encoding: .utf8)) ?? ""
    return (status, heap, accounts)
  }

  func testSweepRestartsOnHugePagesAndFindsTheSameAccounts() throws {
    let mode = try? String(
      contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
    guard let mode, mode.contains("[madvise]") else {
      throw XCTSkip("transparent huge pages are not in madvise mode here: \(mode ?? "absent")")
    }
    let corpus = temporary("corpus")
    var settings = GeneratorSettings(exchanges: 3_000, seed: 5)
    settings.format = .none
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: corpus)
    let (onStatus, onHeap, onAccounts) = try sweep(corpus, hugePages: nil)
    let (offStatus, offHeap, offAccounts) = try sweep(corpus, hugePages: "0")
    XCTAssertEqual(onStatus, 0)
    XCTAssertEqual(offStatus, 0)
    XCTAssertEqual(onHeap, "on (glibc.malloc.hugetlb=1)")
    XCTAssertEqual(offHeap, "off (STILLWATCH_HUGE_PAGES=0)")
    XCTAssertGreaterThan(onAccounts.split(separator: "\n").count, 1)
    XCTAssertEqual(onAccounts, offAccounts)
  }
}
