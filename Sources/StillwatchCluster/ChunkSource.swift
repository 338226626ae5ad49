import Foundation
import StillwatchCompression
import StillwatchIngest

/// All input files, one after another, as a lazy stream of chunk events.
///
/// Guarantees: files are read in the given (sorted) order, each exactly once;
/// only one file is open at a time.
struct ChunkSource {
  enum Event {
    case read(ChunkReader.Event)
    /// A line-aligned range of a plain file that the worker reads itself.
    case range(file: Int, offset: Int64, length: Int64)
  }

  let files: [String]
  let chunkBytes: Int
  /// Workers can read the input paths: plain files go out as ranges, not bytes.
  let shared: Bool
  /// Files not to read (their results come from the partition store).
  let skip: Set<Int>
  /// Chunk buffers for the readers, given back by whoever drops a chunk.
  let buffers: ChunkBufferPool?
  private var index = 0
  private var reader: ChunkReader?
  private var planner: LineRangePlanner?
  private(set) var isExhausted = false
  private(set) var bytesRead: Int64 = 0
  /// On-disk bytes of the files before the current one (skipped files excluded).
  private var finishedFileBytes: Int64 = 0
  /// On-disk bytes of the current plain file leased as ranges so far.
  private var plannerBytes: Int64 = 0
  /// On-disk bytes of every file to read (skipped files excluded).
  let fileBytes: Int64

  /// On-disk bytes read so far (compressed files: compressed bytes consumed).
  var fileBytesRead: Int64 {
    if isExhausted { return fileBytes }
    return finishedFileBytes + (reader?.fileOffset ?? 0) + plannerBytes
  }

  init(
    files: [String], chunkBytes: Int, shared: Bool = false, skip: Set<Int> = [],
    buffers: ChunkBufferPool? = nil
  ) {
    self.files = files
    self.chunkBytes = chunkBytes
    self.buffers = buffers
    self.shared = shared
    self.skip = skip
    fileBytes = files.indices.filter { !skip.contains($0) }.reduce(Int64(0)) {
      $0 + Self.size(of: files[$1])
    }
    skipStored()
  }

  /// The file the last event came from (after `next` returned one).
  var fileIndex: Int { index }

  private mutating func skipStored() {
    while index < files.count && skip.contains(index) { index += 1 }
    isExhausted = index >= files.count
  }

  static func size(of file: String) -> Int64 { max(0, FileIdentity(path: file).size) }

  mutating func next() throws -> Event? {
    while !isExhausted {
      if shared && CompressionFormat(path: files[index]) == .none {
        if planner == nil {
          planner = try LineRangePlanner(path: files[index], chunkBytes: chunkBytes)
        }
        if let range = try planner!.nextRange() {
          bytesRead += range.length
          plannerBytes += range.length
          return .range(file: index, offset: range.offset, length: range.length)
        }
        planner = nil
        plannerBytes = 0
        finishedFileBytes += Self.size(of: files[index])
        index += 1
        skipStored()
        continue
      }
      if reader == nil {
        reader = try ChunkReader(
          path: files[index], fileIndex: index, chunkBytes: chunkBytes, buffers: buffers)
      }
      let event = try reader!.next()
      if case .chunk(let chunk)? = event { bytesRead += Int64(chunk.bytes.count) }
      if let event { return .read(event) }
      reader = nil
      finishedFileBytes += Self.size(of: files[index])
      index += 1
      skipStored()
    }
    return nil
  }
}
