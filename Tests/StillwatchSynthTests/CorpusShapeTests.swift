import Foundation
import XCTest

@testable import StillwatchSynth

/// Structure of a generated corpus: line count, JSON validity, ids, labels,
/// population sizes, time partitions, field shapes.
final class CorpusShapeTests: XCTestCase {
  func testExactlyNLinesEachAJSONObjectWithIDTimeAndAccount() throws {
    let corpus = try SharedCorpus.get()
    XCTAssertEqual(corpus.lines.count, SharedCorpus.exchanges)
    XCTAssertEqual(corpus.summary.exchanges, SharedCorpus.exchanges)
    XCTAssertEqual(corpus.summary.exchangesByLabel.values.reduce(0, +), SharedCorpus.exchanges)
    for object in corpus.objects {
      XCTAssertNotNil(object.string("id"))
      XCTAssertNotNil(object.string("account"))
      XCTAssertTrue(object.string("ts") != nil || object.int("ts") != nil)
    }
  }

  func testIDsAreUnique() throws {
    let corpus = try SharedCorpus.get()
    let ids = Set(corpus.objects.compactMap { $0.string("id") })
    XCTAssertEqual(ids.count, SharedCorpus.exchanges)
  }

  func testLabelsCoverExactlyTheAccountsThatAppear() throws {
    let corpus = try SharedCorpus.get()
    let rows = corpus.labels
    let accounts = rows.map(\.0)
    XCTAssertEqual(accounts, accounts.sorted(), "rows sorted by account")
    XCTAssertEqual(Set(accounts).count, accounts.count, "one row per account")
    XCTAssertEqual(Set(accounts), Set(corpus.objects.compactMap { $0.string("account") }))
    XCTAssertEqual(rows.count, corpus.summary.accounts)
    let known = Set(ActorKind.allCases.map(\.label))
    for (account, label) in rows {
      XCTAssertTrue(known.contains(label), label)
      XCTAssertTrue(account.hasPrefix("acct-") && account.count == 15, account)
    }
    var byLabel: [String: Int] = [:]
    for (_, label) in rows { byLabel[label, default: 0] += 1 }
    XCTAssertEqual(byLabel, corpus.summary.accountsByLabel.filter { $0.value > 0 })
  }

  func testEveryPopulationAppearsWithItsMinimumAccounts() throws {
    let corpus = try SharedCorpus.get()
    let accounts = corpus.summary.accountsByLabel
    XCTAssertEqual(Set(accounts.keys), Set(ActorKind.allCases.map(\.label)))
    XCTAssertGreaterThanOrEqual(accounts["campaign:reasoning-burst"] ?? 0, 5)
    XCTAssertGreaterThanOrEqual(accounts["campaign:agentic-multiorg"] ?? 0, 20)
    XCTAssertGreaterThanOrEqual(accounts["campaign:hydra-proxy"] ?? 0, 50)
    XCTAssertGreaterThanOrEqual(accounts["benign"] ?? 0, 100)
    XCTAssertEqual(accounts["benign:agent-developer"], 8)
    XCTAssertEqual(accounts["benign:benchmark-researcher"], 1)
    XCTAssertGreaterThanOrEqual(accounts["benign:enterprise-backend"] ?? 0, 10)
    XCTAssertGreaterThanOrEqual(accounts["benign:university-lab"] ?? 0, 10)
    XCTAssertGreaterThanOrEqual(accounts["benign:proxy-customer"] ?? 0, 20)
    XCTAssertGreaterThanOrEqual(accounts["benign:popular-template"] ?? 0, 20)
    // Shares are guidance; they should land near their targets.
    for kind in ActorKind.allCases {
      let share =
        Double(corpus.summary.exchangesByLabel[kind.label] ?? 0) / Double(SharedCorpus.exchanges)
      XCTAssertEqual(share, kind.share, accuracy: max(0.01, kind.share * 0.35), kind.label)
    }
  }

  func testTimestampsStayInsideTheirDayPartitionAndTheCorpusSpan() throws {
    let corpus = try SharedCorpus.get()
    let start = StillwatchSynth.Timestamp.corpusStart
    let end = start + 7 * StillwatchSynth.Timestamp.millisPerDay
    var previousDay = ""
    for ((file, _), ts) in zip(corpus.lines, corpus.millis) {
      let millis = try XCTUnwrap(ts)
      XCTAssertTrue(millis >= start && millis < end)
      let day = String(file.split(separator: "/").first { $0.hasPrefix("date=") }!.dropFirst(5))
      XCTAssertEqual(StillwatchSynth.Timestamp.dateString(millis: millis), day)
      XCTAssertGreaterThanOrEqual(day, previousDay, "partitions are written in order")
      previousDay = day
    }
    XCTAssertEqual(
      Set(corpus.summary.files.map { $0.components(separatedBy: "/date=")[1].prefix(10) }).count, 7)
  }

