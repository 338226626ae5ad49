#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure of this module that is not damage inside a compressed stream:
/// a file that cannot be opened, read, or written, a codec that cannot be
/// set up, or whole-buffer input (`LZ4Frame`) that does not decode.
///
/// Guarantees: `description` is a single human-readable line naming the
/// reason (and the file, where one is involved); it never contains a newline.
public struct CompressionError: Error, CustomStringConvertible, Sendable {
  /// The one-line reason.
  public let description: String

  /// Wraps a one-line reason; any line breaks are folded into spaces.
  public init(_ description: String) {
    self.description = String(
      description.map { $0.isNewline ? " " : $0 })
  }

  /// "`action` `path`: strerror(code)", e.g. "cannot open /x.lz4: No such file or directory".
  static func system(_ action: String, _ path: String, errno code: Int32) -> CompressionError {
    CompressionError("\(action) \(path): \(systemErrorMessage(code))")
  }
}

/// Damage found while decoding a compressed stream: a truncated frame, corrupt
/// data, or a failed checksum.
///
/// Guarantees: `DecompressingReader` throws this only after it has returned
/// every byte that decoded before the damage, so `decompressedOffset` equals
/// the total number of bytes the reader handed out. `reason` is one line and
/// starts with "truncated <format> ..." or "corrupt <format> ...", where
/// `<format>` is `lz4`, `zstd`, or `gzip`.
public struct DecompressionDamage: Error, Sendable, CustomStringConvertible {
  /// Bytes of good output returned before the damage.
  public let decompressedOffset: Int64
  /// Why decoding stopped, e.g. "truncated lz4 frame" or
  /// "corrupt gzip stream: invalid block type".
  public let reason: String

  /// Creates a damage report at `decompressedOffset` for `reason`.
  public init(decompressedOffset: Int64, reason: String) {
    self.decompressedOffset = decompressedOffset
    self.reason = reason
  }

  /// "`reason` at decompressed offset `decompressedOffset`".
  public var description: String {
    "\(reason) at decompressed offset \(decompressedOffset)"
  }
}

/// The C library's message for an `errno` value.
func systemErrorMessage(_ code: Int32) -> String {
  guard let message = strerror(code) else { return "error \(code)" }
  return String(cString: message)
}

/// Converts a C string returned by a codec library into a Swift string.
func codecMessage(_ pointer: UnsafePointer<CChar>?, fallback: String) -> String {
  guard let pointer else { return fallback }
  let text = String(cString: pointer)
  return text.isEmpty ? fallback : text
}
