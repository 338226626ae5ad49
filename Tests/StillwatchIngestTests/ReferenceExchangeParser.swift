import Foundation
import StillwatchCore

@testable import StillwatchIngest

/// The first parser, on Foundation's JSONSerialization: kept as the reference
/// that the simdjson parser must agree with, line for line.
///
/// Guarantees: never traps on any input; a line is either an `Exchange` with
/// non-empty id and account and a valid time, or a one-line rejection reason.
/// Optional fields of the wrong type are dropped, not fatal (SPEC §1: only
/// invalid JSON, a non-object, or a missing id/ts/account quarantine a line).
struct ReferenceExchangeParser {
  let fieldMap: FieldMap

  init(fieldMap: FieldMap = FieldMap()) {
    self.fieldMap = fieldMap
  }

  typealias Outcome = ExchangeParser.Outcome

  func parse(_ line: UnsafeRawBufferPointer) -> Outcome {
    let data = Data(line)
    let decoded: Any
    do {
      decoded = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      return .rejected("invalid JSON")
    }
    guard let object = decoded as? [String: Any] else {
      return .rejected("not a JSON object")
    }
    return parse(object: object)
  }

  func parse(object: [String: Any]) -> Outcome {
    guard let idValue = fieldMap.value(.id, in: object) else {
      return .rejected("missing required field id")
    }
    guard let id = idValue as? String, !id.isEmpty else {
      return .rejected("field id must be a non-empty string")
    }
    guard let accountValue = fieldMap.value(.account, in: object) else {
      return .rejected("missing required field account")
    }
    guard let account = accountValue as? String, !account.isEmpty else {
      return .rejected("field account must be a non-empty string")
    }
    guard let tsValue = fieldMap.value(.ts, in: object) else {
      return .rejected("missing required field ts")
    }
    guard let ts = Self.timestamp(tsValue) else {
      return .rejected("field ts must be an RFC 3339 string or integer epoch milliseconds")
    }
    var exchange = Exchange(id: id, timestampMillis: ts, account: account)
    exchange.org = string(.org, object)
    exchange.ip = string(.ip, object)
    exchange.asn = integer(fieldMap.value(.asn, in: object))
    exchange.cloud = string(.cloud, object)
    exchange.userAgent = string(.ua, object)
    exchange.headersFingerprint = string(.headersFingerprint, object)
    exchange.paymentFingerprint = string(.paymentFingerprint, object)
    exchange.model = string(.model, object)
    exchange.system = fieldMap.value(.system, in: object).flatMap(ContentText.text(of:))
    exchange.messages = Self.messages(fieldMap.value(.messages, in: object))
    if exchange.messages.isEmpty, let prompt = string(.prompt, object) {
      exchange.messages = [Message(role: "user", text: prompt)]
    }
    exchange.tools = Self.toolNames(fieldMap.value(.tools, in: object))
    exchange.thinkingBudget = Self.thinking(fieldMap.value(.thinking, in: object))
    exchange.inputTokens = integer(fieldMap.value(.inputTokens, in: object)).map { Int($0) }
    exchange.outputTokens = integer(fieldMap.value(.outputTokens, in: object)).map { Int($0) }
    return .exchange(exchange)
  }

  private func string(_ field: FieldMap.Field, _ object: [String: Any]) -> String? {
    fieldMap.value(field, in: object) as? String
  }

  private func integer(_ value: Any?) -> Int64? {
    guard let number = value as? NSNumber, !Self.isBool(number) else { return nil }
    let double = number.doubleValue
    guard double.rounded() == double, abs(double) < 9.0e15 else { return nil }
    return number.int64Value
  }

  static func isBool(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
  }

  static func timestamp(_ value: Any) -> Int64? {
    if let text = value as? String { return Timestamp.parseRFC3339(text) }
    if let number = value as? NSNumber, !isBool(number) {
      let double = number.doubleValue
      guard double.rounded() == double, abs(double) < 9.0e15 else { return nil }
      return number.int64Value
    }
    return nil
  }

  static func messages(_ value: Any?) -> [Message] {
    guard let array = value as? [Any] else { return [] }
    return array.compactMap { item in
      guard let message = item as? [String: Any] else { return nil }
      let role = message["role"] as? String ?? "user"
      let (text, uses, results) = ContentText.blocks(of: message["content"])
      return Message(role: role, text: text, toolUses: uses, toolResults: results)
    }
  }

  static func toolNames(_ value: Any?) -> [String] {
    guard let array = value as? [Any] else { return [] }
    return array.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["name"] as? String) }
  }

  static func thinking(_ value: Any?) -> Int? {
    if let number = value as? NSNumber {
      return number.boolValue ? 0 : nil
    }
    guard let object = value as? [String: Any] else { return nil }
    if let type = object["type"] as? String, type != "enabled" { return nil }
    return (object["budget_tokens"] as? NSNumber)?.intValue ?? 0
  }
}

extension FieldMap {
  /// Resolves a path in a decoded JSON object.
  func value(_ field: Field, in object: [String: Any]) -> Any? {
    var current: Any = object
    for token in path(field) {
      if let dictionary = current as? [String: Any], let next = dictionary[token] {
        current = next
      } else if let array = current as? [Any], let index = Int(token), array.indices.contains(index)
      {
        current = array[index]
      } else {
        return nil
      }
    }
    return current is NSNull ? nil : current
  }
}
