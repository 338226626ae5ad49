import Foundation
import Logging

/// The only place logging is bootstrapped; and the one-line failure exit.
enum CommandLogging {
  static func bootstrap(verbose: Bool) -> Logger {
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = verbose ? .info : .warning
      return handler
    }
    return Logger(label: "stillwatch")
  }

  static func fail(_ reason: String) -> Never {
    FileHandle.standardError.write(Data("stillwatch: \(reason)\n".utf8))
    exit(1)
  }
}
