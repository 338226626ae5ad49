import StillwatchCore

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

  static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let date = CivilCalendar.civil(fromDays: days)
    return (date.year, date.month, date.day)
  }
}
