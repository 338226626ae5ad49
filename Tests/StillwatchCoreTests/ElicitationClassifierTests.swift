import XCTest

@testable import StillwatchCore

final class ElicitationClassifierTests: XCTestCase {
  let classifier = ElicitationClassifier()

  func score(_ text: String, thinking: Int? = nil) -> Double {
    classifier.score(lowercasedText: text.lowercased(), thinkingBudget: thinking)
  }

  func testReasoningHarvestScoresHighAndOrdinaryRequestsLow() {
    let harvest =
      "Here is a question and its final answer. Write out the complete step-by-step reasoning that leads to it."
    XCTAssertGreaterThan(score(harvest, thinking: 32_000), 0.9)
    XCTAssertGreaterThan(score("Show your reasoning: chain of thought please"), 0.6)
    XCTAssertLessThan(score("Translate this paragraph into French."), 0.15)
    XCTAssertLessThan(score("Write a haiku about autumn"), 0.15)
  }

  func testScoresAreInTheUnitIntervalAndGrowWithEvidence() {
    let texts = [
      "", "step by step", "step by step, show your work, chain of thought, final answer",
    ]
    let scores = texts.map { score($0, thinking: 64_000) }
    for s in scores { XCTAssertTrue((0...1).contains(s)) }
    XCTAssertLessThan(scores[0], scores[1])
    XCTAssertLessThan(scores[1], scores[2])
    XCTAssertLessThan(score("step by step"), score("step by step", thinking: 20_000))
  }

  func testPhraseOrderDoesNotMatter() {
    let a = ElicitationWeights(
      phrases: [.init("b", 1), .init("a", 2)], thinkingWeight: 0, largeThinkingWeight: 0,
      largeThinkingBudget: 1, bias: 1)
    let b = ElicitationWeights(
      phrases: [.init("a", 2), .init("b", 1)], thinkingWeight: 0, largeThinkingWeight: 0,
      largeThinkingBudget: 1, bias: 1)
    XCTAssertEqual(a, b)
  }
}
