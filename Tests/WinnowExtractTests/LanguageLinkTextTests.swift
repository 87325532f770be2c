import Testing
import WinnowCore

@testable import WinnowExtract

/// Links to another language edition of the page, in both directions, by
/// wording (a language's name and words such as "read", "edition", "보기") or
/// by `hreflang` on the link.
@Suite("Language link texts")
struct LanguageLinkTextTests {
    @Test func aLanguageNameWithReadingWordsNamesAnEdition() {
        #expect(LanguageLinkText.language(of: "View this story in English", allowsBareName: false) == "en")
        #expect(LanguageLinkText.language(of: "Korean edition", allowsBareName: false) == "ko")
        #expect(LanguageLinkText.language(of: "영문 기사로 보기", allowsBareName: false) == "en")
        #expect(LanguageLinkText.language(of: "영문으로 보기", allowsBareName: false) == "en")
        #expect(LanguageLinkText.language(of: "한국어판 보기 »", allowsBareName: false) == "ko")
        #expect(PageFurniture.classify("Read this story in Korean") == .languageLink(language: "ko"))
    }

    @Test func otherWordsOrABareNameAreNotALanguageLink() {
        #expect(LanguageLinkText.language(of: "English teachers in Korea", allowsBareName: false) == nil)
        #expect(LanguageLinkText.language(of: "English", allowsBareName: false) == nil)
        #expect(LanguageLinkText.language(of: "[한국어]", allowsBareName: true) == "ko")
        #expect(LanguageLinkText.language(of: "English or Korean", allowsBareName: false) == nil)
        #expect(PageFurniture.classify("Korean") == nil)
    }

    @Test func onlyALinkToAPageIsAnEdition() {
        #expect(LanguageLinkText.isArticleURL("https://example.com/english/rainy-season-slows-smuggling/"))
        #expect(LanguageLinkText.isArticleURL("https://example.com/korean/read.php?num=111020"))
        #expect(!LanguageLinkText.isArticleURL("https://example.com/english/"))
        #expect(!LanguageLinkText.isArticleURL("https://example.com/en-us"))
        #expect(!LanguageLinkText.isArticleURL("https://example.com/"))
    }

    static let body = """
        <p>장마철을 맞아 압록강 수위가 높아지면서 양강도 혜산 일대의 밀수가 크게 줄어든 것으로 전해졌다.</p>
        <p>소식통은 며칠째 비가 이어지면서 강물이 불어 사람이 걸어서 건널 수 없게 됐다고 말했다.</p>
        """

    /// A Korean page's bare "English" link to the English story is an alternate; the one to the English front page is
    /// not.
    @Test func koreanPageLinksToItsEnglishEdition() throws {
        let record = try extract(
            """
            <html lang="ko"><head><link rel="canonical" href="https://news.example/20190723-1/"></head>
            <body><article><h1>혜산 밀수 주춤</h1>\(Self.body)
            <p><a href="https://news.example/english/">English</a></p>
            <p><a href="https://news.example/english/rainy-season-slows-smuggling/">English</a></p>
            </article></body></html>
            """)
        #expect(
            record.alternates == [
                Record.Alternate(language: "en", url: "https://news.example/english/rainy-season-slows-smuggling/")
            ])
        #expect(!record.text!.contains("English"))
    }

    /// An English page's link marked `hreflang` leads to the Korean edition, whatever its text.
    @Test func linkWithHreflangIsAnAlternate() throws {
        let record = try extract(
            """
            <html lang="en"><head><link rel="canonical" href="https://news.example/english/story/"></head>
            <body><article><h1>Smuggling slows</h1>
            <p>The river rose two metres in a week, and the crossings that traders use closed one after another.</p>
            <p>Boats now carry what people once waded across with. <a hreflang="ko" href="/20190723-1/">원문</a></p>
            </article></body></html>
            """)
        #expect(record.alternates == [Record.Alternate(language: "ko", url: "https://news.example/20190723-1/")])
    }
}
