/// An IPv4 /24 or single address with its autonomous system and cloud tag.
struct NetworkBlock {
  /// The first three octets, packed as `a << 16 | b << 8 | c`.
  let prefix24: UInt32
  let asn: Int
  /// Index into `NetworkCatalog.cloudNames`, or nil for residential space.
  let cloud: Int?
}

/// The address space of a corpus: residential ISPs, cloud providers, proxy
/// pools, and the /24s every population draws from.
///
/// Guarantees: every address is derived from hashes of the seed and of stable
/// keys, so nothing is stored per account; an ASN is always consistent with
/// its prefix; cloud blocks carry a provider tag, residential ones do not.
struct NetworkCatalog {
  struct Provider {
    let asn: Int
    let prefixes16: [UInt32]  // a << 8 | b
  }

  static let residential: [Provider] = [
    Provider(asn: 7922, prefixes16: [73 << 8 | 12, 73 << 8 | 140, 98 << 8 | 207, 24 << 8 | 60]),
    Provider(asn: 7018, prefixes16: [99 << 8 | 41, 107 << 8 | 77, 76 << 8 | 212]),
    Provider(asn: 701, prefixes16: [71 << 8 | 171, 96 << 8 | 255, 108 << 8 | 2]),
    Provider(asn: 20115, prefixes16: [66 << 8 | 91, 97 << 8 | 93, 174 << 8 | 86]),
    Provider(asn: 3320, prefixes16: [79 << 8 | 205, 87 << 8 | 150, 91 << 8 | 54]),
    Provider(asn: 3215, prefixes16: [90 << 8 | 24, 86 << 8 | 246, 92 << 8 | 146]),
    Provider(asn: 2856, prefixes16: [81 << 8 | 151, 86 << 8 | 128, 109 << 8 | 147]),
    Provider(asn: 3352, prefixes16: [83 << 8 | 44, 88 << 8 | 9, 95 << 8 | 123]),
    Provider(asn: 4713, prefixes16: [60 << 8 | 33, 114 << 8 | 160, 153 << 8 | 203]),
    Provider(asn: 577, prefixes16: [70 << 8 | 48, 142 << 8 | 114, 184 << 8 | 144]),
    Provider(asn: 1221, prefixes16: [101 << 8 | 160, 110 << 8 | 142, 120 << 8 | 148]),
    Provider(asn: 6830, prefixes16: [62 << 8 | 178, 84 << 8 | 112, 213 << 8 | 47]),
    Provider(asn: 9121, prefixes16: [78 << 8 | 172, 85 << 8 | 105, 88 << 8 | 230]),
    Provider(asn: 4134, prefixes16: [113 << 8 | 87, 116 << 8 | 24, 183 << 8 | 14]),
  ]

  static let cloudNames = ["aws", "gcp", "azure", "hetzner", "ovh"]
  static let clouds: [Provider] = [
    Provider(asn: 16509, prefixes16: [3 << 8 | 80, 18 << 8 | 144, 52 << 8 | 14, 54 << 8 | 203]),
    Provider(asn: 15169, prefixes16: [34 << 8 | 68, 34 << 8 | 122, 35 << 8 | 186, 35 << 8 | 202]),
    Provider(asn: 8075, prefixes16: [20 << 8 | 42, 20 << 8 | 81, 40 << 8 | 112]),
    Provider(asn: 24940, prefixes16: [5 << 8 | 9, 88 << 8 | 198, 95 << 8 | 216, 135 << 8 | 181]),
    Provider(asn: 16276, prefixes16: [51 << 8 | 38, 51 << 8 | 77, 145 << 8 | 239]),
  ]
  static let aws = 0
  static let gcp = 1
  static let azure = 2
  static let hetzner = 3
  static let ovh = 4

  /// The campus network of the university lab.
  static let campus = Provider(asn: 2152, prefixes16: [130 << 8 | 86, 137 << 8 | 145])
  static let proxyPools = 3
  static let proxyPoolSize = 40

