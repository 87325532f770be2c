import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The units of a run (page files, whole WARC files) listed once, before
/// its shards start, into `RUNDIR/listing/`: one file per shard with that
/// shard's units in input order, and `listing.json` with the run's input
/// count and hash. A shard then reads its own file instead of walking the
/// input tree (a 1,000-task array over a 10-million-file tree would walk it
/// 2,000 times).
///
/// The hash is the one a walk gives (every unit key, in order), so the
/// manifest, `--resume` and the refusal of a changed input set work the
/// same with or without a listing.
public struct InputListing: Codable, Sendable, Equatable {
    public var shards: Int
    /// Units of the run, all shards.
    public var inputCount: Int
    public var inputHash: String
    /// The input roots as given to the listing (absolute).
    public var roots: [String]
    /// Per shard: units outside containers, and containers (WARC files).
    public var perShard: [ShardPart]

    public struct ShardPart: Codable, Sendable, Equatable {
        public var inputs: Int
        public var containers: Int
    }

    public static func directory(of run: RunDirectory) -> String { run.path + "/listing" }
    static func indexName() -> String { "listing.json" }
    static func partName(_ shard: ShardSpec) -> String { shard.fileStem + ".tsv" }

    public func partPath(_ shard: ShardSpec, in run: RunDirectory) -> String {
        Self.directory(of: run) + "/" + Self.partName(shard)
    }

    /// The listing in `run`, if one was written.
    public static func read(_ run: RunDirectory) throws -> InputListing? {
        try RunDirectory.read(InputListing.self, at: directory(of: run) + "/" + indexName())
    }

    /// Lists `inputs` into `run` for `shards` shards, unless the same
    /// listing is there already (`written` is then false). Refused when the
    /// run directory holds another listing or a manifest of another input
    /// set or shard count. Memory stays flat: per-shard lines are buffered up
    /// to a few megabytes in all, then appended to their files.
    public static func write(
        inputs: any InputSource, roots: [String], shards: Int, to run: RunDirectory
    ) throws -> (listing: InputListing, written: Bool) {
        try AtomicFile.makeDirectories(run.path)
        removeAbandonedPartials(in: run)
        let partial = run.path + "/" + partialPrefix() + "\(getpid())"
        try? FileManager.default.removeItem(atPath: partial)
        try AtomicFile.makeDirectories(partial)
        var parts = [ShardPart](repeating: ShardPart(inputs: 0, containers: 0), count: shards)
        var buffers = [[UInt8]](repeating: [], count: shards)
        var buffered = 0
        var count = 0
        var hash: UInt64 = 0

        func flush(_ shard: Int, sync: Bool) throws {
            guard !buffers[shard].isEmpty || sync else { return }
            let path = partial + "/" + partName(ShardSpec(index: shard, count: shards))
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw AtomicFile.posixError("cannot open \(path)") }
            defer { close(fd) }
            try AtomicFile.writeAll(fd, buffers[shard], path: path)
            if sync, fsync(fd) != 0 { throw AtomicFile.posixError("cannot fsync \(path)") }
            buffered -= buffers[shard].count
            buffers[shard].removeAll(keepingCapacity: false)
        }

        try inputs.forEach { unit in
            count += 1
            hash = StableHash.mix(hash ^ StableHash.hash64(unit.key))
            let shard = shards == 1 ? 0 : Int(StableHash.hash64(unit.key) % UInt64(shards))
            if inputs.isContainer(unit) { parts[shard].containers += 1 } else { parts[shard].inputs += 1 }
            let before = buffers[shard].count
            Line.append(unit, to: &buffers[shard])
            buffered += buffers[shard].count - before
            // 4 MB in all: a few thousand shards' lines between two rounds of appends.
            if buffered > 4 << 20 {
                for k in 0..<shards { try flush(k, sync: false) }
            }
        }
        guard count > 0 else { throw ConfigurationError("no inputs found") }
        for k in 0..<shards where parts[k].inputs + parts[k].containers > 0 { try flush(k, sync: true) }
        let listing = InputListing(
            shards: shards, inputCount: count, inputHash: StableHash.hex(hash), roots: roots, perShard: parts)

