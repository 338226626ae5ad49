import StillwatchCore

/// What a finished sweep hands to the report layer.
///
/// Guarantees: `partial` holds every exchange and quarantine record of the
/// input exactly once; the counters describe the run, not the result.
public struct SweepOutcome: Sendable {
  /// The merged partial, or with spilling the reduced one (see `SweepPartial.reduced`).
  public var partial: SweepPartial
  /// With spilling: the bucket counts the partial was reduced with.
  public var buckets: BucketIndex?
  public var bytesSpilled: Int64
  public var inputs: [String]
  public var tasks: Int
  /// Tasks taken from the journal of an earlier, interrupted run (not redone).
  public var tasksResumed: Int
  public var tasksReissued: Int
  public var duplicateResults: Int
  public var workersSeen: Int
  public var bytesSent: Int
  public var bytesReceived: Int
}

/// A progress snapshot for the live line on a terminal.
public struct SweepProgress: Sendable {
  public var tasksDone: Int
  public var tasksStarted: Int
  public var exchanges: Int
  public var workers: Int
  public var inputBytesRead: Int64
  public var inputDone: Bool
}
