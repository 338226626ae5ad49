import Foundation

/// Decides, for each exchange in time order, which population sends it and
/// which account of that population: a time-dependent mixture.
///
/// - `campaign:reasoning-burst` is silent except in short synchronised bursts
///   (about four per day, 10–20 minutes each), where it takes most of the
///   traffic and its accounts fire round-robin.
/// - `campaign:agentic-multiorg` works two 8-hour shifts a day; each shift one
///   of three cohorts of its accounts is active, picked round-robin by a
///   load balancer, so a cohort's accounts move in lockstep.
/// - The agent-developer org's CI bots run in the first 15 minutes of every hour.
/// - `campaign:hydra-proxy` accounts each live in one or two short sessions:
///   sessions are laid out along the time axis, so the active accounts at time
///   t are those whose session covers t.
/// - Everything else follows a diurnal curve (benchmark scripts run flat).
///
/// Guarantees: memory is constant in the corpus size (two counters and a
/// fixed table); the choice is a pure function of the seed, the time offset,
/// the exchange's generator and the number of earlier choices.
struct TrafficSchedule {
  let plan: PopulationPlan
  let spanMillis: Int64

  // Bursts: one per slot, at a seeded offset inside it.
  private let burstSlots: Int
  private let burstSlotMillis: Int64
  private let burstSeed: UInt64
  private let burstShare: Double
  // Shares of the always-on populations by quarter hour of the UTC day:
  // cumulative and normalised, `restKinds.count` entries per quarter.
  private let restCumulative: [Double]

  private var burstCounter = 0
  private var agenticCounter = 0

  static let agenticShiftShare = ActorKind.agenticMultiorg.share * 24 / 16
  static let ciShare = 0.05 * 4
  static let agenticCohorts = 3
  static let restKinds: [ActorKind] = [
    .benign, .agentDeveloper, .enterpriseBackend, .benchmarkResearcher, .universityLab,
    .proxyCustomer, .popularTemplate, .hydraProxy,
  ]

  init(plan: PopulationPlan, days: Int, seed: UInt64) {
    self.plan = plan
    spanMillis = Int64(days) * Timestamp.millisPerDay
    burstSeed = SplitMix64.hash(seed, 0xB0B5)
    burstSlots = max(2, days * 3 + Int(burstSeed % UInt64(days * 2 + 1)))
    burstSlotMillis = spanMillis / Int64(burstSlots)
    var burstMillis: Int64 = 0
    for slot in 0..<burstSlots {
      burstMillis += Self.burstWindow(slot, burstSeed, burstSlotMillis).length
    }
    burstShare = min(
      0.85, ActorKind.reasoningBurst.share * Double(spanMillis) / Double(max(1, burstMillis)))

    var table: [Double] = []
    for quarter in 0..<96 {
      let hour = Double(quarter) / 4
      var weights: [Double] = []
      for kind in Self.restKinds {
        let (share, amplitude, peak) = Self.diurnal(kind)
        weights.append(share * (1 + amplitude * cos(2 * Double.pi * (hour - peak) / 24)))
      }
      let total = weights.reduce(0, +)
      var running = 0.0
      for weight in weights {
        running += weight / total
        table.append(running)
      }
    }
    restCumulative = table
  }

  /// (share of the always-on traffic, diurnal amplitude, peak hour UTC).
  private static func diurnal(_ kind: ActorKind) -> (Double, Double, Double) {
    switch kind {
    case .benign: return (kind.share, 0.5, 15)
    case .agentDeveloper: return (0.05, 0.9, 16)
    case .enterpriseBackend: return (kind.share, 0.4, 14)
    case .universityLab: return (kind.share, 0.7, 19)
    case .proxyCustomer: return (kind.share, 0.3, 3)
    case .popularTemplate: return (kind.share, 0.5, 17)
    default: return (kind.share, 0, 0)
    }
  }

  private static func burstWindow(_ slot: Int, _ seed: UInt64, _ slotMillis: Int64) -> (
    start: Int64, length: Int64
  ) {
    let h = SplitMix64.hash(seed, UInt64(slot))
    let length = min(slotMillis / 2, (10 + Int64(h % 11)) * 60_000)
    let room = max(1, slotMillis - length)
    let start = Int64(slot) * slotMillis + Int64((h >> 8) % UInt64(room))
    return (start, length)
  }

