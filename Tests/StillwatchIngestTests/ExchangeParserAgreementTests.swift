import Foundation
import StillwatchCore
import StillwatchSynth
import XCTest

@testable import StillwatchIngest

/// The simdjson parser agrees with the Foundation reference on every line of a
/// generated corpus and on hand-made edge cases, including the field map.
final class ExchangeParserAgreementTests: XCTestCase {
  func assertAgree(
    _ line: String, _ fast: ExchangeParser, _ reference: ReferenceExchangeParser,
    file: StaticString = #filePath, line number: UInt = #line
  ) {
    let bytes = Array(line.utf8)
    let a = bytes.withUnsafeBytes { fast.parse($0) }
    let b = bytes.withUnsafeBytes { reference.parse($0) }
    switch (a, b) {
    case (.exchange(let x), .exchange(let y)):
      XCTAssertEqual(x, y, line, file: file, line: number)
    case (.rejected(let x), .rejected(let y)):
      XCTAssertEqual(x, y, line, file: file, line: number)
    default:
      XCTFail("disagree on \(line): \(a) vs \(b)", file: file, line: number)
    }
  }

  func testAgreesOnEdgeCases() {
    let fast = ExchangeParser()
    let reference = ReferenceExchangeParser()
    for line in [
      "{not json", "[1,2]", "42", "\"text\"", "{}", "",
      #"{"id":"a","ts":1,"account":"x","prompt":"p"}"#,
      #"{"id":"a","ts":1.0,"account":"x","prompt":"p"}"#,
      #"{"id":"a","ts":1.5,"account":"x","prompt":"p"}"#,
      #"{"id":"a","ts":true,"account":"x"}"#,
      #"{"id":"a","ts":null,"account":"x"}"#,
      #"{"id":null,"ts":1,"account":"x"}"#,
      #"{"id":"","ts":1,"account":"x"}"#,
      #"{"id":"a","ts":"2026-02-03T04:05:06+01:00","account":"x","asn":"7","org":5}"#,
      #"{"id":"a","ts":1,"account":"x","asn":64500.0,"input_tokens":12,"output_tokens":-3}"#,
      #"{"id":"a","ts":1,"account":"x","system":"","thinking":false}"#,
      #"{"id":"a","ts":1,"account":"x","system":[{"type":"text","text":"s1"},"s2",{"type":"image"}],"thinking":true}"#,
      #"{"id":"a","ts":1,"account":"x","system":[{"type":"image"}],"thinking":{"type":"disabled"}}"#,
      #"{"id":"a","ts":1,"account":"x","thinking":{"budget_tokens":2048.0},"tools":["a",{"name":"b"},{"x":1},3]}"#,
      #"{"id":"a","ts":1,"account":"x","messages":[{"content":"no role"},7,{"role":"assistant","content":[{"type":"tool_use","id":"t"},{"type":"tool_result","content":[{"type":"text","text":"r"}]}]}],"prompt":"ignored"}"#,
      #"{"id":"a","ts":1,"account":"x","messages":[],"prompt":"used"}"#,
      // Tool results' nested text joins the turn's parts in place: after and
      // before text, empty (no part, no separator), empty strings (parts),
      // nested twice, and first in the turn.
      #"{"id":"a","ts":1,"account":"x","messages":[{"role":"user","content":["t1",{"type":"tool_result","content":[{"type":"text","text":"r1"},"r2"]},{"type":"text","text":"t2"}]}]}"#,
      #"{"id":"a","ts":1,"account":"x","messages":[{"role":"user","content":["t1",{"type":"tool_result","content":[]},{"type":"tool_result"},{"type":"tool_result","content":7},"t2"]}]}"#,
      #"{"id":"a","ts":1,"account":"x","messages":[{"role":"user","content":["t1",{"type":"tool_result","content":["",""]},"t2"]}]}"#,
      #"{"id":"a","ts":1,"account":"x","messages":[{"role":"user","content":[{"type":"tool_result","content":[{"type":"tool_result","content":[{"type":"tool_result","content":"deep"},"mid"]}]},"after"]}]}"#,
      #"{"id":"a","ts":1,"account":"x","messages":[{"role":"user","content":[{"type":"tool_result","content":[]},{"type":"tool_result","content":"only"}]}]}"#,
      #"{"id":"a","ts":1,"account":"x","messages":"oops","prompt":"used"}"#,
      #"{"id":"\u00e9\n","ts":1,"account":"\ud83d\ude00","prompt":"caf\u00e9 \"q\""}"#,
    ] {
      assertAgree(line, fast, reference)
    }
  }

  func testAgreesWithAFieldMap() throws {
    let map = try FieldMap(overrides: [
      "account": "/meta/owner", "ip": "/meta/ip~1v4", "ts": "/t/0",
    ])
    let fast = ExchangeParser(fieldMap: map)
    let reference = ReferenceExchangeParser(fieldMap: map)
    for line in [
      #"{"id":"a","t":[1770000000000],"meta":{"owner":"o","ip/v4":"192.0.2.1"},"prompt":"p"}"#,
      #"{"id":"a","t":[],"meta":{"owner":"o"},"prompt":"p"}"#,
      #"{"id":"a","t":[5],"meta":"flat","prompt":"p"}"#,
    ] {
      assertAgree(line, fast, reference)
    }
  }

