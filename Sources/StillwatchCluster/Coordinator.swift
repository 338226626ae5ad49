import Foundation
import Logging
import StillwatchCompression
import StillwatchCore
import StillwatchIngest
import ZeroMQ

/// The coordinator role: reads the inputs into line-aligned chunks, leases them
/// to workers over a ZeroMQ ROUTER socket as LZ4-compressed tasks, and folds
/// their partial results into one `SweepPartial`.
///
/// Guarantees: at most `credit` tasks per worker are in flight (flow control by
/// credit, never by high-water-mark drops); a task's result is merged once
/// however many times it arrives; chunks are read lazily, so memory holds only
/// the tasks in flight plus the merged partial.
public final class Coordinator {
  public struct Settings: Sendable {
    /// Bytes of (decompressed) input per task by default. Larger tasks mean
    /// fewer per-task profile pieces to encode, spill and merge (an account
    /// active all day has one piece per task it appears in): 16 MiB took 4%
    /// off a 100k sweep on one core and a 1M sweep on two against 4 MiB,
    /// while a worker holds only a few such chunks (`credit`) at a time.
    public static let defaultChunkBytes = 16 << 20
    public var chunkBytes = Settings.defaultChunkBytes
    public var heartbeatIntervalMillis: Int64 = 1000
    public var liveness: Int64 = 5
    /// A lease older than this is withdrawn and its task re-issued.
    public var leaseMillis: Int64 = 300_000
    /// When the queue is empty, a lease older than this may be duplicated to an idle worker.
    public var stragglerMillis: Int64 = 10_000
    public var configuration = SweepConfiguration()
    /// Workers can read the input paths themselves (a shared filesystem): plain
    /// files are leased as byte ranges instead of shipped.
    public var sharedInput = false
    /// Worker threads of this process take the lines of chunks the
    /// coordinator read itself (compressed files, and every file without
    /// `sharedInput`) from here, instead of from an LZ4 task frame; nil when
    /// workers may be other processes.
    public var handoff: ChunkHandoff? = nil
    /// Spill partial results to this many LZ4 partition files and reduce them
    /// one at a time at the end (0: merge everything in memory).
    public var spillPartitions = 0
    /// Merged full profiles the reduce may keep in memory between its passes
    /// (bytes, split evenly over the partitions; estimated, see
    /// `SweepPartial.estimatedMemoryBytes`); larger partitions are written.
    public var reduceMemoryBytes: Int64 = 1 << 30
    /// Where spill files go (default: a temporary directory).
    public var spillDirectory: String? = nil
    /// What the reduction keeps depends on who may join a campaign.
    public var detection = DetectionSettings.standard
    /// Where finished tasks are journaled so a restarted coordinator resumes; nil for none.
    public var journalDirectory: String? = nil
    /// CurveZMQ encryption and worker authentication; nil for plain sockets.
    public var security: CurveSecurity.Server? = nil
    /// Incremental state: finished partitions (input files) are stored here and
    /// reused by later sweeps over the same files and configuration; nil for none.
    public var stateDirectory: String? = nil
    /// Where the coordinator publishes its metrics (served by `MetricsServer`).
    public var metrics: SweepMetrics? = nil
    public init() {}
  }

