import Foundation
import StillwatchCompression

/// The day-partitioned corpus files: `DIR/date=YYYY-MM-DD/part-NNNN.jsonl<suffix>`,
/// written strictly in order through `CompressedFileWriter`.
///
/// Guarantees: a file holds whole lines of one day only, at most
/// `linesPerPart` of them; rendered lines reach the writer in blocks of about
/// 1 MiB, so memory is flat; stale part files of an earlier generated corpus
/// in the same directory are removed first, so the directory holds exactly
/// this corpus — and a directory of other logs is refused, never cleaned.
struct PartitionedOutput {
  let directory: String
  let format: CompressionFormat
  let linesPerPart: Int
  private(set) var files: [String] = []
  private var writer: CompressedFileWriter?
  private var currentDay = -1
  private var part = 0
  private var linesInPart = 0

  static let flushBytes = 1 << 20

  init(directory: String, format: CompressionFormat, linesPerPart: Int) throws {
    self.directory = directory
    self.format = format
    self.linesPerPart = max(1, linesPerPart)
    try Self.prepare(directory)
  }

  /// Creates `directory`. When it already holds `date=*` partitions, they
  /// must belong to an earlier generated corpus (a `labels.csv` with the
  /// `account,label` header sits beside them): their `part-*.jsonl*` files are
  /// removed. Otherwise the directory is refused, so real logs are never touched.
  static func prepare(_ directory: String) throws {
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw GeneratorError("cannot create \(directory): \(error.localizedDescription)")
    }
    let partitions = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasPrefix("date=")
    }.sorted()
    guard !partitions.isEmpty else { return }
    let handle = FileHandle(forReadingAtPath: directory + "/labels.csv")
    let head = (try? handle?.read(upToCount: 14)) ?? nil
    try? handle?.close()
    guard let head, Array(head) == Array("account,label\n".utf8) else {
      throw GeneratorError(
        "\(directory) already holds date= partitions that are not a generated corpus; "
          + "choose an empty or new output directory")
    }
    for partition in partitions {
      let path = directory + "/" + partition
      let files = (try? manager.contentsOfDirectory(atPath: path)) ?? []
      for file in files where file.hasPrefix("part-") && file.contains(".jsonl") {
        try? manager.removeItem(atPath: path + "/" + file)
      }
      if ((try? manager.contentsOfDirectory(atPath: path)) ?? []).isEmpty {
        try? manager.removeItem(atPath: path)
      }
    }
  }

  /// Makes sure the next line, of day `day`, goes to the right file.
  mutating func beginLine(day: Int, buffer: inout JSONLineBuffer) throws {
    if day == currentDay && linesInPart < linesPerPart && writer != nil { return }
    try flush(&buffer)
    try writer?.close()
    if day == currentDay {
      part += 1
    } else {
      currentDay = day
      part = 0
    }
    linesInPart = 0
    let date = Timestamp.dateString(
      millis: Timestamp.corpusStart + Int64(day) * Timestamp.millisPerDay)
    let folder = directory + "/date=" + date
    var name = "part-"
    name += String(repeating: "0", count: max(0, 4 - String(part).count)) + String(part)
    let path = folder + "/" + name + ".jsonl" + format.fileSuffix
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw GeneratorError("cannot create \(folder): \(error.localizedDescription)")
    }
    writer = try CompressedFileWriter(path: path, format: format)
    files.append(path)
  }

  /// Counts a rendered line; passes the buffer on once it is large.
  mutating func endLine(buffer: inout JSONLineBuffer) throws {
    linesInPart += 1
    if buffer.count >= Self.flushBytes { try flush(&buffer) }
  }

  mutating func finish(buffer: inout JSONLineBuffer) throws {
    try flush(&buffer)
    try writer?.close()
    writer = nil
  }

  private mutating func flush(_ buffer: inout JSONLineBuffer) throws {
    guard buffer.count > 0, let writer else { return }
    try buffer.withBytes { try writer.write($0) }
    buffer.removeAll()
  }
}
