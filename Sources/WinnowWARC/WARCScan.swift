/// Reads every record of a WARC file and checks its digests: what
/// `winnow warc-scan` and the reading benchmark measure.
public struct WARCScan: Sendable, Equatable {
    public var records = 0
    public var damaged = 0
    /// Block digests checked (a mismatch is counted in `damaged`).
    public var blockDigests = 0
    public var payloadDigests = 0
    public var payloadMismatches = 0
    /// Bytes of record blocks read.
    public var blockBytes = 0

    public init() {}

    public static func scan(path: String, verify: Bool = true) throws(WARCReader.OpenFailure) -> WARCScan {
        let reader = try WARCReader(
            path: path, limits: WARCReadLimits(maxBlockBytes: 1 << 30, verifyBlockDigest: verify))
        var scan = WARCScan()
        let hasher = SHA1()
        while let entry = reader.next() {
            switch entry.content {
            case .record(let record):
                scan.records += 1
                scan.blockBytes += record.block.count
                guard verify else { continue }
                if record.headers["WARC-Block-Digest"] != nil { scan.blockDigests += 1 }
                if let stated = record.headers["WARC-Payload-Digest"],
                    record.type == "response" || record.type == "resource"
                {
                    // The body as stored: the readers' convention (see WARCWriter).
                    var start = 0
                    if record.block.starts(with: "HTTP/".utf8), let split = HTTPResponse.bodyStart(in: record.block) {
                        start = split.bodyStart
                    }
                    hasher.update(record.block[start...])
                    scan.payloadDigests += 1
                    if WARCDigest.matches(stated, sha1: hasher.finish()) == false { scan.payloadMismatches += 1 }
                }
            case .damage: scan.damaged += 1
            case .notice: continue
            }
        }
        return scan
    }
}
