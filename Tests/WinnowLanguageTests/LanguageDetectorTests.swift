import Testing
import WinnowCore

@testable import WinnowLanguage

@Suite("LanguageDetector (CLD2)")
struct LanguageDetectorTests {
    @Test(arguments: [
        (
            "en",
            "North Korean residents fleeing to China by way of the Tumen River face increased risk of arrest upon "
                + "arrival, following tighter surveillance."
        ),
        (
            "ko",
            "북한 양강도 혜산시의 쌀값이 최근 한 달 사이에 "
                + "크게 올랐다고 내부 소식통이 전했다. "
                + "소식통은 장마철을 앞두고 국경 경비가 "
                + "강화되면서 밀수가 줄었다고 말했다."
        ),
        (
            "ja",
            "北朝鮮の国境地域では、最近の取り締まり強化により、"
                + "市場での米の価格が大きく上昇していると現地の情報筋が伝えた。"
        ),
        (
            "zh",
            "朝鲜边境地区最近加强了管控，市场上的大米价格大幅上涨，"
                + "当地消息人士表示，走私活动明显减少。"
        ),
        (
            "ru",
            "Жители Северной Кореи, бегущие в Китай через реку "
                + "Туманную, рискуют быть арестованными сразу после "
                + "прибытия."
        ),
    ])
    func detectsTheLanguage(expected: String, text: String) throws {
        let result = try #require(LanguageDetector.detect(text))
        #expect(result.guesses.first?.language == expected)
        #expect(result.reliable)
    }

    @Test func mixedKoreanAndEnglishNamesBothAmongTheTopThree() throws {
        let text =
            "북한 양강도 혜산시의 쌀값이 최근 크게 올랐다고 소식통이 전했다. "
            + "Rice prices in Hyesan rose sharply this month, a source in the province said on Thursday."
        let result = try #require(LanguageDetector.detect(text))
        let languages = result.guesses.map(\.language)
        #expect(languages.contains("ko") && languages.contains("en"), "\(result)")
    }

    @Test func emptyTextGivesNothing() {
        #expect(LanguageDetector.detect("") == nil)
    }
}

@Suite("LanguageStage")
struct LanguageStageTests {
    @Test func setsDocumentAndParagraphLanguagesShortOnesInherit() throws {
        var page = Page(
            input: InputRef(key: "a.html", kind: .file, location: "a.html"),
            content: InputContent(bytes: [], format: .html))
        let english = "Rice prices in Hyesan rose sharply this month as the lean season dragged on, a source said."
        let korean =
            "북한 양강도 혜산시의 쌀값이 최근 한 달 사이에 "
            + "크게 올랐다고 내부 소식통이 전했다."
        page.record.paragraphs = [
            Record.Paragraph(text: english), Record.Paragraph(text: english), Record.Paragraph(text: "OK."),
            Record.Paragraph(text: korean),
        ]
        page.record.text = page.record.paragraphs.map(\.text).joined(separator: "\n\n")
        page.record.language = "fr"  // an <html lang> hint that CLD2 overrides
        #expect(try LanguageStage().process(&page) == .keep)
        #expect(page.record.language == "en")
        let confidence = try #require(page.record.languageConfidence)
        #expect(confidence > 0.5 && confidence <= 1)
        #expect(page.record.paragraphs.map(\.language) == ["en", "en", "en", "ko"])
    }
}
