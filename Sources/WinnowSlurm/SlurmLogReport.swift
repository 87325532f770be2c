import Foundation

/// What a job's log in `RUNDIR/logs/` says about its last attempt.
public struct SlurmLogReport: Sendable, Equatable {
    /// Hosts the attempts started on, in order.
    public var hosts: [String] = []
    /// The exit status of the last finished attempt.
    public var exitStatus: Int?
    /// The last `winnow: error:` line.
    public var error: String?

    /// Reads the `winnow-slurm:` lines the job scripts print and winnow's error lines.
    public init(log: String) {
        for line in log.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ")
            // Start lines: `winnow-slurm: … on HOST …` without an exit status.
            if line.hasPrefix("winnow-slurm: "), !words.contains("exit"), let on = words.firstIndex(of: "on"),
                on + 1 < words.count
            {
                hosts.append(String(words[on + 1]))
            }
            if line.hasPrefix("winnow-slurm: "), let exit = words.firstIndex(of: "exit"), exit + 1 < words.count,
                let rc = Int(words[exit + 1])
            {
                exitStatus = rc
            }
            if line.hasPrefix("winnow: error: ") { error = String(line.dropFirst("winnow: error: ".count)) }
        }
    }

    public var failed: Bool { (exitStatus ?? 0) != 0 && exitStatus != 75 }

    public static func read(_ path: String) -> SlurmLogReport? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SlurmLogReport(log: String(decoding: data, as: UTF8.self))
    }
}
