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
    for (name, profile) in source.accounts {
      accounts[name] = profile.reduced(
        buckets: buckets, bands: parameters.bands, settings: settings)
    }
  }
}

extension AccountProfile {
  /// Whether the account can be placed in a campaign.
  public func isCandidate(buckets: BucketIndex, bands: Int, settings: DetectionSettings) -> Bool {
    exchanges >= settings.minimumAccountExchanges
      && buckets.sharedShare(of: self, bands: bands) >= settings.templatedShare
  }

  func reduced(buckets: BucketIndex, bands: Int, settings: DetectionSettings) -> AccountProfile {
    var copy = self
    let candidate = isCandidate(buckets: buckets, bands: bands, settings: settings)
    var unshared = 0
    if candidate {
      var shared = KeyCountTable()
      templates.forEach { key, count in
        if buckets.accounts(in: key) >= 2 { shared.set(key, to: count) } else { unshared += 1 }
      }
      copy.templates = shared
    }
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
