/// Why a corpus could not be generated.
///
/// Guarantees: `description` is one line an operator can act on; a missing
/// text source names the Debian packages that provide it.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }

  static func missingText(_ kinds: [String], searched: [String]) -> GeneratorError {
    GeneratorError(
      "no \(kinds.joined(separator: ", ")) found under \(searched.joined(separator: ", ")); "
        + "install the Debian text packages: \(GeneratorSettings.installHint)")
  }
}
