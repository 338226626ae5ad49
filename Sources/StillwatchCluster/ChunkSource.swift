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
  private var index = 0
  private var reader: ChunkReader?
  private var planner: LineRangePlanner?
  private(set) var isExhausted = false
  private(set) var bytesRead: Int64 = 0

  init(files: [String], chunkBytes: Int, shared: Bool = false) {
    self.files = files
    self.chunkBytes = chunkBytes
    self.shared = shared
    isExhausted = files.isEmpty
  }

  mutating func next() throws -> Event? {
    while !isExhausted {
      if shared && CompressionFormat(path: files[index]) == .none {
        if planner == nil {
          planner = try LineRangePlanner(path: files[index], chunkBytes: chunkBytes)
        }
        if let range = try planner!.nextRange() {
          bytesRead += range.length
          return .range(file: index, offset: range.offset, length: range.length)
        }
        planner = nil
        index += 1
        isExhausted = index >= files.count
        continue
      }
      if reader == nil {
        reader = try ChunkReader(path: files[index], fileIndex: index, chunkBytes: chunkBytes)
      }
      if let event = try reader!.next() {
        if case .chunk(let chunk) = event { bytesRead += Int64(chunk.bytes.count) }
        return .read(event)
      }
      reader = nil
      index += 1
      isExhausted = index >= files.count
    }
    return nil
  }
}
