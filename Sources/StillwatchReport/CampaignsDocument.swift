import StillwatchCore

/// Renders campaigns.json (SPEC §3) and accounts.csv.
///
/// Guarantees: field order, number format and list order are fixed, so equal
/// inputs give byte-identical files (the `sweep` timestamps aside).
public enum CampaignsDocument {
  public static func json(sweep: SweepSummary, campaigns: [Campaign]) -> String {
    let sweepObject = JSONValue.object([
      ("inputs", .array(sweep.inputs.map { .string($0) })),
      ("exchanges", .int(sweep.exchanges)),
      ("quarantined", .int(sweep.quarantined)),
      ("accounts", .int(sweep.accounts)),
      ("started", .string(sweep.started)),
      ("finished", .string(sweep.finished)),
      ("workers", .int(sweep.workers)),
    ])
    let root = JSONValue.object([
      ("sweep", sweepObject), ("campaigns", .array(campaigns.map(object(of:)))),
    ])
    return root.rendered() + "\n"
  }

  static func object(of c: Campaign) -> JSONValue {
    .object([
      ("id", .string(c.id)),
      ("accounts", .array(c.accounts.map { .string($0) })),
      ("exchanges", .int(c.exchanges)),
      ("score", .double(c.score)),
      (
        "signals",
        .object([
          ("volume_concentration", .double(c.signals.volumeConcentration)),
          ("repetition", .double(c.signals.repetition)),
          ("coordination", .double(c.signals.coordination)),
          ("cot_elicitation", .double(c.signals.elicitation)),
          ("infrastructure", .double(c.signals.infrastructure)),
          ("tool_orchestration", .double(c.signals.toolOrchestration)),
        ])
      ),
      ("targets", .array(c.targets.map { .string($0) })),
      (
        "templates",
        .array(
          c.templates.map {
            .object([
              ("example", .string($0.example)), ("exchanges", .int($0.exchanges)),
              ("accounts", .int($0.accounts)),
            ])
          })
      ),
      (
        "infrastructure",
        .array(
          c.infrastructure.map {
            .object([("key", .string($0.key)), ("accounts", .int($0.accounts))])
          }
        )
      ),
      ("first_seen", .string(RFC3339.format(millis: c.firstSeen))),
      ("last_seen", .string(RFC3339.format(millis: c.lastSeen))),
    ])
  }

  /// accounts.csv: `account,campaign,score,exchanges`, sorted by account.
  public static func accountsCSV(campaigns: [Campaign], partial: SweepPartial) -> String {
    var rows: [(String, String)] = []
    for campaign in campaigns {
      for account in campaign.accounts {
        let exchanges = partial.accounts[account]?.exchanges ?? 0
        rows.append(
          (
            account,
            "\(csvField(account)),\(campaign.id),\(JSONText.number(campaign.score)),\(exchanges)"
          ))
      }
    }
    rows.sort { $0.0 < $1.0 }
    return "account,campaign,score,exchanges\n" + rows.map { $0.1 + "\n" }.joined()
  }

  public static func csvField(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// quarantine.jsonl: one object per record, sorted by file and offset.
  public static func quarantineJSONL(_ records: [QuarantineRecord]) -> String {
    records.sorted().map {
      "{\"file\":\(JSONText.quoted($0.file)),\"offset\":\($0.offset),\"reason\":\(JSONText.quoted($0.reason))}\n"
    }.joined()
  }
}

extension String {
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
