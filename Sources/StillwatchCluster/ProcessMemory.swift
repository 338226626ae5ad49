import Foundation

/// This process's resident and peak memory, from /proc (Linux), for the
/// coordinator's phase logs. Nil where /proc is not available.
enum ProcessMemory {
  /// (resident, peak resident) in MiB.
  static func megabytes() -> (resident: Int, peak: Int)? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    func field(_ name: String) -> Int? {
      guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else {
        return nil
      }
      return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 / 1024 }
    }
    guard let resident = field("VmRSS:"), let peak = field("VmHWM:") else { return nil }
    return (resident, peak)
  }

  static var description: String {
    guard let m = megabytes() else { return "unknown" }
    return "\(m.resident) MiB (peak \(m.peak) MiB)"
  }
}
