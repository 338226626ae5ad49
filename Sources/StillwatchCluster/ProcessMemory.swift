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
  /// `malloc_trim`) when this process's resident memory is above `budget`
  /// bytes (the reduce's memory budget): after a reduce pass, the memory that
  /// held whole partitions' profiles would otherwise stay resident through
  /// detection. Below the budget it is kept: what is given back, the next pass
  /// takes again as fresh pages that the kernel zeroes (100k corpus, one
  /// core: system time 0.27–0.35 s with the trims, 0.06–0.08 s without, for
  /// 8 MB more peak). Returns whether it trimmed.
  @discardableResult
  static func releaseFreeMemory(above budget: Int64) -> Bool {
    guard shouldRelease(residentMiB: megabytes()?.resident, budget: budget),
      let trim = mallocTrim
    else { return false }
    _ = trim(0)
    return true
  }

  /// Whether to give free memory back: when the resident memory is above a
  /// positive budget, or when either is unknown (no /proc, no budget).
  static func shouldRelease(residentMiB: Int?, budget: Int64) -> Bool {
    guard let residentMiB, budget > 0 else { return true }
    return Int64(residentMiB) << 20 > budget
  }

  /// Lets glibc keep freed memory for reuse instead of returning it at once:
  /// blocks below 512 MiB come from its heaps rather than fresh mappings, and
  /// freeing does not trim a heap until 1 GiB is free at its top. Without
  /// this, every partition-sized table of the spill reduce and of detection
  /// is a new mapping that the kernel zeroes page by page (4M corpus, two
  /// workers: system time 11.6-12.6 s without, 9.3-9.7 s with). Memory still
  /// goes back at the end of each reduce pass when resident memory is above the
  /// reduce's budget (`releaseFreeMemory(above:)`). Call
  /// once, early; a no-op on other C libraries.
  static func keepFreedMemoryForReuse() {
    guard let mallopt else { return }
    _ = mallopt(-3, 512 << 20)  // M_MMAP_THRESHOLD
    _ = mallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
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

  /// glibc's `mallopt`, looked up at run time (absent from other C
  /// libraries); returns 1 when it took the setting.
  static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
    #if canImport(Glibc)
      guard let symbol = dlsym(nil, "mallopt") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    #else
      return nil
    #endif
  }()

  /// The `name=value` entry for glibc tunable `name` in a `GLIBC_TUNABLES`
  /// value (`name=value:name=value…`), nil when it does not set that tunable.
  static func tunableEntry(_ name: String, in tunables: String?) -> String? {
    (tunables ?? "").split(separator: ":").first { $0.hasPrefix(name + "=") }.map(String.init)
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
