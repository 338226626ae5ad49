/// Appends values to a byte buffer in the wire/spill layout: little-endian
/// fixed-width integers, LEB128 varints, length-prefixed strings and bytes.
///
/// Guarantees: the layout is exactly what `BinaryReader` reads; it never
/// depends on the platform's endianness.
public struct BinaryWriter: Sendable {
  public private(set) var bytes: [UInt8] = []

  public init(capacity: Int = 256) {
    bytes.reserveCapacity(capacity)
  }

  public mutating func write(_ value: UInt8) { bytes.append(value) }

  public mutating func write(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  public mutating func write(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
    }
  }

  /// Unsigned LEB128.
  public mutating func writeVarint(_ value: UInt64) {
    if value < 0x80 {
      bytes.append(UInt8(value))
      return
    }
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// Zig-zag signed varint.
  public mutating func writeVarint(_ value: Int64) {
    writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  public mutating func writeVarint(_ value: Int) { writeVarint(Int64(value)) }

  /// A non-negative count, read back by `BinaryReader.readCount()`.
  public mutating func writeCount(_ count: Int) { writeVarint(UInt64(count)) }

  public mutating func write(_ value: Double) { write(value.bitPattern) }

  public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

  public mutating func write(_ value: String) {
    writeVarint(UInt64(value.utf8.count))
    bytes.append(contentsOf: value.utf8)  // copied from the string's storage, no array between
  }

  public mutating func writeBytes(_ value: [UInt8]) {
    writeVarint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

}
