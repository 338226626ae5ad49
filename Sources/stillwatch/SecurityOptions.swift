import ArgumentParser
import StillwatchCluster

/// CurveZMQ options shared by `coordinator` and `worker`. Security is on by
/// default over TCP; `--insecure` turns it off for a throwaway local test.
struct SecurityOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "Key directory from `stillwatch keys` (coordinator: coordinator.key + authorized_workers).")
  var keys: String?

  @Option(name: .long, help: "Worker: this worker's secret key file (worker-N.key).")
  var key: String?

  @Option(name: .long, help: "Worker: the coordinator's public key file (coordinator.pub).")
  var serverKey: String?

  @Flag(name: .long, help: "No encryption or authentication (throwaway tests only).")
  var insecure = false

  func validate(endpoint: String, role: String) throws {
    guard !insecure else { return }
    guard endpoint.hasPrefix("tcp://") else { return }
    if role == "coordinator", keys == nil {
      throw ValidationError("over TCP give --keys DIR (see `stillwatch keys`) or --insecure")
    }
    if role == "worker", key == nil || (serverKey == nil && keys == nil) {
      throw ValidationError(
        "over TCP give --key worker-N.key and --server-key coordinator.pub, or --insecure")
    }
  }

  func server() throws -> CurveSecurity.Server? {
    guard !insecure, let keys else { return nil }
    return CurveSecurity.Server(
      keyPair: try CurveSecurity.readKeyPair(secretKeyFile: keys + "/coordinator.key"),
      allowedWorkers: Set(try CurveSecurity.readKeys(keys + "/authorized_workers")))
  }

  func client() throws -> CurveSecurity.Client? {
    guard !insecure, let key else { return nil }
    let serverKeyFile = serverKey ?? (keys.map { $0 + "/coordinator.pub" } ?? "")
    return CurveSecurity.Client(
      keyPair: try CurveSecurity.readKeyPair(secretKeyFile: key),
      serverKey: try CurveSecurity.readKey(serverKeyFile))
  }
}