  let seed: UInt64

  /// A residential /24 chosen by `key` from ISP `isp` (or by `key` alone).
  func residentialBlock(_ key: UInt64, isp: Int? = nil) -> NetworkBlock {
    let h = SplitMix64.hash(seed, 0x4E5, key)
    let provider = Self.residential[isp ?? Int(h % UInt64(Self.residential.count))]
    return block(provider, h >> 8, cloud: nil)
  }

  /// A /24 of cloud provider `cloud` chosen by `key`.
  func cloudBlock(_ key: UInt64, cloud: Int) -> NetworkBlock {
    let h = SplitMix64.hash(seed, 0xC10D, key)
    return block(Self.clouds[cloud], h, cloud: cloud)
  }

  func campusBlock() -> NetworkBlock {
    block(Self.campus, SplitMix64.hash(seed, 0xCA4), cloud: nil)
  }

  private func block(_ provider: Provider, _ h: UInt64, cloud: Int?) -> NetworkBlock {
    let prefix16 = provider.prefixes16[Int(h % UInt64(provider.prefixes16.count))]
    let third = UInt32((h >> 16) & 0xFF)
    return NetworkBlock(prefix24: prefix16 << 8 | third, asn: provider.asn, cloud: cloud)
  }

  /// Address `member` of proxy pool `pool`: 40 residential addresses spread
  /// over eight /24s in three ISPs.
  func proxyAddress(pool: Int, member: Int) -> (NetworkBlock, host: Int) {
    let isps = [
      (pool * 5 + 1) % Self.residential.count, (pool * 5 + 3) % Self.residential.count,
      (pool * 5 + 4) % Self.residential.count,
    ]
    let blockIndex = member % 8
    let block = residentialBlock(
      0x5EED_0000 + UInt64(pool * 16 + blockIndex), isp: isps[blockIndex % 3])
    let host = 2 + Int(SplitMix64.hash(seed, 0x9001, UInt64(pool * 64 + member)) % 250)
    return (block, host)
  }

  /// Appends `"ip":"a.b.c.d","asn":N` and `"cloud":"…"` when tagged.
  static func writeIPv4(_ block: NetworkBlock, host: Int, into out: inout JSONLineBuffer) {
    out.raw(",\"ip\":\"")
    out.unsigned(UInt64(block.prefix24 >> 16))
    out.byte(0x2E)
    out.unsigned(UInt64((block.prefix24 >> 8) & 0xFF))
    out.byte(0x2E)
    out.unsigned(UInt64(block.prefix24 & 0xFF))
    out.byte(0x2E)
    out.unsigned(UInt64(host & 0xFF))
    out.raw("\",\"asn\":")
    out.int(block.asn)
    if let cloud = block.cloud {
      out.raw(",\"cloud\":")
      out.string(cloudNames[cloud])
    }
  }

  /// Appends an IPv6 address in the ISP's /32, subnet from `site`, host from `host`.
  static func writeIPv6(asn: Int, site: UInt64, host: UInt64, into out: inout JSONLineBuffer) {
    let head: UInt16 = asn == 7922 ? 0x2601 : asn == 3320 ? 0x2003 : 0x2a02
    out.raw(",\"ip\":\"")
    out.hexGroup(head)
    out.byte(0x3A)
    out.hexGroup(UInt16(truncatingIfNeeded: site >> 48))
    out.byte(0x3A)
    out.hexGroup(UInt16(truncatingIfNeeded: site >> 32))
    out.byte(0x3A)
    out.hexGroup(UInt16(truncatingIfNeeded: site >> 16))
    for shift in stride(from: 48, through: 0, by: -16) {
      out.byte(0x3A)
      out.hexGroup(UInt16(truncatingIfNeeded: host >> UInt64(shift)))
    }
    out.raw("\",\"asn\":")
    out.int(asn)
  }
}
