/// The six campaign signals of SPEC §3.
///
/// Guarantees: every value is in [0, 1].
public struct Signals: Sendable, Equatable {
  public var volumeConcentration: Double
  public var repetition: Double
  public var coordination: Double
  public var elicitation: Double
  public var infrastructure: Double
  public var toolOrchestration: Double

  public init(
    volumeConcentration: Double, repetition: Double, coordination: Double,
    elicitation: Double, infrastructure: Double, toolOrchestration: Double
  ) {
    self.volumeConcentration = clampUnit(volumeConcentration)
    self.repetition = clampUnit(repetition)
    self.coordination = clampUnit(coordination)
    self.elicitation = clampUnit(elicitation)
    self.infrastructure = clampUnit(infrastructure)
    self.toolOrchestration = clampUnit(toolOrchestration)
  }

  /// Content evidence: narrow, repeated request patterns.
  public var content: Double { (volumeConcentration + repetition) / 2 }
  /// Behaviour evidence: what the traffic is after.
  public var behaviour: Double { max(elicitation, toolOrchestration) }
  /// Network evidence: accounts acting as one.
  public var network: Double { max(coordination, infrastructure) }

  public func score(_ settings: DetectionSettings) -> Double {
    clampUnit(
      settings.contentWeight * content + settings.behaviourWeight * behaviour
        + settings.networkWeight * network)
  }
}

@inline(__always)
func clampUnit(_ x: Double) -> Double {
  x.isNaN ? 0 : min(1, max(0, x))
}
