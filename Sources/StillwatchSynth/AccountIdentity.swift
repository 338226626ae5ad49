/// The identity and infrastructure of an account, derived on demand: its id,
/// org, client, payment instrument and network, written as the metadata
/// fields of an exchange.
///
/// Guarantees: every property is a pure function of (seed, population,
/// account index) and, for addresses that rotate, of the time and the
/// exchange's generator — no per-account table exists. Account ids are
/// `acct-` + 10 hex digits of a keyed 40-bit bijection of (population, index),
/// so they are unique and reveal nothing about the population.
struct AccountIdentity {
  let plan: PopulationPlan
  let network: NetworkCatalog
  private let accountCodes: OpaqueIdentifier
  private let orgCodes: OpaqueIdentifier
  private let seed: UInt64
  private let burstBlocks: (NetworkBlock, NetworkBlock)
  private let hydraClients = [0, 2, 5, 8, 6]

  init(plan: PopulationPlan) {
    self.plan = plan
    seed = plan.seed
    network = NetworkCatalog(seed: plan.seed)
    accountCodes = OpaqueIdentifier(seed: plan.seed, domain: 0xACC7)
    orgCodes = OpaqueIdentifier(seed: plan.seed, domain: 0x0126)
    let isp = Int(SplitMix64.hash(plan.seed, 0xB1) % UInt64(NetworkCatalog.residential.count))
    burstBlocks = (
      network.residentialBlock(0xB0_0001, isp: isp), network.residentialBlock(0xB0_0002, isp: isp)
    )
  }

  /// The account id as a String (for labels.csv).
  func accountID(_ kind: ActorKind, _ index: Int) -> String {
    var out = JSONLineBuffer(capacity: 16)
    writeAccountID(kind, index, into: &out)
    return String(decoding: out.bytes, as: UTF8.self)
  }

  func writeAccountID(_ kind: ActorKind, _ index: Int, into out: inout JSONLineBuffer) {
    out.raw("acct-")
    out.hex(
      accountCodes.code(OpaqueIdentifier.globalIndex(population: kind.rawValue, index: index)),
      digits: 10)
  }

  private func key(_ kind: ActorKind, _ index: Int, _ salt: UInt64) -> UInt64 {
    SplitMix64.hash(seed, UInt64(kind.rawValue) << 40 | UInt64(index), salt)
  }

  /// Writes `,"account":…` through `,"payment_fp":…` for one exchange.
  func write(
    _ kind: ActorKind, _ index: Int, offset: Int64, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    out.raw(",\"account\":\"")
    writeAccountID(kind, index, into: &out)
    out.byte(0x22)
    let h = key(kind, index, 0x1D)
    let org = orgIndex(kind, index, h)
    if let org {
      out.raw(",\"org\":\"org-")
      out.hex(
        orgCodes.code(OpaqueIdentifier.globalIndex(population: kind.rawValue, index: org)),
        digits: 10)
      out.byte(0x22)
    }
    writeNetwork(kind, index, h, offset: offset, rng: &rng, into: &out)
    writeClient(kind, index, h, into: &out)
    if let payment = payment(kind, index, h, org: org) {
      ClientCatalog.writeFingerprint("payment_fp", "pay-", payment, into: &out)
    }
  }

  private func orgIndex(_ kind: ActorKind, _ index: Int, _ h: UInt64) -> Int? {
    switch kind {
    case .benign, .popularTemplate: return h % 10 < 3 ? index / 4 : nil
    case .proxyCustomer: return h % 10 < 2 ? index : nil
    case .agentDeveloper, .enterpriseBackend, .universityLab, .benchmarkResearcher: return 0
    case .reasoningBurst: return h % 2 == 0 ? index : nil
    case .agenticMultiorg: return index % plan.agenticOrgs
    case .hydraProxy: return h % 10 < 3 ? index : nil
    }
  }

  private func payment(_ kind: ActorKind, _ index: Int, _ h: UInt64, org: Int?) -> UInt64? {
    switch kind {
    case .reasoningBurst:
      return SplitMix64.hash(seed, 0xB0B0, UInt64(index % plan.burstPayments))
    case .hydraProxy:
      guard (h >> 8) % 10 >= 2 else { return nil }
      return SplitMix64.hash(seed, 0x4D0A, (h >> 16) % UInt64(plan.hydraPayments))
    default:
      if let org { return key(kind, org, 0x0126_9A7) }
      guard (h >> 8) % 20 != 0 else { return nil }
      return key(kind, index, 0x9A7)
    }
  }

