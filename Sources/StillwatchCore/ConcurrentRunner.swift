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

  /// `body` over one contiguous range per thread, the pieces' dictionaries
  /// merged in piece order, `combine(earlier, later)` for a key in several.
  /// (One piece per thread, not `ranges(total)`: merging a piece costs about
  /// what building it did, and the merge is serial.)
  public func map<Key: Hashable & Sendable, Value: Sendable>(
    ranges total: Int, merging combine: (Value, Value) -> Value,
    _ body: @Sendable (Range<Int>) -> [Key: Value]
  ) -> [Key: Value] {
    let pieces = threadRanges(total)
    guard pieces.count > 1 else { return body(pieces[0]) }
    var results = map(pieces.count) { body(pieces[$0]) }
    var merged = results[0]
    results[0] = [:]
    for piece in results.dropFirst() { merged.merge(piece, uniquingKeysWith: combine) }
    return merged
  }

  /// `0..<total` cut into about `width * 4` contiguous ranges (none empty).
  public func ranges(_ total: Int) -> [Range<Int>] {
    let pieces = pieceCount(total)
    guard pieces > 0 else { return [] }
    return (0..<pieces).map { piece in
      (total * piece / pieces)..<(total * (piece + 1) / pieces)
    }
  }

  /// `0..<total` cut into one contiguous range per thread (at least one
  /// range, possibly empty): for pieces merged serially afterwards, where
  /// every further piece costs a merge.
  public func threadRanges(_ total: Int) -> [Range<Int>] {
    let pieces = min(width, max(1, total))
    return (0..<pieces).map { (total * $0 / pieces)..<(total * ($0 + 1) / pieces) }
  }

  /// `0..<total` cut like `ranges(total)`, but into ranges of about equal
  /// weight: node i weighs `starts[i + 1] - starts[i]` (`starts` is a CSR
  /// offset array, `total + 1` long). A range holds at least one node, so one
  /// heavy node may make its range heavier than the rest.
  public func ranges(_ total: Int, balancing starts: [Int]) -> [Range<Int>] {
    let pieces = pieceCount(total)
    guard pieces > 0 else { return [] }
    let weight = starts[total] - starts[0]
    var ranges: [Range<Int>] = []
    var lower = 0
    for piece in 1...pieces where lower < total {
      var upper = total
      if piece < pieces {
        // The first node whose start reaches this piece's share of the weight.
        let target = starts[0] + weight * piece / pieces
        var low = lower + 1
        var high = total
        while low < high {
          let middle = (low + high) / 2
          if starts[middle] < target { low = middle + 1 } else { high = middle }
        }
        upper = low
      }
      ranges.append(lower..<upper)
      lower = upper
    }
    return ranges
  }

  private func pieceCount(_ total: Int) -> Int { min(total, width == 1 ? 1 : width * 4) }
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
