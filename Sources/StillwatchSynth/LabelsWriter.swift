import StillwatchCompression

/// Writes `labels.csv`: header `account,label`, then one row per account that
/// appears in the corpus, sorted by account id.
///
/// Guarantees: rows are sorted byte-wise by account id (ids are fixed-width
/// hex, so this is numeric order of their codes); every label is
/// `ActorKind.label`; the row count equals the number of distinct accounts
/// written.
enum LabelsWriter {
  static func write(seen: SeenAccounts, identity: AccountIdentity, to path: String) throws -> Int {
    var rows: [(id: String, kind: ActorKind)] = []
    for kind in ActorKind.allCases {
      seen.forEach(kind) { rows.append((identity.accountID(kind, $0), kind)) }
    }
    rows.sort { $0.id < $1.id }
    let writer = try CompressedFileWriter(path: path, format: .none)
    var out = JSONLineBuffer(capacity: 1 << 20)
    out.raw("account,label\n")
    for row in rows {
      out.escaped(row.id)
      out.byte(0x2C)
      out.escaped(row.kind.label)
      out.byte(0x0A)
      if out.count >= 1 << 20 {
        try out.withBytes { try writer.write($0) }
        out.removeAll()
      }
    }
    try out.withBytes { try writer.write($0) }
    try writer.close()
    return rows.count
  }
}

/// Which accounts of each population have sent at least one exchange: one
/// bit per account.
///
/// Guarantees: memory is one bit per possible account (populations are sized
/// from N, about N/12 accounts in all), the only structure that grows with
/// the corpus; iteration is by population, then by index — never hash order.
struct SeenAccounts {
  private var bits: [[UInt64]]

  init(plan: PopulationPlan) {
    bits = ActorKind.allCases.map { [UInt64](repeating: 0, count: (plan.count($0) + 63) / 64) }
  }

  mutating func insert(_ kind: ActorKind, _ index: Int) {
    bits[kind.rawValue][index >> 6] |= 1 << UInt64(index & 63)
  }

  func contains(_ kind: ActorKind, _ index: Int) -> Bool {
    bits[kind.rawValue][index >> 6] & (1 << UInt64(index & 63)) != 0
  }

  func count(_ kind: ActorKind) -> Int {
    bits[kind.rawValue].reduce(0) { $0 + $1.nonzeroBitCount }
  }

  /// Calls `body` with every seen index of `kind`, ascending.
  func forEach(_ kind: ActorKind, _ body: (Int) throws -> Void) rethrows {
    for (wordIndex, word) in bits[kind.rawValue].enumerated() where word != 0 {
      var rest = word
      while rest != 0 {
        let bit = rest.trailingZeroBitCount
        try body(wordIndex * 64 + bit)
        rest &= rest - 1
      }
    }
  }
}
