import Foundation
import Prometheus

/// The coordinator's operator metrics, in a Prometheus registry that the
/// metrics endpoint renders as text exposition format.
///
/// Guarantees: safe to update from the coordinator thread while another
/// thread renders; counters only grow, and once a sweep has merged every task
/// they equal the sweep's totals (exchanges, quarantined lines, tasks, bytes).
public final class SweepMetrics: Sendable {
  public let registry = PrometheusCollectorRegistry()
  let exchanges: Counter
  let quarantined: Counter
  let bytesSent: Counter
  let bytesReceived: Counter
  let tasksQueued: Gauge
  let tasksLeased: Gauge
  let tasksDone: Gauge
  let tasksReissued: Gauge
  let workersAlive: Gauge
  let exchangesPerSecond: Gauge
  let partitionsStored: Gauge
  let partitionsTotal: Gauge
  let inputBytesRead: Gauge
  let inputBytesTotal: Gauge
  let etaSeconds: Gauge
  let finished: Gauge
  let started = Date()

  public init() {
    let r = registry
    exchanges = r.makeCounter(
      name: "stillwatch_exchanges_total", help: "Exchanges merged into the sweep.")
    quarantined = r.makeCounter(
      name: "stillwatch_quarantined_lines_total",
      help: "Input lines and damaged regions quarantined.")
    bytesSent = r.makeCounter(
      name: "stillwatch_wire_bytes_sent_total", help: "Bytes the coordinator sent to workers.")
    bytesReceived = r.makeCounter(
      name: "stillwatch_wire_bytes_received_total",
      help: "Bytes the coordinator received from workers.")
    let help = "Tasks of the sweep by state."
    tasksQueued = r.makeGauge(name: "stillwatch_tasks", labels: [("state", "queued")], help: help)
    tasksLeased = r.makeGauge(name: "stillwatch_tasks", labels: [("state", "leased")], help: help)
    tasksDone = r.makeGauge(name: "stillwatch_tasks", labels: [("state", "done")], help: help)
    tasksReissued = r.makeGauge(
      name: "stillwatch_tasks_reissued", help: "Leases withdrawn and issued again.")
    workersAlive = r.makeGauge(
      name: "stillwatch_workers_alive", help: "Workers heard from within their liveness.")
    exchangesPerSecond = r.makeGauge(
      name: "stillwatch_exchanges_per_second", help: "Exchanges merged per second since start.")
    partitionsStored = r.makeGauge(
      name: "stillwatch_partitions_stored",
      help: "Input partitions taken from the incremental state, not recomputed.")
    partitionsTotal = r.makeGauge(
      name: "stillwatch_partitions", help: "Input partitions (files) in the sweep's window.")
    inputBytesRead = r.makeGauge(
      name: "stillwatch_input_bytes_read", help: "Input bytes (as stored on disk) read so far.")
    inputBytesTotal = r.makeGauge(
      name: "stillwatch_input_bytes", help: "Input bytes (as stored on disk) to read.")
    etaSeconds = r.makeGauge(
      name: "stillwatch_eta_seconds", help: "Estimated seconds until every task is merged.")
    finished = r.makeGauge(
      name: "stillwatch_tasks_merged", help: "1 once every task of the sweep is merged.")
  }

  func setPartitions(_ count: Int) { partitionsTotal.set(Int64(count)) }

  func absorbed(_ result: TaskResult) {
    switch result {
    case .partial(let partial):
      exchanges.increment(by: Int64(partial.exchanges))
      quarantined.increment(by: Int64(partial.quarantine.count))
    case .pieces(let count, let quarantine, _):
      exchanges.increment(by: Int64(count))
      quarantined.increment(by: Int64(quarantine.count))
    }
  }

  func sent(_ bytes: Int) { bytesSent.increment(by: Int64(bytes)) }
  func received(_ bytes: Int) { bytesReceived.increment(by: Int64(bytes)) }

  func update(_ p: SweepProgress, queued: Int, leased: Int, reissued: Int, stored: Int) {
    tasksQueued.set(Int64(queued))
    tasksLeased.set(Int64(leased))
    tasksDone.set(Int64(p.tasksDone))
    tasksReissued.set(Int64(reissued))
    workersAlive.set(Int64(p.workers))
    partitionsStored.set(Int64(stored))
    inputBytesRead.set(p.inputFileBytesRead)
    inputBytesTotal.set(p.inputFileBytes)
    let seconds = max(0.001, Date().timeIntervalSince(started))
    exchangesPerSecond.set(Double(p.exchanges) / seconds)
    etaSeconds.set(p.etaSeconds(elapsed: seconds) ?? -1)
  }

  func markMerged() {
    finished.set(Int64(1))
    etaSeconds.set(Int64(0))
  }

  /// The Prometheus text exposition of every metric.
  public func render() -> String { registry.emitToString() }
}
