import Foundation
import XCTest

@testable import StillwatchSynth

/// One corpus of 20,000 exchanges over the hermetic text fixture, generated
/// once and shared by the shape tests (read-only after creation). Its files
/// are read into memory and removed at once.
final class SharedCorpus: @unchecked Sendable {
  static let exchanges = 20_000
  let directory: String
  let summary: GeneratorSummary
  let lines: [(file: String, line: [UInt8])]
  let objects: [[String: Any]]
  /// Each line's `ts` in epoch ms, strings parsed by Foundation (independently of the generator).
  let millis: [Int64?]
  /// The rows of labels.csv (header checked).
  let labels: [(String, String)]

  init(
    directory: String, summary: GeneratorSummary, lines: [(file: String, line: [UInt8])],
    objects: [[String: Any]], millis: [Int64?], labels: [(String, String)]
  ) {
    self.labels = labels
    self.directory = directory
    self.summary = summary
    self.lines = lines
    self.objects = objects
    self.millis = millis
  }

  static let shared: Result<SharedCorpus, GeneratorError> = {
    do {
      let text = try SynthTestSupport.makeTextFixture()
      let directory = try SynthTestSupport.temporaryDirectory("shared")
      let settings = SynthTestSupport.settings(exchanges: exchanges, seed: 7, text: text)
      let summary = try CorpusGenerator.generate(settings: settings, outputDirectory: directory)
      let lines = try SynthTestSupport.lines(of: summary)
      var objects: [[String: Any]] = []
      for (_, line) in lines {
        let value = try JSONSerialization.jsonObject(with: Data(line))
        guard let object = value as? [String: Any] else {
          throw GeneratorError("a line is not a JSON object")
        }
        objects.append(object)
      }
      let labels = try SynthTestSupport.labels(in: directory)
      SynthTestSupport.remove(text)
      SynthTestSupport.remove(directory)
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      let millis = objects.map { object -> Int64? in
        if let int = object.int("ts") { return int }
        guard let string = object.string("ts"), let date = formatter.date(from: string) else {
          return nil
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
      }
      return .success(
        SharedCorpus(
          directory: directory, summary: summary, lines: lines, objects: objects, millis: millis,
          labels: labels))
    } catch let error as GeneratorError {
      return .failure(error)
    } catch {
      return .failure(GeneratorError("\(error)"))
    }
  }()

  static func get() throws -> SharedCorpus {
    try shared.get()
  }
}

extension Dictionary where Key == String, Value == Any {
  func string(_ key: String) -> String? { self[key] as? String }
  func int(_ key: String) -> Int64? { (self[key] as? NSNumber)?.int64Value }
  func array(_ key: String) -> [[String: Any]]? { self[key] as? [[String: Any]] }
  func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}
