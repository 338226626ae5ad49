import Foundation

#if canImport(Glibc)
  import Glibc
#endif

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

  /// Hands memory the allocator holds free back to the system (glibc's
  /// `malloc_trim`): after a reduce pass, the per-thread arenas that held a
  /// whole partition's profiles would otherwise stay resident through detection.
  static func releaseFreeMemory() {
    if let trim = mallocTrim { _ = trim(0) }
  }

  /// glibc's `malloc_trim`, looked up at run time (not in the Glibc module;
  /// absent from other C libraries).
  private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    #if canImport(Glibc)
      guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    #else
      return nil
    #endif
  }()

  static var description: String {
    guard let m = megabytes() else { return "unknown" }
    return "\(m.resident) MiB (peak \(m.peak) MiB)"
  }
}
