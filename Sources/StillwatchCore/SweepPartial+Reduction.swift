/// Reduces a merged partial to what campaign detection reads, given how many
/// accounts use each shared bucket.
///
/// Candidates (accounts that can join a campaign) keep their shared buckets and
/// the number of unshared ones; every other account keeps only what
/// corpus-wide statistics need (counts, span, infrastructure keys, models).
/// Template examples are kept for shared buckets only.
///
/// Guarantees: `CampaignDetector` gives the same campaigns on the reduced
/// partial (with the same bucket counts) as on the full one, so the reduction
/// can run partition by partition out of core. The reduced state grows with
/// accounts and shared template traffic, not with exchanges.
extension SweepPartial {
  public func reduced(buckets: BucketIndex, settings: DetectionSettings) -> SweepPartial {
    var result = SweepPartial(parameters: parameters, windowMillis: windowMillis)
    result.exchanges = exchanges
    result.quarantine = quarantine
    result.reducedAccounts(from: self, buckets: buckets, settings: settings)
    for (key, example) in templateExamples where buckets.accounts(in: key) >= 2 {
      result.templateExamples[key] = example
    }
    return result
  }

  /// Adds the reduced profiles of `source`'s accounts.
  public mutating func reducedAccounts(
    from source: SweepPartial, buckets: BucketIndex, settings: DetectionSettings
  ) {
    var scratch: [(key: UInt64, count: Int32)] = []
    for (name, profile) in source.accounts {
      accounts[name] = profile.reduced(
        buckets: buckets, bands: parameters.bands, settings: settings, scratch: &scratch)
    }
  }
}

extension AccountProfile {
  /// Whether the account can be placed in a campaign.
  public func isCandidate(buckets: BucketIndex, bands: Int, settings: DetectionSettings) -> Bool {
    isCandidate(sharedWeight: buckets.sharedWeight(of: self), bands: bands, settings: settings)
  }

  /// `isCandidate` given the sum of the account's counts in shared buckets
  /// (`BucketIndex.sharedWeight`), worked out by the caller: the account needs
  /// enough exchanges, and that share of its band slots in shared buckets.
  func isCandidate(sharedWeight: Int, bands: Int, settings: DetectionSettings) -> Bool {
    let share = exchanges > 0 ? Double(sharedWeight) / Double(bands * exchanges) : 0
    return exchanges >= settings.minimumAccountExchanges && share >= settings.templatedShare
  }

  /// The profile as detection needs it (see the extension on `SweepPartial`),
  /// using `shared` as a buffer for the shared buckets that the caller reuses
  /// across profiles. One walk over the buckets looks
  /// each up once: it both decides whether the account is a candidate (as
  /// `isCandidate`) and collects the shared buckets, which a candidate then
  /// keeps in a table made at its final, compact size.
  func reduced(
    buckets: BucketIndex, bands: Int, settings: DetectionSettings,
    scratch shared: inout [(key: UInt64, count: Int32)]
  ) -> AccountProfile {
    shared.removeAll(keepingCapacity: true)
    var sharedWeight = 0
    var unshared = 0
    templates.forEach { key, count in
      if buckets.accounts(in: key) >= 2 {
        shared.append((key, count))
        sharedWeight += Int(count)
      } else {
        unshared += 1
      }
    }
    let candidate = isCandidate(sharedWeight: sharedWeight, bands: bands, settings: settings)
    var copy = self
    if candidate { copy.templates = KeyCountTable(compact: shared) }
    copy.finishReduction(candidate: candidate, unsharedBuckets: unshared)
    return copy
  }

  /// The last step of `reduced`: a candidate, whose `templates` now hold only
  /// its shared buckets, keeps them and counts the `unshared` others; any
  /// other account keeps only what corpus-wide statistics need.
  mutating func finishReduction(candidate: Bool, unsharedBuckets unshared: Int) {
    if candidate {
      templates.compact()
      unsharedBuckets += unshared
    } else {
      templates = [:]
      activeWindows = [:]
      systemPrompts = [:]
      toolsets = [:]
      example = nil
    }
  }
}
