import Foundation
import Logging

/// The only place logging is bootstrapped; and the one-line failure exit.
enum CommandLogging {
  /// `format`: "text" or "json"; `level`: "warning", "info" or "debug"
  /// (`verbose` raises it to at least info).
  static func bootstrap(verbose: Bool, format: String = "text", level: String = "warning")
    -> Logger
  {
    let configured = Logger.Level(rawValue: level) ?? .warning
    let chosen = verbose && configured > .info ? .info : configured
    LoggingSystem.bootstrap { label in
      if format == "json" {
        var handler = JSONLogHandler(label: label)
        handler.logLevel = chosen
        return handler
      }
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = chosen
      return handler
    }
    return Logger(label: "stillwatch")
  }

  static func fail(_ reason: String) -> Never {
    FileHandle.standardError.write(Data("stillwatch: \(reason)\n".utf8))
    exit(1)
  }
}
