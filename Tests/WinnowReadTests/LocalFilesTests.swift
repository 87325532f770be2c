import Foundation
import Testing
import WinnowCore

@testable import WinnowRead

@Suite("LocalFiles")
struct LocalFilesTests {
    /// An archive with pages at several depths, files that are not pages, and a hidden directory.
    private func makeArchive(_ root: String) throws {
        for path in [
            "b.html", "A.html", "é.html", "a/z.htm", "sub/deeper/c.XHTML", "notes.txt", "folder.html/inner.html",
            "notes.md", "image.png", "style.css", "html", ".hidden/secret.html", "sub/.git/page.html",
        ] {
            try writeFile(root + "/" + path, "<p>\(path)</p>")
        }
        try writeFile(root + "/a/y.txt.gz", try gzip(Array("y".utf8)))
        try writeFile(root + "/page.html.gz", try gzip(Array("<p>p</p>".utf8)))
    }

    @Test func walksRecursivelyInByteOrderWithRelativeKeys() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try makeArchive(root)
        let refs = try LocalFiles.list(roots: [root])
        #expect(
            refs.map(\.key) == [
                "A.html", "a/y.txt.gz", "a/z.htm", "b.html", "folder.html/inner.html", "notes.txt", "page.html.gz",
                "sub/deeper/c.XHTML", "é.html",
            ])
    }

    @Test func locationsAreAbsolutePathsUnderTheRoot() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try makeArchive(root)
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
        for ref in try LocalFiles.list(roots: [root]) {
            #expect(ref.location == absolute + "/" + ref.key)
            #expect(FileManager.default.fileExists(atPath: ref.location))
            #expect(ref.offset == nil)
        }
    }

    @Test func gzipFilesAreMarkedGzip() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try makeArchive(root)
        let refs = try LocalFiles.list(roots: [root])
        let kinds = Dictionary(uniqueKeysWithValues: refs.map { ($0.key, $0.kind) })
        #expect(kinds["a/y.txt.gz"] == .gzip)
        #expect(kinds["page.html.gz"] == .gzip)
        #expect(kinds["b.html"] == .file)
        #expect(kinds["sub/deeper/c.XHTML"] == .file)
    }

    @Test func skipsHiddenDirectoriesAndNonPageFiles() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try makeArchive(root)
        let keys = try LocalFiles.list(roots: [root]).map(\.key)
        for skipped in ["notes.md", "image.png", "style.css", "html", ".hidden/secret.html", "sub/.git/page.html"] {
            #expect(!keys.contains(skipped), "\(skipped) was listed")
        }
    }

    @Test func keysDoNotDependOnWhereTheArchiveIsMounted() throws {
        let first = try makeTemporaryDirectory()
        let second = try makeTemporaryDirectory()
        defer {
            removeTemporaryDirectory(first)
            removeTemporaryDirectory(second)
        }
        try makeArchive(first)
        try makeArchive(second + "/mnt/copy")
        #expect(
            try LocalFiles.list(roots: [first]).map(\.key) == LocalFiles.list(roots: [second + "/mnt/copy"]).map(\.key))
    }

    @Test func singleFileIsKeyedByItsName() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try makeArchive(root)
        let refs = try LocalFiles.list(roots: [root + "/sub/deeper/c.XHTML"])
        #expect(refs == [InputRef(key: "c.XHTML", kind: .file, location: root + "/sub/deeper/c.XHTML")])
        let gz = try LocalFiles.list(roots: [root + "/a/y.txt.gz"])
        #expect(gz == [InputRef(key: "y.txt.gz", kind: .gzip, location: root + "/a/y.txt.gz")])
    }

    @Test func singleFileThatIsNotAPageIsAnError() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try makeArchive(root)
        let error = try #require(throws: ConfigurationError.self) { try LocalFiles.list(roots: [root + "/notes.md"]) }
        #expect(error.message.hasPrefix("--input \(root)/notes.md: not a page file"))
    }

    @Test func missingPathIsAnErrorNamingIt() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        let missing = root + "/no/such/archive"
        let error = try #require(throws: ConfigurationError.self) { try LocalFiles.list(roots: [missing]) }
        #expect(error.message == "--input \(missing): no such file or directory")
    }

    @Test func directoryWithoutPagesIsAnError() throws {
        let root = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(root) }
        try writeFile(root + "/readme.md", "# nothing here")
        try writeFile(root + "/.hidden/page.html", "<p>hidden</p>")
        let error = try #require(throws: ConfigurationError.self) { try LocalFiles.list(roots: [root]) }
        #expect(error.message == "--input \(root): no .html, .htm, .txt (or .gz) or .warc files found")
    }

    @Test func sameKeyUnderTwoRootsIsAnError() throws {
        let first = try makeTemporaryDirectory()
        let second = try makeTemporaryDirectory()
        defer {
            removeTemporaryDirectory(first)
            removeTemporaryDirectory(second)
        }
        try writeFile(first + "/2016/a.html", "<p>1</p>")
        try writeFile(second + "/2016/a.html", "<p>2</p>")
        try writeFile(second + "/2016/b.html", "<p>3</p>")
        let error = try #require(throws: ConfigurationError.self) { try LocalFiles.list(roots: [first, second]) }
        #expect(error.message.contains("two inputs have the key '2016/a.html'"))
    }

    @Test func rootsKeepTheirOrderAndEachIsSorted() throws {
        let first = try makeTemporaryDirectory()
        let second = try makeTemporaryDirectory()
        defer {
            removeTemporaryDirectory(first)
            removeTemporaryDirectory(second)
        }
        try writeFile(first + "/en/b.html", "b")
        try writeFile(first + "/en/a.html", "a")
        try writeFile(second + "/ko/d.html", "d")
        try writeFile(second + "/ko/c.html", "c")
        #expect(
            try LocalFiles.list(roots: [second, first]).map(\.key) == [
                "ko/c.html", "ko/d.html", "en/a.html", "en/b.html",
            ])
    }

    @Test func formatFollowsTheFileName() {
        #expect(LocalFiles.format(of: "a/b.txt") == .text)
        #expect(LocalFiles.format(of: "a/b.TXT.gz") == .text)
        #expect(LocalFiles.format(of: "a/b.html") == .html)
        #expect(LocalFiles.format(of: "a/b.htm.gz") == .html)
    }
}
