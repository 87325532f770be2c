import Foundation
import Testing

@testable import WinnowCore

/// Counts work in flight from the workers' side (an NSLock, which
/// ThreadSanitizer understands; every access goes through `withState`).
private final class Tally: @unchecked Sendable {
    private struct State {
        var started: [Int] = []
        var running = 0
        var maxRunning = 0
    }
    private let lock = NSLock()
    private var state = State()

    private func withState<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    func begin(_ index: Int) {
        withState {
            $0.started.append(index)
            $0.running += 1
            $0.maxRunning = max($0.maxRunning, $0.running)
        }
    }

    func end() { withState { $0.running -= 1 } }

    var started: [Int] { withState { $0.started } }
    var maxRunning: Int { withState { $0.maxRunning } }
}

private struct StopEmitting: Error {}

@Suite("OrderedWorkerPool")
struct OrderedWorkerPoolTests {
    @Test(arguments: [1, 3, 8])
    func emitsResultsInSubmissionOrder(workers: Int) {
        let pool = OrderedWorkerPool<Int, String>(workers: workers) { index in
            usleep(UInt32.random(in: 0...1_500))
            return "r\(index)"
        }
        var results: [String] = []
        for index in 0..<300 { pool.submit(index) { results.append($0) } }
        pool.finish { results.append($0) }
        #expect(results == (0..<300).map { "r\($0)" })
    }

    @Test(arguments: [1, 3, 8])
    func runsWorkForEveryItemExactlyOnce(workers: Int) {
        let tally = Tally()
        let pool = OrderedWorkerPool<Int, Int>(workers: workers) { index in
            tally.begin(index)
            defer { tally.end() }
            return index * 2
        }
        var sum = 0
        for index in 0..<500 { pool.submit(index) { sum += $0 } }
        pool.finish { sum += $0 }
        #expect(tally.started.sorted() == Array(0..<500))
        #expect(sum == (0..<500).reduce(0) { $0 + $1 * 2 })
    }

    @Test func neverRunsMoreThanItsWorkersAtOnce() {
        let tally = Tally()
        let pool = OrderedWorkerPool<Int, Int>(workers: 3) { index in
            tally.begin(index)
            usleep(2_000)
            tally.end()
            return index
        }
        for index in 0..<60 { pool.submit(index) { _ in } }
        pool.finish { _ in }
        #expect(tally.maxRunning <= 3)
        #expect(tally.maxRunning >= 2, "work did run in parallel")
    }

    @Test func submitBlocksWhileTheWindowIsFull() {
        // With a window of 4, item 10 can only be submitted after item 6 was emitted.
        let pool = OrderedWorkerPool<Int, Int>(workers: 2, window: 4) { $0 }
        var emittedBeforeSubmit: [Int: Int] = [:]
        var emitted = 0
        for index in 0..<20 {
            pool.submit(index) { _ in emitted += 1 }
            emittedBeforeSubmit[index] = emitted
        }
        pool.finish { _ in emitted += 1 }
        #expect(emitted == 20)
        for index in 4..<20 {
            #expect(emittedBeforeSubmit[index]! >= index - 3, "item \(index) submitted with too many in flight")
        }
    }

    @Test func anErrorFromEmitPropagatesAndTheWorkersStop() {
        let pool = OrderedWorkerPool<Int, Int>(workers: 4) { $0 }
        var emitted: [Int] = []
        #expect(throws: StopEmitting.self) {
            for index in 0..<1_000 {
                try pool.submit(index) { value in
                    if value == 50 { throw StopEmitting() }
                    emitted.append(value)
                }
            }
        }
        pool.shutdown()
        #expect(emitted == Array(0..<50))
    }

    @Test func finishWithNothingSubmittedReturns() {
        let pool = OrderedWorkerPool<Int, Int>(workers: 2) { $0 }
        var count = 0
        pool.finish { _ in count += 1 }
        #expect(count == 0)
    }
}
