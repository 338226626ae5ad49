import Foundation
import XCTest

@testable import StillwatchSynth

/// Hand-rendered JSON: escaping and numbers.
final class JSONLineBufferTests: XCTestCase {
  private func rendered(_ body: (inout JSONLineBuffer) -> Void) -> String {
    var buffer = JSONLineBuffer(capacity: 64)
    body(&buffer)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  func testEscapesQuotesBackslashesAndControlBytes() {
    let text = "say \"hi\"\\ now\n\ttab\r\u{01}\u{1F}\u{7F}end"
    XCTAssertEqual(
      rendered { $0.string(text) },
      #""say \"hi\"\\ now\n\ttab\r\u0001\u001f\u007fend""#)
  }

  func testPassesValidUTF8Through() throws {
    let text = "café — naïve 😀 中文"
    let json = rendered { $0.string(text) }
    XCTAssertEqual(json, "\"" + text + "\"")
    let decoded =
      try JSONSerialization.jsonObject(
        with: Data(("[" + json + "]").utf8)) as? [String]
    XCTAssertEqual(decoded, [text])
  }

  func testEveryByteBelow0x80RoundTripsThroughJSONSerialization() throws {
    let text = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
    let json = rendered { $0.string(text) }
    let decoded = try JSONSerialization.jsonObject(with: Data(("[" + json + "]").utf8)) as? [String]
    XCTAssertEqual(decoded, [text])
  }

  func testNumbersAndHex() {
    XCTAssertEqual(rendered { $0.int(0) }, "0")
    XCTAssertEqual(rendered { $0.int(-42) }, "-42")
    XCTAssertEqual(rendered { $0.int(Int.min) }, String(Int.min))
    XCTAssertEqual(rendered { $0.unsigned(UInt64.max) }, String(UInt64.max))
    XCTAssertEqual(rendered { $0.padded(7, width: 3) }, "007")
    XCTAssertEqual(rendered { $0.hex(0xABC, digits: 6) }, "000abc")
    XCTAssertEqual(rendered { $0.hexGroup(0x0DB8) }, "db8")
    XCTAssertEqual(rendered { $0.hexGroup(0) }, "0")
  }

  func testTemplateLiteralsAreEscapedOnce() {
    let family = TemplateFamily("t", ["Say \"{word}\"\n"])
    guard case .literal(let bytes) = family.rewordings[0][0] else {
      return XCTFail("literal first")
    }
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), #"Say \""#)
  }
}
