import Foundation

/// Reads the raw text of a corpus from local files (see
/// `GeneratorSettings.defaultTextDirectories` for the layout rules).
///
/// Guarantees: files are read in sorted path order, each at most once
/// (symlinks are resolved), and the bytes kept are capped per kind (about
/// 3 MB of passages, 4 MB of code, 1 MB of words), so the result is a pure
/// function of the files' contents and bounded in size. Throws a
/// `GeneratorError` naming the Debian packages to install when a kind of text
/// is missing altogether.
enum TextLoader {
  static let passageBudget = 3 << 20
  static let codeBudget = 4 << 20
  static let wordBudget = 1 << 20
  static let maxPassageBytes = 1_500
  static let maxShortPassageBytes = 240

  enum Kind {
    case fortunes
    case code
    case words
  }

  static func load(directories: [String]) throws -> TextSource {
    var builder = Builder()
    var seen: Set<String> = []
    for (path, kind) in files(in: directories) {
      let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
      guard seen.insert(resolved).inserted else { continue }
      switch kind {
      case .fortunes:
        let room = passageBudget - builder.passageBytes
        if room > 0, let data = read(path, limit: room) { builder.addFortunes(data) }
      case .code:
        let room = codeBudget - builder.codeBytes
        if room > 0, let data = read(path, limit: room) {
          builder.addCode(data, fileName: (path as NSString).lastPathComponent)
        }
      case .words:
        let room = wordBudget - builder.wordBytes
        if room > 0, let data = read(path, limit: room) { builder.addWords(data) }
      }
    }
    var missing: [String] = []
    if builder.passages.isEmpty || builder.shortPassages.isEmpty {
      missing.append("fortune files (fortunes, fortunes-min)")
    }
    if builder.words.isEmpty || builder.names.isEmpty { missing.append("word list (wamerican)") }
    if builder.functionNames.isEmpty || builder.fileNames.isEmpty {
      missing.append("Python sources (python3)")
    }
    guard missing.isEmpty else { throw GeneratorError.missingText(missing, searched: directories) }
    return builder.build()
  }

  /// Every readable text file under the entries, with its kind, in order.
  static func files(in entries: [String]) -> [(String, Kind)] {
    let manager = FileManager.default
    var result: [(String, Kind)] = []
    for entry in entries {
      for path in expand(entry) {
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
        if !isDirectory.boolValue {
          if !skipped(path) { result.append((path, kind(ofFile: path))) }
          continue
        }
        let names = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let children = names.filter { !skipped($0) }.map { path + "/" + $0 }.filter {
          var childIsDirectory: ObjCBool = false
          return manager.fileExists(atPath: $0, isDirectory: &childIsDirectory)
            && !childIsDirectory.boolValue
        }
        let folder = (path as NSString).lastPathComponent
        let hasPython = folder.hasPrefix("python") || children.contains { $0.hasSuffix(".py") }
        for child in children {
          if hasPython {
            if child.hasSuffix(".py") { result.append((child, .code)) }
          } else if folder == "dict" {
            result.append((child, .words))
          } else {
            result.append((child, .fortunes))
          }
        }
      }
    }
    return result
  }

  /// An entry, or for a trailing `*` every matching sibling, sorted.
  static func expand(_ entry: String) -> [String] {
    guard entry.hasSuffix("*") else { return [entry] }
    let parent = (entry as NSString).deletingLastPathComponent
    let prefix = String((entry as NSString).lastPathComponent.dropLast())
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    return names.filter { $0.hasPrefix(prefix) }.sorted().map { parent + "/" + $0 }
  }

  static func skipped(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent
    return name.hasPrefix(".") || name.hasPrefix("README") || name.hasSuffix(".dat")
      || name.hasSuffix(".u8")
  }

  static func kind(ofFile path: String) -> Kind {
    if path.hasSuffix(".py") { return .code }
    let parent = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
    if parent == "dict" || (path as NSString).lastPathComponent == "words" { return .words }
    return .fortunes
  }

  /// Up to `limit` bytes of a file, repaired to valid UTF-8, cut after its last newline.
  static func read(_ path: String, limit: Int) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: limit), !data.isEmpty else { return nil }
    var bytes = Array(String(decoding: data, as: UTF8.self).utf8)
    if data.count == limit, let lastNewline = bytes.lastIndex(of: 0x0A) {
      bytes.removeSubrange((lastNewline + 1)...)
    }
    if bytes.last != 0x0A { bytes.append(0x0A) }
    return bytes
  }
}
