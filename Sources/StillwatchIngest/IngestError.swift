/// A failure that stops the sweep (unreadable input, bad configuration), with a
/// one-line reason fit for stderr. Bad *lines* are never errors: they are
/// quarantined.
public struct IngestError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
