/// A rejected input line or damaged file region: where it is and why.
///
/// Guarantees: `offset` is the byte offset of the line's first byte in the
/// (decompressed) stream of `file`; records sort by (file, offset, reason).
public struct QuarantineRecord: Sendable, Hashable, Comparable {
  public var file: String
  public var offset: Int64
  public var reason: String

  public init(file: String, offset: Int64, reason: String) {
    self.file = file
    self.offset = offset
    self.reason = reason
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.file, lhs.offset, lhs.reason) < (rhs.file, rhs.offset, rhs.reason)
  }
}

extension QuarantineRecord {
  /// `string` file, `svarint` offset, `string` reason.
  public func encode(into w: inout BinaryWriter) {
    w.write(file)
    w.writeVarint(offset)
    w.write(reason)
  }

  public init(from r: inout BinaryReader) throws {
    self.init(
      file: try r.readString(), offset: try r.readSignedVarint(), reason: try r.readString())
  }
}
