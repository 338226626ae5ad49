import Foundation
import Logging
import StillwatchCluster
import StillwatchIngest
import StillwatchSynth
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Scrapes the coordinator's Prometheus endpoint over HTTP while a sweep runs
/// and checks the counters against the sweep's final totals.
final class MetricsEndpointTests: XCTestCase {
  /// One HTTP/1.1 GET on 127.0.0.1:`port`; the whole response, or nil.
  static func get(port: Int, path: String) -> String? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return nil }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
    guard send(fd, request, request.count, 0) == request.count else { return nil }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      response += buffer[0..<n]
    }
    return response.isEmpty ? nil : String(decoding: response, as: UTF8.self)
  }

  /// The value of the sample `name` (with its labels, if any) in a scrape.
  static func value(_ name: String, in scrape: String) -> Double? {
    for line in scrape.split(separator: "\n") where line.hasPrefix(name + " ") {
      return Double(line.dropFirst(name.count + 1))
    }
    return nil
  }

  func testScrapedCountersMatchTheSweepTotals() throws {
    let corpus = NSTemporaryDirectory() + "sw-metrics-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: corpus) }
    var generator = GeneratorSettings(exchanges: 12_000, seed: 5)
    generator.format = .none
    _ = try CorpusGenerator.generate(settings: generator, outputDirectory: corpus)
    // Some lines to quarantine.
    let files = try InputFiles.list([corpus])
    let damaged = try FileHandle(forWritingTo: URL(fileURLWithPath: files[0]))
    try damaged.seekToEnd()
    try damaged.write(contentsOf: Data("not json\n{\"id\":1}\n[]\n".utf8))
    try damaged.close()

    let metrics = SweepMetrics()
    let server = try MetricsServer(
      address: "127.0.0.1:0", metrics: metrics, logger: Logger(label: "test"))
    defer { server.stop() }
    XCTAssertNotNil(Self.get(port: server.port, path: "/nothing")?.hasPrefix("HTTP/1.1 404"))

    var settings = Coordinator.Settings()
    settings.chunkBytes = 32 << 10
    settings.spillPartitions = 4
    settings.heartbeatIntervalMillis = 100
    settings.metrics = metrics
    let scrapes = ScrapeLog()
    let done = DispatchSemaphore(value: 0)
    let port = server.port
    // Scrape every 50 ms while the sweep runs (at most 2,000 times).
    Thread {
      for _ in 0..<2000 {
        if done.wait(timeout: .now() + .milliseconds(50)) == .success { return }
        if let scrape = Self.get(port: port, path: "/metrics") { scrapes.append(scrape) }
      }
    }.start()
    let outcome = try LocalSweep.run(
      files: files, workers: 1, settings: settings, logger: Logger(label: "test"))
    done.signal()
    let final = try XCTUnwrap(Self.get(port: port, path: "/metrics"))
    XCTAssertTrue(final.hasPrefix("HTTP/1.1 200 OK"))

    XCTAssertEqual(
      Self.value("stillwatch_exchanges_total", in: final), Double(outcome.partial.exchanges))
    XCTAssertEqual(
      Self.value("stillwatch_quarantined_lines_total", in: final),
      Double(outcome.partial.quarantined))
    XCTAssertEqual(outcome.partial.quarantined, 3)
    XCTAssertEqual(outcome.partial.exchanges + 3, 12_003)
    XCTAssertEqual(Self.value("stillwatch_tasks{state=\"done\"}", in: final), Double(outcome.tasks))
    XCTAssertEqual(Self.value("stillwatch_tasks{state=\"queued\"}", in: final), 0)
    XCTAssertEqual(Self.value("stillwatch_tasks_merged", in: final), 1)
    XCTAssertEqual(
      Self.value("stillwatch_wire_bytes_sent_total", in: final), Double(outcome.bytesSent))
    XCTAssertEqual(
      Self.value("stillwatch_wire_bytes_received_total", in: final), Double(outcome.bytesReceived))
    XCTAssertEqual(Self.value("stillwatch_partitions", in: final), Double(files.count))

    // Scrapes taken during the sweep: some mid-way, never ahead of the totals, never going back.
    let during = scrapes.all.compactMap { Self.value("stillwatch_exchanges_total", in: $0) }
    let midway = during.filter { $0 > 0 && $0 < Double(outcome.partial.exchanges) }
    XCTAssertFalse(midway.isEmpty, "no scrape caught the sweep mid-way (\(during.count) scrapes)")
    XCTAssertEqual(during, during.sorted())
    XCTAssertTrue(during.allSatisfy { $0 <= Double(outcome.partial.exchanges) })
    let alive = scrapes.all.compactMap { Self.value("stillwatch_workers_alive", in: $0) }
    XCTAssertTrue(alive.contains(1))
  }
}

/// Scrapes collected by the scraping thread.
final class ScrapeLog: @unchecked Sendable {
  private let lock = NSLock()
  private var scrapes: [String] = []

  func append(_ scrape: String) {
    lock.lock()
    scrapes.append(scrape)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return scrapes
  }
}
