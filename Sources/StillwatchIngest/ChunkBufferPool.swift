import Foundation

/// Byte buffers of finished chunks, kept for the next chunks to fill instead
/// of allocating (and page-faulting in) a fresh buffer of `chunk_bytes` for
/// every chunk. A reader takes a buffer when it starts a chunk; the
/// coordinator gives a chunk's bytes back when it takes them off the
/// in-process handoff shelf, its task done.
///
/// Guarantees: a buffer taken is empty; at most `limit` buffers are kept,
/// and only those with at least `minimumCapacity` bytes of capacity;
/// thread-safe.
public final class ChunkBufferPool: @unchecked Sendable {
  private let lock = NSLock()
  private var spares: [[UInt8]] = []
  public let limit: Int
  public let minimumCapacity: Int

  public init(limit: Int = 4, minimumCapacity: Int) {
    self.limit = limit
    self.minimumCapacity = minimumCapacity
  }

  /// An empty buffer with at least `minimumCapacity` bytes of capacity: a
  /// spare one if any, else a new one.
  public func take() -> [UInt8] {
    lock.lock()
    let spare = spares.popLast()
    lock.unlock()
    if let spare { return spare }
    var fresh: [UInt8] = []
    fresh.reserveCapacity(minimumCapacity)
    return fresh
  }

  /// Keeps `buffer`'s storage for a later `take`, if the pool has room and
  /// the buffer is large enough. Drop every other reference to it first, or
  /// emptying it allocates a new buffer instead of keeping this one.
  public func give(_ buffer: consuming [UInt8]) {
    guard buffer.capacity >= minimumCapacity else { return }
    buffer.removeAll(keepingCapacity: true)
    lock.lock()
    defer { lock.unlock() }
    if spares.count < limit { spares.append(consume buffer) }
  }

  /// Spare buffers held.
  public var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return spares.count
  }
}
