/// A reference to one input document: enough to find and load it, cheap to
/// hold a million of. Readers (files, WARC, URL lists) list these; the runner
/// shards, orders and checkpoints by them.
public struct InputRef: Sendable, Hashable {
    /// The stable identity of the input: its path relative to the input root,
    /// or its URL. Shards and record ids derive from it.
    public var key: String
    /// How to read it: `file` (plain), `gzip` (a .gz file), `warc` (a whole
    /// WARC file: a container, expanded by its source), `warc-record` (one
    /// record inside one), and later `http`.
    public var kind: Kind
    /// Where the bytes are: an absolute file path or a URL.
    public var location: String
    /// Byte offset inside the file, for container formats such as WARC.
    public var offset: Int?
    /// For an input inside a container: the container's key (a WARC file's
    /// path relative to the input root). Records name it as their `source.path`.
    public var container: String?
    /// For an input inside a container that its source reads in sequence:
    /// what the source found there, handed to the loader so that the
    /// container is not read twice.
    public var embedded: Embedded?

    public enum Kind: String, Sendable, Hashable {
        case file, gzip, warc
        case warcRecord = "warc-record"
    }

    /// What a container source found at an input's place.
    public enum Embedded: Sendable, Hashable {
        /// The input as the container holds it, in two parts so that the big
        /// one travels without a copy (a WARC record: its header and the HTTP
        /// head of its block, then the rest of the block).
        case bytes(head: [UInt8], body: [UInt8])
        /// Damage: the reason becomes the reject line's.
        case damage(String)
        /// Something worth saying about the container as a whole (counted in the shard's stats).
        case notice(String)
    }

    public init(
        key: String, kind: Kind, location: String, offset: Int? = nil,
        container: String? = nil, embedded: Embedded? = nil
    ) {
        self.key = key
        self.kind = kind
        self.location = location
        self.offset = offset
        self.container = container
        self.embedded = embedded
    }
}

/// The bytes of one input plus what the transport said about them.
public struct InputContent: Sendable {
    public var bytes: [UInt8]
    /// `html` or `text`, from the file name or the HTTP Content-Type.
    public var format: Format
    /// The charset named by the transport (HTTP Content-Type), if any.
    public var declaredCharset: String?
    public var url: String?
    public var fetchedAt: String?
    public var httpStatus: Int?
    /// The `WARC-Record-ID` of the record the bytes came from.
    public var warcRecordID: String?

    public enum Format: String, Sendable { case html, text }

    public init(
        bytes: [UInt8], format: Format, declaredCharset: String? = nil,
        url: String? = nil, fetchedAt: String? = nil, httpStatus: Int? = nil, warcRecordID: String? = nil
    ) {
        self.bytes = bytes
        self.format = format
        self.declaredCharset = declaredCharset
        self.url = url
        self.fetchedAt = fetchedAt
        self.httpStatus = httpStatus
        self.warcRecordID = warcRecordID
    }
}

/// Lists the inputs of a run, streaming: a source never holds the whole list,
/// so memory does not grow with the archive.
///
/// Listing is two-level so that a shard never opens another shard's
/// containers: ``forEach(_:)`` lists the run's units (a page file, or a whole
/// WARC file) cheaply, the runner shards by the unit's key, and only then
/// asks ``forEachInput(in:_:)`` for the inputs inside the units it owns.
public protocol InputSource: Sendable {
    /// Calls `body` for every unit, in the same order every time it is called.
    /// Throws ``ConfigurationError`` when an input root cannot be read.
    func forEach(_ body: (InputRef) throws -> Void) throws
    /// Calls `body` for every input inside `unit` (the records of a WARC
    /// file), in the same order every time; a unit that is not a container
    /// is its own one input (the default).
    func forEachInput(in unit: InputRef, _ body: (InputRef) throws -> Void) throws
    /// Whether `unit` holds inputs that only reading it can count (a WARC
    /// file). The runner's survey does not open containers: their input
    /// count is known when the shard has read them.
    func isContainer(_ unit: InputRef) -> Bool
}

extension InputSource {
    public func forEachInput(in unit: InputRef, _ body: (InputRef) throws -> Void) throws {
        try body(unit)
    }

    public func isContainer(_ unit: InputRef) -> Bool { false }
}

/// Thrown by a loader for an input that is read past on purpose (a WARC
/// record that is not an HTML page with status 200, a revisit): counted in
/// the shard's stats by its reason, neither a record nor a reject.
public struct InputSkipped: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A payload that is not HTML: its media type.
        case contentType(String)
        /// An HTTP status other than 200.
        case status(Int)
        /// A `revisit` record: the page it repeats is the record of its response.
        case revisit
        /// A note about the container (e.g. a WARC gzipped as one stream).
        case notice(String)
    }

    public var reason: Reason
    /// For a revisit: what it says, for the shard's revisits file.
    public var revisit: Revisit?

    public init(_ reason: Reason, revisit: Revisit? = nil) {
        self.reason = reason
        self.revisit = revisit
    }

    /// A `revisit` record: a fetch of a page whose payload an earlier record holds.
    public struct Revisit: Sendable, Equatable {
        public var url: String?
        public var fetchedAt: String?
        public var warcRecordID: String?
        /// `WARC-Refers-To`: the record id of the response it repeats, when given.
        public var refersTo: String?
        /// `WARC-Refers-To-Target-URI` (else the revisit's own target URI) and
        /// `WARC-Refers-To-Date`: the URL and fetch time of the response it repeats.
        public var refersToURL: String?
        public var refersToDate: String?
        /// `WARC-Payload-Digest`: the payload both records share.
        public var payloadDigest: String?

        public init(
            url: String?, fetchedAt: String?, warcRecordID: String?, refersTo: String?,
            refersToURL: String? = nil, refersToDate: String? = nil, payloadDigest: String? = nil
        ) {
            self.url = url
            self.fetchedAt = fetchedAt
            self.warcRecordID = warcRecordID
            self.refersTo = refersTo
            self.refersToURL = refersToURL
            self.refersToDate = refersToDate
            self.payloadDigest = payloadDigest
        }
    }
}

/// Reads the bytes of an ``InputRef``. Implementations live in WinnowRead.
public protocol InputLoader: Sendable {
    /// Loads one input. Throws ``StageFailure`` (stage `read`) with a reason a
    /// user can act on when the input cannot be read.
    func load(_ ref: InputRef) throws -> InputContent
}

/// An in-memory list of inputs is a source too (tests, small tools).
extension Array: InputSource where Element == InputRef {}
