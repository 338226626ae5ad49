import Foundation
import StillwatchCore

extension ConfigFile {
  /// The effective settings as TOML (every setting, defaults filled in), for
  /// `stillwatch config check`; reading it back gives the same `ConfigFile`.
  public var effectiveTOML: String {
    func q(_ text: String) -> String {
      "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    let d = detection
    var out = "[input]\nchunk_bytes = \(chunkBytes)\n\n[input.fields]\n"
    for key in fieldMap.keys.sorted() { out += "\(key) = \(q(fieldMap[key]!))\n" }
    out += """

      [sketch]
      permutations = \(sketch.permutations)
      bands = \(sketch.bands)
      rows = \(sketch.rows)
      shingle_words = \(sketch.shingleWords)
      max_text_bytes = \(sketch.maxTextBytes)

      [detection]
      window_seconds = \(d.windowMillis / 1000)
      minimum_accounts = \(d.minimumAccounts)
      minimum_account_exchanges = \(d.minimumAccountExchanges)
      templated_share = \(d.templatedShare)
      score_threshold = \(d.scoreThreshold)
      minimum_network = \(d.minimumNetwork)
      minimum_content = \(d.minimumContent)
      linking_key_candidate_share = \(d.linkingKeyCandidateShare)
      linking_key_maximum_accounts = \(d.linkingKeyMaximumAccounts)
      affinity_share = \(d.affinityShare)
      core_dominance = \(d.coreDominance)
      content_weight = \(d.contentWeight)
      behaviour_weight = \(d.behaviourWeight)
      network_weight = \(d.networkWeight)
      evidence_items = \(d.evidenceItems)

      [cluster]
      heartbeat_interval_ms = \(heartbeatIntervalMillis)
      liveness = \(liveness)
      credit = \(credit)
      spill_partitions = \(spillPartitions)
      reduce_memory_mb = \(reduceMemoryMiB)

      [state]
      directory = \(q(stateDirectory ?? ""))
      history = \(q(historyPath ?? ""))
      record_history = \(historyEnabled)

      [metrics]
      listen = \(q(metricsListen ?? ""))

      [logging]
      format = \(q(logFormat))
      level = \(q(logLevel))

      [elicitation]
      bias = \(elicitation.bias)
      thinking_weight = \(elicitation.thinkingWeight)
      large_thinking_weight = \(elicitation.largeThinkingWeight)
      large_thinking_budget = \(elicitation.largeThinkingBudget)

      [elicitation.phrases]

      """
    for phrase in elicitation.phrases.sorted(by: { $0.text < $1.text }) {
      out += "\(q(phrase.text)) = \(phrase.weight)\n"
    }
    return out
  }
}
