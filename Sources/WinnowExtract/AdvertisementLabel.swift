/// A line that only labels an advertisement slot, or tells the reader the
/// article goes on past one: `ADVERTISEMENT`, `- Advertisement -`, `광고`,
/// `Anzeige`, `Publicité`, `Story continues below advertisement`. The word
/// for "advertisement" in the languages news is written in, not one site's
/// phrases; the slot itself is usually cut by its class (``ClassHints``).
enum AdvertisementLabel {
    static let longestLabel = 60

    static let labels: Set<String> = [
        "advertisement", "advertisements", "advertising", "advert", "ad", "ads", "sponsored", "sponsored content",
        "paid content", "paid post", "promoted content", "partner content", "advertorial",
        "story continues below advertisement", "article continues below advertisement",
        "story continues below", "article continues below", "continue reading below", "scroll to continue with content",
        "advertisement scroll to continue", "advertisement continue reading below", "content continues below",
        "anzeige", "werbung", "publicité", "publicite", "publicidad", "pubblicità", "publicidade", "reclame",
        "advertentie", "annonce", "annonse", "mainos", "reklama", "reklam", "реклама", "διαφήμιση", "광고",
        "스폰서", "広告", "广告", "廣告", "iklan", "quảng cáo", "โฆษณา", "إعلان",
    ]

    /// The labels' line hashes (``WordHashes/lineHash(_:maxWords:)``).
    static let labelHashes: Set<UInt64> = Set(
        labels.map { WordHashes.lineHash(words: $0.split(separator: " ").map(String.init)) })

    /// Whether `text` is only an advertisement label (case, dashes, brackets and spaces aside).
    static func isLabel(_ text: String, scalars: Int) -> Bool {
        guard scalars <= longestLabel, let hash = WordHashes.lineHash(text, maxWords: 6) else { return false }
        return labelHashes.contains(hash)
    }
}
