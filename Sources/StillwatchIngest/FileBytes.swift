import Foundation

/// Reads bytes at an offset of an open file straight into an array (no
/// intermediate `Data`, no copy).
///
/// Guarantees: returns exactly `count` bytes, or fewer only where the file
/// ends; `EINTR` is retried; a read error throws, naming `path` and errno.
public enum FileBytes {
  public static func read(_ descriptor: Int32, at offset: Int64, count: Int, path: String) throws
    -> [UInt8]
  {
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
      filled = 0
      while filled < count {
        let got = pread(
          descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          if got < 0 { failure = errno }
          break
        }
        filled += got
      }
    }
    if failure != 0 { throw IngestError("cannot read \(path): errno \(failure)") }
    return bytes
  }
}
