import StillwatchCore
import StillwatchIngest
import TOMLKit

/// Reads a TOML table into a `ConfigFile`, checking names, types and ranges.
struct ConfigReader {
  let source: String

  static let sections: [String: Set<String>] = [
    "input": ["chunk_bytes", "fields"],
    "sketch": ["permutations", "bands", "rows", "shingle_words", "max_text_bytes"],
    "detection": [
      "window_seconds", "minimum_accounts", "minimum_account_exchanges", "templated_share",
      "score_threshold", "minimum_network", "minimum_content", "linking_key_candidate_share",
      "linking_key_maximum_accounts", "affinity_share", "core_dominance", "content_weight",
      "behaviour_weight", "network_weight", "evidence_items",
    ],
    "cluster": [
      "heartbeat_interval_ms", "liveness", "credit", "spill_partitions", "reduce_memory_mb",
    ],
    "elicitation": [
      "bias", "thinking_weight", "large_thinking_weight", "large_thinking_budget", "phrases",
    ],
    "state": ["directory", "history", "record_history"],
    "metrics": ["listen"],
    "logging": ["format", "level"],
  ]

  mutating func read(_ table: TOMLTable) throws -> ConfigFile {
    var config = ConfigFile()
    for section in table.keys {
      guard let allowed = Self.sections[section] else {
        throw ConfigError("\(source): unknown section [\(section)]")
      }
      guard let inner = table[section]?.table else {
        throw ConfigError("\(source): [\(section)] must be a table")
      }
      for key in inner.keys where !allowed.contains(key) {
        throw ConfigError("\(source): unknown setting \(section).\(key)")
      }
    }
    if let input = table["input"]?.table {
      config.chunkBytes = try int(
        input, "input", "chunk_bytes", config.chunkBytes, 1024...(1 << 30))
      if let fields = input["fields"]?.table {
        for name in fields.keys {
          guard let pointer = fields[name]?.string else {
            throw ConfigError("\(source): input.fields.\(name) must be a string JSON Pointer")
          }
          config.fieldMap[name] = pointer
        }
        do { _ = try FieldMap(overrides: config.fieldMap) } catch {
          throw ConfigError("\(source): input.fields: \(error)")
        }
      }
    }
    if let sketch = table["sketch"]?.table {
      let s = config.sketch
      let permutations = try int(sketch, "sketch", "permutations", s.permutations, 8...1024)
      let bands = try int(sketch, "sketch", "bands", s.bands, 1...256)
      let rows = try int(sketch, "sketch", "rows", s.rows, 1...64)
      guard bands * rows <= permutations else {
        throw ConfigError(
          "\(source): sketch.bands × sketch.rows must not exceed sketch.permutations")
      }
      config.sketch = SketchParameters(
        permutations: permutations, bands: bands, rows: rows,
        shingleWords: try int(sketch, "sketch", "shingle_words", s.shingleWords, 1...8),
        maxTextBytes: try int(sketch, "sketch", "max_text_bytes", s.maxTextBytes, 64...(1 << 20)))
    }
    if let d = table["detection"]?.table {
      var detection = config.detection
      detection.windowMillis =
        Int64(
          try int(d, "detection", "window_seconds", Int(detection.windowMillis / 1000), 1...86_400))
        * 1000
      detection.minimumAccounts = try int(
        d, "detection", "minimum_accounts", detection.minimumAccounts, 2...1_000_000)
      detection.minimumAccountExchanges = try int(
        d, "detection", "minimum_account_exchanges", detection.minimumAccountExchanges,
        1...1_000_000)
      detection.templatedShare = try unit(
        d, "detection", "templated_share", detection.templatedShare)
      detection.scoreThreshold = try unit(
        d, "detection", "score_threshold", detection.scoreThreshold)
      detection.minimumNetwork = try unit(
        d, "detection", "minimum_network", detection.minimumNetwork)
      detection.minimumContent = try unit(
        d, "detection", "minimum_content", detection.minimumContent)
      detection.linkingKeyCandidateShare = try unit(
        d, "detection", "linking_key_candidate_share", detection.linkingKeyCandidateShare)
      detection.linkingKeyMaximumAccounts = try int(
        d, "detection", "linking_key_maximum_accounts", detection.linkingKeyMaximumAccounts,
        2...100_000_000)
      detection.affinityShare = try unit(d, "detection", "affinity_share", detection.affinityShare)
      detection.coreDominance = try unit(d, "detection", "core_dominance", detection.coreDominance)
      detection.contentWeight = try unit(d, "detection", "content_weight", detection.contentWeight)
      detection.behaviourWeight = try unit(
        d, "detection", "behaviour_weight", detection.behaviourWeight)
      detection.networkWeight = try unit(d, "detection", "network_weight", detection.networkWeight)
      detection.evidenceItems = try int(
        d, "detection", "evidence_items", detection.evidenceItems, 1...100)
      config.detection = detection
    }
    if let c = table["cluster"]?.table {
      config.heartbeatIntervalMillis = Int64(
        try int(
          c, "cluster", "heartbeat_interval_ms", Int(config.heartbeatIntervalMillis), 50...60_000))
      config.liveness = Int64(try int(c, "cluster", "liveness", Int(config.liveness), 2...100))
      config.credit = try int(c, "cluster", "credit", config.credit, 1...64)
      config.spillPartitions = try int(
        c, "cluster", "spill_partitions", config.spillPartitions, 0...4096)
      config.reduceMemoryMiB = try int(
        c, "cluster", "reduce_memory_mb", config.reduceMemoryMiB, 0...1_048_576)
    }
    if let e = table["elicitation"]?.table {
      config.elicitation = try elicitation(e, fallback: config.elicitation)
    }
    if let state = table["state"]?.table {
      config.stateDirectory = try string(state, "state", "directory")
      config.historyPath = try string(state, "state", "history")
      if let value = state["record_history"] {
        guard let flag = value.bool else {
          throw ConfigError("\(source): state.record_history must be true or false")
        }
        config.historyEnabled = flag
      }
    }
    if let metrics = table["metrics"]?.table, let listen = try string(metrics, "metrics", "listen")
    {
      guard let colon = listen.lastIndex(of: ":"),
        let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port)
      else { throw ConfigError("\(source): metrics.listen must be HOST:PORT, got \(listen)") }
      config.metricsListen = listen
    }
    if let logging = table["logging"]?.table {
      if let format = try string(logging, "logging", "format") {
        guard ["text", "json"].contains(format) else {
          throw ConfigError("\(source): logging.format must be \"text\" or \"json\"")
        }
        config.logFormat = format
      }
      if let level = try string(logging, "logging", "level") {
        guard ["warning", "info", "debug"].contains(level) else {
          throw ConfigError("\(source): logging.level must be \"warning\", \"info\" or \"debug\"")
        }
        config.logLevel = level
      }
    }
    return config
  }

  /// `[elicitation]` numbers and the `[elicitation.phrases]` table
  /// ("phrase" = weight), which replaces the default phrase list when given.
  func elicitation(_ e: TOMLTable, fallback: ElicitationWeights) throws -> ElicitationWeights {
    func number(_ key: String, _ value: Double) throws -> Double {
      guard let v = e[key] else { return value }
      guard let n = v.double ?? v.int.map(Double.init), n.isFinite, n >= -100, n <= 100 else {
        throw ConfigError("\(source): elicitation.\(key) must be a number in -100...100")
      }
      return n
    }
    var phrases = fallback.phrases
    if let table = e["phrases"]?.table {
      phrases = try table.keys.map { text in
        guard let v = table[text], let weight = v.double ?? v.int.map(Double.init) else {
          throw ConfigError("\(source): elicitation.phrases.\"\(text)\" must be a number")
        }
        guard !text.isEmpty else { throw ConfigError("\(source): empty elicitation phrase") }
        return ElicitationWeights.Phrase(text.lowercased(), weight)
      }
    }
    return ElicitationWeights(
      phrases: phrases, thinkingWeight: try number("thinking_weight", fallback.thinkingWeight),
      largeThinkingWeight: try number("large_thinking_weight", fallback.largeThinkingWeight),
      largeThinkingBudget: try int(
        e, "elicitation", "large_thinking_budget", fallback.largeThinkingBudget, 0...10_000_000),
      bias: try number("bias", fallback.bias))
  }

  /// A string setting; an empty string counts as not set.
  func string(_ table: TOMLTable, _ section: String, _ key: String) throws -> String? {
    guard let value = table[key] else { return nil }
    guard let text = value.string else {
      throw ConfigError("\(source): \(section).\(key) must be a string")
    }
    return text.isEmpty ? nil : text
  }

  func int(
    _ table: TOMLTable, _ section: String, _ key: String, _ fallback: Int, _ range: ClosedRange<Int>
  ) throws -> Int {
    guard let value = table[key] else { return fallback }
    guard let number = value.int else {
      throw ConfigError("\(source): \(section).\(key) must be an integer")
    }
    guard range.contains(number) else {
      throw ConfigError(
        "\(source): \(section).\(key) must be in \(range.lowerBound)...\(range.upperBound)")
    }
    return number
  }

  func unit(_ table: TOMLTable, _ section: String, _ key: String, _ fallback: Double) throws
    -> Double
  {
    guard let value = table[key] else { return fallback }
    guard let number = value.double ?? value.int.map(Double.init) else {
      throw ConfigError("\(source): \(section).\(key) must be a number")
    }
    guard (0...1).contains(number) else {
      throw ConfigError("\(source): \(section).\(key) must be in [0, 1]")
    }
    return number
  }
}
