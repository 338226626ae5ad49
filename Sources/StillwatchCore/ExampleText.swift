/// A representative prompt, chosen as the one with the smallest text hash.
///
/// Guarantees: `merge` is commutative, associative and idempotent, so the
/// example chosen does not depend on which worker saw which exchange.
public struct ExampleText: Sendable, Equatable {
  public var hash: UInt64
  public var text: String

  public init(hash: UInt64, text: String) {
    self.hash = hash
    self.text = text
  }

  public static func merged(_ a: ExampleText?, _ b: ExampleText?) -> ExampleText? {
    guard let a else { return b }
    guard let b else { return a }
    if a.hash != b.hash { return a.hash < b.hash ? a : b }
    return a.text <= b.text ? a : b
  }
}
