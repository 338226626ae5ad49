import Foundation

/// How many malloc arenas glibc may make in this process: one per core the
/// process may run on, instead of glibc's default of eight per core.
///
/// A thread allocates from its own arena, and memory it frees stays in that
/// arena, so with an arena per thread the coordinator's reduce cannot reuse
/// what a worker thread freed: it takes fresh pages, which the kernel zeroes.
/// Past the limit glibc hands a new thread an existing arena, so threads
/// share arenas and reuse each other's freed memory. 100k corpus, one core,
/// the speed issue's settings (huge pages on at the time): peak 217 → 180 MB,
/// minor faults 21k → 7–8k, wall time 1.88 → 1.60 s (medians of eight
/// interleaved pairs; within the VM's spread in other runs). Two workers on
/// two cores, time even: peak 1.23–1.29 → 1.09–1.15 GB at 1M, 2.71–2.77 →
/// 2.53–2.68 GB at 4M.
///
/// Guarantees: `limit` is pure; it never overrides a limit the operator set
/// (`glibc.malloc.arena_max` in `GLIBC_TUNABLES`, or `MALLOC_ARENA_MAX`).
public enum HeapArenas {
  static let tunable = "glibc.malloc.arena_max"

  /// The arena limit to set for `cores` cores, or nil when the environment
  /// (`GLIBC_TUNABLES`, `MALLOC_ARENA_MAX`) already sets one.
  public static func limit(cores: Int, tunables: String?, mallocArenaMax: String?) -> Int? {
    if let value = mallocArenaMax, !value.isEmpty { return nil }
    if ProcessMemory.tunableEntry(tunable, in: tunables) != nil { return nil }
    return max(1, cores)
  }

  /// Sets the limit for this process (`mallopt(M_ARENA_MAX)`); call before
  /// any thread starts. Returns how the arenas stand, for the log.
  static func arrange(cores: Int = ProcessorAffinity.cores) -> String {
    let environment = ProcessInfo.processInfo.environment
    guard
      let limit = limit(
        cores: cores, tunables: environment["GLIBC_TUNABLES"],
        mallocArenaMax: environment["MALLOC_ARENA_MAX"])
    else { return "as the environment sets them" }
    guard let mallopt = ProcessMemory.mallopt else { return "the C library's default" }
    guard mallopt(-8, Int32(clamping: limit)) == 1 else { return "glibc's default" }  // M_ARENA_MAX
    return "at most \(limit) (one per core)"
  }
}