        if let existing = try read(run) {
            try? FileManager.default.removeItem(atPath: partial)
            try existing.check(against: listing, run: run)
            return (existing, false)
        }
        if let manifest = try run.readManifest() {
            if manifest.shards != shards || manifest.inputCount != count
                || manifest.inputHash != listing.inputHash
            {
                try? FileManager.default.removeItem(atPath: partial)
                throw ConfigurationError(
                    "cannot list into \(run.path): the run has \(manifest.shards) shards over \(manifest.inputCount) "
                        + "inputs (hash \(manifest.inputHash)); the inputs now give \(count) (hash "
                        + "\(listing.inputHash)) for \(shards) shards; use a new --output"
                )
            }
        }
        try AtomicFile.write(RunDirectory.encode(listing), to: partial + "/" + indexName())
        // A directory renamed whole: another host sees no listing or all of it.
        guard rename(partial, directory(of: run)) == 0 else {
            let reason = String(cString: strerror(errno))
            if let existing = try read(run) {
                try? FileManager.default.removeItem(atPath: partial)
                try existing.check(against: listing, run: run)
                return (existing, false)
            }
            throw OutputError("cannot rename \(partial) to \(directory(of: run)): \(reason)")
        }
        AtomicFile.syncDirectory(of: directory(of: run))
        return (listing, true)
    }

    /// `listing.partial.HOST.`: a lister writes into this folder + its pid
    /// until it renames the folder whole into place.
    static func partialPrefix() -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        return "listing.partial.\(host)."
    }

    /// Removes the folders of listers killed on this host (their pid is
    /// gone). Another host's folders are left alone: whether their lister
    /// still runs cannot be known from here.
    static func removeAbandonedPartials(in run: RunDirectory) {
        let prefix = partialPrefix()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: run.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: run.path + "/" + name)
        }
    }

    /// Refuses a listing of other inputs or another shard count.
    func check(against other: InputListing, run: RunDirectory) throws {
        guard shards == other.shards, inputCount == other.inputCount, inputHash == other.inputHash else {
            throw ConfigurationError(
                "\(run.path) was listed with \(inputCount) inputs (hash \(inputHash)) for \(shards) shards; the "
                    + "inputs now give \(other.inputCount) (hash \(other.inputHash)) for \(other.shards) shards; use "
                    + "a new --output"
            )
        }
    }

    /// One unit per line: kind, key and location, tab-separated, with `\`,
    /// tab, CR and LF escaped (a file name may hold any of them).
    enum Line {
        static func append(_ unit: InputRef, to buffer: inout [UInt8]) {
            buffer.append(contentsOf: unit.kind.rawValue.utf8)
            buffer.append(0x09)
            escape(unit.key, into: &buffer)
            buffer.append(0x09)
            escape(unit.location, into: &buffer)
            buffer.append(0x0A)
        }

        static func escape(_ text: String, into buffer: inout [UInt8]) {
            for byte in text.utf8 {
                switch byte {
                case 0x5C: buffer += [0x5C, 0x5C]
                case 0x09: buffer += [0x5C, 0x74]
                case 0x0A: buffer += [0x5C, 0x6E]
                case 0x0D: buffer += [0x5C, 0x72]
                default: buffer.append(byte)
                }
            }
        }

        static func unescape(_ field: ArraySlice<UInt8>) -> String {
            guard field.contains(0x5C) else { return String(decoding: field, as: UTF8.self) }
            var out: [UInt8] = []
            var escaped = false
            for byte in field {
                if escaped {
                    switch byte {
                    case 0x74: out.append(0x09)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    default: out.append(byte)
                    }
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        static func parse(_ line: ArraySlice<UInt8>) -> InputRef? {
            let fields = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let kind = InputRef.Kind(rawValue: String(decoding: fields[0], as: UTF8.self))
            else { return nil }
            return InputRef(key: unescape(fields[1]), kind: kind, location: unescape(fields[2]))
        }
    }
}

/// One shard's part of a run's ``InputListing``: the input source of a
/// shard task, read from `RUNDIR/listing/` instead of a walk of the tree.
/// Containers (WARC files) are expanded by `containers`, the source that
/// the listing was made from (its ``InputSource/forEachInput(in:_:)``).
public struct ListedInputs: InputSource {
    public let listing: InputListing
    public let shard: ShardSpec
    public let path: String
    public let containers: any InputSource

    public init(listing: InputListing, shard: ShardSpec, run: RunDirectory, containers: any InputSource) throws {
        guard listing.shards == shard.count else {
            throw ConfigurationError(
                "\(InputListing.directory(of: run)) lists the inputs for \(listing.shards) shards, not "
                    + "\(shard.count); run with --shard K/\(listing.shards)"
            )
        }
        self.listing = listing
        self.shard = shard
        self.path = listing.partPath(shard, in: run)
        self.containers = containers
    }

    /// This shard's counts, as the listing recorded them.
    public var part: InputListing.ShardPart { listing.perShard[shard.index] }

    public func forEach(_ body: (InputRef) throws -> Void) throws {
        guard part.inputs + part.containers > 0 else { return }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw ConfigurationError("\(path): missing; list the inputs again into a new --output") }
        var lines = try LineReader(path: path, limit: size)
        var number = 0
        while let line = lines.next() {
            number += 1
            guard let unit = InputListing.Line.parse(line) else {
                throw ConfigurationError("\(path) line \(number): damaged (expected kind, key and location)")
            }
            try body(unit)
        }
    }

    public func forEachInput(in unit: InputRef, _ body: (InputRef) throws -> Void) throws {
        try containers.forEachInput(in: unit, body)
    }

    public func isContainer(_ unit: InputRef) -> Bool { containers.isContainer(unit) }
}
