/// The system prompts of the corpus.
///
/// Guarantees: the everyday prompts are shared by very many unrelated
/// accounts ("You are a helpful assistant." above all), a hot key that must
/// not link them; each org-level prompt (agent developer, enterprise) is a
/// single fixed string; the campaigns' prompts appear in no benign traffic.
enum SystemPrompts {
  /// Everyday prompts with their popularity.
  static let everyday: [(text: String, weight: Double)] = [
    ("You are a helpful assistant.", 60),
    ("You are a helpful assistant. Answer concisely.", 12),
    ("You are an expert Python programmer. Provide clear, idiomatic code.", 10),
    ("You are a friendly tutor who explains things simply.", 8),
    ("You are a careful editor. Improve clarity without changing the meaning.", 6),
    ("You are a world-class copywriter.", 4),
  ]
  static let everydayWeights = everyday.map(\.weight)

  static let agentDeveloper =
    "You are Kestrel, the coding agent of the Kestrel Labs monorepo. Work in small, reviewable steps. "
    + "Use repo_read and repo_grep to understand the code before changing it, repo_apply_patch to edit, "
    + "and ci_run to verify. Never push to main; summarise your change at the end."

  static let enterprise =
    "You are the support assistant for Acme Cloud Drive. Be polite and concise. Only answer questions "
    + "about Acme products; for billing disputes, collect the invoice number and hand over to a human agent."

  static let agentic = [
    "You are an autonomous software engineering agent operating in a sandboxed repository. "
      + "Think carefully, call tools to inspect and modify files, and verify every change with the tests.",
    "You are an expert autonomous coding agent. Always plan, then act with tools, then verify. "
      + "Explain the purpose of each tool call before making it.",
  ]

  static let burst = "You are a meticulous reasoning engine. Never skip a step."

  static let university = "You are a study assistant for students of the Faculty of Science."
}
