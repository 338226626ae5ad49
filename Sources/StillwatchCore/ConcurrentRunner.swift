/// How the core runs independent pieces of one computation: one after the
/// other (`serial`, the default), or on several threads when a shell passes a
/// runner built on its thread pool. The core itself starts no threads.
///
/// Guarantees: `map` returns results in piece order and every piece is a pure
/// function of its index, so the answer is the same whatever runner computed it.
public struct ConcurrentRunner: Sendable {
  /// How many pieces are worth cutting work into (threads the runner can use).
  public let width: Int
  private let perform: @Sendable (Int, @Sendable (Int) -> Void) -> Void

  /// `perform(n, body)` must call `body(i)` exactly once for each i in 0..<n
  /// and return only after every call has returned.
  public init(width: Int, perform: @escaping @Sendable (Int, @Sendable (Int) -> Void) -> Void) {
    self.width = max(1, width)
    self.perform = perform
  }

  public static let serial = ConcurrentRunner(width: 1) { count, body in
    for index in 0..<count { body(index) }
  }

  /// `body(0) ... body(count - 1)`, possibly concurrently, in index order.
  public func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1, width > 1 else { return (0..<count).map(body) }
    let slots = ResultSlots<T>(count: count)
    withoutActuallyEscaping(body) { body in
      perform(count) { index in slots.store(body(index), at: index) }
    }
    return slots.values()
  }

  /// `body` over `ranges(total)`, the pieces' results joined in order.
  public func map<T: Sendable>(ranges total: Int, _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
    let pieces = ranges(total)
    return map(pieces.count) { body(pieces[$0]) }.flatMap { $0 }
  }

  /// `0..<total` cut into about `width * 4` contiguous ranges (none empty).
  public func ranges(_ total: Int) -> [Range<Int>] {
    let pieces = min(total, width == 1 ? 1 : width * 4)
    guard pieces > 0 else { return [] }
    return (0..<pieces).map { piece in
      (total * piece / pieces)..<(total * (piece + 1) / pieces)
    }
  }
}

/// One slot per piece, each written by exactly one piece before `values()`.
private final class ResultSlots<T>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<T?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func store(_ value: T, at index: Int) { slots[index] = value }

  func values() -> [T] { (0..<count).map { slots[$0]! } }
}