  let socket: Socket
  let settings: Settings
  let files: [String]
  let logger: Logger
  var ledger: TaskLedger
  var merged: SweepPartial
  var source: ChunkSource
  /// Buffers of chunks whose tasks are done, for the next chunks read.
  let chunkBuffers: ChunkBufferPool
  var nextTaskID: UInt64 = 0
  var duplicates = 0
  var workersSeen = Set<String>()
  var bytesSent = 0
  var bytesReceived = 0
  var authenticator: ZapAuthenticator?
  var journal: CoordinatorJournal?
  var spill: PartialSpill?
  /// Result payloads of tasks an earlier run finished (from the journal).
  var resumed: [UInt64: [UInt8]] = [:]
  /// Tasks an earlier run of this sweep had finished, merged from the journal.
  public private(set) var tasksResumed = 0
  /// Incremental state, when the sweep keeps one.
  var store: PartitionStore?
  /// What each input file contributed, and whether it was stored or computed.
  var partitions: [PartitionOutcome]
  /// The input file of each task not yet finished.
  var taskFile: [UInt64: Int] = [:]
  /// Tasks not yet finished, per input file.
  var outstandingPerFile: [Int: Int] = [:]
  /// Files whose every chunk has been read (their tasks may still run).
  var filesRead = 0
  /// Files started in the partition store and not yet sealed.
  var filesRecording = Set<Int>()
  /// Metrics for the operator (Prometheus text on the metrics endpoint).
  public let metrics: SweepMetrics

  /// Binds a ROUTER socket on `endpoint` (e.g. `tcp://127.0.0.1:*`).
  public init(
    context: Context, endpoint: String, files: [String], settings: Settings, logger: Logger
  ) throws {
    if let security = settings.security {
      authenticator = try CurveSecurity.startAuthenticator(
        context: context, server: security, logger: logger)
    }
    socket = try Socket(context: context, type: .router)
    try socket.setLinger(milliseconds: 0)
    if let security = settings.security {
      try socket.setZapDomain("stillwatch")
      try socket.makeCurveServer(secretKey: security.keyPair.secretKey)
    }
    try socket.setRouterMandatory(true)
    try socket.bind(endpoint)
    var settings = settings
    // Workers learn the spill layout from `welcome` and split their results to match.
    settings.configuration.spillPartitions = settings.spillPartitions
    self.settings = settings
    self.files = files
    self.logger = logger
    ledger = TaskLedger(
      heartbeatIntervalMillis: settings.heartbeatIntervalMillis, liveness: settings.liveness,
      leaseMillis: settings.leaseMillis, stragglerMillis: settings.stragglerMillis)
    merged = SweepPartial(
      parameters: settings.configuration.parameters,
      windowMillis: settings.configuration.windowMillis)
    metrics = settings.metrics ?? SweepMetrics()
    metrics.setPartitions(files.count)
    partitions = files.map { PartitionOutcome(file: $0) }
    chunkBuffers = ChunkBufferPool(
      minimumCapacity: ChunkReader.bufferCapacity(chunkBytes: settings.chunkBytes))
    source = ChunkSource(files: [], chunkBytes: settings.chunkBytes)
    if settings.spillPartitions > 0 {
      spill = try PartialSpill(
        directory: settings.spillDirectory
          ?? (NSTemporaryDirectory()
            + "stillwatch-spill-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"),
        partitions: settings.spillPartitions, parameters: settings.configuration.parameters,
        windowMillis: settings.configuration.windowMillis)
    }
    var stored = Set<Int>()
    if let directory = settings.stateDirectory {
      let store = try PartitionStore(
        stateDirectory: directory, configuration: self.settings.configuration)
      for (index, file) in files.enumerated() {
        guard
          let records = store.load(file, partitions: self.settings.configuration.spillPartitions)
        else { continue }
        for record in records {
          try absorb(
            TaskResult(payload: record, partitions: self.settings.configuration.spillPartitions),
            file: index)
        }
        partitions[index].stored = true
        stored.insert(index)
      }
      self.store = store
      logger.info(
        "incremental state",
        metadata: [
          "stored": "\(stored.count)", "to_compute": "\(files.count - stored.count)",
          "config": "\(store.configFingerprint)",
        ])
    }
    source = ChunkSource(
      files: files, chunkBytes: settings.chunkBytes, shared: settings.sharedInput, skip: stored,
      buffers: chunkBuffers)
    filesRead = source.fileIndex
    if let directory = settings.journalDirectory {
      let journal = try CoordinatorJournal(
        directory: directory, files: files, settings: self.settings, stored: stored)
      resumed = try journal.load(partitions: self.settings.configuration.spillPartitions)
      try journal.open(keeping: !resumed.isEmpty)
      self.journal = journal
      if !resumed.isEmpty {
        logger.notice("resuming from the journal", metadata: ["tasks": "\(resumed.count)"])
      }
    }
  }

