import XCTest

@testable import StillwatchCore

final class ShinglerTests: XCTestCase {
  let shingler = Shingler(parameters: .standard)

  func shingles(_ text: String) -> [UInt32] {
    var out: [UInt32] = []
    shingler.shingles(of: text, into: &out)
    return out
  }

  func testNumbersAndCaseAreMasked() {
    XCTAssertEqual(
      shingles("Solve 12 + 30 and show every step"), shingles("solve 7 + 99 AND show every step"))
  }

  func testCodeBlocksAreMaskedAsOneToken() {
    let a = shingles("Explain this code:\n```\nprint(1)\n```\nstep by step")
    let b = shingles("Explain this code:\n```\ndef f(x):\n  return x * 2\n```\nstep by step")
    XCTAssertEqual(a, b)
  }

  func testDifferentWordsGiveDifferentShingles() {
    XCTAssertNotEqual(shingles("the cat sat on the mat"), shingles("the dog sat on the mat"))
    XCTAssertEqual(shingles("the cat sat on the mat").count, 4)
  }

  func testTextWithFewerWordsThanAShingleHasNone() {
    XCTAssertEqual(shingles("hello there").count, 0)
    XCTAssertEqual(shingles("  ...  ").count, 0)
    XCTAssertEqual(shingles("12 345 6789 42").count, 0, "numbers only")
    XCTAssertEqual(shingles("```python\nprint('a b c d e')\n```").count, 0, "a bare code block")
    XCTAssertEqual(shingles("```\nlong code, cut before its fence closes").count, 0)
    XCTAssertEqual(shingles("hello there friend").count, 1)
    XCTAssertEqual(shingles("fix this: ```x = 1``` now").count, 2, "3 words and <code>: 2 shingles")
  }
}
