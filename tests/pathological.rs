//! docs/ARCHITECTURE.md invariant 10 on hostile pages: each gets a correct tree or the
//! typed error of the limit it runs into, never a panic or silent loss.
//! Each test states what it expects. How long they take is measured, not
//! asserted, by `examples/pathological.rs` (see BENCHMARKS.md). Every parse
//! of a large page is held to the README's peak-heap bound (32 bytes per
//! input byte, 128 per node, 256 KiB), which at these sizes, unlike at
//! those of the kept fuzz inputs, the per-byte and per-node terms dominate.

use std::sync::Arc;

use htmldict::{
    Document, Limit, Limits, LruDictionary, NodeKind, NodeRef, ParseError, ParseOptions, Parser,
    parse_html, parse_html_bytes,
};
use htmldict_test_support::alloc::Counting;
use htmldict_test_support::checks::{check_peak, peak_of};

// The peak-heap checks read this counter, per thread, so the tests of this
// binary may run side by side.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs a parse that must succeed, holds its peak heap to the bound for
/// `input_len` bytes of input and the nodes it built, and returns the
/// document.
fn bounded(input_len: usize, parse: impl FnOnce() -> Result<Document, ParseError>) -> Document {
    let (result, peak) = peak_of(parse);
    let doc = result.unwrap();
    check_peak(peak, input_len, doc.node_count());
    doc
}

/// Runs a parse a limit refuses: its result, and a check that holds its
/// peak heap to the bound for `input_len` bytes and the nodes of the same
/// page parsed without limits (`nodes`), which the refused parse, stopping
/// where it fails, built no more of.
fn bounded_refusal(
    input_len: usize,
    parse: impl FnOnce() -> Result<Document, ParseError>,
) -> (Result<Document, ParseError>, impl FnOnce(usize)) {
    let (result, peak) = peak_of(parse);
    (result, move |nodes| check_peak(peak, input_len, nodes))
}

fn no_limits() -> ParseOptions {
    ParseOptions::new().limits(Limits::none())
}

fn body(doc: &Document) -> NodeRef<'_> {
    doc.root()
        .descendants()
        .find(|n| n.is_html_element("body"))
        .expect("every document has a body")
}

fn head(doc: &Document) -> NodeRef<'_> {
    doc.root()
        .descendants()
        .find(|n| n.is_html_element("head"))
        .expect("every document has a head")
}

fn first<'a>(doc: &'a Document, name: &str) -> NodeRef<'a> {
    doc.root()
        .descendants()
        .find(|n| n.local_name() == Some(name))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

