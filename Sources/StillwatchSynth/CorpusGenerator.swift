/// Generates a synthetic corpus of API exchanges with planted distillation
/// campaigns and benign look-alikes, plus its ground truth (`labels.csv`).
///
/// Guarantees:
/// - Deterministic: equal settings and equal text files give byte-identical
///   output; every random choice comes from SplitMix64 generators seeded by
///   (seed, exchange index) or by hashes of (seed, population, account).
/// - Streaming: exchanges are generated in time order and written as they
///   are made; besides the fixed-size text store, the only state that grows
///   with N is one bit per account (for `labels.csv`).
/// - Exactly `settings.exchanges` lines, day-partitioned as
///   `DIR/date=YYYY-MM-DD/part-NNNN.jsonl<suffix>` (a new part every
///   `linesPerPart` lines), starting 2026-02-02T00:00:00Z and spanning
///   `settings.days` days; `DIR/labels.csv` lists every account that appears.
public enum CorpusGenerator {
  public static func generate(settings: GeneratorSettings, outputDirectory: String) throws
    -> GeneratorSummary
  {
    guard settings.exchanges >= 0 else {
      throw GeneratorError("exchanges must be zero or more, not \(settings.exchanges)")
    }
    guard settings.days >= 1 && settings.days <= 3_660 else {
      throw GeneratorError("days must be between 1 and 3660, not \(settings.days)")
    }
    let text = try TextLoader.load(directories: settings.textDirectories)
    let plan = PopulationPlan(exchanges: settings.exchanges, seed: settings.seed)
    var output = try PartitionedOutput(
      directory: outputDirectory, format: settings.format, linesPerPart: settings.linesPerPart)
    var writer = ExchangeWriter(plan: plan, text: text, days: settings.days)
    var seen = SeenAccounts(plan: plan)
    var exchangesByKind = [Int](repeating: 0, count: ActorKind.allCases.count)
    var buffer = JSONLineBuffer(capacity: PartitionedOutput.flushBytes + (1 << 16))

    for j in 0..<settings.exchanges {
      try output.beginLine(day: writer.day(j), buffer: &buffer)
      let (kind, index) = writer.write(j, into: &buffer)
      seen.insert(kind, index)
      exchangesByKind[kind.rawValue] += 1
      try output.endLine(buffer: &buffer)
    }
    try output.finish(buffer: &buffer)

    let accounts = try LabelsWriter.write(
      seen: seen, identity: writer.identity, to: outputDirectory + "/labels.csv")
    var exchangesByLabel: [String: Int] = [:]
    var accountsByLabel: [String: Int] = [:]
    for kind in ActorKind.allCases {
      exchangesByLabel[kind.label] = exchangesByKind[kind.rawValue]
      accountsByLabel[kind.label] = seen.count(kind)
    }
    return GeneratorSummary(
      exchanges: settings.exchanges, accounts: accounts, files: output.files,
      exchangesByLabel: exchangesByLabel, accountsByLabel: accountsByLabel)
  }
}
