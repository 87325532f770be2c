import Testing
import WinnowBytes

@testable import WinnowHTML

/// The page after the cuts, with a reader of the meta keys `og:title` and
/// `description` and of `canonical` links (any case).
private func slimmed(_ html: String) -> String {
    let head = ParseFilter.HeadTags(
        readsMeta: { ["og:title", "description"].contains($0.utf8String.lowercased()) },
        readsLink: { $0.utf8String.lowercased() == "canonical" })
    return String(decoding: ParseFilter.filter(Array(html.utf8), headTags: head).bytes, as: UTF8.self)
}

@Suite("ParseFilter head tags")
struct HeadTagsFilterTests {
    @Test func unreadLinksOfTheHeadAreCut() {
        #expect(
            slimmed(
                #"<head><link rel="stylesheet" href="/a.css"><link REL=Canonical href="/x"><link href="/b"><link "#
                    + #"rel="icon" rel="canonical">"#
            )
                == #"<head><link REL=Canonical href="/x">"#)
        #expect(slimmed(#"<head><link rel="a&amp;b" href="/c">"#) == #"<head><link rel="a&amp;b" href="/c">"#)
        #expect(
            slimmed(#"<body><link rel="stylesheet" href="/a.css">"#) == #"<body><link rel="stylesheet" href="/a.css">"#)
    }

    @Test func unreadMetaTagsOfTheHeadAreCut() {
        #expect(
            slimmed(
                #"<html><head><meta name="viewport" content="w"><META PROPERTY="OG:Title" content="T"><title>A</title>"#
                    + #"<meta name=twitter:card content=c><meta content=x></head>"#
            )
                == #"<html><head><META PROPERTY="OG:Title" content="T"><title>A</title></head>"#)
    }

    @Test func theParserSeesItsCharsetAndHTTPEquivAndReferencesAreNotDecoded() {
        for html in [
            #"<head><meta charset="utf-8">"#, #"<head><meta http-equiv="refresh" content="5">"#,
            #"<head><meta name="a&amp;b" content="x">"#,
        ] {
            #expect(slimmed(html) == html, "\(html)")
        }
    }

    @Test func propertyThenNameThenItempropIsTheKey() {
        #expect(slimmed(#"<head><meta name="description" property="og:image" content="x">"#) == "<head>")
        #expect(
            slimmed(#"<head><meta itemprop="x" name="description" content="x">"#)
                == #"<head><meta itemprop="x" name="description" content="x">"#)
        // The first of a repeated name counts, as in libxml2.
        #expect(
            slimmed(#"<head><meta name="description" name="x" content="y">"#)
                == #"<head><meta name="description" name="x" content="y">"#)
    }

    @Test func doctypesCommentsScriptsAndTheTitleKeepTheHead() {
        #expect(
            slimmed(
                "<!DOCTYPE html>\n<html>\n<head>\n<!-- c -->\n<script type=\"application/ld+json\">{}</script><title>A "
                    + "b</title>\n<meta name=x content=y>"
            )
                == "<!DOCTYPE html>\n<html>\n<head>\n\n<script type=\"application/ld+json\">{}</script><title>A "
                + "b</title>\n"
        )
    }

    /// Wherever libxml2 may have opened the body, meta tags stay.
    @Test func nothingIsCutOnceTheBodyMayHaveBegun() {
        for html in [
            "<head></head><meta name=x>", "<body><meta name=x>", "<head><p>a<meta name=x>", "<head>text<meta name=x>",
            "<head>< 3<meta name=x>", "<head><title/>t<meta name=x>",
        ] {
            #expect(slimmed(html) == html, "\(html)")
        }
        #expect(slimmed("<head><svg></svg><meta name=x>") == "<head><meta name=x>")  // the svg is cut, not the meta
        // A `<` inside what was read as a doctype or an end tag (found by fuzzing: it crashed the range check).
        for html in ["<!<boco\u{4})><meta name=x>", "<head></title <b><meta name=x>"] {
            #expect(slimmed(html) == html, "\(html)")
        }
    }

    @Test func withoutAReaderEveryMetaAndLinkTagStays() {
        let html = #"<head><meta name="viewport" content="w">"#
        #expect(String(decoding: ParseFilter.filter(Array(html.utf8)).bytes, as: UTF8.self) == html)
        let link = #"<head><link rel="stylesheet" href="/a.css">"#
        #expect(String(decoding: ParseFilter.filter(Array(link.utf8)).bytes, as: UTF8.self) == link)
    }
}
