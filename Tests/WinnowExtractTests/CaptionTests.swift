import Testing
import WinnowCore

@testable import WinnowExtract

/// Captions and advertisement labels told by structure and by credit marks:
/// they go to `captions` or are dropped, never into `text`.
@Suite("Captions and advertisement labels")
struct CaptionTests {
    static let body = """
        <p>The river rose two metres in a week, and the crossings that traders use closed one after another.</p>
        <p>Boats now carry what people once waded across with, and the price of a crossing has doubled.</p>
        """

    @Test func captionClassBesideAnImageGoesToCaptions() throws {
        let record = try extract(
            """
            <html><body><article><h1>River rises</h1>
            <div class="wp-caption"><img src="a.jpg">\
            <p class="wp-caption-text">The river at dusk, seen from the bank.</p></div>
            \(Self.body)
            <div class="photo"><img src="b.jpg"><div><span class="image-credit">Jane Roe</span></div></div>
            </article></body></html>
            """)
        #expect(record.captions == ["The river at dusk, seen from the bank.", "Jane Roe"])
        #expect(!record.text!.contains("dusk") && !record.text!.contains("Jane Roe"))
        #expect(record.text!.contains("The river rose two metres"))
    }

    @Test func creditInsideAFigcaptionStaysPartOfIt() throws {
        let record = try extract(
            """
            <html><body><article><h1>River rises</h1>
            <figure><img src="a.jpg"><figcaption>The river at dusk. \
            <span class="credit">Photo: Jane Roe</span></figcaption></figure>
            \(Self.body)</article></body></html>
            """)
        #expect(record.captions == ["The river at dusk. Photo: Jane Roe"])
    }

    /// `caption-s` as a type size on text far from any image stays in the body;
    /// so does the page's `<body>` whose theme class mentions captions.
    @Test func captionClassAwayFromImagesIsBodyText() throws {
        let record = try extract(
            """
            <html><body class="theme-caption-two"><article><h1>River rises</h1>
            <p class="caption-s">Traders say the crossings have never been closed this long.</p>
            \(Self.body)</article></body></html>
            """)
        #expect(record.captions.isEmpty)
        #expect(record.text!.contains("Traders say the crossings"))
        #expect(record.text!.contains("The river rose two metres"))
    }

    /// A `has-caption` layout word is not a caption, and a long text in a caption element is body text.
    @Test func captionLayoutWordsAndLongTextStayInTheBody() throws {
        let long = String(repeating: "A long paragraph of article text follows the picture here. ", count: 7)
        let record = try extract(
            """
            <html><body><article><h1>River rises</h1>
            <div class="has-caption"><img src="a.jpg"><p>Short lead beside the picture, with words.</p></div>
            <div><img src="b.jpg"><div class="caption">\(long)</div></div>
            \(Self.body)</article></body></html>
            """)
        #expect(record.captions.isEmpty)
        #expect(record.text!.contains("Short lead beside the picture"))
        #expect(record.text!.contains("A long paragraph of article text"))
    }

    @Test func lineEndingWithAPhotoCreditIsACaption() throws {
        #expect(PageFurniture.classify("압록강 건너편으로 보이는 혜산 시내 모습. /사진=데일리NK") == .caption)
        #expect(PageFurniture.classify("혜산 시내 전경 (사진=연합뉴스)") == .caption)
        #expect(PageFurniture.classify("Soldiers march in the square on Monday. (AP Photo/Jane Roe)") == .caption)
        #expect(PageFurniture.classify("Traders at the market [Photo: Agency]") == .caption)
        #expect(PageFurniture.classify("Ein Markt in der Stadt | Foto: Max Muster") == .caption)
        // Article text that mentions photos, or quotes a credit inside a long paragraph.
        #expect(PageFurniture.classify("He said the photo was taken in 2019 (photo: unknown) by a guard.") == nil)
        #expect(PageFurniture.classify("The museum bought photos from the archive.") == nil)
        let long = String(repeating: "Officials spoke at length about the border. ", count: 8)
        #expect(PageFurniture.classify(long + "(Photo: Agency)") == nil)
    }

    @Test func captionLineLeavesTheBody() throws {
        let record = try extract(
            """
            <html><body><article><h1>혜산 밀수 주춤</h1>
            <p>압록강 건너편으로 보이는 혜산 시내 모습. /사진=데일리NK</p>
            \(Self.body)</article></body></html>
            """)
        #expect(record.captions == ["압록강 건너편으로 보이는 혜산 시내 모습. /사진=데일리NK"])
        #expect(!record.text!.contains("사진="))
    }

    @Test func advertisementLabelsInAnyLanguageAreDropped() throws {
        for label in [
            "ADVERTISEMENT", "- Advertisement -", "광고", "Anzeige", "Publicité", "広告",
            "Story continues below advertisement",
        ] {
            #expect(PageFurniture.classify(label) == .boilerplate, "\(label)")
        }
        #expect(PageFurniture.classify("Advertisement revenue fell by a third last year.") == nil)
        #expect(PageFurniture.classify("광고 시장이 작년보다 크게 줄었다.") == nil)
    }

    /// An advertisement slot named by a whole class word (`advertisement`, `adsbygoogle`) is cut with its label.
    @Test func advertisementSlotClassesAreChrome() throws {
        let record = try extract(
            """
            <html><body><article><h1>River rises</h1>
            \(Self.body)
            <div class="advertisement-slot"><span>Werbung folgt unten</span></div>
            <ins class="adsbygoogle">Sponsored links here</ins>
            <p>The crossings may reopen in autumn, when the water falls again.</p></article></body></html>
            """)
        #expect(!record.text!.contains("Werbung") && !record.text!.contains("Sponsored"))
        #expect(record.text!.contains("reopen in autumn"))
    }
}
