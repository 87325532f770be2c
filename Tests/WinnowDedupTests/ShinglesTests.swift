import Testing
import WinnowCore

@testable import WinnowDedup

@Suite("Shingles")
struct ShinglesTests {
    @Test func wordShinglesAreFiveWordWindowsOfTheNormalizedText() {
        // Reference: FNV-1a 64 + SplitMix64 finalizer of "a b c d e" and "b c d e f", in Python.
        #expect(Shingles.hashes(of: "A b  C\nd E f") == [0x2d79_2dac_f53d_be19, 0xfb6b_906f_af25_1217])
        #expect(
            Shingles.hashes(of: "A b C d E f")
                == [StableHash.hash64("a b c d e"), StableHash.hash64("b c d e f")].sorted())
    }

    @Test func theWindowSizeIsAParameter() {
        let expected = ["rice prices", "prices rose", "rose again"].map { StableHash.hash64($0) }.sorted()
        #expect(Shingles.hashes(of: "Rice prices rose again", wordsPerShingle: 2) == expected)
    }

    @Test func aTextShorterThanOneShingleIsOneShingleOfTheWholeText() {
        #expect(Shingles.hashes(of: "Rice  PRICES rose") == [StableHash.hash64("rice prices rose")])
        #expect(Shingles.hashes(of: "rice") == [StableHash.hash64("rice")])
    }

    @Test func anEmptyTextHasNoShingles() {
        #expect(Shingles.hashes(of: "").isEmpty)
        #expect(Shingles.hashes(of: " \n\u{3000} ").isEmpty)
    }

    @Test func hashesAreSortedAndUnique() {
        let hashes = Shingles.hashes(of: sampleArticle)
        #expect(hashes.count == 96)  // 100 words, no repeated 5-word run
        #expect(hashes == hashes.sorted())
        #expect(Set(hashes).count == hashes.count)
        #expect(Shingles.hashes(of: "la la la la la la la la") == [StableHash.hash64("la la la la la")])
    }

    @Test func formDifferencesDoNotChangeShingles() {
        #expect(
            Shingles.hashes(of: "RICE prices\n\nrose in ＨＹＥＳＡＮ  again today")
                == Shingles.hashes(of: "rice prices rose in hyesan again today"))
    }

    @Test func koreanWrittenWithSpacesUsesWordShingles() {
        let text = "북한 당국이 최근 쌀 가격을 크게 올렸다고 소식통이 전했다"
        let words = text.split(separator: " ").map(String.init)
        let expected = (0...(words.count - 5)).map { StableHash.hash64(words[$0..<($0 + 5)].joined(separator: " ")) }
        #expect(!Shingles.usesCharacterShingles(text))
        #expect(Shingles.hashes(of: text) == expected.sorted())
        #expect(Shingles.hashes(of: text).count == 5)
    }

    @Test func chineseUsesCharacterShinglesWithSpacesRemoved() {
        let text = "朝鲜当局 提高了大米价格"
        #expect(Shingles.usesCharacterShingles(text))
        // Reference: the 7 five-character windows of "朝鲜当局提高了大米价格", hashed in Python.
        #expect(
            Shingles.hashes(of: text) == [
                0x4a87_a65b_6760_e620, 0x76de_187f_a048_828b, 0x7cf5_16e6_18af_f7df, 0xa13c_dc48_5ff9_9ba8,
                0xa8ba_5558_ed6c_677c, 0xef82_f886_e8fc_162b, 0xf21a_94df_9e2a_9c3b,
            ])
        #expect(Shingles.hashes(of: "朝鲜") == [StableHash.hash64("朝鲜")])
        #expect(Shingles.hashes(of: "朝鲜 当局") == [StableHash.hash64("朝鲜当局")])
    }

    @Test func chineseCharacterShinglesAreScalarWindows() {
        let text = "朝鲜当局提高了大米价格"
        let scalars = Array(text.unicodeScalars)
        let expected = (0...(scalars.count - 3)).map { start in
            StableHash.hash64(String(String.UnicodeScalarView(scalars[start..<(start + 3)])))
        }
        #expect(Shingles.hashes(of: text, charactersPerShingle: 3) == expected.sorted())
    }

    @Test func japaneseAndThaiUseCharacterShingles() {
        #expect(Shingles.usesCharacterShingles("北朝鮮当局はコメの価格を引き上げた"))
        #expect(Shingles.usesCharacterShingles("ราคาข้าวในตลาดสูงขึ้น"))
        let japanese = "北朝鮮当局はコメの価格を引き上げた"
        #expect(Shingles.hashes(of: japanese).count == japanese.unicodeScalars.count - 4)
    }

    @Test func theScriptIsDecidedByTheShareOfLetters() {
        // Han is 11 of 20 letters: characters.
        #expect(Shingles.usesCharacterShingles("金正恩 Kim Jong Un 视察了平壤的工厂"))
        // Han is 2 of 34 letters: words.
        #expect(!Shingles.usesCharacterShingles("Officials in 平壤 said prices rose sharply"))
        // Exactly half is enough; digits and punctuation are not letters.
        #expect(Shingles.usesCharacterShingles("ab 中文 2016, 10%"))
        #expect(!Shingles.usesCharacterShingles("abc 中文"))
        #expect(!Shingles.usesCharacterShingles("2016 - 10%"))
    }
}
