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
    func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
      MetricNameDescriptor(
        namespace: "stillwatch", metricName: metric, unitName: unit, helpText: help)
    }
    exchanges = r.makeCounter(
      descriptor: name("exchanges", "total", "Exchanges merged into the sweep."))
    quarantined = r.makeCounter(
      descriptor: name(
        "quarantined_lines", "total", "Input lines and damaged regions quarantined."))
    bytesSent = r.makeCounter(
      descriptor: name("wire_bytes_sent", "total", "Bytes the coordinator sent to workers."))
    bytesReceived = r.makeCounter(
      descriptor: name(
        "wire_bytes_received", "total", "Bytes the coordinator received from workers."))
    let tasks = name("tasks", "", "Tasks of the sweep by state.")
    tasksQueued = r.makeGauge(descriptor: tasks, labels: [("state", "queued")])
    tasksLeased = r.makeGauge(descriptor: tasks, labels: [("state", "leased")])
    tasksDone = r.makeGauge(descriptor: tasks, labels: [("state", "done")])
    tasksReissued = r.makeGauge(
      descriptor: name("tasks_reissued", "", "Leases withdrawn and issued again."))
    workersAlive = r.makeGauge(
      descriptor: name("workers_alive", "", "Workers heard from within their liveness."))
    exchangesPerSecond = r.makeGauge(
      descriptor: name("exchanges_per_second", "", "Exchanges merged per second since start."))
    partitionsStored = r.makeGauge(
      descriptor: name(
        "partitions_stored", "",
        "Input partitions taken from the incremental state, not recomputed."))
    partitionsTotal = r.makeGauge(
      descriptor: name("partitions", "", "Input partitions (files) in the sweep's window."))
    inputBytesRead = r.makeGauge(
      descriptor: name("input_bytes_read", "", "Input bytes (as stored on disk) read so far."))
    inputBytesTotal = r.makeGauge(
      descriptor: name("input", "bytes", "Input bytes (as stored on disk) to read."))
    etaSeconds = r.makeGauge(
      descriptor: name("eta", "seconds", "Estimated seconds until every task is merged."))
    finished = r.makeGauge(
      descriptor: name("tasks_merged", "", "1 once every task of the sweep is merged."))
  }

  func setPartitions(_ count: Int) { partitionsTotal.set(Int64(count)) }

  func absorbed(_ result: TaskResult) {
    exchanges.increment(by: Int64(result.exchanges))
    quarantined.increment(by: Int64(result.quarantined))
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
