import StillwatchCore

/// Parses SPEC §1 timestamps: RFC 3339 strings or integer epoch milliseconds.
///
/// Guarantees: no Foundation date parsing (fast and locale-free); returns nil
/// for anything that is not a valid time, never traps.
public enum Timestamp {
  /// Epoch milliseconds of an RFC 3339 date-time such as `2026-02-03T04:05:06.789Z`
  /// or `2026-02-03T04:05:06+02:00`.
  public static func parseRFC3339(_ text: String) -> Int64? {
    var copy = text
    return copy.withUTF8 { parseRFC3339(UnsafeRawBufferPointer($0)) }
  }

  /// `parseRFC3339(_:)` of UTF-8 bytes.
  public static func parseRFC3339(_ b: UnsafeRawBufferPointer) -> Int64? {
    guard b.count >= 20 else { return nil }
    func digits(_ start: Int, _ count: Int) -> Int? {
      guard start + count <= b.count else { return nil }
      var value = 0
      for i in start..<(start + count) {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        value = value * 10 + Int(b[i] - 0x30)
      }
      return value
    }
    guard let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
      let day = digits(8, 2), b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20,
      let hour = digits(11, 2), b[13] == 0x3A, let minute = digits(14, 2), b[16] == 0x3A,
      let second = digits(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
    else { return nil }
    var index = 19
    var millis = 0
    if index < b.count && b[index] == 0x2E {
      index += 1
      var scale = 100
      let start = index
      while index < b.count && b[index] >= 0x30 && b[index] <= 0x39 {
        millis += Int(b[index] - 0x30) * scale
        scale /= 10
        index += 1
      }
      guard index > start else { return nil }
    }
    guard index < b.count else { return nil }
    var offsetMinutes = 0
    if b[index] == 0x5A || b[index] == 0x7A {
      index += 1
    } else if b[index] == 0x2B || b[index] == 0x2D {
      guard let oh = digits(index + 1, 2), b.count > index + 3, b[index + 3] == 0x3A,
        let om = digits(index + 4, 2)
      else { return nil }
      offsetMinutes = (oh * 60 + om) * (b[index] == 0x2D ? -1 : 1)
      index += 6
    } else {
      return nil
    }
    guard index == b.count else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds =
      Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
      - Int64(offsetMinutes * 60)
    return seconds * 1000 + Int64(millis)
  }

  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    Int(CivilCalendar.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
  }
}
