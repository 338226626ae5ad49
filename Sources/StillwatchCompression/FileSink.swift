#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A write-only file descriptor behind one output block.
///
/// Encoders write compressed bytes straight into the block's free space
/// (`reserve(minimum:)` then `commit(_:)`); the block goes to the file with
/// `write(2)` when it fills, on `flush()`, and before `close()`.
///
/// Guarantees: bytes reach the file in commit order; partial writes and
/// `EINTR` are retried; memory is one block of at least 1 MiB; `close()` is
/// idempotent.
final class FileSink {
  /// The default size of the output block: 1 MiB.
  static let blockSize = 1 << 20

  let path: String
  private var descriptor: Int32
  private var block: UnsafeMutableRawBufferPointer
  private var used = 0

  /// Creates or truncates `path` (mode 0644); throws "cannot create PATH: reason".
  init(path: String) throws {
    self.path = path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CompressionError.system("cannot create", path, errno: errno) }
    descriptor = fd
    block = UnsafeMutableRawBufferPointer.allocate(byteCount: FileSink.blockSize, alignment: 16)
  }

  deinit {
    if descriptor >= 0 { _ = systemClose(descriptor) }
    block.deallocate()
  }

  /// Free space of at least `minimum` bytes, flushing (or growing the block
  /// when `minimum` exceeds it) as needed.
  func reserve(minimum: Int) throws -> UnsafeMutableRawBufferPointer {
    if block.count - used < minimum { try flush() }
    if block.count < minimum {
      block.deallocate()
      block = UnsafeMutableRawBufferPointer.allocate(byteCount: minimum, alignment: 16)
    }
    return UnsafeMutableRawBufferPointer(rebasing: block[used...])
  }

  /// Records that `count` bytes of the last reserved space were filled.
  func commit(_ count: Int) {
    precondition(count >= 0 && used + count <= block.count, "committed past the reserved space")
    used += count
  }

  /// Copies `bytes` into the block, flushing whenever it fills.
  func append(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let space = try reserve(minimum: 1)
      let count = min(space.count, bytes.count - offset)
      space.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
      commit(count)
      offset += count
    }
  }

  /// Writes every committed byte to the file; throws "cannot write PATH: reason".
  func flush() throws {
    guard used > 0 else { return }
    guard descriptor >= 0 else { throw CompressionError("cannot write \(path): file is closed") }
    var offset = 0
    while offset < used {
      let count = write(descriptor, block.baseAddress! + offset, used - offset)
      if count >= 0 {
        offset += count
        continue
      }
      let code = errno
      if code == EINTR { continue }
      used = 0
      throw CompressionError.system("cannot write", path, errno: code)
    }
    used = 0
  }

  /// Flushes, then closes the descriptor. The descriptor is closed even when
  /// the flush fails; the first error is thrown.
  func close() throws {
    guard descriptor >= 0 else { return }
    defer { descriptor = -1 }
    var failure: CompressionError?
    do { try flush() } catch let error as CompressionError { failure = error }
    if systemClose(descriptor) != 0, failure == nil {
      failure = CompressionError.system("cannot close", path, errno: errno)
    }
    if let failure { throw failure }
  }
}
