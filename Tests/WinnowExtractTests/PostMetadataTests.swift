import Testing
import WinnowCore

@testable import WinnowExtract

@Suite("PostMetadata")
struct PostMetadataTests {
    /// A thread of three posts, each with its author's card: short label lines
    /// and their values, the same labels in every post.
    static let thread: [Record.Paragraph] = (1...3).flatMap { n in
        [
            Record.Paragraph(text: "member\(n)"),
            Record.Paragraph(text: "Join Date", kind: .list),
            Record.Paragraph(text: "Mar 20\(10 + n)", kind: .list),
            Record.Paragraph(text: "Posts", kind: .list),
            Record.Paragraph(text: "\(n * 40)", kind: .list),
            Record.Paragraph(text: "Post \(n): the kettle I bought in the spring still boils a litre in two minutes."),
        ]
    }

    @Test func aThreadLosesItsUserCardLabelsAndTheirValues() {
        let kept = PostMetadata.dropped(from: Self.thread, pageType: "forum").map(\.text)
        #expect(!kept.contains("Join Date"))
        #expect(!kept.contains("Posts"))
        #expect(!kept.contains("Mar 2011"))
        #expect(!kept.contains("40"))
        #expect(kept.filter { $0.hasPrefix("Post ") }.count == 3)
        // A name differs from post to post: it is not a repeated label.
        #expect(kept.contains("member2"))
    }

    @Test func anotherKindOfPageKeepsItsRepeatedShortLines() {
        // A review's "Pros" and "Cons" repeat per product the same way.
        #expect(PostMetadata.dropped(from: Self.thread, pageType: "article") == Self.thread)
    }

    @Test func aLabelSeenTwiceIsNotYetACard() {
        let twoPosts = Array(Self.thread.prefix(12))
        #expect(PostMetadata.dropped(from: twoPosts, pageType: "forum") == twoPosts)
    }

    @Test func aLongLineAfterALabelIsKept() {
        var thread = Self.thread
        thread[2] = Record.Paragraph(text: "A value long enough to be a sentence of its own.")
        let kept = PostMetadata.dropped(from: thread, pageType: "forum").map(\.text)
        #expect(kept.contains("A value long enough to be a sentence of its own."))
    }

    @Test func aThreadOfCardsOnlyIsKeptWhole() {
        let cards = (1...3).map { _ in Record.Paragraph(text: "Join Date") }
        #expect(PostMetadata.dropped(from: cards, pageType: "forum") == cards)
    }

    /// Enough words, with commas, for the posts to score as the page's text.
    static let filler =
        "I have tried four of them, in two kitchens, over ten years, and I would say the same to anyone, "
        + "whatever their budget, whatever their stove, whatever the shop says about the warranty."

    @Test func aForumPageGivesTheRecordWithoutItsCards() throws {
        let replies = [
            "my kettle from the spring still boils a litre in two minutes flat, and the lid has not cracked.",
            "ours is ten years old, scaled inside like a cave, and it still works every single morning.",
            "buy the plain steel one; the glass models look lovely but their switches fail within a year.",
        ]
        let posts = replies.enumerated().map { i, reply in
            """
            <div class="post"><div class="card"><dl><dt>Join Date</dt><dd>Mar 20\(11 + i)</dd>
            <dt>Posts</dt><dd>\((i + 1) * 40)</dd></dl></div>
            <p>Reply \(i + 1): \(reply) \(Self.filler)</p></div>
            """
        }
        let html = """
            <html><head><title>Which kettle lasts?</title>
            <script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Which kettle lasts?"}\
            </script></head><body><main><h1>Which kettle lasts?</h1>\(posts.joined())</main></body></html>
            """
        let record = try extract(html)
        #expect(record.pageType == "forum")
        #expect(record.text?.contains("Join Date") == false)
        #expect(record.text?.contains("Reply 3:") == true)
    }
}
