/// A byte range of `TextSource.bytes`.
struct TextSpan {
  var start: Int32
  var end: Int32

  var count: Int { Int(end - start) }
}

/// The raw text that prompts are made of: fortune passages, Python standard
/// library code, dictionary words and names, held as one UTF-8 byte store
/// with spans into it.
///
/// Guarantees: every span is valid UTF-8 (input was repaired on load) with no
/// control bytes other than newline and tab; every list is non-empty; the
/// store is capped by `TextLoader` (a few MB), so memory does not grow with
/// the corpus. All picking goes through the caller's generator, so it is
/// deterministic.
final class TextSource {
  let bytes: [UInt8]
  /// Fortune-file entries of at most `TextLoader.maxPassageBytes`.
  let passages: [TextSpan]
  /// Passages of at most 240 bytes: one-liners, questions, quips.
  let shortPassages: [TextSpan]
  /// Lines of Python source, without their newline; files are contiguous.
  let codeLines: [TextSpan]
  /// Index into `codeLines` of each file's first line, plus `codeLines.count`.
  let codeFileStarts: [Int]
  /// Index into `codeLines` of every `def` line.
  let functionStarts: [Int32]
  /// Names of the functions defined (no leading underscore).
  let functionNames: [TextSpan]
  /// Base names of the Python files (`textwrap.py`, ...).
  let fileNames: [TextSpan]
  /// Lower-case ASCII words of 3–12 letters.
  let words: [TextSpan]
  /// Capitalised ASCII names of 3–12 letters.
  let names: [TextSpan]

  init(
    bytes: [UInt8], passages: [TextSpan], shortPassages: [TextSpan], codeLines: [TextSpan],
    codeFileStarts: [Int], functionStarts: [Int32], functionNames: [TextSpan],
    fileNames: [TextSpan], words: [TextSpan], names: [TextSpan]
  ) {
    self.bytes = bytes
    self.passages = passages
    self.shortPassages = shortPassages
    self.codeLines = codeLines
    self.codeFileStarts = codeFileStarts
    self.functionStarts = functionStarts
    self.functionNames = functionNames
    self.fileNames = fileNames
    self.words = words
    self.names = names
  }

  /// Appends the span, escaped for a JSON string.
  @inline(__always)
  func write(_ span: TextSpan, into out: inout JSONLineBuffer) {
    bytes.withUnsafeBufferPointer {
      out.escaped(UnsafeBufferPointer(rebasing: $0[Int(span.start)..<Int(span.end)]))
    }
  }

  func write(from first: TextSpan, through last: TextSpan, into out: inout JSONLineBuffer) {
    write(TextSpan(start: first.start, end: last.end), into: &out)
  }

  func string(_ span: TextSpan) -> String {
    String(decoding: bytes[Int(span.start)..<Int(span.end)], as: UTF8.self)
  }

  func writePassage(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    write(passages[rng.below(passages.count)], into: &out)
  }

  func writeShortPassage(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    write(shortPassages[rng.below(shortPassages.count)], into: &out)
  }

  /// `count` passages separated by blank lines.
  func writeLongPassage(_ rng: inout SplitMix64, count: Int, into out: inout JSONLineBuffer) {
    for part in 0..<count {
      if part > 0 { out.raw("\\n\\n") }
      writePassage(&rng, into: &out)
    }
  }

  func writeWord(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    write(words[rng.below(words.count)], into: &out)
  }

  func writeName(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    write(names[rng.below(names.count)], into: &out)
  }

  func writeFunctionName(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    write(functionNames[rng.below(functionNames.count)], into: &out)
  }

  func writeFileName(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    write(fileNames[rng.below(fileNames.count)], into: &out)
  }

  /// A code snippet: mostly a whole function (up to 30 lines), otherwise a
  /// window of 5–30 lines, never crossing a file boundary.
  func writeCode(_ rng: inout SplitMix64, into out: inout JSONLineBuffer) {
    let (first, last) = snippet(&rng)
    write(from: codeLines[first], through: codeLines[last], into: &out)
  }

  /// First and last line (inclusive) of a snippet.
  func snippet(_ rng: inout SplitMix64) -> (Int, Int) {
    if !functionStarts.isEmpty && rng.chance(0.7) {
      let first = Int(functionStarts[rng.below(functionStarts.count)])
      let fileEnd = endOfFile(containing: first)
      let indent = indentation(first)
      var end = first + 1
      while end < fileEnd && end - first < 30 {
        if !isBlank(end) && indentation(end) <= indent { break }
        end += 1
      }
      if end - first < 5 { end = min(fileEnd, first + 5) }
      return (first, trimmedLast(first, end - 1))
    }
    var first = rng.below(codeLines.count)
    let fileEnd = endOfFile(containing: first)
    let length = rng.within(5, 30)
    while first < fileEnd - 1 && isBlank(first) { first += 1 }
    return (first, trimmedLast(first, min(fileEnd, first + length) - 1))
  }

  private func trimmedLast(_ first: Int, _ last: Int) -> Int {
    var last = last
    while last > first && isBlank(last) { last -= 1 }
    return last
  }

  private func endOfFile(containing line: Int) -> Int {
    var low = 0
    var high = codeFileStarts.count - 1
    while high - low > 1 {
      let middle = (low + high) / 2
      if codeFileStarts[middle] <= line { low = middle } else { high = middle }
    }
    return codeFileStarts[high]
  }

  private func isBlank(_ line: Int) -> Bool {
    let span = codeLines[line]
    var index = Int(span.start)
    while index < Int(span.end) {
      if bytes[index] != 0x20 && bytes[index] != 0x09 { return false }
      index += 1
    }
    return true
  }

  private func indentation(_ line: Int) -> Int {
    let span = codeLines[line]
    var index = Int(span.start)
    while index < Int(span.end) && bytes[index] == 0x20 { index += 1 }
    return index - Int(span.start)
  }
}
