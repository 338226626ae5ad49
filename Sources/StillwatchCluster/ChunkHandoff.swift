import Foundation

/// Decompressed chunks the coordinator hands to the worker threads of its own
/// process. To cut a compressed input into line-aligned chunks the coordinator
/// decompresses it anyway; its threads take those bytes from here rather than
/// have each one decompress the file again up to its own chunks (with linked
/// LZ4 blocks a chunk cannot be reached otherwise, so two workers had been
/// decompressing every file twice over) or receive them re-compressed.
///
/// Guarantees: a chunk stays until its task is removed, which the coordinator
/// does only once the task is done, so a lease re-issued or duplicated to
/// another thread finds the same bytes (and one that arrives after the task
/// was done finds none, which tells its worker to skip it); the bytes are
/// never copied (readers share the array); safe from any thread.
public final class ChunkHandoff: @unchecked Sendable {
  private let lock = NSLock()
  private var chunks: [UInt64: [UInt8]] = [:]

  public init() {}

  /// Shelves the lines of task `taskID`.
  func put(_ taskID: UInt64, _ bytes: [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    chunks[taskID] = bytes
  }

  /// The lines of task `taskID`; nil once it is removed (or never shelved).
  func bytes(for taskID: UInt64) -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    return chunks[taskID]
  }

  /// Takes the task's lines off the shelf; returns them (for their buffer
  /// to be reused), nil if they were not there.
  @discardableResult
  func remove(_ taskID: UInt64) -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    return chunks.removeValue(forKey: taskID)
  }

  /// Chunks shelved and not yet removed.
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return chunks.count
  }
}
