import Foundation
import GRDB
import StillwatchCore
import StillwatchReport

/// The sweep history: an embedded SQLite database (through GRDB) with each
/// sweep's inputs, window, counts, configuration fingerprint, partitions and
/// campaigns, and every campaign's lineage across sweeps.
///
/// Guarantees: a sweep is recorded in one transaction (all of it or none);
/// lineage is assigned at recording time against the latest snapshot of every
/// earlier lineage (`CampaignLineage`), so identities never change afterwards;
/// the schema is created and migrated on open.
public final class SweepHistory: Sendable {
  let database: DatabaseQueue

  /// What a sweep contributes to the history.
  public struct Record: Sendable {
    public var started: String
    public var finished: String
    public var inputs: [String]
    public var since: String?
    public var until: String?
    public var exchanges: Int
    public var quarantined: Int
    public var accounts: Int
    public var workers: Int
    public var configFingerprint: String
    public var outputDirectory: String
    /// Per partition: file, its `date=` day, exchanges, quarantined, taken from the state.
    public var partitions:
      [(file: String, day: String?, exchanges: Int, quarantined: Int, stored: Bool)]
    public var campaigns: [Campaign]

    public init(
      started: String, finished: String, inputs: [String], since: String?, until: String?,
      exchanges: Int, quarantined: Int, accounts: Int, workers: Int, configFingerprint: String,
      outputDirectory: String,
      partitions: [(file: String, day: String?, exchanges: Int, quarantined: Int, stored: Bool)],
      campaigns: [Campaign]
    ) {
      self.started = started
      self.finished = finished
      self.inputs = inputs
      self.since = since
      self.until = until
      self.exchanges = exchanges
      self.quarantined = quarantined
      self.accounts = accounts
      self.workers = workers
      self.configFingerprint = configFingerprint
      self.outputDirectory = outputDirectory
      self.partitions = partitions
      self.campaigns = campaigns
    }
  }

  /// One row of `stillwatch history`.
  public struct Sweep: Sendable, Equatable, Codable {
    public var id: Int64
    public var started: String
    public var finished: String
    public var inputs: [String]
    public var since: String?
    public var until: String?
    public var exchanges: Int
    public var quarantined: Int
    public var accounts: Int
    public var campaigns: Int
    public var workers: Int
    public var configFingerprint: String
    public var partitionsComputed: Int
    public var partitionsStored: Int
    public var outputDirectory: String
  }

