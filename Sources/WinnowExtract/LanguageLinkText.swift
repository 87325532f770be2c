import Foundation

/// A link's text that names another language edition of the page, beyond
/// the fixed phrases of ``PageFurniture/languageLinkTexts``: a language's
/// name, in English, in Korean or in itself, with only words such as
/// "read", "view", "this article", "version", "edition", "보기", "기사",
/// "원문" around it ("View this story in English", "영문 기사로 보기",
/// "Korean edition", "[한국어]"). A bare name ("English", "한국어") counts
/// only as a link to a page (``isArticleURL(_:)``): on its own it is the
/// site's language menu pointing at a home page.
enum LanguageLinkText {
    /// Language names by code (lowercased; Korean names also as word stems).
    static let names: [String: String] = {
        var table: [String: String] = [:]
        let byCode: [String: [String]] = [
            "en": ["english", "eng", "영어", "영문", "英語", "英文", "英语", "anglais", "inglés", "englisch", "английский"],
            "ko": ["korean", "한국어", "한글", "국문", "韓国語", "한국어판", "coréen", "koreanisch", "корейский"],
            "ja": ["japanese", "일본어", "日本語", "japonais", "japanisch"],
            "zh": ["chinese", "중국어", "中文", "简体中文", "繁體中文", "汉语", "chinois", "chinesisch"],
            "ru": ["russian", "러시아어", "русский", "русском"],
            "es": ["spanish", "español", "스페인어"], "fr": ["french", "français", "francais", "프랑스어"],
            "de": ["german", "deutsch", "독일어"], "pt": ["portuguese", "português"], "ar": ["arabic", "العربية"],
            "vi": ["vietnamese", "tiếng việt", "베트남어"],
        ]
        for (code, words) in byCode { for word in words { table[word] = code } }
        return table
    }()

    /// Words that may stand around the language's name.
    static let fillers: Set<String> = [
        "read", "view", "see", "this", "the", "article", "story", "page", "post", "in", "version", "edition", "ver",
        "available", "also", "original", "translation", "translated", "switch", "to", "go", "here", "click", "an",
        "보기", "읽기", "기사", "원문", "버전", "판", "이", "기사로", "기사를", "전환", "바로가기", "lire", "en", "leer", "auf", "lesen",
        "version", "versión", "версия", "на", "читать",
    ]

    /// Korean endings after a language name in one word (`영문으로`, `영문판`, `한국어로`).
    static let koreanEndings = ["으로", "로", "판", "판으로", "기사", "보기", "버전"]

    /// What a word is: a language (its code) or a filler, by word hash.
    private enum Word {
        case language(String)
        case filler
    }

    /// Every name (and Korean name with an ending) and filler, by ``WordHashes`` hash.
    private static let words: [UInt64: Word] = {
        var table: [UInt64: Word] = [:]
        for word in fillers { table[WordHashes.hash(word)] = .filler }
        for (name, code) in names {
            table[WordHashes.hash(name)] = .language(code)
            if name.unicodeScalars.first.map({ $0.value >= 0xAC00 && $0.value <= 0xD7A3 }) == true {
                for ending in koreanEndings { table[WordHashes.hash(name + ending)] = .language(code) }
            }
        }
        return table
    }()

    /// The language `text` names as another edition, or nil.
    /// `allowsBareName`: a name alone counts (the caller checked the link's target).
    static func language(of text: String, allowsBareName: Bool) -> String? {
        guard text.utf8.count <= 48 * 4 else { return nil }
        var language: String?
        var count = 0
        var fillerCount = 0
        var failed = false
        WordHashes.forEachWord(in: text) { hash in
            count += 1
            switch words[hash] {
            case .language(let code)?:
                if language != nil && language != code { failed = true }
                language = code
            case .filler?:
                fillerCount += 1
            case nil:
                failed = true
            }
            return !failed && count <= 7
        }
        guard !failed, count <= 7, let language, allowsBareName || fillerCount > 0 else { return nil }
        return language
    }

    /// Whether `url` points below a site's language root (`/english/a-story/`),
    /// not at a home page or a language's front page (`/`, `/english/`, `/ko`).
    static func isArticleURL(_ url: String) -> Bool {
        guard let parsed = URL(string: url) else { return false }
        let segments = parsed.path.split(separator: "/").map { $0.lowercased() }
        let rest = segments.filter { names[$0] == nil && !isLanguageCode($0) && $0 != "index.html" }
        return !rest.isEmpty || parsed.query?.isEmpty == false
    }

    /// `en`, `ko`, `en-us`, `zh_cn`.
    private static func isLanguageCode(_ segment: String) -> Bool {
        let parts = segment.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return (1...2).contains(parts.count) && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isLetter) }
    }
}
