/// A rough size of a partial in memory, for memory budgets.
extension SweepPartial {
  /// Estimated bytes this partial occupies: per account its profile's maps
  /// (entry storage plus typical key strings) and template table slots, plus
  /// the template examples. An estimate within a small factor, not a
  /// measurement: callers compare it with a budget, never rely on it exactly.
  public var estimatedMemoryBytes: Int64 {
    var total: Int64 = 0
    for (name, profile) in accounts {
      total += 320 + Int64(name.utf8.count) + profile.estimatedMemoryBytes
    }
    for (_, example) in templateExamples { total += 96 + Int64(example.text.utf8.count) }
    return total
  }
}

extension AccountProfile {
  /// Estimated heap bytes of this profile's maps and tables (see
  /// `SweepPartial.estimatedMemoryBytes`).
  public var estimatedMemoryBytes: Int64 {
    let stringMaps = orgs.count + models.count + modelFirstSeen.count
    let hashMaps = activeWindows.count + systemPrompts.count + toolsets.count
    var bytes = Int64(templates.slotCount) * 12
    bytes += Int64(infrastructure.count) * 96 + Int64(stringMaps) * 64 + Int64(hashMaps) * 32
    bytes += Int64(example?.text.utf8.count ?? 0)
    return bytes
  }
}
