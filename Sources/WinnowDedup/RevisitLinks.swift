import Foundation
import WinnowCore

/// Links the run's WARC `revisit` records to the records of the responses
/// they repeat, wherever in the run those are (another WARC file, another
/// shard): `dedup/revisits.jsonl`, one line per revisit, sorted by id, so
/// the file is the same whatever the shard and worker counts.
///
/// A shard only knows its own WARC files, so the link is made here, where
/// every shard's output is read: each shard's `revisits.jsonl` says what
/// names the response (`refers_to`, `refers_to_url`, `refers_to_date`), and
/// the records say who they are (`source.warc_record_id`, `url`,
/// `fetched_at`). Matched by `WARC-Refers-To` = the record's WARC record id,
/// else `WARC-Refers-To-Target-URI` and `WARC-Refers-To-Date` = the record's
/// URL and fetch time; when several records match, the smallest id. A
/// revisit is never a record itself.
public enum RevisitLinks {
    public struct Link: Sendable, Equatable {
        public var id: String
        public var key: String
        public var url: String?
        public var fetchedAt: String?
        public var warcRecordID: String?
        /// The id of the record of the response it repeats; nil when that response made no record in the run.
        public var duplicateOf: String?
    }

    /// What the revisits files of a shard say (the fields the link needs).
    struct Revisit {
        var link: Link
        var refersTo: String?
        var refersToURL: String?
        var refersToDate: String?
    }

    /// The links of every revisit of the run (complete shards only), sorted
    /// by id; empty when the run read no revisit. Records are read only then.
    public static func links(in directory: RunDirectory, shards: Int) throws -> [Link] {
        var revisits: [Revisit] = []
        var checkpoints: [(ShardSpec, Checkpoint)] = []
        for index in 0..<shards {
            let shard = ShardSpec(index: index, count: shards)
            guard let checkpoint = try directory.readCheckpoint(shard) else { continue }
            checkpoints.append((shard, checkpoint))
            let length = checkpoint.bytes(.revisits)
            guard length > 0 else { continue }
            for line in try LineReader(path: directory.revisitsPath(shard), limit: length) where !line.isEmpty {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                    let id = object["id"] as? String, let key = object["key"] as? String
                else {
                    throw ConfigurationError("\(directory.revisitsPath(shard)): a line is not a revisit")
                }
                revisits.append(
                    Revisit(
                        link: Link(
                            id: id, key: key, url: object["url"] as? String, fetchedAt: object["fetched_at"] as? String,
                            warcRecordID: object["warc_record_id"] as? String),
                        refersTo: object["refers_to"] as? String, refersToURL: object["refers_to_url"] as? String,
                        refersToDate: object["refers_to_date"] as? String))
            }
        }
        guard !revisits.isEmpty else { return [] }

        // What the revisits look for, then one pass over the records.
        var byRecordID: [String: [Int]] = [:]
        var byURLAndDate: [String: [Int]] = [:]
        for (index, revisit) in revisits.enumerated() {
            if let id = revisit.refersTo {
                byRecordID[id, default: []].append(index)
            } else if let url = revisit.refersToURL, let date = revisit.refersToDate {
                byURLAndDate[url + " " + date, default: []].append(index)
            }
        }
        var found: [String?] = Array(repeating: nil, count: revisits.count)
        func offer(_ id: String, to indices: [Int]?) {
            for index in indices ?? [] where found[index].map({ id < $0 }) ?? true { found[index] = id }
        }
        let reader = RecordReader()
        for (shard, checkpoint) in checkpoints where checkpoint.recordsBytes > 0 {
            let path = directory.recordsPath(shard)
            for line in try LineReader(path: path, limit: checkpoint.recordsBytes) where !line.isEmpty {
                let record: Record
                do {
                    record = try reader.record(line)
                } catch {
                    throw ConfigurationError("\(path): \(error.description)")
                }
                guard let warcID = record.source.warcRecordID else { continue }
                offer(record.id, to: byRecordID[warcID])
                if let url = record.url, let date = record.fetchedAt {
                    offer(record.id, to: byURLAndDate[url + " " + date])
                }
            }
        }
        var links = revisits.map(\.link)
        for index in links.indices { links[index].duplicateOf = found[index] }
        return links.sorted { $0.id < $1.id }
    }

    /// Writes `links` as JSON lines (nothing when there are none, and an old file is removed).
    static func write(_ links: [Link], to path: String) throws {
        guard !links.isEmpty else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        var bytes: [UInt8] = []
        for link in links {
            var w = JSONWriter()
            w.beginObject()
            w.field("id", link.id)
            w.field("key", link.key)
            w.field("url", link.url)
            w.field("fetched_at", link.fetchedAt)
            w.field("warc_record_id", link.warcRecordID)
            w.field("duplicate_of", link.duplicateOf)
            w.endObject()
            bytes += w.bytes
            bytes.append(0x0A)
        }
        try AtomicFile.write(bytes, to: path)
    }
}
