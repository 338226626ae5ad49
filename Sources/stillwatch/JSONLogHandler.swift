import Foundation
import Logging
import StillwatchReport

/// A swift-log handler writing one JSON object per line to stderr:
/// `{"ts":"…","level":"info","label":"stillwatch","message":"…",…metadata}`.
///
/// Guarantees: every line is one valid JSON object (strings escaped); metadata
/// keys are sorted, so lines diff cleanly. Log messages and metadata are
/// stillwatch's own words and counters: prompt text is never logged.
struct JSONLogHandler: LogHandler {
  let label: String
  var logLevel: Logger.Level = .warning
  var metadata: Logger.Metadata = [:]
  private static let lock = NSLock()

  init(label: String) { self.label = label }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var fields = metadata
    if let extra = event.metadata { fields.merge(extra) { _, new in new } }
    let millis = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    var line = "{\"ts\":\(Self.quote(Self.timestamp(millis))),\"level\":\"\(event.level)\""
    line += ",\"label\":\(Self.quote(label)),\"message\":\(Self.quote("\(event.message)"))"
    for key in fields.keys.sorted() where !["ts", "level", "label", "message"].contains(key) {
      line += ",\(Self.quote(key)):\(Self.quote("\(fields[key]!)"))"
    }
    line += "}\n"
    Self.lock.lock()
    FileHandle.standardError.write(Data(line.utf8))
    Self.lock.unlock()
  }

  static func timestamp(_ millis: Int64) -> String {
    let date = Date(timeIntervalSince1970: Double(millis) / 1000)
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  static func quote(_ text: String) -> String { JSONText.quoted(text) }

}
