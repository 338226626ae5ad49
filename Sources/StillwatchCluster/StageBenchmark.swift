import Foundation
import StillwatchCompression
import StillwatchCore
import StillwatchIngest
import StillwatchReport

/// Times each stage of a sweep alone, on one thread, over the same corpus:
/// read+decompress, the workers' whole path (lines to partials), then its
/// parts — parse, shingle+hash, sketch (MinHash + bands), features (everything
/// per exchange), partials — and encode+compress, decompress+decode, merge,
/// detect, write. Each stage's input is prepared before its clock starts.
/// Detection runs a second time on every core this process may use, when
/// there are several (the only stage not on one thread).
///
/// Guarantees: every stage sees the same data; figures are wall-clock seconds
/// on this machine, with exchanges per second for the per-exchange stages.
public enum StageBenchmark {
  public struct Stage: Sendable {
    public var name: String
    public var seconds: Double
    public var exchanges: Int
    public var perSecond: Double { seconds > 0 ? Double(exchanges) / seconds : 0 }
  }

  static func clock<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }

  /// Where `run` stops: after reading, after the workers' path, after the
  /// same through `Exchange` values, or at the end. (The early stops let
  /// `scripts/alloc-count.sh` count what each path allocates.)
  public enum Stop: String, Sendable, CaseIterable {
    case read
    case workerPath = "worker-path"
    case exchangePath = "exchange-path"
    case all
  }

  public static func run(
    files: [String], chunkBytes: Int = Coordinator.Settings.defaultChunkBytes,
    stopAfter: Stop = .all
  )
    throws -> [Stage]
  {
    var stages: [Stage] = []
    // 1. Read and decompress into chunks.
    let (chunks, readSeconds) = try clock { () -> [Chunk] in
      var chunks: [Chunk] = []
      var source = ChunkSource(files: files, chunkBytes: chunkBytes)
      while let event = try source.next() {
        if case .read(.chunk(let chunk)) = event { chunks.append(chunk) }
      }
      return chunks
    }
    let lines = chunks.flatMap { chunk in
      chunk.bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
    }
    stages.append(Stage(name: "read+decompress", seconds: readSeconds, exchanges: lines.count))
    if stopAfter == .read { return stages }
    // The workers' path in one pass, as a worker runs it on each chunk: parse
    // each line's fields, derive the features, add them to the chunk's partial.
    var analyzer = ChunkAnalyzer(
      parser: ExchangeParser(messageTexts: .patternOnly),
      extractor: FeatureExtractor(parameters: .standard), windowMillis: 600_000)
    let (analysed, workerSeconds) = clock { () -> Int in
      chunks.reduce(0) { total, chunk in
        let partial = analyzer.analyse(chunk, fileName: "bench")
        let exchanges = partial.exchanges
        analyzer.recycle(partial)
        return total + exchanges
      }
    }
    stages.append(
      Stage(
        name: "worker path: parse fields + features + partial, one pass",
        seconds: workerSeconds, exchanges: analysed))
    if stopAfter == .workerPath { return stages }
    // The same through `Exchange` values (the reference path the workers' one
    // is tested against): parse into an Exchange, then features(of:).
    let referenceParser = ExchangeParser(messageTexts: .patternOnly)
    var referenceExtractor = FeatureExtractor(parameters: .standard)
    let (viaExchanges, exchangePathSeconds) = clock { () -> Int in
      chunks.reduce(0) { total, chunk in
        var partial = SweepPartial(parameters: .standard, windowMillis: 600_000)
        for line in chunk.bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
          if case .exchange(let e) = line.withUnsafeBytes({ referenceParser.parse($0) }) {
            partial.add(referenceExtractor.features(of: e))
          }
        }
        return total + partial.exchanges
      }
    }
    stages.append(
      Stage(
        name: "the same through Exchange values (reference)", seconds: exchangePathSeconds,
        exchanges: viaExchanges))
    if stopAfter == .exchangePath { return stages }
    // 2. Parse.
    let parser = ExchangeParser(messageTexts: .patternOnly)  // as the workers parse
    let (exchanges, parseSeconds) = clock { () -> [Exchange] in
      lines.compactMap { line in
        if case .exchange(let e) = line.withUnsafeBytes({ parser.parse($0) }) { return e }
        return nil
      }
    }
    stages.append(Stage(name: "parse (simdjson)", seconds: parseSeconds, exchanges: lines.count))
    // 3. Shingle + hash, 4. sketch.
    let parameters = SketchParameters.standard
    let texts = exchanges.map { FeatureExtractor.userText(of: $0, limit: parameters.maxTextBytes) }
    let shingler = Shingler(parameters: parameters)
    let (shingleSets, shingleSeconds) = clock { () -> [[UInt32]] in
      texts.map { text in
        var out: [UInt32] = []
        shingler.shingles(of: text, into: &out)
        return out
      }
    }
    stages.append(
      Stage(name: "shingle+hash", seconds: shingleSeconds, exchanges: exchanges.count))
    let hasher = MinHasher(parameters: parameters)
    let (_, sketchSeconds) = clock { () -> Int in
      var signature: [UInt32] = []
      var keys: [UInt64] = []
      var total = 0
      for set in shingleSets {
        hasher.signature(of: set, into: &signature)
        hasher.bandKeys(of: signature, shingleCount: set.count, into: &keys)
        total &+= keys.count
      }
      return total
    }
    stages.append(
      Stage(
        name: "sketch (64-perm MinHash + bands)", seconds: sketchSeconds, exchanges: exchanges.count
      ))
    // The sketching path in one pass, as a worker runs it: parse, pattern
    // text, shingle + hash, MinHash + band keys (no intermediate arrays kept).
    let (_, sketchingSeconds) = clock { () -> Int in
      var shingles: [UInt32] = []
      var signature: [UInt32] = []
      var keys: [UInt64] = []
      var total = 0
      for line in lines {
        guard case .exchange(let e) = line.withUnsafeBytes({ parser.parse($0) }) else { continue }
        let text = FeatureExtractor.userText(of: e, limit: parameters.maxTextBytes)
        shingles.removeAll(keepingCapacity: true)
        shingler.shingles(of: text, into: &shingles)
        hasher.signature(of: shingles, into: &signature)
        hasher.bandKeys(of: signature, shingleCount: shingles.count, into: &keys)
        total &+= keys.count
      }
      return total
    }
    stages.append(
      Stage(
        name: "sketching: parse + shingle + MinHash, one pass", seconds: sketchingSeconds,
        exchanges: lines.count))
    // 5. All per-exchange features (text, sketch, classifiers, keys).
    var extractor = FeatureExtractor(parameters: parameters)
    let (features, featureSeconds) = clock { exchanges.map { extractor.features(of: $0) } }
    stages.append(
      Stage(
        name: "features (all per exchange)", seconds: featureSeconds, exchanges: exchanges.count))
    // 6. Partials, one per chunk-sized slice.
    let perChunk = max(1, exchanges.count / max(1, chunks.count))
    let (partials, partialSeconds) = clock { () -> [SweepPartial] in
      stride(from: 0, to: features.count, by: perChunk).map { start in
        var partial = SweepPartial(parameters: parameters, windowMillis: 600_000)
        for f in features[start..<min(features.count, start + perChunk)] { partial.add(f) }
        return partial
      }
    }
    stages.append(Stage(name: "partials", seconds: partialSeconds, exchanges: features.count))
    // 7. Shuffle: encode + LZ4, then LZ4 + decode.
    let (frames, encodeSeconds) = clock { partials.map { LZ4Frame.compress($0.encoded()) } }
    stages.append(Stage(name: "encode+lz4", seconds: encodeSeconds, exchanges: features.count))
    let (decoded, decodeSeconds) = try clock {
      try frames.map { try SweepPartial(decoding: LZ4Frame.decompress($0)) }
    }
    stages.append(Stage(name: "lz4+decode", seconds: decodeSeconds, exchanges: features.count))
    // 8. Merge.
    let (merged, mergeSeconds) = try clock { () -> SweepPartial in
      var merged = SweepPartial(parameters: parameters, windowMillis: 600_000)
      for partial in decoded { try merged.merge(partial) }
      return merged
    }
    stages.append(Stage(name: "merge", seconds: mergeSeconds, exchanges: features.count))
    // 9. Detect, 10. write.
    let (campaigns, detectSeconds) = clock { CampaignDetector().detect(merged) }
    stages.append(Stage(name: "detect", seconds: detectSeconds, exchanges: features.count))
    let threads = ConcurrentRunner.threads
    if threads.width > 1 {
      let (_, threadedSeconds) = clock { CampaignDetector(runner: threads).detect(merged) }
      stages.append(
        Stage(
          name: "detect, \(threads.width) threads", seconds: threadedSeconds,
          exchanges: features.count))
    }
    let summary = SweepSummary(
      inputs: files, exchanges: merged.exchanges, quarantined: merged.quarantined,
      accounts: merged.accounts.count, started: "", finished: "", workers: 1)
    let (_, writeSeconds) = clock { () -> Int in
      CampaignsDocument.json(sweep: summary, campaigns: campaigns).utf8.count
        + CampaignsDocument.accountsCSV(campaigns: campaigns, partial: merged).utf8.count
        + ReportPage.html(sweep: summary, campaigns: campaigns).utf8.count
    }
    stages.append(Stage(name: "render outputs", seconds: writeSeconds, exchanges: features.count))
    return stages
  }
}
