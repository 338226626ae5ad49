/// Reads the layout written by `BinaryWriter`.
///
/// Guarantees: never reads out of bounds; any truncated or malformed input
/// throws `BinaryReader.Malformed` instead of trapping.
public struct BinaryReader {
  public struct Malformed: Error, CustomStringConvertible {
    public let description: String
  }

  let bytes: [UInt8]
  public private(set) var position = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public var isAtEnd: Bool { position == bytes.count }

  mutating func need(_ count: Int) throws {
    guard count >= 0, bytes.count - position >= count else {
      throw Malformed(description: "truncated message at byte \(position)")
    }
  }

  public mutating func readByte() throws -> UInt8 {
    try need(1)
    defer { position += 1 }
    return bytes[position]
  }

  public mutating func readUInt64() throws -> UInt64 {
    try need(8)
    let value = bytes.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)
    }
    position += 8
    return UInt64(littleEndian: value)
  }

  public mutating func readUInt32() throws -> UInt32 {
    try need(4)
    var value: UInt32 = 0
    for i in 0..<4 { value |= UInt32(bytes[position + i]) << UInt32(8 * i) }
    position += 4
    return value
  }

  public mutating func readVarint() throws -> UInt64 {
    // One byte (values below 128) is the common case.
    if position < bytes.count, bytes[position] < 0x80 {
      defer { position += 1 }
      return UInt64(bytes[position])
    }
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try readByte()
      guard shift < 64 else { throw Malformed(description: "varint too long at byte \(position)") }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
  }

  public mutating func readSignedVarint() throws -> Int64 {
    let raw = try readVarint()
    return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
  }

  public mutating func readInt() throws -> Int { Int(try readSignedVarint()) }

  /// A count that must be plausible for the bytes left (guards allocations).
  public mutating func readCount() throws -> Int {
    let count = try readVarint()
    guard count <= UInt64(bytes.count - position) else {
      throw Malformed(description: "count \(count) exceeds the message at byte \(position)")
    }
    return Int(count)
  }

  public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

  public mutating func readBool() throws -> Bool { try readByte() != 0 }

  public mutating func readString() throws -> String {
    let count = try readCount()
    try need(count)
    defer { position += count }
    return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
  }

  public mutating func readBytes() throws -> [UInt8] {
    let count = try readCount()
    try need(count)
    defer { position += count }
    return Array(bytes[position..<(position + count)])
  }

}
