import StillwatchCompression

/// Reads byte ranges of a compressed file by their offsets in the decompressed
/// stream: a worker's side of a compressed shared-path task.
///
/// Keeps the last file's reader open at the end of the last range, so ranges of
/// one file read in ascending order (how the coordinator leases them) cost one
/// pass of decompression between them; the bytes in between are decompressed
/// and dropped. A range behind the reader reopens the file.
///
/// Guarantees: returns exactly the `length` bytes at `offset` of the
/// decompressed stream, or throws (missing file, damage or end of stream
/// inside the range); memory is one reader plus the range.
public final class CompressedRangeReader {
  private var path: String?
  private var reader: DecompressingReader?
  /// Decompressed bytes the open reader has returned so far.
  private var position: Int64 = 0
  private var scratch: [UInt8] = []

  public init() {}

  public func read(path: String, offset: Int64, length: Int64) throws -> [UInt8] {
    if self.path != path || reader == nil || position > offset {
      reader = try DecompressingReader(path: path)
      self.path = path
      position = 0
    }
    guard let reader else { throw IngestError("cannot open shared input \(path)") }
    do {
      while position < offset {
        scratch.removeAll(keepingCapacity: true)
        let got = try reader.read(into: &scratch, maxBytes: Int(min(offset - position, 1 << 20)))
        guard got > 0 else { throw IngestError("shared input \(path) ends before \(offset)") }
        position += Int64(got)
      }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(Int(length))
      while bytes.count < Int(length) {
        let got = try reader.read(into: &bytes, maxBytes: Int(length) - bytes.count)
        guard got > 0 else {
          throw IngestError("shared input \(path) is shorter than the coordinator saw")
        }
        position += Int64(got)
      }
      return bytes
    } catch {
      self.reader = nil
      throw error as? IngestError ?? IngestError("cannot read shared input \(path): \(error)")
    }
  }
}
