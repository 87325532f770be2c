import Foundation

/// Shows how a run is going on stderr: a redrawn bar on a terminal, a plain
/// line every `lineInterval` seconds otherwise (logs of batch jobs).
public final class ProgressReporter {
    public enum Style: Sendable { case bar, lines, none }

    public let style: Style
    private let label: String
    /// What `done` counts: `pages` for a run, `records` for an export (which has no rejects).
    private let unit: String
    private let lineInterval: Double
    private var lastDraw = -1.0
    private var drewBar = false
    private let write: (String) -> Void

    public init(
        style: Style, label: String, unit: String = "pages", lineInterval: Double = 10,
        write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.style = style
        self.label = label
        self.unit = unit
        self.lineInterval = lineInterval
        self.write = write
    }

    /// `bar` when stderr is a terminal, `lines` otherwise.
    public static func automaticStyle() -> Style {
        isatty(2) != 0 ? .bar : .lines
    }

    public func update(_ s: ProgressSnapshot) {
        switch style {
        case .none:
            return
        case .bar:
            guard s.elapsedSeconds - lastDraw >= 0.1 || s.done == s.total else { return }
            lastDraw = s.elapsedSeconds
            write("\r" + Self.barLine(s, label: label, unit: unit) + "\u{1B}[K")
            drewBar = true
        case .lines:
            guard s.elapsedSeconds - lastDraw >= lineInterval else { return }
            if lastDraw < 0 {
                lastDraw = 0
                return
            }
            lastDraw = s.elapsedSeconds
            write(Self.plainLine(s, label: label, unit: unit) + "\n")
        }
    }

    /// Ends the bar's line so the summary starts on a fresh one.
    public func finish() {
        if drewBar { write("\n") }
    }

    public static func barLine(_ s: ProgressSnapshot, label: String, unit: String = "pages", width: Int = 30) -> String
    {
        let fraction = s.total > 0 ? Double(s.done) / Double(s.total) : 1
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rejects = unit == "pages" ? "  \(s.rejects) rejects" : ""
        return
            "\(label) \(bar) \(percent(fraction)) \(s.done)/\(s.total) \(unit)  \(rate(s)) "
            + "\(unit.prefix(1))/s\(rejects)  ETA \(eta(s))"
    }

    public static func plainLine(_ s: ProgressSnapshot, label: String, unit: String = "pages") -> String {
        let fraction = s.total > 0 ? Double(s.done) / Double(s.total) : 1
        guard unit == "pages" else {
            return "\(label): \(s.done)/\(s.total) \(unit) (\(percent(fraction))), \(rate(s)) \(unit)/s, ETA \(eta(s))"
        }
        return
            "\(label): \(s.done)/\(s.total) pages (\(percent(fraction))), \(rate(s)) pages/s, \(s.records) records, "
            + "\(s.rejects) rejects, ETA \(eta(s))"
    }

    static func rate(_ s: ProgressSnapshot) -> Int {
        s.elapsedSeconds > 0 ? Int(Double(s.doneThisRun) / s.elapsedSeconds) : 0
    }

    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded(.down)))%"
    }

    static func eta(_ s: ProgressSnapshot) -> String {
        let rate = s.elapsedSeconds > 0 ? Double(s.doneThisRun) / s.elapsedSeconds : 0
        guard rate > 0 else { return "--" }
        return formatDuration(Double(s.total - s.done) / rate)
    }

    public static func formatDuration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m"
    }
}
