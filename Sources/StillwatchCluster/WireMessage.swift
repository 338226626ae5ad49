import StillwatchCore

/// The messages between coordinator and workers (see `PROTOCOL.md`).
///
/// Guarantees: every message has one binary encoding, starting with the magic
/// bytes "SW" and `protocolVersion`; `decode(encode(m)) == m` for every message;
/// a frame with another magic or version is refused with a clear error.
public enum WireMessage: Sendable, Equatable {
  /// Worker → coordinator: I am here and can hold `credit` tasks at once.
  case ready(worker: String, credit: Int)
  /// Coordinator → worker: the sweep's configuration.
  case welcome(SweepConfiguration)
  /// Coordinator → worker: analyse this chunk. `payload` is LZ4-frame compressed.
  case task(TaskAssignment)
  /// Worker → coordinator: the partial of task `taskID`, LZ4-frame compressed.
  case result(taskID: UInt64, partial: [UInt8])
  /// Either way: still alive.
  case heartbeat
  /// Either way: leaving (worker) or sweep finished (coordinator).
  case disconnect

  public static let protocolVersion: UInt8 = 1
  static let magic: [UInt8] = [0x53, 0x57]

  var kind: UInt8 {
    switch self {
    case .ready: return 1
    case .welcome: return 2
    case .task: return 3
    case .result: return 4
    case .heartbeat: return 5
    case .disconnect: return 6
    }
  }

  public func encoded() -> [UInt8] {
    var w = BinaryWriter()
    for byte in Self.magic { w.write(byte) }
    w.write(Self.protocolVersion)
    w.write(kind)
    switch self {
    case .ready(let worker, let credit):
      w.write(worker)
      w.writeVarint(credit)
    case .welcome(let configuration):
      configuration.encode(into: &w)
    case .task(let task):
      task.encode(into: &w)
    case .result(let taskID, let partial):
      w.writeVarint(taskID)
      w.writeBytes(partial)
    case .heartbeat, .disconnect:
      break
    }
    return w.bytes
  }

  public init(decoding bytes: [UInt8]) throws {
    var r = BinaryReader(bytes)
    guard bytes.count >= 4, try r.readByte() == Self.magic[0], try r.readByte() == Self.magic[1]
    else { throw WireError("not a stillwatch frame") }
    let version = try r.readByte()
    guard version == Self.protocolVersion else {
      throw WireError("protocol version \(version), expected \(Self.protocolVersion)")
    }
    switch try r.readByte() {
    case 1: self = .ready(worker: try r.readString(), credit: try r.readInt())
    case 2: self = .welcome(try SweepConfiguration(from: &r))
    case 3: self = .task(try TaskAssignment(from: &r))
    case 4: self = .result(taskID: try r.readVarint(), partial: try r.readBytes())
    case 5: self = .heartbeat
    case 6: self = .disconnect
    case let other: throw WireError("unknown message kind \(other)")
    }
    guard r.isAtEnd else { throw WireError("trailing bytes after message") }
  }
}

/// A chunk of input leased to a worker.
public struct TaskAssignment: Sendable, Equatable {
  public var taskID: UInt64
  public var fileName: String
  public var fileIndex: Int
  public var offset: Int64
  /// The chunk's lines, LZ4-frame compressed; empty when the worker reads a shared path.
  public var payload: [UInt8]
  /// With a shared input path: bytes the worker reads itself from `fileName`
  /// at `offset` (0 when the lines travel in `payload`).
  public var sharedLength: Int64
  /// The lines wait in the coordinator's `ChunkHandoff` (a worker thread of
  /// the coordinator's own process); `payload` is then empty.
  public var handedOver: Bool

  public init(
    taskID: UInt64, fileName: String, fileIndex: Int, offset: Int64, payload: [UInt8],
    sharedLength: Int64 = 0, handedOver: Bool = false
  ) {
    self.sharedLength = sharedLength
    self.handedOver = handedOver
    self.taskID = taskID
    self.fileName = fileName
    self.fileIndex = fileIndex
    self.offset = offset
    self.payload = payload
  }

  func encode(into w: inout BinaryWriter) {
    w.writeVarint(taskID)
    w.write(fileName)
    w.writeVarint(fileIndex)
    w.writeVarint(offset)
    w.writeBytes(payload)
    w.writeVarint(sharedLength)
    w.writeVarint(UInt64(handedOver ? 1 : 0))
  }

  init(from r: inout BinaryReader) throws {
    self.init(
      taskID: try r.readVarint(), fileName: try r.readString(), fileIndex: try r.readInt(),
      offset: try r.readSignedVarint(), payload: try r.readBytes(),
      sharedLength: try r.readSignedVarint(), handedOver: try r.readVarint() != 0)
  }
}

/// A malformed or incompatible frame.
public struct WireError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
