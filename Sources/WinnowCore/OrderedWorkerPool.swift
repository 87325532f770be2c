import Dispatch
import Foundation

/// Runs `work` on a fixed number of threads and hands the results back on the
/// submitting thread in submission order, whatever order they finish in.
///
/// At most `window` items are between "submitted" and "emitted": `submit`
/// blocks (emitting finished results) while the window is full, so memory
/// stays flat however many items stream through.
public final class OrderedWorkerPool<Item: Sendable, Result: Sendable> {
    public let workers: Int
    public let window: Int
    private let board: JobBoard<Item, Result>
    private let group = DispatchGroup()
    private var submitted = 0
    private var emitted = 0
    private var stopped = false

    public init(workers: Int, window: Int? = nil, work: @escaping @Sendable (Item) -> Result) {
        precondition(workers >= 1)
        self.workers = workers
        self.window = max(window ?? workers * 8, workers)
        let board = JobBoard<Item, Result>()
        self.board = board
        // Dedicated threads, not Dispatch's pool: that pool may run fewer
        // blocks at once than asked when its threads block on I/O.
        for number in 0..<workers {
            group.enter()
            let thread = Thread { [group] in
                while let (index, item) = board.claim() {
                    board.deliver(work(item), at: index)
                }
                group.leave()
            }
            thread.name = "winnow-worker-\(number)"
            thread.start()
        }
    }

    deinit { shutdown() }

    /// Queues one item; emits finished results first while the window is full.
    public func submit(_ item: Item, emit: (Result) throws -> Void) rethrows {
        while submitted - emitted >= window { try emitNext(emit) }
        board.post(item, at: submitted)
        submitted += 1
    }

    /// Emits everything still in flight, then stops the workers.
    public func finish(emit: (Result) throws -> Void) rethrows {
        while emitted < submitted { try emitNext(emit) }
        shutdown()
    }

    private func emitNext(_ emit: (Result) throws -> Void) rethrows {
        let result = board.take(at: emitted)
        emitted += 1
        try emit(result)
    }

    /// Stops the workers (after the job they are on). Safe to call twice.
    public func shutdown() {
        guard !stopped else { return }
        stopped = true
        board.close(workers: workers)
        group.wait()
    }
}

/// The state shared between the submitting thread and the workers.
///
/// Guarded by an `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`:
/// ThreadSanitizer cannot see Mutex's futex and reports every access as a
/// race. `@unchecked` because the compiler cannot check a lock; every access
/// to `state` goes through `withState`.
private final class JobBoard<Item: Sendable, Result: Sendable>: @unchecked Sendable {
    private struct State {
        var jobs: [Int: Item] = [:]
        var results: [Int: Result] = [:]
        var nextClaim = 0
    }

    private let lock = NSLock()
    private var state = State()

    private func withState<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
    /// One signal per posted job, plus one per worker at close.
    private let available = DispatchSemaphore(value: 0)
    /// One signal per delivered result.
    private let ready = DispatchSemaphore(value: 0)

    func post(_ item: Item, at index: Int) {
        withState { $0.jobs[index] = item }
        available.signal()
    }

    /// The next job for a worker, or nil once the board is closed and empty.
    func claim() -> (Int, Item)? {
        available.wait()
        return withState { s -> (Int, Item)? in
            guard let item = s.jobs.removeValue(forKey: s.nextClaim) else { return nil }
            s.nextClaim += 1
            return (s.nextClaim - 1, item)
        }
    }

    func deliver(_ result: Result, at index: Int) {
        withState { $0.results[index] = result }
        ready.signal()
    }

    /// Blocks until the result for `index` is there.
    func take(at index: Int) -> Result {
        while true {
            if let result = withState({ $0.results.removeValue(forKey: index) }) { return result }
            ready.wait()
        }
    }

    func close(workers: Int) {
        for _ in 0..<workers { available.signal() }
    }
}
