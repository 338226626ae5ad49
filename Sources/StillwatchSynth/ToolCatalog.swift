/// What a tool does, which decides how its calls and results are rendered.
enum ToolAction: Sendable {
  case read
  case write
  case edit
  case list
  case search
  case test
  case shell
  case python
}

/// A tool definition as sent in a request's `tools` array.
struct ToolDefinition: Sendable {
  let name: String
  let description: String
  /// The `input_schema` object, as JSON text.
  let schema: String
  let action: ToolAction
}

/// The fixed tool schemas of the corpus and the toolsets built from them.
///
/// Guarantees: toolsets are pre-rendered once (`,"tools":[…]` bytes), so a
/// request reuses identical bytes; the agentic campaign draws from three
/// toolsets of 4, 6 and 8 tools over one schema set, the agent-developer org
/// always sends its single toolset.
enum ToolCatalog {
  static let generic: [ToolDefinition] = [
    ToolDefinition(
      name: "read_file", description: "Read a file from the workspace and return its contents.",
      schema: #"{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}"#,
      action: .read),
    ToolDefinition(
      name: "write_file", description: "Create or overwrite a file in the workspace.",
      schema:
        #"{"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"}},"required":["path","content"]}"#,
      action: .write),
    ToolDefinition(
      name: "run_tests",
      description: "Run the test suite, or one test target, and return the summary.",
      schema: #"{"type":"object","properties":{"target":{"type":"string"}}}"#, action: .test),
    ToolDefinition(
      name: "bash", description: "Run a shell command in the sandbox and return stdout and stderr.",
      schema:
        #"{"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}"#,
      action: .shell),
    ToolDefinition(
      name: "edit_file", description: "Replace one exact occurrence of a string in a file.",
      schema:
        #"{"type":"object","properties":{"path":{"type":"string"},"old_string":{"type":"string"},"new_string":{"type":"string"}},"required":["path","old_string","new_string"]}"#,
      action: .edit),
    ToolDefinition(
      name: "list_dir", description: "List the entries of a directory.",
      schema: #"{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}"#,
      action: .list),
    ToolDefinition(
      name: "search_code", description: "Search the repository for a symbol or regular expression.",
      schema:
        #"{"type":"object","properties":{"query":{"type":"string"},"glob":{"type":"string"}},"required":["query"]}"#,
      action: .search),
    ToolDefinition(
      name: "python_exec", description: "Execute a Python snippet and return what it prints.",
      schema: #"{"type":"object","properties":{"code":{"type":"string"}},"required":["code"]}"#,
      action: .python),
  ]

  /// The agentic campaign's toolsets: the first 4, 6 and all 8 generic tools.
  static let agenticToolsets: [[ToolDefinition]] = [
    Array(generic.prefix(4)), Array(generic.prefix(6)), generic,
  ]
  static let agenticRendered: [[UInt8]] = agenticToolsets.map(render)

  /// The agent-developer org's one toolset.
  static let harness: [ToolDefinition] = [
    ToolDefinition(
      name: "repo_read", description: "Read a file at the current commit of the monorepo.",
      schema:
        #"{"type":"object","properties":{"path":{"type":"string"},"ref":{"type":"string"}},"required":["path"]}"#,
      action: .read),
    ToolDefinition(
      name: "repo_apply_patch", description: "Apply a unified diff to the working tree.",
      schema: #"{"type":"object","properties":{"patch":{"type":"string"}},"required":["patch"]}"#,
      action: .edit),
    ToolDefinition(
      name: "repo_grep", description: "Search tracked files with ripgrep syntax.",
      schema:
        #"{"type":"object","properties":{"pattern":{"type":"string"}},"required":["pattern"]}"#,
      action: .search),
    ToolDefinition(
      name: "ci_run",
      description: "Run a CI job (lint, unit, integration) and return its log tail.",
      schema:
        #"{"type":"object","properties":{"job":{"type":"string","enum":["lint","unit","integration"]}},"required":["job"]}"#,
      action: .test),
    ToolDefinition(
      name: "shell", description: "Run a command in the dev container.",
      schema: #"{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}"#,
      action: .shell),
  ]
  static let harnessRendered: [UInt8] = render(harness)

  /// `,"tools":[{"name":…,"description":…,"input_schema":{…}},…]`
  static func render(_ tools: [ToolDefinition]) -> [UInt8] {
    var out = JSONLineBuffer(capacity: 2048)
    out.raw(",\"tools\":[")
    for (index, tool) in tools.enumerated() {
      if index > 0 { out.byte(0x2C) }
      out.raw("{\"name\":")
      out.string(tool.name)
      out.raw(",\"description\":")
      out.string(tool.description)
      out.raw(",\"input_schema\":")
      out.raw(Array(tool.schema.utf8))
      out.byte(0x7D)
    }
    out.byte(0x5D)
    return out.bytes
  }
}
