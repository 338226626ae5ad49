import Foundation
import Logging
import ZeroMQ

/// Serves `SweepMetrics` as Prometheus text over HTTP (`GET /metrics`), on a
/// ZeroMQ STREAM socket (raw TCP) in a thread of its own, so a scrape is
/// answered at once whatever the coordinator is doing (merging, reducing,
/// detecting, writing).
///
/// Guarantees: answers each request on a connection with one HTTP/1.1
/// response and closes it; `/metrics` gives the exposition format, any other
/// path 404; `stop()` ends the thread and frees the port.
public final class MetricsServer: @unchecked Sendable {
  let context: Context
  let metrics: SweepMetrics
  /// The bound endpoint, e.g. `tcp://127.0.0.1:9469` (the real port for `*`).
  public let endpoint: String
  private let done = DispatchSemaphore(value: 0)

  /// Listens on `address` ("HOST:PORT"; port 0 picks a free one).
  public init(address: String, metrics: SweepMetrics, logger: Logger) throws {
    guard let colon = address.lastIndex(of: ":"),
      let port = Int(address[address.index(after: colon)...]),
      (0...65535).contains(port)
    else { throw WireError("metrics address must be HOST:PORT, got \(address)") }
    let host = String(address[..<colon])
    context = try Context()
    self.metrics = metrics
    let socket = try Socket(context: context, type: .stream)
    try socket.setLinger(milliseconds: 0)
    try socket.bind("tcp://\(host):\(port == 0 ? "*" : String(port))")
    endpoint = try socket.lastEndpoint
    logger.info("metrics endpoint", metadata: ["endpoint": "\(endpoint)"])
    let thread = Thread { [metrics, done] in
      Self.serve(socket: socket, metrics: metrics)
      socket.close()
      done.signal()
    }
    thread.start()
  }

  /// The bound port.
  public var port: Int { Int(endpoint.split(separator: ":").last ?? "") ?? 0 }

  /// Stops serving and closes the socket.
  public func stop() {
    context.shutdown()
    done.wait()
  }

  static func serve(socket: Socket, metrics: SweepMetrics) {
    var pending: [[UInt8]: [UInt8]] = [:]
    while true {
      guard let frames = try? socket.receive() else { return }  // ETERM: stopped
      guard frames.count == 2 else { continue }
      let peer = frames[0]
      if frames[1].isEmpty {  // a connection opened or closed
        pending[peer] = nil
        continue
      }
      var request = pending[peer, default: []] + frames[1]
      guard let end = headerEnd(request) else {
        if request.count > 16 << 10 { request = [] }  // refuse endless headers
        pending[peer] = request
        continue
      }
      pending[peer] = nil
      let line = String(decoding: request[..<end], as: UTF8.self).split(separator: "\r\n").first
      let parts = line?.split(separator: " ") ?? []
      let path = parts.count >= 2 ? String(parts[1]) : ""
      let response: String
      if parts.first == "GET", path == "/metrics" || path.hasPrefix("/metrics?") {
        response = http(
          "200 OK", type: "text/plain; version=0.0.4; charset=utf-8", body: metrics.render())
      } else {
        response = http("404 Not Found", type: "text/plain", body: "try GET /metrics\n")
      }
      try? socket.send([peer, Array(response.utf8)])
      try? socket.send([peer, []])  // closes the connection
    }
  }

  static func headerEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for i in 0...(bytes.count - 4)
    where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
      return i
    }
    return nil
  }

  static func http(_ status: String, type: String, body: String) -> String {
    "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n"
      + "Connection: close\r\n\r\n" + body
  }
}
