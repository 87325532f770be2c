import Foundation
import WinnowCompression

/// One thing found while reading a WARC file: a record, a damaged stretch
/// (with the reason), or a notice about the file as a whole.
public struct WARCEntry: Sendable {
    /// Where the record starts in the file: the offset of its gzip member in
    /// a `.warc.gz` (what CDXJ indexes and `warcio` report), its first byte
    /// in a `.warc`. For a record inside a gzip member that holds several
    /// records (a file gzipped as one stream), the member's offset plus the
    /// record's offset inside the uncompressed member.
    public var offset: Int
    /// Bytes the record takes in the file (its gzip member, or the record
    /// with its two blank lines); nil when records share a gzip member.
    public var length: Int?
    public var content: Content

    public enum Content: Sendable {
        case record(WARCRecord)
        /// The reason, for a reject line.
        case damage(String)
        case notice(String)
    }
}

/// Limits that keep memory bounded whatever the file says.
public struct WARCReadLimits: Sendable {
    /// A record header longer than this is damage (64 KiB: real headers are under 2 KiB).
    public var maxHeaderBytes: Int
    /// Blocks longer than this are read past (and counted as damage), never held.
    public var maxBlockBytes: Int
    /// Check `WARC-Block-Digest` (SHA-1) when the record has one.
    public var verifyBlockDigest: Bool

    public init(maxHeaderBytes: Int = 1 << 16, maxBlockBytes: Int = 64_000_000, verifyBlockDigest: Bool = true) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBlockBytes = maxBlockBytes
        self.verifyBlockDigest = verifyBlockDigest
    }
}

/// One thing found by ``WARCReader/nextParts()``: like ``WARCEntry``, with
/// the record's block in two parts.
public struct WARCPartsEntry: Sendable {
    public var offset: Int
    public var length: Int?
    public var content: Content

    public enum Content: Sendable {
        case record(WARCRecordParts)
        case damage(String)
        case notice(String)
    }
}

/// Reads a WARC file (1.0 or 1.1, uncompressed or gzip) record by record, in
/// constant memory. Damage never stops it: a damaged record becomes a
/// ``WARCEntry/Content/damage(_:)`` entry and reading goes on at the next
/// gzip member (`.warc.gz`) or the next `WARC/` line (`.warc`).
///
/// A record's bytes are decoded once into one reused buffer (libdeflate
/// writes a whole gzip member straight into it) and copied out of it once:
/// into the record's block (``next()``), or into its HTTP head and body
/// (``nextParts()``, what `winnow run` reads, so the page body is never
/// copied again).
public final class WARCReader {
    public struct OpenFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let path: String
    public let limits: WARCReadLimits
    /// Whether the file is gzip (by its first bytes, not its name).
    public let isGzip: Bool
    private let source: any SegmentSource
    private let file: Int32

    /// Decoded bytes of the current segment: `buffer[position..<end]` is
    /// unread; `buffer.count` is its capacity (grown, never shrunk).
    private var buffer: [UInt8] = []
    private var end = 0
    private var position = 0
    /// Segment position of `buffer[0]`.
    private var bufferBase = 0
    private var segmentOffset: Int?
    private var recordsInSegment = 0
    private var warnedSharedMember = false
    private var pending: [Found] = []
    private var finished = false
    private lazy var hasher = SHA1()

    public init(path: String, limits: WARCReadLimits = WARCReadLimits()) throws(OpenFailure) {
        self.path = path
        self.limits = limits
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            throw OpenFailure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
        var magic: [UInt8] = [0, 0]
        let got = pread(file, &magic, 2, 0)
        isGzip = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B
        do {
            // Members over 16 MB (never a news page) stream through zlib instead of a big buffer.
            source =
                isGzip
                ? try GzipSegments(
                    file: file, wholeLimit: min(16 << 20, limits.maxBlockBytes + limits.maxHeaderBytes + 4))
                : PlainSegments(file: file)
        } catch {
            close(file)
            throw OpenFailure(description: "\(path): \(error)")
        }
    }

    deinit { close(file) }

