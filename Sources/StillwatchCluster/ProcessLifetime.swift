/// Values kept alive until the process exits, never freed.
///
/// A sweep's result holds every account's profile; freeing them one by one,
/// on one thread, right before the process ends took 3.5 s of a 16M sweep
/// (its log's "sweep finished" to the process's exit). The commands that end
/// with such a result hand it here once they are done with it, and the
/// operating system reclaims the memory at exit, all at once.
///
/// Guarantees: a value handed to `keepUntilExit` is never deinitialised
/// while the process runs; nothing else is kept.
public enum ProcessLifetime {
  public static func keepUntilExit<Value>(_ value: Value) {
    _ = Unmanaged.passRetained(Box(value))
  }

  private final class Box<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }
}
