import XCTest
import ZeroMQ

final class CurveTests: XCTestCase {
  func testGeneratedKeyPairIsZ85AndPublicKeyDerivesFromSecret() throws {
    let pair = try CurveKeyPair.generate()
    XCTAssertEqual(pair.publicKey.z85.count, 40)
    XCTAssertEqual(pair.secretKey.z85.count, 40)
    XCTAssertEqual(pair.publicKey.bytes.count, 32)
    XCTAssertEqual(pair.secretKey.bytes.count, 32)
    XCTAssertNotEqual(pair.publicKey, pair.secretKey)
    XCTAssertEqual(try CurveKeyPair.publicKey(for: pair.secretKey), pair.publicKey)
    XCTAssertEqual(try CurveKeyPair(secretKey: pair.secretKey).publicKey, pair.publicKey)
    XCTAssertNotEqual(try CurveKeyPair.generate().publicKey, pair.publicKey)
    XCTAssertFalse(pair.description.contains(pair.secretKey.z85))
    XCTAssertTrue(pair.description.contains(pair.publicKey.z85))
  }

  func testCurveKeyParsesAndRoundTripsOnlyValidKeys() throws {
    // The test vector from the CurveZMQ / zmq_curve documentation.
    let z85 = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
    let key = try XCTUnwrap(CurveKey(z85: z85))
    XCTAssertEqual(key.z85, z85)
    XCTAssertEqual(CurveKey(bytes: key.bytes), key)
    XCTAssertEqual(Set([key, CurveKey(bytes: key.bytes)!]).count, 1)

    XCTAssertNil(CurveKey(z85: ""))
    XCTAssertNil(CurveKey(z85: String(z85.dropLast())))
    XCTAssertNil(CurveKey(z85: z85 + "a"))
    XCTAssertNil(CurveKey(z85: String(z85.dropLast()) + "\""))  // '"' is not a Z85 character
    XCTAssertNil(CurveKey(z85: String(z85.dropLast()) + "é"))
    XCTAssertNil(CurveKey(bytes: [UInt8](repeating: 1, count: 31)))
  }

  func testCurveServerAndClientExchangeMessages() throws {
    let context = try Context()
    let serverKeys = try CurveKeyPair.generate()
    let clientKeys = try CurveKeyPair.generate()

    let server = try makeSocket(context, .router)
    try server.makeCurveServer(secretKey: serverKeys.secretKey)
    try server.bind("tcp://127.0.0.1:*")
    let client = try makeSocket(context, .dealer)
    try client.makeCurveClient(serverPublicKey: serverKeys.publicKey, keyPair: clientKeys)
    try client.connect(try server.lastEndpoint)

    try client.send([bytes("hello"), [0, 1, 2]])
    let request = try server.receive()
    XCTAssertEqual(request.count, 3)
    XCTAssertEqual(Array(request.dropFirst()), [bytes("hello"), [0, 1, 2]])
    try server.send([request[0], bytes("welcome")])
    XCTAssertEqual(try client.receive(), [bytes("welcome")])
  }

  func testClientWithWrongServerKeyGetsNothingThrough() throws {
    let context = try Context()
    let serverKeys = try CurveKeyPair.generate()
    let server = try makeSocket(context, .router)
    try server.makeCurveServer(secretKey: serverKeys.secretKey)
    try server.bind("tcp://127.0.0.1:*")
    let client = try makeSocket(context, .dealer)
    try client.makeCurveClient(
      serverPublicKey: try CurveKeyPair.generate().publicKey, keyPair: try CurveKeyPair.generate())
    try client.connect(try server.lastEndpoint)
    try client.send([bytes("let me in")])

    var poller = Poller()
    poller.add(server)
    XCTAssertEqual(try poller.poll(timeoutMilliseconds: 300), [])
  }
}
