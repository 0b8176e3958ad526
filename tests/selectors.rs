//! CSS selectors: a table of selectors on fixed pages with their matches
//! written out by hand, the errors for bad selectors with their positions,
//! deep documents on a small stack, and a cross-check of match counts
//! against scraper on the carried pages.

use htmldict::{
    Document, Limits, NodeRef, ParseOptions, QuirksMode, Selector, SelectorError,
    SelectorErrorKind, parse_html,
};
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::rng::XorShift64Star;
use htmldict_test_support::strategies;

/// A page in standards mode. Every element has an id, so that matches read
/// as lists of ids in tree order:
///
/// html head title body main h1 p1 a1 b1 p2 a2 p3 list li1 li2 li3 li4 li5
/// form fs legend in4 fs2 in5 in1 in2 in3 sel og o1 o2 o3 aside s1 tpl svg
/// clip rect fo fodiv
///
/// (`tp`, inside the template's contents, is not in the tree.)
const PAGE: &str = r#"<!DOCTYPE html>
<html id="html" lang="en">
<head id="head"><title id="title">T</title></head>
<body id="body">
<div id="main" class="box Main" data-role="page">
  <h1 id="h1" class="title">Heading</h1>
  <p id="p1" class="intro lead">First <a id="a1" href="https://example.com/one" hreflang="en-US" rel="external nofollow">one</a> <b id="b1">bold</b></p>
  <p id="p2" class="note">Second <a id="a2" href="/two.pdf" title="Two files">two</a></p>
  <p id="p3"></p>
  <ul id="list">
    <li id="li1" class="item">1</li>
    <li id="li2" class="item odd-one">2</li>
    <li id="li3" class="item">3</li>
    <li id="li4" class="item special">4</li>
    <li id="li5" class="item">5</li>
  </ul>
  <form id="form">
    <fieldset id="fs" disabled><legend id="legend"><input id="in4"></legend><fieldset id="fs2"><input id="in5" type="Radio" checked></fieldset></fieldset>
    <input id="in1" type="text" name="q" value="x">
    <input id="in2" type="CHECKBOX" checked>
    <input id="in3" type="radio" disabled>
    <select id="sel"><optgroup id="og" disabled><option id="o1">a</option></optgroup><option id="o2" selected>b</option><option id="o3" disabled>c</option></select>
  </form>
</div>
<div id="aside" class="box"><!-- a comment --></div>
<span id="s1" lang="en-GB"> </span>
<template id="tpl"><p id="tp" class="note">inside</p></template>
<svg id="svg" viewBox="0 0 10 10"><clipPath id="clip"><rect id="rect"/></clipPath><foreignObject id="fo"><div id="fodiv"></div></foreignObject></svg>
</body>
</html>"#;

/// The same small page without a doctype (quirks mode) and with one.
const QUIRKS_BODY: &str = r#"<div id="q1" class="Foo bar"><p id="q2" class="BAR">x</p><span id="QSpan" title="Hi"></span></div>"#;

fn parse(html: &str) -> Document {
    parse_html(html, &ParseOptions::new()).unwrap()
}

/// An element's id, or `<name>` for one without.
fn label<'a>(node: impl Into<NodeRef<'a>>) -> String {
    let node = node.into();
    match node.attr("id") {
        Some(id) => id.to_owned(),
        None => format!("<{}>", node.local_name().unwrap_or("?")),
    }
}

fn labels<'a, N: Into<NodeRef<'a>>>(nodes: impl Iterator<Item = N>) -> Vec<String> {
    nodes.map(label).collect()
}

fn select(doc: &Document, selector: &str) -> Vec<String> {
    let parsed = Selector::parse(selector).unwrap_or_else(|e| panic!("{selector:?}: {e}"));
    labels(doc.select(&parsed))
}

