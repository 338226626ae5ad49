import Foundation
import StillwatchCore
import StillwatchIngest

/// Incremental state: the task results of each finished input partition (one
/// input file, e.g. one `date=` day), kept between sweeps so that a sweep over a
/// window recomputes only partitions that are new or changed.
///
/// Layout: `STATE/partitions/<config fingerprint>/<partition key>.part`, where
/// the configuration fingerprint hashes everything that shapes a worker's
/// partial (sketch parameters, window, field map, sampling, classifier weights,
/// spill layout, format version) and the partition key hashes the file's path,
/// size and modification time. A file is `SWPS`, version, then records `u64
/// length` + a `TaskResult` payload (LZ4 frames of partials), then a trailer
/// `u64 count`, `u64 checksum` (a chain of `StableHash` over the records) and
/// `END1`; it is written to a temporary name, flushed and renamed,
/// so a partition is either stored whole or not at all.
///
/// Guarantees: a stored partition is used only for the same file content and
/// the same configuration; a changed file or configuration misses and is
/// recomputed; a torn or foreign file is ignored (and recomputed), never merged.
public final class PartitionStore {
  public static let formatVersion: UInt8 = 1
  static let magic: [UInt8] = Array("SWPS".utf8)
  static let trailer: [UInt8] = Array("END1".utf8)

  public let directory: String
  public let configFingerprint: String
  /// A partition being recorded under its temporary name.
  private struct Recording {
    let handle: FileHandle
    let temporary: String
    let target: String
    var records = 0
    var checksum: UInt64 = 0
  }
  private var open: [Int: Recording] = [:]

  public init(stateDirectory: String, configuration: SweepConfiguration) throws {
    configFingerprint = Self.fingerprint(of: configuration)
    directory = stateDirectory + "/partitions/" + configFingerprint
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  /// Hex fingerprint of the configuration a worker's partial depends on.
  public static func fingerprint(of configuration: SweepConfiguration) -> String {
    var w = BinaryWriter()
    w.write(UInt64(formatVersion))
    configuration.encode(into: &w)
    w.writeVarint(configuration.spillPartitions)
    return StableHash.hex(w.bytes.withUnsafeBytes { StableHash.hash($0) })
  }

  /// Hex key of an input file's identity: path, size and modification time.
  public static func key(of file: String) -> String {
    let identity = FileIdentity(path: file)
    let canonical = URL(fileURLWithPath: file).standardizedFileURL.path
    return StableHash.hex(
      StableHash.hash("\(canonical)\u{0}\(identity.size)\u{0}\(identity.modifiedMillis)"))
  }

  func path(of file: String) -> String { directory + "/" + Self.key(of: file) + ".part" }

  /// The stored results of `file`, or nil when it has none usable.
  public func load(_ file: String, partitions: Int) -> [[UInt8]]? {
    guard let data = FileManager.default.contents(atPath: path(of: file)) else { return nil }
    let bytes = [UInt8](data)
    guard bytes.count >= 5 + 20, Array(bytes[0..<4]) == Self.magic,
      bytes[4] == Self.formatVersion, Array(bytes[(bytes.count - 4)...]) == Self.trailer
    else { return nil }
    var records: [[UInt8]] = []
    var position = 5
    var checksum: UInt64 = 0
    let end = bytes.count - 20
    while position + 8 <= end {
      var header = BinaryReader(Array(bytes[position..<(position + 8)]))
      guard let length = try? header.readUInt64(), position + 8 + Int(length) <= end else {
        return nil
      }
      let record = Array(bytes[(position + 8)..<(position + 8 + Int(length))])
      guard (try? TaskResult(payload: record, partitions: partitions)) != nil else { return nil }
      records.append(record)
      checksum = Self.chain(checksum, record)
      position += 8 + Int(length)
    }
    var trailer = BinaryReader(Array(bytes[end..<(end + 16)]))
    guard position == end, (try? trailer.readUInt64()) == UInt64(records.count),
      (try? trailer.readUInt64()) == checksum
    else { return nil }
    return records
  }

  /// Starts recording the results of input file number `index`.
  public func begin(_ index: Int, file: String) throws {
    let target = path(of: file)
    let temporary = target + ".tmp-\(getpid())"
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data(Self.magic + [Self.formatVersion]))
    else { throw WireError("cannot create the state file \(temporary)") }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
    try handle.seekToEnd()
    open[index] = Recording(handle: handle, temporary: temporary, target: target)
  }

  /// Appends one task result of file `index` (a no-op for a file not begun).
  public func append(_ index: Int, payload: [UInt8]) throws {
    guard let entry = open[index] else { return }
    var w = BinaryWriter()
    w.write(UInt64(payload.count))
    try entry.handle.write(contentsOf: w.bytes + payload)
    open[index]!.records += 1
    open[index]!.checksum = Self.chain(entry.checksum, payload)
  }

  static func chain(_ checksum: UInt64, _ record: [UInt8]) -> UInt64 {
    StableHash.combine(checksum, record.withUnsafeBytes { StableHash.hash($0) })
  }

  /// Seals file `index`: flushed to disk and renamed over its final name.
  public func commit(_ index: Int) throws {
    guard let entry = open.removeValue(forKey: index) else { return }
    var w = BinaryWriter()
    w.write(UInt64(entry.records))
    w.write(entry.checksum)
    try entry.handle.write(contentsOf: w.bytes + Self.trailer)
    try entry.handle.synchronize()
    try entry.handle.close()
    guard rename(entry.temporary, entry.target) == 0 else {
      throw WireError("cannot seal the state file \(entry.target): errno \(errno)")
    }
  }
}