  /// Opens (creating and migrating if needed) the database at `path`.
  public init(path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    }
    database = try DatabaseQueue(path: path)
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE sweep (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL, finished TEXT NOT NULL, inputs TEXT NOT NULL,
            since TEXT, until TEXT,
            exchanges INTEGER NOT NULL, quarantined INTEGER NOT NULL,
            accounts INTEGER NOT NULL, campaigns INTEGER NOT NULL, workers INTEGER NOT NULL,
            config_fingerprint TEXT NOT NULL, output_directory TEXT NOT NULL);
          CREATE TABLE partition (
            sweep_id INTEGER NOT NULL REFERENCES sweep(id) ON DELETE CASCADE,
            file TEXT NOT NULL, day TEXT, exchanges INTEGER NOT NULL,
            quarantined INTEGER NOT NULL, stored INTEGER NOT NULL);
          CREATE TABLE campaign (
            sweep_id INTEGER NOT NULL REFERENCES sweep(id) ON DELETE CASCADE,
            campaign_id TEXT NOT NULL, lineage TEXT NOT NULL, score REAL NOT NULL,
            exchanges INTEGER NOT NULL, account_count INTEGER NOT NULL,
            accounts TEXT NOT NULL, signals TEXT NOT NULL, targets TEXT NOT NULL,
            first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
            PRIMARY KEY (sweep_id, campaign_id));
          CREATE INDEX campaign_lineage ON campaign(lineage, sweep_id);
          """)
    }
    try migrator.migrate(database)
  }

  /// Records a sweep; returns its id and the lineage of each campaign (by id).
  @discardableResult
  public func record(_ r: Record) throws -> (sweep: Int64, lineage: [String: String]) {
    try database.write { db in
      let earlier = try Self.latestPerLineage(db)
      let lineage = CampaignLineage.assign(
        current: r.campaigns.map { ($0.id, $0.accounts) }, earlier: earlier)
      try db.execute(
        sql: """
          INSERT INTO sweep (started, finished, inputs, since, until, exchanges, quarantined,
            accounts, campaigns, workers, config_fingerprint, output_directory)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          r.started, r.finished, Self.json(r.inputs), r.since, r.until, r.exchanges,
          r.quarantined, r.accounts, r.campaigns.count, r.workers, r.configFingerprint,
          r.outputDirectory,
        ])
      let sweep = db.lastInsertedRowID
      for p in r.partitions {
        try db.execute(
          sql: "INSERT INTO partition VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [sweep, p.file, p.day, p.exchanges, p.quarantined, p.stored])
      }
      for c in r.campaigns {
        let s = c.signals
        let signals = [
          s.volumeConcentration, s.repetition, s.coordination, s.elicitation,
          s.infrastructure, s.toolOrchestration,
        ]
        try db.execute(
          sql: "INSERT INTO campaign VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          arguments: [
            sweep, c.id, lineage[c.id]!, c.score, c.exchanges, c.accounts.count,
            Self.json(c.accounts), Self.json(signals.map { String($0) }), Self.json(c.targets),
            c.firstSeen, c.lastSeen,
          ])
      }
      return (sweep, lineage)
    }
  }

  /// Every sweep, oldest first.
  public func sweeps() throws -> [Sweep] {
    try database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.*,
            (SELECT COUNT(*) FROM partition p WHERE p.sweep_id = s.id AND p.stored = 0) AS computed,
            (SELECT COUNT(*) FROM partition p WHERE p.sweep_id = s.id AND p.stored = 1) AS stored
          FROM sweep s ORDER BY s.id
          """
      ).map { row in
        Sweep(
          id: row["id"], started: row["started"], finished: row["finished"],
          inputs: Self.strings(row["inputs"]), since: row["since"], until: row["until"],
          exchanges: row["exchanges"], quarantined: row["quarantined"],
          accounts: row["accounts"], campaigns: row["campaigns"], workers: row["workers"],
          configFingerprint: row["config_fingerprint"], partitionsComputed: row["computed"],
          partitionsStored: row["stored"], outputDirectory: row["output_directory"])
      }
    }
  }

  /// The campaigns of sweep `id`, as lineage snapshots (highest score first).
  public func campaigns(sweep id: Int64) throws -> [CampaignLineage.Snapshot] {
    try database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT campaign_id, lineage, accounts, exchanges, score FROM campaign
          WHERE sweep_id = ? ORDER BY score DESC, campaign_id
          """, arguments: [id]
      ).map(Self.snapshot)
    }
  }

  /// Every appearance of `lineage`, oldest first.
  public func appearances(lineage: String) throws -> [CampaignHistory.Appearance] {
    try database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT c.sweep_id, s.finished, c.campaign_id, c.account_count, c.exchanges, c.score
          FROM campaign c JOIN sweep s ON s.id = c.sweep_id
          WHERE c.lineage = ? ORDER BY c.sweep_id
          """, arguments: [lineage]
      ).map { row in
        CampaignHistory.Appearance(
          sweep: row["sweep_id"], finished: row["finished"], campaign: row["campaign_id"],
          accounts: row["account_count"], exchanges: row["exchanges"], score: row["score"])
      }
    }
  }

  /// The partitions of sweep `id`: file, exchanges, whether taken from the state.
  public func partitions(sweep id: Int64) throws -> [(file: String, exchanges: Int, stored: Bool)] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT file, exchanges, stored FROM partition WHERE sweep_id = ? ORDER BY file",
        arguments: [id]
      ).map { ($0["file"], $0["exchanges"], $0["stored"]) }
    }
  }

  static func latestPerLineage(_ db: Database) throws -> [CampaignLineage.Snapshot] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.campaign_id, c.lineage, c.accounts, c.exchanges, c.score FROM campaign c
        WHERE c.sweep_id = (SELECT MAX(sweep_id) FROM campaign d WHERE d.lineage = c.lineage)
        ORDER BY c.lineage
        """
    ).map(snapshot)
  }

  static func snapshot(_ row: Row) -> CampaignLineage.Snapshot {
    CampaignLineage.Snapshot(
      id: row["campaign_id"], lineage: row["lineage"], accounts: strings(row["accounts"]),
      exchanges: row["exchanges"], score: row["score"])
  }

  static func json(_ strings: [String]) -> String {
    let data = (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  static func strings(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }
}
