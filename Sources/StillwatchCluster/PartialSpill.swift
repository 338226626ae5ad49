import Foundation
import StillwatchCompression
import StillwatchCore
import StillwatchIngest

/// The coordinator's out-of-core shuffle: partial results are split by account
/// (and template examples by bucket) into `partitions` LZ4-compressed spill
/// files as they arrive, and reduced one partition at a time at the end, so
/// the coordinator never holds every account's full profile at once.
///
/// Reduction: (1) merge each account partition and write its bucket keys to
/// bucket partitions; (2) count accounts per bucket one bucket partition at a
/// time, keeping only shared buckets; (3) reduce each account partition with
/// those counts (`SweepPartial.reduced`). Each pass runs its partitions on
/// every core, so peak memory is one partition's full profiles per core plus
/// the reduced state, which grows with accounts and shared template traffic,
/// not with exchanges — plus, between passes 1 and 3, the merged partitions
/// small enough to stay in memory under the memory budget (the others are
/// written to disk and read back).
///
/// Guarantees: the reduced partial and bucket index are exactly those of
/// reducing the fully merged partial in memory, whatever the arrival order.
final class PartialSpill {
  let directory: String
  let partitions: Int
  let parameters: SketchParameters
  let windowMillis: Int64
  private var handles: [FileHandle] = []
  private(set) var bytesSpilled: Int64 = 0
  /// Merged partitions the last reduce kept in memory between its passes.
  private(set) var partitionsKeptInMemory = 0

  init(directory: String, partitions: Int, parameters: SketchParameters, windowMillis: Int64)
    throws
  {
    self.directory = directory
    self.partitions = max(1, partitions)
    self.parameters = parameters
    self.windowMillis = windowMillis
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for p in 0..<self.partitions {
      handles.append(try Self.create(layout.path(p, "accounts")))
    }
  }

  deinit { remove() }

  var layout: Layout {
    Layout(
      directory: directory, partitions: partitions, parameters: parameters,
      windowMillis: windowMillis)
  }

