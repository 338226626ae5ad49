import Foundation
import StillwatchCompression
import XCTest

/// Interoperability with the system CLIs: files they write read back through
/// `DecompressingReader` (including concatenations), and files we write
/// decode with `lz4 -d`, `zstd -d`, `gzip -d`. Skipped when a CLI is missing.
final class SystemToolInteropTests: XCTestCase {
  private func compressArguments(_ format: CompressionFormat, _ path: String) -> [String] {
    ["-q", "-c", path]
  }

  private func toolName(_ format: CompressionFormat) -> String {
    format == .zstd ? "zstd" : format.rawValue
  }

  /// The CLI compresses two inputs; we read each file and their concatenation.
  private func readFilesWrittenByTool(_ format: CompressionFormat) throws {
    let tool = try SystemTool.require(toolName(format))
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let first = sampleBytes(count: (3 << 20) + 77, seed: 11)
    let second = sampleBytes(count: 200_001, seed: 12)
    try writeFile(first, to: scratch.path("first"))
    try writeFile(second, to: scratch.path("second"))
    let firstPath = scratch.path("first\(format.fileSuffix)")
    let secondPath = scratch.path("second\(format.fileSuffix)")
    try tool.run(compressArguments(format, scratch.path("first")), standardOutputTo: firstPath)
    try tool.run(compressArguments(format, scratch.path("second")), standardOutputTo: secondPath)

    let single = try readAll(firstPath)
    XCTAssertNil(single.damage)
    XCTAssertTrue(single.bytes == first, "\(format): CLI file content differs")

    let bothPath = scratch.path("both\(format.fileSuffix)")
    try writeFile(try fileBytes(firstPath) + fileBytes(secondPath), to: bothPath)
    let both = try readAll(bothPath)
    XCTAssertNil(both.damage)
    XCTAssertEqual(both.bytes.count, first.count + second.count)
    XCTAssertTrue(both.bytes == first + second, "\(format): concatenated content differs")
  }

  func testReadsFilesWrittenByLZ4CLI() throws { try readFilesWrittenByTool(.lz4) }
  func testReadsFilesWrittenByZstdCLI() throws { try readFilesWrittenByTool(.zstd) }
  func testReadsFilesWrittenByGzipCLI() throws { try readFilesWrittenByTool(.gzip) }

  /// We write (stream and whole-buffer); the CLI decodes to the original bytes.
  private func toolReadsOurFiles(_ format: CompressionFormat) throws {
    let tool = try SystemTool.require(toolName(format))
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for (index, size) in [0, 5_000, (2 << 20) + 5].enumerated() {
      let original = sampleBytes(count: size, seed: UInt64(20 + index))
      let path = scratch.path("ours-\(size)\(format.fileSuffix)")
      try writeCompressed(original, to: path, format: format)
      let decodedPath = scratch.path("decoded-\(size)")
      try tool.run(["-d", "-c", path], standardOutputTo: decodedPath)
      XCTAssertTrue(try fileBytes(decodedPath) == original, "\(format) size \(size)")
    }
  }

  func testLZ4CLIReadsOurFiles() throws { try toolReadsOurFiles(.lz4) }
  func testZstdCLIReadsOurFiles() throws { try toolReadsOurFiles(.zstd) }
  func testGzipCLIReadsOurFiles() throws { try toolReadsOurFiles(.gzip) }

  func testLZ4CLIReadsWholeBufferFrames() throws {
    let tool = try SystemTool.require("lz4")
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let original = sampleBytes(count: 1_000_003, seed: 31)
    let path = scratch.path("frame.lz4")
    try writeFile(LZ4Frame.compress(original), to: path)
    try tool.run(["-d", "-c", path], standardOutputTo: scratch.path("frame.out"))
    XCTAssertTrue(try fileBytes(scratch.path("frame.out")) == original)

    // And the other way: a CLI frame through the whole-buffer decoder.
    try writeFile(original, to: scratch.path("plain"))
    try tool.run(["-q", "-c", scratch.path("plain")], standardOutputTo: scratch.path("cli.lz4"))
    XCTAssertTrue(try LZ4Frame.decompress(fileBytes(scratch.path("cli.lz4"))) == original)
  }
}

/// A compression CLI found on `PATH` (`lz4`, `zstd`, `gzip`), run with its
/// standard output sent to a file.
struct SystemTool {
  let executable: URL

  /// The tool called `name` on `PATH`, or an `XCTSkip` when it is not installed.
  static func require(_ name: String) throws -> SystemTool {
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in searchPath.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return SystemTool(executable: candidate)
      }
    }
    throw XCTSkip("\(name) is not installed")
  }

  /// Runs the tool with `arguments`, writing its standard output to
  /// `outputPath`; throws unless it exits with status 0.
  func run(_ arguments: [String], standardOutputTo outputPath: String) throws {
    guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
      throw ToolFailure(description: "cannot create \(outputPath)")
    }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    defer { try? output.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ToolFailure(
        description:
          "\(executable.lastPathComponent) \(arguments) exited with \(process.terminationStatus)")
    }
  }
}

struct ToolFailure: Error, CustomStringConvertible {
  let description: String
}
