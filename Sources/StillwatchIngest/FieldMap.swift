import Foundation

/// Where each SPEC §1 field lives in an input object, as JSON Pointers
/// (RFC 6901), so that differently shaped log exports can be read as they are.
///
/// Guarantees: the default map reads the SPEC's own field names; a pointer is
/// parsed once, with `~1` and `~0` unescaped.
public struct FieldMap: Sendable, Equatable {
  public enum Field: String, CaseIterable, Sendable {
    case id, ts, account, org, ip, asn, cloud, ua
    case headersFingerprint = "headers_fp"
    case paymentFingerprint = "payment_fp"
    case model, system, messages, prompt, tools, thinking
    case inputTokens = "input_tokens"
    case outputTokens = "output_tokens"
  }

  private var pointers: [Field: [String]]

  public init() {
    pointers = [:]
    for field in Field.allCases { pointers[field] = [field.rawValue] }
  }

  /// Overrides fields: field name (SPEC spelling) → JSON Pointer such as `/meta/client_ip`.
  public init(overrides: [String: String]) throws {
    self.init()
    for (name, pointer) in overrides {
      guard let field = Field(rawValue: name) else {
        throw IngestError("unknown field '\(name)' in the field map")
      }
      pointers[field] = try Self.parsePointer(pointer)
    }
  }

  public func path(_ field: Field) -> [String] { pointers[field]! }

  /// The field's JSON Pointer, escaped per RFC 6901.
  public func pointer(_ field: Field) -> String {
    pointers[field]!.map {
      "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }.joined()
  }

  static func parsePointer(_ pointer: String) throws -> [String] {
    guard pointer.hasPrefix("/") else {
      throw IngestError("JSON Pointer '\(pointer)' must start with '/'")
    }
    return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }
}
