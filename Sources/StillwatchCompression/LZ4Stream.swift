import CLZ4

/// Incremental decoder of LZ4 frames (the format of the `lz4` CLI), including
/// several frames back to back and skippable frames.
///
/// Guarantees: each call hands LZ4F at most the input size it asked for, so a
/// call decodes at most one block; when a block or checksum is bad the output
/// of every earlier block has already been returned. Damage reads
/// "corrupt lz4 frame: <LZ4F error>"; input ending inside a frame reads
/// "truncated lz4 frame".
final class LZ4StreamDecoder: StreamDecoder {
  private let context: OpaquePointer
  /// LZ4F's hint for the next input size; 0 between frames.
  private var hint = 0

  init() throws {
    var created: OpaquePointer?
    let code = LZ4F_createDecompressionContext(&created, UInt32(LZ4F_VERSION))
    guard LZ4F_isError(code) == 0, let created else {
      throw CompressionError("cannot create lz4 decompression context")
    }
    context = created
  }

  deinit {
    LZ4F_freeDecompressionContext(context)
  }

  func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
    -> DecodeStep
  {
    // Between frames feed no more than a maximal frame header; inside a
    // frame, no more than LZ4F's hint (the rest of the current block).
    let limit = hint > 0 ? hint : Int(LZ4F_HEADER_SIZE_MAX)
    var sourceSize = min(input.count, limit)
    var destinationSize = output.count
    let result = LZ4F_decompress(
      context, output.baseAddress, &destinationSize, input.baseAddress, &sourceSize, nil)
    if LZ4F_isError(result) != 0 {
      let name = codecMessage(LZ4F_getErrorName(result), fallback: "error \(result)")
      return DecodeStep(consumed: 0, produced: 0, damage: "corrupt lz4 frame: \(name)")
    }
    // A call that moved nothing (an empty input at a frame boundary asks for
    // a new header) says nothing about where the stream stands.
    if sourceSize > 0 || destinationSize > 0 {
      hint = result
    }
    return DecodeStep(consumed: sourceSize, produced: destinationSize, damage: nil)
  }

  var isAtBoundary: Bool { hint == 0 }
  var truncationReason: String { "truncated lz4 frame" }
}

/// Incremental encoder of one LZ4 frame that the `lz4` CLI (and
/// `LZ4StreamDecoder`) can read.
///
/// Guarantees: the frame has 256 KiB linked blocks and a content checksum;
/// input is fed in 64 KiB pieces, so the sink never needs more than
/// `LZ4F_compressBound(64 KiB)` of free space at once.
final class LZ4StreamEncoder: StreamEncoder {
  /// The largest piece handed to one `LZ4F_compressUpdate`.
  private static let pieceSize = 64 << 10

  private let context: OpaquePointer
  private var preferences: LZ4F_preferences_t
  /// Worst-case output of one piece (and of the final flush).
  private let pieceBound: Int

  /// Creates the context and writes the frame header into `sink`.
  init(sink: FileSink) throws {
    var created: OpaquePointer?
    let code = LZ4F_createCompressionContext(&created, UInt32(LZ4F_VERSION))
    guard LZ4F_isError(code) == 0, let created else {
      throw CompressionError("cannot create lz4 compression context")
    }
    context = created
    preferences = LZ4F_preferences_t()
    preferences.frameInfo.blockSizeID = LZ4F_max256KB
    preferences.frameInfo.blockMode = LZ4F_blockLinked
    preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled
    pieceBound = max(
      LZ4F_compressBound(LZ4StreamEncoder.pieceSize, &preferences),
      LZ4F_compressBound(0, &preferences))
    let space = try sink.reserve(minimum: Int(LZ4F_HEADER_SIZE_MAX))
    let written = LZ4F_compressBegin(context, space.baseAddress, space.count, &preferences)
    try check(written, "cannot begin lz4 frame")
    sink.commit(written)
  }

  deinit {
    LZ4F_freeCompressionContext(context)
  }

  func encode(_ input: UnsafeRawBufferPointer, into sink: FileSink) throws {
    var offset = 0
    while offset < input.count {
      let count = min(LZ4StreamEncoder.pieceSize, input.count - offset)
      let space = try sink.reserve(minimum: pieceBound)
      let written = LZ4F_compressUpdate(
        context, space.baseAddress, space.count, input.baseAddress! + offset, count, nil)
      try check(written, "cannot compress lz4 block")
      sink.commit(written)
      offset += count
    }
  }

  func finish(into sink: FileSink) throws {
    let space = try sink.reserve(minimum: pieceBound)
    let written = LZ4F_compressEnd(context, space.baseAddress, space.count, nil)
    try check(written, "cannot end lz4 frame")
    sink.commit(written)
  }

  private func check(_ result: Int, _ action: String) throws {
    guard LZ4F_isError(result) != 0 else { return }
    let name = codecMessage(LZ4F_getErrorName(result), fallback: "error \(result)")
    throw CompressionError("\(action): \(name)")
  }
}