  /// A repeated key gives the same value whether its field is found by the
  /// one pass over top-level keys or by a nested JSON Pointer.
  func testARepeatedKeyResolvesAlikeAtTheTopAndNested() throws {
    let top = ExchangeParser()
    let nested = ExchangeParser(fieldMap: try FieldMap(overrides: ["account": "/meta/owner"]))
    let a = Array(#"{"id":"i","ts":1,"account":"first","account":"second","prompt":"p"}"#.utf8)
    let b = Array(
      #"{"id":"i","ts":1,"meta":{"owner":"first","owner":"second"},"prompt":"p"}"#.utf8)
    guard case .exchange(let x) = a.withUnsafeBytes({ top.parse($0) }),
      case .exchange(let y) = b.withUnsafeBytes({ nested.parse($0) })
    else { return XCTFail("did not parse") }
    XCTAssertEqual(x.account, y.account)
    XCTAssertEqual(x.account, "first")
  }

  /// The workers' parse keeps the pattern text and every turn's role and
  /// tool counts in the cases the generated corpus lacks: an empty user turn
  /// before the one with text, no user text at all (the first turn's text is
  /// the pattern), a turn without a role (a user turn), tool blocks after it.
  func testPatternOnlyKeepsThePatternTextAndToolCounts() {
    let full = ExchangeParser()
    let patternOnly = ExchangeParser(messageTexts: .patternOnly)
    let head = #"{"id":"a","ts":1770000000000,"account":"x","messages":"#
    let cases: [(messages: String, pattern: String)] = [
      (
        #"[{"role":"assistant","content":"a"},{"role":"user","content":""},"#
          + #"{"role":"user","content":[{"type":"text","text":"u"},{"type":"tool_use"}]},"#
          + #"{"role":"user","content":[{"type":"tool_result","content":"r"}]}]"#, "u"
      ),
      (
        #"[{"role":"system","content":"s"},{"role":"assistant","content":[{"type":"tool_use"}]},"#
          + #"{"role":"user","content":[{"type":"tool_result","content":[]}]}]"#, "s"
      ),
      (#"[{"content":"no role"},{"role":"user","content":"later"}]"#, "no role"),
    ]
    for (messages, pattern) in cases {
      let bytes = Array((head + messages + "}").utf8)
      guard case .exchange(let whole) = bytes.withUnsafeBytes({ full.parse($0) }),
        case .exchange(let trimmed) = bytes.withUnsafeBytes({ patternOnly.parse($0) })
      else { return XCTFail("did not parse: \(messages)") }
      XCTAssertEqual(FeatureExtractor.userText(of: whole, limit: 1 << 20), pattern)
      XCTAssertEqual(FeatureExtractor.userText(of: trimmed, limit: 1 << 20), pattern)
      XCTAssertEqual(trimmed.messages.map(\.role), whole.messages.map(\.role))
      XCTAssertEqual(trimmed.messages.map(\.toolUses), whole.messages.map(\.toolUses))
      XCTAssertEqual(trimmed.messages.map(\.toolResults), whole.messages.map(\.toolResults))
    }
  }

  func testAgreesOnEveryLineOfAGeneratedCorpus() throws {
    let directory = NSTemporaryDirectory() + "sw-agree-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = try CorpusGenerator.generate(
      settings: GeneratorSettings(exchanges: 4000, seed: 3), outputDirectory: directory)
    let fast = ExchangeParser()
    let reference = ReferenceExchangeParser()
    let patternOnly = ExchangeParser(messageTexts: .patternOnly)
    let extractor = FeatureExtractor()
    var lines = 0
    var blanked = 0
    for file in try InputFiles.list([directory]) {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      for line in text.split(separator: "\n") {
        assertAgree(String(line), fast, reference)
        lines += 1
        // The workers' parse: same exchange but for texts the sweep never
        // reads, so the same features.
        let bytes = Array(line.utf8)
        guard case .exchange(let whole) = bytes.withUnsafeBytes({ fast.parse($0) }),
          case .exchange(var trimmed) = bytes.withUnsafeBytes({ patternOnly.parse($0) })
        else { return XCTFail("line \(lines) did not parse") }
        XCTAssertEqual(
          FeatureExtractor.userText(of: trimmed, limit: 1 << 20),
          FeatureExtractor.userText(of: whole, limit: 1 << 20))
        var copy = extractor
        var other = extractor
        XCTAssertEqual(copy.features(of: trimmed), other.features(of: whole))
        blanked += zip(trimmed.messages, whole.messages).filter { $0.text != $1.text }.count
        trimmed.messages = whole.messages
        XCTAssertEqual(trimmed, whole)
      }
    }
    XCTAssertEqual(lines, 4000)
    XCTAssertGreaterThan(blanked, 1000, "agent transcripts have texts the sweep skips")
  }
}
