import Dispatch
import Synchronization

/// Runs `work` on a fixed number of threads and hands the results to `emit`
/// on the calling thread in index order, whatever order they finish in.
///
/// At most `window` items are between "claimed by a worker" and "emitted", so
/// memory stays flat however many items there are.
public struct OrderedWorkerPool: Sendable {
    public let workers: Int
    public let window: Int

    public init(workers: Int, window: Int? = nil) {
        precondition(workers >= 1)
        self.workers = workers
        self.window = max(window ?? workers * 8, workers)
    }

    public func run<Result: Sendable>(
        indices: Range<Int>,
        work: @escaping @Sendable (Int) -> Result,
        emit: (Int, Result) throws -> Void
    ) rethrows {
        guard !indices.isEmpty else { return }
        let results = Mutex<[Int: Result]>([:])
        let nextToClaim = Atomic<Int>(indices.lowerBound)
        let stop = Atomic<Bool>(false)
        let slots = DispatchSemaphore(value: window)
        let ready = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let end = indices.upperBound

        for worker in 0..<min(workers, indices.count) {
            DispatchQueue.global().async(group: group) {
                _ = worker
                while true {
                    slots.wait()
                    let index = nextToClaim.add(1, ordering: .relaxed).oldValue
                    if index >= end || stop.load(ordering: .relaxed) {
                        slots.signal()
                        return
                    }
                    let result = work(index)
                    results.withLock { $0[index] = result }
                    ready.signal()
                }
            }
        }

        defer {
            // On an error from `emit`, let the workers drain and exit before returning.
            stop.store(true, ordering: .relaxed)
            for _ in 0..<workers { slots.signal() }
            group.wait()
        }
        for index in indices {
            var result: Result?
            while true {
                result = results.withLock { $0.removeValue(forKey: index) }
                if result != nil { break }
                ready.wait()
            }
            try emit(index, result!)
            slots.signal()
        }
    }
}
