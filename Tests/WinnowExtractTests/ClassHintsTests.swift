import Testing
@testable import WinnowExtract

/// Class and id words, read part by part without allocating.
@Suite("ClassHints")
struct ClassHintsTests {
    @Test func aPartNamingChromeMarksChrome() {
        #expect(ClassHints("article-social share-bar").chrome)
        #expect(ClassHints("comments").chrome)
        #expect(ClassHints("photo-gallery").chrome)
        #expect(ClassHints("slideshow__frame").chrome)
        #expect(!ClassHints("story-body").chrome)
        #expect(!ClassHints("").chrome)
    }

    @Test func aLayoutModifierBeforeTheChromePartDescribesALayout() {
        #expect(!ClassHints("no-share").chrome)
        #expect(!ClassHints("has-sidebar").chrome)
        #expect(ClassHints("share-no").chrome)  // the modifier must come first
    }

    @Test func aContentWordOverridesEveryChromeWord() {
        #expect(!ClassHints("entry-content share-buttons").chrome)
        #expect(!ClassHints("share-buttons entry-content").chrome)
        // A word that names both content and chrome is chrome: the override needs a content-only word.
        #expect(ClassHints("article-comments").chrome)
    }

    @Test func wholePartsOnly() {
        #expect(!ClassHints("shared-story").chrome)  // "shared" is not "share"
        #expect(!ClassHints("loaded").chrome)  // "ad" only as a whole part
        #expect(ClassHints("ad-slot").chrome)
    }

    @Test func relatedAndAuthorParts() {
        #expect(ClassHints("jnews_related_post_container").related)
        #expect(!ClassHints("unrelated").related)
        #expect(ClassHints("jeg_meta_author").author)
        #expect(ClassHints("post-byline").author)
        #expect(!ClassHints("authority").author)
    }

    @Test func wordsAreSeparatedByAnyWhitespaceAndPartsByHyphenOrUnderscore() {
        #expect(ClassHints("main\tcookie_banner").chrome)
        #expect(ClassHints("x\nnewsletter-box").chrome)
    }
}
