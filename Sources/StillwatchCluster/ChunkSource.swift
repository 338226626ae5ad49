import StillwatchIngest

/// All input files, one after another, as a lazy stream of chunk events.
///
/// Guarantees: files are read in the given (sorted) order, each exactly once;
/// only one file is open at a time.
struct ChunkSource {
  let files: [String]
  let chunkBytes: Int
  private var index = 0
  private var reader: ChunkReader?
  private(set) var isExhausted = false
  private(set) var bytesRead: Int64 = 0

  init(files: [String], chunkBytes: Int) {
    self.files = files
    self.chunkBytes = chunkBytes
    isExhausted = files.isEmpty
  }

  mutating func next() throws -> ChunkReader.Event? {
    while !isExhausted {
      if reader == nil {
        reader = try ChunkReader(path: files[index], fileIndex: index, chunkBytes: chunkBytes)
      }
      if let event = try reader!.next() {
        if case .chunk(let chunk) = event { bytesRead += Int64(chunk.bytes.count) }
        return event
      }
      reader = nil
      index += 1
      isExhausted = index >= files.count
    }
    return nil
  }
}
