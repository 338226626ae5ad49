import Foundation
import StillwatchCore

/// Joins reduced partitions (disjoint accounts and examples) into one partial
/// in partition order while they are still being made: `deliver` files a
/// partition, and whichever thread delivers the next one in order joins it
/// and every later one already delivered, outside the lock, while the other
/// threads go on. So the result is the same as joining them in order at the
/// end, and only the last partitions are left to join then.
final class OrderedJoin: @unchecked Sendable {
  private let lock = NSLock()
  private var waiting: [Int: SweepPartial] = [:]
  private var next = 0
  private var joining = false
  /// Written only by the thread whose `joining` is set.
  private var result: SweepPartial

  /// An empty result with room for `accounts` (held only here, so joining
  /// into it never copies it).
  init(parameters: SketchParameters, windowMillis: Int64, accounts: Int) {
    result = SweepPartial(parameters: parameters, windowMillis: windowMillis)
    result.accounts.reserveCapacity(accounts)
  }

  func deliver(_ piece: SweepPartial, at index: Int) {
    lock.lock()
    waiting[index] = piece
    if joining {
      lock.unlock()  // the joining thread picks it up
      return
    }
    joining = true
    while let piece = waiting.removeValue(forKey: next) {
      next += 1
      lock.unlock()
      result.accounts.merge(piece.accounts) { a, _ in a }
      result.templateExamples.merge(piece.templateExamples) { a, _ in a }
      lock.lock()
    }
    joining = false
    lock.unlock()
  }

  /// The result, once `count` partitions have been delivered (and joined);
  /// it is no longer held here.
  func joined(count: Int) throws -> SweepPartial {
    lock.lock()
    defer { lock.unlock() }
    guard next == count, waiting.isEmpty, !joining else {
      throw WireError("spill reduce joined \(next) of \(count) partitions")
    }
    let joined = result
    result = SweepPartial(parameters: joined.parameters, windowMillis: joined.windowMillis)
    return joined
  }
}
