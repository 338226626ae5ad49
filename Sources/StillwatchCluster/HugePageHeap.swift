import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Whether glibc's allocator puts this process's heap on transparent huge
/// pages (`glibc.malloc.hugetlb=1`), and how a process gets there: the
/// tunable is read only when a process starts, so with
/// `STILLWATCH_HUGE_PAGES=1` a sweep, coordinator or worker restarts itself
/// once (same executable, same arguments) with it added to `GLIBC_TUNABLES`.
///
/// Off by default: measured here, they cut page faults (16M: 6.72M → 1.20M)
/// but cost time, because the kernel zeroes every 2 MiB page at first touch
/// (system time 1M one core: 0.6–0.75 s off, 2.6–2.7 s on). Since malloc
/// arenas are one per core (`HeapArenas`) and the reduce keeps the memory it
/// frees below its budget, they are slower or even: 100k one core at the
/// speed issue's settings 1.43 s off against 1.62 s on (medians of six
/// interleaved pairs), 1M one core 16.8 / 17.4 s against 18.2 / 19.3 s, 4M
/// two workers 49.3 / 50.9 s against 52.1 / 48.8 s.
///
/// Guarantees: `decide` is pure; it asks for a restart only when
/// `STILLWATCH_HUGE_PAGES=1`, `GLIBC_TUNABLES` does not already name
/// `glibc.malloc.hugetlb` (the operator's value wins, and a restarted process
/// does not restart again) and the kernel's transparent huge pages are in
/// `madvise` mode (`always` already gives them, `never` cannot).
public enum HugePageHeap: Equatable, Sendable {
  /// Restart with `GLIBC_TUNABLES` set to this value.
  case restart(tunables: String)
  /// Nothing to do; why, for the log.
  case settled(String)

  /// The environment variable that turns the restart on ("1").
  public static let switchVariable = "STILLWATCH_HUGE_PAGES"
  static let tunable = "glibc.malloc.hugetlb"

  /// What to do, given `GLIBC_TUNABLES`, `STILLWATCH_HUGE_PAGES` and the
  /// contents of /sys/kernel/mm/transparent_hugepage/enabled (nil when absent).
  public static func decide(tunables: String?, switch value: String?, transparentHugePages: String?)
    -> HugePageHeap
  {
    if let set = ProcessMemory.tunableEntry(tunable, in: tunables) {
      return .settled(set == tunable + "=1" ? "on (\(set))" : "as GLIBC_TUNABLES sets it (\(set))")
    }
    guard let mode = transparentHugePages else {
      return .settled("off (no transparent huge pages on this system)")
    }
    if mode.contains("[always]") { return .settled("on (transparent huge pages: always)") }
    guard mode.contains("[madvise]") else {
      return .settled("off (transparent huge pages: never)")
    }
    guard let value else { return .settled("off (the default; \(switchVariable)=1 turns them on)") }
    guard value == "1" else { return .settled("off (\(switchVariable)=\(value))") }
    let entries = (tunables ?? "").split(separator: ":").map(String.init)
    return .restart(tunables: (entries + [tunable + "=1"]).joined(separator: ":"))
  }

  /// Decides for this process and, when that says so, replaces it with the
  /// same executable and arguments under the new `GLIBC_TUNABLES` (does not
  /// return then); called by `ProcessMemory.prepareHeap`, before any thread
  /// starts. Returns how the heap stands, for the log; a failed restart is
  /// reported there and the process goes on as it is.
  static func arrange() -> String {
    let environment = ProcessInfo.processInfo.environment
    let decision = decide(
      tunables: environment["GLIBC_TUNABLES"], switch: environment[switchVariable],
      transparentHugePages: try? String(
        contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8))
    switch decision {
    case .settled(let state):
      return state
    case .restart(let tunables):
      #if canImport(Glibc)
        let previous = environment["GLIBC_TUNABLES"]
        setenv("GLIBC_TUNABLES", tunables, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        let failure = errno
        for argument in arguments { free(argument) }
        if let previous {
          setenv("GLIBC_TUNABLES", previous, 1)
        } else {
          unsetenv("GLIBC_TUNABLES")
        }
        return "off (restart with \(tunables) failed: errno \(failure))"
      #else
        return "off (not glibc)"
      #endif
    }
  }
}