  func testFieldsMixTheirForms() throws {
    let corpus = try SharedCorpus.get()
    var stringTimes = 0
    var prompts = 0
    var messageStrings = 0
    var messageBlocks = 0
    var ipv6 = 0
    var thinkingRequests = 0
    var tools = 0
    var systemArrays = 0
    for object in corpus.objects {
      if object.string("ts") != nil { stringTimes += 1 }
      if object.string("prompt") != nil { prompts += 1 }
      if let messages = object.array("messages") {
        XCTAssertNil(object["prompt"], "messages or prompt, not both")
        XCTAssertEqual(messages.first?.string("role"), "user")
        if messages.first?.string("content") != nil {
          messageStrings += 1
        } else {
          messageBlocks += 1
        }
      } else {
        XCTAssertNotNil(object["prompt"], "one of messages/prompt")
      }
      if object.string("ip")?.contains(":") == true { ipv6 += 1 }
      if let thinking = object.object("thinking") {
        let budget = try XCTUnwrap(thinking.int("budget_tokens"))
        XCTAssertEqual(thinking.string("type"), "enabled")
        XCTAssertGreaterThan(budget, 0)
        thinkingRequests += 1
      }
      if let list = object.array("tools") {
        XCTAssertTrue((4...8).contains(list.count) || list.count == ToolCatalog.harness.count)
        for tool in list {
          XCTAssertNotNil(tool.string("name"))
          XCTAssertNotNil(tool.object("input_schema"))
        }
        tools += 1
      }
      if object.array("system") != nil { systemArrays += 1 }
      XCTAssertNotNil(object.int("input_tokens"))
      XCTAssertNotNil(object.int("output_tokens"))
    }
    let n = Double(corpus.objects.count)
    XCTAssertEqual(Double(stringTimes) / n, 0.7, accuracy: 0.03)
    XCTAssertGreaterThan(prompts, 1_000)
    XCTAssertGreaterThan(messageStrings, 1_000)
    XCTAssertGreaterThan(messageBlocks, 1_000)
    XCTAssertGreaterThan(ipv6, 100)
    XCTAssertGreaterThan(thinkingRequests, 1_000)
    XCTAssertGreaterThan(tools, 1_000)
    XCTAssertGreaterThan(systemArrays, 100)
  }

  func testEveryToolUseIsAnsweredByItsToolResult() throws {
    let corpus = try SharedCorpus.get()
    var pairs = 0
    for object in corpus.objects {
      guard let messages = object.array("messages") else { continue }
      let offered = Set((object.array("tools") ?? []).compactMap { $0.string("name") })
      var open: [String] = []
      for message in messages {
        for block in message.array("content") ?? [] {
          switch block.string("type") {
          case "tool_use":
            XCTAssertTrue(
              offered.contains(block.string("name") ?? ""), "a tool_use names an offered tool")
            XCTAssertNotNil(block.object("input"))
            open.append(block.string("id") ?? "")
          case "tool_result":
            XCTAssertEqual(block.string("tool_use_id"), open.first)
            open.removeFirst()
            pairs += 1
          default: break
          }
        }
      }
      XCTAssertTrue(open.isEmpty)
    }
    XCTAssertGreaterThan(pairs, 1_000)
  }

  func testCampaignsKeepTheirShapes() throws {
    let corpus = try SharedCorpus.get()
    let labels = Dictionary(uniqueKeysWithValues: corpus.labels)
    let plan = PopulationPlan(exchanges: SharedCorpus.exchanges, seed: 7)
    let schedule = TrafficSchedule(plan: plan, days: 7, seed: 7)
    let newModelStart =
      StillwatchSynth.Timestamp.corpusStart + Int64(ClientCatalog.newModelDay)
      * StillwatchSynth.Timestamp.millisPerDay
    var agenticNew = 0
    var agenticLate = 0
    var burstFingerprints: Set<String> = []
    for (object, ts) in zip(corpus.objects, corpus.millis) {
      let label = labels[object.string("account") ?? ""] ?? ""
      let millis = try XCTUnwrap(ts)
      let offset = millis - StillwatchSynth.Timestamp.corpusStart
      let model = object.string("model") ?? ""
      if model == ClientCatalog.newModel { XCTAssertGreaterThanOrEqual(millis, newModelStart) }
      switch label {
      case "campaign:reasoning-burst":
        XCTAssertTrue(schedule.inBurst(offset), "burst traffic only inside bursts")
        burstFingerprints.insert(object.string("headers_fp") ?? "")
      case "campaign:agentic-multiorg":
        XCTAssertNotNil(TrafficSchedule.agenticShift(offset), "agentic traffic only in shifts")
        XCTAssertNotNil(object.string("cloud"))
        if millis >= newModelStart {
          agenticLate += 1
          if model == ClientCatalog.newModel { agenticNew += 1 }
        }
      case "campaign:hydra-proxy", "benign:proxy-customer":
        XCTAssertNil(object["cloud"])
      default: break
      }
    }
    XCTAssertEqual(burstFingerprints.count, 1)
    XCTAssertEqual(Double(agenticNew) / Double(max(1, agenticLate)), 0.7, accuracy: 0.05)
  }
}