  func inBurst(_ offset: Int64) -> Bool {
    guard burstSlotMillis > 0 else { return false }
    let slot = Int(offset / burstSlotMillis)
    guard slot < burstSlots else { return false }
    let window = Self.burstWindow(slot, burstSeed, burstSlotMillis)
    return offset >= window.start && offset < window.start + window.length
  }

  /// The agentic shift (0 or 1) covering `offset`, counted from the corpus start, if any.
  static func agenticShift(_ offset: Int64) -> Int? {
    let day = offset / Timestamp.millisPerDay
    let hour = (offset % Timestamp.millisPerDay) / 3_600_000
    if hour >= 1 && hour < 9 { return Int(day) * 2 }
    if hour >= 13 && hour < 21 { return Int(day) * 2 + 1 }
    return nil
  }

  static func inCIWindow(_ offset: Int64) -> Bool {
    offset % 3_600_000 < 15 * 60_000
  }

  /// The population and account index of the exchange at `offset` ms from the start.
  mutating func choose(offset: Int64, rng: inout SplitMix64) -> (kind: ActorKind, index: Int) {
    let burst = min(inBurst(offset) ? burstShare : 0, 0.95)
    let shift = Self.agenticShift(offset)
    var agentic = shift == nil ? 0 : Self.agenticShiftShare
    var ci = Self.inCIWindow(offset) ? Self.ciShare : 0
    if burst + agentic + ci > 0.95 {
      // Bursts keep their share; the other scheduled traffic yields.
      let scale = (0.95 - burst) / (agentic + ci)
      agentic *= scale
      ci *= scale
    }
    let u = rng.unit()
    if u < burst {
      burstCounter += 1
      return (.reasoningBurst, (burstCounter - 1) % plan.count(.reasoningBurst))
    }
    if u < burst + agentic, let shift {
      let cohort = shift % Self.agenticCohorts
      let members =
        (plan.count(.agenticMultiorg) - cohort + Self.agenticCohorts - 1) / Self.agenticCohorts
      agenticCounter += 1
      return (.agenticMultiorg, cohort + Self.agenticCohorts * ((agenticCounter - 1) % members))
    }
    if u < burst + agentic + ci {
      return (.agentDeveloper, AgentDeveloperRoster.humans + rng.below(AgentDeveloperRoster.bots))
    }
    let rest = (u - burst - agentic - ci) / (1 - burst - agentic - ci)
    let quarter = Int(offset % Timestamp.millisPerDay / 900_000)
    let base = quarter * Self.restKinds.count
    var slot = 0
    while slot < Self.restKinds.count - 1 && rest >= restCumulative[base + slot] { slot += 1 }
    let kind = Self.restKinds[slot]
    return (kind, account(of: kind, offset: offset, rng: &rng))
  }

  private func account(of kind: ActorKind, offset: Int64, rng: inout SplitMix64) -> Int {
    let count = plan.count(kind)
    switch kind {
    case .benign:
      // Zipf-like: P(rank) ∝ 1 / (rank + 4).
      let k = 4.0
      let rank = k * pow((Double(count) + k) / k, rng.unit()) - k
      return min(count - 1, Int(rank))
    case .agentDeveloper:
      return rng.below(AgentDeveloperRoster.humans)
    case .benchmarkResearcher:
      return 0
    case .hydraProxy:
      return hydraAccount(offset: offset, count: count, rng: &rng)
    default:
      return rng.below(count)
    }
  }

  /// Sessions are laid out in time in groups of three: the first sessions of
  /// two accounts, then the second session of another one (chosen through an
  /// affine bijection, so it is far from its first session).
  private func hydraAccount(offset: Int64, count: Int, rng: inout SplitMix64) -> Int {
    let groups = (count + 1) / 2
    let sessions = groups * 3
    let position = Double(offset) / Double(spanMillis) * Double(sessions)
    let width = 3.0
    let raw = Int(position + (rng.unit() - 0.5) * width)
    let session = min(max(raw, 0), sessions - 1)
    let group = session / 3
    let member = session % 3
    if member < 2 { return (group * 2 + member) % count }
    return (group &* plan.hydraStride &+ 7) % count
  }
}
