import Foundation
import WinnowCore

/// `winnow export --format pairs`: the run's articles paired with their
/// translations, as a parallel corpus.
///
/// A record links to another by a cross-language link (`alternates`) or its
/// translation's `original_url`; the link makes a pair when the other record
/// is in the run (URLs compared after ``TranslationPairs/normalize(_:)``), is
/// in another language, and does not itself link, for this record's
/// language, to a different URL (a Korean page whose "English" link names
/// another article is on the same event, not a translation). Records that
/// dedup marked as duplicates take no part. Pairs are sorted by their two
/// ids, so they are the same whatever the shard count.
///
/// Memory holds each record's id, language, URLs, links and place in its
/// shard file; the texts are read back one pair at a time.
struct TranslationPairs {
    let directory: RunDirectory
    let decisions: DedupDecisions?

    struct Entry {
        var id: String
        var language: String?
        var shard: Int
        var offset: Int
        var length: Int
        var urls: [String]
        /// (language of the target, if known; normalized URL).
        var links: [(language: String?, url: String)]
    }

    struct Pair {
        var left: Int
        var right: Int
    }

    public struct Summary: Sendable, Equatable {
        public var records = 0
        public var pairs = 0
        public var alignedSegments = 0
    }

    /// A URL as compared for pairing: no scheme, no `www.`, host lowercased,
    /// no fragment, no trailing slash, percent-escapes of unreserved
    /// characters decoded and the rest in upper case.
    static func normalize(_ url: String) -> String {
        var text = Substring(url.trimmingCharacters(in: .whitespaces))
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        let slash = text.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? text.endIndex
        var host = text[..<slash].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host.hasSuffix(":80") { host.removeLast(3) } else if host.hasSuffix(":443") { host.removeLast(4) }
        var rest = ""
        var scalars = Array(text[slash...].unicodeScalars)[...]
        while let first = scalars.first {
            scalars = scalars.dropFirst()
            if first == "%", scalars.count >= 2,
                let value = UInt8(String(String.UnicodeScalarView(scalars.prefix(2))), radix: 16)
            {
                scalars = scalars.dropFirst(2)
                let scalar = Unicode.Scalar(value)
                if scalar.properties.isAlphabetic && value < 0x80 || (0x30...0x39).contains(value)
                    || "-._~".unicodeScalars.contains(scalar)
                {
                    rest.unicodeScalars.append(scalar)
                } else {
                    rest += String(format: "%%%02X", value)
                }
            } else {
                rest.unicodeScalars.append(first)
            }
        }
        while rest.hasSuffix("/") { rest.removeLast() }
        return host + rest
    }

