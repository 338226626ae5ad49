import Foundation
import StillwatchCore
import StillwatchSynth
import XCTest

@testable import StillwatchIngest

/// The workers' byte path (`ExchangeParser.parseFields` then
/// `FeatureExtractor.features(of:into:)`, one extractor and one features
/// buffer reused across lines) gives exactly the features and rejections of
/// the `Exchange` path (`parse` then `features(of:)`).
final class ExchangeFieldsAgreementTests: XCTestCase {
  /// Runs both paths over `lines` in order, as a worker would.
  func assertPathsAgree(
    _ lines: [String], parameters: SketchParameters = .standard, exampleSampling: UInt64 = 16,
    file: StaticString = #filePath, line number: UInt = #line
  ) {
    let parser = ExchangeParser(messageTexts: .patternOnly)
    let full = ExchangeParser()
    var byteExtractor = FeatureExtractor(parameters: parameters, exampleSampling: exampleSampling)
    let reference = FeatureExtractor(parameters: parameters, exampleSampling: exampleSampling)
    var features = ExchangeFeatures()
    for line in lines {
      let bytes = Array(line.utf8)
      var viaBytes: ExchangeFeatures? = nil
      let rejection = bytes.withUnsafeBytes { raw in
        parser.parseFields(raw) { fields in
          byteExtractor.features(of: fields, into: &features)
          viaBytes = features
        }
      }
      switch bytes.withUnsafeBytes({ full.parse($0) }) {
      case .exchange(let exchange):
        var copy = reference
        XCTAssertNil(rejection, line, file: file, line: number)
        XCTAssertEqual(viaBytes, copy.features(of: exchange), line, file: file, line: number)
      case .rejected(let reason):
        XCTAssertEqual(rejection, reason, line, file: file, line: number)
        XCTAssertNil(viaBytes, line, file: file, line: number)
      }
    }
  }

  func testAgreesOnEveryLineOfAGeneratedCorpus() throws {
    let directory = NSTemporaryDirectory() + "sw-fields-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = try CorpusGenerator.generate(
      settings: GeneratorSettings(exchanges: 4000, seed: 5), outputDirectory: directory)
    var lines: [String] = []
    for file in try InputFiles.list([directory]) {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      lines += text.split(separator: "\n").map(String.init)
    }
    XCTAssertEqual(lines.count, 4000)
    // Every exchange sampled as an example, so that path is compared too.
    assertPathsAgree(lines, exampleSampling: 1)
    assertPathsAgree(lines)
  }

  func testAgreesOnEdgeCases() {
    let head = #"{"id":"a","ts":1770000000000,"account":"x""#
    assertPathsAgree([
      "{not json", "[1,2]", "42", "{}", "", #"{"id":"","ts":1,"account":"x"}"#,
      #"{"id":"a","ts":1,"account":""}"#, #"{"id":"a","ts":true,"account":"x"}"#,
      #"{"id":"a","ts":"2026-02-03T04:05:06+01:00","account":"x","prompt":"p"}"#,
      #"{"id":"a","ts":"2026-02-03 04:05","account":"x"}"#,
      #"{"id":"a","ts":1.5,"account":"x"}"#,
      head + "}",
      head + #","prompt":""}"#,
      head + #","messages":[],"prompt":"used as the pattern text here"}"#,
      head + #","messages":"oops","prompt":"a prompt after bad messages"}"#,
      head + #","org":"","ip":"","cloud":"","ua":"","headers_fp":"","payment_fp":"","model":""}"#,
      head + #","org":5,"ip":7,"asn":"7","cloud":null,"model":["m"]}"#,
      head
        + #","org":"o","ip":"2001:db8:85a3::8a2e:370:7334","asn":64500.0,"cloud":"gcp","ua":"u/1","#
        + #""headers_fp":"h","payment_fp":"p","model":"m"}"#,
      head + #","ip":"300.1.2.3","asn":-4}"#,
      head + #","ip":"10.0.0.1","asn":99999999999999}"#,
      head + #","ip":"caf\u00e9"}"#,
      head + #","system":"be brief","tools":["zeta","alpha","alpha","Beta",""]}"#,
      head
        + #","system":[{"type":"text","text":"s1"},"s2"],"tools":["\u00e9t\u00e9","ete","e\u0301te"]}"#,
      head + #","thinking":{"budget_tokens":32000},"prompt":"show your reasoning step by step"}"#,
      head + #","thinking":true,"prompt":"think"}"#,
      head
        + #","messages":[{"role":"assistant","content":"a"},{"role":"user","content":""},"#
        + #"{"role":"user","content":[{"type":"text","text":"the task"},{"type":"tool_use"}]}]}"#,
      head + #","messages":[{"content":"no role"},{"role":"user","content":"later"}]}"#,
      head
        + #","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"tool_result","content":[]}]}]}"#,
    ])
  }

  /// Pattern texts longer than `maxTextBytes`, cut inside and between
  /// characters of every UTF-8 length.
  func testAgreesWhereTheTextIsCut() {
    var parameters = SketchParameters.standard
    parameters.maxTextBytes = 64
    var lines: [String] = []
    for filler in ["a", "é", "€", "😀", "a é € 😀 "] {
      for length in 60..<72 {
        var text = ""
        while text.utf8.count < length { text += filler }
        let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
        lines.append(
          #"{"id":"a","ts":1,"account":"x","prompt":"the words of a prompt "# + escaped + #""}"#)
      }
    }
    assertPathsAgree(lines, parameters: parameters, exampleSampling: 1)
  }
}
