/// Streaming writer of a file in an explicitly given format: one LZ4 frame,
/// one zstd frame, one gzip member, or plain bytes.
///
/// Guarantees:
/// - The result is readable by the matching system CLI (`lz4 -d`, `zstd -d`,
///   `gzip -d`) and by `DecompressingReader`; LZ4 and zstd carry a content
///   checksum, gzip its CRC-32.
/// - Memory is flat: one output block of about 1 MiB plus the codec's state;
///   compressed bytes reach the file in blocks of about 1 MiB.
/// - The stream is only complete after `close()`, which is idempotent. A
///   writer dropped without `close()` finishes the stream on a best-effort
///   basis, swallowing errors; call `close()` to see them.
/// - After any thrown error the file is not a valid stream; `close()` still
///   releases the codec and the descriptor.
///
/// Not thread-safe: use one writer from one task at a time.
public final class CompressedFileWriter {
  /// The format written.
  public let format: CompressionFormat
  /// The path written.
  public let path: String

  private let sink: FileSink
  private var encoder: (any StreamEncoder)?

  /// Creates or truncates `path` and starts a stream in `format`; throws
  /// `CompressionError` ("cannot create PATH: reason") on failure.
  public init(path: String, format: CompressionFormat) throws {
    self.path = path
    self.format = format
    sink = try FileSink(path: path)
    do {
      encoder = try makeStreamEncoder(for: format, sink: sink)
    } catch {
      try? sink.close()
      throw error
    }
  }

  deinit {
    try? close()
  }

  /// Compresses and writes `bytes`.
  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  /// Compresses and writes `bytes`.
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard let encoder else { throw CompressionError("cannot write \(path): writer is closed") }
    guard !bytes.isEmpty else { return }
    try encoder.encode(bytes, into: sink)
  }

  /// Compresses and writes the UTF-8 bytes of `string`.
  public func write(_ string: String) throws {
    var string = string
    try string.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
  }

  /// Finishes the frame or stream, flushes, and closes the file; idempotent.
  /// The descriptor is closed even when finishing fails; the first error is
  /// thrown.
  public func close() throws {
    guard let encoder else { return }
    self.encoder = nil
    var failure: (any Error)?
    do {
      try encoder.finish(into: sink)
    } catch {
      failure = error
    }
    do {
      try sink.close()
    } catch {
      if failure == nil { failure = error }
    }
    if let failure { throw failure }
  }
}
