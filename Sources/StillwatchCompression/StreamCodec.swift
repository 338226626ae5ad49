// The streaming codec abstraction: one decoder and one encoder per
// `CompressionFormat`, plus the pass-through pair for uncompressed files.

/// The outcome of one `StreamDecoder.decode` call.
struct DecodeStep {
  /// Input bytes consumed.
  var consumed: Int
  /// Output bytes written to the front of the output space.
  var produced: Int
  /// Set when the stream is damaged; `produced` bytes are still good output.
  var damage: String?
}

/// One incremental decoder of a compressed stream (LZ4 frames, zstd frames,
/// gzip members, or plain bytes).
///
/// Contract: `decode` consumes a prefix of `input` and writes a prefix of
/// `output`; with empty input it only flushes output it already holds.
/// It reports damage at most once, after which it must not be called again.
/// `isAtBoundary` is true when the input so far ends exactly between frames,
/// so an end of input there is a clean end of stream; otherwise the stream is
/// truncated and `truncationReason` says so.
protocol StreamDecoder: AnyObject {
  func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
    -> DecodeStep
  var isAtBoundary: Bool { get }
  var truncationReason: String { get }
}

/// Creates the decoder for `format`; throws when the codec cannot be set up.
func makeStreamDecoder(for format: CompressionFormat) throws -> any StreamDecoder {
  switch format {
  case .none: return PassThroughDecoder()
  case .lz4: return try LZ4StreamDecoder()
  case .zstd: return try ZstdStreamDecoder()
  case .gzip: return try GzipStreamDecoder()
  }
}

/// The decoder for uncompressed files: copies input to output.
///
/// Guarantees: output equals input byte for byte; never reports damage or
/// truncation.
final class PassThroughDecoder: StreamDecoder {
  func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
    -> DecodeStep
  {
    let count = min(input.count, output.count)
    if count > 0 {
      output.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: count)
    }
    return DecodeStep(consumed: count, produced: count, damage: nil)
  }

  var isAtBoundary: Bool { true }
  var truncationReason: String { "truncated file" }
}

/// One incremental encoder of a compressed stream, writing into a `FileSink`.
///
/// Contract: `encode` accepts any number of bytes, any number of times, and
/// may hold some back; `finish` writes everything held back plus the end of
/// the frame or stream (checksum, trailer) and is called exactly once, after
/// which the encoder is not used again. An empty stream still gets a valid,
/// empty frame.
protocol StreamEncoder: AnyObject {
  func encode(_ input: UnsafeRawBufferPointer, into sink: FileSink) throws
  func finish(into sink: FileSink) throws
}

/// Creates the encoder for `format`, writing any frame header into `sink`;
/// throws when the codec cannot be set up.
func makeStreamEncoder(for format: CompressionFormat, sink: FileSink) throws
  -> any StreamEncoder
{
  switch format {
  case .none: return PassThroughEncoder()
  case .lz4: return try LZ4StreamEncoder(sink: sink)
  case .zstd: return try ZstdStreamEncoder()
  case .gzip: return try GzipStreamEncoder()
  }
}

/// The encoder for uncompressed files: copies input to the sink.
///
/// Guarantees: the file equals the input byte for byte.
final class PassThroughEncoder: StreamEncoder {
  func encode(_ input: UnsafeRawBufferPointer, into sink: FileSink) throws {
    try sink.append(input)
  }

  func finish(into sink: FileSink) throws {}
}
