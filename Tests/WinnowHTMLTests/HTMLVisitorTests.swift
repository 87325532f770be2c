import Testing

@testable import WinnowHTML

/// A visitor that declares it reads `href` only, and reads `name` or all common attributes when told to.
private struct DeclaringVisitor: HTMLVisitor {
    static var readAttributes: ParseFilter.AttributeNames? { ParseFilter.AttributeNames(["href"]) }
    var readsUndeclared = false
    var readsCommon = false
    var hrefs: [String] = []

    mutating func enter(_ element: HTMLElement) -> VisitDecision {
        if let href = element.attribute("href") { hrefs.append(href) }
        if readsUndeclared { _ = element.attribute("name") }
        if readsCommon { _ = element.commonAttributes }
        return .descend
    }

    mutating func text(_ text: String) {}
    mutating func exit(_ element: HTMLElement) {}
}

@Suite("HTMLVisitor")
struct HTMLVisitorTests {
    static let page = Array(#"<html><body><a href="/a" name="x">a</a></body></html>"#.utf8)

    @Test func declaredReadsWork() throws {
        var visitor = DeclaringVisitor()
        _ = try HTMLStream.parse(utf8: Self.page, visitor: &visitor)
        try HTMLDocument(utf8: Self.page).walk(&visitor)
        #expect(visitor.hrefs == ["/a", "/a"])
    }

    #if DEBUG
        /// The pre-parse filter keeps only declared attributes: a debug build stops at any other read.
        @Test func aReadOfAnUndeclaredAttributeStopsADebugBuild() async {
            await #expect(processExitsWith: .failure) {
                var visitor = DeclaringVisitor()
                visitor.readsUndeclared = true
                _ = try? HTMLStream.parse(utf8: HTMLVisitorTests.page, visitor: &visitor)
            }
            await #expect(processExitsWith: .failure) {
                var visitor = DeclaringVisitor()
                visitor.readsCommon = true
                try? HTMLDocument(utf8: HTMLVisitorTests.page).walk(&visitor)
            }
        }
    #endif
}
