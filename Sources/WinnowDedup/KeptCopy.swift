/// Which record of a duplicate cluster is kept (README "Which copy is kept"):
/// 1. the one with no later `modified` (a record without `modified` was
///    never changed, so none is later than it);
/// 2. then the earliest `published` (absent or unreadable counts as latest);
/// 3. then the one whose URL is its own canonical URL;
/// 4. then the smallest input key (UTF-8 byte order);
/// 5. then the smallest id (only signature entries without keys tie here).
/// A republished copy (the same text plus an update line, a later
/// `dateModified`, the same `datePublished`) loses at step 1; a syndicated
/// copy that names the original as canonical loses at step 3.
public enum KeptCopy {
    /// What steps 1–3 compare, held in memory for every record.
    public struct Evidence: Sendable, Equatable {
        public var modified: PublishedInstant?
        public var published: PublishedInstant?
        public var isCanonical: Bool

        public init(modified: PublishedInstant? = nil, published: PublishedInstant? = nil, isCanonical: Bool = false) {
            self.modified = modified
            self.published = published
            self.isCanonical = isCanonical
        }

        public init(modified: String?, published: String?, isCanonical: Bool) {
            self.init(
                modified: modified.flatMap(PublishedInstant.init(iso8601:)),
                published: published.flatMap(PublishedInstant.init(iso8601:)), isCanonical: isCanonical)
        }
    }

    /// Whether `a` is kept over `b` by steps 1–3; nil when they tie there.
    public static func prefers(_ a: Evidence, over b: Evidence) -> Bool? {
        // 1. An absent `modified` is the earliest.
        if let order = earlier(a.modified, b.modified, absentFirst: true) { return order }
        // 2. An absent `published` is the latest.
        if let order = earlier(a.published, b.published, absentFirst: false) { return order }
        // 3.
        if a.isCanonical != b.isCanonical { return a.isCanonical }
        return nil
    }

    /// Whether the record of `aKey` is kept over that of `bKey` at step 4; nil when the keys are equal.
    public static func prefers(key aKey: String, over bKey: String) -> Bool? {
        aKey == bKey ? nil : aKey.utf8.lexicographicallyPrecedes(bKey.utf8)
    }

    /// true when `a` comes first, false when `b` does, nil when equal.
    private static func earlier(_ a: PublishedInstant?, _ b: PublishedInstant?, absentFirst: Bool) -> Bool? {
        switch (a, b) {
        case (nil, nil): return nil
        case (nil, .some): return absentFirst
        case (.some, nil): return !absentFirst
        case (let a?, let b?): return a == b ? nil : a < b
        }
    }
}
