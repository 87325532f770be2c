import Foundation
import WinnowCore

/// Sets `dedup.text_hash`: a hash of the body after Unicode NFKC, case
/// folding and whitespace collapsing, so exact duplicates that differ only in
/// form (full-width digits, case, line breaks) share it.
public struct TextHashStage: Stage {
    public let name = "text_hash"

    public init() {}

    public static let definition = StageDefinition(
        name: "text_hash", summary: "Hash the normalized body text into dedup.text_hash (exact duplicates share it).",
        options: [], make: { _ in TextHashStage() })

    public func process(_ page: inout Page) throws -> StageOutcome {
        guard let text = page.record.text, !text.isEmpty else { return .keep }
        var dedup = page.record.dedup ?? Record.Dedup()
        dedup.textHash = Self.hash(text)
        page.record.dedup = dedup
        return .keep
    }

    public static func normalize(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public static func hash(_ text: String) -> String {
        let normalized = normalize(text)
        return StableHash.hex(StableHash.hash64(normalized)) + StableHash.hex(StableHash.hash64(normalized, seed: 0x5bd1_e995))
    }
}
