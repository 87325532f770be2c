import Foundation
import WinnowCore
import WinnowHTML
import Yams

/// A declarative description of one site, read from a YAML file in
/// `Pipelines/sites/`: which hosts it covers, the timezone its dates are
/// written in, extra boilerplate phrases and language-link texts, and one
/// or more layouts (theme generations) with XPath for the parts of a page.
/// Every field is optional; the generic extractor fills what a profile
/// leaves out. See `Pipelines/sites/dailynk.yml`.
public struct SiteProfile: Sendable, Equatable {
    public var name: String
    /// A host matches itself and its subdomains (`dailynk.com` covers `www.dailynk.com`).
    public var hosts: [String]
    public var timeZone: TimeZone?
    public var boilerplate: [String] = []
    /// Link text → language (ISO 639-1).
    public var languageLinks: [String: String] = [:]
    public var layouts: [Layout] = []
    /// The file it came from.
    public var origin: String

    /// One theme generation. The first layout whose `detect` XPath selects
    /// something (and whose `from`/`until` dates hold the page's date, when
    /// given) applies.
    public struct Layout: Sendable, Equatable {
        public var name: String
        public var detect: String?
        public var from: WrittenDate?
        public var until: WrittenDate?
        public var title: String?
        public var byline: String?
        public var published: String?
        public var body: String?
        public var captions: String?
        public var credits: String?
        public var remove: [String] = []
    }

    /// Whether the profile covers `host`.
    public func covers(host: String) -> Bool {
        let host = host.lowercased()
        return hosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// The layout that applies to `document` (dated `date`, when known).
    public func layout(for document: HTMLDocument, date: WrittenDate?) -> Layout? {
        layouts.first { layout in
            // Days as the page wrote them (its own timezone), not UTC.
            if let date {
                let day = (date.year, date.month, date.day)
                if let from = layout.from, day < (from.year, from.month, from.day) { return false }
                if let until = layout.until, day > (until.year, until.month, until.day) { return false }
            }
            guard let detect = layout.detect else { return true }
            return !document.select(detect).isEmpty
        }
    }

    // MARK: Reading

    static let topKeys = ["name", "hosts", "timezone", "boilerplate", "language_links", "layouts"]
    static let layoutKeys = [
        "name", "detect", "from", "until", "title", "byline", "published", "body", "captions", "credits", "remove",
    ]

    /// Parses one profile. Errors name the file, the line and the key.
    public static func parse(yaml: String, origin: String) throws(ConfigurationError) -> SiteProfile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)  // no tags read: no regular expressions compiled
        } catch {
            throw ConfigurationError(
                "\(origin): not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        guard let top = root?.mapping else {
            throw ConfigurationError("\(origin): a site profile is a mapping (name, hosts, layouts, ...)")
        }
        var profile = SiteProfile(name: "", hosts: [], origin: origin)
        for (key, value) in top {
            let at = place(origin, key)
            switch key.string {
            case "name": profile.name = try string(value, origin, "name")
            case "hosts": profile.hosts = try strings(value, origin, "hosts").map { $0.lowercased() }
            case "timezone":
                let identifier = try string(value, origin, "timezone")
                guard let zone = TimeZone(identifier: identifier) else {
                    throw ConfigurationError(
                        "\(place(origin, value)): unknown timezone '\(identifier)' (use an IANA name such as "
                            + "Asia/Seoul)"
                    )
                }
                profile.timeZone = zone
            case "boilerplate": profile.boilerplate = try strings(value, origin, "boilerplate")
            case "language_links":
                guard let mapping = value.mapping else {
                    throw ConfigurationError(
                        "\(place(origin, value)): language_links maps link text to a language code")
                }
                for (text, language) in mapping {
                    profile.languageLinks[try string(text, origin, "language_links")] = try string(
                        language, origin, "language_links")
                }
            case "layouts":
                guard let list = value.sequence else {
                    throw ConfigurationError("\(place(origin, value)): layouts is a list")
                }
                for entry in list { profile.layouts.append(try layout(entry, origin)) }
            default:
                throw ConfigurationError(
                    "\(at): unknown key '\(key.string ?? "?")' (known: \(topKeys.joined(separator: ", ")))")
            }
        }
        guard !profile.name.isEmpty else { throw ConfigurationError("\(origin): a site profile needs a name") }
        guard !profile.hosts.isEmpty else { throw ConfigurationError("\(origin): a site profile needs hosts") }
        return profile
    }

    private static func layout(_ node: Node, _ origin: String) throws(ConfigurationError) -> Layout {
        guard let mapping = node.mapping else {
            throw ConfigurationError("\(place(origin, node)): each layout is a mapping")
        }
        var layout = Layout(name: "")
        for (key, value) in mapping {
            let name = key.string ?? "?"
            func xpath() throws(ConfigurationError) -> String {
                let expression = try string(value, origin, name)
                guard HTMLDocument.isValidXPath(expression) else {
                    throw ConfigurationError(
                        "\(place(origin, value)): '\(name)' is not a valid XPath expression: \(expression)")
                }
                return expression
            }
            func date() throws(ConfigurationError) -> WrittenDate {
                let text = try string(value, origin, name)
                guard let date = DateReader.read(text) else {
                    throw ConfigurationError("\(place(origin, value)): '\(name)' is not a date: \(text)")
                }
                return date
            }
            switch name {
            case "name": layout.name = try string(value, origin, name)
            case "detect": layout.detect = try xpath()
            case "from": layout.from = try date()
            case "until": layout.until = try date()
            case "title": layout.title = try xpath()
            case "byline": layout.byline = try xpath()
            case "published": layout.published = try xpath()
            case "body": layout.body = try xpath()
            case "captions": layout.captions = try xpath()
            case "credits": layout.credits = try xpath()
            case "remove":
                for expression in try strings(value, origin, name) {
                    guard HTMLDocument.isValidXPath(expression) else {
                        throw ConfigurationError(
                            "\(place(origin, value)): 'remove' holds an invalid XPath expression: \(expression)")
                    }
                    layout.remove.append(expression)
                }
            default:
                throw ConfigurationError(
                    "\(place(origin, key)): unknown layout key '\(name)' (known: \(layoutKeys.joined(separator: ", ")))"
                )
            }
        }
        guard !layout.name.isEmpty else { throw ConfigurationError("\(place(origin, node)): each layout needs a name") }
        guard layout.detect != nil || layout.from != nil || layout.until != nil else {
            throw ConfigurationError(
                "\(place(origin, node)): layout '\(layout.name)' needs detect (an XPath) or a from/until date")
        }
        return layout
    }

    private static func place(_ origin: String, _ node: Node) -> String {
        guard let mark = node.mark else { return origin }
        return "\(origin):\(mark.line):\(mark.column)"
    }

    private static func string(_ node: Node, _ origin: String, _ key: String) throws(ConfigurationError) -> String {
        guard let text = node.scalar?.string, !text.isEmpty else {
            throw ConfigurationError("\(place(origin, node)): '\(key)' must be a text")
        }
        return text
    }

    private static func strings(_ node: Node, _ origin: String, _ key: String) throws(ConfigurationError) -> [String] {
        if node.scalar != nil { return [try string(node, origin, key)] }
        guard let list = node.sequence else {
            throw ConfigurationError("\(place(origin, node)): '\(key)' must be a list of texts")
        }
        var result: [String] = []
        for item in list { result.append(try string(item, origin, key)) }
        return result
    }
}