  /// The endpoint actually bound (with the port chosen for `*`).
  public var endpoint: String { get throws { try socket.lastEndpoint } }

  /// Runs the sweep to completion and returns everything merged. `abandon` is
  /// asked once per heartbeat interval; a reason from it stops the sweep with
  /// that error (the local sweep uses it when all its worker threads died).
  public func run(
    progress: ((SweepProgress) -> Void)? = nil, abandon: (() -> String?)? = nil
  ) throws -> SweepOutcome {
    var poller = Poller()
    poller.add(socket)
    var lastHeartbeat = MonotonicClock.nowMillis()
    let phaseStart = lastHeartbeat
    let cpuStart = ThreadCPUClock.seconds()
    while !(source.isExhausted && ledger.outstanding == 0) {
      let ready = try poller.poll(timeoutMilliseconds: Int(settings.heartbeatIntervalMillis / 2))
      if !ready.isEmpty {
        while let frames = try socket.tryReceive() { try handle(frames) }
      }
      try dispatch()
      let now = MonotonicClock.nowMillis()
      for worker in ledger.expire(now: now) {
        logger.warning("worker expired; its tasks are re-issued", metadata: ["worker": "\(worker)"])
      }
      if now - lastHeartbeat >= settings.heartbeatIntervalMillis {
        lastHeartbeat = now
        if let reason = abandon?() {
          socket.close()
          throw WireError(reason)
        }
        for worker in ledger.workers.keys.sorted() { send(.heartbeat, to: worker) }
        let current = snapshot()  // also refreshes the metrics
        progress?(current)
      }
    }
    let phaseSeconds = MonotonicClock.secondsSince(phaseStart)
    let coordinatorCPU = ThreadCPUClock.seconds() - cpuStart
    logger.info(
      "all tasks merged",
      metadata: [
        "tasks": "\(nextTaskID)", "exchanges": "\(merged.exchanges)",
        "accounts": "\(merged.accounts.count)", "resumed": "\(tasksResumed)",
        "memory": "\(ProcessMemory.description)",
        "seconds": "\(phaseSeconds)",
        "coordinator_cpu_seconds": "\(Self.rounded(coordinatorCPU))",
        "coordinator_cpu_share": "\(Self.rounded(coordinatorCPU / max(phaseSeconds, 0.001)))",
      ])
    try filesReadUpTo(files.count)
    for worker in ledger.workers.keys.sorted() { send(.disconnect, to: worker) }
    let current = snapshot()
    progress?(current)
    metrics.markMerged()
    try? socket.setLinger(milliseconds: 1000)  // let the disconnects leave
    socket.close()
    authenticator?.stop()
    var partial = merged
    var buckets: BucketIndex? = nil
    var spilled: Int64 = 0
    if let spill {
      let reduceStart = MonotonicClock.nowMillis()
      let (reduced, index) = try spill.reduce(
        settings: settings.detection, memoryBudget: settings.reduceMemoryBytes)
      partial = reduced
      partial.exchanges = merged.exchanges
      partial.quarantine = merged.quarantine.sorted()
      buckets = index
      spilled = spill.bytesSpilled
      spill.remove()
      logger.info(
        "spill reduced",
        metadata: [
          "bytes": "\(spilled)", "memory": "\(ProcessMemory.description)",
          "shared_buckets": "\(index.sharedBuckets)",
          "partitions_in_memory": "\(spill.partitionsKeptInMemory)",
          "seconds": "\(MonotonicClock.secondsSince(reduceStart))",
        ])
    }
    return SweepOutcome(
      partial: partial, buckets: buckets, bytesSpilled: spilled, inputs: files,
      tasks: Int(nextTaskID), tasksResumed: tasksResumed,
      tasksReissued: ledger.reissued,
      duplicateResults: duplicates, workersSeen: workersSeen.count, bytesSent: bytesSent,
      bytesReceived: bytesReceived, partitions: partitions)
  }

