import Foundation

/// The input files of a sweep: files given directly, and `*.jsonl`,
/// `*.jsonl.lz4`, `*.jsonl.zst`, `*.jsonl.gz` found by walking directories.
///
/// Guarantees: the list is sorted and free of duplicates, so file indices are
/// stable for a given input; a missing path is an error, not an empty sweep.
public enum InputFiles {
  public static let suffixes = [".jsonl", ".jsonl.lz4", ".jsonl.zst", ".jsonl.gz"]

  public static func list(_ paths: [String]) throws -> [String] {
    var files = Set<String>()
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw IngestError("input not found: \(path)")
      }
      if !isDirectory.boolValue {
        files.insert(path)
        continue
      }
      guard let walker = manager.enumerator(atPath: path) else {
        throw IngestError("cannot list directory \(path)")
      }
      while let relative = walker.nextObject() as? String {
        guard suffixes.contains(where: { relative.hasSuffix($0) }) else { continue }
        let full = (path as NSString).appendingPathComponent(relative)
        var childIsDirectory: ObjCBool = false
        if manager.fileExists(atPath: full, isDirectory: &childIsDirectory),
          !childIsDirectory.boolValue
        {
          files.insert(full)
        }
      }
    }
    return files.sorted()
  }
}