/// Runs a table of (selector, expected ids) on one document, reporting every
/// mismatch at once.
fn check_table(doc: &Document, table: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (selector, expected) in table {
        let found = select(doc, selector);
        if found != *expected {
            failures.push(format!(
                "{selector:?}: expected {expected:?}, found {found:?}"
            ));
        }
        // select_first agrees with the first match, and `matches` with each.
        let parsed = Selector::parse(selector).unwrap();
        assert_eq!(
            doc.select_first(&parsed).map(label),
            found.first().cloned(),
            "{selector:?}"
        );
        for node in doc.root().descendants().filter(NodeRef::is_element) {
            assert_eq!(
                parsed.matches(node),
                found.contains(&label(node)),
                "{selector:?} on {}",
                label(node)
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const ALL: &[&str] = &[
    "html", "head", "title", "body", "main", "h1", "p1", "a1", "b1", "p2", "a2", "p3", "list",
    "li1", "li2", "li3", "li4", "li5", "form", "fs", "legend", "in4", "fs2", "in5", "in1", "in2",
    "in3", "sel", "og", "o1", "o2", "o3", "aside", "s1", "tpl", "svg", "clip", "rect", "fo",
    "fodiv",
];

#[rustfmt::skip]
const TABLE: &[(&str, &[&str])] = &[
    // Type and universal selectors.
    ("*", ALL),
    ("p", &["p1", "p2", "p3"]),
    ("LI", &["li1", "li2", "li3", "li4", "li5"]),
    ("body > *", &["main", "aside", "s1", "tpl", "svg"]),
    ("#main > *", &["h1", "p1", "p2", "p3", "list", "form"]),
    ("table", &[]),
    // Classes.
    (".item", &["li1", "li2", "li3", "li4", "li5"]),
    (".item.special", &["li4"]),
    (".box", &["main", "aside"]),
    (".Main", &["main"]),
    (".main", &[]),
    (".odd-one", &["li2"]),
    ("p.intro.lead", &["p1"]),
    (".lead.note", &[]),
    // Ids.
    ("#li3", &["li3"]),
    ("#LI3", &[]),
    ("li#li3.item", &["li3"]),
    ("#nope", &[]),
    // Attributes, every operator.
    ("[href]", &["a1", "a2"]),
    ("[type=\"radio\"]", &["in5", "in3"]),
    ("[type=checkbox]", &["in2"]),
    ("[rel~=nofollow]", &["a1"]),
    ("[rel~=follow]", &[]),
    ("[hreflang|=en]", &["a1"]),
    ("[lang|=en]", &["html", "s1"]),
    ("[lang|=en-GB]", &["s1"]),
    ("[href^=\"https:\"]", &["a1"]),
    ("[href^=\"\"]", &[]),
    ("[href$=\".pdf\"]", &["a2"]),
    ("[title*=\"file\"]", &["a2"]),
    ("[title*=\"FILE\"]", &[]),
    ("[title*=\"FILE\" i]", &["a2"]),
    ("[title=\"two files\" i]", &["a2"]),
    ("[type=\"CheckBox\" s]", &[]),
    ("[type=\"CHECKBOX\" s]", &["in2"]),
    ("[data-role=page]", &["main"]),
    ("[DATA-ROLE=page]", &["main"]),
    ("[class=\"item\"]", &["li1", "li3", "li5"]),
    ("[value]", &["in1"]),
    ("[viewBox]", &["svg"]),
    ("[viewbox]", &[]),
    ("[*|viewBox]", &["svg"]),
    // Combinators.
    ("#main p", &["p1", "p2", "p3"]),
    ("#main > p > a", &["a1", "a2"]),
    ("div a", &["a1", "a2"]),
    ("body > div", &["main", "aside"]),
    ("h1 + p", &["p1"]),
    ("h1 ~ p", &["p1", "p2", "p3"]),
    ("p + p", &["p2", "p3"]),
    ("li + li + li", &["li3", "li4", "li5"]),
    ("#p1 ~ *", &["p2", "p3", "list", "form"]),
    ("#p3 + *", &["list"]),
    ("svg rect", &["rect"]),
    ("foreignObject div", &["fodiv"]),
    ("svg > div", &[]),
    // :not(), :is(), :where().
    ("li:not(.item)", &[]),
    ("li:not(#li1, #li5)", &["li2", "li3", "li4"]),
    ("#list :not(li)", &[]),
    ("a[href]:not([href^=http])", &["a2"]),
    (":is(h1, b, #p3)", &["h1", "b1", "p3"]),
    (":is(#form) :is(select, option)", &["sel", "o1", "o2", "o3"]),
    (":where(#main, #aside) > p", &["p1", "p2", "p3"]),
    (":is(p, !)", &["p1", "p2", "p3"]),
    // :has().
    ("div:has(form)", &["main"]),
    ("p:has(> a)", &["p1", "p2"]),
    ("p:has(b)", &["p1"]),
    ("li:has(+ .special)", &["li3"]),
    ("li:has(~ .special)", &["li1", "li2", "li3"]),
    ("p:has(+ p + ul)", &["p2"]),
    (":has(> clipPath)", &["svg"]),
    ("div:not(:has(*))", &["aside", "fodiv"]),
    ("#main:has(h1 + p)", &["main"]),
    ("body > :has(li:nth-child(5))", &["main"]),
    ("form :has(~ input[type=checkbox])", &["fs", "in1"]),
    (":has(.nope)", &[]),
    // The :nth-*() family.
    ("li:nth-child(odd)", &["li1", "li3", "li5"]),
    ("li:nth-child(even)", &["li2", "li4"]),
    ("li:nth-child(2n+1)", &["li1", "li3", "li5"]),
    ("li:nth-child(-n+3)", &["li1", "li2", "li3"]),
    ("li:nth-child(3)", &["li3"]),
    ("li:nth-child(n+4)", &["li4", "li5"]),
    ("li:nth-child(0n+0)", &[]),
    ("li:nth-child(odd of .item:not(.odd-one))", &["li1", "li4"]),
    ("li:nth-last-child(2)", &["li4"]),
    ("li:nth-last-child(-n+2)", &["li4", "li5"]),
    ("li:nth-last-child(1 of .special)", &["li4"]),
    ("#main > :nth-of-type(2)", &["p2"]),
    ("p:nth-of-type(2n+1)", &["p1", "p3"]),
    ("p:nth-last-of-type(1)", &["p3"]),
    ("#main > :nth-last-of-type(3)", &["p1"]),
    // First, last, only.
    ("li:first-child", &["li1"]),
    ("li:last-child", &["li5"]),
    ("#main :only-child", &["a2", "in4", "in5", "o1"]),
    ("svg :only-child", &["rect", "fodiv"]),
    ("#main > :first-of-type", &["h1", "p1", "list", "form"]),
    ("li:last-of-type", &["li5"]),
    ("#form > :only-of-type", &["fs", "sel"]),
    ("#form > :last-of-type", &["fs", "in3", "sel"]),
    // :empty, :root, :scope.
    ("p:empty", &["p3"]),
    (":empty", &["p3", "in4", "in5", "in1", "in2", "in3", "aside", "tpl", "rect", "fodiv"]),
    (":root", &["html"]),
    (":root > *", &["head", "body"]),
    (":scope > body", &["body"]),
    // Selector lists: tree order, each element once.
    ("h1, li:first-child, #nope", &["h1", "li1"]),
    ("li:last-child, h1", &["h1", "li5"]),
    ("li, .item", &["li1", "li2", "li3", "li4", "li5"]),
    // Template contents are not in the tree.
    (".note", &["p2"]),
    ("template p", &[]),
    ("template", &["tpl"]),
    // SVG names keep their case.
    ("clipPath", &["clip"]),
    ("clippath", &[]),
    ("CLIPPATH", &[]),
    ("svg clipPath > rect", &["rect"]),
    ("foreignObject", &["fo"]),
    ("foreignobject", &[]),
    ("*|rect", &["rect"]),
    ("|rect", &[]),
    // Links and form state, from the markup.
    ("a:link", &["a1", "a2"]),
    (":any-link", &["a1", "a2"]),
    (":checked", &["in5", "in2", "o2"]),
    (":disabled", &["fs", "fs2", "in5", "in3", "og", "o1", "o3"]),
    (":enabled", &["in4", "in1", "in2", "sel", "o2"]),
    // States a parsed document never is in.
    ("a:hover", &[]),
    ("a:visited", &[]),
    (":focus", &[]),
    (":not(:hover)", ALL),
];

#[test]
fn table_on_a_standards_mode_page() {
    assert!(TABLE.len() >= 70, "{}", TABLE.len());
    let doc = parse(PAGE);
    assert_eq!(doc.quirks_mode(), QuirksMode::NoQuirks);
    assert_eq!(
        labels(doc.root().descendants().filter(NodeRef::is_element)),
        ALL,
        "the page's elements"
    );
    check_table(&doc, TABLE);
}

#[test]
fn classes_and_ids_ignore_ascii_case_only_in_quirks_mode() {
    let quirks = parse(QUIRKS_BODY);
    assert_eq!(quirks.quirks_mode(), QuirksMode::Quirks);
    check_table(
        &quirks,
        &[
            (".foo", &["q1"]),
            (".FOO", &["q1"]),
            (".bar", &["q1", "q2"]),
            ("#qspan", &["QSpan"]),
            ("DIV.fOo > P.Bar", &["q2"]),
            // Attribute values are not classes: still exact.
            ("[class~=bar]", &["q1"]),
            ("[id=qspan]", &[]),
            ("[title=hi]", &[]),
        ],
    );
    let standards = parse(&format!("<!DOCTYPE html>{QUIRKS_BODY}"));
    assert_eq!(standards.quirks_mode(), QuirksMode::NoQuirks);
    check_table(
        &standards,
        &[
            (".foo", &[]),
            (".Foo", &["q1"]),
            (".bar", &["q1"]),
            (".BAR", &["q2"]),
            ("#qspan", &[]),
            ("#QSpan", &["QSpan"]),
            ("DIV.Foo > P.BAR", &["q2"]),
        ],
    );
    // Limited quirks mode compares like standards mode.
    let limited = parse(&format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">{QUIRKS_BODY}"#
    ));
    assert_eq!(limited.quirks_mode(), QuirksMode::LimitedQuirks);
    check_table(&limited, &[(".foo", &[]), ("#qspan", &[])]);
}

/// Names from a dictionary (custom elements, Vue's `data-v-` attributes),
/// names packed in an atom (short ones) and names of html5ever's static set
/// all match by their text, whatever the dictionary.
#[test]
fn names_match_by_text_whatever_the_dictionary() {
    let html = r#"<!DOCTYPE html>
        <app-cart-drawer id="drawer" data-v-7ba5bd90 class="open"><my-el id="short" data-x="1"></my-el></app-cart-drawer>
        <svg><linearGradient id="grad" gradientUnits="userSpaceOnUse"/><my-svg-thing id="svgx"/></svg>"#;
    for (name, dictionary) in strategies() {
        let doc = parse_html(html, &ParseOptions::new().dictionary(dictionary)).unwrap();
        let table: &[(&str, &[&str])] = &[
            ("app-cart-drawer", &["drawer"]),
            ("APP-CART-DRAWER", &["drawer"]),
            ("app-cart-drawer > my-el", &["short"]),
            ("my-el", &["short"]),
            ("MY-EL", &["short"]),
            ("app-cart", &[]),
            ("[data-v-7ba5bd90]", &["drawer"]),
            ("[DATA-V-7BA5BD90]", &["drawer"]),
            ("[data-v-7ba5bd9]", &[]),
            ("[data-x=\"1\"]", &["short"]),
            ("linearGradient", &["grad"]),
            ("lineargradient", &[]),
            ("[gradientUnits]", &["grad"]),
            ("[gradientunits]", &[]),
            ("my-svg-thing", &["svgx"]),
            ("MY-SVG-THING", &[]),
            (".open:has(my-el)", &["drawer"]),
        ];
        for (selector, expected) in table {
            assert_eq!(select(&doc, selector), *expected, "{name}: {selector:?}");
        }
    }
}

#[test]
fn node_select_searches_descendants_only() {
    let doc = parse(PAGE);
    let by_id = |id: &str| doc.get_element_by_id(id).unwrap();
    let sel = |s: &str| Selector::parse(s).unwrap();
    let main = by_id("main");
    assert_eq!(labels(main.select(&sel("p"))), ["p1", "p2", "p3"]);
    assert_eq!(labels(main.select(&sel("#main"))), Vec::<String>::new());
    assert_eq!(labels(main.select(&sel("div"))), Vec::<String>::new());
    // The selector may look at the node and above it.
    assert_eq!(labels(main.select(&sel("body div p"))), ["p1", "p2", "p3"]);
    assert_eq!(labels(main.select(&sel(":scope > p"))), ["p1", "p2", "p3"]);
    assert_eq!(labels(main.select(&sel(":scope > p + p"))), ["p2", "p3"]);
    assert_eq!(
        labels(by_id("list").select(&sel(":scope > :nth-child(2)"))),
        ["li2"]
    );
    assert_eq!(
        labels(by_id("body").select(&sel(":scope > div"))),
        ["main", "aside"]
    );
    assert_eq!(labels(by_id("p1").select(&sel("*"))), ["a1", "b1"]);
    assert_eq!(labels(by_id("p3").select(&sel("*"))), Vec::<String>::new());
    // select_first.
    assert_eq!(
        main.select_first(&sel("li:nth-child(2), a")).map(label),
        Some("a1".into())
    );
    assert_eq!(by_id("list").select_first(&sel("p")), None);
    assert_eq!(
        doc.select_first(&sel("svg *")).map(label),
        Some("clip".into())
    );
    // A template's contents are searched when asked for directly.
    let contents = by_id("tpl").template_contents().unwrap();
    assert_eq!(labels(contents.select(&sel("p.note"))), ["tp"]);
    assert_eq!(labels(by_id("tpl").select(&sel("p"))), Vec::<String>::new());
    // From a text node: its descendants are none.
    let text = by_id("h1").first_child().unwrap();
    assert!(text.is_text());
    assert_eq!(text.select(&sel("*")).count(), 0);
    // From the document node: the same as Document::select.
    assert_eq!(
        labels(doc.root().select(&sel("li:nth-child(odd)"))),
        ["li1", "li3", "li5"]
    );
}

#[test]
fn one_selector_many_documents_and_threads() {
    let selector = Selector::parse("li:nth-child(odd):has(~ .special), a[href$=pdf]").unwrap();
    let doc = parse(PAGE);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                assert_eq!(labels(doc.select(&selector)), ["a2", "li1", "li3"]);
                let other = parse("<ul><li>1<li class=special>2</ul><a href=x.pdf id=x>");
                assert_eq!(labels(other.select(&selector)), ["<li>", "x"]);
            });
        }
    });
    let from_str: Selector = "li".parse().unwrap();
    assert_eq!(doc.select(&from_str).count(), 5);
}

