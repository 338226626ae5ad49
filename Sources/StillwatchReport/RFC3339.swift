/// Formats epoch milliseconds as RFC 3339 UTC (`2026-02-03T04:05:06.789Z`).
///
/// Guarantees: no Foundation formatter, so output is locale- and
/// platform-independent.
public enum RFC3339 {
  public static func format(millis: Int64) -> String {
    let days = floorDiv(millis, 86_400_000)
    let dayMillis = millis - days * 86_400_000
    let (y, m, d) = civil(fromDays: days)
    let seconds = dayMillis / 1000
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(seconds / 3600, 2)):"
      + "\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(dayMillis % 1000, 3))Z"
  }

  /// The date part only, `2026-02-03`.
  public static func day(millis: Int64) -> String {
    String(format(millis: millis).prefix(10))
  }

  static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// Howard Hinnant's civil_from_days.
  static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