  private func writeClient(
    _ kind: ActorKind, _ index: Int, _ h: UInt64, into out: inout JSONLineBuffer
  ) {
    let ua: String
    let fingerprint: UInt64
    switch kind {
    case .agentDeveloper:
      ua = ClientCatalog.harnessClient
      fingerprint = ClientCatalog.customFingerprint(seed: seed, 0x4E57)
    case .enterpriseBackend:
      ua = ClientCatalog.enterpriseClient
      fingerprint = ClientCatalog.customFingerprint(seed: seed, 0xAC3E)
    case .reasoningBurst:
      ua = ClientCatalog.common[0].ua
      fingerprint = ClientCatalog.customFingerprint(seed: seed, 0xB0B5)
    case .agenticMultiorg:
      let build = (h >> 24) % 100 < 85 ? 0 : 1
      ua = ClientCatalog.agenticClients[build]
      fingerprint = ClientCatalog.customFingerprint(seed: seed, 0xA9E0 + UInt64(build))
    case .benchmarkResearcher:
      ua = ClientCatalog.common[5].ua
      fingerprint = ClientCatalog.commonFingerprint(5)
    case .hydraProxy:
      let client = hydraClients[Int((h >> 24) % UInt64(hydraClients.count))]
      ua = ClientCatalog.common[client].ua
      fingerprint = ClientCatalog.customFingerprint(seed: seed, 0x4D00 + UInt64(client))
    default:
      var pick = SplitMix64(seed: h ^ 0xC11E)
      let client = pick.weighted(ClientCatalog.commonWeights)
      ua = ClientCatalog.common[client].ua
      fingerprint = ClientCatalog.commonFingerprint(client)
    }
    out.raw(",\"ua\":")
    out.string(ua)
    ClientCatalog.writeFingerprint("headers_fp", "hfp-", fingerprint, into: &out)
  }

  private func writeNetwork(
    _ kind: ActorKind, _ index: Int, _ h: UInt64, offset: Int64, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    let day = UInt64(offset / Timestamp.millisPerDay)
    switch kind {
    case .agentDeveloper:
      let block = network.cloudBlock(0x4E57, cloud: NetworkCatalog.aws)
      let host = index < AgentDeveloperRoster.humans ? 10 + index : 100 + rng.below(8)
      NetworkCatalog.writeIPv4(block, host: host, into: &out)
    case .enterpriseBackend:
      let block = network.cloudBlock(0xAC3E, cloud: NetworkCatalog.azure)
      NetworkCatalog.writeIPv4(block, host: 17, into: &out)
    case .universityLab:
      NetworkCatalog.writeIPv4(network.campusBlock(), host: 32 + rng.below(16), into: &out)
    case .proxyCustomer, .hydraProxy:
      let pool = Int((h >> 32) % UInt64(NetworkCatalog.proxyPools))
      let (block, host) = network.proxyAddress(
        pool: pool, member: rng.below(NetworkCatalog.proxyPoolSize))
      NetworkCatalog.writeIPv4(block, host: host, into: &out)
    case .reasoningBurst:
      let block = rng.chance(0.5) ? burstBlocks.0 : burstBlocks.1
      NetworkCatalog.writeIPv4(block, host: 2 + rng.below(250), into: &out)
    case .agenticMultiorg:
      let subnet = (h >> 32) % 36
      let cloud = [NetworkCatalog.aws, NetworkCatalog.gcp, NetworkCatalog.hetzner][Int(subnet % 3)]
      let block = network.cloudBlock(0xA9E0_0000 + subnet, cloud: cloud)
      let shift = UInt64(offset / (12 * 3_600_000))
      NetworkCatalog.writeIPv4(block, host: 2 + Int(SplitMix64.hash(h, shift) % 250), into: &out)
    default:
      writeResidential(kind, index, h, day: day, rng: &rng, into: &out)
    }
  }

  /// A home connection: a fixed ISP, a lease that changes every few days,
  /// IPv6 for some households; a few developers call from a cloud VM.
  private func writeResidential(
    _ kind: ActorKind, _ index: Int, _ h: UInt64, day: UInt64, rng: inout SplitMix64,
    into out: inout JSONLineBuffer
  ) {
    let account = UInt64(kind.rawValue) << 40 | UInt64(index)
    if (h >> 40) % 100 < 8 {
      let cloud = Int((h >> 48) % UInt64(NetworkCatalog.cloudNames.count))
      let block = network.cloudBlock(account, cloud: cloud)
      NetworkCatalog.writeIPv4(block, host: 2 + Int((h >> 20) % 250), into: &out)
      return
    }
    let isp = Int((h >> 44) % UInt64(NetworkCatalog.residential.count))
    let lease = SplitMix64.hash(account, day / 3)
    if (h >> 52) % 100 < 15 && rng.chance(0.7) {
      NetworkCatalog.writeIPv6(
        asn: NetworkCatalog.residential[isp].asn, site: SplitMix64.hash(account, 0x6),
        host: lease, into: &out)
      return
    }
    let block = network.residentialBlock(lease, isp: isp)
    NetworkCatalog.writeIPv4(block, host: 2 + Int((lease >> 40) % 250), into: &out)
  }
}
