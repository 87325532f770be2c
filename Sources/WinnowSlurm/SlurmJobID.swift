import Foundation
import WinnowCore

/// Reads the job id out of what `sbatch` prints: `Submitted batch job 123`,
/// `Submitted batch job 123 on cluster alpha` (federations, `--clusters`),
/// or `--parsable`'s `123` and `123;alpha`.
public enum SlurmJobID {
    public static func parse(_ output: String) throws(ConfigurationError) -> String {
        for line in output.split(whereSeparator: \.isNewline).reversed() {
            let words = line.split(separator: " ")
            if let job = words.firstIndex(of: "job"), job > 0, words[job - 1] == "batch", job + 1 < words.count,
                isJobID(words[job + 1])
            {
                return String(words[job + 1])
            }
            let parsable = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if words.count == 1, isJobID(Substring(parsable)) { return parsable }
        }
        throw ConfigurationError(
            "cannot read a job id from sbatch's output: '\(output.trimmingCharacters(in: .whitespacesAndNewlines))'")
    }

    static func isJobID(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isASCIIDigit)
    }

    /// `MaxArraySize` from `scontrol show config` (`MaxArraySize = 1001`); nil when absent.
    public static func maxArraySize(fromConfig config: String) -> Int? {
        for line in config.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "MaxArraySize", let value = Int(parts[1]) { return value }
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
