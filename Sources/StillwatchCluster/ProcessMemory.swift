import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// This process's resident and peak memory, from /proc (Linux), for the
/// coordinator's phase logs (nil where /proc is not available), and how the
/// allocator hands memory back.
public enum ProcessMemory {
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

  /// Lets glibc keep freed memory for reuse instead of returning it at once:
  /// blocks below 512 MiB come from its heaps rather than fresh mappings, and
  /// freeing does not trim a heap until 1 GiB is free at its top. Without
  /// this, every partition-sized table of the spill reduce and of detection
  /// is a new mapping that the kernel zeroes page by page (4M corpus, two
  /// workers: system time 11.6-12.6 s without, 9.3-9.7 s with). Memory still
  /// goes back at the end of each reduce pass (`releaseFreeMemory`). Call
  /// once, early; a no-op on other C libraries.
  static func keepFreedMemoryForReuse() {
    #if canImport(Glibc)
      guard let symbol = dlsym(nil, "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
      _ = mallopt(-3, 512 << 20)  // M_MMAP_THRESHOLD
      _ = mallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
    #endif
  }

  /// Sets up the heap of a sweep, coordinator or worker; call first thing in
  /// the command, before any thread starts: huge pages (`HugePageHeap.arrange`,
  /// which may restart the process), freed memory kept for reuse and one
  /// arena per core (`HeapArenas`). Returns how the heap stands, as metadata
  /// for the `heap` log line.
  public static func prepareHeap() -> Logger.Metadata {
    let hugePages = HugePageHeap.arrange()
    keepFreedMemoryForReuse()
    let arenas = HeapArenas.arrange()
    return ["huge_pages": "\(hugePages)", "arenas": "\(arenas)"]
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
