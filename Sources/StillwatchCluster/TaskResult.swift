import StillwatchCompression
import StillwatchCore

/// What a worker returns for a task, in one of two layouts chosen by the
/// sweep's `spillPartitions`:
/// - without spilling, an LZ4 frame of the task's encoded `SweepPartial`;
/// - with P spill partitions, a container the coordinator can spill without
///   decoding any profile: `svarint` exchanges, `varint` n quarantine records
///   (`string` file, `svarint` offset, `string` reason), `varint` P, then P ×
///   `bytes` (an LZ4 frame of the encoded piece for that partition, or empty).
///
/// Guarantees: `encoded` and `init(payload:partitions:)` are inverse; a payload
/// of the wrong layout or partition count is refused with an error.
public enum TaskResult: Sendable {
  case partial(SweepPartial)
  case pieces(exchanges: Int, quarantine: [QuarantineRecord], pieces: [[UInt8]])

  /// Builds the result of `partial` for a sweep with `partitions` spill partitions.
  public init(_ partial: SweepPartial, partitions: Int) {
    guard partitions > 0 else {
      self = .partial(partial)
      return
    }
    // Unsorted: the coordinator only spills and merges pieces, never compares them.
    let pieces = partial.encodedPieces(into: partitions, sorted: false).map { piece in
      piece.isEmpty ? [] : LZ4Frame.compress(piece)
    }
    self = .pieces(exchanges: partial.exchanges, quarantine: partial.quarantine, pieces: pieces)
  }

  /// Exchanges the task's input held.
  public var exchanges: Int {
    switch self {
    case .partial(let partial): partial.exchanges
    case .pieces(let exchanges, _, _): exchanges
    }
  }

  /// Quarantine records the task produced.
  public var quarantined: Int {
    switch self {
    case .partial(let partial): partial.quarantine.count
    case .pieces(_, let quarantine, _): quarantine.count
    }
  }

  public var encoded: [UInt8] {
    switch self {
    case .partial(let partial):
      return LZ4Frame.compress(partial.encoded())
    case .pieces(let exchanges, let quarantine, let pieces):
      var w = BinaryWriter()
      w.writeVarint(exchanges)
      w.writeCount(quarantine.count)
      for record in quarantine { record.encode(into: &w) }
      w.writeCount(pieces.count)
      for piece in pieces { w.writeBytes(piece) }
      return w.bytes
    }
  }

  public init(payload: [UInt8], partitions: Int) throws {
    guard partitions > 0 else {
      self = .partial(try SweepPartial(decoding: try LZ4Frame.decompress(payload)))
      return
    }
    var r = BinaryReader(payload)
    let exchanges = try r.readInt()
    var quarantine: [QuarantineRecord] = []
    for _ in 0..<(try r.readCount()) { quarantine.append(try QuarantineRecord(from: &r)) }
    let count = try r.readCount()
    guard count == partitions else {
      throw WireError("result has \(count) pieces, the sweep has \(partitions) partitions")
    }
    var pieces: [[UInt8]] = []
    for _ in 0..<count { pieces.append(try r.readBytes()) }
    guard r.isAtEnd, exchanges >= 0 else { throw WireError("malformed task result") }
    self = .pieces(exchanges: exchanges, quarantine: quarantine, pieces: pieces)
  }
}
