/// What happened to one input, serialized on the worker thread so the
/// writer only concatenates bytes.
struct PageResult: Sendable {
    enum Outcome: Sendable {
        /// The record's JSON line, and what the page adds to each of the pipeline's outputs, in their order.
        case record(line: [UInt8], outputs: [[UInt8]])
        case rejected(stage: String, line: [UInt8])
        case dropped(stage: String)
        /// Read past on purpose (``InputSkipped``): counted, not written as a
        /// record; a revisit leaves a line for the shard's revisits file.
        case skipped(InputSkipped.Reason, revisitLine: [UInt8])
    }
    var outcome: Outcome
    var bytesIn: Int
}

enum PageProcessor {
    static func process(_ ref: InputRef, pipeline: Pipeline, loader: any InputLoader) -> PageResult {
        let content: InputContent
        do {
            content = try loader.load(ref)
        } catch let failure as StageFailure {
            return PageResult(outcome: .rejected(stage: failure.stage, line: rejectLine(ref, failure)), bytesIn: 0)
        } catch let skipped as InputSkipped {
            return PageResult(
                outcome: .skipped(skipped.reason, revisitLine: skipped.revisit.map { revisitLine(ref, $0) } ?? []),
                bytesIn: 0)
        } catch {
            let failure = StageFailure(stage: "read", reason: "\(error)")
            return PageResult(outcome: .rejected(stage: failure.stage, line: rejectLine(ref, failure)), bytesIn: 0)
        }
        var page = Page(input: ref, content: content)
        let bytesIn = content.bytes.count
        switch pipeline.run(&page) {
        case .kept:
            return PageResult(
                outcome: .record(line: page.record.jsonLine(), outputs: pipeline.outputs.map { $0.entry(page) }),
                bytesIn: bytesIn)
        case .dropped(let stage, _):
            return PageResult(outcome: .dropped(stage: stage), bytesIn: bytesIn)
        case .rejected(let failure):
            return PageResult(
                outcome: .rejected(stage: failure.stage, line: rejectLine(ref, failure)), bytesIn: bytesIn)
        }
    }

    /// One line of a revisits file: the revisit (as a record id would name
    /// it) and what names the response it repeats. `winnow dedup` links it
    /// to that response's record anywhere in the run (`dedup/revisits.jsonl`).
    static func revisitLine(_ ref: InputRef, _ revisit: InputSkipped.Revisit) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("id", StableHash.recordID(forKey: ref.key))
        w.field("key", ref.key)
        w.field("url", revisit.url)
        w.field("fetched_at", revisit.fetchedAt)
        w.field("warc_record_id", revisit.warcRecordID)
        w.field("refers_to", revisit.refersTo)
        w.field("refers_to_url", revisit.refersToURL)
        w.field("refers_to_date", revisit.refersToDate)
        w.field("payload_digest", revisit.payloadDigest)
        w.endObject()
        return w.bytes + [0x0A]
    }

    /// One line of a rejects file: which input, which stage, why.
    static func rejectLine(_ ref: InputRef, _ failure: StageFailure) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("id", StableHash.recordID(forKey: ref.key))
        w.field("key", ref.key)
        w.field("stage", failure.stage)
        w.field("reason", failure.reason)
        w.key("source")
        w.beginObject()
        w.field("kind", ref.kind.rawValue)
        w.field("location", ref.location)
        w.field("container", ref.container)
        w.field("offset", ref.offset)
        w.endObject()
        w.endObject()
        return w.bytes + [0x0A]
    }
}

/// Runs a pipeline on a single input, outside a run directory (`winnow extract`).
public enum PageRun {
    public enum Result: Sendable {
        case success(Record)
        /// `stage: reason` of a reject, or why the page was dropped.
        case failure(String)
    }

    public static func once(_ ref: InputRef, pipeline: Pipeline, loader: any InputLoader) -> Result {
        let content: InputContent
        do {
            content = try loader.load(ref)
        } catch {
            return .failure("\(error)")
        }
        var page = Page(input: ref, content: content)
        switch pipeline.run(&page) {
        case .kept: return .success(page.record)
        case .dropped(let stage, let reason): return .failure("dropped by \(stage): \(reason)")
        case .rejected(let failure): return .failure(failure.description)
        }
    }
}
