/// Multi-turn agent conversations: after the user's task, rounds of an
/// assistant turn (a line of narration and one `tool_use` block) and a user
/// turn carrying the matching `tool_result`.
///
/// Guarantees: round `r` of a conversation is a pure function of
/// (`key`, `r`), so two requests of one agent session with the same key share
/// their first rounds byte for byte — a longer request extends a shorter one,
/// as a real agent loop does. Every `tool_use` id is answered by exactly one
/// `tool_result` with the same id, and names a tool of the offered toolset.
enum AgentTranscript {
  /// Writes `,{assistant…},{user…}` for rounds `0..<rounds`.
  static func writeRounds(
    _ rounds: Int, tools: [ToolDefinition], key: UInt64, composer: inout ContentComposer,
    into out: inout JSONLineBuffer
  ) {
    for round in 0..<rounds {
      var rng = SplitMix64.seeded(key, UInt64(round), 0x70_01)
      let tool = tools[round == 0 ? 0 : rng.below(tools.count)]
      let id = (rng.next(), rng.next())
      out.raw(",{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"")
      composer.render(BenignTemplates.agentStep, rng: &rng, into: &out)
      out.raw("\"},{\"type\":\"tool_use\",\"id\":\"")
      writeToolID(id, into: &out)
      out.raw("\",\"name\":")
      out.string(tool.name)
      out.raw(",\"input\":{")
      writeInput(tool, rng: &rng, composer: &composer, into: &out)
      out.raw("}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"")
      writeToolID(id, into: &out)
      out.raw("\",\"content\":\"")
      writeResult(tool, rng: &rng, composer: &composer, into: &out)
      out.raw("\"}]}")
    }
  }

  private static func writeToolID(_ id: (UInt64, UInt64), into out: inout JSONLineBuffer) {
    out.raw("toolu_")
    out.hex(id.0, digits: 16)
    out.hex(id.1, digits: 8)
  }

  private static func writeInput(
    _ tool: ToolDefinition, rng: inout SplitMix64, composer: inout ContentComposer,
    into out: inout JSONLineBuffer
  ) {
    let text = composer.text
    switch tool.name {
    case "read_file", "list_dir", "repo_read":
      out.raw("\"path\":\"src/")
      if tool.action == .read { text.writeFileName(&rng, into: &out) }
      out.byte(0x22)
    case "write_file":
      out.raw("\"path\":\"src/")
      text.writeFileName(&rng, into: &out)
      out.raw("\",\"content\":\"")
      text.writeCode(&rng, into: &out)
      out.byte(0x22)
    case "edit_file":
      out.raw("\"path\":\"src/")
      text.writeFileName(&rng, into: &out)
      out.raw("\",\"old_string\":\"")
      text.writeFunctionName(&rng, into: &out)
      out.raw("\",\"new_string\":\"")
      text.writeFunctionName(&rng, into: &out)
      out.byte(0x22)
    case "repo_apply_patch":
      out.raw("\"patch\":\"--- a/")
      text.writeFileName(&rng, into: &out)
      out.raw("\\n+++ b/")
      text.writeFileName(&rng, into: &out)
      out.raw("\\n@@ -1,5 +1,5 @@\\n")
      text.writeCode(&rng, into: &out)
      out.byte(0x22)
    case "search_code", "repo_grep":
      out.raw(tool.name == "repo_grep" ? "\"pattern\":\"def " : "\"query\":\"")
      text.writeFunctionName(&rng, into: &out)
      out.byte(0x22)
    case "run_tests":
      out.raw("\"target\":\"tests/test_")
      text.writeFileName(&rng, into: &out)
      out.byte(0x22)
    case "ci_run":
      out.raw("\"job\":\"")
      out.escaped(rng.pick(["lint", "unit", "integration"]))
      out.byte(0x22)
    case "python_exec":
      out.raw("\"code\":\"")
      text.writeCode(&rng, into: &out)
      out.byte(0x22)
    default:
      out.raw(tool.name == "shell" ? "\"cmd\":\"" : "\"command\":\"")
      out.escaped(
        rng.pick([
          "python -m pytest -q", "make lint", "git status --short", "ls -la", "cat setup.cfg",
        ]))
      out.byte(0x22)
    }
  }

  private static func writeResult(
    _ tool: ToolDefinition, rng: inout SplitMix64, composer: inout ContentComposer,
    into out: inout JSONLineBuffer
  ) {
    let text = composer.text
    switch tool.action {
    case .read, .python:
      text.writeCode(&rng, into: &out)
    case .write, .edit:
      out.raw("OK: ")
      out.int(rng.within(1, 40))
      out.raw(" lines changed")
    case .list:
      for line in 0..<rng.within(4, 12) {
        if line > 0 { out.raw("\\n") }
        text.writeFileName(&rng, into: &out)
      }
    case .search:
      for line in 0..<rng.within(1, 4) {
        if line > 0 { out.raw("\\n") }
        text.writeFileName(&rng, into: &out)
        out.byte(0x3A)
        out.int(rng.within(10, 2400))
        out.raw(": def ")
        text.writeFunctionName(&rng, into: &out)
        out.raw("(")
      }
    case .test, .shell:
      let failed = rng.chance(0.4) ? rng.within(1, 3) : 0
      out.raw("collected ")
      out.int(rng.within(4, 300))
      out.raw(" items\\n")
      if failed > 0 {
        out.raw("FAILED tests/test_")
        text.writeFileName(&rng, into: &out)
        out.raw("::test_")
        text.writeFunctionName(&rng, into: &out)
        out.raw(" - AssertionError\\n")
      }
      out.raw("===== ")
      out.int(rng.within(4, 300))
      out.raw(" passed, ")
      out.int(failed)
      out.raw(" failed in ")
      out.int(rng.within(0, 40))
      out.byte(0x2E)
      out.padded(rng.below(100), width: 2)
      out.raw("s =====")
    }
  }
}
