import Foundation
import StillwatchCore

/// Runs independent jobs on every core and collects their results in order.
///
/// Guarantees: `map` returns results in index order whatever the scheduling;
/// the first error (by index) is rethrown after every job has ended.
enum Parallel {
  static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    try ConcurrentRunner.threads.map(count) { index in Result { try body(index) } }
      .map { try $0.get() }
  }
}

extension ConcurrentRunner {
  /// Pieces on Dispatch's pool, as wide as the cores this process may run on.
  static let threads = ConcurrentRunner(width: ProcessorAffinity.cores) { count, body in
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }
}

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
