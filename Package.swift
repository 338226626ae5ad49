// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "stillwatch",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "stillwatch", targets: ["stillwatch"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // C libraries from Debian's -dev packages, found through pkg-config.
    .systemLibrary(
      name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
    .systemLibrary(
      name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
    .systemLibrary(
      name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CSimdjson", pkgConfig: "simdjson", providers: [.apt(["libsimdjson-dev"])]),
    // A small C API over simdjson (C++17); Swift's C++ interop cannot use simdjson here.
    .target(name: "SimdjsonBridge", dependencies: ["CSimdjson"]),

    // Pure, synchronous, deterministic core: no I/O, no clock, no randomness.
    .target(name: "StillwatchCore"),
    // LZ4 / zstd / gzip streams and blocks over the C libraries.
    .target(name: "StillwatchCompression", dependencies: ["CLZ4", "CZstd", "CZlib"]),
    // Thin Swift wrapper over libzmq.
    .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
    // Walk inputs, decompress, split into line-aligned chunks, JSONL -> Exchange.
    .target(
      name: "StillwatchIngest",
      dependencies: ["StillwatchCore", "StillwatchCompression", "SimdjsonBridge"]),
    // Seeded synthetic corpus with planted campaigns and ground truth.
    .target(
      name: "StillwatchSynth",
      dependencies: ["StillwatchCore", "StillwatchCompression"]),
    // campaigns.json, accounts.csv, report.html, quarantine.jsonl.
    .target(name: "StillwatchReport", dependencies: ["StillwatchCore"]),
    // Coordinator and worker over ZeroMQ; the local sweep.
    .target(
      name: "StillwatchCluster",
      dependencies: [
        "StillwatchCore", "StillwatchIngest", "StillwatchCompression", "StillwatchReport",
        "ZeroMQ", .product(name: "Logging", package: "swift-log"),
      ]),
    // The operator's TOML configuration file.
    .target(
      name: "StillwatchConfig",
      dependencies: [
        "StillwatchCore", "StillwatchCluster", "StillwatchIngest",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    .executableTarget(
      name: "stillwatch",
      dependencies: [
        "StillwatchCluster", "StillwatchConfig", "StillwatchSynth", "StillwatchReport", "StillwatchIngest",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    .testTarget(name: "StillwatchCoreTests", dependencies: ["StillwatchCore"]),
    .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
    .testTarget(name: "StillwatchCompressionTests", dependencies: ["StillwatchCompression"]),
    .testTarget(
      name: "StillwatchIngestTests",
      dependencies: ["StillwatchIngest", "StillwatchCompression", "StillwatchSynth"]),
    .testTarget(
      name: "StillwatchSynthTests",
      dependencies: ["StillwatchSynth", "StillwatchIngest", "StillwatchCompression"]),
    .testTarget(
      name: "StillwatchClusterTests",
      dependencies: ["StillwatchCluster", "ZeroMQ", "StillwatchCompression"]),
    .testTarget(name: "StillwatchConfigTests", dependencies: ["StillwatchConfig"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "StillwatchCluster", "StillwatchSynth", "StillwatchIngest", "StillwatchReport",
        "StillwatchCore",
      ]),
  ],
  swiftLanguageModes: [.v6],
  cxxLanguageStandard: .cxx17
)
