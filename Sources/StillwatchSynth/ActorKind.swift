/// The ten kinds of actor in a corpus: six benign look-alikes plus the benign
/// long tail, and the three planted campaign shapes.
///
/// Guarantees: `label` is the ground-truth string written to `labels.csv`;
/// labels of benign kinds are `benign` or start with `benign:`, and campaign
/// labels start with `campaign:`. `share` is the intended fraction of all
/// exchanges (the shares add up to 1) and `accountCount` grows linearly with
/// the corpus size above a floor, so campaign sizes scale with it.
enum ActorKind: Int, CaseIterable, Sendable {
  case benign
  case agentDeveloper
  case enterpriseBackend
  case benchmarkResearcher
  case universityLab
  case proxyCustomer
  case popularTemplate
  case reasoningBurst
  case agenticMultiorg
  case hydraProxy

  var label: String {
    switch self {
    case .benign: return "benign"
    case .agentDeveloper: return "benign:agent-developer"
    case .enterpriseBackend: return "benign:enterprise-backend"
    case .benchmarkResearcher: return "benign:benchmark-researcher"
    case .universityLab: return "benign:university-lab"
    case .proxyCustomer: return "benign:proxy-customer"
    case .popularTemplate: return "benign:popular-template"
    case .reasoningBurst: return "campaign:reasoning-burst"
    case .agenticMultiorg: return "campaign:agentic-multiorg"
    case .hydraProxy: return "campaign:hydra-proxy"
    }
  }

  var isCampaign: Bool {
    switch self {
    case .reasoningBurst, .agenticMultiorg, .hydraProxy: return true
    default: return false
    }
  }

  /// Intended fraction of all exchanges.
  var share: Double {
    switch self {
    case .benign: return 0.40
    case .agentDeveloper: return 0.10
    case .enterpriseBackend: return 0.05
    case .benchmarkResearcher: return 0.01
    case .universityLab: return 0.04
    case .proxyCustomer: return 0.05
    case .popularTemplate: return 0.02
    case .reasoningBurst: return 0.03
    case .agenticMultiorg: return 0.18
    case .hydraProxy: return 0.12
    }
  }

  /// Accounts in the population of a corpus of `exchanges` lines.
  func accountCount(exchanges: Int) -> Int {
    let n = max(0, exchanges)
    switch self {
    case .benign: return max(100, n / 25)
    case .agentDeveloper: return AgentDeveloperRoster.humans + AgentDeveloperRoster.bots
    case .enterpriseBackend: return max(10, n / 2_000)
    case .benchmarkResearcher: return 1
    case .universityLab: return max(10, n / 1_000)
    case .proxyCustomer: return max(20, n / 300)
    case .popularTemplate: return max(20, n / 150)
    case .reasoningBurst: return max(6, n / 25_000)
    case .agenticMultiorg: return max(20, n / 700)
    case .hydraProxy: return max(50, n / 100)
    }
  }
}

/// The fixed roster of the agent-developer org: accounts `0..<humans` are
/// people, the next `bots` are CI bots.
enum AgentDeveloperRoster {
  static let humans = 3
  static let bots = 5
}
