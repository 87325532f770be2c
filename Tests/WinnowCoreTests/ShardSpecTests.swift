import Testing

@testable import WinnowCore

@Suite("ShardSpec")
struct ShardSpecTests {
    @Test func parsesKOverN() throws {
        let spec = try ShardSpec(parsing: "0/4")
        #expect(spec == ShardSpec(index: 0, count: 4))
        #expect(try ShardSpec(parsing: "15/16") == ShardSpec(index: 15, count: 16))
        #expect(try ShardSpec(parsing: "0/1") == .single)
    }

    @Test(arguments: ["4/4", "5/4", "-1/2", "0/0", "1/100001"])
    func rejectsOutOfRangeShards(text: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try ShardSpec(parsing: text) }
        #expect(error.message == "--shard '\(text)': need 0 <= K < N and 1 <= N <= 100000")
    }

    @Test(arguments: ["x", "", "1", "1/2/3", "a/4", "1/b", "1 /4", "/4"])
    func rejectsMalformedShards(text: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try ShardSpec(parsing: text) }
        #expect(error.message == "--shard '\(text)': expected K/N (for example 0/4) or auto")
    }

    @Test func fileStemIsZeroPaddedToFiveDigits() {
        #expect(ShardSpec(index: 3, count: 16).fileStem == "shard-00003-of-00016")
        #expect(ShardSpec.single.fileStem == "shard-00000-of-00001")
        #expect(ShardSpec(index: 12345, count: 100_000).fileStem == "shard-12345-of-100000")
    }

    @Test func descriptionIsKOverN() {
        #expect(ShardSpec(index: 2, count: 8).description == "2/8")
    }

    @Test func slurmArrayGivesIndexAndCount() throws {
        let spec = try ShardSpec.fromEnvironment(
            ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil)
        #expect(spec == ShardSpec(index: 2, count: 4))
    }

    @Test func slurmArrayStartingAtOneIsShifted() throws {
        let first = try ShardSpec.fromEnvironment(
            ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"], shards: nil)
        let last = try ShardSpec.fromEnvironment(
            ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"], shards: nil)
        #expect(first == ShardSpec(index: 0, count: 4))
        #expect(last == ShardSpec(index: 3, count: 4))
    }

    @Test func slurmArrayStartingAtOneWithoutMinimumIsOutOfRange() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil)
        }
        #expect(error.message.contains("'4/4'"))
    }

    @Test func slurmWithoutCountUsesShardsOption() throws {
        let spec = try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "3"], shards: 8)
        #expect(spec == ShardSpec(index: 3, count: 8))
    }

    @Test func slurmWithoutCountOrShardsIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "3"], shards: nil)
        }
        #expect(error.message.contains("SLURM_ARRAY_TASK_COUNT is not set"))
    }

    @Test func nonNumericSlurmTaskIDIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "abc", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil)
        }
        #expect(error.message.contains("SLURM_ARRAY_TASK_ID='abc' is not a number"))
    }

    @Test func jobCompletionIndexWithShards() throws {
        let spec = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "5"], shards: 6)
        #expect(spec == ShardSpec(index: 5, count: 6))
    }

    @Test func jobCompletionIndexWithoutShardsIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "5"], shards: nil)
        }
        #expect(error.message.contains("JOB_COMPLETION_INDEX needs --shards N"))
    }

    @Test func slurmTakesPrecedenceOverJobCompletionIndex() throws {
        let spec = try ShardSpec.fromEnvironment(
            ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "JOB_COMPLETION_INDEX": "5"], shards: 6)
        #expect(spec == ShardSpec(index: 1, count: 2))
    }

    @Test func emptyEnvironmentIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ShardSpec.fromEnvironment(["HOME": "/root"], shards: 4)
        }
        #expect(error.message == "--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")
    }

    @Test func singleShardContainsEveryKey() {
        for key in ["", "a", "en/2016/08/a.html", "한국어.html"] {
            #expect(ShardSpec.single.contains(key: key))
        }
    }

    @Test func shardIsTheKeyHashModuloCount() {
        // hash64("a") % 4 == 0, hash64("foobar") % 4 == 2 and % 16 == 2 (computed independently).
        #expect(ShardSpec(index: 0, count: 4).contains(key: "a"))
        #expect(!ShardSpec(index: 1, count: 4).contains(key: "a"))
        #expect(ShardSpec(index: 2, count: 4).contains(key: "foobar"))
        #expect(ShardSpec(index: 2, count: 16).contains(key: "foobar"))
        #expect(!ShardSpec(index: 3, count: 16).contains(key: "foobar"))
    }

    @Test(arguments: [2, 3, 7, 16])
    func everyKeyLandsInExactlyOneShard(count: Int) {
        for i in 0..<1_000 {
            let key = "en/\(i).html"
            let owners = (0..<count).filter { ShardSpec(index: $0, count: count).contains(key: key) }
            #expect(owners.count == 1, "key \(key) is in shards \(owners)")
        }
    }

    @Test func tenThousandKeysSpreadEvenlyOverFourShards() {
        var counts = [0, 0, 0, 0]
        for i in 0..<10_000 {
            let key = "en/\(i).html"
            for k in 0..<4 where ShardSpec(index: k, count: 4).contains(key: key) { counts[k] += 1 }
        }
        #expect(counts.reduce(0, +) == 10_000)
        for count in counts {
            #expect((2_250...2_750).contains(count), "shard sizes \(counts)")
        }
    }
}
