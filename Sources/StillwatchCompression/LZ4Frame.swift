import CLZ4

/// Whole-buffer LZ4 *frame* format (`LZ4F_compressFrame` / `LZ4F_decompress`),
/// used for wire payloads and spills.
///
/// Guarantees:
/// - `compress` output is one standard LZ4 frame with the content size in its
///   header and a content checksum, readable by `lz4 -d`.
/// - `decompress(compress(x)) == x` for every `x`, including empty input.
/// - `decompress` accepts one or more concatenated frames and throws
///   `CompressionError` on empty, truncated, or corrupt input (including a
///   checksum or content-size mismatch); it never traps on arbitrary bytes and
///   never allocates more than a bounded multiple of the input up front.
public enum LZ4Frame {
  /// The largest expansion LZ4 can achieve (a run of one byte): ~255x.
  private static let maximumRatio = 256
  /// Output granted before the first frame header is seen.
  private static let initialOutput = 64 << 10

  /// Compresses `bytes` into one LZ4 frame.
  public static func compress(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { compress($0) }
  }

  /// Compresses `bytes` into one LZ4 frame.
  public static func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var preferences = LZ4F_preferences_t()
    preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled
    preferences.frameInfo.contentSize = UInt64(bytes.count)
    let bound = LZ4F_compressFrameBound(bytes.count, &preferences)
    var written = 0
    let frame = [UInt8](unsafeUninitializedCapacity: bound) { output, count in
      written = LZ4F_compressFrame(
        output.baseAddress, bound, bytes.baseAddress, bytes.count, &preferences)
      count = LZ4F_isError(written) == 0 ? written : 0
    }
    // With a destination of LZ4F_compressFrameBound the library cannot fail.
    precondition(LZ4F_isError(written) == 0, "LZ4F_compressFrame failed within its bound")
    return frame
  }

  /// Decompresses one or more concatenated LZ4 frames.
  public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
    try bytes.withUnsafeBytes { try decompress($0) }
  }

  /// Decompresses one or more concatenated LZ4 frames.
  public static func decompress(_ bytes: UnsafeRawBufferPointer) throws -> [UInt8] {
    guard !bytes.isEmpty else { throw CompressionError("truncated lz4 frame: empty input") }
    var context: OpaquePointer?
    guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0,
      let context
    else { throw CompressionError("cannot create lz4 decompression context") }
    defer { LZ4F_freeDecompressionContext(context) }

    // The declared size is filled without zeroing it first; only when more
    // comes (concatenated frames, no declared size) does the output grow.
    var produced = 0
    var consumed = 0
    var finished = false
    var output = try [UInt8](unsafeUninitializedCapacity: initialSize(of: bytes)) {
      buffer, count in
      finished = try pump(
        context, bytes, into: buffer.baseAddress!, capacity: buffer.count, produced: &produced,
        consumed: &consumed)
      count = produced
    }
    while !finished {
      output.append(contentsOf: repeatElement(0, count: max(output.count, initialOutput)))
      let capacity = output.count
      finished = try output.withUnsafeMutableBufferPointer {
        try pump(
          context, bytes, into: $0.baseAddress!, capacity: capacity, produced: &produced,
          consumed: &consumed)
      }
    }
    output.removeLast(output.count - produced)
    return output
  }

  /// Decompresses from `bytes[consumed...]` into `out[produced..<capacity]`
  /// until the input ends at a frame's end (true) or the output is full
  /// (false); throws on corrupt, truncated or stuck input.
  private static func pump(
    _ context: OpaquePointer, _ bytes: UnsafeRawBufferPointer,
    into out: UnsafeMutablePointer<UInt8>, capacity: Int, produced: inout Int, consumed: inout Int
  ) throws -> Bool {
    while produced < capacity {
      var sourceSize = bytes.count - consumed
      var destinationSize = capacity - produced
      let hint = LZ4F_decompress(
        context, out + produced, &destinationSize, bytes.baseAddress! + consumed, &sourceSize, nil)
      if LZ4F_isError(hint) != 0 {
        let name = codecMessage(LZ4F_getErrorName(hint), fallback: "error \(hint)")
        throw CompressionError("corrupt lz4 frame: \(name)")
      }
      consumed += sourceSize
      produced += destinationSize
      if consumed == bytes.count {
        if hint == 0 { return true }
        // Out of input inside a frame: only buffered output can still come.
        if destinationSize == 0 && produced < capacity {
          throw CompressionError("truncated lz4 frame")
        }
      } else if sourceSize == 0 && destinationSize == 0 && produced < capacity {
        throw CompressionError("corrupt lz4 frame: decoder made no progress")
      }
    }
    return false
  }

  /// The output to allocate first: the declared content size of the first
  /// frame (plus one) when it is plausible for the input length, else a
  /// small default.
  private static func initialSize(of bytes: UnsafeRawBufferPointer) -> Int {
    let plausible = bytes.count.multipliedReportingOverflow(by: maximumRatio)
    let ceiling = plausible.overflow ? Int.max : plausible.partialValue
    var context: OpaquePointer?
    guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0,
      let context
    else { return initialOutput }
    defer { LZ4F_freeDecompressionContext(context) }
    var info = LZ4F_frameInfo_t()
    var size = bytes.count
    let result = LZ4F_getFrameInfo(context, &info, bytes.baseAddress, &size)
    guard LZ4F_isError(result) == 0, info.contentSize > 0,
      info.contentSize <= UInt64(ceiling)
    else { return initialOutput }
    // One spare byte lets the checksum be read without growing the output.
    return Int(info.contentSize) + 1
  }
}
