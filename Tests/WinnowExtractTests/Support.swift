import Testing
import WinnowCore

@testable import WinnowExtract

/// A page for the extract stage, as a loader would hand it over.
func makePage(_ bytes: [UInt8], format: InputContent.Format = .html, declared: String? = nil) -> Page {
    Page(
        input: InputRef(key: "news/page.html", kind: .file, location: "/archive/news/page.html"),
        content: InputContent(bytes: bytes, format: format, declaredCharset: declared))
}

/// decode → clean → extract → translation, as the default pipeline runs them.
struct ExtractionStages {
    var decode = DecodeStage()
    var clean = CleanStage()
    var extract = ExtractStage()
    var translation: TranslationStage? = TranslationStage()

    init(decode: DecodeStage = DecodeStage(), clean: CleanStage = CleanStage(), extract: ExtractStage = ExtractStage())
    {
        self.decode = decode
        self.clean = clean
        self.extract = extract
    }

    /// A pipeline with the pre-parse filter on or off.
    init(preParseFilter: Bool) {
        clean.usesPreParseFilter = preParseFilter
    }

    func process(_ page: inout Page) throws -> StageOutcome {
        let stages: [any Stage] = [decode, clean, extract] + (translation.map { [$0] } ?? [])
        for stage in stages {
            let outcome = try stage.process(&page)
            if outcome != .keep { return outcome }
        }
        return .keep
    }
}

/// Runs the stages; the page must be kept.
func extract(
    _ bytes: [UInt8], format: InputContent.Format = .html, declared: String? = nil,
    stage: ExtractStage = ExtractStage(), stages: ExtractionStages? = nil
) throws -> Record {
    var page = makePage(bytes, format: format, declared: declared)
    let outcome = try (stages ?? ExtractionStages(extract: stage)).process(&page)
    #expect(outcome == .keep)
    return page.record
}

func extract(
    _ html: String, format: InputContent.Format = .html, stage: ExtractStage = ExtractStage(),
    stages: ExtractionStages? = nil
) throws -> Record {
    try extract(Array(html.utf8), format: format, stage: stage, stages: stages)
}

/// Runs the stages; returns the reject one threw (nil, and a recorded issue, if they kept the page).
func rejection(
    _ bytes: [UInt8], format: InputContent.Format = .html, stage: ExtractStage = ExtractStage(),
    stages: ExtractionStages? = nil
) -> StageFailure? {
    var page = makePage(bytes, format: format)
    do {
        let outcome = try (stages ?? ExtractionStages(extract: stage)).process(&page)
        Issue.record("expected a reject, got \(outcome)")
        return nil
    } catch let failure as StageFailure {
        return failure
    } catch {
        Issue.record("expected a StageFailure, got \(error)")
        return nil
    }
}

/// "북한 주민들이 시장에서 쌀을 샀다. 똠방각하" in CP949 (똠 exists only in CP949, not in EUC-KR
/// proper).
let koreanSentenceCP949: [UInt8] = [
    186, 207, 199, 209, 32, 193, 214, 185, 206, 181, 233, 192, 204, 32, 189, 195, 192, 229, 191, 161, 188, 173, 32,
    189, 210, 192, 187, 32, 187, 242, 180, 217, 46, 32, 140, 99, 185, 230, 176, 162, 199, 207,
]
let koreanSentence = "북한 주민들이 시장에서 쌀을 샀다. 똠방각하"
/// "제목" in CP949.
let koreanTitleCP949: [UInt8] = [193, 166, 184, 241]
