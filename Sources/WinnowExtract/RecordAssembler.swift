import Foundation
import WinnowCore
import WinnowHTML

/// Turns what one walk collected (and, for a site with a profile, what its
/// XPaths select) into the record's fields. Each field comes from its best
/// source, with fallbacks:
///
/// | field | sources, best first |
/// |---|---|
/// | title | profile XPath; the page's first heading when `<title>`/og:title start with it; og:title; JSON-LD headline;
/// `<title>` without its site suffix |
/// | authors | profile byline; JSON-LD author; a byline line (`By A`, `A \| date`, `A 기자`); the first byline's
/// author/byline elements; meta author; author markup near the `<h1>` (``PageMarkup``); the line after a "Written by"
/// label; an organisation the metadata names when no person is |
/// | published | the day of the first of JSON-LD, meta (`article:published_time`, ...), profile, byline, `<time>`,
/// URL, as precise as any of them of that day (``choosePublished(_:)``; the page's own offset kept over a UTC copy of
/// the same instant); when none: less common meta names, ``PageMarkup`` dates, script data, a short line of the text,
/// then `modified`; a time without offset is read in the profile's timezone |
/// | page_type | ``PageType`` |
/// | modified | JSON-LD dateModified, `article:modified_time`, `og:updated_time` (kept only when it differs from
/// published) |
/// | translation, alternates | found here (credit lines, language links), set by the `translation` stage
/// (``TranslationStage``) |
/// | captions | `<figcaption>`, `<caption>`, profile XPath, caption lines (`FILE PHOTO: ...`) |
/// | related | related-article blocks (class `related`), link lists after a "Related Articles" heading |
///
/// Every line captured in a field, and every boilerplate line, leaves the body.
struct RecordAssembler {
    let extractor: ArticleExtractor
    let profiles: SiteProfiles
    let useMainContent: Bool
    private let jsonLD: JSONLDArticle?
    /// The page's URL, parsed once: its host picks the profile, relative links resolve against it.
    private let base: URL?
    private let profile: SiteProfile?

    /// `url`: where the page came from, when known (else its canonical URL stands in).
    init(extractor: ArticleExtractor, url: String?, profiles: SiteProfiles, useMainContent: Bool) {
        self.extractor = extractor
        self.profiles = profiles
        self.useMainContent = useMainContent
        jsonLD = JSONLDArticle.read(extractor.jsonLD)
        base = (url ?? extractor.canonicalURL ?? jsonLD?.url).flatMap { URL(string: $0) }
        profile = profiles.profile(forHost: base?.host)
    }

    /// Whether the page's site profile has layouts, whose XPath needs the parsed tree.
    var needsDocument: Bool { profile?.layouts.isEmpty == false }

    /// Chrome a fallback walk read (``ArticleExtractor/marksChrome``) with no paragraph this long is menus,
    /// buttons and prompts, not text the walk was for.
    /// (200 scored better on half A than 100; dropping every chrome line under 80 or 200 characters lost text.)
    static let chromeProse = PageType.proseLength

    /// The paragraphs of chrome a fallback walk read (``ArticleExtractor/marksChrome``) that holds no prose
    /// (menus, buttons, prompts), when the rest of the page holds at least as much text: a page that is all
    /// chrome (the parser put it inside its header) keeps it.
    static func chromeLines(_ e: ArticleExtractor, lengths: [Int]) -> Set<Int> {
        guard e.marksChrome else { return [] }
        var proseChrome = Set<Int>()
        for index in e.paragraphs.indices where e.paragraphChrome[index] >= 0 && lengths[index] >= chromeProse {
            proseChrome.insert(e.paragraphChrome[index])
        }
        var lines = Set<Int>()
        var dropped = 0
        for index in e.paragraphs.indices
        where e.paragraphChrome[index] >= 0 && !proseChrome.contains(e.paragraphChrome[index]) {
            lines.insert(index)
            dropped += lengths[index]
        }
        return lengths.reduce(0, +) - dropped >= dropped ? lines : []
    }

