extension TextLoader {
  /// Accumulates parsed text into one byte store; `TextLoader` feeds it files.
  ///
  /// Guarantees: only clean spans are kept (fortune entries with control
  /// bytes are dropped; control bytes in code become spaces; words are ASCII
  /// letters), and each kind's byte count is tracked for the caps.
  struct Builder {
    var bytes: [UInt8] = []
    var passages: [TextSpan] = []
    var shortPassages: [TextSpan] = []
    var codeLines: [TextSpan] = []
    var codeFileStarts: [Int] = []
    var functionStarts: [Int32] = []
    var functionNames: [TextSpan] = []
    var fileNames: [TextSpan] = []
    var words: [TextSpan] = []
    var names: [TextSpan] = []
    var passageBytes = 0
    var codeBytes = 0
    var wordBytes = 0

    /// Lines of `text` as (start, end) offsets, without their newline.
    private static func lines(_ text: [UInt8]) -> [(Int, Int)] {
      var result: [(Int, Int)] = []
      var start = 0
      for (index, byte) in text.enumerated() where byte == 0x0A {
        result.append((start, index))
        start = index + 1
      }
      if start < text.count { result.append((start, text.count)) }
      return result
    }

    private mutating func append(_ text: ArraySlice<UInt8>) -> TextSpan {
      let start = Int32(bytes.count)
      bytes.append(contentsOf: text)
      return TextSpan(start: start, end: Int32(bytes.count))
    }

    /// A fortune file: entries separated by lines holding only `%`.
    mutating func addFortunes(_ text: [UInt8]) {
      var entryStart = 0
      for (start, end) in Self.lines(text) {
        let line = text[start..<end]
        let isSeparator = line.elementsEqual([0x25]) || line.elementsEqual([0x25, 0x0D])
        if isSeparator {
          addPassage(text[entryStart..<start])
          entryStart = end + 1
        }
      }
      if entryStart < text.count { addPassage(text[entryStart..<text.count]) }
    }

    private mutating func addPassage(_ raw: ArraySlice<UInt8>) {
      var entry = raw
      while let first = entry.first,
        first == 0x0A || first == 0x20 || first == 0x09 || first == 0x0D
      {
        entry = entry.dropFirst()
      }
      while let last = entry.last, last == 0x0A || last == 0x20 || last == 0x09 || last == 0x0D {
        entry = entry.dropLast()
      }
      guard entry.count >= 8, entry.count <= maxPassageBytes else { return }
      guard !entry.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F }) else {
        return
      }
      let span = append(entry)
      bytes.append(0x0A)
      passages.append(span)
      if span.count <= maxShortPassageBytes { shortPassages.append(span) }
      passageBytes += span.count + 1
    }

    /// A Python source file.
    mutating func addCode(_ raw: [UInt8], fileName: String) {
      let text = raw.map { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F ? 0x20 : $0 }
      fileNames.append(append(ArraySlice(fileName.utf8)))
      let base = Int32(bytes.count)
      bytes.append(contentsOf: text)
      codeBytes += text.count
      codeFileStarts.append(codeLines.count)
      for (start, end) in Self.lines(text) {
        let span = TextSpan(start: base + Int32(start), end: base + Int32(end))
        if let name = Self.definedName(text, start, end, base: base) {
          functionStarts.append(Int32(codeLines.count))
          if bytes[Int(name.start)] != 0x5F { functionNames.append(name) }
        }
        codeLines.append(span)
      }
    }

    /// The name in a `def name(` or `async def name(` line.
    private static func definedName(_ text: [UInt8], _ start: Int, _ end: Int, base: Int32)
      -> TextSpan?
    {
      var index = start
      while index < end && text[index] == 0x20 { index += 1 }
      for keyword in [Array("async def ".utf8), Array("def ".utf8)] {
        guard end - index > keyword.count,
          text[index..<index + keyword.count].elementsEqual(keyword)
        else { continue }
        let nameStart = index + keyword.count
        var nameEnd = nameStart
        while nameEnd < end && isIdentifierByte(text[nameEnd]) { nameEnd += 1 }
        guard nameEnd > nameStart, nameEnd < end, text[nameEnd] == 0x28 else { return nil }
        return TextSpan(start: base + Int32(nameStart), end: base + Int32(nameEnd))
      }
      return nil
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
      (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    /// A word list, one word a line.
    mutating func addWords(_ text: [UInt8]) {
      for (start, end) in Self.lines(text) {
        let length = end - start
        guard length >= 3, length <= 12 else { continue }
        let word = text[start..<end]
        let first = word.first!
        let restLower = word.dropFirst().allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        guard restLower else { continue }
        if first >= 0x61 && first <= 0x7A {
          words.append(append(word))
        } else if first >= 0x41 && first <= 0x5A {
          names.append(append(word))
        } else {
          continue
        }
        wordBytes += length
      }
    }

    func build() -> TextSource {
      TextSource(
        bytes: bytes, passages: passages, shortPassages: shortPassages, codeLines: codeLines,
        codeFileStarts: codeFileStarts + [codeLines.count], functionStarts: functionStarts,
        functionNames: functionNames, fileNames: fileNames, words: words, names: names)
    }
  }
}
