import Foundation
import StillwatchCore

/// Runs independent jobs on every core and collects their results in order.
///
/// Guarantees: `map` returns results in index order whatever the scheduling;
/// the first error (by index) is rethrown after every job has ended.
enum Parallel {
  static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    try ConcurrentRunner.threads.map(count) { index in Result { try body(index) } }
      .map { try $0.get() }
  }
}

extension ConcurrentRunner {
  /// Pieces on Dispatch's pool, as wide as the cores this process may run on.
  static let threads = ConcurrentRunner(width: ProcessorAffinity.cores) { count, body in
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }
}
