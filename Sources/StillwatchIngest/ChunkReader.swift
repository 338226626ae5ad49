import StillwatchCompression
import StillwatchCore

/// Cuts one (possibly compressed) input file into line-aligned chunks of about
/// `chunkBytes`, so that workers share a large file.
///
/// Guarantees: memory is bounded by about two chunks; every byte of the good
/// part of the stream is in exactly one chunk; a damaged stream ends with a
/// `QuarantineRecord` at the start of the partial line it cut (or at the
/// damage, if it cut none), after every whole line before the damage.
public final class ChunkReader {
  public enum Event: Sendable, Equatable {
    case chunk(Chunk)
    case damage(QuarantineRecord)
  }

  public let path: String
  public let fileIndex: Int
  public let chunkBytes: Int
  private let reader: DecompressingReader
  /// Where chunk buffers come from (and go back to, once their chunks are done).
  private let buffers: ChunkBufferPool
  private var pending: [UInt8]
  private var pendingOffset: Int64 = 0
  private var finished = false
  private var pendingDamage: DecompressionDamage?

  /// Bytes of the file as stored (compressed) consumed so far, for progress.
  public var fileOffset: Int64 { reader.fileOffset }

  /// `buffers`: a pool to take chunk buffers from (see `bufferCapacity`);
  /// without one, each chunk gets a new buffer.
  public init(path: String, fileIndex: Int, chunkBytes: Int, buffers: ChunkBufferPool? = nil)
    throws
  {
    self.path = path
    self.fileIndex = fileIndex
    self.chunkBytes = max(1, chunkBytes)
    // Without a pool, one that keeps nothing: every take is a new buffer.
    let pool =
      buffers
      ?? ChunkBufferPool(limit: 0, minimumCapacity: Self.bufferCapacity(chunkBytes: chunkBytes))
    self.buffers = pool
    pending = pool.take()
    do {
      reader = try DecompressingReader(path: path)
    } catch {
      throw IngestError("\(error)")
    }
  }

  /// The capacity a chunk's buffer needs: the chunk, plus the last read past
  /// it and the partial line carried over (for lines under 64 KiB).
  public static func bufferCapacity(chunkBytes: Int) -> Int {
    max(1, chunkBytes) + 2 * readStep
  }

  /// The least a read asks for.
  static let readStep = 64 * 1024

  /// The next chunk or damage record; nil at the end of the file.
  public func next() throws -> Event? {
    if let damage = pendingDamage { return damaged(damage) }
    guard !finished else { return nil }
    while true {
      if pending.count >= chunkBytes, let cut = lastNewline() {
        return .chunk(take(through: cut))
      }
      let got: Int
      do {
        // Only what the chunk still lacks, so the buffer's capacity suffices.
        got = try reader.read(
          into: &pending, maxBytes: max(chunkBytes - pending.count, Self.readStep))
      } catch let damage as DecompressionDamage {
        return damaged(damage)
      } catch {
        throw IngestError("cannot read \(path): \(error)")
      }
      if got == 0 { return finish() }
    }
  }

  /// Whole lines before the damage first; then one record for the cut line.
  private func damaged(_ damage: DecompressionDamage) -> Event {
    if let cut = lastNewline() {
      pendingDamage = damage
      return .chunk(take(through: cut))
    }
    pendingDamage = nil
    finished = true
    let offset = pending.isEmpty ? damage.decompressedOffset : pendingOffset
    pending = []
    return .damage(QuarantineRecord(file: path, offset: offset, reason: damage.reason))
  }

  private func finish() -> Event? {
    finished = true
    guard !pending.isEmpty else { return nil }
    let chunk = Chunk(file: fileIndex, offset: pendingOffset, bytes: pending)
    pending = []
    return .chunk(chunk)
  }

  private func lastNewline() -> Int? {
    pending.lastIndex(of: 0x0A)
  }

  /// The pending bytes through `cut` as a chunk: the buffer itself becomes
  /// the chunk's (no copy); the partial line after `cut` starts the next one.
  private func take(through cut: Int) -> Chunk {
    var rest = buffers.take()
    rest.append(contentsOf: pending[(cut + 1)...])
    pending.removeSubrange((cut + 1)...)
    let chunk = Chunk(file: fileIndex, offset: pendingOffset, bytes: pending)
    pending = rest
    pendingOffset += Int64(cut + 1)
    return chunk
  }
}
