/// See ``HTMLElement/commonAttributes``.
public struct CommonAttributes {
    /// The `class` and `id` values as written, when read from a page:
    /// pointers, valid only as long as what they were read from (the
    /// visitor call, or the filter's pass over the page). Read outside this
    /// module through ``withClassAndID(_:)``.
    @usableFromInline var classValue: UnsafeBufferPointer<UInt8>?
    @usableFromInline var idValue: UnsafeBufferPointer<UInt8>?
    @usableFromInline var storedClassAndID: String?
    /// The inline style says `display: none` or `visibility: hidden`.
    public var hiddenByStyle = false
    /// The `hidden` attribute is present.
    public var hidden = false
    public var ariaHidden: String?
    public var role: String?
    public var itemprop: String?
    public var rel: String?

    public init() {}

    /// The attributes these are read from, lowercase.
    public static var names: [String] { Collector.names }

    /// `class` and `id` joined by a space, lowercased (ASCII by byte,
    /// anything else by Unicode rules); empty when neither is set. Made
    /// from ``classValue`` and ``idValue`` on each read.
    public var classAndID: String {
        get { storedClassAndID ?? Self.joinedLowercased(classValue, idValue) }
        set {
            storedClassAndID = newValue
            classValue = nil
            idValue = nil
        }
    }

    /// These attributes with `classAndID` made now: safe to keep after the pointers go.
    var copied: CommonAttributes {
        var attributes = self
        attributes.classAndID = classAndID
        return attributes
    }

    /// Calls `body` with the `class` and `id` values as written (empty when
    /// absent), valid only during the call; when ``classAndID`` was set
    /// instead, with its bytes as the class and an empty id.
    @inlinable public func withClassAndID<R>(_ body: (_ classValue: Span<UInt8>, _ idValue: Span<UInt8>) -> R) -> R {
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if var stored = storedClassAndID {
            return stored.withUTF8 { body($0.span, none.span) }
        }
        return body((classValue ?? none).span, (idValue ?? none).span)
    }

    /// Whether `class` and `id` are ASCII, so that lowercasing is per byte.
    public var classAndIDIsASCII: Bool {
        guard storedClassAndID == nil else { return false }
        return ByteScan.isASCII(classValue) && ByteScan.isASCII(idValue)
    }

    private static func joinedLowercased(
        _ classValue: UnsafeBufferPointer<UInt8>?, _ idValue: UnsafeBufferPointer<UInt8>?
    ) -> String {
        let classCount = classValue?.count ?? 0
        let idCount = idValue?.count ?? 0
        guard classCount > 0 || idCount > 0 else { return "" }
        let count = classCount + 1 + idCount
        if ByteScan.isASCII(classValue) && ByteScan.isASCII(idValue) {
            return String(unsafeUninitializedCapacity: count) { out in
                func copyLowercased(_ value: UnsafeBufferPointer<UInt8>?, to start: Int) {
                    guard let value else { return }
                    for (k, c) in value.enumerated() { out[start + k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                }
                copyLowercased(classValue, to: 0)
                out[classCount] = 0x20
                copyLowercased(idValue, to: classCount + 1)
                return count
            }
        }
        let joined =
            Array(classValue ?? UnsafeBufferPointer(start: nil, count: 0)) + [0x20]
            + Array(idValue ?? UnsafeBufferPointer(start: nil, count: 0))
        return String(decoding: joined, as: UTF8.self).lowercased()
    }

    /// Builds ``CommonAttributes`` from a tag's attributes, one at a time,
    /// whoever reads them (a parsed element, or the pre-parse filter reading
    /// the page's bytes). Names compare without regard to ASCII case; the
    /// first of a repeated name counts, as in libxml2. The class and id
    /// values are kept as pointers: read ``attributes`` while they are valid.
    struct Collector {
        private var result = CommonAttributes()
        private var seen: UInt16 = 0

        /// The collected names, by their index in ``add(name:value:)``'s switch.
        static let names = ["class", "id", "itemprop", "style", "hidden", "aria-hidden", "role", "rel"]

        /// The index of `name` in ``names``, ignoring ASCII case: by length
        /// first, with no table read (each static read checks its lazy initialisation).
        static func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
            func equals(_ lowercase: StaticString) -> Bool {
                let bytes = lowercase.utf8Start
                for k in 0..<name.count
                where (name[k] >= 0x41 && name[k] <= 0x5A ? name[k] | 0x20 : name[k]) != bytes[k] { return false }
                return true
            }
            switch name.count {
            case 5: return equals("class") ? 0 : equals("style") ? 3 : nil
            case 2: return equals("id") ? 1 : nil
            case 8: return equals("itemprop") ? 2 : nil
            case 6: return equals("hidden") ? 4 : nil
            case 11: return equals("aria-hidden") ? 5 : nil
            case 4: return equals("role") ? 6 : nil
            case 3: return equals("rel") ? 7 : nil
            default: return nil
            }
        }

        /// `value` is nil for an attribute written without one (`hidden`).
        mutating func add(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>?) {
            guard let which = Self.index(of: name), seen & (1 << which) == 0 else { return }
            seen |= 1 << which
            func text() -> String { value.map { String(decoding: $0, as: UTF8.self) } ?? "" }
            switch which {
            case 0: result.classValue = value
            case 1: result.idValue = value
            case 2: result.itemprop = text()
            case 3: result.hiddenByStyle = value.map(Self.styleHides) ?? false
            case 4: result.hidden = true
            case 5: result.ariaHidden = text()
            case 6: result.role = text()
            default: result.rel = text()
            }
        }

        /// What was collected (`class` and `id` still as pointers).
        var attributes: CommonAttributes { result }

        /// Whether a style value, lowercased and without spaces, holds
        /// `display:none` or `visibility:hidden` (ASCII words: only ASCII
        /// bytes can match them, so the bytes are read as they are).
        static func styleHides(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
            guard style.count >= 12 else { return false }
            var compact: [UInt8] = []
            compact.reserveCapacity(style.count)
            for c in style where c != 0x20 { compact.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
            return contains(compact, displayNone) || contains(compact, visibilityHidden)
        }

        private static let displayNone = Array("display:none".utf8), visibilityHidden = Array("visibility:hidden".utf8)

        private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                var k = 1
                while k < needle.count, bytes[start + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }
    }
}