/// A selector that does not parse, with the line and column expected in its
/// error (both from 1; the column is where the offending token starts).
#[rustfmt::skip]
const INVALID: &[(&str, u32, u32)] = &[
    ("", 1, 1),
    ("   ", 1, 1),
    ("div[", 1, 4),
    ("[]", 1, 1),
    ("[a=]", 1, 3),
    ("[a~=b x]", 1, 7),
    ("::before", 1, 3),
    ("p::before", 1, 4),
    ("p:after", 1, 3),
    ("a >", 1, 3),
    ("a > > b", 1, 3),
    ("a,", 1, 3),
    ("a,,b", 1, 3),
    ("a, b >", 1, 6),
    ("##x", 1, 1),
    ("#1a", 1, 1),
    (".", 1, 1),
    ("div.", 1, 4),
    (":nth-child(foo)", 1, 12),
    (":nth-child(2n+)", 1, 14),
    (":unknown", 1, 2),
    (":unknown(x)", 1, 2),
    (":not(", 1, 2),
    (":not(a,,b)", 1, 7),
    (":has()", 1, 2),
    ("a:has(b:has(c))", 1, 9),
    ("svg|rect", 1, 4),
    ("x!", 1, 2),
    ("a{}", 1, 2),
    ("a\n  >\t", 2, 3),
    ("a,\nb,\n  c d ~", 3, 7),
    ("é >", 1, 3),
];

