import Testing

@testable import WinnowExtract

@Suite("PageType")
struct PageTypeTests {
    private func guess(
        path: String?, host: String? = nil, types: Set<String> = [], og: String? = nil, published: Bool = false,
        authors: Bool = false, scalars: Int = 4000, listShare: Double = 0
    ) -> String {
        PageType.guess(
            PageType.Evidence(
                path: path, host: host, jsonLDTypes: types, ogType: og, hasPublished: published,
                hasAuthors: authors, bodyScalars: scalars, listShare: listShare))
    }

    @Test func aKindWordInThePathNamesTheKind() {
        #expect(guess(path: "/docs/install/linux") == "documentation")
        #expect(guess(path: "/forum/thread-about-boats") == "forum")
        #expect(guess(path: "/products/blue-kettle") == "product")
        #expect(guess(path: "/category/harbours/") == "listing")
    }

    @Test func theSlugAloneDoesNotNameAKind() {
        // "/blog/how-to-write-docs": the last segment is the article's own name.
        #expect(guess(path: "/blog/docs", published: true) == "article")
    }

    @Test func aProductInJSONLDWithoutAnArticleIsAProduct() {
        #expect(guess(path: "/blue-kettle", types: ["product", "offer"]) == "product")
        #expect(guess(path: "/kettle-review", types: ["product", "newsarticle"], published: true) == "article")
    }

    @Test func articleEvidenceAddsUp() {
        #expect(guess(path: "/harbour-reopens", og: "article", published: true) == "article")
        #expect(guess(path: "/2024/05/31/harbour-reopens") == "article")
    }

    @Test func aBareDomainWithAShortBodyIsNoArticle() {
        #expect(guess(path: "/", scalars: 800) != "article")
        #expect(guess(path: nil, scalars: 800, listShare: 0.8) == "listing")
    }

    @Test func aHostLabelNamesTheKind() {
        #expect(guess(path: "/my-take-on-valuation/105724", host: "forum.example.org", published: true) == "forum")
        #expect(guess(path: "/get-started/introduction", host: "docs.example.dev", published: true) == "documentation")
    }

    @Test func aDiscussionThreadPathIsAForum() {
        #expect(guess(path: "/t/stuck-on-starting/724779", published: true, authors: true) == "forum")
    }

    @Test func aSectionsFrontPageIsAListing() {
        #expect(guess(path: "/blog/", published: true, authors: true) == "listing")
    }
}
