/// Substring search over bytes, for the classifiers' phrase lists.
///
/// Guarantees: exact byte matching (the callers lower-case ASCII first); no
/// allocation; O(text × candidates at each first-byte hit).
enum ByteSearch {
  /// ASCII lower-casing of `text` into `out` (replacing its contents).
  static func lowercasedASCII(_ text: String, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    var copy = text
    copy.withUTF8 { bytes in
      for byte in bytes {
        out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
      }
    }
  }

  static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    let last = haystack.count - needle.count
    var index = 0
    while index <= last {
      if haystack[index] == first {
        var matched = 1
        while matched < needle.count && haystack[index + matched] == needle[matched] {
          matched += 1
        }
        if matched == needle.count { return true }
      }
      index += 1
    }
    return false
  }
}
