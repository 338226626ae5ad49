import Foundation

/// Cuts a plain (uncompressed) file into line-aligned byte ranges of about
/// `chunkBytes` without reading it whole: it reads only a little past each cut
/// to find the next newline. For workers that read a shared path themselves.
///
/// Guarantees: ranges are contiguous, cover the file exactly, and each ends
/// just after a newline (or at the end of the file), so every line is in
/// exactly one range — the same lines a `ChunkReader` would cut.
public final class LineRangePlanner {
  public let path: String
  public let size: Int64
  public let chunkBytes: Int64
  private let handle: FileHandle
  private var next: Int64 = 0

  public init(path: String, chunkBytes: Int) throws {
    self.path = path
    self.chunkBytes = Int64(max(1, chunkBytes))
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw IngestError("cannot open \(path)")
    }
    self.handle = handle
    size = Int64(try handle.seekToEnd())
  }

  deinit { try? handle.close() }

  /// The next (offset, length), or nil at the end of the file.
  public func nextRange() throws -> (offset: Int64, length: Int64)? {
    guard next < size else { return nil }
    let start = next
    var end = min(size, start + chunkBytes)
    if end < size {
      // The cut falls inside a line: move it just past the next newline.
      try handle.seek(toOffset: UInt64(end - 1))
      var found = false
      while !found, let block = try handle.read(upToCount: 64 * 1024), !block.isEmpty {
        if let newline = block.firstIndex(of: 0x0A) {
          end += Int64(block.distance(from: block.startIndex, to: newline))
          found = true
        } else {
          end += Int64(block.count)
        }
      }
      end = min(size, found ? end : size)
    }
    next = end
    return (start, end - start)
  }

  /// Reads a range (a worker's side of a shared-path task).
  public static func read(path: String, offset: Int64, length: Int64) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw IngestError("cannot open shared input \(path)") }
    defer { close(descriptor) }
    let bytes = try FileBytes.read(descriptor, at: offset, count: Int(length), path: path)
    guard bytes.count == Int(length) else {
      throw IngestError("shared input \(path) is shorter than the coordinator saw")
    }
    return bytes
  }
}
