import StillwatchCore

/// UTC calendar arithmetic and RFC 3339 rendering from epoch milliseconds,
/// done by hand (no Foundation date formatting on the hot path).
///
/// Guarantees: `rfc3339` renders exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` for any
/// non-negative epoch millisecond value; `civil` is the proleptic Gregorian
/// date of a day count since 1970-01-01.
enum Timestamp {
  static let millisPerDay: Int64 = 86_400_000

  /// 2026-02-02T00:00:00Z, where every corpus starts.
  static let corpusStart: Int64 = daysFromCivil(year: 2026, month: 2, day: 2) * millisPerDay

  /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    CivilCalendar.daysFromCivil(year: year, month: month, day: day)
  }

  /// The civil date of a day count since 1970-01-01.
  static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
    let date = CivilCalendar.civil(fromDays: days)
    return (Int(date.year), Int(date.month), Int(date.day))
  }

  /// `YYYY-MM-DD` of the UTC day containing `millis`.
  static func dateString(millis: Int64) -> String {
    var buffer = JSONLineBuffer(capacity: 10)
    writeDate(days: millis / millisPerDay, into: &buffer)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  /// RFC 3339 with milliseconds, as a String (off the hot path).
  static func rfc3339(millis: Int64) -> String {
    var buffer = JSONLineBuffer(capacity: 24)
    writeRFC3339(millis: millis, into: &buffer)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  static func writeDate(days: Int64, into buffer: inout JSONLineBuffer) {
    let date = civil(days: days)
    buffer.padded(date.year, width: 4)
    buffer.byte(0x2D)
    buffer.padded(date.month, width: 2)
    buffer.byte(0x2D)
    buffer.padded(date.day, width: 2)
  }

  /// Appends `YYYY-MM-DDTHH:MM:SS.mmmZ` (unquoted).
  static func writeRFC3339(millis: Int64, into buffer: inout JSONLineBuffer) {
    let days = millis / millisPerDay
    let inDay = Int(millis - days * millisPerDay)
    writeDate(days: days, into: &buffer)
    buffer.byte(0x54)  // T
    buffer.padded(inDay / 3_600_000, width: 2)
    buffer.byte(0x3A)
    buffer.padded(inDay / 60_000 % 60, width: 2)
    buffer.byte(0x3A)
    buffer.padded(inDay / 1000 % 60, width: 2)
    buffer.byte(0x2E)
    buffer.padded(inDay % 1000, width: 3)
    buffer.byte(0x5A)  // Z
  }
}
