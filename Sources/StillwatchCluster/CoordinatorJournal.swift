import Foundation
import StillwatchCompression
import StillwatchCore
import StillwatchIngest

/// The coordinator's journal of finished tasks, so that a coordinator killed
/// mid-sweep and restarted with the same arguments resumes without redoing them.
///
/// Layout: `journal.meta` holds the sweep's fingerprint (inputs with sizes and
/// modification times, chunk size, configuration); `journal.log` is a sequence
/// of records `u64 task id, u64 length, LZ4 frame of the task's partial`,
/// each flushed to disk before the task counts as done.
///
/// Guarantees: a journal made for other inputs or settings is discarded, never
/// merged; a record cut short by a crash is ignored (its task is redone); a
/// task id appears at most once in what `load` returns.
final class CoordinatorJournal {
  let directory: String
  let fingerprint: String
  private var handle: FileHandle?

  var metaPath: String { directory + "/journal.meta" }
  var logPath: String { directory + "/journal.log" }

  /// `stored`: input files taken from the incremental state (not journaled;
  /// a different set renumbers the tasks, so it is part of the fingerprint).
  init(directory: String, files: [String], settings: Coordinator.Settings, stored: Set<Int> = [])
    throws
  {
    self.directory = directory
    var text =
      "stillwatch journal v1\nchunk \(settings.chunkBytes)\nshared \(settings.sharedInput)\n"
    let c = settings.configuration
    text += "sketch \(c.parameters)\nwindow \(c.windowMillis)\nsampling \(c.exampleSampling)\n"
    for key in c.fieldMap.keys.sorted() { text += "field \(key) \(c.fieldMap[key]!)\n" }
    text += "elicitation \(c.elicitation)\n"
    for file in files {
      let identity = FileIdentity(path: file)
      text += "file \(file) \(identity.size) \(identity.modifiedMillis)\n"
    }
    text += "stored \(stored.sorted())\n"
    fingerprint = text
  }

  /// The result payloads of tasks finished by an earlier run of the same sweep
  /// (each checked to decode as a `TaskResult` with `partitions`).
  func load(partitions: Int) throws -> [UInt64: [UInt8]] {
    guard let meta = try? String(contentsOfFile: metaPath, encoding: .utf8), meta == fingerprint,
      let data = FileManager.default.contents(atPath: logPath)
    else { return [:] }
    let bytes = [UInt8](data)
    var partials: [UInt64: [UInt8]] = [:]
    var position = 0
    while position + 16 <= bytes.count {
      var header = BinaryReader(Array(bytes[position..<(position + 16)]))
      let id = try header.readUInt64()
      let length = Int(try header.readUInt64())
      guard length >= 0, position + 16 + length <= bytes.count else { break }
      let record = Array(bytes[(position + 16)..<(position + 16 + length)])
      guard (try? TaskResult(payload: record, partitions: partitions)) != nil else { break }
      partials[id] = record
      position += 16 + length
    }
    return partials
  }

  /// Starts journaling: keeps a matching journal, or starts a new one.
  func open(keeping: Bool) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    if !keeping {
      try Data(fingerprint.utf8).write(to: URL(fileURLWithPath: metaPath), options: .atomic)
      guard FileManager.default.createFile(atPath: logPath, contents: nil) else {
        throw WireError("cannot create the journal \(logPath)")
      }
    }
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try handle?.seekToEnd()
  }

  func append(taskID: UInt64, partial: [UInt8]) throws {
    var w = BinaryWriter()
    w.write(taskID)
    w.write(UInt64(partial.count))
    try handle?.write(contentsOf: w.bytes + partial)
    try handle?.synchronize()
  }

  /// Removes the journal once the outputs are written.
  func finish() {
    try? handle?.close()
    handle = nil
    try? FileManager.default.removeItem(atPath: logPath)
    try? FileManager.default.removeItem(atPath: metaPath)
    try? FileManager.default.removeItem(atPath: directory)
  }
}