    /// The next entry, or nil at the end of the file.
    public func next() -> WARCEntry? {
        guard let found = advance(split: false) else { return nil }
        switch found.content {
        case .record(let parts):
            return WARCEntry(
                offset: found.offset, length: found.length,
                content: .record(WARCRecord(version: parts.version, headers: parts.headers, block: parts.body)))
        case .damage(let reason): return WARCEntry(offset: found.offset, length: found.length, content: .damage(reason))
        case .notice(let text): return WARCEntry(offset: found.offset, length: found.length, content: .notice(text))
        }
    }

    /// The next entry with the record's header bytes kept and the HTTP head
    /// of a `response` or `revisit` block apart from its body; nil at the
    /// end of the file.
    public func nextParts() -> WARCPartsEntry? {
        advance(split: true)
    }

    private typealias Found = WARCPartsEntry

    private func advance(split: Bool) -> Found? {
        if !pending.isEmpty { return pending.removeFirst() }
        while !finished {
            if segmentOffset == nil {
                guard let start = source.nextSegment() else {
                    finished = true
                    return nil
                }
                segmentOffset = start
                end = 0
                position = 0
                bufferBase = 0
                recordsInSegment = 0
            }
            let segment = segmentOffset!
            var offset = segment
            do {
                // Blank lines between records are tolerated.
                while true {
                    if position == end, try !fill(1) { break }
                    let byte = buffer[position]
                    guard byte == 0x0D || byte == 0x0A else { break }
                    position += 1
                }
                if position == end {
                    segmentOffset = nil
                    continue
                }
                let start = bufferBase + position
                offset = isGzip ? segment + (recordsInSegment == 0 ? 0 : start) : start
                return try readRecord(at: start, offset: offset, split: split)
            } catch {
                source.recover()
                segmentOffset = nil
                return Found(offset: offset, length: nil, content: .damage(error.description))
            }
        }
        return nil
    }

