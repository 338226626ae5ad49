import CZstd

/// Incremental decoder of zstd frames (the format of the `zstd` CLI),
/// including several frames back to back and skippable frames.
///
/// Guarantees: each call hands zstd at most the input size it suggested, so a
/// call decodes at most about one block; when a block or checksum is bad the
/// output of every earlier block has already been returned. Damage reads
/// "corrupt zstd frame: <zstd error>"; input ending inside a frame reads
/// "truncated zstd frame". Windows beyond zstd's default limit (128 MiB) are
/// refused as damage rather than allocated.
final class ZstdStreamDecoder: StreamDecoder {
  /// The largest zstd frame header (`ZSTD_FRAMEHEADERSIZE_MAX`).
  private static let maximumFrameHeaderSize = 18

  private let stream: OpaquePointer
  /// zstd's suggested next input size; 0 between frames.
  private var hint = 0

  init() throws {
    guard let created = ZSTD_createDStream() else {
      throw CompressionError("cannot create zstd decompression stream")
    }
    let code = ZSTD_initDStream(created)
    guard ZSTD_isError(code) == 0 else {
      ZSTD_freeDStream(created)
      throw CompressionError("cannot initialise zstd decompression stream")
    }
    stream = created
  }

  deinit {
    ZSTD_freeDStream(stream)
  }

  func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
    -> DecodeStep
  {
    let limit = hint > 0 ? hint : ZstdStreamDecoder.maximumFrameHeaderSize
    var source = ZSTD_inBuffer(src: input.baseAddress, size: min(input.count, limit), pos: 0)
    var destination = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
    let result = ZSTD_decompressStream(stream, &destination, &source)
    if ZSTD_isError(result) != 0 {
      let name = codecMessage(ZSTD_getErrorName(result), fallback: "error \(result)")
      return DecodeStep(
        consumed: source.pos, produced: destination.pos, damage: "corrupt zstd frame: \(name)")
    }
    // A call that moved nothing (an empty input at a frame boundary asks for
    // a new header) says nothing about where the stream stands.
    if source.pos > 0 || destination.pos > 0 {
      hint = result
    }
    return DecodeStep(consumed: source.pos, produced: destination.pos, damage: nil)
  }

  var isAtBoundary: Bool { hint == 0 }
  var truncationReason: String { "truncated zstd frame" }
}

/// Incremental encoder of one zstd frame that the `zstd` CLI (and
/// `ZstdStreamDecoder`) can read.
///
/// Guarantees: compression level 3 with a content checksum; the sink is
/// offered at least `ZSTD_CStreamOutSize()` of free space per call, and all
/// input is consumed before `encode` returns.
final class ZstdStreamEncoder: StreamEncoder {
  /// The compression level written.
  static let level: Int32 = 3

  private let context: OpaquePointer
  private let outputChunk = ZSTD_CStreamOutSize()

  init() throws {
    guard let created = ZSTD_createCCtx() else {
      throw CompressionError("cannot create zstd compression context")
    }
    context = created
    do {
      try check(
        ZSTD_CCtx_setParameter(created, ZSTD_c_compressionLevel, ZstdStreamEncoder.level),
        "cannot set zstd level")
      try check(
        ZSTD_CCtx_setParameter(created, ZSTD_c_checksumFlag, 1), "cannot enable zstd checksum")
    } catch {
      ZSTD_freeCCtx(created)
      throw error
    }
  }

  deinit {
    ZSTD_freeCCtx(context)
  }

  func encode(_ input: UnsafeRawBufferPointer, into sink: FileSink) throws {
    guard !input.isEmpty else { return }
    var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    while source.pos < source.size {
      _ = try step(&source, ZSTD_e_continue, sink)
    }
  }

  func finish(into sink: FileSink) throws {
    var source = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    while try step(&source, ZSTD_e_end, sink) != 0 {}
  }

  /// One `ZSTD_compressStream2` into the sink's free space; returns zstd's
  /// "bytes still to flush" (0 when an `ZSTD_e_end` frame is complete).
  private func step(
    _ source: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective, _ sink: FileSink
  ) throws -> Int {
    let space = try sink.reserve(minimum: outputChunk)
    var destination = ZSTD_outBuffer(dst: space.baseAddress, size: space.count, pos: 0)
    let remaining = ZSTD_compressStream2(context, &destination, &source, directive)
    try check(remaining, "cannot compress zstd stream")
    sink.commit(destination.pos)
    return remaining
  }

  private func check(_ result: Int, _ action: String) throws {
    guard ZSTD_isError(result) != 0 else { return }
    let name = codecMessage(ZSTD_getErrorName(result), fallback: "error \(result)")
    throw CompressionError("\(action): \(name)")
  }
}
