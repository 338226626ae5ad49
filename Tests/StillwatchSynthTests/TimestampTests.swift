import Foundation
import XCTest

@testable import StillwatchSynth

/// Calendar arithmetic and RFC 3339 rendering, checked against Foundation.
final class TimestampTests: XCTestCase {
  func testCorpusStartsOnTheSecondOfFebruary2026() {
    XCTAssertEqual(StillwatchSynth.Timestamp.corpusStart, 1_769_990_400_000)
    XCTAssertEqual(
      StillwatchSynth.Timestamp.rfc3339(millis: StillwatchSynth.Timestamp.corpusStart),
      "2026-02-02T00:00:00.000Z")
  }

  func testRenderingMatchesFoundation() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    var rng = SplitMix64(seed: 3)
    for _ in 0..<2_000 {
      let millis = Int64(rng.below(4_102_444_800_000))  // 1970 ..< 2100
      let date = Date(timeIntervalSince1970: Double(millis) / 1000)
      let ours = StillwatchSynth.Timestamp.rfc3339(millis: millis)
      XCTAssertEqual(
        formatter.date(from: ours).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) },
        millis, ours)
      XCTAssertEqual(String(ours.prefix(19)), String(formatter.string(from: date).prefix(19)))
    }
  }

  func testCivilRoundTrips() {
    for days in Int64(-800_000)..<Int64(800_000) where days % 97 == 0 {
      let date = StillwatchSynth.Timestamp.civil(days: days)
      XCTAssertEqual(
        StillwatchSynth.Timestamp.daysFromCivil(
          year: Int64(date.year), month: Int64(date.month), day: Int64(date.day)), days)
    }
    XCTAssertEqual(StillwatchSynth.Timestamp.dateString(millis: 951_782_400_000), "2000-02-29")
  }
}
