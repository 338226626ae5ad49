import Foundation
import StillwatchCluster
import StillwatchCore
import XCTest

final class PartitionStoreTests: XCTestCase {
  func temporary() -> String {
    let path = NSTemporaryDirectory() + "sw-store-\(UUID().uuidString)"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func result(exchanges: Int) -> [UInt8] {
    var partial = SweepPartial(parameters: .standard, windowMillis: 600_000)
    partial.exchanges = exchanges
    return TaskResult(partial, partitions: 2).encoded
  }

  func testSealedPartitionIsReusedOnlyForTheSameFileAndConfiguration() throws {
    let state = temporary()
    let input = temporary()
    try Data("x\n".utf8).write(to: URL(fileURLWithPath: input))
    let configuration = SweepConfiguration(spillPartitions: 2)
    let store = try PartitionStore(stateDirectory: state, configuration: configuration)
    XCTAssertNil(store.load(input, partitions: 2))

    try store.begin(0, file: input)
    try store.append(0, payload: result(exchanges: 3))
    try store.append(0, payload: result(exchanges: 4))
    XCTAssertNil(store.load(input, partitions: 2), "not visible before it is sealed")
    try store.commit(0)
    let records = try XCTUnwrap(store.load(input, partitions: 2))
    XCTAssertEqual(records, [result(exchanges: 3), result(exchanges: 4)])

    // Reopened with the same configuration: found. Another configuration: not.
    let again = try PartitionStore(stateDirectory: state, configuration: configuration)
    XCTAssertEqual(again.load(input, partitions: 2)?.count, 2)
    var other = configuration
    other.windowMillis = 300_000
    let otherStore = try PartitionStore(stateDirectory: state, configuration: other)
    XCTAssertNil(otherStore.load(input, partitions: 2))
    XCTAssertNotEqual(otherStore.configFingerprint, again.configFingerprint)

    // The file changes (size and time): its stored results no longer apply.
    try Data("x\ny\n".utf8).write(to: URL(fileURLWithPath: input))
    XCTAssertNil(again.load(input, partitions: 2))
  }

  func testTornOrForeignFilesAreIgnored() throws {
    let state = temporary()
    let input = temporary()
    try Data("x\n".utf8).write(to: URL(fileURLWithPath: input))
    let store = try PartitionStore(
      stateDirectory: state, configuration: SweepConfiguration(spillPartitions: 2))
    try store.begin(0, file: input)
    try store.append(0, payload: result(exchanges: 3))
    try store.commit(0)
    let directory = store.directory
    let name = try XCTUnwrap(
      FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".part") })
    let path = directory + "/" + name
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    for cut in [1, 5, whole.count / 2, whole.count - 1] {
      try whole.prefix(cut).write(to: URL(fileURLWithPath: path))
      XCTAssertNil(store.load(input, partitions: 2), "cut at \(cut)")
    }
    var flipped = whole
    flipped[flipped.count / 2] ^= 0xFF
    try flipped.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(store.load(input, partitions: 2), "damaged record")
    try whole.write(to: URL(fileURLWithPath: path))
    XCTAssertNotNil(store.load(input, partitions: 2))
  }
}
