import CZlib

/// Incremental decoder of gzip (and zlib) streams through zlib's `inflate`,
/// including several gzip members back to back (`cat a.gz b.gz`).
///
/// Guarantees: output decoded before an error is returned as good output
/// (zlib reports it alongside the error). Damage reads
/// "corrupt gzip stream: <zlib message>" (e.g. "invalid block type",
/// "incorrect data check"); input ending inside a member reads
/// "truncated gzip stream". Bytes after a member that do not start another
/// member are damage, not silently ignored.
final class GzipStreamDecoder: StreamDecoder {
  /// 15-bit window, +32: detect a gzip or zlib header automatically.
  private static let windowBits: Int32 = 15 + 32

  private let stream: UnsafeMutablePointer<z_stream>
  /// True once a member has started and until it ends.
  private var insideMember = false
  /// True after `Z_STREAM_END`: the next input starts a new member.
  private var memberEnded = false

  init() throws {
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let code = inflateInit2_(
      stream, GzipStreamDecoder.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard code == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw CompressionError("cannot initialise gzip decoder (zlib error \(code))")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
    -> DecodeStep
  {
    if memberEnded {
      // Nothing is held back after a member's end; only new input matters.
      guard !input.isEmpty else { return DecodeStep(consumed: 0, produced: 0, damage: nil) }
      inflateReset(stream)
      memberEnded = false
    }
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = uInt(output.count)
    let code = inflate(stream, Z_NO_FLUSH)
    let consumed = input.count - Int(stream.pointee.avail_in)
    let produced = output.count - Int(stream.pointee.avail_out)
    stream.pointee.next_in = nil
    stream.pointee.next_out = nil
    if consumed > 0 { insideMember = true }
    var step = DecodeStep(consumed: consumed, produced: produced, damage: nil)
    switch code {
    case Z_OK, Z_BUF_ERROR:
      break
    case Z_STREAM_END:
      insideMember = false
      memberEnded = true
    case Z_DATA_ERROR:
      step.damage = "corrupt gzip stream: \(message(fallback: "invalid data"))"
    case Z_NEED_DICT:
      step.damage = "corrupt gzip stream: needs a preset dictionary"
    case Z_MEM_ERROR:
      step.damage = "corrupt gzip stream: out of memory"
    default:
      step.damage = "corrupt gzip stream: \(message(fallback: "zlib error \(code)"))"
    }
    return step
  }

  var isAtBoundary: Bool { !insideMember }
  var truncationReason: String { "truncated gzip stream" }

  private func message(fallback: String) -> String {
    codecMessage(stream.pointee.msg, fallback: fallback)
  }
}

/// Incremental encoder of one gzip member that `gzip -d` (and
/// `GzipStreamDecoder`) can read.
///
/// Guarantees: deflate at level 6 with a gzip header and CRC-32 trailer; the
/// sink is offered at least 64 KiB of free space per call, and all input is
/// consumed before `encode` returns. Inputs above 4 GiB are fed in pieces.
final class GzipStreamEncoder: StreamEncoder {
  /// The compression level written.
  static let level: Int32 = 6
  /// 15-bit window, +16: write a gzip (not zlib) header and trailer.
  private static let windowBits: Int32 = 15 + 16
  /// zlib's default memory level.
  private static let memoryLevel: Int32 = 8
  private static let outputChunk = 64 << 10
  private static let maximumPiece = Int(UInt32.max)

  private let stream: UnsafeMutablePointer<z_stream>

  init() throws {
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let code = deflateInit2_(
      stream, GzipStreamEncoder.level, Z_DEFLATED, GzipStreamEncoder.windowBits,
      GzipStreamEncoder.memoryLevel, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard code == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw CompressionError("cannot initialise gzip encoder (zlib error \(code))")
    }
  }

  deinit {
    deflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  func encode(_ input: UnsafeRawBufferPointer, into sink: FileSink) throws {
    var offset = 0
    while offset < input.count {
      let count = min(GzipStreamEncoder.maximumPiece, input.count - offset)
      stream.pointee.next_in = UnsafeMutablePointer(
        mutating: (input.baseAddress! + offset).assumingMemoryBound(to: Bytef.self))
      stream.pointee.avail_in = uInt(count)
      while stream.pointee.avail_in > 0 {
        _ = try step(Z_NO_FLUSH, sink)
      }
      offset += count
    }
    stream.pointee.next_in = nil
  }

  func finish(into sink: FileSink) throws {
    stream.pointee.next_in = nil
    stream.pointee.avail_in = 0
    while try step(Z_FINISH, sink) != Z_STREAM_END {}
  }

  /// One `deflate` into the sink's free space; returns zlib's result code.
  private func step(_ flush: Int32, _ sink: FileSink) throws -> Int32 {
    let space = try sink.reserve(minimum: GzipStreamEncoder.outputChunk)
    let offered = min(space.count, Int(UInt32.max))
    stream.pointee.next_out = space.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = uInt(offered)
    let code = deflate(stream, flush)
    sink.commit(offered - Int(stream.pointee.avail_out))
    stream.pointee.next_out = nil
    guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else {
      let message = codecMessage(stream.pointee.msg, fallback: "zlib error \(code)")
      throw CompressionError("cannot compress gzip stream: \(message)")
    }
    return code
  }
}
