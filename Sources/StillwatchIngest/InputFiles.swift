import Foundation

/// The input files of a sweep: files given directly, and `*.jsonl`,
/// `*.jsonl.lz4`, `*.jsonl.zst`, `*.jsonl.gz` found by walking directories.
///
/// Guarantees: the list is sorted and free of duplicates, so file indices are
/// stable for a given input; a missing path is an error, not an empty sweep.
/// With a `DateWindow`, Hive-style day partitions (`date=YYYY-MM-DD`) outside
/// it are skipped without being descended into, so their files are never opened.
public enum InputFiles {
  public static let suffixes = [".jsonl", ".jsonl.lz4", ".jsonl.zst", ".jsonl.gz"]

  public static func list(_ paths: [String], window: DateWindow = .all) throws -> [String] {
    var files = Set<String>()
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw IngestError("input not found: \(path)")
      }
      if !isDirectory.boolValue {
        if window.admits(path: path) { files.insert(path) }
        continue
      }
      guard let walker = manager.enumerator(atPath: path) else {
        throw IngestError("cannot list directory \(path)")
      }
      while let relative = walker.nextObject() as? String {
        let full = (path as NSString).appendingPathComponent(relative)
        var childIsDirectory: ObjCBool = false
        guard manager.fileExists(atPath: full, isDirectory: &childIsDirectory) else { continue }
        if childIsDirectory.boolValue {
          if !window.admits(directoryName: (relative as NSString).lastPathComponent) {
            walker.skipDescendants()
          }
          continue
        }
        if suffixes.contains(where: { relative.hasSuffix($0) }) { files.insert(full) }
      }
    }
    return files.sorted()
  }
}

/// An inclusive range of days (`--since`, `--until`), matched against
/// `date=YYYY-MM-DD` partition names.
///
/// Guarantees: a path or directory with no day partition in it is always
/// admitted; one with a partition outside the window never is.
public struct DateWindow: Sendable, Equatable {
  public var since: String?
  public var until: String?

  public static let all = DateWindow(since: nil, until: nil)

  public init(since: String?, until: String?) {
    self.since = since
    self.until = until
  }

  /// Validates `YYYY-MM-DD` days.
  public static func day(_ text: String) throws -> String {
    guard text.count == 10, Timestamp.parseRFC3339(text + "T00:00:00Z") != nil else {
      throw IngestError("'\(text)' is not a day (YYYY-MM-DD)")
    }
    return text
  }

  /// The day of the `date=YYYY-MM-DD` directory in `path`, if it has one.
  public static func partitionDay(ofPath path: String) -> String? {
    path.split(separator: "/").lazy
      .first { $0.hasPrefix("date=") && $0.count == 15 }
      .map { String($0.dropFirst(5)) }
  }

  public func admits(day: String) -> Bool {
    if let since, day < since { return false }
    if let until, day > until { return false }
    return true
  }

  public func admits(directoryName name: String) -> Bool {
    guard name.hasPrefix("date="), name.count == 15 else { return true }
    return admits(day: String(name.dropFirst(5)))
  }

  public func admits(path: String) -> Bool {
    path.split(separator: "/").allSatisfy { admits(directoryName: String($0)) }
  }
}
