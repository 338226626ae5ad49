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
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
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
    // The sweep history: an embedded SQLite database (GRDB), campaign lineage.
    .target(
      name: "StillwatchHistory",
      dependencies: [
        "StillwatchCore", "StillwatchReport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    // Coordinator and worker over ZeroMQ; the local sweep; incremental state; metrics.
    .target(
      name: "StillwatchCluster",
      dependencies: [
        "StillwatchCore", "StillwatchIngest", "StillwatchCompression", "StillwatchReport",
        "StillwatchHistory", "ZeroMQ", .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
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
        "StillwatchCluster", "StillwatchConfig", "StillwatchSynth", "StillwatchReport",
        "StillwatchIngest",
        "StillwatchHistory", "StillwatchCore",
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
      dependencies: [
        "StillwatchCluster", "ZeroMQ", "StillwatchCompression", "StillwatchSynth",
        "StillwatchIngest",
        "StillwatchCore", .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(name: "StillwatchConfigTests", dependencies: ["StillwatchConfig"]),
    .testTarget(
      name: "StillwatchHistoryTests",
      dependencies: ["StillwatchHistory", "StillwatchCore", "StillwatchReport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "StillwatchCluster", "StillwatchSynth", "StillwatchIngest", "StillwatchReport",
        "StillwatchCore", "StillwatchHistory",
      ]),
  ],
  swiftLanguageModes: [.v6],
  cxxLanguageStandard: .cxx17
)
