import Testing

@testable import WinnowDedup

/// Which record of a duplicate cluster is kept: one test per step of
/// ``KeptCopy``'s order. Every item has the same text hash (one cluster), and
/// ids run against the expected choice, so the old rule (smallest id)
/// would pick another record.
@Suite("KeptCopy")
struct KeptCopyTests {
    typealias Item = NearDuplicateClusters.Item
    let clusters = NearDuplicateClusters(parameters: LSHParameters(bands: 16, rows: 6), threshold: 0.8)
    let empty = [UInt32](repeating: .max, count: 128)

    func kept(_ items: [Item]) -> String? {
        let decisions = clusters.decisions(for: items)
        #expect(decisions.count == items.count, "one cluster")
        return decisions.first { $0.duplicateOf == nil }?.id
    }

    func item(
        _ id: String, published: String? = nil, modified: String? = nil, canonical: Bool = false, key: String
    ) -> Item {
        Item(
            id: id, published: published, modified: modified, isCanonical: canonical, key: key, textHash: "same",
            signature: empty)
    }

    @Test func aCopyModifiedLaterLosesToTheOriginalWithTheSamePublished() {
        let published = "2017-02-23T17:18:13-08:00"
        let original = item("b2", published: published, key: "z/original.html")
        let republished = item(
            "a1", published: published, modified: "2017-02-24T09:00:00-08:00", canonical: true,
            key: "a/republished.html")
        #expect(kept([republished, original]) == "b2")
    }

    @Test func ofTwoModifiedCopiesTheEarlierModifiedIsKept() {
        let early = item("b2", published: "2017-02-24T00:00:00Z", modified: "2017-03-01T10:00:00+09:00", key: "z")
        // Earlier published, but modified later (as an instant: 02:00Z is after 01:00Z).
        let late = item("a1", published: "2017-02-20T00:00:00Z", modified: "2017-03-01T02:00:00Z", key: "a")
        #expect(kept([late, early]) == "b2")
    }

    @Test func withoutAModifiedTheEarliestPublishedIsKept() {
        let older = item("b2", published: "2016-08-10T17:02:00+09:00", key: "z")
        let newer = item("a1", published: "2016-08-10T09:00:00Z", canonical: true, key: "a")
        let undated = item("a0", key: "0")
        #expect(kept([newer, undated, older]) == "b2")
    }

    @Test func onEqualDatesTheRecordWhoseURLIsItsOwnCanonicalIsKept() {
        let published = "2020-01-01T00:00:00Z"
        let syndicated = item("a1", published: published, key: "a/copy.html")
        let canonical = item("b2", published: published, canonical: true, key: "z/original.html")
        #expect(kept([syndicated, canonical]) == "b2")
    }

    @Test func thenTheSmallestInputKeyIsKept() {
        let published = "2020-01-01T00:00:00Z"
        #expect(
            kept([item("a1", published: published, key: "news/b"), item("b2", published: published, key: "news/a")])
                == "b2")
        // Byte order of UTF-8: "Z" (0x5A) before "a" (0x61), "é" (0xC3 0xA9) after "z".
        #expect(kept([item("a1", key: "é"), item("b2", key: "Z"), item("a0", key: "z")]) == "b2")
    }

    @Test func keysAreReadOnlyForItemsThatTieOnTheirEvidence() {
        let ids = ["a", "b", "c", "d"]
        var sets = UnionFind(count: ids.count)
        for k in 1..<ids.count { sets.union(0, k) }
        let evidence = [
            KeptCopy.Evidence(modified: "2021-01-01", published: nil, isCanonical: false),
            KeptCopy.Evidence(modified: nil, published: "2020-01-01", isCanonical: false),
            KeptCopy.Evidence(modified: nil, published: "2020-01-01", isCanonical: false),
            KeptCopy.Evidence(modified: nil, published: "2019-01-01", isCanonical: false),
        ]
        var asked: [Int] = []
        let decisions = NearDuplicateClusters.decisions(
            ids: ids, evidence: { evidence[$0] },
            key: { rank in
                asked.append(rank)
                return ["k3", "k2", "k1", "k0"][rank]
            }, sets: &sets)
        // b and c tie (the key of c is smaller); d is earlier than both.
        #expect(Set(asked) == [1, 2])
        #expect(decisions.first { $0.duplicateOf == nil }?.id == "d")
    }

    @Test func theOrderOfTheLevels() {
        let base = KeptCopy.Evidence(modified: nil, published: "2020-01-01", isCanonical: false)
        var modified = base
        modified.modified = PublishedInstant(iso8601: "2020-02-01")
        #expect(KeptCopy.prefers(base, over: modified) == true)
        #expect(KeptCopy.prefers(modified, over: base) == false)
        var canonical = base
        canonical.isCanonical = true
        #expect(KeptCopy.prefers(canonical, over: base) == true)
        // An earlier published outweighs being canonical.
        var earlier = base
        earlier.published = PublishedInstant(iso8601: "2019-12-31")
        #expect(KeptCopy.prefers(earlier, over: canonical) == true)
        #expect(KeptCopy.prefers(base, over: base) == nil)
        #expect(KeptCopy.prefers(key: "a", over: "a") == nil)
    }
}
