/// Groups records into duplicate clusters and names the one each cluster
/// keeps: the in-memory form of the global dedup phase.
///
/// 1. Items are put in order of `id` first, so every later step, and so
///    the result, is the same whatever order they came in (shards, workers).
/// 2. Items with the same `textHash` are joined (exact duplicates).
/// 3. LSH: each band key keeps its first 8 items (in `id` order). A later
///    item with that key is a candidate with each of them, and they are
///    joined when their estimated Jaccard is at least `threshold`.
///    Transitivity does the rest (A~B and B~C put A, B, C in one cluster
///    even when A and C are further apart). Keeping a few members, not all,
///    bounds the work on huge buckets; most buckets hold one item, so
///    memory stays at about one entry per band key.
/// 4. An item whose signature is all `UInt32.max` (no shingles: an empty
///    text) takes no part in LSH, else all empty texts would be one cluster.
/// 5. A cluster of two or more keeps its earliest `published` instant
///    (``PublishedInstant``; absent or unreadable counts as latest), then
///    the smallest `id`.
public struct NearDuplicateClusters: Sendable {
    /// How many members of an LSH bucket (the first ones, in id order) a new item is compared with.
    static let representativesPerBucket = 8

    public struct Item: Sendable, Equatable {
        /// The record id; unique among the items.
        public var id: String
        public var published: String?
        public var textHash: String?
        public var signature: [UInt32]

        public init(id: String, published: String? = nil, textHash: String? = nil, signature: [UInt32]) {
            self.id = id
            self.published = published
            self.textHash = textHash
            self.signature = signature
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

    public let parameters: LSHParameters
    /// Candidates with an estimated Jaccard below this are not joined.
    public let threshold: Double

    public init(parameters: LSHParameters, threshold: Double) {
        self.parameters = parameters
        self.threshold = threshold
    }

    /// One decision per item in a cluster of two or more, sorted by id.
    public func decisions(for items: [Item]) -> [Decision] {
        let items = items.sorted { $0.id < $1.id }
        for i in items.indices.dropFirst() {
            precondition(items[i - 1].id != items[i].id, "two dedup items share the id \(items[i].id)")
        }

        var sets = UnionFind(count: items.count)
        var firstWithTextHash: [String: Int] = [:]
        var firstInBucket: [UInt64: Int] = [:]
        // Buckets with more than one member are rare; only they get a list.
        var moreInBucket: [UInt64: [Int]] = [:]
        for (index, item) in items.enumerated() {
            if let textHash = item.textHash {
                if let first = firstWithTextHash[textHash] {
                    sets.union(first, index)
                } else {
                    firstWithTextHash[textHash] = index
                }
            }
            if item.signature.allSatisfy({ $0 == .max }) { continue }
            for key in parameters.bandKeys(item.signature) {
                guard let first = firstInBucket[key] else {
                    firstInBucket[key] = index
                    continue
                }
                // Compare with the bucket's first few members, not only the
                // first: an item that fails against one may match another.
                let others = moreInBucket[key, default: []]
                for member in [first] + others where !sets.inSameSet(member, index) {
                    if MinHasher.estimatedJaccard(items[member].signature, item.signature) >= threshold {
                        sets.union(member, index)
                    }
                }
                if others.count < Self.representativesPerBucket - 1 { moreInBucket[key, default: []].append(index) }
            }
        }

        // Per root: the cluster's size and the index and instant of the item it keeps.
        var roots: [Int] = []
        roots.reserveCapacity(items.count)
        var clusterSize = [Int](repeating: 0, count: items.count)
        var keptIndex = [Int](repeating: -1, count: items.count)
        var keptPublished = [PublishedInstant?](repeating: nil, count: items.count)
        for index in items.indices {
            let root = sets.find(index)
            roots.append(root)
            clusterSize[root] += 1
            let published = items[index].published.flatMap(PublishedInstant.init(iso8601:))
            // Items come in id order, so on equal instants the smaller id stays.
            if keptIndex[root] < 0 || Self.isEarlier(published, than: keptPublished[root]) {
                keptIndex[root] = index
                keptPublished[root] = published
            }
        }

        var decisions: [Decision] = []
        for (index, root) in roots.enumerated() where clusterSize[root] >= 2 {
            let id = items[index].id
            let keptID = items[keptIndex[root]].id
            decisions.append(Decision(id: id, cluster: keptID, duplicateOf: id == keptID ? nil : keptID))
        }
        return decisions
    }

    /// Whether `a` is strictly earlier than `b`, a missing instant being latest.
    private static func isEarlier(_ a: PublishedInstant?, than b: PublishedInstant?) -> Bool {
        switch (a, b) {
        case let (a?, b?): return a < b
        case (.some, nil): return true
        case (nil, _): return false
        }
    }
}
