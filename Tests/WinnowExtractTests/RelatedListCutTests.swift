import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("RelatedListCut")
struct RelatedListCutTests {
    static let sentences = [
        "Go tracks the modules a program depends on in its go.mod file, and records their checksums in go.sum.",
        "When you add a dependency, the go command downloads it, checks it against the checksum database, "
            + "and keeps it.",
        "Upgrading a dependency is the same command with a newer version, or with the word latest after the path.",
        "Removing the last import of a module leaves it listed until go mod tidy drops what no package needs.",
    ]

    /// A "See also" line inside a document, followed by the rest of the
    /// document in the same container, is prose: the text after it stays.
    @Test func aHeadingPhraseInsideTheTextDoesNotCutTheRestOfTheDocument() throws {
        let s = Self.sentences
        let record = try extract(
            """
            <html><body><div class="doc"><p>\(s[0])</p><p><strong>See also</strong></p>
            <ul><li>If you are new to modules, the <a href="/tutorial">getting started tutorial</a> is a brief \
            introduction to the commands used here.</li></ul>
            <h2>Adding a dependency</h2><p>\(s[1])</p><h2>Upgrading</h2><p>\(s[2])</p><p>\(s[3])</p>
            </div></body></html>
            """)
        let text = try #require(record.text)
        for sentence in s { #expect(text.contains(sentence)) }
        #expect(text.contains("getting started tutorial"))
    }

    /// The same phrase inside the text followed by less than half of the
    /// page's text still cuts what follows it in its container (a teaser).
    @Test func aHeadingInsideTheTextStillCutsAShortTeaserAfterIt() throws {
        let s = Self.sentences
        let teaser = "Another story: the city council approved a new budget for its public libraries on Tuesday."
        let record = try extract(
            """
            <html><body><div id="story"><p>\(s[0])</p><p>\(s[1])</p><p>\(s[2])</p>
            <p>Related stories</p><p>\(teaser)</p></div></body></html>
            """)
        #expect(record.paragraphs.map(\.text) == [s[0], s[1], s[2]])
    }

    @Test func theCutIsDecidedByTheShareOfTextAfterTheHeading() {
        // Paragraphs 0-1 before the heading (2), 3-4 after it, all in container 7.
        let ancestors = [[7], [7], [7], [7], [7]]
        let kept = [Bool](repeating: true, count: 5)
        #expect(
            RelatedListCut.cut(after: 2, in: 7, ancestors: ancestors, lengths: [100, 100, 10, 50, 50], kept: kept) == [
                3, 4,
            ])
        #expect(
            RelatedListCut.cut(after: 2, in: 7, ancestors: ancestors, lengths: [100, 50, 10, 100, 100], kept: kept)
                .isEmpty)
        // A heading that heads its container cuts whatever follows.
        #expect(
            RelatedListCut.cut(after: 0, in: 7, ancestors: ancestors, lengths: [10, 100, 100, 100, 100], kept: kept)
                == [
                    1, 2, 3, 4,
                ])
    }
}
