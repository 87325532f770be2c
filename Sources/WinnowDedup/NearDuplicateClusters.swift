import WinnowCore

/// Groups records into duplicate clusters and names the one each cluster
/// keeps. The rules, shared by the in-memory ``decisions(for:)`` (tests,
/// small runs) and the on-disk ``DedupPhase``:
///
/// 1. Items are ranked by `id`, so every later step, and so the result, is
///    the same whatever order they came in (shards, workers).
/// 2. Items with the same `textHash` are joined (exact duplicates).
/// 3. LSH: each band key's members, in rank order, are cut to their first 8
///    distinct texts (``candidates(inBucket:textKey:into:)``); every member
///    is a candidate with each of those that rank before it. Capping bounds
///    the work on huge buckets; members with an already-seen text are
///    exact duplicates, joined by step 2.
/// 4. A candidate pair is joined when its Jaccard similarity is at least
///    `threshold` (``similarity(_:_:)``: the shingle sketches, exact for
///    texts up to the sketch size; the MinHash estimate when an item has no
///    sketch). Transitivity does the rest (A~B and B~C put A, B, C in one
///    cluster even when A and C are further apart).
/// 5. An item whose signature is all `UInt32.max` (no shingles: an empty
///    text) takes no part in LSH, else all empty texts would be one cluster.
/// 6. A cluster of two or more keeps one record by the order of
///    ``KeptCopy``: no later `modified`, the earliest `published`, the URL
///    that is its own canonical URL, the smallest input key.
public struct NearDuplicateClusters: Sendable {
    /// How many distinct texts of an LSH bucket (the first ones, in id order) a member is compared with.
    public static let representativesPerBucket = 8

    public struct Item: Sendable, Equatable {
        /// The record id; unique among the items.
        public var id: String
        public var published: String?
        public var modified: String?
        /// Whether the record's URL is its own canonical URL.
        public var isCanonical: Bool
        /// The input key.
        public var key: String
        public var textHash: String?
        public var signature: [UInt32]
        /// The shingle sketch; without it candidates are verified by their MinHash estimate.
        public var sketch: ShingleSketch?

        public init(
            id: String, published: String? = nil, modified: String? = nil, isCanonical: Bool = false, key: String = "",
            textHash: String? = nil, signature: [UInt32], sketch: ShingleSketch? = nil
        ) {
            self.id = id
            self.published = published
            self.modified = modified
            self.isCanonical = isCanonical
            self.key = key
            self.textHash = textHash
            self.signature = signature
            self.sketch = sketch
        }
    }

    /// What dedup decided for one record of a cluster.
    public struct Decision: Sendable, Equatable, CustomStringConvertible {
        public var id: String
        /// The id of the record the cluster keeps.
        public var cluster: String
        /// The kept record's id; nil for the kept record itself.
        public var duplicateOf: String?

        public init(id: String, cluster: String, duplicateOf: String?) {
            self.id = id
            self.cluster = cluster
            self.duplicateOf = duplicateOf
        }

        public var description: String { "\(id) → \(cluster)\(duplicateOf == nil ? " (kept)" : "")" }
    }

    /// A verified near-duplicate pair, by rank (`first` < `second`).
    public struct Pair: Sendable, Equatable {
        public var first: Int
        public var second: Int
        public var jaccard: Double
    }

    public let parameters: LSHParameters
    /// Candidates less similar than this are not joined.
    public let threshold: Double

    public init(parameters: LSHParameters, threshold: Double) {
        self.parameters = parameters
        self.threshold = threshold
    }

    /// Whether a signature takes part in LSH (it has at least one shingle).
    public static func hasShingles(_ signature: [UInt32]) -> Bool {
        signature.contains { $0 != .max }
    }

    /// Appends the candidate pairs of one bucket, each packed as
    /// `earlier rank << 32 | later rank`. `members` are ranks, ascending.
    public static func candidates(inBucket members: [Int], textKey: (Int) -> UInt64?, into pairs: inout [UInt64]) {
        guard members.count > 1 else { return }
        var representatives: [(rank: Int, text: UInt64?)] = []
        for member in members {
            let text = textKey(member)
            if let text, representatives.contains(where: { $0.text == text }) { continue }
            for representative in representatives {
                pairs.append(UInt64(representative.rank) << 32 | UInt64(member))
            }
            if representatives.count < representativesPerBucket { representatives.append((member, text)) }
        }
    }

    /// The similarity a candidate pair is verified with.
    public static func similarity(
        _ a: (signature: [UInt32], sketch: ShingleSketch?), _ b: (signature: [UInt32], sketch: ShingleSketch?)
    ) -> Double {
        if let x = a.sketch, let y = b.sketch, !x.hashes.isEmpty, !y.hashes.isEmpty {
            return ShingleSketch.jaccard(x, y)
        }
        return MinHasher.estimatedJaccard(a.signature, b.signature)
    }

