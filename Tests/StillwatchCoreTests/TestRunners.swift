import Dispatch

@testable import StillwatchCore

extension ConcurrentRunner {
  /// Runners a result must not depend on: one thread, three real threads,
  /// and widths 2–6 that run their pieces last to first.
  static let everyKindForTests: [ConcurrentRunner] =
    [
      .serial,
      ConcurrentRunner(width: 3) { count, body in
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
      },
    ]
    + (2...6).map { width in
      ConcurrentRunner(width: width) { count, body in
        for index in (0..<count).reversed() { body(index) }
      }
    }
}
