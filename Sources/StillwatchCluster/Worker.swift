import Logging
import StillwatchCompression
import StillwatchCore
import StillwatchIngest
import ZeroMQ

#if canImport(Glibc)
  import Glibc
#endif

/// The worker role: a DEALER socket that announces itself with `ready`,
/// analyses each leased chunk into a `SweepPartial` and returns it
/// LZ4-compressed, heartbeating all the while (Paranoid Pirate style).
///
/// Guarantees: holds at most `credit` tasks; if the coordinator is silent for
/// `liveness` heartbeat intervals it reconnects after the reconnect interval
/// (doubling while the coordinator stays away, back to `reconnectIntervalMillis`
/// once it answers)
/// and announces itself again; returns when the coordinator says `disconnect`.
public final class Worker {
  public struct Settings: Sendable {
    public var name: String
    public var credit = 2
    public var heartbeatIntervalMillis: Int64 = 1000
    public var liveness: Int64 = 5
    public var reconnectIntervalMillis: Int64 = 500
    /// The reconnect interval doubles while the coordinator stays away, up to this.
    public var maximumReconnectIntervalMillis: Int64 = 16_000
    /// Give up after this long without a coordinator (nil: never).
    public var giveUpAfterMillis: Int64? = nil
    /// Asked once per poll interval; true ends the worker cleanly (the local
    /// sweep uses it once its coordinator is done, for workers that never got
    /// the coordinator's `disconnect`).
    public var stopWhen: (@Sendable () -> Bool)? = nil
    public init(name: String) { self.name = name }
  }

  let context: Context
  let endpoint: String
  let settings: Settings
  let logger: Logger
  let prepareSocket: (Socket) throws -> Void
  /// The coordinator's shelf of chunk lines, for a worker thread of its process.
  let handoff: ChunkHandoff?
  var socket: Socket?
  var analyzer: ChunkAnalyzer?
  var configuration: SweepConfiguration?
  var lastHeard: Int64 = 0
  var lastSent: Int64 = 0
  public private(set) var tasksDone = 0

  public init(
    context: Context, endpoint: String, settings: Settings, logger: Logger,
    handoff: ChunkHandoff? = nil, prepareSocket: @escaping (Socket) throws -> Void = { _ in }
  ) {
    self.handoff = handoff
    self.context = context
    self.endpoint = endpoint
    self.settings = settings
    self.logger = logger
    self.prepareSocket = prepareSocket
  }

  public func run() throws {
    try connect()
    let started = MonotonicClock.nowMillis()
    var lastHeard = started  // last message from the coordinator
    var windowStart = started  // start of the current liveness window
    var backoff = settings.reconnectIntervalMillis
    while true {
      guard let socket else { return }
      if settings.stopWhen?() == true {
        socket.close()
        return
      }
      var poller = Poller()
      poller.add(socket)
      let ready = try poller.poll(timeoutMilliseconds: Int(settings.heartbeatIntervalMillis / 2))
      if !ready.isEmpty {
        while let frames = try self.socket?.tryReceive() {
          lastHeard = MonotonicClock.nowMillis()
          windowStart = lastHeard
          backoff = settings.reconnectIntervalMillis
          if try !handle(frames) {
            self.socket?.close()
            return
          }
        }
      }
      let now = MonotonicClock.nowMillis()
      heartbeatIfDue(now: now)
      if now - windowStart > settings.liveness * settings.heartbeatIntervalMillis {
        if let limit = settings.giveUpAfterMillis, now - lastHeard > limit {
          throw WireError("no coordinator at \(endpoint) for \(limit / 1000) s")
        }
        logger.info(
          "coordinator silent; reconnecting",
          metadata: ["worker": "\(settings.name)", "after_ms": "\(backoff)"])
        self.socket?.close()
        usleepMillis(backoff)
        backoff = min(backoff * 2, settings.maximumReconnectIntervalMillis)
        try connect()
        windowStart = MonotonicClock.nowMillis()
      }
    }
  }

  func connect() throws {
    let socket = try Socket(context: context, type: .dealer)
    try socket.setLinger(milliseconds: 0)
    try prepareSocket(socket)
    try socket.connect(endpoint)
    self.socket = socket
    try send(.ready(worker: settings.name, credit: settings.credit))
  }

  /// Returns false when the sweep is over.
  func handle(_ frames: [[UInt8]]) throws -> Bool {
    guard let frame = frames.last else { return true }
    let message = try WireMessage(decoding: frame)
    switch message {
    case .welcome(let configuration):
      self.configuration = configuration
      let fieldMap = try FieldMap(overrides: configuration.fieldMap)
      analyzer = ChunkAnalyzer(
        parser: ExchangeParser(fieldMap: fieldMap, messageTexts: .patternOnly),
        extractor: FeatureExtractor(
          parameters: configuration.parameters,
          classifier: ElicitationClassifier(weights: configuration.elicitation),
          exampleSampling: configuration.exampleSampling),
        windowMillis: configuration.windowMillis)
    case .task(let task):
      // Taken out while it works, so its buffers and caches stay uniquely
      // referenced (a copy would make the first write to each copy them all).
      guard var analyzer = self.analyzer.take() else { throw WireError("task before welcome") }
      defer { self.analyzer = analyzer }
      let bytes: [UInt8]
      if task.handedOver {
        guard let handoff else {
          throw WireError("task \(task.taskID) was handed over in process, but this worker is not")
        }
        // Lines leave the shelf only when their task is done: this was a
        // second lease of a straggler whose first result has since arrived.
        guard let shelved = handoff.bytes(for: task.taskID) else {
          logger.debug(
            "task already done; skipped",
            metadata: ["worker": "\(settings.name)", "task": "\(task.taskID)"])
          return true
        }
        bytes = shelved
      } else if task.sharedLength == 0 {
        bytes = try LZ4Frame.decompress(task.payload)
      } else {
        // Only plain files are leased as ranges; a compressed file's bytes are not its lines.
        guard CompressionFormat(path: task.fileName) == .none else {
          throw WireError("task \(task.taskID) leases a range of compressed \(task.fileName)")
        }
        bytes = try LineRangePlanner.read(
          path: task.fileName, offset: task.offset, length: task.sharedLength)
      }
      let chunk = Chunk(file: task.fileIndex, offset: task.offset, bytes: bytes)
      let partial = analyzer.analyse(chunk, fileName: task.fileName) {
        self.heartbeatIfDue(now: MonotonicClock.nowMillis())
      }
      let encoded = TaskResult(partial, partitions: configuration?.spillPartitions ?? 0).encoded
      analyzer.recycle(partial)
      try send(.result(taskID: task.taskID, partial: encoded))
      tasksDone += 1
    case .heartbeat, .ready, .result:
      break
    case .disconnect:
      return false
    }
    return true
  }

  func heartbeatIfDue(now: Int64) {
    guard now - lastSent >= settings.heartbeatIntervalMillis else { return }
    try? send(.heartbeat)
  }

  func send(_ message: WireMessage) throws {
    try socket?.send([message.encoded()])
    lastSent = MonotonicClock.nowMillis()
  }
}

func usleepMillis(_ millis: Int64) {
  var remaining = millis
  while remaining > 0 {
    let step = min(remaining, 1000)
    usleep(UInt32(step * 1000))
    remaining -= step
  }
}