  /// Folds a task's result of input file `file` in: merged in memory, or its
  /// pieces spilled as they are; counted for that file's partition.
  func absorb(_ result: TaskResult, file: Int) throws {
    partitions[file].exchanges += result.exchanges
    partitions[file].quarantined += result.quarantined
    metrics.absorbed(result)
    switch (result, spill) {
    case (.partial(let partial), nil):
      try merged.merge(partial)
    case (.partial(let partial), let spill?):
      merged.exchanges += partial.exchanges
      merged.quarantine += partial.quarantine
      try spill.append(partial)
    case (.pieces(let exchanges, let quarantine, let pieces), let spill?):
      merged.exchanges += exchanges
      merged.quarantine += quarantine
      try spill.append(pieces: pieces)
    case (.pieces, nil):
      throw WireError("a split result in a sweep without spilling")
    }
  }

  /// Removes the journal; call once the outputs are safely written.
  public func discardJournal() {
    journal?.finish()
  }

  func snapshot() -> SweepProgress {
    var p = SweepProgress(
      tasksDone: ledger.done.count, tasksStarted: Int(nextTaskID), exchanges: merged.exchanges,
      workers: ledger.workers.count, inputBytesRead: source.bytesRead,
      inputDone: source.isExhausted)
    p.inputFileBytesRead = source.fileBytesRead
    p.inputFileBytes = source.fileBytes
    metrics.update(
      p, queued: ledger.queued, leased: ledger.outstanding - ledger.queued,
      reissued: ledger.reissued,
      stored: partitions.count(where: { $0.stored }))
    return p
  }

  func handle(_ frames: [[UInt8]]) throws {
    guard frames.count == 2 else { return }
    let worker = Self.name(of: frames[0])
    bytesReceived += frames[1].count
    metrics.received(frames[1].count)
    let message: WireMessage
    do {
      message = try WireMessage(decoding: frames[1])
    } catch {
      logger.warning("dropped a malformed frame", metadata: ["reason": "\(error)"])
      return
    }
    let now = MonotonicClock.nowMillis()
    switch message {
    case .ready(_, let credit):
      workersSeen.insert(worker)
      ledger.workerReady(worker, credit: credit, now: now)
      send(.welcome(settings.configuration), to: worker)
      logger.info("worker ready", metadata: ["worker": "\(worker)", "credit": "\(credit)"])
    case .result(let taskID, let payload):
      guard ledger.workers[worker] != nil else { return }
      let result: TaskResult
      do {
        result = try TaskResult(
          payload: payload, partitions: settings.configuration.spillPartitions)
      } catch {
        logger.warning(
          "malformed result ignored; its task will be re-issued",
          metadata: ["worker": "\(worker)", "reason": "\(error)"])
        return
      }
      if ledger.complete(taskID, by: worker, now: now) {
        try finished(taskID, result: result, payload: payload)
        try journal?.append(taskID: taskID, partial: payload)
      } else {
        duplicates += 1
      }
    case .heartbeat:
      ledger.heard(from: worker, now: now)
    case .disconnect:
      ledger.workerLeft(worker)
    case .welcome, .task:
      logger.warning("unexpected message from a worker", metadata: ["worker": "\(worker)"])
    }
  }

  /// A task's first result: merged, recorded for its partition, and the
  /// partition sealed in the store once all of its tasks are in.
  func finished(_ taskID: UInt64, result: TaskResult, payload: [UInt8]) throws {
    guard let file = taskFile.removeValue(forKey: taskID) else {
      throw WireError("result for task \(taskID), which has no input file")
    }
    if let lines = settings.handoff?.remove(taskID) { chunkBuffers.give(consume lines) }
    try absorb(result, file: file)
    try store?.append(file, payload: payload)
    outstandingPerFile[file, default: 1] -= 1
    try sealIfComplete(file)
  }

