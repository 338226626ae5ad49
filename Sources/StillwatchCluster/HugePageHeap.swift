import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Whether glibc's allocator puts this process's heap on transparent huge
/// pages (`glibc.malloc.hugetlb=1`), and how a process gets there: the
/// tunable is read only when a process starts, so a sweep, coordinator or
/// worker restarts itself once (same executable, same arguments) with it
/// added to `GLIBC_TUNABLES`. The reduce and detection walk hash tables of
/// gigabytes at 16M exchanges; with 2 MiB pages they take a fraction of the
/// page faults (4M corpus, two workers: 1.32M → 0.41M minor faults; 16M:
/// 6.72M → 1.20M). The time saved is small: 0–12% in interleaved 4M runs,
/// within this VM's spread at 16M.
///
/// Guarantees: `decide` is pure; it never asks for a restart when
/// `GLIBC_TUNABLES` already names `glibc.malloc.hugetlb` (the operator's
/// value wins, and a restarted process does not restart again), when
/// `STILLWATCH_HUGE_PAGES=0`, or when the kernel's transparent huge pages
/// are not in `madvise` mode (`always` already gives them, `never` cannot).
public enum HugePageHeap: Equatable, Sendable {
  /// Restart with `GLIBC_TUNABLES` set to this value.
  case restart(tunables: String)
  /// Nothing to do; why, for the log.
  case settled(String)

  /// The environment variable that turns the restart off ("0").
  public static let switchVariable = "STILLWATCH_HUGE_PAGES"
  static let tunable = "glibc.malloc.hugetlb"

  /// What to do, given `GLIBC_TUNABLES`, `STILLWATCH_HUGE_PAGES` and the
  /// contents of /sys/kernel/mm/transparent_hugepage/enabled (nil when absent).
  public static func decide(tunables: String?, switch value: String?, transparentHugePages: String?)
    -> HugePageHeap
  {
    if value == "0" { return .settled("off (\(switchVariable)=0)") }
    let entries = (tunables ?? "").split(separator: ":").map(String.init)
    if let set = entries.first(where: { $0.hasPrefix(tunable + "=") }) {
      return .settled(set == tunable + "=1" ? "on (\(set))" : "as GLIBC_TUNABLES sets it (\(set))")
    }
    guard let mode = transparentHugePages else {
      return .settled("off (no transparent huge pages on this system)")
    }
    if mode.contains("[always]") { return .settled("on (transparent huge pages: always)") }
    guard mode.contains("[madvise]") else {
      return .settled("off (transparent huge pages: never)")
    }
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
