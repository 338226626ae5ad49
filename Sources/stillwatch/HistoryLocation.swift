import Foundation

/// Where the sweep history database lives when no path is given.
enum HistoryLocation {
  /// `explicit`, else `STATE/history.sqlite`, else
  /// `$XDG_STATE_HOME/stillwatch/history.sqlite` (`~/.local/state/...`).
  static func path(explicit: String?, stateDirectory: String?) -> String {
    if let explicit { return explicit }
    if let stateDirectory { return stateDirectory + "/history.sqlite" }
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (NSHomeDirectory() + "/.local/state")
    return base + "/stillwatch/history.sqlite"
  }
}