    /// Sources of `published`, best first among equally specific ones.
    static let publishedMetaKeys = [
        "article:published_time", "datepublished", "og:published_time", "published_time", "pubdate", "publishdate",
        "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
        "parsely-pub-date", "article.published", "og:pubdate",
    ]
    /// Less common names of the publication date (htmldate reads these too),
    /// read only when no other source gives a date.
    static let fallbackPublishedMetaKeys = [
        "published", "publication_date", "publish_date", "publishdate", "date.published", "dc.date.created",
        "article.created", "created", "citation_publication_date", "citation_date", "rnews:datepublished",
        "datecreated",
        "originalpublicationdate", "release_date", "pdate", "displaydate", "article_date_original", "date_published",
        "og:article:published_time", "cxenseparse:recs:publishtime", "published-date", "publication-date",
        "date-published", "article:published",
    ]
    static let modifiedMetaKeys = [
        "article:modified_time", "datemodified", "og:updated_time", "dcterms.modified", "last-modified",
    ]

    /// `document`: the page's tree, which the extractor walked, when ``needsDocument``.
    /// `html`: the decoded page, for dates printed where the walk does not look (``MarkupDates``).
    /// Returns what the `translation` stage reads.
    @discardableResult
    func assemble(into record: inout Record, document: HTMLDocument? = nil, html: [UInt8]? = nil) -> TranslationEvidence
    {
        let e = extractor
        let timeZone = profile?.timeZone

        // Dates from metadata first: a layout may be chosen by date.
        var published: [(source: String, date: WrittenDate)] = []
        func addPublished(_ source: @autoclosure () -> String, _ text: String?) {
            guard let text, let date = DateReader.read(text) else { return }
            published.append((source(), date.placed(in: timeZone)))
        }
        addPublished("JSON-LD", jsonLD?.datePublished)
        for key in Self.publishedMetaKeys { addPublished("meta \(key)", e.meta(key)?.first) }
        let layout = document.flatMap { profile?.layout(for: $0, date: published.first?.date) }

        // Paragraph roles.
        let languageLinks = profile?.languageLinks ?? [:]
        let boilerplate = profile?.boilerplate ?? []
        var keep = [Bool](repeating: true, count: e.paragraphs.count)
        var finds = FurnitureFinds(captions: e.captions)
        var relatedContainers: [(heading: Int, container: Int)] = []
        // Lengths in Unicode scalars, counted once for the furniture tests and the block choice.
        let lengths = e.paragraphs.map(\.text.unicodeScalarCount)
        // What the page names as its headline (not the first heading, which is the fallback title).
        let headlines = Set([e.ogTitle, jsonLD?.headline, e.headTitle].compactMap { $0 })
        /// Whether `text` is the page's headline, or starts its head title or og:title.
        func isHeadline(_ text: String) -> Bool {
            headlines.contains(text) || headlines.contains { $0.hasPrefix(text) && text.unicodeScalarCount >= 12 }
        }
        // Chrome-looking blocks walked on trial that hold little of the page's prose.
        for index in ProseInChrome.dropped(e.proseInChrome, paragraphs: e.paragraphs) { keep[index] = false }
        let chromeLines = Self.chromeLines(e, lengths: lengths)
        for (index, paragraph) in e.paragraphs.enumerated() where keep[index] {
            if chromeLines.contains(index) {
                keep[index] = false
                continue
            }
            if finds.captions.contains(paragraph.text) {
                keep[index] = false
                continue
            }
            guard
                let furniture = PageFurniture.classify(
                    paragraph.text, scalars: lengths[index], languageLinks: languageLinks,
                    boilerplatePhrases: boilerplate)
            else {
                // A line inside an author element that names no one is still byline furniture.
                if e.paragraphIsByline[index], lengths[index] < 120 { keep[index] = false }
                continue
            }
            // The article's own headline is never a related-list heading, whatever it starts with ("More from ...").
            if furniture == .relatedHeading, paragraph.kind == .heading, isHeadline(paragraph.text) { continue }
            furniture.add(paragraph.text, to: &finds)
            keep[index] = false
            // What follows a "Related" / "You may like" heading in its own
            // container is the related list, teasers included.
            if furniture == .relatedHeading, let container = e.paragraphAncestors[index].last {
                relatedContainers.append((index, container))
            }
        }

        let keptBeforeCuts = keep
        for (heading, container) in relatedContainers {
            for index in RelatedListCut.cut(
                after: heading, in: container, ancestors: e.paragraphAncestors, lengths: lengths, kept: keptBeforeCuts)
            {
                keep[index] = false
            }
        }

        // The profile's layout.
        var profileTitle: String?
        var profileAuthors: [String] = []
        var bodyChosen = false
        if let layout, let document {
            let elementOfNode = Dictionary(
                e.nodeIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            func elements(_ xpath: String?) -> Set<Int> {
                guard let xpath else { return [] }
                return Set(document.select(xpath).compactMap { $0.nodeID.flatMap { elementOfNode[$0] } })
            }
            func texts(_ xpath: String?) -> [String] {
                guard let xpath else { return [] }
                return document.select(xpath).map { TextNormalizer.collapse($0.text) }.filter { !$0.isEmpty }
            }
            /// Whether the paragraph is one of `set` or lies inside one.
            func inside(_ index: Int, _ set: Set<Int>) -> Bool {
                e.paragraphElements[index].map(set.contains) == true
                    || e.paragraphAncestors[index].contains(where: set.contains)
            }
            profileTitle = texts(layout.title).first
            for text in texts(layout.byline) {
                if case .byline(let authors, let date)? = PageFurniture.byline(text) {
                    finds.bylines.insert((authors, date), at: 0)
                    profileAuthors = authors
                } else {
                    profileAuthors = AuthorNames.clean(text, siteName: profile?.name)
                }
                break
            }
            for text in texts(layout.published) { addPublished("profile", text) }
            for text in texts(layout.captions) where !finds.captions.contains(text) { finds.captions.append(text) }
            for text in texts(layout.credits) { PageFurniture.credit(text)?.add(text, to: &finds) }
            let removed = layout.remove.reduce(into: Set<Int>()) { $0.formUnion(elements($1)) }
            let body = elements(layout.body)
            for index in e.paragraphs.indices {
                if finds.captions.contains(e.paragraphs[index].text) || inside(index, removed) { keep[index] = false }
                if !body.isEmpty, !inside(index, body) { keep[index] = false }
            }
            bodyChosen = !body.isEmpty
        }

        // The article's block among what is left.
        var bodyIndices = e.paragraphs.indices.filter { keep[$0] }
        if useMainContent, !bodyChosen {
            var headerLead = [Bool](repeating: false, count: e.paragraphs.count)
            for index in e.headerLeads { headerLead[index] = true }
            let kept = MainContent.select(
                bodyIndices.map { (e.paragraphs[$0].text, e.paragraphAncestors[$0]) },
                lengths: bodyIndices.map { lengths[$0] },
                parentOf: e.parentOf, bodyHints: e.articleBodyHints,
                blocks: bodyIndices.map {
                    e.paragraphElements[$0] != nil
                        && (e.paragraphs[$0].kind == .paragraph || e.paragraphs[$0].kind == .heading)
                }, linked: bodyIndices.map { e.paragraphHasLink[$0] }, standfirsts: bodyIndices.map { headerLead[$0] })
            bodyIndices = kept.map { bodyIndices[$0] }
        }
        // Paragraphs of the text the page's JSON-LD states, left out of the block.
        if let stated = jsonLD?.articleBody, !bodyChosen {
            let added = StatedArticleBody.added(
                stated: stated, paragraphs: e.paragraphs.map(\.text), chosen: bodyIndices,
                candidates: e.paragraphs.indices.filter { keep[$0] })
            if !added.isEmpty { bodyIndices = (bodyIndices + added).sorted() }
        }
        // Text written twice (a block served again, a hidden copy of the article): the first kept.
        bodyIndices = RepeatedText.kept(bodyIndices.map { e.paragraphs[$0] }, lengths: bodyIndices.map { lengths[$0] })
            .map { bodyIndices[$0] }
        var paragraphs = bodyIndices.map { e.paragraphs[$0] }

        // Title.
        var title =
            profileTitle
            ?? e.title(alternative: jsonLD?.headline, siteName: e.siteName ?? jsonLD?.publisher ?? profile?.name)
        // The visible headline the walk did not see (``HeadlineTitle``).
        // The page's kind is read from the title its metadata gives (a search-engine title is sentence-long).
        let metadataTitle = title
        if profileTitle == nil, let html,
            let headline = HeadlineTitle.title(
                chosen: title, firstHeading: e.firstHeading, ogTitle: e.ogTitle,
                sources: [e.headTitle, e.ogTitle, jsonLD?.headline], types: jsonLD?.types ?? [], html: html)
        {
            title = headline
        }
        // The heading that is the metadata's title leaves the text; a headline found in the markup stays where the
        // walk found it (the metadata did not name it, so the page may state it as text: it held must-include lines
        // on half A).
        if let metadataTitle, let first = paragraphs.firstIndex(where: { $0.kind == .heading }),
            paragraphs[first].text == metadataTitle
        {
            paragraphs.remove(at: first)
        }
        record.title = title
        record.paragraphs = paragraphs
        record.captions = unique(finds.captions)
        record.siteName = e.siteName ?? jsonLD?.publisher ?? e.meta("application-name")?.first ?? profile?.name
        record.description = e.metaDescription ?? jsonLD?.description
        record.canonicalURL = e.canonicalURL ?? jsonLD?.url
        let metaTags = ((e.meta("keywords") ?? []) + (e.meta("news_keywords") ?? []) + (e.meta("article:tag") ?? []))
            .flatMap { $0.split(separator: ",").map { TextNormalizer.collapse(String($0)) } }
        record.tags = unique((metaTags + (jsonLD?.keywords ?? [])).filter { !$0.isEmpty })
        let pageLanguage = (e.htmlLanguage ?? jsonLD?.language ?? e.meta("og:locale")?.first).map(Self.languageCode)
        if let pageLanguage { record.language = pageLanguage }

        // Authors: the first source that names someone.
        let siteName = record.siteName
        let authorSources: [() -> [String]] = [
            { profileAuthors },
            { AuthorNames.clean(jsonLD?.authors ?? [], siteName: siteName) },
            { finds.bylines.first?.authors ?? [] },
            // The first byline's author elements only: those further down name
            // commenters, forum repliers and the authors of related articles.
            {
                AuthorNames.clean(
                    zip(e.authorTexts, e.authorTextPositions).filter { $0.1 <= (e.authorTextPositions.first ?? 0) + 1 }
                        .map { AuthorElement.nameLine($0.0, siteName: siteName) },
                    siteName: siteName)
            },
            {
                AuthorNames.clean(
                    (e.meta("author") ?? []) + (e.meta("article:author") ?? []).filter { !$0.contains("://") },
                    siteName: siteName)
            },
            { html.map { PageMarkup.bylines(in: $0, siteName: siteName) } ?? [] },
            { Self.labelledAuthors(e.paragraphs.map(\.text), siteName: siteName) },
            { html.map { PageMarkup.textBylines(in: $0, siteName: siteName) } ?? [] },
            // No person named anywhere: an organisation or desk the metadata gives as the only author.
            { AuthorNames.organisations((jsonLD?.authors ?? []) + (e.meta("author") ?? [])) },
        ]
        record.authors = authorSources.lazy.map { $0() }.first { !$0.isEmpty } ?? []

        // Dates.
        for byline in finds.bylines {
            if let date = byline.date { published.append(("byline", date.placed(in: timeZone))) }
        }
        for value in e.timeValues { addPublished("<time>", value) }
        if let base, let date = DateReader.read(path: base.path) { published.append(("URL", date)) }
        // No date in metadata, bylines or the URL: the markup's (a theme's header, a date class).
        if published.isEmpty {
            for key in Self.fallbackPublishedMetaKeys { addPublished("meta \(key)", e.meta(key)?.first) }
        }
        if published.isEmpty, let html { addPublished("markup", PageMarkup.published(in: html)) }
        if published.isEmpty, let html { addPublished("script data", PageMarkup.scriptDataDate(in: html)) }
        // Last: a short line of the page's text with a date ("Posted on 15/12/2025", a forum post's
        // "by A » Tue Aug 27, 2019 1:47 am"), the first of them.
        if published.isEmpty {
            let line = e.paragraphs.indices.lazy.filter { lengths[$0] <= 80 }.map { e.paragraphs[$0].text }
                .first { $0.contains(where: \.isNumber) && DateReader.read($0) != nil }
            addPublished("text", line)
        }
        let chosen = Self.choosePublished(published)
        if let chosen {
            record.published = chosen.date.iso8601
            for other in published
            where other.source != chosen.source && (other.source == "byline" || chosen.source == "byline") {
                if disagree(chosen.date, other.date) {
                    record.warnings.append(
                        "published: \(chosen.source) says \(chosen.date.iso8601), \(other.source) says "
                            + "\(other.date.iso8601); kept the \(chosen.source) date"
                    )
                    break
                }
            }
        }
        var modified: [WrittenDate] = []
        for text in [jsonLD?.dateModified] + Self.modifiedMetaKeys.map({ e.meta($0)?.first }) {
            if let text, let date = DateReader.read(text) { modified.append(date.placed(in: timeZone)) }
        }
        if let best = modified.first(where: { $0.specificity == modified.map(\.specificity).max() }),
            best.iso8601 != record.published
        {
            record.modified = best.iso8601
        }
        // htmldate's last resort: a page that says only when it was updated was published no later.
        if record.published == nil, let modifiedDate = record.modified { record.published = modifiedDate }

        let pageURL = (record.canonicalURL ?? record.url).flatMap { URL(string: Self.absolute($0, base: base)) }
        let pagePath = pageURL?.path
        let listItems = paragraphs.filter { $0.kind == .list }.count
        // The body's length and its prose paragraphs' length, in one pass over the text.
        var bodyScalars = 0
        var proseScalars = 0
        for paragraph in paragraphs {
            let scalars = paragraph.text.unicodeScalarCount
            bodyScalars += scalars
            if paragraph.kind == .paragraph, scalars >= PageType.proseLength { proseScalars += scalars }
        }
        var typeEvidence = PageType.Evidence(
            path: pagePath, host: pageURL?.host, jsonLDTypes: jsonLD?.types ?? [],
            ogType: e.meta("og:type")?.first?.lowercased(),
            // A date read from a line of the text says little about the kind of page (a product's review).
            hasPublished: record.published != nil && chosen?.source != "text", hasAuthors: !record.authors.isEmpty,
            bodyScalars: bodyScalars,
            listShare: paragraphs.isEmpty ? 0 : Double(listItems) / Double(paragraphs.count))
        typeEvidence.pageScalars = lengths.reduce(0, +)
        typeEvidence.proseScalars = proseScalars
        typeEvidence.links = e.linkCount
        typeEvidence.priceElements = e.priceElements
        typeEvidence.bylineElements = e.authorTexts.count
        typeEvidence.dateElements = e.timeValues.count
        typeEvidence.codeBlocks = e.paragraphs.lazy.filter { $0.kind == .code }.count
        typeEvidence.titleWords = metadataTitle.map(PageType.titleWords) ?? 0
        record.pageType = PageType.guess(typeEvidence)
        // A page that is no article: its listing's item titles, which the walk dropped as link lists.
        if useMainContent, !bodyChosen, record.pageType != PageType.article,
            var listing = ListingItems.body(
                paragraphs: e.paragraphs, ancestors: e.paragraphAncestors, kept: keep, body: bodyIndices,
                lines: e.linkLines)
        {
            if let metadataTitle, let first = listing.firstIndex(where: { $0.kind == .heading }),
                listing[first].text == metadataTitle
            {
                listing.remove(at: first)
            }
            record.paragraphs = listing
        }

        // Alternates and translation: the translation stage's, from what was found here.
        let evidence = TranslationEvidence(
            finds: finds, hreflangLinks: e.hreflangLinks, links: e.links, languageLinks: languageLinks,
            pageLanguage: pageLanguage, base: base, plainText: false)

        // Related links (the page's own URL and language links are not related).
        var related: [Record.Link] = []
        for link in e.relatedLinks {
            guard let url = link.url else { continue }
            let absolute = Self.absolute(url, base: base)
            if related.contains(where: { $0.url == absolute }) || absolute == record.canonicalURL { continue }
            related.append(Record.Link(title: link.title, url: absolute))
        }
        record.related = related
        return evidence
    }

    /// The publication date among `candidates` (in order of trust): the most
    /// trusted source's day, written as precisely as any source that names
    /// the same day (a JSON-LD day and a byline's time of that day give the
    /// time). A related article's `<time>` further down, however precise,
    /// never outweighs the page's own metadata. When the day comes from a
    /// UTC time and a source of the page's local day (the URL, the byline)
    /// names the day before or after, which an offset of −10 to +14 hours
    /// (Hawaii to Kiribati) explains, the local day is kept: the offset is
    /// known from a local time of that instant (a whole or half hour), else
    /// the day is written alone. A URL day no such offset explains is another
    /// event (the day the draft was made): the UTC time stands.
    static func choosePublished(_ candidates: [(source: String, date: WrittenDate)]) -> (
        source: String, date: WrittenDate
    )? {
        guard let first = candidates.first else { return nil }
        func sameDay(_ a: WrittenDate, _ b: WrittenDate) -> Bool {
            (a.year, a.month, a.day) == (b.year, b.month, b.day)
        }
        var chosen = first
        for candidate in candidates.dropFirst()
        where sameDay(candidate.date, first.date) && candidate.date.specificity > chosen.date.specificity {
            chosen = candidate
        }
        // The same instant written in UTC and in the page's own offset: the page's offset keeps its local day.
        if chosen.date.offset == 0,
            let local = candidates.first(where: {
                $0.date.specificity == 3 && $0.date.offset != 0 && $0.date.utcMinutes == chosen.date.utcMinutes
            }), let offset = local.date.offset
        {
            // The UTC source's precision (seconds) at the page's offset.
            return (chosen.source, chosen.date.shifted(to: offset))
        }
        // Midnight UTC is a day written as a time, not an instant.
        guard chosen.date.offset == 0, let hour = chosen.date.hour, chosen.date.utcMinutes % 1440 != 0 else {
            return chosen
        }
        let utcDay = chosen.date.utcMinutes / 1440
        for candidate in candidates
        where candidate.date.offset == nil && (candidate.source == "URL" || candidate.source == "byline") {
            let day = candidate.date.utcMinutes / 1440
            guard day == utcDay - 1 && hour < 10 || day == utcDay + 1 && hour >= 10 else { continue }
            // A local time of the same instant gives the offset (a whole or half hour, −10 to +14 hours).
            if candidate.date.hour != nil {
                let minutes = candidate.date.utcMinutes - chosen.date.utcMinutes
                if minutes % 30 == 0, (-600...840).contains(minutes) {
                    return (chosen.source, chosen.date.shifted(to: minutes * 60))
                }
                continue
            }
            return (candidate.source, candidate.date)
        }
        return chosen
    }

    /// Labels a theme prints on a line of their own, the name on the next ("Written by" / "Jane Doe").
    static let authorLabels: Set<String> = [
        "written by", "article by", "author", "authors", "by", "posted by", "authored by", "words by",
    ]

    /// The names on the line after the first author label alone on its line, or none.
    static func labelledAuthors(_ lines: [String], siteName: String?) -> [String] {
        for index in lines.indices.dropLast() where lines[index].utf8.count <= 12 {
            guard authorLabels.contains(lines[index].lowercased().trimmed([":"])) else { continue }
            let next = lines[index + 1]
            return next.unicodeScalarCount <= 60 ? AuthorNames.clean(next, siteName: siteName) : []
        }
        return []
    }

    /// Whether two dates of one article disagree: another day, or times more than a minute apart.
    private func disagree(_ a: WrittenDate, _ b: WrittenDate) -> Bool {
        if a.hour != nil, b.hour != nil, a.offset != nil, b.offset != nil {
            return abs(a.utcMinutes - b.utcMinutes) > 1
        }
        return (a.year, a.month, a.day) != (b.year, b.month, b.day)
    }

    /// `en-US` → `en`, `ko_KR` → `ko`.
    static func languageCode(_ tag: String) -> String {
        String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
    }

    static func absolute(_ url: String, base: URL?) -> String {
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return url }
        guard let base, let resolved = URL(string: url, relativeTo: base) else { return url }
        return resolved.absoluteString
    }
}