/// The profiles a pipeline uses, and which one covers a page.
public struct SiteProfiles: Sendable, Equatable {
    public var profiles: [SiteProfile]

    public init(_ profiles: [SiteProfile]) { self.profiles = profiles }

    public func profile(forHost host: String?) -> SiteProfile? {
        guard let host, !host.isEmpty else { return nil }
        return profiles.first { $0.covers(host: host) }
    }

    /// For a page without a known host (a local text file): the first
    /// profile one of whose boilerplate phrases the text contains.
    public func profile(recognizing text: String) -> SiteProfile? {
        profiles.first { profile in profile.boilerplate.contains { !$0.isEmpty && text.containsBytes($0) } }
    }

    /// Every `*.yml` / `*.yaml` file of `folder`, in name order.
    public static func load(folder: String) throws(ConfigurationError) -> SiteProfiles {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ConfigurationError("site_profiles: cannot read the folder \(folder)")
        }
        var profiles: [SiteProfile] = []
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw ConfigurationError("\(path): cannot read it as UTF-8")
            }
            profiles.append(try SiteProfile.parse(yaml: text, origin: path))
        }
        return SiteProfiles(profiles)
    }

    /// The profiles shipped with Winnow (the files of `Pipelines/sites/`, compiled in).
    public static func builtIn() -> SiteProfiles {
        // The texts are tested to parse and to equal the files.
        SiteProfiles(
            BuiltInSiteProfiles.files.map { try! SiteProfile.parse(yaml: $0.text, origin: "built-in " + $0.name) })
    }
}
