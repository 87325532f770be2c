import Testing

@testable import WinnowCore

@Suite("PipelineConfig")
struct PipelineConfigTests {
    private func parse(_ yaml: String, origin: String = "t.yml") throws(ConfigurationError) -> PipelineConfig {
        try PipelineConfig.parse(yaml: yaml, origin: origin, catalog: testCatalog)
    }

    private func parseError(_ yaml: String) throws -> String {
        let error = try #require(throws: ConfigurationError.self) {
            try PipelineConfig.parse(yaml: yaml, origin: "t.yml", catalog: testCatalog)
        }
        return error.message
    }

    @Test func parsesStagesWithOptionsAndFillsDefaults() throws {
        let config = try parse(
            """
            name: test
            description: a pipeline for tests
            stages:
              - alpha:
                  size: 20
                  strict: yes
              - beta
            """)
        #expect(config.origin == "t.yml")
        #expect(config.steps.map(\.stage) == ["alpha", "beta"])
        #expect(
            config.steps[0].options
                == StageOptions([
                    "size": .int(20), "ratio": .double(0.5), "label": .string("x"), "strict": .bool(true),
                ]))
        #expect(config.steps[1].options == StageOptions([:]))
        #expect(config.canonicalDescription == "alpha(label=x,ratio=0.5,size=20,strict=true) | beta()")
    }

    /// A stage with null options (`~`, `null`, nothing, `!!null`) has its defaults; a quoted "null" is a string, not
    /// options.
    @Test func nullOptionsAreNoOptions() throws {
        for null in ["~", "null", "Null", "NULL", "", "!!null x"] {
            let config = try parse("stages:\n  - beta: \(null)\n")
            #expect(config.steps.map(\.stage) == ["beta"], "\(null)")
        }
        for notNull in ["\"null\"", "'~'", "3", "nil", "none"] {
            #expect(
                try parseError("stages:\n  - beta: \(notNull)\n")
                    == "t.yml:2:11: options of stage 'beta' must be a mapping", "\(notNull)")
        }
    }

    @Test func scalarEntriesGetEveryDefault() throws {
        let config = try parse(
            """
            stages:
              - beta
              - alpha
            """)
        #expect(config.steps.map(\.stage) == ["beta", "alpha"])
        #expect(
            config.steps[1].options
                == StageOptions([
                    "size": .int(10), "ratio": .double(0.5), "label": .string("x"), "strict": .bool(false),
                ]))
        #expect(config.canonicalDescription == "beta() | alpha(label=x,ratio=0.5,size=10,strict=false)")
    }

    @Test func stageNameWithEmptyOptionsGetsDefaults() throws {
        let config = try parse(
            """
            stages:
              - alpha:
              - beta
            """)
        #expect(config.canonicalDescription == "alpha(label=x,ratio=0.5,size=10,strict=false) | beta()")
    }

    @Test func optionValuesAreConvertedToTheDefaultsType() throws {
        let config = try parse(
            """
            stages:
              - alpha:
                  size: 20_000
                  ratio: 2
                  label: 123
                  strict: "True"
            """)
        #expect(config.steps[0].options.values["size"] == .int(20_000))
        #expect(config.steps[0].options.values["ratio"] == .double(2))
        #expect(config.steps[0].options.values["label"] == .string("123"))
        #expect(config.steps[0].options.values["strict"] == .bool(true))
        #expect(config.canonicalDescription == "alpha(label=123,ratio=2.0,size=20000,strict=true)")
    }

    @Test func unknownStageNamesOriginLineAndStage() throws {
        let message = try parseError(
            """
            name: t
            stages:
              - alpha
              - gamma
            """)
        #expect(message.hasPrefix("t.yml:4:"))
        #expect(message.contains("unknown stage 'gamma'"))
        #expect(message.contains("known: alpha, beta, echo"))
    }

    @Test func unknownOptionNamesLineOptionAndStage() throws {
        let message = try parseError(
            """
            stages:
              - alpha:
                  size: 3
                  colour: red
            """)
        #expect(message.hasPrefix("t.yml:4:"))
        #expect(message.contains("unknown option 'colour' for stage 'alpha'"))
        #expect(message.contains("known: size, ratio, label, strict"))
    }

    @Test func optionOfAStageWithoutOptionsListsNone() throws {
        let message = try parseError(
            """
            stages:
              - beta:
                  size: 3
            """)
        #expect(message.contains("unknown option 'size' for stage 'beta' (known: none)"))
    }

    @Test func wrongIntegerTypeNamesLineOptionAndValue() throws {
        let message = try parseError(
            """
            stages:
              - alpha:
                  size: big
            """)
        #expect(message.hasPrefix("t.yml:3:"))
        #expect(message.contains("option 'size' must be an integer, not 'big'"))
    }

    @Test func wrongBoolAndNumberTypesAreRejected() throws {
        let boolMessage = try parseError(
            """
            stages:
              - alpha:
                  strict: maybe
            """)
        #expect(boolMessage.contains("option 'strict' must be true or false, not 'maybe'"))
        let numberMessage = try parseError(
            """
            stages:
              - alpha:
                  ratio: fast
            """)
        #expect(numberMessage.contains("option 'ratio' must be a number, not 'fast'"))
    }

    @Test func collectionAsOptionValueIsRejected() throws {
        let message = try parseError(
            """
            stages:
              - alpha:
                  size: [1, 2]
            """)
        #expect(message.contains("option 'size' must be an integer, not 'a collection'"))
    }

    @Test func optionsThatAreNotAMappingAreRejected() throws {
        let message = try parseError(
            """
            stages:
              - alpha: 5
            """)
        #expect(message.hasPrefix("t.yml:2:"))
        #expect(message.contains("options of stage 'alpha' must be a mapping"))
    }

    @Test func entryThatIsNeitherNameNorMappingIsRejected() throws {
        let message = try parseError(
            """
            stages:
              - [alpha]
            """)
        #expect(message.contains("each stage is a name, or a name with a mapping of options"))
    }

    @Test func emptyStagesListIsRejected() throws {
        #expect(try parseError("stages: []\n") == "t.yml: 'stages' is empty")
    }

    @Test func missingOrNonListStagesIsRejected() throws {
        #expect(try parseError("name: x\n") == "t.yml: 'stages' must be a list of stage names")
        #expect(try parseError("stages: alpha\n") == "t.yml: 'stages' must be a list of stage names")
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let message = try parseError(
            """
            stagez:
              - alpha
            """)
        #expect(message.hasPrefix("t.yml:1:"))
        #expect(message.contains("unknown key 'stagez'"))
    }

    @Test func documentThatIsNotAMappingIsRejected() throws {
        #expect(try parseError("- alpha\n") == "t.yml: expected a mapping with a 'stages' list")
        #expect(try parseError("") == "t.yml: expected a mapping with a 'stages' list")
    }

    @Test func invalidYAMLIsReportedWithOrigin() throws {
        let message = try parseError("stages: [alpha\n")
        #expect(message.hasPrefix("t.yml: not valid YAML: "))
    }

    @Test func canonicalDescriptionIgnoresOptionOrderAndFormatting() throws {
        let block = try parse(
            """
            # A block-style file with comments.
            name: block
            stages:
              - alpha:
                  size: 20
                  strict: true    # turn it on
              - beta
            """, origin: "block.yml")
        let flow = try parse("stages: [{alpha: {strict: yes, size: 20}}, beta]\n", origin: "flow.yml")
        #expect(block.canonicalDescription == flow.canonicalDescription)
        #expect(block.hash == flow.hash)
        #expect(block.steps == flow.steps)
    }

    @Test func explicitDefaultsEqualOmittedOnes() throws {
        let implicit = try parse("stages:\n  - alpha\n")
        let explicit = try parse(
            "stages:\n  - alpha:\n      size: 10\n      ratio: 0.5\n      label: x\n      strict: false\n")
        #expect(implicit.canonicalDescription == explicit.canonicalDescription)
        #expect(implicit.hash == explicit.hash)
    }

    @Test func hashIsSixteenHexDigitsOfTheCanonicalDescription() throws {
        let config = try parse("stages:\n  - alpha\n  - beta\n")
        #expect(config.hash == StableHash.hex(StableHash.hash64(config.canonicalDescription)))
        #expect(config.hash.count == 16)
    }

    @Test func changingAnOptionOrStageOrderChangesTheHash() throws {
        let base = try parse("stages:\n  - alpha\n  - beta\n")
        let changedOption = try parse("stages:\n  - alpha:\n      size: 11\n  - beta\n")
        let reordered = try parse("stages:\n  - beta\n  - alpha\n")
        #expect(base.hash != changedOption.hash)
        #expect(base.hash != reordered.hash)
    }

    @Test func makePipelineBuildsStagesInOrder() throws {
        let config = try parse("stages:\n  - beta\n  - alpha\n  - echo:\n      prefix: \">\"\n")
        let pipeline = try config.makePipeline(catalog: testCatalog)
        #expect(pipeline.stages.map { $0.name } == ["beta", "alpha", "echo"])
        #expect((pipeline.stages[2] as? EchoStage)?.prefix == ">")
    }
}
