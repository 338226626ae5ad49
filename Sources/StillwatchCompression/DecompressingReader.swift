/// Streaming reader of a possibly-compressed file, its format taken from the
/// path suffix (`CompressionFormat(path:)`): LZ4 frames, zstd frames, gzip
/// members, or plain bytes.
///
/// Guarantees:
/// - Memory is flat: one 1 MiB input block, one 1 MiB output block, and the
///   codec's own state, whatever the file size.
/// - Concatenated frames (LZ4, zstd) and members (gzip) are read as one stream.
/// - On damage (truncation, corrupt data, a bad checksum) every byte that
///   decoded before it is returned first; only the next call throws
///   `DecompressionDamage`, whose `decompressedOffset` equals the total bytes
///   returned. Damage is sticky: every later call throws it again.
/// - A 0 return means a clean end of stream (an empty file is a clean, empty
///   stream); after it, and after `close()`, reads keep returning 0.
///
/// Not thread-safe: use one reader from one task at a time.
public final class DecompressingReader {
  /// The format decoded, from the path suffix.
  public let format: CompressionFormat

  private let source: FileSource
  private var decoder: (any StreamDecoder)?
  private let output: UnsafeMutableRawBufferPointer
  private var returned: Int64 = 0
  private var consumed: Int64 = 0
  private var damage: DecompressionDamage?
  private var finished = false

  /// Opens `path`; throws `CompressionError` ("cannot open PATH: reason") when
  /// the file cannot be opened.
  public init(path: String) throws {
    format = CompressionFormat(path: path)
    source = try FileSource(path: path)
    decoder = try makeStreamDecoder(for: format)
    output = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
  }

  deinit {
    close()
    output.deallocate()
  }

  /// Total decompressed bytes returned so far.
  public var decompressedOffset: Int64 { returned }

  /// Bytes of the file (as stored, compressed) the decoder has consumed so far.
  public var fileOffset: Int64 { consumed }

  /// Appends up to `maxBytes` decompressed bytes to `buffer` and returns how
  /// many were appended; 0 means a clean end of stream.
  ///
  /// Throws `DecompressionDamage` on damage (only once every good byte before
  /// it has been returned), or `CompressionError` when the file cannot be read.
  public func read(into buffer: inout [UInt8], maxBytes: Int) throws -> Int {
    guard let decoder else { return 0 }
    if let damage { throw damage }
    guard maxBytes > 0, !finished else { return 0 }
    var appended = 0
    while appended < maxBytes {
      try source.refillIfEmpty()
      let input = source.pending
      let space = UnsafeMutableRawBufferPointer(
        rebasing: output[0..<min(output.count, maxBytes - appended)])
      let step = decoder.decode(input, into: space)
      source.consume(step.consumed)
      consumed += Int64(step.consumed)
      if step.produced > 0 {
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: space[0..<step.produced]))
        appended += step.produced
        returned += Int64(step.produced)
      }
      if let reason = step.damage {
        damage = DecompressionDamage(decompressedOffset: returned, reason: reason)
        break
      }
      guard step.consumed == 0, step.produced == 0 else { continue }
      // No progress: the decoder wants input and the file has none left.
      if source.isExhausted {
        if decoder.isAtBoundary {
          finished = true
        } else {
          damage = DecompressionDamage(
            decompressedOffset: returned, reason: decoder.truncationReason)
        }
        break
      }
      // Input and space were both offered yet nothing moved: never spin.
      if !input.isEmpty {
        damage = DecompressionDamage(
          decompressedOffset: returned,
          reason: "corrupt \(format.rawValue) stream: decoder made no progress")
        break
      }
    }
    if appended == 0, let damage { throw damage }
    return appended
  }

  /// Releases the codec and closes the file; idempotent. Later reads return 0.
  public func close() {
    decoder = nil
    source.close()
    finished = true
  }
}
