import Foundation
import Testing

/// An output that cannot be written (a full disk) exits 1 with one line naming
/// the path and the system's reason, and leaves a checkpoint that matches what
/// is on disk.
@Suite(.serialized)
struct OutputFailureTests {
    /// A 64 KiB tmpfs: the records file fills it within a few pages. Mounting needs root (CI runs as root).
    @Test(.enabled(if: getuid() == 0, "mounting a tiny filesystem needs root"))
    func aFullDiskExitsOneNamingThePath() throws {
        let tmp = try TemporaryDirectory("full-disk")
        let mountPoint = tmp.sub("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "mount failed")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let pages = tmp.sub("pages")
        for index in 0..<200 {
            let body = String(
                repeating: "<p>Rice prices rose again in the market this week, traders said. \(index)</p>", count: 20)
            try writePage(
                pages + "/page-\(index).html",
                "<html><head><title>Page \(index)</title></head><body><article>\(body)</article></body></html>")
        }
        let run = mountPoint + "/run"
        let result = try Winnow.run([
            "run", "--input", pages, "--output", run, "--workers", "1", "--checkpoint-every", "5", "--quiet",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"))
        #expect(result.stderr.contains(run + "/shard-00000-of-00001"))
        // The checkpoint (if one was written) covers no more than the bytes on disk.
        let checkpointPath = run + "/shard-00000-of-00001.checkpoint.json"
        if FileManager.default.fileExists(atPath: checkpointPath) {
            let covered = try committedBytes(checkpointPath)["records"] ?? -1
            let onDisk =
                (try FileManager.default.attributesOfItem(atPath: run + "/shard-00000-of-00001.jsonl")[.size] as? Int)
                ?? 0
            #expect(covered >= 0 && covered <= onDisk)
        }
    }

    private func writePage(_ path: String, _ html: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    }
}
