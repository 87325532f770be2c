import Testing

@testable import WinnowDedup

// `#expect` cannot call mutating methods (find compresses paths), so results go through locals.
@Suite("UnionFind")
struct UnionFindTests {
    @Test func everyElementStartsAlone() {
        var sets = UnionFind(count: 4)
        let roots = (0..<4).map { sets.find($0) }
        let together = sets.inSameSet(0, 1)
        #expect(sets.count == 4)
        #expect(roots == [0, 1, 2, 3])
        #expect(!together)
    }

    @Test func unionJoinsAndIsTransitive() {
        var sets = UnionFind(count: 6)
        let merged = [sets.union(0, 1), sets.union(2, 3), sets.union(1, 3)]
        let roots = (0..<6).map { sets.find($0) }
        #expect(merged == [true, true, true])
        #expect(Set(roots[0..<4]).count == 1)
        #expect(roots[4] == 4 && roots[5] == 5)
    }

    @Test func unionOfOneSetReportsNoChange() {
        var sets = UnionFind(count: 3)
        sets.union(0, 1)
        let again = sets.union(1, 0)
        let itself = sets.union(2, 2)
        #expect(!again)
        #expect(!itself)
    }

    @Test func unionByRankHangsTheShorterTreeUnderTheTaller() {
        var sets = UnionFind(count: 3)
        sets.union(0, 1)  // equal ranks: 1 goes under 0, whose rank becomes 1
        sets.union(2, 0)  // 2 has rank 0, so it goes under 0 although it came first
        let roots = (0..<3).map { sets.find($0) }
        #expect(roots == [0, 0, 0])
    }

    @Test func aLongChainNeedsNoRecursion() {
        let count = 200_000
        var sets = UnionFind(count: count)
        for element in 1..<count { sets.union(element - 1, element) }
        let roots = Set((0..<count).map { sets.find($0) })
        #expect(roots.count == 1)
    }

    @Test func anEmptyStructureIsFine() {
        let sets = UnionFind(count: 0)
        #expect(sets.count == 0)
    }
}
