/// Disjoint sets over the integers 0..<count, with path compression and
/// union by rank: any sequence of m operations takes O(m α(count)), which is
/// linear in practice.
public struct UnionFind: Sendable {
    private var parent: [Int]
    /// An upper bound on each root's tree height; small (≤ log2 count), so a byte.
    private var rank: [UInt8]

    /// `count` singleton sets {0}, {1}, …, {count - 1}.
    public init(count: Int) {
        precondition(count >= 0, "a negative number of elements")
        parent = Array(0..<count)
        rank = [UInt8](repeating: 0, count: count)
    }

    public var count: Int { parent.count }

    /// The representative of `element`'s set. It changes only when a union
    /// merges that set, so it names a set only between unions.
    public mutating func find(_ element: Int) -> Int {
        var root = element
        while parent[root] != root { root = parent[root] }
        var node = element
        while parent[node] != root {
            let next = parent[node]
            parent[node] = root
            node = next
        }
        return root
    }

    /// Merges the sets of `a` and `b`; false when they were already one set.
    @discardableResult
    public mutating func union(_ a: Int, _ b: Int) -> Bool {
        let rootA = find(a)
        let rootB = find(b)
        if rootA == rootB { return false }
        if rank[rootA] < rank[rootB] {
            parent[rootA] = rootB
        } else if rank[rootA] > rank[rootB] {
            parent[rootB] = rootA
        } else {
            parent[rootB] = rootA
            rank[rootA] += 1
        }
        return true
    }

    public mutating func inSameSet(_ a: Int, _ b: Int) -> Bool {
        find(a) == find(b)
    }
}
