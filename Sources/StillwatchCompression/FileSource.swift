#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only file descriptor with one fixed input block.
///
/// Guarantees: memory is one block of `blockSize` bytes for the whole life of
/// the source; bytes are handed out in file order exactly once; `EINTR` is
/// retried; `close()` is idempotent.
final class FileSource {
  /// The size of each `read(2)`: 1 MiB.
  static let blockSize = 1 << 20

  let path: String
  private var descriptor: Int32
  private let block: UnsafeMutableRawBufferPointer
  private var start = 0
  private var end = 0
  private(set) var reachedEndOfFile = false

  /// Opens `path` for reading; throws "cannot open PATH: reason".
  init(path: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CompressionError.system("cannot open", path, errno: errno) }
    descriptor = fd
    block = UnsafeMutableRawBufferPointer.allocate(
      byteCount: FileSource.blockSize, alignment: 16)
  }

  deinit {
    close()
    block.deallocate()
  }

  /// The buffered bytes not yet consumed (empty at end of file or before a refill).
  var pending: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: block[start..<end])
  }

  /// True when every byte of the file has been read and consumed.
  var isExhausted: Bool { reachedEndOfFile && start == end }

  /// Marks `count` bytes of `pending` as consumed.
  func consume(_ count: Int) {
    precondition(count >= 0 && count <= end - start, "consumed more than was pending")
    start += count
  }

  /// When nothing is pending, reads the next block; sets `reachedEndOfFile`
  /// when the file has no more bytes. Throws "cannot read PATH: reason".
  func refillIfEmpty() throws {
    guard start == end, !reachedEndOfFile else { return }
    start = 0
    end = 0
    guard descriptor >= 0 else {
      reachedEndOfFile = true
      return
    }
    while true {
      let count = read(descriptor, block.baseAddress, block.count)
      if count > 0 {
        end = count
        return
      }
      if count == 0 {
        reachedEndOfFile = true
        return
      }
      let code = errno
      if code == EINTR { continue }
      throw CompressionError.system("cannot read", path, errno: code)
    }
  }

  /// Closes the descriptor; later refills report end of file.
  func close() {
    if descriptor >= 0 {
      _ = systemClose(descriptor)
      descriptor = -1
    }
  }
}

/// `close(2)`, named apart from the methods called `close()`.
func systemClose(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
    return Glibc.close(descriptor)
  #else
    return Darwin.close(descriptor)
  #endif
}
