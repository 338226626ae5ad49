/// The coordinator's bookkeeping of tasks and workers, with no I/O and no clock
/// of its own (times are passed in), in the ZeroMQ guide's reliability terms.
///
/// Guarantees: a task only moves forward — queued → leased → done — except
/// that a lease whose worker expired (silent for `liveness` heartbeat
/// intervals) or that outlived `leaseMillis` goes back to the queue; a task is
/// completed at most once, so late or duplicate results are reported as such
/// and must be ignored; a worker never holds more leases than the credit it
/// announced. When nothing is queued, an idle worker may be given a second
/// lease of a straggling task (`nextLease(now:speculate:)`); the first result wins.
public struct TaskLedger: Sendable {
  public struct WorkerState: Sendable, Equatable {
    public var credit: Int
    /// Task id → time leased.
    public var leased: [UInt64: Int64] = [:]
    public var lastSeen: Int64
  }

  public let heartbeatIntervalMillis: Int64
  public let liveness: Int64
  public let leaseMillis: Int64
  /// A lease older than this may be duplicated to an idle worker.
  public let stragglerMillis: Int64
  public private(set) var workers: [String: WorkerState] = [:]
  private var waiting: [UInt64: TaskAssignment] = [:]
  private var queue: [UInt64] = []
  private var queueHead = 0
  private var speculated: Set<UInt64> = []
  public private(set) var done: Set<UInt64> = []
  public private(set) var reissued = 0
  public private(set) var speculativeLeases = 0

  public init(
    heartbeatIntervalMillis: Int64 = 1000, liveness: Int64 = 5, leaseMillis: Int64 = 300_000,
    stragglerMillis: Int64 = 10_000
  ) {
    self.heartbeatIntervalMillis = heartbeatIntervalMillis
    self.liveness = liveness
    self.leaseMillis = leaseMillis
    self.stragglerMillis = stragglerMillis
  }

  /// Tasks not yet done (queued or leased).
  public var outstanding: Int { waiting.count }
  public var queued: Int { queue.count - queueHead }
  public var hasSpareCredit: Bool { workers.values.contains { $0.leased.count < $0.credit } }

  public mutating func workerReady(_ worker: String, credit: Int, now: Int64) {
    var state = workers[worker] ?? WorkerState(credit: credit, lastSeen: now)
    state.credit = max(1, credit)
    state.lastSeen = now
    workers[worker] = state
  }

  /// Any message from a known worker counts as a heartbeat.
  public mutating func heard(from worker: String, now: Int64) {
    workers[worker]?.lastSeen = now
  }

  public mutating func add(_ task: TaskAssignment) {
    waiting[task.taskID] = task
    queue.append(task.taskID)
  }

  /// Records a task finished by an earlier run (from the journal).
  public mutating func markDone(_ taskID: UInt64) {
    done.insert(taskID)
  }

  /// Leases the next queued task to the first worker (by name) with spare
  /// credit; with `speculate` and an empty queue, duplicates the oldest
  /// straggling lease instead.
  public mutating func nextLease(now: Int64 = 0, speculate: Bool = false) -> (
    worker: String, task: TaskAssignment
  )? {
    guard let worker = workers.keys.sorted().first(where: { hasCredit($0) }) else { return nil }
    while queueHead < queue.count {
      let id = queue[queueHead]
      queueHead += 1
      compactQueue()
      guard let task = waiting[id], !done.contains(id) else { continue }
      workers[worker]!.leased[id] = now
      return (worker, task)
    }
    guard speculate, let id = straggler(excluding: worker, now: now) else { return nil }
    speculated.insert(id)
    speculativeLeases += 1
    workers[worker]!.leased[id] = now
    return (worker, waiting[id]!)
  }

  private func hasCredit(_ worker: String) -> Bool {
    guard let state = workers[worker] else { return false }
    return state.leased.count < state.credit
  }

  /// The oldest lease past `stragglerMillis` held by another worker, not yet duplicated.
  private func straggler(excluding worker: String, now: Int64) -> UInt64? {
    var best: (id: UInt64, at: Int64)?
    for (name, state) in workers where name != worker {
      for (id, at) in state.leased where !speculated.contains(id) && now - at >= stragglerMillis {
        if best == nil || at < best!.at || (at == best!.at && id < best!.id) { best = (id, at) }
      }
    }
    return best?.id
  }

  private mutating func compactQueue() {
    if queueHead > 1024 && queueHead * 2 > queue.count {
      queue.removeFirst(queueHead)
      queueHead = 0
    }
  }

  /// Records a result; false when the task was already done (a duplicate or late result).
  public mutating func complete(_ taskID: UInt64, by worker: String, now: Int64) -> Bool {
    workers[worker]?.lastSeen = now
    guard waiting[taskID] != nil, !done.contains(taskID) else {
      workers[worker]?.leased[taskID] = nil
      return false
    }
    waiting[taskID] = nil
    done.insert(taskID)
    for name in workers.keys { workers[name]!.leased[taskID] = nil }
    return true
  }

  /// Removes workers silent for `liveness` heartbeat intervals and withdraws
  /// leases older than `leaseMillis`; their tasks go back to the queue.
  /// Returns the expired workers.
  public mutating func expire(now: Int64) -> [String] {
    let deadline = now - liveness * heartbeatIntervalMillis
    let dead = workers.keys.filter { workers[$0]!.lastSeen < deadline }.sorted()
    for worker in dead { workerLeft(worker) }
    for name in workers.keys.sorted() {
      for (id, at) in workers[name]!.leased.sorted(by: { $0.key < $1.key })
      where now - at > leaseMillis {
        workers[name]!.leased[id] = nil
        requeueIfOrphaned(id)
      }
    }
    return dead
  }

  /// A worker said `disconnect` or expired: requeue what it held.
  public mutating func workerLeft(_ worker: String) {
    guard let state = workers.removeValue(forKey: worker) else { return }
    for id in state.leased.keys.sorted() { requeueIfOrphaned(id) }
  }

  /// Queues a task again unless it is done or another worker still holds it.
  private mutating func requeueIfOrphaned(_ id: UInt64) {
    guard waiting[id] != nil, !done.contains(id),
      !workers.values.contains(where: { $0.leased[id] != nil })
    else { return }
    queue.append(id)
    reissued += 1
  }
}
