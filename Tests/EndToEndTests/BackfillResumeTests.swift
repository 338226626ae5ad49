import Foundation
import StillwatchIngest
import StillwatchSynth
import XCTest

/// A backfill run as operators run it (the `stillwatch` binary, a state
/// directory), killed with SIGKILL part-way and started again with the same
/// arguments: stored partitions are not recomputed and the output is the
/// uninterrupted run's.
final class BackfillResumeTests: XCTestCase {
  /// The `stillwatch` executable built next to the test bundle.
  static func binary() throws -> String {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [directory, directory.deletingLastPathComponent()] {
      let path = candidate.appendingPathComponent("stillwatch").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    struct Missing: Error, CustomStringConvertible {
      var description: String { "the stillwatch executable is not built next to the tests" }
    }
    throw Missing()
  }

  func temporary(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sw-backfill-\(name)-\(UUID().uuidString)"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  /// Runs stillwatch to completion; returns its exit status and stdout.
  func run(_ arguments: [String]) throws -> (Int32, String) {
    try Self.output(of: try Self.binary(), arguments)
  }

  /// Runs `executable` to completion (stderr discarded); returns its exit
  /// status and stdout.
  static func output(of executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs stillwatch to completion (stdout discarded), in `environment` if
  /// given; returns its exit status and stderr.
  static func errors(of arguments: [String], environment: [String: String]? = nil) throws -> (
    Int32, Data
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try binary())
    process.arguments = arguments
    if let environment { process.environment = environment }
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }

  func comparable(_ directory: String) throws -> String {
    let text = try String(contentsOfFile: directory + "/campaigns.json", encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !$0.contains("\"started\":") && !$0.contains("\"finished\":") && !$0.contains("\"workers\":")
    }.joined(separator: "\n")
  }

  func storedPartitions(_ state: String) -> [String] {
    let root = state + "/partitions"
    let configs = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return configs.flatMap { config in
      ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + config)) ?? [])
        .filter { $0.hasSuffix(".part") }
    }
  }

  func testKilledBackfillResumesWithoutRecomputingStoredPartitions() throws {
    let corpus = temporary("corpus")
    var settings = GeneratorSettings(exchanges: 40_000, seed: 11)
    settings.days = 30
    settings.format = .lz4
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: corpus)
    let days = try InputFiles.list([corpus]).count
    XCTAssertGreaterThanOrEqual(days, 30)

    let reference = temporary("reference")
    let (status, _) = try run([
      "sweep", "--input", corpus, "--out", reference, "--workers", "1", "--no-history",
    ])
    XCTAssertEqual(status, 0)

    // The backfill: killed once a third of the partitions are stored.
    let state = temporary("state")
    let out = temporary("out")
    let arguments = [
      "sweep", "--input", corpus, "--out", out, "--state", state, "--workers", "1",
      "--chunk-bytes", "65536", "--no-history",
    ]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try Self.binary())
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date(timeIntervalSinceNow: 300)
    while process.isRunning && storedPartitions(state).count < days / 3 && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
    }
    XCTAssertTrue(process.isRunning, "the backfill finished before it could be killed")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .uncaughtSignal)
    let storedBefore = storedPartitions(state).count
    XCTAssertGreaterThanOrEqual(storedBefore, days / 3)
    XCTAssertLessThan(storedBefore, days)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/campaigns.json"))

    // Restarted with the same arguments: what was stored is merged, not redone.
    let (restarted, stdout) = try run(arguments)
    XCTAssertEqual(restarted, 0)
    XCTAssertTrue(
      stdout.contains(
        "partitions: \(days - storedBefore) computed, \(storedBefore) from the state"),
      stdout)
    let csv = try String(contentsOfFile: out + "/partitions.csv", encoding: .utf8)
    XCTAssertEqual(csv.split(separator: "\n").filter { $0.hasSuffix(",state") }.count, storedBefore)
    XCTAssertEqual(storedPartitions(state).count, days)
    XCTAssertEqual(try comparable(out), try comparable(reference))
    XCTAssertEqual(
      try String(contentsOfFile: out + "/accounts.csv", encoding: .utf8),
      try String(contentsOfFile: reference + "/accounts.csv", encoding: .utf8))
  }

  func testJSONLogsAreOneObjectPerLineAndCarryNoPromptText() throws {
    let corpus = temporary("corpus")
    var settings = GeneratorSettings(exchanges: 3_000, seed: 3)
    settings.format = .none
    _ = try CorpusGenerator.generate(settings: settings, outputDirectory: corpus)
    let (status, data) = try Self.errors(of: [
      "sweep", "--input", corpus, "--out", temporary("out"), "--workers", "1", "--no-history",
      "--log-format", "json", "--verbose",
    ])
    XCTAssertEqual(status, 0)
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    XCTAssertGreaterThan(lines.count, 3)
    var messages = Set<String>()
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      XCTAssertNotNil(object?["ts"], String(line))
      XCTAssertNotNil(object?["level"], String(line))
      messages.insert(object?["message"] as? String ?? "")
    }
    XCTAssertTrue(messages.contains("sweep finished"), "\(messages)")
    // No prompt text: no 5-word run of any prompt in the corpus appears in the logs.
    let logText = String(decoding: data, as: UTF8.self).lowercased()
    for file in try InputFiles.list([corpus]) {
      for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").prefix(
        300)
      {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let messages = object?["messages"] as? [[String: Any]]
        let prompt =
          (object?["prompt"] as? String) ?? (messages?.first?["content"] as? String) ?? ""
        let words = prompt.lowercased().split(separator: " ").prefix(5)
        guard words.count == 5 else { continue }
        XCTAssertFalse(logText.contains(words.joined(separator: " ")), String(prompt.prefix(80)))
      }
    }
  }
}
