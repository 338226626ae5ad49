/// The coordinator's bookkeeping of tasks and workers, with no I/O and no clock
/// of its own (times are passed in), in the ZeroMQ guide's reliability terms.
///
/// Guarantees: a task only moves forward — queued → leased → done — except
/// that a lease whose worker expired (missed `liveness` heartbeat intervals)
/// goes back to the queue; a task is completed at most once, so late or
/// duplicate results are reported as such and must be ignored; a worker never
/// holds more leases than the credit it announced.
public struct TaskLedger: Sendable {
  public struct WorkerState: Sendable, Equatable {
    public var credit: Int
    public var leased: Set<UInt64> = []
    public var lastSeen: Int64
  }

  public let heartbeatIntervalMillis: Int64
  public let liveness: Int64
  public private(set) var workers: [String: WorkerState] = [:]
  private var waiting: [UInt64: TaskAssignment] = [:]
  private var queue: [UInt64] = []
  private var queueHead = 0
  public private(set) var done: Set<UInt64> = []
  public private(set) var reissued = 0

  public init(heartbeatIntervalMillis: Int64 = 1000, liveness: Int64 = 5) {
    self.heartbeatIntervalMillis = heartbeatIntervalMillis
    self.liveness = liveness
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

  /// Leases the next queued task to the first worker (by name) with spare credit.
  public mutating func nextLease() -> (worker: String, task: TaskAssignment)? {
    guard queued > 0,
      let worker = workers.keys.sorted().first(where: {
        workers[$0]!.leased.count < workers[$0]!.credit
      })
    else { return nil }
    while queueHead < queue.count {
      let id = queue[queueHead]
      queueHead += 1
      if queueHead > 1024 && queueHead * 2 > queue.count {
        queue.removeFirst(queueHead)
        queueHead = 0
      }
      guard let task = waiting[id], !done.contains(id) else { continue }
      workers[worker]!.leased.insert(id)
      return (worker, task)
    }
    return nil
  }

  /// Records a result; false when the task was already done (a duplicate or late result).
  public mutating func complete(_ taskID: UInt64, by worker: String, now: Int64) -> Bool {
    workers[worker]?.leased.remove(taskID)
    workers[worker]?.lastSeen = now
    guard waiting[taskID] != nil, !done.contains(taskID) else { return false }
    waiting[taskID] = nil
    done.insert(taskID)
    for name in workers.keys where workers[name]!.leased.contains(taskID) {
      workers[name]!.leased.remove(taskID)
    }
    return true
  }

  /// Removes workers silent for `liveness` heartbeat intervals; their leases go back to the queue.
  public mutating func expire(now: Int64) -> [String] {
    let deadline = now - liveness * heartbeatIntervalMillis
    let dead = workers.keys.filter { workers[$0]!.lastSeen < deadline }.sorted()
    for worker in dead { workerLeft(worker) }
    return dead
  }

  /// A worker said `disconnect` or expired: requeue what it held.
  public mutating func workerLeft(_ worker: String) {
    guard let state = workers.removeValue(forKey: worker) else { return }
    for id in state.leased.sorted() where waiting[id] != nil {
      queue.append(id)
      reissued += 1
    }
  }
}
