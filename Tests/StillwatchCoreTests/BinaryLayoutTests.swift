import XCTest

@testable import StillwatchCore

/// `BinaryWriter` and `BinaryReader` agree on every boundary of their layout,
/// and a reader refuses truncated bytes instead of trapping.
final class BinaryLayoutTests: XCTestCase {
  func testIntegersAndStringsRoundTripAtTheirBoundaries() throws {
    let unsigned: [UInt64] = [0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 1 << 35, UInt64.max - 1, .max]
    let signed: [Int64] = [0, -1, 1, 63, -64, 64, -65, .min, .max]
    let strings = [
      "", "a", "fifteen bytes!!", "sixteen bytes!!!", "é😀", String(repeating: "x", count: 300),
    ]
    var w = BinaryWriter()
    for value in unsigned {
      w.writeVarint(value)
      w.write(value)
    }
    for value in signed { w.writeVarint(value) }
    for value in strings { w.write(value) }
    XCTAssertEqual(Array(w.bytes.prefix(9)), [0x00, 0, 0, 0, 0, 0, 0, 0, 0])
    var r = BinaryReader(w.bytes)
    for value in unsigned {
      XCTAssertEqual(try r.readVarint(), value)
      XCTAssertEqual(try r.readUInt64(), value)
    }
    for value in signed { XCTAssertEqual(try r.readSignedVarint(), value) }
    for value in strings { XCTAssertEqual(try r.readString(), value) }
    XCTAssertTrue(r.isAtEnd)
    // Little-endian fixed width, whatever the machine.
    var fixed = BinaryWriter()
    fixed.write(UInt64(0x0102_0304_0506_0708))
    XCTAssertEqual(fixed.bytes, [8, 7, 6, 5, 4, 3, 2, 1])
  }

  func testEveryTruncationThrows() {
    var w = BinaryWriter()
    w.writeVarint(UInt64(1) << 40)
    w.write(UInt64(7))
    w.write("a string")
    let bytes = w.bytes
    for length in 0..<bytes.count {
      var r = BinaryReader(Array(bytes.prefix(length)))
      XCTAssertThrowsError(
        try {
          _ = try r.readVarint()
          _ = try r.readUInt64()
          _ = try r.readString()
        }(), "truncated at \(length)")
    }
    var tooLong = BinaryReader(Array(repeating: 0xFF, count: 11))
    XCTAssertThrowsError(try tooLong.readVarint())
  }
}
