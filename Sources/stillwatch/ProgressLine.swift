import Foundation
import StillwatchCluster

/// A one-line progress display on a terminal (stderr); silent when stderr is
/// not a TTY, so logs and CI output stay clean.
final class ProgressLine {
  let enabled = isatty(2) != 0
  let started = Date()
  var shown = false

  func show(_ p: SweepProgress) {
    guard enabled, Date().timeIntervalSince(started) >= 2 else { return }
    let seconds = max(0.001, Date().timeIntervalSince(started))
    let rate = Int(Double(p.exchanges) / seconds)
    let eta = p.etaSeconds(elapsed: seconds).map { Self.duration($0) } ?? "?"
    let percent =
      p.inputFileBytes > 0
      ? Int(100 * Double(p.inputFileBytesRead) / Double(p.inputFileBytes)) : 100
    let text =
      "\r\(p.tasksDone)/\(p.tasksStarted)\(p.inputDone ? "" : "+") tasks, \(p.exchanges) exchanges, "
      + "\(rate)/s, \(p.workers) workers, \(percent)% read, ETA \(eta)   "
    FileHandle.standardError.write(Data(text.utf8))
    shown = true
  }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
  }

  func end() {
    if shown { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
