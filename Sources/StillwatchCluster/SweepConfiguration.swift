import StillwatchCore

/// Everything a worker must share with its coordinator to produce partials that
/// merge: sketch parameters, activity window, field map and example sampling.
///
/// Guarantees: sent by the coordinator in `welcome`, so every worker of a sweep
/// analyses with the same configuration, wherever it runs.
public struct SweepConfiguration: Sendable, Equatable {
  public var parameters: SketchParameters
  public var windowMillis: Int64
  public var fieldMap: [String: String]
  public var exampleSampling: UInt64
  public var elicitation: ElicitationWeights
  /// With P > 0, workers split their results into P spill pieces (`TaskResult`).
  public var spillPartitions: Int

  public init(
    parameters: SketchParameters = .standard, windowMillis: Int64 = 600_000,
    fieldMap: [String: String] = [:], exampleSampling: UInt64 = 16,
    elicitation: ElicitationWeights = .standard, spillPartitions: Int = 0
  ) {
    self.elicitation = elicitation
    self.spillPartitions = spillPartitions
    self.parameters = parameters
    self.windowMillis = windowMillis
    self.fieldMap = fieldMap
    self.exampleSampling = exampleSampling
  }

  func encode(into w: inout BinaryWriter) {
    // An empty partial carries the parameters and window in their one layout.
    w.writeBytes(SweepPartial(parameters: parameters, windowMillis: windowMillis).encoded())
    w.writeCount(fieldMap.count)
    for key in fieldMap.keys.sorted() {
      w.write(key)
      w.write(fieldMap[key]!)
    }
    w.writeVarint(exampleSampling)
    w.writeCount(elicitation.phrases.count)
    for phrase in elicitation.phrases {
      w.write(phrase.text)
      w.write(phrase.weight)
    }
    w.write(elicitation.thinkingWeight)
    w.write(elicitation.largeThinkingWeight)
    w.writeVarint(elicitation.largeThinkingBudget)
    w.write(elicitation.bias)
    w.writeVarint(UInt64(spillPartitions))
  }

  init(from r: inout BinaryReader) throws {
    let empty = try SweepPartial(decoding: try r.readBytes())
    var map: [String: String] = [:]
    for _ in 0..<(try r.readCount()) {
      let key = try r.readString()
      map[key] = try r.readString()
    }
    let sampling = try r.readVarint()
    var phrases: [ElicitationWeights.Phrase] = []
    for _ in 0..<(try r.readCount()) {
      phrases.append(ElicitationWeights.Phrase(try r.readString(), try r.readDouble()))
    }
    let weights = ElicitationWeights(
      phrases: phrases, thinkingWeight: try r.readDouble(),
      largeThinkingWeight: try r.readDouble(), largeThinkingBudget: try r.readInt(),
      bias: try r.readDouble())
    let partitions = try r.readVarint()
    guard partitions <= 4096 else { throw WireError("too many spill partitions") }
    self.init(
      parameters: empty.parameters, windowMillis: empty.windowMillis, fieldMap: map,
      exampleSampling: sampling, elicitation: weights, spillPartitions: Int(partitions))
  }
}
