/// Client software as seen in request metadata: user agents, header
/// fingerprints, and the models requested.
///
/// Guarantees: a common SDK always has the same `headers_fp` (it is a hot key
/// shared by many unrelated accounts); custom clients get fingerprints keyed
/// by the seed; the newer model only appears from `newModelDay` on.
enum ClientCatalog {
  /// Common clients: (user agent, weight among ordinary users).
  static let common: [(ua: String, weight: Double)] = [
    ("anthropic-python/0.42.0", 20),
    ("anthropic-python/0.40.0", 10),
    ("anthropic-typescript/0.33.1", 14),
    ("anthropic-typescript/0.32.0", 6),
    ("langchain-anthropic/0.3.1 anthropic-python/0.40.0", 8),
    ("python-requests/2.32.3", 7),
    ("curl/8.5.0", 4),
    ("Go-http-client/2.0", 4),
    ("axios/1.7.7", 5),
    ("okhttp/4.12.0", 3),
    ("anthropic-java/0.8.0", 3),
    (
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
        + "(KHTML, like Gecko) Version/17.4 Safari/605.1.15", 4
    ),
    ("anthropic-go/0.2.0", 3),
    ("anthropic-ruby/0.3.2", 1),
  ]
  static let commonWeights = common.map(\.weight)

  /// The custom SDK of the agentic campaign, and its older build.
  static let agenticClients = [
    "axon-runner/3.1.4 (linux; x86_64; py3.11)", "axon-runner/3.0.9 (linux; x86_64)",
  ]
  /// The agent-developer org's own harness.
  static let harnessClient = "kestrel-agent/1.18.2 anthropic-python/0.42.0"
  /// What the enterprise backend sends.
  static let enterpriseClient = "acme-support-gateway/5.2 anthropic-java/0.8.0"

  static let sonnet = "claude-sonnet-4-5"
  static let opus = "claude-opus-4-1"
  static let haiku = "claude-haiku-4-5"
  /// The newer model, released on the fifth day of the corpus.
  static let newModel = "claude-opus-4-6"
  static let newModelDay = 4

  /// `hfp-` fingerprint of a common client: fixed across seeds.
  static func commonFingerprint(_ client: Int) -> UInt64 {
    SplitMix64.hash(0x4846_5043_4F4D, UInt64(client))
  }

  /// `hfp-` fingerprint of a custom client, keyed by the seed.
  static func customFingerprint(seed: UInt64, _ key: UInt64) -> UInt64 {
    SplitMix64.hash(seed, 0x4846_5043_5553, key)
  }

  /// Writes `,"key":"prefix-<12 hex>"`.
  static func writeFingerprint(
    _ key: StaticString, _ prefix: StaticString, _ value: UInt64, into out: inout JSONLineBuffer
  ) {
    out.raw(",\"")
    out.raw(key)
    out.raw("\":\"")
    out.raw(prefix)
    out.hex(value, digits: 12)
    out.byte(0x22)
  }

  /// Writes `,"model":"…"`.
  static func writeModel(_ model: String, into out: inout JSONLineBuffer) {
    out.raw(",\"model\":")
    out.string(model)
  }
}
