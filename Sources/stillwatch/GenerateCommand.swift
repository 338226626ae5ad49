import ArgumentParser
import StillwatchCompression
import StillwatchSynth

/// `stillwatch generate`: a seeded synthetic corpus with planted campaigns and labels.csv.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate", abstract: "Generate a synthetic corpus with planted campaigns.")

  @Option(name: .long, help: "Output directory.")
  var out: String

  @Option(name: .long, help: "Number of exchanges.")
  var exchanges: Int

  @Option(name: .long, help: "Seed.")
  var seed: UInt64 = 1

  @Option(name: .long, help: "jsonl, lz4, zst or gz.")
  var format: String = "jsonl"

  @Option(name: .long, help: "Days of traffic (one date= partition each).")
  var days: Int = 7

  func validate() throws {
    guard exchanges >= 1 else { throw ValidationError("--exchanges must be at least 1") }
    guard (1...3660).contains(days) else { throw ValidationError("--days must be in 1...3660") }
    guard Self.compression(format) != nil else {
      throw ValidationError("--format must be jsonl, lz4, zst or gz")
    }
  }

  static func compression(_ name: String) -> CompressionFormat? {
    switch name {
    case "jsonl": return CompressionFormat.none
    case "lz4": return .lz4
    case "zst", "zstd": return .zstd
    case "gz", "gzip": return .gzip
    default: return nil
    }
  }

  func run() throws {
    do {
      var settings = GeneratorSettings(exchanges: exchanges, seed: seed)
      settings.format = Self.compression(format)!
      settings.days = days
      let summary = try CorpusGenerator.generate(settings: settings, outputDirectory: out)
      print(
        "generated \(summary.exchanges) exchanges from \(summary.accounts) accounts in "
          + "\(summary.files.count) files under \(out) (labels in \(out)/labels.csv)")
    } catch {
      CommandLogging.fail("\(error)")
    }
  }
}
