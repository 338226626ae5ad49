import Foundation
import StillwatchCore

/// Runs independent jobs on every core and collects their results in order.
///
/// Guarantees: `map` returns results in index order whatever the scheduling;
/// the first error (by index) is rethrown after every job has ended.
enum Parallel {
  static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      results.set(index, Result { try body(index) })
    }
    return try results.values()
  }
}

extension ConcurrentRunner {
  /// Pieces on Dispatch's pool, as wide as the machine's active cores.
  static let threads = ConcurrentRunner(width: ProcessInfo.processInfo.activeProcessorCount) {
    count, body in
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }
}

/// Lock-protected result slots written by concurrent jobs.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<T, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<T, any Error>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }

  func values() throws -> [T] {
    lock.lock()
    defer { lock.unlock() }
    return try slots.map { try $0!.get() }
  }
}
