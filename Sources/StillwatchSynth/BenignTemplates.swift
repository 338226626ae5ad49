/// The request shapes of benign traffic.
///
/// Guarantees: ordinary users' requests are dominated by their slot text
/// (real fortune passages and real code), so two benign requests rarely look
/// alike; the look-alike populations get the repetitive shapes that make them
/// hard: one popular template used by many people, one benchmark harness,
/// one agent scaffold. None of the agent-developer tasks asks for reasoning.
enum BenignTemplates {
  /// Everyday requests of the long tail, proxy customers and students.
  static let everyday = TemplateFamily(
    "everyday",
    [
      "{passage}",
      "{passage}",
      "{passage}\n\nWhat does this mean?",
      "What do you think about this quote? {shortPassage}",
      "Can you explain this joke to me? {passage}",
      "Who said \"{shortPassage}\"?",
      "Write a short poem about {word} and {word}.",
      "What's the difference between a {word} and a {word}?",
      "Give me five names for a {word} shop run by {name}.",
      "Why does this fail when I call it?\n```python\n{code}\n```",
      "Can you add type hints to this?\n\n```python\n{code}\n```",
      "Write a unit test for this function:\n```python\n{code}\n```",
      "How do I make {function} faster?\n```python\n{code}\n```",
      "Write an email to {name} about the {word} meeting. Keep it short.",
      "Plan a three-day trip for someone who loves {word} and {word}.",
      "{shortPassage} {shortPassage}",
      "Rewrite this so it sounds more formal: {shortPassage}",
      "Explain {function} in plain English:\n{code}",
      "{code}",
      "Is this true? {shortPassage}",
    ])

  /// Coursework of the university lab.
  static let coursework = TemplateFamily(
    "coursework",
    [
      "Write a {number}0-word essay on the role of {word} in {word}.",
      "Help me understand this passage for my literature class:\n\n{passage}",
      "My assignment says: {shortPassage} How should I start?",
      "What is wrong with my code?\n```python\n{code}\n```",
      "Explain the concept of a {word} as if I were a first-year student.",
      "Proofread my paragraph: {passage}",
      "Give me three counterarguments to: {shortPassage}",
      "Write a {language} function called {function} that does the same as this:\n```python\n{code}\n```",
      "Can you check my homework? {problem} I got {number}.",
      "Summarize the main argument of this text: {longPassage}",
    ])

  /// What end users type into the enterprise's support widget.
  static let support = TemplateFamily(
    "support",
    [
      "Customer message: {passage}",
      "Hi, {shortPassage} Can you help me with my account?",
      "Ticket from {name}: {passage}\n\nDraft a reply.",
      "{passage}",
      "I was charged twice this month. {shortPassage}",
      "How do I restore a deleted folder? {shortPassage}",
      "{name} here. {passage} Thanks.",
    ])

  /// The popular benign templates: each used a few times by many accounts.
  static let popular: [TemplateFamily] = [
    TemplateFamily(
      "summarize-bullets",
      [
        "Summarize the following text in three bullet points:\n\n{longPassage}",
        "Summarise this in 3 bullet points:\n{longPassage}",
        "Give me a three-bullet summary of the following:\n\n{longPassage}",
        "TL;DR in three bullets please:\n{longPassage}",
      ]),
    TemplateFamily(
      "translate-french",
      [
        "Translate into French: {passage}",
        "Translate the following text into French:\n\n{passage}",
        "Please translate this to French, keeping the tone: {passage}",
      ]),
    TemplateFamily(
      "fix-grammar",
      [
        "Fix the grammar: {passage}",
        "Fix the grammar and spelling in this text:\n{passage}",
        "Correct any grammar mistakes in the following and return only the corrected text:\n\n{passage}",
      ]),
  ]

  /// The benchmark researcher's harness.
  static let benchmark = TemplateFamily(
    "benchmark-harness",
    [
      "Think step by step. Q: {problem}\nA:",
      "Think step by step.\nQ: {problem}\nA:",
      "Q: {problem}\nA: Let's think step by step.",
    ])

  /// Agent-developer tasks: varied content in one scaffold.
  static let developerTask = TemplateFamily(
    "developer-task",
    [
      "Implement the TODO in `{function}` ({fileName}). From the issue: {shortPassage}",
      "CI is red on `{function}` in {fileName}. Investigate and fix it.\n```python\n{code}\n```",
      "Update `{function}` in {fileName} to handle empty input, and add a regression test.",
      "Review this change to {fileName} and apply the reviewer's comment: {shortPassage}\n```python\n{code}\n```",
      "Rename `{function}` to `{word}_{function}` across the repo and update the docs.",
      "Bump the {word} dependency and fix whatever breaks in {fileName}.",
    ])

  /// Scheduled jobs of the agent-developer CI bots.
  static let ciJob = TemplateFamily(
    "ci-job",
    [
      "[ci] nightly maintenance: run lint, fix warnings in {fileName}, open a PR.",
      "[ci] flaky test triage for {function} ({fileName}); rerun and quarantine if flaky.",
      "[ci] dependency update: {word} to the latest patch release; run unit and integration jobs.",
    ])

  /// Short narration of an agent before a tool call.
  static let agentStep = TemplateFamily(
    "agent-step",
    [
      "Let me look at {fileName} first.",
      "I'll search for the definition of `{function}`.",
      "Now I'll run the tests to check the change.",
      "The test output shows a failure; let me inspect it.",
      "I'll write the implementation now.",
      "Next I'll list the directory to find the tests.",
    ])
}