    private func readRecord(at start: Int, offset: Int, split: Bool) throws(ReadFailure) -> Found {
        func damage(_ reason: String, resumeAt resume: Int) throws(ReadFailure) -> Found {
            try resynchronize(from: resume)
            return Found(offset: offset, length: nil, content: .damage(reason))
        }
        _ = try fill(5)
        guard Self.startsWithWARC(buffer, at: position, end: end) else {
            if buffer[position..<end].starts(with: "filedesc://".utf8) {
                return try damage("ARC file (not WARC): ARC is not supported", resumeAt: start + 1)
            }
            let line = buffer[position..<min(end, position + 40)].prefix { $0 != 0x0D && $0 != 0x0A }
                .map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: "?") }
            return try damage(
                "not a WARC record: it starts with '\(String(decoding: line, as: UTF8.self))', not WARC/1.0 or "
                    + "WARC/1.1",
                resumeAt: start + 1)
        }
        // The header: up to the first empty line.
        var scan = position
        var headerEnd: Int?
        while headerEnd == nil {
            if let found = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: buffer, from: scan, end: end) {
                headerEnd = found
                break
            }
            if end - position > limits.maxHeaderBytes {
                return try damage("record header longer than \(limits.maxHeaderBytes) bytes", resumeAt: start + 1)
            }
            scan = max(position, end - 3)
            if try !fill(end - position + 4096) {
                if Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: buffer, from: scan, end: end) == nil {
                    let what =
                        Self.startsWithWARC(buffer, at: position, end: end)
                        ? "truncated record: the file ends inside its header"
                        : "not a WARC record (no WARC/1.x header here)"
                    return try damage(what, resumeAt: start + 1)
                }
            }
        }
        let headEnd = headerEnd!
        guard headEnd - position <= limits.maxHeaderBytes else {
            return try damage("record header longer than \(limits.maxHeaderBytes) bytes", resumeAt: start + 1)
        }
        let firstLineEnd = Self.find([0x0D, 0x0A], in: buffer, from: position, end: end) ?? headEnd
        let version = String(decoding: buffer[position..<firstLineEnd], as: UTF8.self)
        guard version.hasPrefix("WARC/") else {
            if version.hasPrefix("filedesc://") {
                return try damage("ARC file (not WARC): ARC is not supported", resumeAt: start + 1)
            }
            return try damage(
                "not a WARC record: the line is '\(version.prefix(40))', not WARC/1.0 or WARC/1.1", resumeAt: start + 1)
        }
        let (headers, badLine) = HeaderFields.parse(buffer[min(firstLineEnd + 2, headEnd)..<headEnd])
        if let badLine {
            return try damage("malformed header line '\(badLine)'", resumeAt: start + 1)
        }
        let blockStart = bufferBase + headEnd + 4
        guard let lengthText = headers["Content-Length"], let length = Int(lengthText), length >= 0 else {
            return try damage(
                "missing or invalid Content-Length '\(headers["Content-Length"] ?? "")'", resumeAt: blockStart)
        }
        let headerBytes = split ? Array(buffer[position..<(headEnd + 4)]) : []
        position = headEnd + 4
        if let size = source.knownSize, blockStart + length > size {
            return try damage(
                "Content-Length \(length) runs past the end of the file (\(size - blockStart) bytes left)",
                resumeAt: blockStart)
        }
        let keep = length <= limits.maxBlockBytes
        let verify = limits.verifyBlockDigest && headers["WARC-Block-Digest"] != nil
        if verify { hasher.reset() }
        var head: [UInt8] = []
        var block: [UInt8] = []
        if keep {
            // The whole block in the buffer, then copied out of it once.
            guard try fill(length) else {
                return try damage(
                    "truncated record: the block ends after \(end - position) of \(length) bytes", resumeAt: blockStart)
            }
            let range = position..<(position + length)
            if verify { hasher.update(buffer[range]) }
            var bodyStart = range.lowerBound
            if split, buffer[range].starts(with: "HTTP/".utf8) {
                let type = headers["WARC-Type"]?.lowercased()
                if type == "response" || type == "revisit",
                    let found = HTTPResponse.bodyStart(in: buffer[range])
                {
                    bodyStart = found.bodyStart
                    head = Array(buffer[range.lowerBound..<bodyStart])
                }
            }
            block = Array(buffer[bodyStart..<range.upperBound])
            position = range.upperBound
        } else {
            // Read past in pieces, never held.
            var need = length
            while need > 0 {
                if position == end {
                    compact()
                    guard try fill(min(need, 1 << 20)) else {
                        return try damage(
                            "truncated record: the block ends after \(length - need) of \(length) bytes",
                            resumeAt: blockStart)
                    }
                }
                let n = min(need, end - position)
                if verify { hasher.update(buffer[position..<(position + n)]) }
                position += n
                need -= n
            }
        }
        let afterBlock = bufferBase + position
        // Two blank lines end every record.
        _ = try fill(4)
        let trailer = buffer[position..<min(position + 4, end)]
        guard trailer.elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) else {
            let what =
                trailer.isEmpty
                ? "truncated record: the file ends before its blank lines"
                : "record not followed by its two blank lines (wrong Content-Length?)"
            return try damage(what, resumeAt: trailer.isEmpty ? afterBlock : blockStart)
        }
        position += 4
        recordsInSegment += 1
        var entryLength: Int?
        if isGzip {
            // A well-made file ends the member here; more records in it mean one gzip stream over many.
            while true {
                if position == end, try !fill(1) { break }
                guard buffer[position] == 0x0D || buffer[position] == 0x0A else { break }
                position += 1
            }
            if position == end, let segmentEnd = source.segmentEnd {
                if recordsInSegment == 1 { entryLength = segmentEnd - offset }
                segmentOffset = nil
            } else if !warnedSharedMember {
                warnedSharedMember = true
                pending.append(
                    Found(
                        offset: offset, length: nil,
                        content: .notice(
                            "gzip member at offset \(segmentOffset ?? 0) holds several records (the file was gzipped "
                                + "as one stream, not one member per record): read in sequence; offsets are not "
                                + "seekable"
                        )))
            }
        } else {
            entryLength = bufferBase + position - start
        }
        if verify, let stated = headers["WARC-Block-Digest"], WARCDigest.matches(stated, sha1: hasher.finish()) == false
        {
            return Found(
                offset: offset, length: entryLength, content: .damage("WARC-Block-Digest does not match the block"))
        }
        guard keep else {
            return Found(
                offset: offset, length: entryLength,
                content: .damage(
                    "record block of \(length) bytes is over the read limit of \(limits.maxBlockBytes) bytes"))
        }
        return Found(
            offset: offset, length: entryLength,
            content: .record(
                WARCRecordParts(
                    version: version, headers: headers, headerBytes: headerBytes, httpHead: head, body: block)))
    }

    /// Moves to the next `WARC/1.` line at or after segment position `from`
    /// (or to the end of the segment).
    private func resynchronize(from: Int) throws(ReadFailure) {
        if from >= bufferBase && from <= bufferBase + end {
            position = from - bufferBase
        } else if source.seek(to: from) {
            end = 0
            bufferBase = from
            position = 0
        }
        while true {
            if let found = Self.find(Array("\nWARC/1.".utf8), in: buffer, from: position, end: end) {
                position = found + 1
                return
            }
            position = max(position, end - 8)
            compact()
            guard try fill(end - position + (1 << 16)) else {
                position = end
                return
            }
        }
    }

    /// Makes at least `count` bytes available after `position`; false when the segment ends first.
    private func fill(_ count: Int) throws(ReadFailure) -> Bool {
        while end - position < count {
            if position > 1 << 20 { compact() }
            let want = max(count - (end - position), 1 << 16)
            let got = try source.read(into: &buffer, at: end, want: want)
            if got == 0 { return false }
            end += got
        }
        return true
    }

    /// Moves the unread bytes to the front of the buffer.
    private func compact() {
        guard position > 0 else { return }
        let unread = end - position
        if unread > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + position, unread)
            }
        }
        bufferBase += position
        end = unread
        position = 0
    }

    static func startsWithWARC(_ bytes: [UInt8], at index: Int, end: Int? = nil) -> Bool {
        let end = end ?? bytes.count
        return end - index >= 5 && bytes[index..<(index + 5)].elementsEqual("WARC/".utf8)
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int, end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard let first = pattern.first, end >= pattern.count else { return nil }
        var index = from
        let last = end - pattern.count
        while index <= last {
            if bytes[index] == first {
                var match = true
                for k in 1..<pattern.count where bytes[index + k] != pattern[k] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Why reading stopped inside a segment: corrupt or truncated gzip, or an I/O error.
struct ReadFailure: Error, CustomStringConvertible {
    var description: String
}

/// The decompressed bytes of a WARC file in segments: the whole file
/// (`.warc`), or one gzip member each (`.warc.gz`).
protocol SegmentSource: AnyObject {
    /// Starts the next segment; its file offset, or nil at the end of the file.
    func nextSegment() -> Int?
    /// Writes about `want` bytes of the current segment (a whole gzip member
    /// may be more) into `buffer` from index `at` on, growing it when its
    /// room is short; how many, 0 at the segment's end.
    func read(into buffer: inout [UInt8], at index: Int, want: Int) throws(ReadFailure) -> Int
    /// File offset just past the current segment, once it has ended.
    var segmentEnd: Int? { get }
    /// The file size when segment positions are file offsets (uncompressed files).
    var knownSize: Int? { get }
    /// Repositions reading at a segment position; false when the source cannot.
    func seek(to position: Int) -> Bool
    /// After damage: the next segment starts at the next plausible start.
    func recover()
}

/// Grows `buffer` (zero-filled, at least doubling) so that `count` bytes fit from `index` on.
func makeRoom(in buffer: inout [UInt8], at index: Int, for count: Int) {
    let need = index + count - buffer.count
    guard need > 0 else { return }
    buffer.append(contentsOf: repeatElement(0, count: max(need, buffer.count)))
}

final class PlainSegments: SegmentSource {
    let file: Int32
    let size: Int
    private var offset = 0
    private var started = false

    init(file: Int32) {
        self.file = file
        var status = stat()
        size = fstat(file, &status) == 0 ? Int(status.st_size) : 0
    }

    func nextSegment() -> Int? {
        guard !started else { return nil }
        started = true
        return 0
    }

    func read(into buffer: inout [UInt8], at index: Int, want: Int) throws(ReadFailure) -> Int {
        let want = min(want, 16 << 20, max(size - offset, 0))
        guard want > 0 else { return 0 }
        makeRoom(in: &buffer, at: index, for: want)
        let got = buffer.withUnsafeMutableBufferPointer { pread(file, $0.baseAddress! + index, want, off_t(offset)) }
        guard got >= 0 else { throw ReadFailure(description: "read error: \(String(cString: strerror(errno)))") }
        offset += got
        return got
    }

    var segmentEnd: Int? { offset >= size ? size : nil }
    var knownSize: Int? { size }

    func seek(to position: Int) -> Bool {
        offset = position
        return true
    }

    func recover() { offset = size }
}

final class GzipSegments: SegmentSource {
    let file: Int32
    private var compressed: [UInt8] = []
    /// File offset of `compressed[0]`.
    private var base = 0
    private var cursor = 0
    private var endOfFile = false
    private let inflater: GzipMemberInflater
    private let decoder = GzipMemberDecoder()
    /// At the start of a member: libdeflate may take it whole.
    private var fresh = false
    /// Largest member output libdeflate decodes whole (bigger ones stream through zlib).
    private let wholeLimit: Int
    private var inSegment = false
    private var segmentStart = 0
    private(set) var segmentEnd: Int?
    private var scratch = [UInt8](repeating: 0, count: 1 << 20)
    /// zlib's output for members libdeflate does not take whole.
    private var streamed: [UInt8] = []

    init(file: Int32, wholeLimit: Int) throws(Gzip.Failure) {
        self.file = file
        self.wholeLimit = wholeLimit
        inflater = try GzipMemberInflater()
    }

    var knownSize: Int? { nil }
    func seek(to position: Int) -> Bool { false }

    private func refill() -> Bool {
        guard !endOfFile else { return false }
        if cursor > 1 << 20 {
            compressed.removeFirst(cursor)
            base += cursor
            cursor = 0
        }
        let got = scratch.withUnsafeMutableBufferPointer { Glibc.read(file, $0.baseAddress!, $0.count) }
        if got <= 0 {
            endOfFile = true
            return false
        }
        compressed.append(contentsOf: scratch[0..<got])
        return true
    }

    func nextSegment() -> Int? {
        if cursor == compressed.count, !refill() { return nil }
        inflater.reset()
        segmentStart = base + cursor
        segmentEnd = nil
        inSegment = true
        fresh = true
        return segmentStart
    }

    func read(into buffer: inout [UInt8], at index: Int, want: Int) throws(ReadFailure) -> Int {
        guard inSegment else { return 0 }
        if fresh {
            fresh = false
            // A WARC record's member is usually far below 1 MB compressed: have it all in memory.
            while compressed.count - cursor < 1 << 20, refill() {}
            if let (consumed, produced) = decoder.decode(
                compressed, from: cursor, into: &buffer, at: index, limit: wholeLimit)
            {
                cursor += consumed
                inSegment = false
                segmentEnd = base + cursor
                return produced
            }
        }
        while true {
            if cursor == compressed.count, !refill() {
                inSegment = false
                throw ReadFailure(description: "truncated gzip member: the file ends inside it")
            }
            let step: GzipMemberInflater.Step
            streamed.removeAll(keepingCapacity: true)
            do {
                step = try inflater.inflate(
                    compressed, from: cursor, count: min(compressed.count - cursor, 1 << 16),
                    appendingTo: &streamed, room: want)
            } catch {
                inSegment = false
                throw ReadFailure(description: "broken gzip member: \(error.description)")
            }
            cursor += step.consumed
            if step.produced > 0 {
                makeRoom(in: &buffer, at: index, for: step.produced)
                buffer.withUnsafeMutableBufferPointer { out in
                    streamed.withUnsafeBufferPointer {
                        out.baseAddress!.advanced(by: index).update(from: $0.baseAddress!, count: $0.count)
                    }
                }
            }
            if step.memberEnded {
                inSegment = false
                segmentEnd = base + cursor
                return step.produced
            }
            if step.produced > 0 { return step.produced }
        }
    }

    /// The next gzip member header (1f 8b 08) after the damaged member's start.
    func recover() {
        inSegment = false
        var index = max(segmentStart + 1, base) - base
        while true {
            while index + 2 < compressed.count {
                if compressed[index] == 0x1F && compressed[index + 1] == 0x8B && compressed[index + 2] == 0x08 {
                    cursor = index
                    return
                }
                index += 1
            }
            let absolute = base + index
            cursor = index  // what lies before is skipped anyway; lets refill drop it
            guard refill() else {
                cursor = compressed.count
                return
            }
            index = absolute - base
        }
    }
}
