import Testing

@testable import WinnowExtract

@Suite("AuthorNames")
struct AuthorNamesTests {
    @Test func byAndTwoNamesJoinedByAnd() {
        #expect(AuthorNames.clean("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"])
    }

    @Test func jobTitleAfterACommaIsDropped() {
        #expect(AuthorNames.clean("By Jane Doe, Staff Writer") == ["Jane Doe"])
        #expect(AuthorNames.clean("Kim Chul Soo, Reporter") == ["Kim Chul Soo"])
    }

    @Test func organisationAfterACommaIsDropped() {
        #expect(AuthorNames.clean("By Han Seo Yun, Daily NK") == ["Han Seo Yun"])
    }

    @Test func koreanReporterSuffixIsDropped() {
        #expect(AuthorNames.clean("김철수 기자") == ["김철수"])
        #expect(AuthorNames.clean("김철수·이영희 기자") == ["김철수", "이영희"])
        #expect(AuthorNames.clean("박민수 특파원") == ["박민수"])
    }

    @Test func writtenByAndOtherLeadingWordsAreDropped() {
        #expect(AuthorNames.clean("Written by Jane Doe") == ["Jane Doe"])
        #expect(AuthorNames.clean("BY: Jane Doe") == ["Jane Doe"])
        #expect(AuthorNames.clean("Reporting by Jane Doe") == ["Jane Doe"])
    }

    @Test func ampersandMiddleDotAndSlashSeparateNames() {
        #expect(AuthorNames.clean("Jane Doe & John Roe") == ["Jane Doe", "John Roe"])
        #expect(AuthorNames.clean("Jane Doe · John Roe") == ["Jane Doe", "John Roe"])
        #expect(AuthorNames.clean("Jane Doe / John Roe; Kim Min") == ["Jane Doe", "John Roe", "Kim Min"])
    }

    /// The separator test agrees with a set of the separator characters (whole characters: a comma with a combining
    /// mark is none).
    @Test func separatorsAreWholeCharacters() {
        let separators: Set<Character> = [",", ";", "&", "|", "·", "/", "、", "，", "\n"]
        for character in Array(separators) + [
            "\r\n", "a", ",\u{301}", "\u{301}", "한", "\r", " ", "\u{1F1F0}\u{1F1F7}", ".",
        ] as [Character] {
            #expect(
                AuthorNames.isSeparator(character) == separators.contains(character),
                "\(character.unicodeScalars.map(\.value))")
        }
    }

    @Test func emailsAndDatesAreDropped() {
        #expect(AuthorNames.clean("By Jane Doe, jane.doe@example.test") == ["Jane Doe"])
        #expect(AuthorNames.clean("By Jane Doe, August 10, 2016") == ["Jane Doe"])
        #expect(AuthorNames.clean("Jane Doe, 2016-08-10 17:02") == ["Jane Doe"])
        #expect(AuthorNames.clean("Jane Doe, www.example.test") == ["Jane Doe"])
    }

    /// Meta and JSON-LD authors are often profile URLs.
    @Test func urlsAreDropped() {
        #expect(AuthorNames.clean("By Jane Doe, https://example.test/staff/jane") == ["Jane Doe"])
        #expect(AuthorNames.clean("https://www.facebook.com/janedoe") == [])
    }

    @Test func siteNameIsDropped() {
        #expect(AuthorNames.clean("Jane Doe, Example Herald") == ["Jane Doe", "Example Herald"])
        #expect(AuthorNames.clean("Jane Doe, Example Herald", siteName: "example herald") == ["Jane Doe"])
    }

    @Test func onlyTitleWordsNameNoOne() {
        #expect(AuthorNames.clean("Staff Writer") == [])
        #expect(AuthorNames.clean("By") == [])
        #expect(AuthorNames.clean("Daily NK Newsroom") == [])
    }

    @Test func duplicatesAreMergedInOrder() {
        #expect(AuthorNames.clean("Jane Doe and John Roe and Jane Doe") == ["Jane Doe", "John Roe"])
        #expect(AuthorNames.clean(["By Jane Doe", "John Roe, Jane Doe", "By John Roe"]) == ["Jane Doe", "John Roe"])
    }

    @Test func aLongSentenceIsNoName() {
        #expect(AuthorNames.clean("North Korean authorities raised the price of rice in Hyesan again") == [])
    }

    @Test func germanAndNordicAndBetweenNames() {
        #expect(AuthorNames.clean("Felix Schröder und Jörg Soldwisch") == ["Felix Schröder", "Jörg Soldwisch"])
        #expect(AuthorNames.clean("Trine Jørgensen og Tôrtia Reimer") == ["Trine Jørgensen", "Tôrtia Reimer"])
    }

    @Test func germanLeadingVonIsDropped() {
        #expect(AuthorNames.clean("von David Straub") == ["David Straub"])
    }

    @Test func aDoublyEscapedAmpersandSeparatesNames() {
        #expect(AuthorNames.clean("Maria &amp; Katerina") == ["Maria", "Katerina"])
    }

    @Test func organisationsAreReadOnlyWhenAsked() {
        #expect(AuthorNames.clean("Associated Press") == [])
        #expect(AuthorNames.organisations(["By Associated Press"]) == ["Associated Press"])
        #expect(AuthorNames.organisations(["https://example.test/staff", "Newsroom"]) == ["Newsroom"])
    }

    @Test func aLeadingByGluedToTheNameIsDropped() {
        #expect(AuthorNames.clean("ByAmy Roeder") == ["Amy Roeder"])
        #expect(AuthorNames.clean("Written byDan Pantelo") == ["Dan Pantelo"])
        #expect(AuthorNames.clean("Byron Smith") == ["Byron Smith"])
    }

    @Test func doublyEscapedEntitiesAreNoNames() {
        #expect(AuthorNames.clean("Joe &amp;ndash; &amp;nbsp;") == ["Joe"])
    }

    @Test func anAuthorLabelBeforeTheNameIsDropped() {
        #expect(AuthorNames.clean("Author Isaiah Shelton") == ["Isaiah Shelton"])
        #expect(
            AuthorNames.clean("Authors: Julie Weisenhorn, Natalie Hoidal") == ["Julie Weisenhorn", "Natalie Hoidal"])
        #expect(AuthorNames.clean("Authored by: Dr. Ehsan Jazini") == ["Dr. Ehsan Jazini"])
        #expect(AuthorNames.clean("Author") == [])
    }

    @Test func aBracketAndAnAbbreviationsDotThatEndTheNameStay() {
        #expect(AuthorNames.clean("Jean-Luc Aufranc (CNXSoft)") == ["Jean-Luc Aufranc (CNXSoft)"])
        #expect(AuthorNames.clean("By Jeff T.") == ["Jeff T."])
        #expect(AuthorNames.clean("Jane Roe Jr.") == ["Jane Roe Jr."])
        #expect(AuthorNames.clean("By Jane Roe.") == ["Jane Roe"])
        #expect(AuthorNames.clean("(Jane Roe)") == ["Jane Roe"])
    }

    @Test func aPostedOnLabelIsNoName() {
        #expect(AuthorNames.clean("Posted On") == [])
    }
}
