import StillwatchCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Analyses one chunk: splits it into lines, reads each line's fields (or a
/// quarantine record) and folds their features into a `SweepPartial`, with no
/// `Exchange` in between (`ExchangeParser.parseFields`).
///
/// Guarantees: every line of the chunk is counted exactly once, as an
/// exchange or as a quarantine record carrying the line's byte offset.
public struct ChunkAnalyzer: Sendable {
  public let parser: ExchangeParser
  public var extractor: FeatureExtractor
  public let windowMillis: Int64
  /// Reused for every exchange, so its arrays keep their storage.
  var features = ExchangeFeatures()
  /// The last partial given to `recycle`, emptied, and the profiles it held:
  /// the next task's partial and its new accounts' profiles, so that a
  /// worker makes maps only while its tasks meet more accounts than before.
  var sparePartial: SweepPartial?
  var spareProfiles: [AccountProfile] = []

  public init(parser: ExchangeParser, extractor: FeatureExtractor, windowMillis: Int64) {
    self.parser = parser
    self.extractor = extractor
    self.windowMillis = windowMillis
  }

  /// `every256Lines` is called periodically so a caller can keep heartbeats going.
  public mutating func analyse(
    _ chunk: Chunk, fileName: String, every256Lines: () -> Void = {}
  ) -> SweepPartial {
    var partial = SweepPartial(parameters: extractor.parameters, windowMillis: windowMillis)
    if let spare = sparePartial.take(), spare.parameters == partial.parameters,
      spare.windowMillis == windowMillis
    {
      partial = spare
    }
    chunk.bytes.withUnsafeBytes { bytes in
      var start = 0
      var lines = 0
      while start < bytes.count {
        lines += 1
        if lines & 255 == 0 { every256Lines() }
        let end: Int
        if let newline = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
          end = UnsafeRawPointer(newline) - UnsafeRawPointer(bytes.baseAddress!)
        } else {
          end = bytes.count
        }
        let offset = chunk.offset + Int64(start)
        var lineEnd = end
        if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd])
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
          partial.add(QuarantineRecord(file: fileName, offset: offset, reason: "empty line"))
        } else {
          let rejection = parser.parseFields(line) { fields in
            extractor.features(of: fields, into: &features)
            partial.add(features, reusing: &spareProfiles)
          }
          if let rejection {
            partial.add(QuarantineRecord(file: fileName, offset: offset, reason: rejection))
          }
        }
        start = end + 1
      }
    }
    return partial
  }

  /// Takes back a partial `analyse` returned, once the caller is done with
  /// it (it has been encoded), for the next `analyse` to fill. Drop every
  /// other copy of it first, or reusing it copies its storage.
  public mutating func recycle(_ partial: consuming SweepPartial) {
    var partial = partial
    partial.recycle(into: &spareProfiles)
    sparePartial = partial
  }
}
