/// A growable byte buffer that JSON lines are rendered into by hand.
///
/// Guarantees: `string`/`escaped` produce valid JSON string contents for any
/// valid UTF-8 input: `"` and `\` are backslash-escaped, `\n`, `\r`, `\t` use
/// their short escapes, every other byte below 0x20 (and 0x7F) becomes
/// `\u00XX`, and all other bytes — multi-byte UTF-8 included — pass through
/// unchanged. Runs that need no escaping are copied in bulk.
struct JSONLineBuffer {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
  }

  var count: Int { bytes.count }

  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
  }

  /// 1 for bytes that must be escaped inside a JSON string.
  private static let needsEscape: [UInt8] = (0..<256).map { byte in
    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F ? 1 : 0
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  @inline(__always)
  mutating func byte(_ value: UInt8) {
    bytes.append(value)
  }

  /// Appends literal bytes (already valid JSON in context).
  @inline(__always)
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  @inline(__always)
  mutating func raw(_ literal: [UInt8]) {
    bytes.append(contentsOf: literal)
  }

  /// Appends `text` escaped, without surrounding quotes.
  mutating func escaped(_ text: UnsafeBufferPointer<UInt8>) {
    let table = Self.needsEscape
    var runStart = 0
    var index = 0
    let end = text.count
    while index < end {
      let value = text[index]
      if table[Int(value)] == 0 {
        index += 1
        continue
      }
      if runStart < index {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
      }
      appendEscape(value)
      index += 1
      runStart = index
    }
    if runStart < end {
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<end]))
    }
  }

  mutating func escaped(_ text: [UInt8]) {
    text.withUnsafeBufferPointer { escaped($0) }
  }

  mutating func escaped(_ text: ArraySlice<UInt8>) {
    text.withUnsafeBufferPointer { escaped($0) }
  }

  mutating func escaped(_ text: String) {
    var text = text
    text.withUTF8 { escaped($0) }
  }

  /// Appends `"text"` with escaping.
  mutating func string(_ text: String) {
    bytes.append(0x22)
    escaped(text)
    bytes.append(0x22)
  }

  private mutating func appendEscape(_ value: UInt8) {
    bytes.append(0x5C)
    switch value {
    case 0x22: bytes.append(0x22)
    case 0x5C: bytes.append(0x5C)
    case 0x0A: bytes.append(0x6E)  // n
    case 0x0D: bytes.append(0x72)  // r
    case 0x09: bytes.append(0x74)  // t
    default:
      bytes.append(0x75)  // u
      bytes.append(0x30)
      bytes.append(0x30)
      bytes.append(Self.hexDigits[Int(value >> 4)])
      bytes.append(Self.hexDigits[Int(value & 0xF)])
    }
  }

  /// Appends a decimal integer.
  mutating func int(_ value: Int) {
    if value < 0 {
      bytes.append(0x2D)
      unsigned(UInt64(-(value + 1)) + 1)
    } else {
      unsigned(UInt64(value))
    }
  }

  /// Appends a decimal unsigned integer.
  mutating func unsigned(_ value: UInt64) {
    if value < 10 {
      bytes.append(0x30 + UInt8(value))
      return
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var index = 20
      var rest = value
      repeat {
        index -= 1
        digits[index] = 0x30 + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
    }
  }

  /// Appends `value` zero-padded to `width` decimal digits.
  mutating func padded(_ value: Int, width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      bytes.append(0x30 + UInt8((rest / divisor) % 10))
      rest %= divisor
      divisor /= 10
    }
  }

  /// Appends the low `digits` hex digits of `value`, most significant first.
  mutating func hex(_ value: UInt64, digits: Int) {
    var shift = 4 * (digits - 1)
    while shift >= 0 {
      bytes.append(Self.hexDigits[Int((value >> UInt64(shift)) & 0xF)])
      shift -= 4
    }
  }

  /// Appends `value` in lower-case hex without leading zeros (an IPv6 group).
  mutating func hexGroup(_ value: UInt16) {
    var started = false
    var shift = 12
    while shift >= 0 {
      let digit = Int((value >> UInt16(shift)) & 0xF)
      if digit != 0 || started || shift == 0 {
        bytes.append(Self.hexDigits[digit])
        started = true
      }
      shift -= 4
    }
  }

  /// Runs `body` over the rendered bytes.
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes(body)
  }
}
