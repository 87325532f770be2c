import Testing

@testable import WinnowCore

private final class Output {
    var writes: [String] = []
}

@Suite("ProgressReporter")
struct ProgressReporterTests {
    private func snapshot(
        done: Int, total: Int, records: Int = 0, rejects: Int = 0, dropped: Int = 0,
        doneThisRun: Int? = nil, elapsed: Double
    ) -> ProgressSnapshot {
        ProgressSnapshot(
            done: done, total: total, records: records, rejects: rejects, dropped: dropped,
            doneThisRun: doneThisRun ?? done, elapsedSeconds: elapsed)
    }

    @Test func barLineShowsBarPercentCountsRateAndETA() {
        let s = snapshot(done: 5, total: 10, records: 4, rejects: 1, elapsed: 2)
        #expect(
            ProgressReporter.barLine(s, label: "shard 0/1", width: 10)
                == "shard 0/1 █████░░░░░ 50% 5/10 pages  2 p/s  1 rejects  ETA 2s")
    }

    @Test func barLineDefaultWidthIsThirty() {
        let s = snapshot(done: 1, total: 4, elapsed: 1)
        let line = ProgressReporter.barLine(s, label: "L")
        #expect(
            line.hasPrefix(
                "L " + String(repeating: "█", count: 7) + String(repeating: "░", count: 23) + " 25% 1/4 pages"))
    }

    @Test func barLineOfEmptyShardIsFullWithUnknownETA() {
        let s = snapshot(done: 0, total: 0, elapsed: 0)
        let line = ProgressReporter.barLine(s, label: "L", width: 4)
        #expect(line == "L ████ 100% 0/0 pages  0 p/s  0 rejects  ETA --")
    }

    @Test func plainLineShowsCountsRecordsAndETA() {
        let s = snapshot(done: 5, total: 10, records: 4, rejects: 1, elapsed: 2)
        #expect(
            ProgressReporter.plainLine(s, label: "shard 0/1")
                == "shard 0/1: 5/10 pages (50%), 2 pages/s, 4 records, 1 rejects, ETA 2s")
    }

    @Test func percentRoundsDown() {
        let s = snapshot(done: 2, total: 3, records: 2, elapsed: 1)
        #expect(
            ProgressReporter.plainLine(s, label: "x") == "x: 2/3 pages (66%), 2 pages/s, 2 records, 0 rejects, ETA 1s")
    }

    @Test func resumedRunRatesOnlyThisRunsWork() {
        // 60 of 100 done, 10 of them in the 5 seconds of this process: 2 pages/s, 40 left.
        let s = snapshot(done: 60, total: 100, records: 60, doneThisRun: 10, elapsed: 5)
        #expect(
            ProgressReporter.plainLine(s, label: "r")
                == "r: 60/100 pages (60%), 2 pages/s, 60 records, 0 rejects, ETA 20s")
    }

    @Test func nothingDoneYetHasNoETA() {
        let s = snapshot(done: 0, total: 10, elapsed: 3)
        #expect(
            ProgressReporter.plainLine(s, label: "x") == "x: 0/10 pages (0%), 0 pages/s, 0 records, 0 rejects, ETA --")
    }

    @Test(arguments: [
        (0.0, "0s"), (0.4, "0s"), (59.4, "59s"), (59.6, "1m00s"), (61.0, "1m01s"), (600.0, "10m00s"),
        (3_599.0, "59m59s"), (3_600.0, "1h00m"), (3_661.0, "1h01m"), (90_061.0, "25h01m"),
    ])
    func formatsDurations(seconds: Double, expected: String) {
        #expect(ProgressReporter.formatDuration(seconds) == expected)
    }

    @Test func barStyleRedrawsAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        let output = Output()
        let reporter = ProgressReporter(style: .bar, label: "L", write: { output.writes.append($0) })
        reporter.update(snapshot(done: 1, total: 10, elapsed: 0))
        reporter.update(snapshot(done: 2, total: 10, elapsed: 0.05))
        reporter.update(snapshot(done: 10, total: 10, elapsed: 0.06))
        #expect(output.writes.count == 2)
        #expect(
            output.writes.first == "\r" + ProgressReporter.barLine(snapshot(done: 1, total: 10, elapsed: 0), label: "L")
                + "\u{1B}[K")
        reporter.finish()
        #expect(output.writes.last == "\n")
        #expect(output.writes.count == 3)
    }

    @Test func linesStyleWritesOneLinePerInterval() {
        let output = Output()
        let reporter = ProgressReporter(
            style: .lines, label: "L", lineInterval: 10, write: { output.writes.append($0) })
        for elapsed in [1.0, 5, 9.5] { reporter.update(snapshot(done: 1, total: 100, elapsed: elapsed)) }
        #expect(output.writes.isEmpty)
        reporter.update(snapshot(done: 20, total: 100, elapsed: 10.5))
        reporter.update(snapshot(done: 25, total: 100, elapsed: 15))
        reporter.update(snapshot(done: 40, total: 100, elapsed: 21))
        #expect(output.writes.count == 2)
        #expect(
            output.writes.first == ProgressReporter.plainLine(snapshot(done: 20, total: 100, elapsed: 10.5), label: "L")
                + "\n")
        reporter.finish()
        #expect(output.writes.count == 2)
    }

    @Test func noneStyleWritesNothing() {
        let output = Output()
        let reporter = ProgressReporter(style: .none, label: "L", write: { output.writes.append($0) })
        reporter.update(snapshot(done: 10, total: 10, elapsed: 100))
        reporter.finish()
        #expect(output.writes.isEmpty)
    }

    @Test func anExportCountsRecordsAndHasNoRejects() {
        let s = ProgressSnapshot(
            done: 500, total: 1000, records: 500, rejects: 0, dropped: 0, doneThisRun: 500, elapsedSeconds: 2)
        let bar = ProgressReporter.barLine(s, label: "winnow export", unit: "records")
        #expect(bar.contains("500/1000 records") && bar.contains("250 r/s") && !bar.contains("rejects"))
        #expect(
            ProgressReporter.plainLine(s, label: "winnow export", unit: "records")
                == "winnow export: 500/1000 records (50%), 250 records/s, ETA 2s")
    }
}
