import StillwatchCompression

/// What to generate: how many exchanges, from which seed, over how many days,
/// compressed how, and from which local text.
///
/// Guarantees: the corpus is a pure function of these settings and of the
/// bytes of the text files found under `textDirectories`; two runs with equal
/// settings on machines with the same text packages produce identical files.
public struct GeneratorSettings: Sendable {
  /// Exactly this many exchange lines are written.
  public var exchanges: Int
  /// Seeds every random choice; a different seed gives a different corpus.
  public var seed: UInt64 = 1
  /// Compression of the corpus files (`labels.csv` is always plain).
  public var format: CompressionFormat = .none
  /// The corpus spans this many days from 2026-02-02T00:00:00Z, one partition each.
  public var days: Int = 7
  /// Where raw text is read from (see `defaultTextDirectories`).
  public var textDirectories: [String] = GeneratorSettings.defaultTextDirectories

  /// Lines per part file before a day partition rolls over to the next part.
  var linesPerPart: Int = 250_000

  public init(exchanges: Int, seed: UInt64 = 1, format: CompressionFormat = .none) {
    self.exchanges = exchanges
    self.seed = seed
    self.format = format
  }

  /// The Debian locations of the raw text, read in this order:
  /// fortune files (packages `fortunes`, `fortunes-min`), the word list
  /// (`wamerican`) and the Python standard library (`libpython3.X-minimal`,
  /// pulled in by `python3`).
  ///
  /// How a directory is read: a directory named `dict` holds word lists; a
  /// directory named `python*` or holding `*.py` files is read for its `*.py`
  /// files only; any other
  /// directory holds fortune files (`%`-separated). A last path component
  /// ending in `*` stands for every sibling directory with that prefix
  /// (`/usr/lib/python3*` → `/usr/lib/python3.11`, ...). Files ending in
  /// `.dat` or `.u8`, hidden files and `README*` are skipped.
  public static let defaultTextDirectories: [String] = [
    "/usr/share/games/fortunes",
    "/usr/share/dict",
    "/usr/lib/python3*",
  ]

  /// The apt command that installs every default text source.
  public static let installHint = "apt-get install -y fortunes fortunes-min wamerican python3"
}
