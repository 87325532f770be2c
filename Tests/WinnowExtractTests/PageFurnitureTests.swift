import Testing

@testable import WinnowExtract

@Suite("PageFurniture")
struct PageFurnitureTests {
    // MARK: Bylines

    @Test func byNameIsABylineWithoutADate() {
        #expect(PageFurniture.classify("By Jane Doe") == .byline(authors: ["Jane Doe"], date: nil))
        #expect(
            PageFurniture.classify("By Jane Doe and John Roe, Staff Writers")
                == .byline(authors: ["Jane Doe", "John Roe"], date: nil))
    }

    @Test func nameBarDateIsABylineWithTheDate() {
        // Spaces and no-break spaces around the bar, as Daily NK prints it.
        let line = "Jane Doe \u{00A0}|\u{00A0} 2016-08-10 17:02"
        let date = WrittenDate(year: 2016, month: 8, day: 10, hour: 17, minute: 2)
        #expect(PageFurniture.classify(line) == .byline(authors: ["Jane Doe"], date: date))
    }

    @Test func koreanReporterBarDateIsAByline() {
        #expect(
            PageFurniture.classify("김철수 기자 | 2019.07.23")
                == .byline(authors: ["김철수"], date: WrittenDate(year: 2019, month: 7, day: 23)))
    }

    @Test func byNameOnADateTakesTheNameBeforeOn() {
        #expect(
            PageFurniture.classify("By Jane Doe on August 10, 2016")
                == .byline(authors: ["Jane Doe"], date: WrittenDate(year: 2016, month: 8, day: 10)))
    }

    // MARK: Credits

    @Test func translatedByWithAnAsterisk() {
        #expect(PageFurniture.classify("*Translated by Jane Doe") == .credit(translators: ["Jane Doe"], editors: []))
    }

    @Test func translatedByTwoPeople() {
        #expect(
            PageFurniture.classify("Translated by Jane Doe and John Roe")
                == .credit(translators: ["Jane Doe", "John Roe"], editors: []))
    }

    @Test func translatedByThenEditedBy() {
        #expect(
            PageFurniture.classify("Translated by Jane Doe. Edited by John Roe.")
                == .credit(translators: ["Jane Doe"], editors: ["John Roe"]))
    }

    @Test func translatedAndEditedByOnePerson() {
        #expect(
            PageFurniture.classify("Translated and edited by Jane Doe")
                == .credit(translators: ["Jane Doe"], editors: ["Jane Doe"]))
    }

    @Test func editedByAlone() {
        #expect(PageFurniture.classify("Edited by John Roe") == .credit(translators: [], editors: ["John Roe"]))
    }

    @Test func koreanTranslationCredits() {
        #expect(PageFurniture.classify("번역: 김철수") == .credit(translators: ["김철수"], editors: []))
        #expect(
            PageFurniture.classify("번역 김철수 / 감수 이영희")
                == .credit(translators: ["김철수"], editors: ["이영희"]))
        #expect(PageFurniture.classify("김철수 번역") == .credit(translators: ["김철수"], editors: []))
    }

    // MARK: Language links

    @Test func languageLinks() {
        #expect(PageFurniture.classify("Read in Korean") == .languageLink(language: "ko"))
        #expect(PageFurniture.classify("» Read in Korean") == .languageLink(language: "ko"))
        #expect(PageFurniture.classify("영문 보기") == .languageLink(language: "en"))
    }

    @Test func profileAddsLanguageLinkTexts() {
        #expect(PageFurniture.classify("Zum Original auf Koreanisch") == nil)
        #expect(
            PageFurniture.classify("Zum Original auf Koreanisch", languageLinks: ["Zum Original auf Koreanisch": "ko"])
                == .languageLink(language: "ko"))
    }

    // MARK: Captions, headings, boilerplate

    @Test func captionLines() {
        #expect(PageFurniture.classify("FILE PHOTO: Soldiers march in Pyongyang, April 15, 2017.") == .caption)
        #expect(PageFurniture.classify("Photo: Daily NK") == .caption)
        #expect(PageFurniture.classify("사진=연합뉴스") == .caption)
    }

    @Test func relatedHeadings() {
        #expect(PageFurniture.classify("Related Articles") == .relatedHeading)
        #expect(PageFurniture.classify("관련기사") == .relatedHeading)
        #expect(PageFurniture.classify("More from Daily NK") == .relatedHeading)
    }

    @Test func commentPolicy() {
        #expect(
            PageFurniture.classify("Comments containing links or advertising will be deleted without notice.")
                == .boilerplate)
        #expect(PageFurniture.classify("욕설이나 광고성 댓글은 삭제됩니다.") == .boilerplate)
    }

    @Test func contactLineWithAnEmail() {
        #expect(
            PageFurniture.classify("Please direct any questions about this article to tips@example.test.")
                == .boilerplate)
        #expect(
            PageFurniture.classify(
                "이 기사에 대한 제보는 " + "news@example.test 로 보내주세요.") == .boilerplate)
    }

    @Test func copyrightLines() {
        #expect(PageFurniture.classify("© 2019 Daily NK. All rights reserved.") == .boilerplate)
        #expect(
            PageFurniture.classify("저작권자 ⓒ 데일리NK, " + "무단전재 및 재배포 금지")
                == .boilerplate)
        #expect(PageFurniture.classify("Copyright 2019 Example Herald") == .boilerplate)
    }

    @Test func syndicationNote() {
        #expect(PageFurniture.classify("This article first appeared on NK News, a partner site.") == .boilerplate)
    }

    @Test func profileBoilerplatePhrase() {
        let line = "Daily NK works with a network of sources in North Korea."
        #expect(PageFurniture.classify(line) == nil)
        #expect(
            PageFurniture.classify(line, boilerplatePhrases: ["Daily NK works with a network of sources"])
                == .boilerplate)
    }

    // MARK: Article text

    @Test func ordinaryArticleSentencesAreNoFurniture() {
        let sentences = [
            "Rain fell for days in the border city of Sinuiju, residents said.",
            "North Korean authorities raised rice prices on 2016-08-10 in Hyesan, a source told Daily NK.",
            "Traders in Hyesan said the price had doubled since spring | and kept rising through the summer.",
            "Rice cost 5,000 won in Hyesan | corn cost 2,000 won in Musan",
            "The market was closed by the police on Tuesday.",
            "An official used the address info@mofa.test to register the trading company.",
            "The speech was translated into English by state media and broadcast twice.",
            "The company sued over copyright claims last year.",
            "Photographers were barred from the ceremony.",
            "Kim Jong Un visited the factory on Wednesday.",
        ]
        for sentence in sentences {
            #expect(PageFurniture.classify(sentence) == nil, "\(sentence)")
        }
    }

    /// A short sentence that starts with "By" is article text.
    @Test func shortSentenceStartingWithByIsNoByline() {
        #expect(PageFurniture.classify("By Tuesday, prices had doubled.") == nil)
    }

    @Test func languageLinksAreReadWhateverTheCaseAndPunctuation() {
        #expect(PageFurniture.languageOfLink("Read in Korean") == "ko")
        #expect(PageFurniture.languageOfLink(" *READ IN ENGLISH >> ") == "en")
        #expect(PageFurniture.languageOfLink("영문 보기 »") == "en")
        #expect(PageFurniture.languageOfLink("Read more") == nil)
        // The byte path for ASCII gives what lowercasing and trimming by Characters gives.
        for text in ["Read in Korean", " *READ IN ENGLISH >> ", "\tIn English.\r\n", "|x|", "...", "A:B"] {
            #expect(
                PageFurniture.asciiBare(text) == text.lowercased().trimmed(PageFurniture.linkPunctuation), "\(text)")
        }
        #expect(PageFurniture.asciiBare("영문 보기") == nil)
        // A profile's own texts are looked up as written and bare.
        #expect(
            PageFurniture.languageOfLink("Auf Englisch weiterlesen", extra: ["auf englisch weiterlesen": "en"]) == "en")
        #expect(PageFurniture.languageOfLink("Auf Englisch weiterlesen") == nil)
        // A language's name with reading words needs no profile (``LanguageLinkText``).
        #expect(PageFurniture.languageOfLink("Lire en anglais") == "en")
    }

    /// Every listed start marks a line as boilerplate: the first-byte gate lets each through.
    @Test func everyBoilerplateStartMarksALine() {
        for start in PageFurniture.boilerplateStarts {
            let line = start + " 2024 Example News. Reprinted with permission of the publisher."
            #expect(PageFurniture.isBoilerplate(line, head: line.asciiLowercasedPrefix(40)), "\(start)")
            #expect(PageFurniture.classify(line) == .boilerplate, "\(start)")
            if start.allSatisfy(\.isASCII) {
                #expect(PageFurniture.classify(line.uppercased()) == .boilerplate, "\(start)")
            }
        }
        #expect(PageFurniture.isBoilerplate("Advertisement", head: "advertisement"))
        #expect(
            !PageFurniture.isBoilerplate(
                "Advertisements are everywhere in this city, residents say.",
                head: "advertisements are everywhere in this ci"))
        #expect(
            PageFurniture.isBoilerplate(
                "© 2024 Example. All Rights Reserved.", head: "© 2024 example. all rights reserved."))
        #expect(
            !PageFurniture.isBoilerplate(
                "The rights of reserved seats were debated.", head: "the rights of reserved seats were debate"))
    }

    /// Related headings are matched whole and lowercased; the length gate never refuses one.
    @Test func relatedHeadingsAreMatchedWholeAndLowercased() {
        for heading in PageFurniture.relatedHeadings {
            #expect(
                PageFurniture.isRelatedHeading(lowercasing: heading.uppercased())
                    || heading.uppercased().lowercased() != heading, "\(heading)")
            #expect(PageFurniture.isRelatedHeading(lowercasing: heading), "\(heading)")
        }
        #expect(PageFurniture.isRelatedHeading(lowercasing: "Related Articles"))
        #expect(!PageFurniture.isRelatedHeading(lowercasing: "Related Articlez"))
        #expect(!PageFurniture.isRelatedHeading(lowercasing: "Related articles on the economy"))
        #expect(PageFurniture.classify("RELATED STORIES:") == .relatedHeading)
    }
}
