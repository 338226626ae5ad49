/// Renders exchange `j` of the corpus as one JSON line.
///
/// Exchange `j` happens at `start + j·span/N` plus a jitter of up to three
/// inter-arrival gaps, clamped to stay inside the same UTC day, so day
/// partitions fill strictly one after another. Its population and account
/// come from `TrafficSchedule`, its metadata from `AccountIdentity`, its body
/// from `ExchangeBody`, all driven by a generator seeded with (seed, j).
///
/// Guarantees: exactly one line (ending in `\n`) per call; `id` is
/// `ex-<seed>-<j>`, hence unique; `ts` is an RFC 3339 string for about 70%
/// of lines and integer epoch milliseconds otherwise; no state grows with j.
struct ExchangeWriter {
  let seed: UInt64
  let exchanges: Int
  let spanMillis: Int64
  private var schedule: TrafficSchedule
  let identity: AccountIdentity
  private var body: ExchangeBody

  init(plan: PopulationPlan, text: TextSource, days: Int) {
    seed = plan.seed
    exchanges = plan.exchanges
    spanMillis = Int64(days) * Timestamp.millisPerDay
    schedule = TrafficSchedule(plan: plan, days: days, seed: plan.seed)
    identity = AccountIdentity(plan: plan)
    body = ExchangeBody(text: text, seed: plan.seed)
  }

  /// Milliseconds from the corpus start to exchange `j` before jitter.
  func baseOffset(_ j: Int) -> Int64 {
    let product = Int64(j).multipliedFullWidth(by: spanMillis)
    return Int64(exchanges).dividingFullWidth(product).quotient
  }

  /// Day index (0-based) of exchange `j`.
  func day(_ j: Int) -> Int {
    Int(baseOffset(j) / Timestamp.millisPerDay)
  }

  /// Appends exchange `j` to `out`; returns who sent it.
  mutating func write(_ j: Int, into out: inout JSONLineBuffer) -> (kind: ActorKind, index: Int) {
    var rng = SplitMix64.seeded(seed, 0xE7C4, UInt64(j))
    let base = baseOffset(j)
    let gap = max(1, spanMillis / Int64(max(1, exchanges)))
    let dayEnd = (base / Timestamp.millisPerDay + 1) * Timestamp.millisPerDay
    let offset = min(base + Int64(rng.below(Int(min(gap * 3, 3_600_000)))), dayEnd - 1)
    let (kind, index) = schedule.choose(offset: offset, rng: &rng)

    out.raw("{\"id\":\"ex-")
    out.unsigned(seed)
    out.byte(0x2D)
    out.int(j)
    out.raw("\",\"ts\":")
    let millis = Timestamp.corpusStart + offset
    if rng.chance(0.7) {
      out.byte(0x22)
      Timestamp.writeRFC3339(millis: millis, into: &out)
      out.byte(0x22)
    } else {
      out.int(Int(millis))
    }
    identity.write(kind, index, offset: offset, rng: &rng, into: &out)
    body.write(kind, index, offset: offset, rng: &rng, into: &out)
    out.raw("}\n")
    return (kind, index)
  }
}
