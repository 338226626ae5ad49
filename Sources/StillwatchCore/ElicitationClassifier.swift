#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scored classifier of chain-of-thought elicitation: weighted phrases that ask
/// the model to show, write out, reconstruct or grade step-by-step reasoning, plus
/// weight for large extended-thinking budgets, combined through a logistic.
///
/// Guarantees: `score` is in [0, 1], a pure function of (lower-cased text,
/// thinking budget, weights); weights are data (`ElicitationWeights`), loadable
/// from `config/`.
public struct ElicitationClassifier: Sendable {
  public let weights: ElicitationWeights
  let phraseSet: PhraseSet

  public init(weights: ElicitationWeights = .standard) {
    self.weights = weights
    phraseSet = PhraseSet(weights.phrases.map(\.bytes))
  }

  /// Score of one request; `lowercasedText` must already be lower-cased.
  public func score(lowercasedText: String, thinkingBudget: Int?) -> Double {
    var bytes: [UInt8] = []
    ByteSearch.lowercasedASCII(lowercasedText, into: &bytes)
    return bytes.withUnsafeBufferPointer { score(lowercased: $0, thinkingBudget: thinkingBudget) }
  }

  /// Score of one request from its ASCII-lower-cased UTF-8 bytes.
  public func score(lowercased: UnsafeBufferPointer<UInt8>, thinkingBudget: Int?) -> Double {
    var found: [Bool] = []
    return score(lowercased: lowercased, thinkingBudget: thinkingBudget, scratch: &found)
  }

  /// As `score(lowercased:thinkingBudget:)`, reusing `scratch` between calls.
  public func score(
    lowercased: UnsafeBufferPointer<UInt8>, thinkingBudget: Int?, scratch found: inout [Bool]
  ) -> Double {
    phraseSet.matches(in: lowercased, found: &found)
    return score(found: found, from: 0, thinkingBudget: thinkingBudget)
  }

  /// The score given which of `weights.phrases` occur: phrase i occurred when
  /// `found[from + i]` (so one scan can serve several phrase lists).
  public func score(found: [Bool], from offset: Int, thinkingBudget: Int?) -> Double {
    var sum = 0.0
    for (index, phrase) in weights.phrases.enumerated() where found[offset + index] {
      sum += phrase.weight
    }
    if let budget = thinkingBudget {
      if budget >= weights.largeThinkingBudget {
        sum += weights.largeThinkingWeight
      } else {
        sum += weights.thinkingWeight
      }
    }
    return 1 / (1 + exp(-(sum - weights.bias)))
  }
}

/// The weights of `ElicitationClassifier`. Phrases are matched lower-case.
public struct ElicitationWeights: Sendable, Equatable {
  public struct Phrase: Sendable, Equatable {
    public var text: String
    public var weight: Double
    let bytes: [UInt8]
    public init(_ text: String, _ weight: Double) {
      self.text = text
      self.weight = weight
      self.bytes = Array(text.lowercased().utf8)
    }
  }

  public var phrases: [Phrase]
  public var thinkingWeight: Double
  public var largeThinkingWeight: Double
  public var largeThinkingBudget: Int
  /// The summed weight at which the score is one half.
  public var bias: Double

  /// Phrases are kept sorted by text, so the weights' order in a file never
  /// changes a score.
  public init(
    phrases: [Phrase], thinkingWeight: Double, largeThinkingWeight: Double,
    largeThinkingBudget: Int, bias: Double
  ) {
    self.phrases = phrases.sorted { $0.text < $1.text }
    self.thinkingWeight = thinkingWeight
    self.largeThinkingWeight = largeThinkingWeight
    self.largeThinkingBudget = largeThinkingBudget
    self.bias = bias
  }

  /// Defaults; `config/stillwatch.toml` ships the same list.
  public static let standard = ElicitationWeights(
    phrases: [
      Phrase("step by step", 1.2), Phrase("step-by-step", 1.2),
      Phrase("chain of thought", 2.0), Phrase("chain-of-thought", 2.0),
      Phrase("show your reasoning", 1.5), Phrase("show all intermediate", 1.5),
      Phrase("intermediate steps", 1.0), Phrase("intermediate reasoning", 1.2),
      Phrase("reasoning that leads", 2.0), Phrase("reasoning behind", 1.5),
      Phrase("explain your reasoning", 1.5), Phrase("full reasoning", 1.5),
      Phrase("complete reasoning", 1.5), Phrase("thought process", 1.2),
      Phrase("justify each step", 1.5), Phrase("reconstruct", 0.8),
      Phrase("grade this solution", 1.2), Phrase("grade the solution", 1.2),
      Phrase("final answer", 0.8), Phrase("the answer is", 0.7),
      Phrase("and its final answer", 1.2), Phrase("write out", 0.6),
      Phrase("think through", 0.8), Phrase("let's think", 1.0),
      Phrase("show your work", 1.2), Phrase("walk me through", 0.5),
    ],
    thinkingWeight: 0.5, largeThinkingWeight: 1.0, largeThinkingBudget: 16_000, bias: 2.0)
}
