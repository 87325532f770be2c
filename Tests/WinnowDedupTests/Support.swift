import WinnowCore

@testable import WinnowDedup

/// A 100-word English news paragraph: 96 five-word shingles, all distinct.
let sampleArticle = """
    North Korean authorities raised the official price of rice in state shops last month, according to \
    traders in two northern provinces who spoke on condition of anonymity. The increase follows a poor \
    harvest and new limits on cross-border trade with China, which have pushed market prices up for most \
    staple foods. Sources say families in Hyesan now spend more than half of their income on grain, while \
    factory workers receive rations only twice a year. Officials blamed the shortages on floods and \
    sanctions, but residents told reporters that corruption among local cadres makes the situation worse. \
    Smugglers now pay bribes.
    """

/// A second, unrelated paragraph.
let otherArticle = """
    The city council approved a new budget for public libraries on Tuesday, adding evening hours at four \
    branches and funding a program that lends laptops to students. Council members said the plan would be \
    reviewed after one year, and that attendance figures would decide whether the longer hours continue.
    """

/// `text` with the words at `positions` (0-based, in whitespace-separated
/// order) replaced by `w<position>x`, a word the text does not contain.
func replacingWords(of text: String, at positions: [Int]) -> String {
    var words = text.split(separator: " ").map(String.init)
    for position in positions { words[position] = "w\(position)x" }
    return words.joined(separator: " ")
}

/// The exact Jaccard similarity of two shingle hash sets.
func trueJaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
    let a = Set(a)
    let b = Set(b)
    return Double(a.intersection(b).count) / Double(a.union(b).count)
}

/// A reproducible generator for shuffles and random edits.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.mix(state)
    }
}
