import Foundation

/// What `winnow status` reports: per shard, how far it got and what failed.
public struct RunStatus: Codable, Sendable {
    public struct Shard: Codable, Sendable {
        public var shard: String
        /// `complete`, `running or stopped`, or `not started`.
        public var state: String
        public var inputs: Int?
        public var processed: Int?
        public var records: Int?
        public var rejects: Int?
        public var dropped: Int?
        /// The most common reject reasons, most frequent first.
        public var topRejectReasons: [String: Int]?
    }

    public var directory: String
    public var pipeline: String
    public var shards: [Shard]
    /// `winnow dedup`'s summary (`dedup/summary.json`), once it has run.
    public var dedup: [String: Double]?
    /// Inputs in `RUNDIR/listing/`, when the run was listed first (`--list-only`).
    public var listedInputs: Int?

    public var complete: Bool { shards.allSatisfy { $0.state == "complete" } }

    public static func read(_ directory: RunDirectory) throws -> RunStatus {
        let listing = try InputListing.read(directory)
        guard let manifest = try directory.readManifest() else {
            // Listed, and no shard has started yet (a Slurm array waiting for its listing job, or queued).
            guard let listing else {
                throw ConfigurationError("\(directory.path) is not a Winnow run directory (no manifest.json)")
            }
            let shards = (0..<listing.shards).map {
                Shard(shard: ShardSpec(index: $0, count: listing.shards).description, state: "not started")
            }
            return RunStatus(
                directory: directory.path, pipeline: "not known until a shard starts", shards: shards, dedup: nil,
                listedInputs: listing.inputCount)
        }
        var shards: [Shard] = []
        for index in 0..<manifest.shards {
            let spec = ShardSpec(index: index, count: manifest.shards)
            guard let checkpoint = try directory.readCheckpoint(spec) else {
                shards.append(Shard(shard: spec.description, state: "not started"))
                continue
            }
            let s = checkpoint.stats
            shards.append(
                Shard(
                    shard: spec.description, state: checkpoint.complete ? "complete" : "running or stopped",
                    inputs: s.inputs, processed: s.processed, records: s.records, rejects: s.rejects,
                    dropped: s.dropped,
                    topRejectReasons: s.rejects > 0
                        ? try rejectReasons(directory, spec, upTo: checkpoint.rejectsBytes) : nil))
        }
        var dedup: [String: Double]?
        if let data = FileManager.default.contents(atPath: directory.dedupPath + "/summary.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            dedup = object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
        }
        return RunStatus(
            directory: directory.path, pipeline: manifest.pipeline, shards: shards, dedup: dedup,
            listedInputs: listing?.inputCount)
    }

    /// Counts reasons in the committed part of a rejects file (keeps the 5 most common).
    static func rejectReasons(_ directory: RunDirectory, _ shard: ShardSpec, upTo bytes: Int) throws -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: directory.rejectsPath(shard)) else { return [:] }
        var counts: [String: Int] = [:]
        for line in data.prefix(bytes).split(separator: 0x0A) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let stage = object["stage"] as? String, let reason = object["reason"] as? String
            else { continue }
            // Group by the reason's kind, not its details (sizes, names).
            let kind = reason.split(separator: ":").first.map(String.init) ?? reason
            counts["\(stage): \(kind)", default: 0] += 1
        }
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        return Dictionary(uniqueKeysWithValues: top.map { ($0.key, $0.value) })
    }

    /// A table for people.
    public func rendered() -> String {
        var lines = ["run \(directory) (pipeline: \(pipeline))"]
        if let listedInputs {
            lines.append(
                "listing: \(listedInputs) inputs listed once for \(shards.count) shards (\(directory)/listing/)")
        }
        var totals = (inputs: 0, processed: 0, records: 0, rejects: 0)
        for s in shards {
            var line = "  shard \(s.shard): \(s.state)"
            if let inputs = s.inputs, let processed = s.processed {
                // A shard reading WARC files learns its input count only at the end.
                let total = processed > inputs && s.state != "complete" ? "?" : String(inputs)
                line +=
                    ", \(processed)/\(total) inputs, \(s.records ?? 0) records, \(s.rejects ?? 0) rejects, "
                    + "\(s.dropped ?? 0) dropped"
                totals.inputs += inputs
                totals.processed += processed
                totals.records += s.records ?? 0
                totals.rejects += s.rejects ?? 0
            }
            lines.append(line)
            for (reason, count) in (s.topRejectReasons ?? [:]).sorted(by: {
                $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
            }) {
                lines.append("      \(count) × \(reason)")
            }
        }
        let done = shards.filter { $0.state == "complete" }.count
        lines.append(
            "total: \(done)/\(shards.count) shards complete, \(totals.processed)/\(totals.inputs) inputs, "
                + "\(totals.records) records, \(totals.rejects) rejects"
        )
        if let d = dedup {
            let n = { (key: String) in Int(d[key] ?? 0) }
            lines.append(
                "dedup: \(n("clusters")) clusters, \(n("duplicates")) duplicates, \(n("boilerplate_paragraphs")) "
                    + "boilerplate paragraphs (threshold \(d["threshold"] ?? 0))"
            )
        } else {
            lines.append("dedup: not run yet (winnow dedup \(directory))")
        }
        return lines.joined(separator: "\n")
    }
}
