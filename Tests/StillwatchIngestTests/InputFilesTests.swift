import Foundation
import XCTest

@testable import StillwatchIngest

final class InputFilesTests: XCTestCase {
  func testDatePartitionsOutsideTheWindowAreSkipped() throws {
    let root = NSTemporaryDirectory() + "sw-dates-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    for day in ["2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04"] {
      let directory = root + "/region=eu/date=\(day)"
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      for part in ["part-0000.jsonl.lz4", "part-0001.jsonl", "notes.txt"] {
        XCTAssertTrue(
          FileManager.default.createFile(atPath: directory + "/" + part, contents: Data()))
      }
    }
    XCTAssertTrue(
      FileManager.default.createFile(atPath: root + "/loose.jsonl.gz", contents: Data()))
    let all = try InputFiles.list([root])
    XCTAssertEqual(all.count, 9)
    let window = DateWindow(since: "2026-02-02", until: "2026-02-03")
    let some = try InputFiles.list([root], window: window)
    XCTAssertEqual(
      some.map { $0.replacingOccurrences(of: root, with: "") },
      [
        "/loose.jsonl.gz",
        "/region=eu/date=2026-02-02/part-0000.jsonl.lz4",
        "/region=eu/date=2026-02-02/part-0001.jsonl",
        "/region=eu/date=2026-02-03/part-0000.jsonl.lz4",
        "/region=eu/date=2026-02-03/part-0001.jsonl",
      ])
    let onlyLast = try InputFiles.list(
      [root + "/region=eu/date=2026-02-04/part-0001.jsonl"], window: window)
    XCTAssertEqual(onlyLast, [], "a file given directly is pruned by its path too")
    XCTAssertThrowsError(try DateWindow.day("2026-2-3"))
    XCTAssertThrowsError(try InputFiles.list([root + "/missing"]))
  }
}
