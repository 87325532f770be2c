import Testing

@testable import WinnowDedup

@Suite("NearDuplicateClusters")
struct NearDuplicateClustersTests {
    typealias Item = NearDuplicateClusters.Item
    typealias Decision = NearDuplicateClusters.Decision

    /// datasketch's choice for threshold 0.8 and 128 permutations.
    let clusters = NearDuplicateClusters(parameters: LSHParameters(bands: 9, rows: 13), threshold: 0.8)
    let hasher = MinHasher()

    private func item(_ id: String, _ text: String, published: String? = nil) -> Item {
        Item(
            id: id, published: published, textHash: text.isEmpty ? nil : TextHashStage.hash(text),
            signature: hasher.signature(Shingles.hashes(of: text)))
    }

    /// `text` with 60 of its 100 words replaced.
    private var sixtyPercentChanged: String {
        replacingWords(of: sampleArticle, at: (0..<100).filter { $0 % 5 < 3 })
    }

    /// Signatures A, B, C where A~B and B~C (108 of 128 equal: 0.84) but A and C
    /// are apart (88 of 128: 0.69). With 9 bands of 13 rows, A and B differ in
    /// bands 0 and 1 only, B and C in bands 2 and 3 only.
    /// `base` tells chains apart.
    private func chain(ids: (String, String, String), published: (String?, String?, String?), base: UInt32 = 7)
        -> [Item]
    {
        let a = (0..<128).map { UInt32($0) * 1000 + base }
        var b = a
        for position in 0..<20 { b[position] += 1 }
        var c = b
        for position in 26..<46 { c[position] += 1 }
        return [
            Item(id: ids.0, published: published.0, signature: a),
            Item(id: ids.1, published: published.1, signature: b),
            Item(id: ids.2, published: published.2, signature: c),
        ]
    }

