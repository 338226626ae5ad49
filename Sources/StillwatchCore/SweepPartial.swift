/// The partial result of analysing any subset of the input: counts, quarantine
/// records, per-account profiles and template examples.
///
/// Guarantees: a commutative monoid — `SweepPartial.empty(p)` is the identity
/// and `merge` is associative and commutative — so
/// `analyse(all) == merge(analyse(parts))` for any split and any order.
/// Partials made with different `SketchParameters` refuse to merge.
public struct SweepPartial: Sendable, Equatable {
  public var parameters: SketchParameters
  public var windowMillis: Int64
  public var exchanges = 0
  public var quarantine: [QuarantineRecord] = []
  public var accounts: [String: AccountProfile] = [:]
  /// First-band key → smallest-hash sampled example in that bucket.
  public var templateExamples: [UInt64: ExampleText] = [:]

  public init(parameters: SketchParameters, windowMillis: Int64) {
    self.parameters = parameters
    self.windowMillis = windowMillis
  }

  public static func empty(_ parameters: SketchParameters, windowMillis: Int64) -> SweepPartial {
    SweepPartial(parameters: parameters, windowMillis: windowMillis)
  }

  public var quarantined: Int { quarantine.count }

  public mutating func add(_ features: ExchangeFeatures) {
    var none: [AccountProfile] = []
    add(features, reusing: &none)
  }

  /// `add(_:)`, taking a new account's profile from `spares` (see
  /// `recycle(into:)`) while there are any; the partial is the same.
  public mutating func add(_ features: ExchangeFeatures, reusing spares: inout [AccountProfile]) {
    exchanges += 1
    accounts[features.account, default: Self.fresh(from: &spares)].add(
      features, windowMillis: windowMillis)
    if let text = features.example, let first = features.bandKeys.first {
      templateExamples[first] = ExampleText.merged(
        templateExamples[first], ExampleText(hash: features.textHash, text: text))
    }
  }

  /// A new profile: the last of `spares`, reset, or a new one.
  @inline(__always)
  private static func fresh(from spares: inout [AccountProfile]) -> AccountProfile {
    guard var profile = spares.popLast() else { return AccountProfile() }
    profile.reset()
    return profile
  }

  /// Empties this partial for reuse, keeping its maps' storage, and moves its
  /// profiles to `spares` for the next partial's new accounts, so that a
  /// worker's next task makes no maps for them (`ChunkAnalyzer`). A spare is
  /// reset when taken; while a copy of this partial is still alive, that
  /// copies its maps (correct, but no storage saved), so drop every copy
  /// first (its encoding is all a task keeps).
  public mutating func recycle(into spares: inout [AccountProfile]) {
    spares.reserveCapacity(spares.count + accounts.count)
    for profile in accounts.values { spares.append(profile) }
    accounts.removeAll(keepingCapacity: true)
    templateExamples.removeAll(keepingCapacity: true)
    quarantine.removeAll(keepingCapacity: true)
    exchanges = 0
  }

  public mutating func add(_ record: QuarantineRecord) {
    quarantine.append(record)
  }

  /// Folds `other` in; throws if it was made with other parameters.
  public mutating func merge(_ other: SweepPartial) throws {
    guard other.parameters == parameters, other.windowMillis == windowMillis else {
      throw PartialMismatch(
        expected: parameters, found: other.parameters, expectedWindow: windowMillis,
        foundWindow: other.windowMillis)
    }
    exchanges += other.exchanges
    quarantine += other.quarantine
    quarantine.sort()
    for (account, profile) in other.accounts {
      if let index = accounts.index(forKey: account) {
        accounts.values[index].merge(profile)
      } else {
        accounts[account] = profile  // first sight: shares its storage, hashes nothing inside
      }
    }
    for (key, example) in other.templateExamples {
      templateExamples[key] = ExampleText.merged(templateExamples[key], example)
    }
  }
}

/// Thrown when partials made with different sketch parameters meet.
public struct PartialMismatch: Error, CustomStringConvertible {
  public let expected: SketchParameters
  public let found: SketchParameters
  public let expectedWindow: Int64
  public let foundWindow: Int64
  public var description: String {
    "refusing to merge partials made with different sketch parameters or activity windows "
      + "(\(expected), window \(expectedWindow) ms vs \(found), window \(foundWindow) ms)"
  }
}
