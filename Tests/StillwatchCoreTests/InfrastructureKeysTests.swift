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
      if let fast = Array(text.utf8).withUnsafeBytes({ InfrastructureKeys.plainIPv4Prefix($0) }) {
        answered += 1
        XCTAssertEqual(fast, InfrastructureKeys.splitIPv4Prefix(text), text)
      }
    }
    for _ in 0..<2_000 {
      let quad = (0..<4).map { _ in String(rng.next() % 300) }.joined(separator: ".")
      let fast = Array(quad.utf8).withUnsafeBytes { InfrastructureKeys.plainIPv4Prefix($0) }
      XCTAssertEqual(fast, InfrastructureKeys.splitIPv4Prefix(quad), quad)
      if fast != nil { answered += 1 }
    }
    XCTAssertGreaterThan(answered, 500)
  }

  /// The byte-scanning IPv6 path agrees with splitting whenever it answers,
  /// and answers for well-formed addresses, compressed or not.
  func testFastIPv6PathAgreesWithSplitting() {
    var rng = TestRandom(seed: 6)
    let alphabet = Array("0123456789abcdefABCDEF::::::::g.")
    var answered = 0
    var refused = 0
    func check(_ text: String) {
      let fast = Array(text.utf8).withUnsafeBytes { InfrastructureKeys.plainIPv6Prefix($0) }
      if let fast {
        answered += 1
        XCTAssertEqual(fast, InfrastructureKeys.ipv6Prefix(text), text)
      } else if InfrastructureKeys.ipv6Prefix(text) == nil {
        refused += 1
      }
    }
    for _ in 0..<40_000 {
      let length = Int(rng.next() % 40)
      check(String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
    }
    for _ in 0..<4_000 {
      let groups = (0..<8).map { _ in
        String(
          rng.next() % (rng.next() % 2 == 0 ? 0x10000 : 0x20), radix: 16,
          uppercase: rng.next() % 4 == 0)
      }
      let full = groups.joined(separator: ":")
      let cut = Int(rng.next() % 8)
      let kept = Int(rng.next() % UInt64(8 - cut))
      let compressed =
        groups[..<cut].joined(separator: ":") + "::"
        + groups[(cut + (8 - cut - kept))...].joined(separator: ":")
      for text in [full, compressed] {
        let before = answered
        check(text)
        XCTAssertEqual(answered, before + 1, "well-formed \(text) takes the fast path")
      }
    }
    for text in ["::", "::1", "1::", "2001:db8::", "0:0:0:0:0:0:0:0", "fe80::1:2:3:4:5:6"] {
      let before = answered
      check(text)
      XCTAssertEqual(answered, before + 1, text)
    }
    XCTAssertEqual(
      Array("2001:DB8:0085::7334".utf8).withUnsafeBytes { InfrastructureKeys.plainIPv6Prefix($0) },
      "ip48:2001:db8:85::/48")
    XCTAssertGreaterThan(answered, 8_000)
    XCTAssertGreaterThan(refused, 1_000)
  }

  /// Keys and prefixes made from bytes equal those made from the decoded
  /// string, for plain and odd IPs, long values and invalid UTF-8.
  func testKeysFromBytesEqualKeysFromStrings() {
    var rng = TestRandom(seed: 8)
    let alphabet: [UInt8] = Array("0123456789.:abcdef".utf8) + [0xC3, 0xA9, 0xFF, 0x80, 0x20]
    var samples: [[UInt8]] = [
      [], Array("10.1.2.3".utf8), Array("2001:db8:85a3::8a2e:370:7334".utf8),
      Array("1.2.3.4".utf8) + [0xFF], Array(String(repeating: "agent/1.0 ", count: 12).utf8),
    ]
    for _ in 0..<5_000 {
      samples.append((0..<Int(rng.next() % 24)).map { _ in alphabet[Int(rng.next() % 23)] })
    }
    for quad in 0..<500 {
      samples.append(Array("\(quad % 300).\(quad % 7).\(quad).\(quad % 256)".utf8))
    }
    var prefixes = 0
    for sample in samples {
      sample.withUnsafeBytes { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        for kind in [InfrastructureKeys.Kind.ip, .userAgent, .asn] {
          XCTAssertEqual(
            InfrastructureKeys.key(kind, bytes: bytes), InfrastructureKeys.key(kind, text), text)
        }
        let prefix = InfrastructureKeys.prefix(ofBytes: bytes)
        XCTAssertEqual(prefix, InfrastructureKeys.prefix(of: text), text)
        if prefix != nil { prefixes += 1 }
      }
    }
    XCTAssertGreaterThan(prefixes, 250)
  }
}
