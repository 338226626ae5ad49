import Foundation
import StillwatchIngest
import XCTest

/// The sweep's own parser accepts every generated line.
final class IngestCompatibilityTests: XCTestCase {
  func testEveryLineParsesAsAnExchange() throws {
    let corpus = try SharedCorpus.get()
    let parser = ExchangeParser()
    var agentic = 0
    for (_, line) in corpus.lines {
      let outcome = line.withUnsafeBytes { parser.parse($0) }
      switch outcome {
      case .exchange(let exchange):
        XCTAssertFalse(exchange.messages.isEmpty)
        if exchange.messages.contains(where: { $0.toolUses > 0 }) { agentic += 1 }
      case .rejected(let reason):
        XCTFail("rejected: \(reason): \(String(decoding: line.prefix(200), as: UTF8.self))")
      }
    }
    XCTAssertGreaterThan(agentic, 1_000)
  }
}
