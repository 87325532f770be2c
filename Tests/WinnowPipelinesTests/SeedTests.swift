import Foundation
import Testing
import WinnowCore

@testable import WinnowPipelines

/// The two texts a naive scrape of the first source produced
/// (`../shared/seeds/`, beside the project): every noise line in them ends
/// up captured in its field or dropped, never in `text`, and never lost.
/// Expected values read off the seeds by hand.
@Suite("Seeds")
struct SeedTests {
    static let seeds =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/shared/seeds/"

    static func record(_ name: String) throws -> Record {
        let bytes = try #require(FileManager.default.contents(atPath: seeds + name), "missing seed \(name)")
        let ref = InputRef(key: name, kind: .file, location: seeds + name)
        var page = Page(input: ref, content: InputContent(bytes: Array(bytes), format: .text))
        guard case .kept = SampleFieldsTests.pipeline.run(&page) else {
            throw ConfigurationError("\(name) did not become a record")
        }
        return page.record
    }

    @Test func bylineReadInKoreanCreditAndFooterOfTheFirstSeed() throws {
        let record = try Self.record("000_7cdca7f7b05c8350.txt")
        #expect(record.title == "Cash reward incentivizes reporting of North Korean defectors in China")
        #expect(record.authors == ["Choi Song Min"])
        // No host and no phrase of a profile: the byline's Korea time has no offset.
        #expect(record.published == "2016-08-10T17:02:00")
        #expect(record.translation?.translators == ["Jiyeon Lee"])
        #expect(record.translation?.originalLanguage == "ko")
        #expect(record.translation?.notes == [Record.Translation.Note(text: "[Chinese]", paragraph: 1)])
        #expect(record.paragraphs.count == 9)
        #expect(record.paragraphs.first?.text.hasPrefix("North Korean residents fleeing to China") == true)
        #expect(record.paragraphs.last?.text.hasSuffix("increasingly turning their backs on them.") == true)
        let text = try #require(record.text)
        for noise in [
            "Choi Song Min", "2016-08-10 17:02", "Read in Korean", "Translated by", "Related Articles",
            "Advertisements, links",
        ] {
            #expect(!text.contains(noise), "\(noise) left in text")
        }
        #expect(text.contains("[Chinese] public security agents"))
        #expect(!text.contains("\u{00A0}"))
    }

    @Test func captionCreditsAndSiteLinesOfTheSecondSeed() throws {
        let record = try Self.record("003_71d6dece4c8f211b.txt")
        // Its first line is the photo's alt text, followed by the caption: no headline.
        #expect(record.title == nil)
        #expect(
            record.captions == [
                "North Korean vehicle in Dandong, China",
                "FILE PHOTO: In this February 2019 photo, a North Korean vehicle can be seen in Dandong, China. (Daily "
                    + "NK)",
            ])
        #expect(record.translation?.translators == ["Rose Adams"])
        #expect(record.translation?.editors == ["Robert Lauler"])
        #expect(record.translation?.notes == [Record.Translation.Note(text: "[the Chinese authorities]", paragraph: 8)])
        #expect(record.paragraphs.count == 9)
        #expect(record.paragraphs.first?.text.hasPrefix("Chinese anti-espionage officials have warned") == true)
        let text = try #require(record.text)
        for noise in [
            "FILE PHOTO", "Translated by", "Edited by", "Daily NK works with a network", "Please direct any comments",
            "dailynkenglish@", "Read in Korean",
        ] {
            #expect(!text.contains(noise), "\(noise) left in text")
        }
    }
}
