import Testing
import WinnowHTML

@testable import WinnowExtract

/// What the walk reads, declared once, is what the pre-parse filter keeps.
@Suite("ExtractionPolicy")
struct ExtractionPolicyTests {
    @Test func metaKeysCoverWhatTheRecordReads() {
        #expect(!ExtractionPolicy.metaKeys.contains("twitter:title"))
        #expect(
            ExtractionPolicy.metaKeys.isSuperset(
                of: RecordAssembler.publishedMetaKeys + RecordAssembler.fallbackPublishedMetaKeys
                    + RecordAssembler.modifiedMetaKeys))
    }

    /// What the pre-parse filter asks of a head meta key or link rel, as written.
    @Test func headTagsAreAskedAsWritten() {
        func mayRead(_ key: String) -> Bool { ExtractionPolicy.mayReadMeta(Array(key.utf8).span) }
        #expect(mayRead("OG:Title") && mayRead("keywords") && mayRead("저자"))
        #expect(!mayRead("twitter:title") && !mayRead("viewport") && !mayRead(""))
        func mayReadLink(_ rel: String) -> Bool { ExtractionPolicy.mayReadLink(Array(rel.utf8).span) }
        #expect(mayReadLink("Canonical") && mayReadLink("alternate"))
        #expect(!mayReadLink("stylesheet") && !mayReadLink("alternate stylesheet") && !mayReadLink(""))
    }

    /// Every attribute ``CommonAttributes`` reads on each element is declared, and the walk's
    /// declaration is the one the filter keeps.
    @Test func declaredAttributesAreWhatTheFilterKeeps() {
        for name in CommonAttributes.names { #expect(ExtractionPolicy.attributes.contains(name), "\(name)") }
        for attribute in ExtractionPolicy.Attribute.allCases {
            #expect(ExtractionPolicy.attributes.contains(attribute.name.description))
        }
        #expect(ExtractionPolicy.attributes.contains("charset") && ExtractionPolicy.attributes.contains("HREF"))
        #expect(!ExtractionPolicy.attributes.contains("data-src") && !ExtractionPolicy.attributes.contains("onclick"))
        #expect(ArticleExtractor.readAttributes != nil)
        // The landmarks the filter cuts are ones the walk skips.
        #expect(Set(ExtractionPolicy.cutLandmarks).isSubset(of: ArticleExtractor.skippedTags))
        let html = #"<p id="x" data-src="a.jpg" onclick="go()" href="/a" datetime="2024">t</p>"#
        let filtered = ParseFilter.filter(
            Array(html.utf8), skipping: ExtractionPolicy.skippedLandmarksOnly,
            keepingAttributes: ExtractionPolicy.attributes)
        // `id` stays, emptied: of a word list only the words class hints read are kept.
        #expect(String(decoding: filtered.bytes, as: UTF8.self) == #"<p id="" href="/a" datetime="2024">t</p>"#)
    }
}
