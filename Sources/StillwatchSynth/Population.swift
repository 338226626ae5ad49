/// The sizes and shared constants of every population of one corpus.
///
/// Guarantees: a pure function of (exchanges, seed); holds one integer per
/// population and a few shared constants, never per-account state. Account
/// `index` of population `kind` exists for `0..<count(kind)`.
struct PopulationPlan {
  let exchanges: Int
  let seed: UInt64
  private let counts: [Int]
  /// Orgs of the agentic campaign (4–6).
  let agenticOrgs: Int
  /// Payment fingerprints shared by the reasoning-burst accounts (1–2).
  let burstPayments: Int
  /// A multiplier coprime to the hydra account count (for its second sessions).
  let hydraStride: Int
  /// Virtual cards shared by hydra accounts.
  let hydraPayments: Int

  init(exchanges: Int, seed: UInt64) {
    self.exchanges = exchanges
    self.seed = seed
    counts = ActorKind.allCases.map { $0.accountCount(exchanges: exchanges) }
    let h = SplitMix64.hash(seed, 0x9A7)
    agenticOrgs = 4 + Int(h % 3)
    burstPayments = 1 + Int((h >> 8) % 2)
    let hydra = counts[ActorKind.hydraProxy.rawValue]
    var stride = max(1, Int(Double(hydra) * 0.618))
    while gcd(stride, hydra) != 1 { stride += 1 }
    hydraStride = stride
    hydraPayments = max(5, hydra / 10)
  }

  @inline(__always)
  func count(_ kind: ActorKind) -> Int {
    counts[kind.rawValue]
  }

  /// All accounts of all populations.
  var totalAccounts: Int { counts.reduce(0, +) }
}

private func gcd(_ a: Int, _ b: Int) -> Int {
  var (x, y) = (a, b)
  while y != 0 { (x, y) = (y, x % y) }
  return x
}
