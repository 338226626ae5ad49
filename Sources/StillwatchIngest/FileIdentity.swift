import Foundation

/// What stands for a file's content without reading it: its size and
/// modification time (milliseconds), as the journal and the incremental state
/// key files by.
///
/// Guarantees: a missing or unreadable file has size -1 and time 0, so it
/// never matches a file that exists.
public struct FileIdentity: Sendable, Equatable {
  public let size: Int64
  public let modifiedMillis: Int64

  public init(path: String) {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    modifiedMillis = Int64((modified * 1000).rounded())
  }
}
