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
    let text =
      "\r\(p.tasksDone)/\(p.tasksStarted)\(p.inputDone ? "" : "+") tasks, \(p.exchanges) exchanges, "
      + "\(rate)/s, \(p.workers) workers, \(p.inputBytesRead >> 20) MiB read   "
    FileHandle.standardError.write(Data(text.utf8))
    shown = true
  }

  func end() {
    if shown { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
