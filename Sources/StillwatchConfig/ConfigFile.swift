import Foundation
import StillwatchCluster
import StillwatchCore
import TOMLKit

/// The operator's configuration file (`config/stillwatch.toml` documents every
/// setting with its default and unit).
///
/// Guarantees: every setting is optional and falls back to the documented
/// default; unknown keys and out-of-range values are refused with a one-line
/// reason naming the setting, never silently ignored.
public struct ConfigFile: Sendable, Equatable {
  public var chunkBytes = Coordinator.Settings.defaultChunkBytes
  public var fieldMap: [String: String] = [:]
  public var sketch = SketchParameters.standard
  public var detection = DetectionSettings.standard
  public var heartbeatIntervalMillis: Int64 = 1000
  public var liveness: Int64 = 5
  public var credit = 2
  public var spillPartitions = 8
  /// MiB of merged full profiles the spill reduce may keep in memory between
  /// its passes (split evenly over the spill partitions) instead of writing them.
  public var reduceMemoryMiB = 1024
  public var elicitation = ElicitationWeights.standard
  /// Incremental state directory (partition partials and, by default, the
  /// history database); nil: no incremental state.
  public var stateDirectory: String? = nil
  /// The sweep history database; nil: `STATE/history.sqlite`, or without a
  /// state directory `$XDG_STATE_HOME/stillwatch/history.sqlite`.
  public var historyPath: String? = nil
  /// Record sweeps in the history database.
  public var historyEnabled = true
  /// Where the coordinator serves Prometheus metrics ("HOST:PORT"); nil: off.
  public var metricsListen: String? = nil
  /// "text" or "json" log lines on stderr.
  public var logFormat = "text"
  /// "warning" (default), "info" or "debug".
  public var logLevel = "warning"

  public init() {}

  public static func load(path: String?) throws -> ConfigFile {
    guard let path else { return ConfigFile() }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ConfigError("cannot read config file \(path)")
    }
    return try parse(text, source: path)
  }

  public static func parse(_ text: String, source: String = "config") throws -> ConfigFile {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch {
      throw ConfigError("\(source): not valid TOML: \(error)")
    }
    var reader = ConfigReader(source: source)
    return try reader.read(table)
  }

  /// The coordinator settings this file implies.
  public var coordinatorSettings: Coordinator.Settings {
    var settings = Coordinator.Settings()
    settings.chunkBytes = chunkBytes
    settings.heartbeatIntervalMillis = heartbeatIntervalMillis
    settings.liveness = liveness
    settings.spillPartitions = spillPartitions
    settings.reduceMemoryBytes = Int64(reduceMemoryMiB) << 20
    settings.detection = detection
    settings.configuration = SweepConfiguration(
      parameters: sketch, windowMillis: detection.windowMillis, fieldMap: fieldMap,
      elicitation: elicitation)
    return settings
  }
}

/// A configuration problem, with a one-line reason.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
