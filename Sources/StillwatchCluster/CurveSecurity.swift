import Foundation
import Logging
import ZeroMQ

/// CurveZMQ settings of the two roles, and the key files `stillwatch keys` writes.
///
/// Guarantees: with a `ServerSecurity`, the coordinator's socket encrypts every
/// frame and a ZAP handler admits only workers whose public key is allowed
/// (refusals are logged with the key, never with payloads); with a
/// `ClientSecurity`, a worker talks only to the coordinator holding the
/// expected secret key.
public enum CurveSecurity {
  public struct Server: Sendable {
    public var keyPair: CurveKeyPair
    public var allowedWorkers: Set<CurveKey>
    public init(keyPair: CurveKeyPair, allowedWorkers: Set<CurveKey>) {
      self.keyPair = keyPair
      self.allowedWorkers = allowedWorkers
    }
  }

  public struct Client: Sendable {
    public var keyPair: CurveKeyPair
    public var serverKey: CurveKey
    public init(keyPair: CurveKeyPair, serverKey: CurveKey) {
      self.keyPair = keyPair
      self.serverKey = serverKey
    }
  }

  /// Writes `coordinator.key`/`.pub` and `worker-N.key`/`.pub` for `workers`
  /// workers, plus `authorized_workers` (one public key a line).
  public static func writeKeys(to directory: String, workers: Int) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var written: [String] = []
    func save(_ pair: CurveKeyPair, _ name: String) throws {
      let secret = directory + "/\(name).key"
      try Data((pair.secretKey.z85 + "\n").utf8).write(to: URL(fileURLWithPath: secret))
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
      try Data((pair.publicKey.z85 + "\n").utf8).write(
        to: URL(fileURLWithPath: directory + "/\(name).pub"))
      written += [secret, directory + "/\(name).pub"]
    }
    try save(try CurveKeyPair.generate(), "coordinator")
    var allowed: [String] = []
    for index in 1...max(1, workers) {
      let pair = try CurveKeyPair.generate()
      try save(pair, "worker-\(index)")
      allowed.append(pair.publicKey.z85)
    }
    let list = directory + "/authorized_workers"
    try Data((allowed.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: list))
    written.append(list)
    return written
  }

  /// Reads one Z85 key (the first non-empty, non-comment line) from a file.
  public static func readKey(_ path: String) throws -> CurveKey {
    let keys = try readKeys(path)
    guard let key = keys.first else { throw WireError("no key in \(path)") }
    return key
  }

  /// Reads Z85 keys, one a line; a line starting with `#` is a comment (not a
  /// trailing `#`: it is a Z85 character).
  public static func readKeys(_ path: String) throws -> [CurveKey] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw WireError("cannot read key file \(path)")
    }
    return try text.split(whereSeparator: \.isNewline).compactMap { raw in
      let line = raw.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
      guard let key = CurveKey(z85: line) else { throw WireError("bad Z85 key in \(path)") }
      return key
    }
  }

  /// Loads a key pair from its secret key file.
  public static func readKeyPair(secretKeyFile: String) throws -> CurveKeyPair {
    try CurveKeyPair(secretKey: try readKey(secretKeyFile))
  }

  /// Starts the ZAP handler; keep it alive as long as the socket.
  static func startAuthenticator(
    context: Context, server: Server, logger: Logger
  ) throws -> ZapAuthenticator {
    try ZapAuthenticator(context: context, allowedPublicKeys: server.allowedWorkers) {
      key, accepted in
      if accepted {
        logger.info("worker admitted", metadata: ["key": "\(key.z85)"])
      } else {
        logger.warning("unknown worker refused", metadata: ["key": "\(key.z85)"])
      }
    }
  }
}
