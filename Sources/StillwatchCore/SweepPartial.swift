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
    exchanges += 1
    accounts[features.account, default: AccountProfile()].add(
      features, windowMillis: windowMillis)
    if let text = features.example, let first = features.bandKeys.first {
      templateExamples[first] = ExampleText.merged(
        templateExamples[first], ExampleText(hash: features.textHash, text: text))
    }
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
