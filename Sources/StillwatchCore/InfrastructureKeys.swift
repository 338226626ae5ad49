/// Infrastructure keys of an exchange: `ip:`, `ip24:`/`ip48:` prefix, `asn:`,
/// `cloud:`, `ua:`, `hfp:` (headers fingerprint), `pay:` (payment fingerprint).
///
/// Guarantees: keys are sorted and unique; an absent or unparsable field gives
/// no key (a bad IP yields no prefix key, never a crash).
public enum InfrastructureKeys {
  /// The kinds of key, by the prefix each key starts with. Declared in the
  /// order their keys sort (an IP's prefix key, `ip24:`/`ip48:`, sorts just
  /// before its `ip:` key), so keys made kind by kind come out sorted.
  public enum Kind: String, Sendable {
    case asn
    case cloud
    case headersFingerprint = "hfp"
    case ip
    case paymentFingerprint = "pay"
    case userAgent = "ua"
  }

  /// The key of `value` of this kind, e.g. `ua:curl/8.0`.
  public static func key(_ kind: Kind, _ value: String) -> String {
    kind.rawValue + ":" + value
  }

  public static func keys(of exchange: Exchange) -> [String] {
    var keys: [String] = []
    if let ip = exchange.ip, !ip.isEmpty {
      keys.append(key(.ip, ip))
      if let prefix = prefix(of: ip) { keys.append(prefix) }
    }
    if let asn = exchange.asn { keys.append(key(.asn, String(asn))) }
    if let cloud = exchange.cloud, !cloud.isEmpty { keys.append(key(.cloud, cloud)) }
    if let ua = exchange.userAgent, !ua.isEmpty { keys.append(key(.userAgent, ua)) }
    if let fp = exchange.headersFingerprint, !fp.isEmpty {
      keys.append(key(.headersFingerprint, fp))
    }
    if let fp = exchange.paymentFingerprint, !fp.isEmpty {
      keys.append(key(.paymentFingerprint, fp))
    }
    keys.sort()
    return keys
  }

  /// `key(kind, String(decoding: bytes, as: UTF8.self))`, made in one
  /// allocation (none when short enough to be stored inline).
  public static func key(_ kind: Kind, bytes: UnsafeRawBufferPointer) -> String {
    joined(kind.rawValue + ":", bytes, "")
  }

  /// `prefix(of: String(decoding: bytes, as: UTF8.self))`; a plain IPv4 or
  /// IPv6 address's prefix is made from the bytes in one allocation.
  public static func prefix(ofBytes bytes: UnsafeRawBufferPointer) -> String? {
    if let prefix = plainIPv4Prefix(bytes) ?? plainIPv6Prefix(bytes) { return prefix }
    let ip = String(decoding: bytes, as: UTF8.self)
    return ip.contains(":") ? ipv6Prefix(ip) : splitIPv4Prefix(ip)
  }

  /// `head`, `bytes` and `tail` as one string, invalid UTF-8 in `bytes`
  /// repaired as `String(decoding:as:)` repairs it.
  static func joined(_ head: String, _ bytes: UnsafeRawBufferPointer, _ tail: String) -> String {
    var head = head
    var tail = tail
    return head.withUTF8 { head in
      tail.withUTF8 { tail in
        String(unsafeUninitializedCapacity: head.count + bytes.count + tail.count) { buffer in
          let raw = UnsafeMutableRawBufferPointer(buffer)
          raw.copyMemory(from: UnsafeRawBufferPointer(head))
          UnsafeMutableRawBufferPointer(rebasing: raw[head.count...]).copyMemory(from: bytes)
          UnsafeMutableRawBufferPointer(rebasing: raw[(head.count + bytes.count)...]).copyMemory(
            from: UnsafeRawBufferPointer(tail))
          return head.count + bytes.count + tail.count
        }
      }
    }
  }

  /// `ip24:a.b.c.0/24` for IPv4, `ip48:x:y:z::/48` for IPv6, nil if unparsable.
  public static func prefix(of ip: String) -> String? {
    var ip = ip
    return ip.withUTF8 { prefix(ofBytes: UnsafeRawBufferPointer($0)) }
  }