  static func create(_ path: String) throws -> FileHandle {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw WireError("cannot create spill file \(path)") }
    return handle
  }

  /// Spills the accounts and template examples of a task's partial.
  func append(_ partial: SweepPartial) throws {
    for (p, piece) in partial.encodedPieces(into: partitions, sorted: false).enumerated()
    where !piece.isEmpty {
      try write(LZ4Frame.compress(piece), to: handles[p])
    }
  }

  /// Spills pieces a worker already split and compressed (one per partition).
  func append(pieces: [[UInt8]]) throws {
    guard pieces.count == partitions else {
      throw WireError("\(pieces.count) pieces for \(partitions) partitions")
    }
    for (p, piece) in pieces.enumerated() where !piece.isEmpty {
      try write(piece, to: handles[p])
    }
  }

  private func write(_ record: [UInt8], to handle: FileHandle) throws {
    try Self.write(record, to: handle)
    bytesSpilled += Int64(8 + record.count)
  }

  /// One record: its length, then its bytes, written as they are (joining
  /// them first had copied every spilled byte once more).
  static func write(_ record: [UInt8], to handle: FileHandle) throws {
    var w = BinaryWriter()
    w.write(UInt64(record.count))
    try handle.write(contentsOf: w.bytes)
    try handle.write(contentsOf: record)
  }

  /// Calls `body` with each record of a spill file in order, reading one
  /// record at a time (a partition's file holds gigabytes at 16M: reading it
  /// whole, then copying it, then copying each record, tripled the memory
  /// each reduce thread touched). A missing file has no records; a file that
  /// ends inside a record's header or body throws.
  static func forEachRecord(_ path: String, _ body: ([UInt8]) throws -> Void) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let size = Int64(lseek(descriptor, 0, SEEK_END))
    var offset: Int64 = 0
    while offset < size {
      let header = try FileBytes.read(descriptor, at: offset, count: 8, path: path)
      var reader = BinaryReader(header)
      // A length past the file's end (a cut or damaged file) is never allocated.
      guard header.count == 8, let length = Int(exactly: try reader.readUInt64()),
        length <= size - offset - 8
      else { throw WireError("spill file \(path) is truncated") }
      let record = try FileBytes.read(descriptor, at: offset + 8, count: length, path: path)
      guard record.count == length else { throw WireError("spill file \(path) is truncated") }
      try body(record)
      offset += Int64(8 + length)
    }
  }

  /// Runs the three passes, each over its partitions in parallel; returns the
  /// reduced partial (without the sweep's counts and quarantine, which the
  /// caller keeps) and the bucket index.
  /// `memoryBudget` (bytes, split evenly over the partitions) bounds the merged
  /// partitions kept in memory between passes 1 and 3 instead of being written.
  func reduce(settings: DetectionSettings, memoryBudget: Int64 = 0) throws -> (
    SweepPartial, BucketIndex
  ) {
    for handle in handles { try handle.close() }
    handles = []
    let layout = self.layout
    // Pass 1: merge each account partition; route its bucket keys by key.
    let share = memoryBudget / Int64(partitions)
    let kept = MergedPartitions()
    let accounts: Int
    let buckets: BucketIndex
    // Partitions are taken largest first in passes 1 and 3, so that the
    // last ones to start are short and the threads finish together.
    let order = layout.largestFirst()
    do {
      let passOne = try Parallel.map(partitions) { i in
        let p = order[i]
        let pass = try layout.mergePartition(p, keepingUpTo: share)
        if let held = pass.kept { kept.keep(held.merged, for: p) }
        return (
          partition: p, written: pass.written, accounts: pass.accounts,
          keys: pass.kept?.bucketKeys
        )
      }
      bytesSpilled += passOne.reduce(0) { $0 + $1.written }
      accounts = passOne.reduce(0) { $0 + $1.accounts }
      partitionsKeptInMemory = kept.count
      ProcessMemory.releaseFreeMemory(above: memoryBudget)
      // Pass 2: accounts per bucket, one bucket partition at a time (disjoint
      // keys), each partition's the index's shard. The bucket keys of the
      // partitions kept in memory are read from there (and freed after this
      // block), the others' from disk.
      var keptKeys = [[[UInt64]]?](repeating: nil, count: partitions)
      for pass in passOne { keptKeys[pass.partition] = pass.keys }
      buckets = try countedBuckets(keptKeys: keptKeys)
    }
    // Pass 3: reduce each account partition with the global counts (disjoint
    // accounts), each reduced partition joined to the result as soon as those
    // before it are, by the thread that finished it, while the other threads
    // go on reducing.
    let joiner = OrderedJoin(
      parameters: parameters, windowMillis: windowMillis, accounts: accounts)
    _ = try Parallel.map(partitions) { i in
      let p = order[i]
      joiner.deliver(try layout.reducePartition(p, buckets, settings, merged: kept.take(p)), at: p)
    }
    let result = try joiner.joined(count: partitions)
    ProcessMemory.releaseFreeMemory(above: memoryBudget)
    return (result, buckets)
  }

  /// Pass 2 over every bucket partition in parallel.
  private func countedBuckets(keptKeys: [[[UInt64]]?]) throws -> BucketIndex {
    let layout = self.layout
    return BucketIndex(
      shards: try Parallel.map(partitions) {
        BucketIndex.shard(try layout.countBuckets($0, kept: keptKeys))
      })
  }

  /// The spill files and what each pass does with one partition; only values,
  /// so partitions can be processed concurrently.
  struct Layout: Sendable {
    let directory: String
    let partitions: Int
    let parameters: SketchParameters
    let windowMillis: Int64

    func path(_ partition: Int, _ kind: String) -> String {
      directory + "/\(kind)-\(partition).lz4s"
    }

    /// Pass 1 for partition p: merges its account records and routes the
    /// merged profiles' bucket keys by bucket partition. When the merged
    /// partition and its keys are estimated at most `budget` bytes, it returns
    /// both (`kept`) and writes nothing; otherwise it writes them to disk for
    /// passes 2 and 3. Also returns the bytes it wrote and the accounts merged.
    func mergePartition(_ p: Int, keepingUpTo budget: Int64 = 0) throws -> (
      written: Int64, kept: (merged: SweepPartial, bucketKeys: [[UInt64]])?, accounts: Int
    ) {
      var merged = SweepPartial(parameters: parameters, windowMillis: windowMillis)
      try PartialSpill.forEachRecord(path(p, "accounts")) { record in
        try merged.merge(encoded: try LZ4Frame.decompress(record))
      }
      var byBucket = Array(repeating: [UInt64](), count: partitions)
      var keyCount = 0
      for profile in merged.accounts.values {
        profile.templates.forEach { key, _ in byBucket[Int(key % UInt64(partitions))].append(key) }
        keyCount += profile.templates.count
      }
      if merged.estimatedMemoryBytes + Int64(keyCount * 8) <= budget {
        return (0, (merged, byBucket), merged.accounts.count)
      }
      var written: Int64 = 0
      for (q, keys) in byBucket.enumerated() {
        written += try PartialSpill.writeFile(path(p, "buckets-\(q)"), Self.encoded(keys))
      }
      written += try PartialSpill.writeFile(
        path(p, "merged"), LZ4Frame.compress(merged.encoded(sorted: false)))
      return (written, nil, merged.accounts.count)
    }

    /// The account partitions by the size of their spill files, largest
    /// first (ties by number): a partition's work grows with its records.
    func largestFirst() -> [Int] {
      let sizes = (0..<partitions).map { FileIdentity(path: path($0, "accounts")).size }
      return (0..<partitions).sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// Bucket keys as pass 1 writes them: one LZ4 frame of 8-byte keys.
    static func encoded(_ keys: [UInt64]) -> [UInt8] {
      var w = BinaryWriter(capacity: keys.count * 8)
      for key in keys { w.write(key) }
      return LZ4Frame.compress(w.bytes)
    }

    /// Pass 2 for bucket partition q: accounts per shared bucket, from the
    /// keys of every account partition, held in `kept[p]` for the partitions
    /// pass 1 kept in memory and read from disk for the others.
    func countBuckets(_ q: Int, kept: [[[UInt64]]?]) throws -> [(key: UInt64, count: Int32)] {
      var keys: [UInt64] = []
      for p in 0..<partitions {
        if let held = kept[p] {
          keys.append(contentsOf: held[q])
          continue
        }
        try PartialSpill.forEachRecord(path(p, "buckets-\(q)")) { record in
          var r = BinaryReader(try LZ4Frame.decompress(record))
          while !r.isAtEnd { keys.append(try r.readUInt64()) }
        }
      }
      return BucketIndex.sharedCounts(sorting: &keys)
    }

    /// Pass 3 for partition p: the merged partition pass 1 kept, or else the
    /// one it wrote.
    func reducePartition(
      _ p: Int, _ buckets: BucketIndex, _ settings: DetectionSettings,
      merged kept: SweepPartial? = nil
    ) throws -> SweepPartial {
      var result = SweepPartial(parameters: parameters, windowMillis: windowMillis)
      if let kept {
        result.reducedAccounts(from: kept, buckets: buckets, settings: settings)
        for (key, example) in kept.templateExamples where buckets.accounts(in: key) >= 2 {
          result.templateExamples[key] = example
        }
        return result
      }
      // Written partitions are reduced as they are decoded.
      try PartialSpill.forEachRecord(path(p, "merged")) { record in
        let piece = try SweepPartial(
          decodingReduced: try LZ4Frame.decompress(record), buckets: buckets, settings: settings)
        if result.accounts.isEmpty && result.templateExamples.isEmpty {
          result.accounts = piece.accounts
          result.templateExamples = piece.templateExamples
        } else {
          result.accounts.merge(piece.accounts) { a, _ in a }
          result.templateExamples.merge(piece.templateExamples) { a, _ in a }
        }
      }
      return result
    }
  }

  /// Writes one length-prefixed record as a whole file; returns the bytes written.
  static func writeFile(_ path: String, _ record: [UInt8]) throws -> Int64 {
    let handle = try create(path)
    defer { try? handle.close() }
    try write(record, to: handle)
    return Int64(8 + record.count)
  }

  func remove() {
    for handle in handles { try? handle.close() }
    handles = []
    try? FileManager.default.removeItem(atPath: directory)
  }
}

/// Merged partitions pass 1 kept in memory, handed to pass 3 one at a time
/// (each released once taken). Locked: passes run partitions on several threads.
final class MergedPartitions: @unchecked Sendable {
  private let lock = NSLock()
  private var merged: [Int: SweepPartial] = [:]

  func keep(_ partial: SweepPartial, for partition: Int) {
    lock.lock()
    defer { lock.unlock() }
    merged[partition] = partial
  }

  /// The partition's merged partial, if kept; it is no longer held here.
  func take(_ partition: Int) -> SweepPartial? {
    lock.lock()
    defer { lock.unlock() }
    return merged.removeValue(forKey: partition)
  }

  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return merged.count
  }
}
