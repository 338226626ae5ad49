import XCTest

@testable import StillwatchCore

final class InfrastructureKeysTests: XCTestCase {
  func testPrefixes() {
    XCTAssertEqual(InfrastructureKeys.prefix(of: "10.1.2.3"), "ip24:10.1.2.0/24")
    XCTAssertEqual(InfrastructureKeys.prefix(of: "255.255.255.255"), "ip24:255.255.255.0/24")
    XCTAssertEqual(InfrastructureKeys.prefix(of: "010.1.2.3"), "ip24:010.1.2.0/24")
    XCTAssertEqual(
      InfrastructureKeys.prefix(of: "2001:db8:85a3::8a2e:370:7334"), "ip48:2001:db8:85a3::/48")
    for bad in ["300.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "", "a.b.c.d", "1.2.3.", "::::"] {
      XCTAssertNil(InfrastructureKeys.prefix(of: bad), bad)
    }
  }

  /// The byte-scanning IPv4 path agrees with splitting on dots whenever it
  /// answers (and it answers for every plain dotted quad).
  func testFastIPv4PathAgreesWithSplitting() {
    var rng = TestRandom(seed: 3)
    let alphabet = Array("0123456789.....+-a:")
    var answered = 0
    for _ in 0..<20_000 {
      let length = Int(rng.next() % 16)
      let text = String(
        (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
      if let fast = InfrastructureKeys.plainIPv4Prefix(text) {
        answered += 1
        XCTAssertEqual(fast, InfrastructureKeys.splitIPv4Prefix(text), text)
      }
    }
    for _ in 0..<2_000 {
      let quad = (0..<4).map { _ in String(rng.next() % 300) }.joined(separator: ".")
      let fast = InfrastructureKeys.plainIPv4Prefix(quad)
      XCTAssertEqual(fast, InfrastructureKeys.splitIPv4Prefix(quad), quad)
      if fast != nil { answered += 1 }
    }
    XCTAssertGreaterThan(answered, 500)
  }
}
