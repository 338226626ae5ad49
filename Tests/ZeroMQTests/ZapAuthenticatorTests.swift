import XCTest
import ZeroMQ

final class ZapAuthenticatorTests: XCTestCase {
  func testAllowedClientGetsThroughAndUnknownClientIsRefused() throws {
    let context = try Context()
    let serverKeys = try CurveKeyPair.generate()
    let allowedKeys = try CurveKeyPair.generate()
    let deniedKeys = try CurveKeyPair.generate()

    let decisions = Locked<[(CurveKey, Bool)]>([])
    let authenticator = try ZapAuthenticator(
      context: context, allowedPublicKeys: [allowedKeys.publicKey],
      onDecision: { key, accepted in decisions.withValue { $0.append((key, accepted)) } })
    defer { authenticator.stop() }

    let server = try makeSocket(context, .router)
    try server.makeCurveServer(secretKey: serverKeys.secretKey)
    try server.setZapDomain("stillwatch")
    try server.bind("tcp://127.0.0.1:*")
    let endpoint = try server.lastEndpoint

    let denied = try makeSocket(context, .dealer)
    try denied.makeCurveClient(serverPublicKey: serverKeys.publicKey, keyPair: deniedKeys)
    try denied.connect(endpoint)
    try denied.send([bytes("from denied")])

    let allowed = try makeSocket(context, .dealer)
    try allowed.makeCurveClient(serverPublicKey: serverKeys.publicKey, keyPair: allowedKeys)
    try allowed.connect(endpoint)
    try allowed.send([bytes("from allowed")])

    XCTAssertEqual(Array(try server.receive().dropFirst()), [bytes("from allowed")])
    try server.setReceiveTimeout(milliseconds: 500)
    assertZeroMQError(code: EAGAIN) { _ = try server.receive() }

    XCTAssertTrue(
      eventually {
        decisions.current.contains { $0.0 == deniedKeys.publicKey && !$0.1 }
      }, "refusal of the unknown key was not reported")
    let recorded = decisions.current
    XCTAssertTrue(recorded.contains { $0.0 == allowedKeys.publicKey && $0.1 })
    XCTAssertFalse(recorded.contains { $0.0 == deniedKeys.publicKey && $0.1 })
    XCTAssertFalse(recorded.contains { $0.0 == allowedKeys.publicKey && !$0.1 })
  }

  func testOnlyOneAuthenticatorPerContextAndStopReleasesTheEndpoint() throws {
    let context = try Context()
    let first = try ZapAuthenticator(
      context: context, allowedPublicKeys: [], onDecision: { _, _ in })
    XCTAssertThrowsError(
      try ZapAuthenticator(context: context, allowedPublicKeys: [], onDecision: { _, _ in })
    ) { error in
      XCTAssertEqual((error as? ZeroMQError)?.code, EADDRINUSE)
    }
    first.stop()
    first.stop()
    let second = try ZapAuthenticator(
      context: context, allowedPublicKeys: [], onDecision: { _, _ in })
    second.stop()
  }

  func testContextShutdownEndsTheAuthenticatorThread() throws {
    let context = try Context()
    let authenticator = try ZapAuthenticator(
      context: context, allowedPublicKeys: [], onDecision: { _, _ in })
    context.shutdown()
    authenticator.stop()  // must return: the thread has seen ETERM
  }
}