  /// Every file before `index` has been read to its end.
  func filesReadUpTo(_ index: Int) throws {
    while filesRead < index {
      let file = filesRead
      filesRead += 1
      try sealIfComplete(file)
    }
  }

  func sealIfComplete(_ file: Int) throws {
    guard file < filesRead, outstandingPerFile[file, default: 0] == 0,
      filesRecording.remove(file) != nil
    else { return }
    try store?.commit(file)
    logger.info("partition stored", metadata: ["file": "\(files[file])"])
  }

  /// Leases queued tasks, reading new chunks while workers have spare credit.
  func dispatch() throws {
    while ledger.hasSpareCredit {
      if ledger.queued == 0 && !source.isExhausted {
        guard let event = try source.next() else {
          try filesReadUpTo(files.count)
          return
        }
        let file = source.fileIndex
        try filesReadUpTo(file)
        if store != nil && !filesRecording.contains(file) && outstandingPerFile[file] == nil {
          try store?.begin(file, file: files[file])
          filesRecording.insert(file)
        }
        if case .read(.damage(let record)) = event {
          // Kept as a one-record partial so the partition store holds it too.
          var partial = SweepPartial(
            parameters: settings.configuration.parameters,
            windowMillis: settings.configuration.windowMillis)
          partial.add(record)
          let result = TaskResult(partial, partitions: settings.configuration.spillPartitions)
          try absorb(result, file: file)
          try store?.append(file, payload: result.encoded)
          continue
        }
        taskFile[nextTaskID] = file
        outstandingPerFile[file, default: 0] += 1
        // A task finished by an earlier run is merged from the journal, not rebuilt.
        if let payload = resumed.removeValue(forKey: nextTaskID) {
          try finished(
            nextTaskID,
            result: TaskResult(
              payload: payload, partitions: settings.configuration.spillPartitions),
            payload: payload)
          ledger.markDone(nextTaskID)
          tasksResumed += 1
          nextTaskID += 1
          continue
        }
        let task: TaskAssignment
        switch event {
        case .read(.damage):
          continue
        case .read(.chunk(let chunk)):
          if let handoff = settings.handoff {
            handoff.put(nextTaskID, chunk.bytes)
            task = TaskAssignment(
              taskID: nextTaskID, fileName: files[chunk.file], fileIndex: chunk.file,
              offset: chunk.offset, payload: [], handedOver: true)
          } else {
            task = TaskAssignment(
              taskID: nextTaskID, fileName: files[chunk.file], fileIndex: chunk.file,
              offset: chunk.offset, payload: LZ4Frame.compress(chunk.bytes))
          }
        case .range(let file, let offset, let length):
          task = TaskAssignment(
            taskID: nextTaskID, fileName: files[file], fileIndex: file, offset: offset,
            payload: [], sharedLength: length)
        }
        ledger.add(task)
        nextTaskID += 1
        continue
      }
      guard
        let lease = ledger.nextLease(
          now: MonotonicClock.nowMillis(), speculate: source.isExhausted)
      else { return }
      send(.task(lease.task), to: lease.worker)
    }
  }

  func send(_ message: WireMessage, to worker: String) {
    let bytes = message.encoded()
    do {
      try socket.send([Self.identity(of: worker), bytes])
      bytesSent += bytes.count
      metrics.sent(bytes.count)
    } catch {
      logger.warning("send failed; worker treated as gone", metadata: ["worker": "\(worker)"])
      ledger.workerLeft(worker)
    }
  }

  static func name(of identity: [UInt8]) -> String {
    identity.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }

  static func identity(of name: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = name.startIndex
    while index < name.endIndex {
      let next = name.index(index, offsetBy: 2)
      bytes.append(UInt8(name[index..<next], radix: 16) ?? 0)
      index = next
    }
    return bytes
  }

  private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