    @Test func copiesAndLightEditsClusterUnderTheEarliestPublished() {
        let items = [
            item("orig", sampleArticle, published: "2016-08-10T17:02:00+09:00"),
            item("copy", sampleArticle.uppercased(), published: "2016-08-11T00:00:00+09:00"),
            item("edit", replacingWords(of: sampleArticle, at: [50]), published: "2016-08-12T00:00:00Z"),
            item("other", otherArticle, published: "2016-01-01T00:00:00Z"),
        ]
        #expect(
            clusters.decisions(for: items) == [
                Decision(id: "copy", cluster: "orig", duplicateOf: "orig"),
                Decision(id: "edit", cluster: "orig", duplicateOf: "orig"),
                Decision(id: "orig", cluster: "orig", duplicateOf: nil),
            ])
    }

    @Test func sixtyPercentChangedIsNotClusteredAtPointEight() {
        let original = Shingles.hashes(of: sampleArticle)
        #expect(trueJaccard(original, Shingles.hashes(of: sixtyPercentChanged)) < 0.1)
        let items = [item("orig", sampleArticle), item("heavy", sixtyPercentChanged)]
        #expect(clusters.decisions(for: items).isEmpty)
    }

    @Test func candidatesBelowTheThresholdAreNotJoined() {
        // Sharing band 0 makes a candidate, but 13 of 128 equal values is far below 0.8.
        let a = (0..<128).map { UInt32($0) }
        let b = (0..<128).map { $0 < 13 ? UInt32($0) : UInt32($0 + 1000) }
        #expect(clusters.decisions(for: [Item(id: "a", signature: a), Item(id: "b", signature: b)]).isEmpty)
        let lenient = NearDuplicateClusters(parameters: LSHParameters(bands: 9, rows: 13), threshold: 0.1)
        #expect(lenient.decisions(for: [Item(id: "a", signature: a), Item(id: "b", signature: b)]).count == 2)
    }

    @Test func aChainFormsOneClusterKeptByTheEarliestPublished() {
        let items = chain(
            ids: ("a", "b", "c"), published: ("2016-03-01T00:00:00Z", "2016-02-01T00:00:00Z", "2016-01-01T00:00:00Z"))
        #expect(MinHasher.estimatedJaccard(items[0].signature, items[1].signature) == 0.84375)
        #expect(MinHasher.estimatedJaccard(items[1].signature, items[2].signature) == 0.84375)
        #expect(MinHasher.estimatedJaccard(items[0].signature, items[2].signature) == 0.6875)
        #expect(
            clusters.decisions(for: items) == [
                Decision(id: "a", cluster: "c", duplicateOf: "c"),
                Decision(id: "b", cluster: "c", duplicateOf: "c"),
                Decision(id: "c", cluster: "c", duplicateOf: nil),
            ])
    }

    @Test func equalTextHashesJoinWhateverTheSignatures() {
        let empty = [UInt32](repeating: .max, count: 128)
        let apart = (0..<128).map { UInt32($0) }
        let items = [
            Item(id: "x", textHash: "h1", signature: empty),
            Item(id: "y", textHash: "h1", signature: apart),
            Item(id: "z", textHash: "h2", signature: empty),
        ]
        #expect(
            clusters.decisions(for: items) == [
                Decision(id: "x", cluster: "x", duplicateOf: nil),
                Decision(id: "y", cluster: "x", duplicateOf: "x"),
            ])
    }

    @Test func emptySignaturesDoNotClusterTogether() {
        let items = [item("e1", ""), item("e2", ""), item("e3", " \n ")]
        #expect(items.allSatisfy { $0.signature == [UInt32](repeating: .max, count: 128) })
        #expect(clusters.decisions(for: items).isEmpty)
    }

    @Test func publishedIsComparedAsAnInstantAndAbsentCountsAsLatest() {
        let signature = (0..<128).map { UInt32($0) }
        let items = [
            Item(id: "a-none", published: nil, signature: signature),
            Item(id: "b-utc", published: "2016-08-10T09:00:00Z", signature: signature),
            Item(id: "c-seoul", published: "2016-08-10T17:02:00+09:00", signature: signature),  // 08:02Z
            Item(id: "d-bad", published: "last Tuesday", signature: signature),
        ]
        #expect(clusters.decisions(for: items).map(\.cluster) == Array(repeating: "c-seoul", count: 4))
    }

    @Test func tiesGoToTheSmallestID() {
        let signature = (0..<128).map { UInt32($0) }
        let undated = [Item(id: "q", signature: signature), Item(id: "p", signature: signature)]
        #expect(clusters.decisions(for: undated).map(\.cluster) == ["p", "p"])
        let sameInstant = [
            Item(id: "q", published: "2016-08-10T08:02:00Z", signature: signature),
            Item(id: "p", published: "2016-08-10T17:02:00+09:00", signature: signature),
            Item(id: "o", published: nil, signature: signature),
        ]
        #expect(clusters.decisions(for: sameInstant).map(\.cluster) == ["p", "p", "p"])
    }

    @Test func singletonsAreLeftOutAndDecisionsAreSortedByID() {
        let items = [
            item("z-other", otherArticle),
            item("m-copy", sampleArticle),
            item("k-alone", sixtyPercentChanged),
            item("a-orig", sampleArticle),
        ]
        #expect(clusters.decisions(for: items).map(\.id) == ["a-orig", "m-copy"])
        #expect(clusters.decisions(for: []).isEmpty)
    }

    @Test func theResultDoesNotDependOnTheInputOrder() {
        var items = [
            item("orig", sampleArticle, published: "2016-08-10T17:02:00+09:00"),
            item("copy", sampleArticle, published: "2016-08-10T17:02:00+09:00"),
            item("edit1", replacingWords(of: sampleArticle, at: [33]), published: "2016-08-09T10:00:00Z"),
            item("edit2", replacingWords(of: sampleArticle, at: [10])),
            item("heavy", sixtyPercentChanged, published: "2015-01-01T00:00:00Z"),
            item("other", otherArticle),
            item("other-copy", otherArticle.lowercased(), published: "2017-01-01T00:00:00Z"),
            item("empty", ""),
        ]
        // Chains are where a first-come rule would depend on order: ids chosen so
        // that the middle of each chain sorts first, last, or in between.
        items += chain(ids: ("c1", "b1", "a1"), published: (nil, nil, nil))
        items += chain(ids: ("m2", "z2", "n2"), published: ("2016-01-01T00:00:00Z", nil, nil), base: 8)
        let expected = clusters.decisions(for: items)
        #expect(
            expected == [
                Decision(id: "a1", cluster: "a1", duplicateOf: nil),
                Decision(id: "b1", cluster: "a1", duplicateOf: "a1"),
                Decision(id: "c1", cluster: "a1", duplicateOf: "a1"),
                Decision(id: "copy", cluster: "edit1", duplicateOf: "edit1"),
                Decision(id: "edit1", cluster: "edit1", duplicateOf: nil),
                Decision(id: "edit2", cluster: "edit1", duplicateOf: "edit1"),
                Decision(id: "m2", cluster: "m2", duplicateOf: nil),
                Decision(id: "n2", cluster: "m2", duplicateOf: "m2"),
                Decision(id: "orig", cluster: "edit1", duplicateOf: "edit1"),
                Decision(id: "other", cluster: "other-copy", duplicateOf: "other-copy"),
                Decision(id: "other-copy", cluster: "other-copy", duplicateOf: nil),
                Decision(id: "z2", cluster: "m2", duplicateOf: "m2"),
            ])
        for seed: UInt64 in 1...8 {
            var random = SeededGenerator(seed: seed)
            #expect(clusters.decisions(for: items.shuffled(using: &random)) == expected, "seed \(seed)")
        }
        #expect(clusters.decisions(for: items.reversed()) == expected)
    }
}
