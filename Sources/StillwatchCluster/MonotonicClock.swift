#if canImport(Glibc)
  import Glibc
#endif

/// Milliseconds from a monotonic clock; the shells read it and pass it to the
/// pure state machines, which never read a clock themselves.
enum MonotonicClock {
  static func nowMillis() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
  }

  /// Seconds from `startMillis` (a `nowMillis()` reading) to now.
  static func secondsSince(_ startMillis: Int64) -> Double {
    Double(nowMillis() - startMillis) / 1000
  }
}

/// CPU seconds the calling thread has used (CLOCK_THREAD_CPUTIME_ID): the
/// coordinator reports its own share of the distributed phase with it.
enum ThreadCPUClock {
  static func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
