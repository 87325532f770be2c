/// An ordered list of stages, run on one page at a time, and the per-shard
/// files they contribute to beside the records (``PageOutput``).
public struct Pipeline: Sendable {
    public var stages: [any Stage]
    public var outputs: [PageOutput]

    public init(stages: [any Stage], outputs: [PageOutput] = []) {
        self.stages = stages
        self.outputs = outputs
    }

    /// Runs every stage on the page until one drops or rejects it.
    public func run(_ page: inout Page) -> PageOutcome {
        for stage in stages {
            do {
                switch try stage.process(&page) {
                case .keep: continue
                case .drop(let reason): return .dropped(stage: stage.name, reason: reason)
                }
            } catch let failure as StageFailure {
                return .rejected(failure)
            } catch {
                return .rejected(StageFailure(stage: stage.name, reason: "\(error)"))
            }
        }
        return .kept
    }
}

public enum PageOutcome: Sendable, Equatable {
    case kept
    case dropped(stage: String, reason: String)
    case rejected(StageFailure)
}
