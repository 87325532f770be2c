import Testing

@testable import WinnowCore

@Suite("Pipeline")
struct PipelineTests {
    @Test func keepsPageWhenEveryStageKeeps() {
        var page = makePage()
        let pipeline = Pipeline(stages: [FakeStage(name: "a"), FakeStage(name: "b"), FakeStage(name: "c")])
        let outcome = pipeline.run(&page)
        #expect(outcome == .kept)
        #expect(page.record.warnings == ["ran a", "ran b", "ran c"])
    }

    @Test func emptyPipelineKeeps() {
        var page = makePage()
        let outcome = Pipeline(stages: []).run(&page)
        #expect(outcome == .kept)
    }

    @Test func dropStopsThePipelineAndNamesTheStage() {
        var page = makePage()
        let pipeline = Pipeline(stages: [
            FakeStage(name: "a"), FakeStage(name: "filter", action: .drop("too short")), FakeStage(name: "c"),
        ])
        let outcome = pipeline.run(&page)
        #expect(outcome == .dropped(stage: "filter", reason: "too short"))
        #expect(page.record.warnings == ["ran a", "ran filter"])
    }

    @Test func stageFailureIsARejectKeepingItsOwnStageName() {
        var page = makePage()
        let pipeline = Pipeline(stages: [
            FakeStage(name: "a"), FakeStage(name: "b", action: .fail(stage: "parse", reason: "bad bytes")),
            FakeStage(name: "c"),
        ])
        let outcome = pipeline.run(&page)
        #expect(outcome == .rejected(StageFailure(stage: "parse", reason: "bad bytes")))
        #expect(page.record.warnings == ["ran a", "ran b"])
    }

    @Test func otherErrorsBecomeRejectsNamedAfterTheStage() {
        var page = makePage()
        let pipeline = Pipeline(stages: [FakeStage(name: "boom", action: .error("disk on fire")), FakeStage(name: "c")])
        let outcome = pipeline.run(&page)
        #expect(outcome == .rejected(StageFailure(stage: "boom", reason: "disk on fire")))
        #expect(page.record.warnings == ["ran boom"])
    }

    @Test func firstDropWinsOverLaterReject() {
        var page = makePage()
        let pipeline = Pipeline(stages: [
            FakeStage(name: "d", action: .drop("dup")),
            FakeStage(name: "f", action: .fail(stage: "f", reason: "never")),
        ])
        let outcome = pipeline.run(&page)
        #expect(outcome == .dropped(stage: "d", reason: "dup"))
    }
}