    /// Lists every record once and finds the pairs.
    func findPairs(shards: [(ShardSpec, Int)]) throws -> (entries: [Entry], pairs: [Pair]) {
        var entries: [Entry] = []
        let reader = RecordReader()
        for (index, (shard, recordsBytes)) in shards.enumerated() {
            var offset = 0
            for line in try LineReader(path: directory.recordsPath(shard), limit: recordsBytes) {
                defer { offset += line.count + 1 }
                var record = try reader.record(line)
                if let decisions, decisions.apply(to: &record).isDuplicate { continue }
                var links: [(String?, String)] = record.alternates.map { ($0.language, Self.normalize($0.url)) }
                if let original = record.translation?.originalURL {
                    links.append((record.translation?.originalLanguage, Self.normalize(original)))
                }
                let urls = [record.url, record.canonicalURL].compactMap { $0 }.map(Self.normalize)
                entries.append(
                    Entry(
                        id: record.id, language: record.language, shard: index, offset: offset,
                        length: line.count, urls: Array(Set(urls)).sorted(), links: links))
            }
        }
        // Several records may claim one URL; the smallest id wins, whatever the record order.
        var byURL: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            for url in entry.urls where byURL[url].map({ entries[$0].id > entry.id }) ?? true { byURL[url] = index }
        }
        var seen = Set<[String]>()
        var pairs: [Pair] = []
        for (a, entry) in entries.enumerated() {
            for link in entry.links {
                guard let b = byURL[link.url], b != a, let la = entry.language, let lb = entries[b].language, la != lb
                else { continue }
                if let linkLanguage = link.language, linkLanguage != lb { continue }
                // The other side must not name a different article in this record's language.
                let contradicted = entries[b].links.contains { back in
                    back.language == la && !entry.urls.contains(back.url)
                }
                if contradicted { continue }
                let (left, right) = la < lb ? (a, b) : (b, a)
                if seen.insert([entries[left].id, entries[right].id]).inserted {
                    pairs.append(Pair(left: left, right: right))
                }
            }
        }
        pairs.sort { (entries[$0.left].id, entries[$0.right].id) < (entries[$1.left].id, entries[$1.right].id) }
        return (entries, pairs)
    }

    /// Writes the pairs as JSON Lines to `jsonlPath`; with `mosesDirectory`,
    /// also `pairs.A-B.A` and `pairs.A-B.B` there (one aligned segment a
    /// line, the OPUS naming).
    func write(shards: [(ShardSpec, Int)], jsonlPath: String, mosesDirectory: String?) throws -> Summary {
        let (entries, pairs) = try findPairs(shards: shards)
        var summary = Summary(records: entries.count, pairs: pairs.count)
        var files: [String: FileHandle] = [:]
        let paths = shards.map { directory.recordsPath($0.0) }
        let out = try FileSink(path: jsonlPath)
        var readers: [Int: FileHandle] = [:]
        defer { for handle in readers.values { try? handle.close() } }
        func read(_ entry: Entry) throws -> Record {
            let handle: FileHandle
            if let open = readers[entry.shard] {
                handle = open
            } else {
                guard let opened = FileHandle(forReadingAtPath: paths[entry.shard]) else {
                    throw ExportFailure("cannot read \(paths[entry.shard])")
                }
                readers[entry.shard] = opened
                handle = opened
            }
            try handle.seek(toOffset: UInt64(entry.offset))
            let data = try handle.read(upToCount: entry.length) ?? Data()
            var record = try RecordReader().record(ArraySlice(data))
            if let decisions { _ = decisions.apply(to: &record) }
            return record
        }
        var partials: [String] = []
        for pair in pairs {
            let left = try read(entries[pair.left])
            let right = try read(entries[pair.right])
            let beads = ParagraphAlignment.align(
                left: left.paragraphs.map { $0.text.count },
                right: right.paragraphs.map { $0.text.count })
            var w = JSONWriter()
            w.beginObject()
            w.field("id", StableHash.recordID(forKey: left.id + "\u{1}" + right.id))
            side(&w, "left", left)
            side(&w, "right", right)
            w.field("alignment_score", (ParagraphAlignment.score(beads) * 10_000).rounded() / 10_000)
            w.key("alignment")
            w.beginArray()
            for bead in beads {
                w.beginObject()
                w.key("left")
                w.beginArray()
                bead.left.forEach { w.int($0) }
                w.endArray()
                w.key("right")
                w.beginArray()
                bead.right.forEach { w.int($0) }
                w.endArray()
                w.field("score", (bead.score * 10_000).rounded() / 10_000)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            try out.write(w.bytes + [0x0A])
            guard let mosesDirectory, let ll = left.language, let rl = right.language else { continue }
            let stem = "\(mosesDirectory)/pairs.\(ll)-\(rl)."
            for (language, record, side) in [
                (ll, left, \ParagraphAlignment.Bead.left), (rl, right, \ParagraphAlignment.Bead.right),
            ] {
                let path = stem + language
                if files[path] == nil {
                    FileManager.default.createFile(atPath: path + ".partial", contents: nil)
                    guard let handle = FileHandle(forWritingAtPath: path + ".partial") else {
                        throw ExportFailure("cannot write \(path).partial")
                    }
                    files[path] = handle
                    partials.append(path)
                }
                var lines = ""
                for bead in beads where !bead.left.isEmpty && !bead.right.isEmpty {
                    let segment = bead[keyPath: side].map { record.paragraphs[$0].text }.joined(separator: " ")
                    lines += segment.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
                }
                try files[path]!.write(contentsOf: Data(lines.utf8))
            }
            summary.alignedSegments += beads.filter { !$0.left.isEmpty && !$0.right.isEmpty }.count
        }
        try out.close()
        for path in partials {
            try files[path]!.close()
            guard rename(path + ".partial", path) == 0 else {
                throw ExportFailure("cannot rename \(path).partial: \(String(cString: strerror(errno)))")
            }
        }
        return summary
    }

    private func side(_ w: inout JSONWriter, _ name: String, _ r: Record) {
        w.key(name)
        w.beginObject()
        w.field("id", r.id)
        w.field("url", r.url ?? r.canonicalURL)
        w.field("language", r.language)
        w.field("title", r.title)
        w.field("text", r.text)
        w.field("translators", r.translation?.translators ?? [])
        w.field("editors", r.translation?.editors ?? [])
        w.endObject()
    }
}