  /// IPv4 by splitting on dots (accepts what `UInt8.init?(_:)` accepts per part).
  static func splitIPv4Prefix(_ ip: String) -> String? {
    let parts = ip.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return nil }
    return "ip24:\(parts[0]).\(parts[1]).\(parts[2]).0/24"
  }

  /// The common case without splitting: four dot-separated runs of ASCII
  /// digits, each at most 255, made into `ip24:a.b.c.0/24` from the bytes.
  /// Nil for anything else (the general paths decide).
  static func plainIPv4Prefix(_ bytes: UnsafeRawBufferPointer) -> String? {
    var dots = 0
    var thirdDot = 0
    var value = 0
    var digits = 0
    for (i, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: ".") {
        guard digits > 0, dots < 3 else { return nil }
        dots += 1
        if dots == 3 { thirdDot = i }
        value = 0
        digits = 0
      } else if byte &- UInt8(ascii: "0") < 10 {
        value = min(value * 10 + Int(byte &- UInt8(ascii: "0")), 256)
        guard value <= 255 else { return nil }
        digits += 1
      } else {
        return nil
      }
    }
    guard dots == 3, digits > 0 else { return nil }
    return joined("ip24:", UnsafeRawBufferPointer(rebasing: bytes[..<thirdDot]), ".0/24")
  }

  /// The common IPv6 case without splitting: hex digits and colons only,
  /// groups separated by single colons, at most one `::`, no lone colon at
  /// either end. Made into `ip48:` with the first three groups of the
  /// expanded address, as `ipv6Prefix` makes it; nil for anything else (and
  /// for what `ipv6Prefix` refuses: eight groups without `::`, at most eight
  /// with it, the first three of at most four digits).
  static func plainIPv6Prefix(_ bytes: UnsafeRawBufferPointer) -> String? {
    let colon = UInt8(ascii: ":")
    guard bytes.count >= 2 else { return nil }
    // Pass 1: the shape, and the groups before (`head`) and after (`tail`) `::`.
    var head = 0
    var tail = 0
    var compressed = false
    var inGroup = false
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if byte == colon {
        if i + 1 < bytes.count && bytes[i + 1] == colon {
          guard !compressed, i + 2 == bytes.count || bytes[i + 2] != colon else { return nil }
          compressed = true
          i += 2
        } else {
          // A single colon ends a group and starts another.
          guard inGroup, i + 1 < bytes.count else { return nil }
          i += 1
        }
        inGroup = false
        continue
      }
      guard hexValue(byte) != nil else { return nil }
      if !inGroup {
        inGroup = true
        if compressed { tail += 1 } else { head += 1 }
      }
      i += 1
    }
    guard compressed ? head + tail <= 8 : head == 8 else { return nil }
    // Pass 2: the first three groups of the expanded address.
    var values: (Int, Int, Int) = (0, 0, 0)
    var group = 0  // index in the expanded address of the group being read
    var digits = 0
    var value = 0
    i = 0
    func finish() -> Bool {
      guard digits > 0 else { return true }
      if group < 3 {
        guard digits <= 4 else { return false }
        switch group {
        case 0: values.0 = value
        case 1: values.1 = value
        default: values.2 = value
        }
      }
      group += 1
      digits = 0
      value = 0
      return true
    }
    while i < bytes.count && group < 3 {
      let byte = bytes[i]
      if byte == colon {
        guard finish() else { return nil }
        if i + 1 < bytes.count && bytes[i + 1] == colon {
          group = 8 - tail  // the groups `::` stands for are zeros
          i += 2
        } else {
          i += 1
        }
        continue
      }
      value = (value << 4 | Int(hexValue(byte)!)) & 0xFFFFF
      digits += 1
      i += 1
    }
    guard finish() else { return nil }
    return String(unsafeUninitializedCapacity: 24) { out in
      var n = 0
      func put(_ byte: UInt8) {
        out[n] = byte
        n += 1
      }
      func putHex(_ v: Int) {
        var shift = 12
        while shift > 0 && (v >> shift) & 0xF == 0 { shift -= 4 }
        while shift >= 0 {
          let digit = UInt8((v >> shift) & 0xF)
          put(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
          shift -= 4
        }
      }
      for c in "ip48:".utf8 { put(c) }
      putHex(values.0)
      put(colon)
      putHex(values.1)
      put(colon)
      putHex(values.2)
      for c in "::/48".utf8 { put(c) }
      return n
    }
  }

  @inline(__always)
  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
    default: nil
    }
  }

  static func ipv6Prefix(_ ip: String) -> String? {
    let halves = ip.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    let head = halves[0].isEmpty ? [] : halves[0].split(separator: ":").map(String.init)
    let tail =
      halves.count == 2 && !halves[1].isEmpty
      ? halves[1].split(separator: ":").map(String.init) : []
    guard head.count + tail.count <= 8 else { return nil }
    var groups = head
    if halves.count == 2 {
      groups += Array(repeating: "0", count: 8 - head.count - tail.count)
    }
    groups += tail
    guard groups.count == 8 else { return nil }
    var normalised: [String] = []
    for group in groups.prefix(3) {
      guard group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
      normalised.append(String(value, radix: 16))
    }
    return "ip48:" + normalised.joined(separator: ":") + "::/48"
  }
}

extension String {
  /// Splits on a separator string (the core avoids Foundation).
  func components(separatedBy separator: String) -> [String] {
    var result: [String] = []
    var rest = Substring(self)
    while let range = rest.firstRange(of: separator) {
      result.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    result.append(String(rest))
    return result
  }
}
