import Foundation

/// A request to stop a running shard early and cleanly, set from a signal
/// handler (SIGTERM: a Slurm time limit, preemption or `scancel`) and
/// polled by ``ShardRunner`` between two records. The runner then commits
/// what it has (a checkpoint, as after every `checkpointEvery` inputs) and
/// throws ``ShardInterrupted``, so `--resume` continues from there.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var reason = ""

    public init() {}

    public func request(_ why: String) {
        lock.lock()
        defer { lock.unlock() }
        if !requested { reason = why }
        requested = true
    }

    /// The reason, once a stop was requested.
    public var requestedReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return requested ? reason : nil
    }
}

/// Thrown by ``ShardRunner/run(progress:)`` when a ``StopRequest`` stopped
/// it: the checkpoint covers `done` of the shard's `total` inputs.
public struct ShardInterrupted: Error, Sendable, CustomStringConvertible {
    public var shard: ShardSpec
    public var reason: String
    public var done: Int
    public var total: Int

    public var description: String {
        total == 0
            ? "shard \(shard) stopped by \(reason) while listing its inputs; nothing was written, continue with "
                + "--resume"
            : "shard \(shard) stopped by \(reason) after \(done) of \(total) inputs; the checkpoint is written, "
                + "continue with --resume"
    }
}