/// `pattern` repeated up to `bytes` bytes, cut at a character boundary.
fn filler(pattern: &str, bytes: usize) -> String {
    let mut out = pattern.repeat(bytes / pattern.len() + 1);
    let mut cut = bytes;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

fn expect_limit(result: Result<Document, ParseError>, limit: Limit, max: u64, value: u64) {
    match result {
        Err(ParseError::LimitExceeded {
            limit: met,
            max: m,
            value: v,
        }) => assert_eq!((met, m, v), (limit, max, value)),
        other => panic!("expected {limit:?} to be exceeded, got {other:?}"),
    }
}

/// A 1 MB attribute value, double- or single-quoted, is kept byte for byte
/// and serialised back whole.
#[test]
fn one_megabyte_attribute_value() {
    let value = filler("0123456789 é€😀 ,;:/?=-_'", 1 << 20);
    for quoted in [
        format!("\"{value}\""),
        format!("'{}'", value.replace('\'', "\"")),
    ] {
        let expected = quoted[1..quoted.len() - 1].to_owned();
        let page = format!("<div title={quoted}>x</div>");
        let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
        let div = first(&doc, "div");
        assert_eq!(div.attrs().len(), 1);
        assert!(div.attr("title") == Some(expected.as_str()));
        let escaped = expected.replace('"', "&quot;");
        assert!(
            doc.to_html()
                .contains(&format!("<div title=\"{escaped}\">x</div>"))
        );
    }
}

/// 100,000 copies of one attribute on one element: the tokenizer keeps the
/// first and drops the others (a parse error each), so the element has one
/// attribute, the first value, and no limit is met.
#[test]
fn hundred_thousand_duplicate_attributes() {
    let page: String = std::iter::once("<div".to_owned())
        .chain((0..100_000).map(|i| format!(" data-x={i}")))
        .chain(std::iter::once(">".to_owned()))
        .collect();
    for options in [ParseOptions::new(), no_limits()] {
        let doc = bounded(page.len(), || parse_html(&page, &options));
        let div = first(&doc, "div");
        assert_eq!(div.attrs().len(), 1);
        assert_eq!(div.attr("data-x"), Some("0"));
    }
}

/// 100,000 distinct attributes on one element: the default limits refuse
/// the page with `AttributesPerElement` (maximum 1,024, value 100,000); with
/// limits off every attribute is kept, in source order.
///
/// html5ever's tokenizer checks each new attribute against all the earlier
/// ones of the tag, so this page costs seconds whatever the sink does: the
/// limit is checked when the tag reaches the tree builder, after that cost.
#[test]
fn hundred_thousand_distinct_attributes() {
    const N: usize = 100_000;
    let page: String = std::iter::once("<div".to_owned())
        .chain((0..N).map(|i| format!(" a{i}={i}")))
        .chain(std::iter::once(">".to_owned()))
        .collect();
    let (refused, check_refused) =
        bounded_refusal(page.len(), || parse_html(&page, &ParseOptions::new()));
    expect_limit(refused, Limit::AttributesPerElement, 1024, N as u64);
    let doc = bounded(page.len(), || parse_html(&page, &no_limits()));
    check_refused(doc.node_count());
    let div = first(&doc, "div");
    assert_eq!(div.attrs().len(), N);
    for (i, attr) in div.attrs().enumerate() {
        assert_eq!(attr.name, format!("a{i}"));
        assert_eq!(attr.value, i.to_string());
    }
}

/// 10 MB of text and no markup: one text node, the body's only child,
/// holding every byte (the default input limit is 64 MiB).
#[test]
fn ten_megabytes_of_text() {
    let text = filler("Lorem ipsum, dolor sit amet; été 😀\n", 10 << 20);
    let doc = bounded(text.len(), || parse_html(&text, &ParseOptions::new()));
    let body = body(&doc);
    let children: Vec<NodeRef<'_>> = body.children().collect();
    assert_eq!(children.len(), 1);
    assert!(children[0].as_text() == Some(text.as_str()));
    assert_eq!(doc.node_count(), 5);
    assert!(doc.text() == text);
}

/// 200,000 unclosed `<p>`: each closes the one before, so the body holds
/// 200,000 sibling paragraphs at depth 3, within the default limits.
#[test]
fn two_hundred_thousand_unclosed_paragraphs() {
    let page = "<p>".repeat(200_000);
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let body = body(&doc);
    assert_eq!(body.children().count(), 200_000);
    assert!(body.children().all(|p| p.is_html_element("p")));
    assert!(body.children().all(|p| p.first_child().is_none()));
    assert_eq!(doc.node_count(), 200_004);
}

/// 1,000,000 stray `</div>`: each is a parse error and is ignored. The
/// document is `<html>`, `<head>` and an empty `<body>`.
#[test]
fn a_million_stray_end_tags() {
    let page = "</div>".repeat(1_000_000);
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    assert_eq!(doc.node_count(), 4);
    assert_eq!(doc.to_html(), "<html><head></head><body></body></html>");
    // Kept errors: at least one a stray tag, the first ones kept and the
    // rest counted.
    let doc = bounded(page.len(), || {
        parse_html(&page, &ParseOptions::new().keep_errors(true))
    });
    assert_eq!(doc.errors().len(), htmldict::Document::MAX_KEPT_ERRORS);
    let met = doc.errors().len() as u64 + doc.errors_dropped();
    assert!(met >= 1_000_000, "{met}");
    assert_eq!(doc.node_count(), 4);
}

/// NUL bytes, as the HTML standard says for each place: dropped from text
/// in the body (the tree builder ignores a NUL character token there),
/// replaced by U+FFFD in attribute values, comments, RCDATA (`<textarea>`,
/// `<title>`), script data, text in foreign content and tag names.
#[test]
fn nul_bytes() {
    let page = "a\0b<p t='x\0y'>c\0d<!--e\0f--><textarea>g\0h</textarea>\
                <script>i\0j</script><svg>k\0l</svg><x\0y></x\0y><title>m\0n</title>";
    let doc = bounded(page.len(), || parse_html(page, &ParseOptions::new()));
    assert_eq!(
        doc.html5lib_tree(),
        "| <html>\n\
         |   <head>\n\
         |   <body>\n\
         |     \"ab\"\n\
         |     <p>\n\
         |       t=\"x\u{FFFD}y\"\n\
         |       \"cd\"\n\
         |       <!-- e\u{FFFD}f -->\n\
         |       <textarea>\n\
         |         \"g\u{FFFD}h\"\n\
         |       <script>\n\
         |         \"i\u{FFFD}j\"\n\
         |       <svg svg>\n\
         |         \"k\u{FFFD}l\"\n\
         |       <x\u{FFFD}y>\n\
         |       <title>\n\
         |         \"m\u{FFFD}n\"\n"
    );
    // A million of them between letters: the letters stay, one text node.
    let page = "a\0".repeat(1_000_000);
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let body = body(&doc);
    assert_eq!(body.children().count(), 1);
    assert!(body.text() == "a".repeat(1_000_000));
    // And in an attribute value: each becomes U+FFFD (3 bytes).
    let page = format!("<p title=\"{}\">", "\0".repeat(1_000_000));
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    assert!(first(&doc, "p").attr("title") == Some("\u{FFFD}".repeat(1_000_000).as_str()));
}

/// 1 MB of markup-like content after `<!--` and no `-->`: one comment, a
/// child of the document node before `<html>`, holding all of it.
#[test]
fn unclosed_comment() {
    let content = filler(" <p class=a>text</p> <b>&amp; -> - </b>\n", 1 << 20);
    let page = format!("<!--{content}");
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let comment = doc.root().first_child().unwrap();
    assert!(comment.as_comment() == Some(content.as_str()));
    assert_eq!(doc.node_count(), 5);
}

/// Unclosed `<![CDATA[`: in HTML content it opens a bogus comment that
/// runs to the next `>` or, with none, to the end of input (`[CDATA[` and
/// all); inside `<svg>` it is a CDATA section whose text, markup included,
/// runs to the end of input.
#[test]
fn unclosed_cdata() {
    let content = filler(" text &amp; ]] ] <b <p\n", 1 << 20);
    let page = format!("<![CDATA[{content}");
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let comment = doc.root().first_child().unwrap();
    assert_eq!(comment.kind(), NodeKind::Comment);
    assert!(comment.as_comment() == Some(format!("[CDATA[{content}").as_str()));
    assert_eq!(doc.node_count(), 5);

    let content = filler(" <p class=a>text</p> <b>&amp; ]] ] </b>\n", 1 << 20);
    let page = format!("<svg><![CDATA[{content}");
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let svg = first(&doc, "svg");
    assert_eq!(svg.children().count(), 1);
    assert!(svg.text() == content);
}

/// Unclosed `<script>`: the rest of the input, 1 MB of markup and escape
/// sequences (`<!--`, `<script>`), is the script's text.
#[test]
fn unclosed_script() {
    let content = filler(
        " if (a < b) { x = '<p>'; } <!-- <script> --> <b>\n",
        1 << 20,
    );
    let page = format!("<script>{content}");
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let script = first(&doc, "script");
    assert_eq!(script.parent().unwrap(), head(&doc));
    assert_eq!(script.children().count(), 1);
    assert!(script.text() == content);
}

/// Unclosed `<textarea>`: the rest of the input, 1 MB of markup, is the
/// textarea's text, character references resolved and the newline right
/// after the start tag dropped.
#[test]
fn unclosed_textarea() {
    let content = filler(" <p class=a>text</p> <b>&amp;</b>\n", 1 << 20);
    let page = format!("<textarea>\n{content}");
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let textarea = first(&doc, "textarea");
    assert_eq!(textarea.children().count(), 1);
    assert!(textarea.text() == content.replace("&amp;", "&"));
}

/// A million distinct unknown named references (`&foo0;` to
/// `&foo999999;`): kept as literal text in one text node, and no name
/// reaches the dictionary (invariant 3).
#[test]
fn a_million_unknown_entity_references() {
    let page: String = (0..1_000_000).map(|i| format!("&foo{i};")).collect();
    let dictionary = Arc::new(LruDictionary::new(64));
    let options = ParseOptions::new().dictionary(dictionary.clone());
    let doc = bounded(page.len(), || parse_html(&page, &options));
    let body = body(&doc);
    assert_eq!(body.children().count(), 1);
    assert!(body.text() == page);
    assert_eq!(dictionary.stats().lookups, 0);
    assert!(doc.to_html().contains(&page.replace('&', "&amp;")));
}

/// Misnested formatting elements with distinct attributes
/// (`<p><b id=N></p>` again and again): each `<p>` reopens every `<b>`
/// still in the list of active formatting elements (the Noah's Ark clause
/// only drops identical ones), so the tree grows with the square of the
/// input. The default depth limit stops it at level 513; with limits off,
/// 1,000 repetitions build 500,500 `<b>` elements, nested 1,000 deep.
#[test]
fn reopened_formatting_elements() {
    const N: usize = 1_000;
    let page: String = (0..N).map(|i| format!("<p><b id={i}></p>")).collect();
    let (refused, check_refused) =
        bounded_refusal(page.len(), || parse_html(&page, &ParseOptions::new()));
    expect_limit(refused, Limit::Depth, 512, 513);
    let doc = bounded(page.len(), || parse_html(&page, &no_limits()));
    check_refused(doc.node_count());
    let body = body(&doc);
    assert_eq!(body.children().count(), N);
    let bs = doc
        .root()
        .descendants()
        .filter(|n| n.local_name() == Some("b"))
        .count();
    assert_eq!(bs, N * (N + 1) / 2);
    let last = body.last_child().unwrap();
    let deepest = last.descendants().last().unwrap();
    assert_eq!(deepest.attr("id"), Some("999"));
    assert_eq!(deepest.ancestors().count(), N + 3);
    // Tree order finds the first <b id=0>.
    assert_eq!(
        doc.get_element_by_id("0").unwrap().parent().unwrap(),
        body.first_child().unwrap()
    );
}

/// A megabyte of text full of characters to escape, with no `<` or `>` to
/// end html5ever's searches early, serialises to exactly the escaped text:
/// `&amp;`, `&nbsp;`, `&lt;`, `&gt;`, everything else as is. (Handed to
/// html5ever's serializer in one piece, such text cost the square of its
/// length.)
#[test]
fn long_text_full_of_escapes() {
    for pattern in ["a&b", "\u{A0}©«»", "&\u{A0}x\"é", "&&&&&&&&<>"] {
        let text = filler(pattern, 1 << 20);
        let source = text.replace('&', "&amp;").replace('<', "&lt;");
        let page = format!("<p>{source}");
        let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
        let p = first(&doc, "p");
        assert!(p.text() == text);
        let expected = text
            .replace('&', "&amp;")
            .replace('\u{A0}', "&nbsp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(p.inner_html() == expected, "{pattern:?}");
    }
}

/// A megabyte of malformed UTF-8 through the bytes entry point, one-shot and
/// streamed: every malformed sequence becomes one U+FFFD as the Encoding
/// standard says (the same replacement `String::from_utf8_lossy` makes), so
/// the tree is the one the text parser builds from the lossy text; nothing
/// panics and no other character is lost.
#[test]
fn a_megabyte_of_malformed_utf8() {
    // Lone continuation bytes, truncated sequences, overlongs, surrogates,
    // bytes that never appear in UTF-8, and a few valid characters between.
    let pattern: &[u8] = b"\x80<p>\xc3(\xe2\x82 \xf0\x9f\x98\xed\xa0\x80\xc0\xaf\xff\xfe\xf5\x80 \xc3\xa9\xe6\x97\xa5&amp;";
    let mut bytes = Vec::with_capacity(1 << 20);
    while bytes.len() < 1 << 20 {
        bytes.extend_from_slice(pattern);
    }
    let options = ParseOptions::new().transport_charset("utf-8");
    let doc = bounded(bytes.len(), || parse_html_bytes(&bytes, &options));
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (transport)");
    let lossy = String::from_utf8_lossy(&bytes);
    let expected = bounded(lossy.len(), || parse_html(&lossy, &ParseOptions::new()));
    assert_eq!(doc.to_html(), expected.to_html());
    let replacements = doc.text().matches('\u{fffd}').count();
    assert_eq!(replacements, lossy.matches('\u{fffd}').count());
    assert!(replacements > 10 * (1 << 20) / pattern.len());
    assert_eq!(
        doc.text().matches("é日").count(),
        bytes.len() / pattern.len()
    );

    // Streamed in pieces that cut sequences anywhere.
    let streamed = bounded(bytes.len(), || {
        let mut parser = Parser::new(&options);
        for piece in bytes.chunks(4093) {
            parser.feed_bytes(piece)?;
        }
        parser.finish()
    });
    assert_eq!(streamed.to_html(), expected.to_html());

    // Sniffed without a transport charset, the detector takes these bytes
    // for windows-1252, where every byte is a character (five of them
    // unassigned, kept as C1 controls): no U+FFFD at all.
    let doc = bounded(bytes.len(), || {
        parse_html_bytes(&bytes, &ParseOptions::new())
    });
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1252 (detected)"
    );
    assert!(!doc.text().contains('\u{fffd}'));
}

/// Attributes of later `<html>` tags join the first `<html>` element, after
/// its own and in order, the first value of each name winning (the HTML
/// standard's "add the attribute ... if it is not already present"): 4 MB
/// of `<html>` tags after one with 1,000 attributes, and `<html bN><p x>`
/// repeated, where every `<html>` adds one while `<p>` elements store
/// attributes of their own in between. Both used to cost the square of the
/// input (seconds, and 830 MB of heap for 205 KB of the second);
/// `examples/pathological.rs` times them.
#[test]
fn attributes_merged_into_the_html_element() {
    let own: String = (0..1000).map(|i| format!(" a{i}=v{i}")).collect();
    let page = format!(
        "<html{own}>{}<html a0=later new=1>",
        "<html>".repeat(666_000)
    );
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let html = doc.root().first_child().unwrap();
    assert!(html.is_html_element("html"));
    assert_eq!(html.attrs().len(), 1001);
    assert_eq!(html.attr("a0"), Some("v0"));
    assert_eq!(html.attr("a999"), Some("v999"));
    assert_eq!(html.attrs().last().unwrap().name, "new");

    const N: usize = 12_000;
    let page: String = (0..N).map(|i| format!("<html b{i}><p x>")).collect();
    let doc = bounded(page.len(), || parse_html(&page, &no_limits()));
    let html = doc.root().first_child().unwrap();
    let names: Vec<String> = html.attrs().map(|a| a.name.to_owned()).collect();
    let expected: Vec<String> = (0..N).map(|i| format!("b{i}")).collect();
    assert_eq!(names, expected);
    let paragraphs = body(&doc).children().count();
    assert_eq!(paragraphs, N);
    assert!(body(&doc).children().all(|p| p.attr("x") == Some("")));
    // With the default limits, the 1,025th attribute is one too many.
    let (refused, check_refused) =
        bounded_refusal(page.len(), || parse_html(&page, &ParseOptions::new()));
    expect_limit(refused, Limit::AttributesPerElement, 1024, 1025);
    check_refused(doc.node_count());
}

/// An `id` merged into `<body>` by a later `<body>` tag is found by
/// `get_element_by_id`, as is the first of 50,000 `<p>` sharing an id.
#[test]
fn ids_merged_or_shared() {
    let doc = parse_html("<body><p id=x><body id=late class=c>", &ParseOptions::new()).unwrap();
    let found = doc.get_element_by_id("late").unwrap();
    assert!(found.is_html_element("body"));
    assert_eq!(found.attr("class"), Some("c"));
    let page = "<p id=x>".repeat(50_000);
    let doc = bounded(page.len(), || parse_html(&page, &ParseOptions::new()));
    let first = body(&doc).first_child().unwrap();
    assert_eq!(doc.get_element_by_id("x").unwrap(), first);
}
