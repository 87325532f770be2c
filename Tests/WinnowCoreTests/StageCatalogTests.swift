import Testing

@testable import WinnowCore

@Suite("StageCatalog and options")
struct StageCatalogTests {
    @Test func keepsDefinitionOrderAndLooksUpByName() {
        #expect(testCatalog.names == ["alpha", "beta", "echo", "tally"])
        #expect(testCatalog.definition("beta")?.name == "beta")
        #expect(testCatalog.definition("alpha")?.options.map(\.name) == ["size", "ratio", "label", "strict"])
        #expect(testCatalog.definition("gamma") == nil)
    }

    @Test func definitionsBuildTheirStages() throws {
        let echo = try #require(testCatalog.definition("echo"))
        let stage = try echo.make(StageOptions(["prefix": .string("> ")]))
        #expect(stage.name == "echo")
        #expect((stage as? EchoStage)?.prefix == "> ")
    }

    @Test func optionAccessorsConvertBetweenNumberTypes() {
        let options = StageOptions(["i": .int(3), "d": .double(2.9), "s": .string("x"), "b": .bool(true)])
        #expect(options.int("i") == 3)
        #expect(options.int("d") == 2)
        #expect(options.double("i") == 3.0)
        #expect(options.double("d") == 2.9)
        #expect(options.string("s") == "x")
        #expect(options.bool("b"))
    }

    @Test func optionValuesDescribeThemselvesPlainly() {
        #expect(OptionValue.int(20_000_000).description == "20000000")
        #expect(OptionValue.double(0.5).description == "0.5")
        #expect(OptionValue.string("a b").description == "a b")
        #expect(OptionValue.bool(false).description == "false")
    }
}
