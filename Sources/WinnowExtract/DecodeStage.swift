import WinnowCore
import WinnowHTML

/// The page's text as UTF-8, decoded by ``DecodeStage``.
public struct DecodedPage: Sendable {
    public var utf8: [UInt8]
}

/// `decode`: from the input's bytes to UTF-8 text. Rejects empty, oversized
/// and binary inputs; removes NUL bytes; decodes through the charset chain
/// (BOM, transport charset, `<meta>`, detector: ``CharsetSniffer``); cuts a
/// DOCTYPE's internal subset, whose entities are never expanded.
/// Sets `charset` and warnings; attaches ``DecodedPage``.
public struct DecodeStage: Stage {
    public let name = "decode"
    /// Pages larger than this are rejected before anything else is done with them.
    public var maxBytes: Int

    public init(maxBytes: Int = 20_000_000) { self.maxBytes = maxBytes }

    public static let definition = StageDefinition(
        name: "decode",
        summary:
            "Sniff binary content, remove NUL bytes, decode the charset (BOM, HTTP header, meta, detector) to UTF-8.",
        options: [
            OptionSpec("max_bytes", default: .int(20_000_000), help: "Reject pages larger than this many bytes.")
        ],
        make: { DecodeStage(maxBytes: $0.int("max_bytes")) })

    public func process(_ page: inout Page) throws -> StageOutcome {
        var bytes = page.content.bytes
        guard !bytes.isEmpty else { throw StageFailure(stage: name, reason: "empty file") }
        guard bytes.count <= maxBytes else {
            throw StageFailure(
                stage: name, reason: "page too large: \(bytes.count) bytes, over the limit max_bytes=\(maxBytes)")
        }
        if let kind = ContentSniffer.binaryKind(bytes) {
            throw StageFailure(stage: name, reason: "not a text page: looks like \(kind)")
        }
        if ByteScan.contains(0, in: bytes), !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) {
            let before = bytes.count
            bytes.removeAll { $0 == 0 }
            page.record.warnings.append("removed \(before - bytes.count) NUL bytes")
        }
        let decoded = CharsetSniffer.decode(bytes, declared: page.content.declaredCharset)
        page.record.warnings.append(contentsOf: decoded.warnings)
        page.record.charset = decoded.encoding
        var utf8 = decoded.utf8
        if page.content.format == .html, DoctypeSubset.remove(from: &utf8) {
            page.record.warnings.append("removed the DOCTYPE's internal subset (its entities are never expanded)")
        }
        page.attachments[DecodedPage.self] = DecodedPage(utf8: utf8)
        return .keep
    }
}
