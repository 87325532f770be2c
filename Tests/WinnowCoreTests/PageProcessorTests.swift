import Testing

@testable import WinnowCore

@Suite("PageProcessor and PageRun")
struct PageProcessorTests {
    private let loader = FakeLoader(pages: ["ok.txt": "hello", "drop.txt": "DROP me", "fail.txt": "FAIL me"])
    private let pipeline = Pipeline(stages: [EchoStage(prefix: "")])

    private func ref(_ key: String, offset: Int? = nil) -> InputRef {
        InputRef(key: key, kind: .file, location: "/in/" + key, offset: offset)
    }

    @Test func rejectLineNamesInputStageAndReason() {
        let line = PageProcessor.rejectLine(
            ref("a \"b\".html", offset: 42), StageFailure(stage: "extract", reason: "empty file"))
        let id = StableHash.recordID(forKey: "a \"b\".html")
        #expect(
            String(decoding: line, as: UTF8.self)
                == #"{"id":"\#(id)","key":"a \"b\".html","stage":"extract","reason":"empty "#
                + #"file","source":{"kind":"file","location":"/in/a \"b\".html","offset":42}}"#
                + "\n")
    }

    @Test func keptPageBecomesItsRecordLine() {
        let result = PageProcessor.process(ref("ok.txt"), pipeline: pipeline, loader: loader)
        var expected = Record(id: StableHash.recordID(forKey: "ok.txt"), source: .init(kind: "file", path: "ok.txt"))
        expected.text = "hello"
        guard case .record(let line, let signature) = result.outcome else {
            Issue.record("expected a record, got \(result.outcome)")
            return
        }
        #expect(line == expected.jsonLine())
        #expect(signature.isEmpty, "no stage made a signature")
        #expect(result.bytesIn == 5)
    }

    @Test func droppedPageNamesTheStage() {
        let result = PageProcessor.process(ref("drop.txt"), pipeline: pipeline, loader: loader)
        guard case .dropped(let stage) = result.outcome else {
            Issue.record("expected a drop, got \(result.outcome)")
            return
        }
        #expect(stage == "echo")
        #expect(result.bytesIn == 7)
    }

    @Test func failingPageBecomesARejectLine() {
        let result = PageProcessor.process(ref("fail.txt"), pipeline: pipeline, loader: loader)
        guard case .rejected(let stage, let line) = result.outcome else {
            Issue.record("expected a reject, got \(result.outcome)")
            return
        }
        #expect(stage == "echo")
        #expect(line == PageProcessor.rejectLine(ref("fail.txt"), StageFailure(stage: "echo", reason: "asked to fail")))
    }

    @Test func unreadableInputIsAReadRejectWithNoBytes() {
        let result = PageProcessor.process(ref("missing.txt"), pipeline: pipeline, loader: loader)
        guard case .rejected(let stage, let line) = result.outcome else {
            Issue.record("expected a reject, got \(result.outcome)")
            return
        }
        #expect(stage == "read")
        #expect(
            line
                == PageProcessor.rejectLine(
                    ref("missing.txt"), StageFailure(stage: "read", reason: "cannot open /in/missing.txt")))
        #expect(result.bytesIn == 0)
    }

    @Test func loaderErrorsOtherThanStageFailureAreReadRejects() {
        struct BrokenLoader: InputLoader {
            func load(_ ref: InputRef) throws -> InputContent { throw PlainError(text: "disk gone") }
        }
        let result = PageProcessor.process(ref("x.txt"), pipeline: pipeline, loader: BrokenLoader())
        guard case .rejected(let stage, let line) = result.outcome else {
            Issue.record("expected a reject, got \(result.outcome)")
            return
        }
        #expect(stage == "read")
        #expect(line == PageProcessor.rejectLine(ref("x.txt"), StageFailure(stage: "read", reason: "disk gone")))
    }

    @Test func pageRunOnceReturnsTheRecord() {
        guard case .success(let record) = PageRun.once(ref("ok.txt"), pipeline: pipeline, loader: loader) else {
            Issue.record("expected success")
            return
        }
        #expect(record.text == "hello")
        #expect(record.source.path == "ok.txt")
    }

    @Test func pageRunOnceDescribesFailures() {
        func failure(_ key: String) -> String? {
            if case .failure(let message) = PageRun.once(ref(key), pipeline: pipeline, loader: loader) {
                return message
            }
            return nil
        }
        #expect(failure("drop.txt") == "dropped by echo: asked to drop")
        #expect(failure("fail.txt") == "echo: asked to fail")
        #expect(failure("missing.txt") == "read: cannot open /in/missing.txt")
    }
}
