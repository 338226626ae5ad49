/// Byte helpers for the classifiers.
///
/// Guarantees: ASCII lower-casing only (other bytes pass through unchanged).
enum ByteSearch {
  /// ASCII lower-casing of `text` into `out` (replacing its contents).
  static func lowercasedASCII(_ text: String, into out: inout [UInt8]) {
    var copy = text
    copy.withUTF8 { lowercasedASCII(UnsafeRawBufferPointer($0), into: &out) }
  }

  /// ASCII lower-casing of UTF-8 `bytes` into `out` (replacing its contents).
  static func lowercasedASCII(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
    if out.count != bytes.count {
      out.removeAll(keepingCapacity: true)
      out.append(contentsOf: repeatElement(0, count: bytes.count))
    }
    out.withUnsafeMutableBufferPointer { out in
      for index in 0..<bytes.count {
        let byte = bytes[index]
        out[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
      }
    }
  }
}
