/// The template families of the three planted campaigns.
///
/// Guarantees: each family holds 3–6 rewordings of one instruction; code is
/// always fenced (```python … ```), as real distillation prompts paste it;
/// the families of different campaigns share no wording.
enum CampaignTemplates {
  /// `campaign:reasoning-burst`: reasoning traces behind given answers.
  static let burst: [TemplateFamily] = [
    TemplateFamily(
      "answer-to-reasoning",
      [
        "Here is a question and its final answer. Write out the complete step-by-step reasoning that leads to it, showing every intermediate step.\n\nQuestion: {problem}\nFinal answer: {answer}",
        "Below is a problem together with its final answer. Reconstruct the full chain of thought that leads to this answer, step by step, without skipping any intermediate reasoning.\n\nProblem: {problem}\nAnswer: {answer}",
        "Question: {problem}\nFinal answer: {answer}\n\nWrite out the complete reasoning that leads from the question to this final answer. Number every step.",
        "I have a question and its final answer. Write out the step-by-step reasoning behind the answer, in as much detail as possible.\nQ: {problem}\nA: {answer}",
      ]),
    TemplateFamily(
      "show-intermediate",
      [
        "Think step by step and show all intermediate reasoning before the final answer.\n\n{problem}",
        "{problem}\n\nThink step by step. Show all intermediate reasoning, then state the final answer on its own line.",
        "Solve this carefully. Think step by step, show every intermediate step of your reasoning, and only then give the final answer: {problem}",
        "Show all intermediate reasoning, step by step, before giving the final answer.\nProblem: {problem}",
      ]),
    TemplateFamily(
      "grade-solution",
      [
        "Grade this solution step by step. For each step say whether it is correct and explain your reasoning, then give a final grade out of 10.\n\nProblem: {problem}\nStudent solution: {shortPassage} So the answer is {answer}.",
        "Here is a problem and a proposed solution. Grade the solution step by step, justify each step, and give the corrected final answer.\nProblem: {problem}\nProposed solution: {shortPassage} The answer is {answer}.",
        "Grade this solution one step at a time and explain the reasoning behind every judgement.\nProblem: {problem}\nSolution: {shortPassage}\nFinal answer: {answer}",
      ]),
  ]

  /// `campaign:agentic-multiorg`: autonomous coding tasks around reference code.
  static let agentic: [TemplateFamily] = [
    TemplateFamily(
      "implement-port",
      [
        "You are an autonomous coding agent. Use the tools to implement `{function}` in {language}. The Python reference implementation is:\n\n```python\n{code}\n```\n\nPlan first, then call the tools, then run the tests.",
        "You are an autonomous coding agent. Port `{function}` from Python to {language} using the available tools: read the reference, write the port, run the tests until they pass.\n```python\n{code}\n```",
        "Autonomous agent task: implement `{function}` in {language}, matching this reference exactly. Use write_file for the implementation and run_tests to verify.\n```python\n{code}\n```",
        "Act as an autonomous software agent. Goal: a {language} version of `{function}` with tests. Use the tools step by step and explain each tool call.\n```python\n{code}\n```",
      ]),
    TemplateFamily(
      "fix-refactor",
      [
        "You are an autonomous coding agent. The function `{function}` in {fileName} fails for input {number}. Use the tools to find and fix the bug, then run the tests.\n```python\n{code}\n```",
        "You are an autonomous coding agent. Refactor `{function}` in {fileName} for readability without changing behaviour; use the tools and verify with run_tests.\n```python\n{code}\n```",
        "Agent mode. The file {fileName} contains `{function}` below. Use the tools to add unit tests covering edge cases, make them pass, and report what you changed.\n```python\n{code}\n```",
      ]),
    TemplateFamily(
      "multi-step",
      [
        "Multi-step task for an autonomous agent: (1) search the codebase for `{function}`, (2) read every caller, (3) add a `{word}` parameter, (4) update the callers, (5) run the tests. Reference:\n```python\n{code}\n```",
        "You are an autonomous coding agent. Write a benchmark for `{function}` in {language}, run it with inputs of size {number} and {bigNumber}, and summarise the results. Use the tools.\n```python\n{code}\n```",
        "You are an autonomous coding agent. Build a small {language} command-line tool that does what this Python code does; create the files with the tools, run it, and fix any errors.\n```python\n{code}\n```",
      ]),
  ]

  /// `campaign:hydra-proxy`: chain-of-thought on problems and code.
  static let hydra: [TemplateFamily] = [
    TemplateFamily(
      "solve-with-cot",
      [
        "Solve the following problem. Show your full chain of thought, then give the final answer: {problem}",
        "Solve this problem and show your complete chain of thought before the final answer.\n\n{problem}",
        "Problem: {problem}\nShow your full chain of thought, then write 'Final answer:' followed by the answer.",
        "Work through the following problem showing your full reasoning, and end with the final answer. {problem}",
      ]),
    TemplateFamily(
      "explain-code",
      [
        "Explain step by step how this code works and what it prints:\n\n```python\n{code}\n```",
        "Walk through this function line by line and explain your reasoning about what it does and returns:\n```python\n{code}\n```",
        "```python\n{code}\n```\nExplain step by step how the code above works. Show your full reasoning.",
        "Trace the execution of this Python code step by step and explain your thought process at each line:\n```python\n{code}\n```",
      ]),
    TemplateFamily(
      "reason-then-code",
      [
        "Write a {language} function that solves this, but first explain your reasoning step by step: {problem}",
        "First reason step by step about the following problem, then implement the solution in {language}: {problem}",
        "Problem: {problem}\nExplain your full reasoning step by step, then give a {language} implementation and the final answer.",
      ]),
  ]

  /// Languages asked for in coding tasks.
  static let languages = ["Rust", "Go", "TypeScript", "Java", "C++", "Kotlin", "Swift", "C#"]
}
