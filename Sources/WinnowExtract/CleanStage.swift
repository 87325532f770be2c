import WinnowCore
import WinnowHTML

/// The page as libxml2 will parse it, made by ``CleanStage``.
public struct CleanedPage: Sendable {
    /// The decoded page less what the extractor skips unread.
    public var parserInput: [UInt8]
    /// Whether the pre-parse filter ran (the extractor's other cuts follow it).
    public var usesPreParseFilter: Bool
}

/// `clean`: what never reaches the extractor. The byte-level pre-parse filter
/// (``ParseFilter``) cuts scripts, styles, SVG, comments, page landmarks
/// (header, nav, footer, aside) and the blocks the extractor's class rules
/// would skip unread, keeping JSON-LD and the head tags the extractor reads;
/// the chrome rules that need the parse run inside `extract`'s one walk.
/// Rejects pages with more tags than `max_tags`; attaches ``CleanedPage``.
/// Needs `decode`. HTML only: text pages pass through.
public struct CleanStage: Stage {
    public let name = "clean"
    /// Pages with more tags (counted after the pre-parse filter) are
    /// rejected: a page made of tiny elements costs the extractor and, for
    /// profile pages, libxml2's tree (~40 bytes per input byte) the most.
    public var maxTags: Int
    /// Cut what the extractor skips before libxml2 parses the page.
    public var usesPreParseFilter = true

    public init(maxTags: Int = 500_000) { self.maxTags = maxTags }

    public static let definition = StageDefinition(
        name: "clean",
        summary:
            "Cut scripts, styles, comments, page landmarks and skipped blocks before parsing (the pre-parse filter).",
        options: [
            OptionSpec(
                "max_tags", default: .int(500_000),
                help: "Reject pages with more tags (each '<' left after the pre-parse filter counts) than this.")
        ],
        requires: ["decode"],
        make: { CleanStage(maxTags: $0.int("max_tags")) })

    public func process(_ page: inout Page) throws -> StageOutcome {
        guard page.content.format == .html else { return .keep }
        guard let decoded = page.attachments[DecodedPage.self] else {
            throw StageFailure(stage: name, reason: "no decoded text (the pipeline needs decode before clean)")
        }
        let input = Self.parserInput(decoded.utf8, cutting: .classHints, filter: usesPreParseFilter)
        // Counted on what libxml2 will parse.
        let tags = ByteScan.count(of: UInt8(ascii: "<"), in: input)
        guard tags <= maxTags else {
            throw StageFailure(stage: name, reason: "too many tags: \(tags), over the limit max_tags=\(maxTags)")
        }
        page.attachments[CleanedPage.self] = CleanedPage(parserInput: input, usesPreParseFilter: usesPreParseFilter)
        return .keep
    }

    /// What the pre-parse filter cuts besides scripts, styles and comments.
    enum Cut {
        /// Landmarks, and `div`/`section` blocks the extractor skips unread with class hints.
        case classHints
        /// Landmarks, and hidden blocks (the walk without class hints).
        case hiddenOnly
        /// Landmarks only, and every attribute kept (a profile's XPath may name any).
        case landmarksOnly
    }

    /// The page as libxml2 will read it (``ParseFilter``): what the extractor
    /// would skip whole is cut out before parsing.
    static func parserInput(_ utf8: [UInt8], cutting cut: Cut, filter: Bool) -> [UInt8] {
        guard filter else { return ParseFilter.withoutHTMLEndTags(utf8) }
        let skipping =
            switch cut {
            case .classHints: ExtractionPolicy.skippedWithClassHints
            case .hiddenOnly: ExtractionPolicy.skippedHiddenOnly
            case .landmarksOnly: ExtractionPolicy.skippedLandmarksOnly
            }
        // The profile's tree keeps every attribute and meta tag (its XPath may name any).
        let stream = cut != .landmarksOnly
        return ParseFilter.filter(
            utf8, skipping: skipping, keepingAttributes: stream ? ExtractionPolicy.attributes : nil,
            headTags: stream ? ExtractionPolicy.headTags : nil
        ).bytes
    }
}
