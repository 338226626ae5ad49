import Foundation
import StillwatchCompression
import XCTest

@testable import StillwatchSynth

/// Temporary directories, a small hermetic text fixture, and readers for
/// generated corpora.
enum SynthTestSupport {
  static func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "stillwatch-synth-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// A directory tree shaped like the Debian text packages, with a little
  /// text of each kind (including quotes, backslashes, tabs and non-ASCII).
  static func makeTextFixture() throws -> String {
    let root = try temporaryDirectory("text")
    let manager = FileManager.default
    for folder in ["fortunes", "dict", "python3.99"] {
      try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
    }
    var fortunes = ""
    for i in 0..<60 {
      fortunes +=
        "Fortune number \(i): \"Quotes\" and back\\slashes,\ttabs, caf\u{E9} \u{2014} na\u{EF}ve.\n"
      if i % 3 == 0 { fortunes += "A second line for a longer passage, with more words in it.\n" }
      fortunes += "%\n"
    }
    try fortunes.write(toFile: root + "/fortunes/sample", atomically: true, encoding: .utf8)
    try "ignored index".write(
      toFile: root + "/fortunes/sample.dat", atomically: true, encoding: .utf8)
    let words = [
      "alpha", "bravo", "charlie", "delta", "echo", "Foxtrot", "Golf", "Hotel", "india",
      "Juliet", "kilo's", "lima", "Mike", "november",
    ]
    try words.joined(separator: "\n").write(
      toFile: root + "/dict/words", atomically: true, encoding: .utf8)
    var code = "import os\n\n"
    for i in 0..<25 {
      code += "def function_\(i)(value, limit=\(i)):\n    \"\"\"Doc \(i).\"\"\"\n"
      code += "    total = 0\n    for item in range(limit):\n        total += item * value\n"
      code += "    if total > \(i * 10):\n        return 'big\\n'\n    return total\n\n"
    }
    try code.write(toFile: root + "/python3.99/sample.py", atomically: true, encoding: .utf8)
    try "not python".write(
      toFile: root + "/python3.99/LICENSE.txt", atomically: true, encoding: .utf8)
    return root
  }

  /// Settings over the fixture text.
  static func settings(
    exchanges: Int, seed: UInt64 = 1, format: CompressionFormat = .none, text: String
  ) -> GeneratorSettings {
    var settings = GeneratorSettings(exchanges: exchanges, seed: seed, format: format)
    settings.textDirectories = [text + "/fortunes", text + "/dict", text + "/python3*"]
    return settings
  }

  /// The decompressed bytes of a file.
  static func contents(_ path: String) throws -> [UInt8] {
    let reader = try DecompressingReader(path: path)
    var bytes: [UInt8] = []
    while try reader.read(into: &bytes, maxBytes: 1 << 20) > 0 {}
    return bytes
  }

  /// Every file under `root`, relative paths, sorted.
  static func files(under root: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: root)
    var result: [String] = []
    while let next = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result.append(next)
      }
    }
    return result.sorted()
  }

  /// The lines of the corpus files listed in `summary`, in order.
  static func lines(of summary: GeneratorSummary) throws -> [(file: String, line: [UInt8])] {
    var result: [(String, [UInt8])] = []
    for file in summary.files {
      let bytes = try contents(file)
      bytes.withUnsafeBufferPointer { buffer in
        var start = 0
        for index in 0..<buffer.count where buffer[index] == 0x0A {
          result.append((file, Array(buffer[start..<index])))
          start = index + 1
        }
      }
      XCTAssertEqual(bytes.last, 0x0A, "\(file) ends with a newline")
    }
    return result
  }

  /// labels.csv as (account, label) rows, header checked.
  static func labels(in directory: String) throws -> [(String, String)] {
    let text = try String(contentsOfFile: directory + "/labels.csv", encoding: .utf8)
    var rows = text.split(separator: "\n").map(String.init)
    XCTAssertEqual(rows.first, "account,label")
    rows.removeFirst()
    return rows.map { row in
      let parts = row.split(separator: ",", maxSplits: 1).map(String.init)
      return (parts[0], parts.count > 1 ? parts[1] : "")
    }
  }
}
