import Foundation
import Testing

@testable import WinnowFetch

@Suite struct FetchProgressTests {
    @Test func linesShowEveryCount() {
        var p = FetchProgress()
        p.hostsActive = 3
        p.hosts = 10
        p.pagesDone = 50
        p.fetched = 45
        p.errors = 5
        p.queued = 40
        p.total = 100
        p.bytes = 2_500_000
        p.elapsedSeconds = 10
        #expect(
            p.plainLine
                == "fetch: 50/100 pages done (45 fetched, 5 errors), 40 queued, 2.5 MB, 5.0 pages/s, 3 of 10 hosts "
                + "active, 10s"
        )
        #expect(p.barLine.hasPrefix("fetch " + String(repeating: "█", count: 10) + String(repeating: "░", count: 10)))
        #expect(p.barLine.hasSuffix("50/100 pages  45 fetched  5 errors  2.5 MB  5.0 pages/s  hosts 3/10  queue 40"))
    }

    @Test func linesReporterWritesAtTheIntervalOnly() {
        final class Sink: @unchecked Sendable {
            var text = ""
        }
        let sink = Sink()
        let reporter = FetchProgressReporter(style: .lines, lineInterval: 10) { sink.text += $0 }
        var p = FetchProgress()
        for second in [1.0, 5, 10, 12, 20.5] {
            p.elapsedSeconds = second
            reporter.update(p)
        }
        #expect(sink.text.split(separator: "\n").count == 2)  // at 10 s and 20.5 s
    }
}
