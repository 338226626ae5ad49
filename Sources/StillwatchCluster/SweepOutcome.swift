import StillwatchCore
import StillwatchIngest

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
  /// Per input file, in input order: what it contributed and whether it came
  /// from the incremental state or was computed in this sweep.
  public var partitions: [PartitionOutcome]
}

/// What one input partition (one file) contributed to a sweep.
public struct PartitionOutcome: Sendable, Equatable {
  public var file: String
  public var exchanges = 0
  public var quarantined = 0
  /// Taken from the incremental state (true) or computed by workers (false).
  public var stored = false

  public init(file: String) { self.file = file }

  /// The `date=YYYY-MM-DD` of a Hive-partitioned path, if any.
  public var day: String? { DateWindow.partitionDay(ofPath: file) }
}

/// A progress snapshot for the live line on a terminal.
public struct SweepProgress: Sendable {
  public var tasksDone: Int
  public var tasksStarted: Int
  public var exchanges: Int
  public var workers: Int
  public var inputBytesRead: Int64
  public var inputDone: Bool
  /// On-disk input bytes read so far and in all (files taken from the
  /// incremental state are not counted in either).
  public var inputFileBytesRead: Int64 = 0
  public var inputFileBytes: Int64 = 0

  /// Seconds until every task is merged, estimated from the share of input read
  /// and the share of tasks done so far; nil before there is anything to go by.
  public func etaSeconds(elapsed: Double) -> Double? {
    let read = inputFileBytes > 0 ? Double(inputFileBytesRead) / Double(inputFileBytes) : 1
    let done = tasksStarted > 0 ? Double(tasksDone) / Double(tasksStarted) : (inputDone ? 1 : 0)
    let fraction = min(1, read * done)
    guard fraction > 0.001, elapsed > 0 else { return nil }
    return elapsed * (1 - fraction) / fraction
  }
}
