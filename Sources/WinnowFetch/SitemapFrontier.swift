/// The sitemaps still to read during source discovery, with index recursion
/// bounded and loops detected.
///
/// `sitemap:URL` and `robots:URL` sources put their sitemaps in at depth 0;
/// each sitemap index read puts its children in one level deeper. A sitemap
/// already queued or read (by its normalised URL, see ``URLNormalizer``) is
/// not queued again, so an index that lists itself, or two that list each
/// other, end. sitemaps.org allows one level (an index lists sitemaps, not
/// other indexes); sites nest deeper in practice, so the bound is a few
/// levels, and a total bound keeps a runaway site from filling the queue.
public struct SitemapFrontier: Sendable {
    /// Why a sitemap was not queued.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case notAWebURL(String)
        case alreadySeen(String)
        case tooDeep(String, depth: Int)
        case tooMany(String, limit: Int)

        public var description: String {
            switch self {
            case .notAWebURL(let url): "sitemap '\(url)' is not an absolute http(s) URL"
            case .alreadySeen(let url): "sitemap \(url) was already queued (a loop or a duplicate)"
            case .tooDeep(let url, let depth): "sitemap \(url) is \(depth) index levels deep: not read"
            case .tooMany(let url, let limit): "sitemap \(url) not read: already \(limit) sitemaps"
            }
        }
    }

    /// A sitemap to read and how many index levels below a source it is.
    public struct Item: Sendable, Equatable {
        public var url: String
        public var depth: Int
    }

    public let maxDepth: Int
    public let maxSitemaps: Int
    private var seen: Set<String> = []
    private var queue: [Item] = []
    private var head = 0

    public init(maxDepth: Int = 3, maxSitemaps: Int = 10_000) {
        self.maxDepth = maxDepth
        self.maxSitemaps = maxSitemaps
    }

    /// Sitemaps accepted so far (read or waiting).
    public var accepted: Int { seen.count }

    /// Queues `url` at `depth` (0 for a source's own sitemaps).
    public mutating func add(_ url: String, depth: Int = 0) throws(Refusal) {
        guard let key = URLNormalizer.normalize(url) else { throw .notAWebURL(url) }
        guard !seen.contains(key) else { throw .alreadySeen(url) }
        guard depth <= maxDepth else { throw .tooDeep(url, depth: depth) }
        guard seen.count < maxSitemaps else { throw .tooMany(url, limit: maxSitemaps) }
        seen.insert(key)
        queue.append(Item(url: url, depth: depth))
    }

    /// Queues the child sitemaps of an index read at `parent`'s depth; returns the refusals.
    @discardableResult
    public mutating func addChildren(of parent: Item, _ children: [SitemapEntry]) -> [Refusal] {
        var refusals: [Refusal] = []
        for child in children {
            do throws(Refusal) {
                try add(child.url, depth: parent.depth + 1)
            } catch {
                refusals.append(error)
            }
        }
        return refusals
    }

    /// The next sitemap to read, first in first out; nil when none is left.
    public mutating func next() -> Item? {
        guard head < queue.count else { return nil }
        defer {
            head += 1
            // Drop what was handed out once it is most of the array.
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        return queue[head]
    }
}
