import ArgumentParser
import Foundation
import StillwatchCore
import StillwatchHistory
import StillwatchReport

/// `stillwatch diff`: new, grown, shrunk and vanished campaigns between two
/// recorded sweeps, matched by lineage.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare the campaigns of two recorded sweeps (default: the last two).")

  @Argument(help: "The older sweep id (default: the one before the newer).")
  var from: Int64?

  @Argument(help: "The newer sweep id (default: the latest).")
  var to: Int64?

  @OptionGroup var options: HistoryOptions

  func run() throws {
    do {
      let (history, path) = try options.open()
      let ids = try history.sweeps().map(\.id)
      let newer = to ?? ids.last
      guard let newer, ids.contains(newer) else {
        throw ValidationError("no sweep \(to.map(String.init) ?? "recorded") in \(path)")
      }
      let older = from ?? ids.last(where: { $0 < newer })
      guard let older, ids.contains(older) else {
        throw ValidationError("no earlier sweep to compare sweep \(newer) with")
      }
      let diff = CampaignDiff(
        before: try history.campaigns(sweep: older), after: try history.campaigns(sweep: newer))
      print(
        options.json
          ? Self.json(diff, from: older, to: newer) : Self.text(diff, from: older, to: newer))
    } catch let error as ValidationError {
      CommandLogging.fail(error.message)
    } catch {
      CommandLogging.fail("\(error)")
    }
  }

  static func text(_ diff: CampaignDiff, from: Int64, to: Int64) -> String {
    var out = "sweep \(from) → sweep \(to)\n"
    let groups: [(String, [CampaignDiff.Change])] = [
      ("new", diff.new), ("grown", diff.grown), ("shrunk", diff.shrunk),
      ("vanished", diff.vanished),
    ]
    for (name, changes) in groups {
      out += "\(name) (\(changes.count))\n"
      for c in changes {
        let b = c.before
        let a = c.after
        out += "  lineage \(c.lineage)"
        if let b, let a {
          out +=
            ": \(b.accounts.count) → \(a.accounts.count) accounts (+\(c.accountsJoined) −\(c.accountsLeft)), "
            + "\(b.exchanges) → \(a.exchanges) exchanges, score \(JSONText.number(b.score)) → "
            + "\(JSONText.number(a.score)), now \(a.id)\n"
        } else if let s = a ?? b {
          out +=
            ": \(s.id), \(s.accounts.count) accounts, \(s.exchanges) exchanges, score "
            + "\(JSONText.number(s.score))\n"
        }
      }
    }
    out += "unchanged (\(diff.unchanged.count))"
    return out
  }

  static func json(_ diff: CampaignDiff, from: Int64, to: Int64) -> String {
    func side(_ s: CampaignLineage.Snapshot?) -> JSONValue {
      guard let s else { return .null }
      return .object([
        ("id", .string(s.id)), ("accounts", .int(s.accounts.count)),
        ("exchanges", .int(s.exchanges)), ("score", .double(s.score)),
      ])
    }
    func list(_ changes: [CampaignDiff.Change]) -> JSONValue {
      .array(
        changes.map { c in
          .object([
            ("lineage", .string(c.lineage)), ("before", side(c.before)),
            ("after", side(c.after)), ("accounts_joined", .int(c.accountsJoined)),
            ("accounts_left", .int(c.accountsLeft)),
          ])
        })
    }
    let document = JSONValue.object([
      ("from", .int(Int(from))), ("to", .int(Int(to))), ("new", list(diff.new)),
      ("grown", list(diff.grown)), ("shrunk", list(diff.shrunk)),
      ("vanished", list(diff.vanished)), ("unchanged", list(diff.unchanged)),
    ])
    return document.rendered()
  }
}
