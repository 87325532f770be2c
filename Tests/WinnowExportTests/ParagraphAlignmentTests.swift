import Testing

@testable import WinnowExport

@Suite("ParagraphAlignment")
struct ParagraphAlignmentTests {
    @Test func paragraphsOfProportionalLengthAlignOneToOne() {
        // Korean text is about 2.5 times shorter in characters: the ratio is the pair's own.
        let beads = ParagraphAlignment.align(left: [250, 400, 120, 300], right: [100, 160, 48, 120])
        #expect(beads.map(\.left) == [[0], [1], [2], [3]])
        #expect(beads.map(\.right) == [[0], [1], [2], [3]])
        #expect(beads.allSatisfy { abs($0.score - 0.89) < 0.01 })
    }

    @Test func aParagraphSplitInTranslationBecomesATwoToOneBead() {
        let beads = ParagraphAlignment.align(left: [300, 200, 210, 400], right: [300, 410, 400])
        #expect(beads.map(\.left) == [[0], [1, 2], [3]])
        #expect(beads.map(\.right) == [[0], [1], [2]])
    }

    @Test func aParagraphWithNoCounterpartStandsAlone() {
        let beads = ParagraphAlignment.align(left: [300, 40, 300, 300], right: [300, 300, 300])
        #expect(beads.contains { $0.left == [1] && $0.right.isEmpty } || beads.contains { $0.left.count == 2 })
        #expect(beads.flatMap(\.left) == [0, 1, 2, 3])
        #expect(beads.flatMap(\.right) == [0, 1, 2])
    }

    @Test func emptySidesGiveNoBeadsOrOnlyUnmatchedOnes() {
        #expect(ParagraphAlignment.align(left: [], right: []).isEmpty)
        let beads = ParagraphAlignment.align(left: [10, 20], right: [])
        #expect(beads.map(\.left) == [[0], [1]] && beads.allSatisfy { $0.right.isEmpty })
    }

    @Test func theScoreIsTheGeometricMeanOfTheBeads() {
        let beads = [
            ParagraphAlignment.Bead(left: [0], right: [0], score: 0.8),
            ParagraphAlignment.Bead(left: [1], right: [1], score: 0.2),
        ]
        #expect(abs(ParagraphAlignment.score(beads) - 0.4) < 1e-9)
    }
}

@Suite("TranslationPairs")
struct TranslationPairsTests {
    @Test func urlsCompareWithoutSchemeWwwSlashFragmentOrEscapeCase() {
        let forms = [
            "https://www.DailyNK.com/english/a-b/", "http://dailynk.com/english/a-b",
            "https://dailynk.com:443/english/a-b/#top",
            "https://dailynk.com/english/a%2Db",
        ]
        #expect(Set(forms.map(TranslationPairs.normalize)) == ["dailynk.com/english/a-b"])
        #expect(TranslationPairs.normalize("https://x.org/%ed%8f%89") == "x.org/%ED%8F%89")
        #expect(TranslationPairs.normalize("https://x.org/a?b=1") != TranslationPairs.normalize("https://x.org/a?b=2"))
    }
}