#[test]
fn invalid_selectors_give_a_position() {
    let mut failures = Vec::new();
    for &(selector, line, column) in INVALID {
        match Selector::parse(selector) {
            Err(SelectorError {
                selector: given,
                line: found_line,
                column: found_column,
                kind,
                ..
            }) => {
                assert_eq!(given, selector);
                let reason = kind.to_string();
                assert!(!reason.is_empty());
                if (found_line, found_column) != (line, column) {
                    failures.push(format!(
                        "{selector:?}: expected {line}:{column}, found {found_line}:{found_column} ({reason})"
                    ));
                }
            }
            other => failures.push(format!("{selector:?}: {other:?}")),
        }
        assert!(selector.parse::<Selector>().is_err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_selector_reasons() {
    let reason = |s: &str| match Selector::parse(s) {
        Err(SelectorError { kind, .. }) => kind.to_string(),
        other => panic!("{s:?}: {other:?}"),
    };
    assert_eq!(reason("::before"), "pseudo-elements are not supported");
    assert_eq!(reason(":hovering"), "unknown or unsupported pseudo-class");
    assert_eq!(
        reason(":has(:has(a))"),
        ":has() cannot be nested inside :has()"
    );
    assert_eq!(
        reason("svg|rect"),
        "unknown namespace prefix (a selector string cannot declare one)"
    );
    assert_eq!(reason(""), "expected a selector");
    assert_eq!(
        reason(&format!("{}a{}", ":is(".repeat(40), ")".repeat(40))),
        "brackets nested deeper than 32 levels"
    );
    // The bracket that goes too deep is known exactly: the 33rd `:not(`.
    match Selector::parse(&":not(".repeat(40)) {
        Err(SelectorError { line, column, .. }) => assert_eq!((line, column), (1, 162)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        reason(&vec!["a"; 300].join(" ")),
        "more than 256 compound selectors along one chain of combinators"
    );
}

#[test]
fn invalid_selector_kinds_can_be_matched() {
    use SelectorErrorKind as K;
    let kind = |s: &str| Selector::parse(s).map(|_| ()).unwrap_err().kind;
    assert_eq!(kind("::before"), K::PseudoElement);
    assert_eq!(kind("p:after"), K::PseudoElement);
    assert_eq!(kind(":hovering"), K::UnknownPseudoClass);
    assert_eq!(kind(":has(:has(a))"), K::NestedHas);
    assert_eq!(kind("svg|rect"), K::UnknownNamespacePrefix);
    assert_eq!(kind(""), K::ExpectedSelector);
    assert_eq!(kind("a >"), K::DanglingCombinator);
    assert_eq!(kind("a["), K::UnexpectedEnd);
    assert_eq!(kind("a[b!=c]"), K::ExpectedAttributeOperator);
    assert_eq!(kind("a[1]"), K::ExpectedAttributeName);
    assert_eq!(kind("a:1"), K::ExpectedPseudoClassName);
    assert_eq!(kind("a{}"), K::UnexpectedToken);
    assert_eq!(
        kind(&":not(".repeat(40)),
        K::TooDeep {
            max: Selector::MAX_NESTING
        }
    );
    assert_eq!(
        kind(&vec!["a"; 300].join(" ")),
        K::TooLong {
            max: Selector::MAX_CHAIN
        }
    );
}

/// Runs `f` on a thread with a small stack: enough for the test harness, far
/// too small for anything that recursed once per level of a deep document.
fn on_small_stack(kib: usize, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(kib * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_documents_match_on_a_256_kib_stack() {
    on_small_stack(256, || {
        const DEPTH: usize = 20_000;
        let html = format!(
            "{}<span></span>{}",
            "<div>".repeat(DEPTH),
            "</div>".repeat(DEPTH)
        );
        let doc = parse_html(&html, &ParseOptions::new().limits(Limits::none())).unwrap();
        let count = |s: &str| doc.select(&Selector::parse(s).unwrap()).count();
        // Every div below the first has a div above it.
        assert_eq!(count("div div"), DEPTH - 1);
        // Every div, body and html have the span below them.
        assert_eq!(count(":has(span)"), DEPTH + 2);
        assert_eq!(count("div:has(span)"), DEPTH);
        assert_eq!(count("div:has(> span)"), 1);
        assert_eq!(count("div:has(div)"), DEPTH - 1);
        // html, head, every div (each the first child of its parent), the span.
        assert_eq!(count(":nth-child(1)"), DEPTH + 3);
        // Every div but the first; the span is the last child of the deepest.
        assert_eq!(count("div > div:last-child"), DEPTH - 1);
        assert_eq!(count("div > :last-child"), DEPTH);
        assert_eq!(count(":not(div) > div"), 1);
        // From a node deep inside, too.
        let deepest = doc
            .select_first(&Selector::parse("div:has(> span)").unwrap())
            .unwrap();
        assert_eq!(
            deepest
                .select(&Selector::parse("body span").unwrap())
                .count(),
            1
        );
        drop(doc);
    });
}

#[test]
fn selectors_at_their_limits_parse_and_match_on_a_small_stack() {
    on_small_stack(1024, || {
        let nested = format!(
            "{}a{}",
            ":not(".repeat(Selector::MAX_NESTING),
            ")".repeat(Selector::MAX_NESTING)
        );
        let doc = parse("<a id=x></a><b id=y></b>");
        // An even number of :not()s.
        assert_eq!(
            labels(doc.select(&Selector::parse(&nested).unwrap())),
            ["x"]
        );
        let chain = vec!["div"; Selector::MAX_CHAIN].join(" > ");
        let depth = Selector::MAX_CHAIN + 10;
        let html = format!("{}{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let deep = parse(&html);
        assert_eq!(
            deep.select(&Selector::parse(&chain).unwrap()).count(),
            depth - Selector::MAX_CHAIN + 1
        );
        // Chains inside nested lists.
        let mut nested_chains = String::from("div");
        for _ in 0..20 {
            nested_chains = format!(":is({nested_chains} > div > div > div > div)");
        }
        let selector = Selector::parse(&nested_chains).unwrap();
        assert_eq!(deep.select(&selector).count(), depth - 80);
        // Far past the limits: refused, quickly, without overflowing.
        for huge in [
            ":not(".repeat(100_000),
            "[".repeat(100_000),
            vec!["a"; 100_000].join(" "),
            format!("{}a{}", ":is(".repeat(10_000), ")".repeat(10_000)),
        ] {
            assert!(matches!(Selector::parse(&huge), Err(SelectorError { .. })));
        }
    });
}

#[test]
fn no_input_makes_parse_panic() {
    // A deterministic stream of short strings over the characters selectors
    // are made of.
    const ALPHABET: &[&str] = &[
        "a",
        "*",
        ".",
        "#",
        "[",
        "]",
        "(",
        ")",
        ":",
        "::",
        ",",
        " ",
        ">",
        "+",
        "~",
        "|",
        "=",
        "^=",
        "$=",
        "*=",
        "~=",
        "|=",
        "\"",
        "'",
        "\\",
        "n",
        "2n+1",
        "-",
        "i",
        "s",
        "not(",
        "is(",
        "where(",
        "has(",
        "nth-child(",
        "of",
        "é",
        "\n",
        "/*",
        "*/",
        "!",
        "{",
        "}",
        "0",
    ];
    let mut rng = XorShift64Star::new(0x2545_f491_4f6c_dd1d);
    let doc = parse(PAGE);
    let mut parsed = 0;
    for _ in 0..20_000 {
        let len = rng.below(12);
        let input: String = (0..len).map(|_| *rng.pick(ALPHABET)).collect();
        match Selector::parse(&input) {
            Ok(selector) => {
                parsed += 1;
                let _ = doc.select(&selector).count();
            }
            Err(SelectorError { line, column, .. }) => {
                assert!(line >= 1 && column >= 1, "{input:?}");
            }
        }
    }
    assert!(parsed > 100, "only {parsed} of the inputs parsed");
}

/// Match counts agree with scraper's for the same selector on every carried
/// page. scraper searches template contents and we do not, so its matches
/// inside templates are left out.
#[test]
fn match_counts_agree_with_scraper_on_the_carried_pages() {
    const SELECTORS: &[&str] = &[
        "*",
        "a[href]",
        "div > p",
        "ul li a",
        "li:nth-child(2n+1)",
        "tr > td:first-child",
        "h1 ~ p, h2 + p",
        "img:not([alt])",
        "div:has(> img)",
        "a[href$=\".html\" i]",
        "meta[name], link[rel~=stylesheet]",
        "div:empty",
        ":is(nav, header, footer) a",
        "p:only-child, span:last-of-type",
    ];
    let mut checked = 0;
    for (name, html) in carried_pages() {
        let ours = parse(&html);
        let theirs = scraper::Html::parse_document(&html);
        for &selector in SELECTORS {
            let our_count = ours.select(&Selector::parse(selector).unwrap()).count();
            let their_selector = scraper::Selector::parse(selector).unwrap();
            let their_count = theirs
                .select(&their_selector)
                .filter(|element| !element.ancestors().any(|a| a.value().is_fragment()))
                .count();
            assert_eq!(our_count, their_count, "{name}: {selector:?}");
            checked += 1;
        }
    }
    assert!(checked >= 10 * SELECTORS.len());
}
