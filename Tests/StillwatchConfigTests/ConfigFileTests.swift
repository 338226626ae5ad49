import Foundation
import XCTest

@testable import StillwatchConfig

final class ConfigFileTests: XCTestCase {
  func testTheShippedConfigParsesToTheDefaults() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../config/stillwatch.toml").standardized.path
    let config = try ConfigFile.load(path: path)
    XCTAssertEqual(config, ConfigFile())
  }

  func testSettingsAndFieldMapAreRead() throws {
    let config = try ConfigFile.parse(
      """
      [input]
      chunk_bytes = 65536
      [input.fields]
      ip = "/meta/client_ip"
      [detection]
      score_threshold = 0.6
      window_seconds = 300
      [sketch]
      permutations = 128
      bands = 32
      rows = 4
      """)
    XCTAssertEqual(config.chunkBytes, 65536)
    XCTAssertEqual(config.fieldMap, ["ip": "/meta/client_ip"])
    XCTAssertEqual(config.detection.scoreThreshold, 0.6)
    XCTAssertEqual(config.detection.windowMillis, 300_000)
    XCTAssertEqual(config.sketch.permutations, 128)
    XCTAssertEqual(config.coordinatorSettings.configuration.fieldMap["ip"], "/meta/client_ip")
  }

  func testMistakesAreRefusedWithTheSettingNamed() {
    for (text, fragment) in [
      ("[detection]\nscore_treshold = 0.5", "detection.score_treshold"),
      ("[nope]\na = 1", "[nope]"),
      ("[detection]\nscore_threshold = 2.0", "detection.score_threshold"),
      ("[sketch]\nbands = 40\nrows = 4", "sketch.bands"),
      ("[input.fields]\nnonsense = \"/x\"", "input.fields"),
      ("[input]\nchunk_bytes = \"big\"", "input.chunk_bytes"),
      ("this is = = not toml", "not valid TOML"),
      ("[metrics]\nlisten = \"9469\"", "metrics.listen"),
      ("[logging]\nformat = \"xml\"", "logging.format"),
      ("[state]\nrecord_history = \"yes\"", "state.record_history"),
      ("[state]\ndirectory = 5", "state.directory"),
    ] {
      XCTAssertThrowsError(try ConfigFile.parse(text)) { error in
        XCTAssertTrue("\(error)".contains(fragment), "\(error) should name \(fragment)")
      }
    }
  }

  func testElicitationWeightsComeFromTheFile() throws {
    let config = try ConfigFile.parse(
      """
      [elicitation]
      bias = 1.0
      [elicitation.phrases]
      "Show Me" = 3.0
      """)
    XCTAssertEqual(config.elicitation.phrases.map(\.text), ["show me"])
    XCTAssertEqual(config.elicitation.bias, 1.0)
    XCTAssertEqual(config.coordinatorSettings.configuration.elicitation, config.elicitation)
  }

  func testStateMetricsAndLoggingSettingsAreRead() throws {
    let config = try ConfigFile.parse(
      """
      [state]
      directory = "/var/lib/stillwatch"
      record_history = false
      [metrics]
      listen = "0.0.0.0:9469"
      [logging]
      format = "json"
      level = "info"
      """)
    XCTAssertEqual(config.stateDirectory, "/var/lib/stillwatch")
    XCTAssertNil(config.historyPath)
    XCTAssertFalse(config.historyEnabled)
    XCTAssertEqual(config.metricsListen, "0.0.0.0:9469")
    XCTAssertEqual(config.logFormat, "json")
    XCTAssertEqual(config.logLevel, "info")
  }

  func testEffectiveSettingsReadBackToTheSameConfig() throws {
    var config = try ConfigFile.parse(
      """
      [input]
      chunk_bytes = 65536
      [input.fields]
      ip = "/meta/client_ip"
      [cluster]
      spill_partitions = 16
      reduce_memory_mb = 300
      [metrics]
      listen = "127.0.0.1:9469"
      [elicitation.phrases]
      "think hard" = 2.5
      """)
    let text = config.effectiveTOML
    let again = try ConfigFile.parse(text)
    XCTAssertEqual(again, config)
    XCTAssertEqual(again.effectiveTOML, text)
    XCTAssertTrue(text.contains("spill_partitions = 16"))
    XCTAssertEqual(config.coordinatorSettings.reduceMemoryBytes, 300 << 20)
    XCTAssertTrue(text.contains("permutations = 64"), "defaults are filled in")
    config = ConfigFile()
    XCTAssertEqual(try ConfigFile.parse(config.effectiveTOML), config)
  }
}
