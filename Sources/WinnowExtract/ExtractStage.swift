import Foundation
import WinnowCore
import WinnowHTML

/// Decodes, parses and extracts one page into the record: title, body
/// paragraphs, captions and head metadata.
public struct ExtractStage: Stage {
    public let name = "extract"
    /// Pages larger than this are rejected before parsing.
    public var maxBytes: Int
    /// Pages with less body text than this are rejected as having no text.
    public var minTextCharacters: Int

    public init(maxBytes: Int = 20_000_000, minTextCharacters: Int = 1) {
        self.maxBytes = maxBytes
        self.minTextCharacters = minTextCharacters
    }

    /// Below this many bytes of body text, a walk without class hints is tried.
    static let shortBodyBytes = 200

    public static let definition = StageDefinition(
        name: "extract",
        summary: "Decode, parse (libxml2) and extract title, body paragraphs, captions and head metadata.",
        options: [
            OptionSpec("max_bytes", default: .int(20_000_000), help: "Reject pages larger than this many bytes."),
            OptionSpec("min_text_chars", default: .int(1), help: "Reject pages whose body text is shorter than this."),
        ],
        make: { ExtractStage(maxBytes: $0.int("max_bytes"), minTextCharacters: $0.int("min_text_chars")) })

    public func process(_ page: inout Page) throws -> StageOutcome {
        var bytes = page.content.bytes
        guard !bytes.isEmpty else { throw StageFailure(stage: name, reason: "empty file") }
        guard bytes.count <= maxBytes else {
            throw StageFailure(stage: name, reason: "page too large: \(bytes.count) bytes, over the limit max_bytes=\(maxBytes)")
        }
        if let kind = ContentSniffer.binaryKind(bytes) {
            throw StageFailure(stage: name, reason: "not a text page: looks like \(kind)")
        }
        let charset = CharsetSniffer.sniff(bytes, declared: page.content.declaredCharset)
        if let warning = charset.warning { page.record.warnings.append(warning) }
        page.record.charset = charset.encoding

        if !charset.encoding.hasPrefix("UTF-16"), bytes.contains(0) {
            let before = bytes.count
            bytes.removeAll { $0 == 0 }
            page.record.warnings.append("removed \(before - bytes.count) NUL bytes")
        }

        switch page.content.format {
        case .text:
            try extractPlainText(bytes, encoding: charset.encoding, into: &page.record)
        case .html:
            try extractHTML(bytes, encoding: charset.encoding, into: &page)
        }

        let text = page.record.paragraphs.map(\.text).joined(separator: "\n\n")
        guard text.count >= minTextCharacters else {
            throw StageFailure(stage: name, reason: "no body text (\(text.count) characters, min_text_chars=\(minTextCharacters))")
        }
        page.record.text = text
        return .keep
    }

    private func extractHTML(_ bytes: [UInt8], encoding: String, into page: inout Page) throws {
        let document: HTMLDocument
        do {
            document = try HTMLDocument(bytes: bytes, encoding: encoding, url: page.content.url)
        } catch {
            throw StageFailure(stage: name, reason: "HTML parse failed: \(error.reason)")
        }
        var extractor = ArticleExtractor()
        document.walk(&extractor)
        if extractor.paragraphs.reduce(0, { $0 + $1.text.utf8.count }) < Self.shortBodyBytes {
            var plain = ArticleExtractor()
            plain.usesClassHints = false
            document.walk(&plain)
            if plain.paragraphs.reduce(0, { $0 + $1.text.utf8.count }) > 2 * Self.shortBodyBytes {
                extractor = plain
                page.record.warnings.append("class hints dropped nearly all text; extracted without them")
            }
        }

        var paragraphs = extractor.paragraphs
        let title = extractor.title
        // The headline is the title, not the first line of the body.
        if let title, let first = paragraphs.firstIndex(where: { $0.kind == .heading }), paragraphs[first].text == title {
            paragraphs.remove(at: first)
        }
        page.record.title = title
        page.record.paragraphs = paragraphs
        page.record.captions = extractor.captions
        page.record.description = extractor.metaDescription
        page.record.siteName = extractor.siteName
        page.record.canonicalURL = extractor.canonicalURL
        if let lang = extractor.htmlLanguage {
            // A hint only; the language stage decides.
            page.record.language = lang.split(separator: "-").first.map { $0.lowercased() }
        }
    }

    /// Plain text: paragraphs are separated by blank lines; a short first
    /// line is the headline.
    private func extractPlainText(_ bytes: [UInt8], encoding: String, into record: inout Record) throws {
        let text: String
        if encoding == "UTF-8" {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            let foundation: String.Encoding = encoding == "WINDOWS-1252" ? .windowsCP1252 : .utf8
            text = String(data: Data(bytes), encoding: foundation) ?? String(decoding: bytes, as: UTF8.self)
        }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var blocks = normalized.components(separatedBy: "\n\n").map(TextNormalizer.collapse).filter { !$0.isEmpty }
        if let first = normalized.split(separator: "\n", maxSplits: 1).first {
            let line = TextNormalizer.collapse(String(first))
            if !line.isEmpty, line.count <= 200, blocks.count > 1 {
                record.title = line
                if blocks[0] == line {
                    blocks.removeFirst()
                } else if blocks[0].hasPrefix(line) {
                    blocks[0] = TextNormalizer.collapse(String(blocks[0].dropFirst(line.count)))
                    if blocks[0].isEmpty { blocks.removeFirst() }
                }
            }
        }
        record.paragraphs = blocks.map { Record.Paragraph(text: $0) }
    }
}
