import Foundation

/// The cores this process may run on.
///
/// Guarantees: at least 1; on Linux, the CPU affinity mask's size (what
/// `taskset` or a cpuset allows), which `ProcessInfo.activeProcessorCount`
/// does not consult; elsewhere, the active processor count.
public enum ProcessorAffinity {
  public static let cores: Int = {
    #if os(Linux)
      // The affinity mask, as the kernel reports it: "Cpus_allowed:\tff,ffffffff".
      if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
      {
        let allowed = line.dropFirst("Cpus_allowed:".count).reduce(0) { total, digit in
          total + (digit.hexDigitValue ?? 0).nonzeroBitCount
        }
        if allowed > 0 { return allowed }
      }
    #endif
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
  }()
}
