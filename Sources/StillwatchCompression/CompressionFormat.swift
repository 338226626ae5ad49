/// The compression formats stillwatch reads and writes, named by file suffix.
///
/// Guarantees: `init(path:)` recognises exactly the suffixes of SPEC §1
/// (`.lz4`, `.zst`, `.gz`; anything else is `.none`), so a file's format is a
/// pure function of its name.
public enum CompressionFormat: String, Sendable, CaseIterable {
  case none
  case lz4
  case zstd
  case gzip

  /// The format implied by a path's suffix.
  public init(path: String) {
    if path.hasSuffix(".lz4") {
      self = .lz4
    } else if path.hasSuffix(".zst") {
      self = .zstd
    } else if path.hasSuffix(".gz") {
      self = .gzip
    } else {
      self = .none
    }
  }

  /// The file suffix written for this format (empty for `.none`).
  public var fileSuffix: String {
    switch self {
    case .none: return ""
    case .lz4: return ".lz4"
    case .zstd: return ".zst"
    case .gzip: return ".gz"
    }
  }
}