    /// Joins each group of equal text keys (items in rank order).
    public static func joinExactDuplicates(_ textKeys: [UInt64?], in sets: inout UnionFind) {
        var first: [UInt64: Int] = [:]
        for (rank, key) in textKeys.enumerated() {
            guard let key else { continue }
            if let earlier = first[key] { sets.union(earlier, rank) } else { first[key] = rank }
        }
    }

    /// One decision per item in a cluster of two or more, in rank order.
    /// `evidence` and `key` give an item's by rank; `key` (which may read a
    /// file) is asked only when two items tie on their evidence.
    public static func decisions(
        ids: [String], evidence: (Int) -> KeptCopy.Evidence, key: (Int) throws -> String, sets: inout UnionFind
    ) rethrows -> [Decision] {
        // Per root: the cluster's size and the rank of the item it keeps (and that item's key, once read).
        var roots: [Int] = []
        roots.reserveCapacity(ids.count)
        var clusterSize = [Int32](repeating: 0, count: ids.count)
        var keptIndex = [Int](repeating: -1, count: ids.count)
        var keptKey: [Int: String] = [:]
        for index in ids.indices {
            let root = sets.find(index)
            roots.append(root)
            clusterSize[root] += 1
            let kept = keptIndex[root]
            guard kept >= 0 else {
                keptIndex[root] = index
                continue
            }
            // Items come in id order: on a full tie the smaller id stays.
            var replace = KeptCopy.prefers(evidence(index), over: evidence(kept))
            if replace == nil {
                let current: String
                if let known = keptKey[root] {
                    current = known
                } else {
                    current = try key(kept)
                    keptKey[root] = current
                }
                let candidate = try key(index)
                replace = KeptCopy.prefers(key: candidate, over: current)
                if replace == true { keptKey[root] = candidate }
            } else if replace == true {
                keptKey[root] = nil
            }
            if replace == true { keptIndex[root] = index }
        }
        var decisions: [Decision] = []
        for (index, root) in roots.enumerated() where clusterSize[root] >= 2 {
            let keptID = ids[keptIndex[root]]
            decisions.append(
                Decision(id: ids[index], cluster: keptID, duplicateOf: index == keptIndex[root] ? nil : keptID))
        }
        return decisions
    }

    /// Every candidate pair that passes verification, ordered by rank.
    public func verifiedPairs(for items: [Item]) -> [Pair] {
        let items = items.sorted { $0.id < $1.id }
        var buckets: [UInt64: [Int]] = [:]
        for (rank, item) in items.enumerated() where Self.hasShingles(item.signature) {
            for key in parameters.bandKeys(item.signature) { buckets[key, default: []].append(rank) }
        }
        let textKeys = items.map { $0.textHash.map(Self.textKey) }
        var packed: [UInt64] = []
        for members in buckets.values {
            Self.candidates(inBucket: members, textKey: { textKeys[$0] }, into: &packed)
        }
        packed.sort()
        var pairs: [Pair] = []
        var previous: UInt64?
        for pair in packed where pair != previous {
            previous = pair
            let a = Int(pair >> 32)
            let b = Int(pair & 0xFFFF_FFFF)
            let jaccard = Self.similarity((items[a].signature, items[a].sketch), (items[b].signature, items[b].sketch))
            if jaccard >= threshold { pairs.append(Pair(first: a, second: b, jaccard: jaccard)) }
        }
        return pairs
    }

    /// One decision per item in a cluster of two or more, sorted by id.
    public func decisions(for items: [Item]) -> [Decision] {
        let items = items.sorted { $0.id < $1.id }
        for i in items.indices.dropFirst() {
            precondition(items[i - 1].id != items[i].id, "two dedup items share the id \(items[i].id)")
        }
        var sets = UnionFind(count: items.count)
        Self.joinExactDuplicates(items.map { $0.textHash.map(Self.textKey) }, in: &sets)
        for pair in verifiedPairs(for: items) { sets.union(pair.first, pair.second) }
        return Self.decisions(
            ids: items.map(\.id),
            evidence: {
                KeptCopy.Evidence(
                    modified: items[$0].modified, published: items[$0].published, isCanonical: items[$0].isCanonical)
            },
            key: { items[$0].key }, sets: &sets)
    }

    /// A 64-bit key for a `dedup.text_hash` (its first 16 hex digits; any
    /// other string is hashed).
    public static func textKey(_ textHash: String) -> UInt64 {
        if textHash.utf8.count >= 16, let value = UInt64(textHash.prefix(16), radix: 16) { return value }
        return StableHash.hash64(Array(textHash.utf8))
    }
}
