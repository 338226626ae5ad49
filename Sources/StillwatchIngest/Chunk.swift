/// A run of whole input lines from one file: the unit of work a worker analyses.
///
/// Guarantees: `bytes` holds complete lines only (the last may lack its
/// newline only at a clean end of file); `offset` is the byte offset of
/// `bytes[0]` in the file's decompressed stream.
public struct Chunk: Sendable, Equatable {
  /// Index of the file in the sweep's sorted input list.
  public var file: Int
  public var offset: Int64
  public var bytes: [UInt8]

  public init(file: Int, offset: Int64, bytes: [UInt8]) {
    self.file = file
    self.offset = offset
    self.bytes = bytes
  }
}
