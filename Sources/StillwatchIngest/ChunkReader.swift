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
  private var pending: [UInt8] = []
  private var pendingOffset: Int64 = 0
  private var finished = false
  private var pendingDamage: DecompressionDamage?

  /// Bytes of the file as stored (compressed) consumed so far, for progress.
  public var fileOffset: Int64 { reader.fileOffset }

  public init(path: String, fileIndex: Int, chunkBytes: Int) throws {
    self.path = path
    self.fileIndex = fileIndex
    self.chunkBytes = max(1, chunkBytes)
    do {
      reader = try DecompressingReader(path: path)
    } catch {
      throw IngestError("\(error)")
    }
  }

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
        got = try reader.read(into: &pending, maxBytes: max(chunkBytes, 64 * 1024))
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

  private func take(through cut: Int) -> Chunk {
    let chunk = Chunk(file: fileIndex, offset: pendingOffset, bytes: Array(pending[0...cut]))
    pending.removeSubrange(0...cut)
    pendingOffset += Int64(cut + 1)
    return chunk
  }
}
