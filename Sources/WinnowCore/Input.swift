/// A reference to one input document: enough to find and load it, cheap to
/// hold a million of. Readers (files, WARC, URL lists) list these; the runner
/// shards, orders and checkpoints by them.
public struct InputRef: Sendable, Hashable {
    /// The stable identity of the input: its path relative to the input root,
    /// or its URL. Shards and record ids derive from it.
    public var key: String
    /// How to read it: `file` (plain), `gzip` (a .gz file), and later `warc`, `http`.
    public var kind: Kind
    /// Where the bytes are: an absolute file path or a URL.
    public var location: String
    /// Byte offset inside the file, for container formats such as WARC.
    public var offset: Int?

    public enum Kind: String, Sendable, Hashable {
        case file, gzip
    }

    public init(key: String, kind: Kind, location: String, offset: Int? = nil) {
        self.key = key
        self.kind = kind
        self.location = location
        self.offset = offset
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

    public enum Format: String, Sendable { case html, text }

    public init(bytes: [UInt8], format: Format, declaredCharset: String? = nil,
                url: String? = nil, fetchedAt: String? = nil, httpStatus: Int? = nil) {
        self.bytes = bytes
        self.format = format
        self.declaredCharset = declaredCharset
        self.url = url
        self.fetchedAt = fetchedAt
        self.httpStatus = httpStatus
    }
}

/// Lists the inputs of a run, streaming: a source never holds the whole list,
/// so memory does not grow with the archive.
public protocol InputSource: Sendable {
    /// Calls `body` for every input, in the same order every time it is called.
    /// Throws ``ConfigurationError`` when an input root cannot be read.
    func forEach(_ body: (InputRef) throws -> Void) throws
}

/// Reads the bytes of an ``InputRef``. Implementations live in WinnowRead.
public protocol InputLoader: Sendable {
    /// Loads one input. Throws ``StageFailure`` (stage `read`) with a reason a
    /// user can act on when the input cannot be read.
    func load(_ ref: InputRef) throws -> InputContent
}

/// An in-memory list of inputs is a source too (tests, small tools).
extension Array: InputSource where Element == InputRef {}
