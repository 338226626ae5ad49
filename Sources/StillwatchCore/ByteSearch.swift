/// Byte helpers for the classifiers.
///
/// Guarantees: ASCII lower-casing only (other bytes pass through unchanged).
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
}
