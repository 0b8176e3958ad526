//! docs/ARCHITECTURE.md invariants 2 (values never reach a dictionary), 4 (static names
//! never reach it), the once-per-distinct-name rule, 6 (eviction never breaks
//! a live document) and 8 (thread-safe sharing).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use htmldict::{
    Admission, DictStats, Document, GlobalDictionary, LruDictionary, NameDictionary, ParseOptions,
    PerDocumentDictionary, parse_html,
};
use htmldict_test_support::checks::all_nodes;
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::strategies;
use markup5ever::{LocalName, local_name};

/// A dictionary that stores nothing and remembers every name it is asked for.
#[derive(Debug, Default)]
struct Recording {
    asked: Mutex<Vec<String>>,
}

impl NameDictionary for Recording {
    fn intern(&self, name: &str) -> Arc<str> {
        self.asked.lock().unwrap().push(name.to_owned());
        Arc::from(name)
    }

    fn stats(&self) -> DictStats {
        let n = self.asked.lock().unwrap().len() as u64;
        DictStats {
            lookups: n,
            misses: n,
            not_stored: n,
            ..DictStats::default()
        }
    }
}

impl Recording {
    fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

/// Parses `html` with a fresh recording dictionary: the document and every
/// name the parse asked for, in order.
fn parse_recorded(html: &str) -> (Document, Vec<String>) {
    let recording = Arc::new(Recording::default());
    let doc = parse_html(html, &ParseOptions::new().dictionary(recording.clone())).unwrap();
    let asked = recording.asked();
    (doc, asked)
}

/// Element and attribute local names used anywhere in the document.
fn names_in(doc: &Document) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for node in all_nodes(doc) {
        if let Some(name) = node.local_name() {
            names.insert(name.to_owned());
        }
        for attr in node.attrs() {
            names.insert(attr.name.to_owned());
        }
    }
    names
}

/// Names html5ever knows (each `local_name!` fails to compile for an
/// unknown name): every name [`STATIC_PAGE`] uses, and more. string_cache
/// keeps the short ones (up to 7 bytes) inline rather than in the static
/// set, so `LocalName::try_static` cannot vouch for them; this list can.
fn known_names() -> BTreeSet<LocalName> {
    [
        local_name!("a"),
        local_name!("action"),
        local_name!("alt"),
        local_name!("body"),
        local_name!("border"),
        local_name!("button"),
        local_name!("charset"),
        local_name!("circle"),
        local_name!("class"),
        local_name!("clipPath"),
        local_name!("cols"),
        local_name!("colspan"),
        local_name!("cx"),
        local_name!("cy"),
        local_name!("d"),
        local_name!("defs"),
        local_name!("div"),
        local_name!("fill"),
        local_name!("foreignObject"),
        local_name!("form"),
        local_name!("g"),
        local_name!("head"),
        local_name!("height"),
        local_name!("href"),
        local_name!("html"),
        local_name!("id"),
        local_name!("img"),
        local_name!("input"),
        local_name!("lang"),
        local_name!("li"),
        local_name!("linearGradient"),
        local_name!("link"),
        local_name!("math"),
        local_name!("meta"),
        local_name!("method"),
        local_name!("mi"),
        local_name!("mn"),
        local_name!("mo"),
        local_name!("mrow"),
        local_name!("name"),
        local_name!("noscript"),
        local_name!("offset"),
        local_name!("option"),
        local_name!("p"),
        local_name!("path"),
        local_name!("r"),
        local_name!("rel"),
        local_name!("rows"),
        local_name!("rowspan"),
        local_name!("scope"),
        local_name!("script"),
        local_name!("select"),
        local_name!("selected"),
        local_name!("span"),
        local_name!("src"),
        local_name!("stop"),
        local_name!("stroke"),
        local_name!("style"),
        local_name!("svg"),
        local_name!("table"),
        local_name!("target"),
        local_name!("tbody"),
        local_name!("td"),
        local_name!("template"),
        local_name!("text"),
        local_name!("textarea"),
        local_name!("th"),
        local_name!("thead"),
        local_name!("title"),
        local_name!("tr"),
        local_name!("type"),
        local_name!("ul"),
        local_name!("use"),
        local_name!("value"),
        local_name!("viewBox"),
        local_name!("width"),
        local_name!("x"),
        local_name!("y"),
    ]
    .into_iter()
    .collect()
}

fn is_known(name: &str) -> bool {
    LocalName::try_static(name).is_some() || known_names().contains(&LocalName::from(name))
}

/// Names a dictionary must be asked for: not in html5ever's static set, and
/// too long to be one of its inline atoms.
fn surely_novel_names_in(doc: &Document) -> BTreeSet<String> {
    names_in(doc)
        .into_iter()
        .filter(|name| name.len() > 7 && LocalName::try_static(name).is_none())
        .collect()
}

/// Attribute values, text and comments anywhere in the document.
fn values_in(doc: &Document) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for node in all_nodes(doc) {
        for attr in node.attrs() {
            values.insert(attr.value.to_owned());
        }
        if let Some(text) = node.as_text().or(node.as_comment()) {
            values.insert(text.to_owned());
        }
    }
    values
}

/// `id` values anywhere in the document.
fn ids_in(doc: &Document) -> BTreeSet<String> {
    all_nodes(doc)
        .iter()
        .filter_map(|node| node.attr("id"))
        .map(str::to_owned)
        .collect()
}

const MARKER: &str = "zqv";

/// A page whose every value, id, text and comment carries [`MARKER`] or
/// looks like a name, and whose novel names are exactly [`VALUE_PAGE_NAMES`].
fn value_page() -> String {
    let mut html = String::from("<!DOCTYPE html><html><head><title>zqv-title</title>");
    html.push_str("<script>var zqv = '<fake-script-element fake-script-attr=1>';</script>");
    html.push_str("</head><body><!-- zqv-comment-top -->");
    for i in 0..300 {
        write!(
            html,
            "<app-row-{k} id=\"zqv-id-{i}\" data-v-1a2b3c4d=\"zqv-attr-{i}\" class=\"zqv-class-{i}\" \
             title=\"value-looking-name-{i}\">zqv-text-{i}&zqvunknown{i};<!--zqv-comment-{i}-->\
             <input value=\"data-v-ffff{i:04}\" name=\"x-tooltip-{i}\">\
             <svg viewBox=\"0 0 1 1\"><my-shape my-shape-attr=\"zqv-svg-{i}\" id=\"zqv-svgid-{i}\">\
             zqv-svgtext-{i}</my-shape></svg>\
             <template><tmpl-item tmpl-attr=\"zqv-tmpl-{i}\">zqv-tmpl-text-{i}</tmpl-item></template>\
             <textarea><textarea-fake-{i} zqv></textarea>\
             <noscript><noscript-fake-{i}></noscript></app-row-{k}>",
            k = i % 4,
        )
        .unwrap();
    }
    html.push_str("</body></html>");
    html
}

const VALUE_PAGE_NAMES: [&str; 9] = [
    "app-row-0",
    "app-row-1",
    "app-row-2",
    "app-row-3",
    "data-v-1a2b3c4d",
    "my-shape",
    "my-shape-attr",
    "tmpl-attr",
    "tmpl-item",
];

#[test]
fn values_never_reach_the_dictionary_on_a_generated_page() {
    let html = value_page();
    let (doc, asked) = parse_recorded(&html);
    let asked_set: BTreeSet<String> = asked.iter().cloned().collect();

    // Exactly the novel names, each once.
    let expected: BTreeSet<String> = VALUE_PAGE_NAMES.iter().map(|s| s.to_string()).collect();
    assert_eq!(asked_set, expected);
    assert_eq!(asked.len(), VALUE_PAGE_NAMES.len(), "{asked:?}");

    // The page really carries the values the dictionary must not see.
    let values = values_in(&doc);
    let ids = ids_in(&doc);
    assert!(ids.len() >= 600, "{} ids", ids.len());
    assert!(values.iter().filter(|v| v.contains(MARKER)).count() >= 300 * 8);
    assert!(values.contains("value-looking-name-7"));
    assert!(values.contains("data-v-ffff0007"));
    assert!(values.contains("x-tooltip-7"));
    assert!(
        values.contains("zqv-tmpl-7"),
        "template contents were walked"
    );
    assert!(values.iter().any(|v| v.contains("<fake-script-element")));

    for name in &asked {
        assert!(
            !name.to_ascii_lowercase().contains(MARKER),
            "a value reached the dictionary: {name:?}"
        );
        assert!(!values.contains(name), "{name:?} is a value of the page");
        assert!(!ids.contains(name), "{name:?} is an id of the page");
        assert!(
            names_in(&doc).contains(name),
            "{name:?} is not a name in the document"
        );
    }
    for fake in ["fake-script-element", "fake-script-attr"] {
        assert!(
            !asked_set.contains(fake),
            "script text reached the dictionary"
        );
    }
    assert!(
        !asked.iter().any(|n| n.starts_with("textarea-fake")),
        "textarea text reached the dictionary"
    );
    assert!(
        !asked.iter().any(|n| n.starts_with("noscript-fake")),
        "noscript text (scripting on) reached the dictionary"
    );
}

#[test]
fn on_carried_pages_only_dynamic_names_reach_the_dictionary() {
    let mut total_asked = 0;
    let mut pages_with_novel_names = 0;
    for (page, html) in carried_pages() {
        let (doc, asked) = parse_recorded(&html);
        let asked_set: BTreeSet<String> = asked.iter().cloned().collect();
        total_asked += asked.len();
        let names = names_in(&doc);
        let ids = ids_in(&doc);
        for name in &asked_set {
            assert!(
                LocalName::try_static(name).is_none(),
                "{page}: static name {name:?} reached the dictionary"
            );
            assert!(
                !is_known(name),
                "{page}: html5ever's name {name:?} reached the dictionary"
            );
            assert!(
                names.contains(name),
                "{page}: {name:?} reached the dictionary but is no element or attribute name"
            );
            assert!(
                !ids.contains(name),
                "{page}: the id value {name:?} reached the dictionary"
            );
        }
        // And every novel name the document holds came through the dictionary.
        let novel = surely_novel_names_in(&doc);
        assert!(
            novel.is_subset(&asked_set),
            "{page}: novel names that were not asked for: {:?}",
            novel.difference(&asked_set).collect::<Vec<_>>()
        );
        pages_with_novel_names += usize::from(!novel.is_empty());
        // Values that are not also names never reach it.
        let values = values_in(&doc);
        for value in values.intersection(&asked_set) {
            assert!(
                names.contains(value),
                "{page}: value {value:?} was interned"
            );
        }
    }
    assert!(
        total_asked > 100,
        "the carried pages should use many novel names, got {total_asked}"
    );
    assert!(pages_with_novel_names >= 10, "{pages_with_novel_names}");
}

/// A page that uses only names in html5ever's static sets, with values that
/// look like novel names.
const STATIC_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Known names</title>
<link rel="stylesheet" href="/app-cart-drawer.css"><style>app-widget { color: red }</style>
<script>document.createElement("my-element")</script></head>
<body class="data-v-1a2b3c4d" id="app-root">
<div class="app-cart-drawer" id="cart" title="x-custom-title"><a href="/my-link" target="_blank">link</a>
<span style="color: red" lang="fr">texte</span><!-- <my-comment-element my-attr> -->
<table border="1"><thead><tr><th colspan="2" scope="col">h</th></tr></thead>
<tbody><tr><td rowspan="1">c</td><td>&amp; &my-unknown-ref; d</td></tr></tbody></table>
<form action="/s" method="post"><input type="text" name="data-v-ffffffff" value="my-value">
<select name="s"><option value="1" selected>one</option></select><button type="submit">go</button>
<textarea name="t" rows="2" cols="20"><my-fake-element></textarea></form>
<img src="/a.png" alt="app-image" width="10" height="10"><ul><li>one<li>two</ul>
<svg width="10" height="10" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0"/>
</linearGradient><clipPath id="c"><path d="M0 0"/></clipPath></defs>
<g fill="red"><path d="M0 0L10 10" stroke="blue"/><circle cx="5" cy="5" r="2"/>
<use xlink:href="#g"/><text x="1" y="1">svg text</text></g>
<foreignObject width="1" height="1"><p>html in svg</p></foreignObject></svg>
<math><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow></math>
<template><p class="tmpl">in template</p></template><noscript><my-noscript></noscript>
</div></body></html>"##;

#[test]
fn static_names_never_reach_the_dictionary() {
    let (doc, asked) = parse_recorded(STATIC_PAGE);
    assert!(asked.is_empty(), "lookups for static names: {asked:?}");

    // The page is what it claims: many names, all of them static.
    let names = names_in(&doc);
    assert!(names.len() >= 60, "{} names: {names:?}", names.len());
    for expected in [
        "div", "href", "class", "id", "svg", "path", "viewBox", "clipPath", "mi",
    ] {
        assert!(
            names.contains(expected),
            "{expected} missing from {names:?}"
        );
    }
    for name in &names {
        assert!(
            is_known(name),
            "{name:?} is not one of html5ever's names; the page must only use those"
        );
    }

    // The same holds for every built-in strategy's counters.
    for (strategy, dictionary) in strategies() {
        parse_html(
            STATIC_PAGE,
            &ParseOptions::new().dictionary(dictionary.clone()),
        )
        .unwrap();
        let stats = dictionary.stats();
        assert_eq!(stats.lookups, 0, "{strategy}: {stats:?}");
        assert_eq!(stats.entries, 0, "{strategy}: {stats:?}");
    }
}

#[test]
fn each_distinct_name_is_asked_once_per_document() {
    let mut html = String::from("<!DOCTYPE html><body>");
    for i in 0..1000 {
        write!(
            html,
            "<app-item data-v-1a2b3c4d data-track=\"{i}\" id=\"i{i}\"><span>{i}</span>\
             <svg><custom-shape shape-attr=\"{i}\"/></svg></app-item>"
        )
        .unwrap();
    }
    let expected: BTreeSet<String> = [
        "app-item",
        "custom-shape",
        "data-track",
        "data-v-1a2b3c4d",
        "shape-attr",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();

    let (doc, asked) = parse_recorded(&html);
    assert!(all_nodes(&doc).len() > 5000);
    assert_eq!(
        asked.iter().cloned().collect::<BTreeSet<_>>(),
        expected,
        "{asked:?}"
    );
    assert_eq!(asked.len(), expected.len(), "{asked:?}");

    // The built-in dictionaries count the same lookups, document after document.
    for (strategy, dictionary) in strategies() {
        let options = ParseOptions::new().dictionary(dictionary.clone());
        let mut docs = Vec::new();
        for round in 1..=3u64 {
            docs.push(parse_html(&html, &options).unwrap());
            let stats = dictionary.stats();
            assert_eq!(
                stats.lookups,
                round * expected.len() as u64,
                "{strategy}, document {round}: {stats:?}"
            );
        }
    }
}

#[test]
fn a_name_in_two_roles_is_asked_once() {
    // One novel name used as an element and an attribute, or as an HTML and
    // an SVG element, is still one distinct name: one lookup.
    for html in [
        "<app-widget app-widget></app-widget>",
        "<svg><app-widget/></svg><app-widget></app-widget>",
        "<app-widget></app-widget><svg><app-widget app-widget=1 /></svg>",
    ] {
        let (doc, asked) = parse_recorded(html);
        assert!(names_in(&doc).contains("app-widget"), "{html}");
        let times = asked.iter().filter(|n| *n == "app-widget").count();
        assert_eq!(times, 1, "{html}: asked {asked:?}");
    }
}

#[test]
fn carried_pages_ask_once_per_distinct_name() {
    let mut checked = 0;
    for (page, html) in carried_pages() {
        let (_doc, asked) = parse_recorded(&html);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &asked {
            *counts.entry(name).or_default() += 1;
        }
        let repeated: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
        assert!(
            repeated.is_empty(),
            "{page}: {} lookups for {} distinct names; asked more than once: {repeated:?}",
            asked.len(),
            counts.len()
        );
        checked += usize::from(!asked.is_empty());
    }
    assert!(
        checked >= 10,
        "only {checked} carried pages use novel names"
    );
}

/// Everything about a document that must not change while it lives: each
/// element's local name and attribute names in tree order (template
/// contents included), and its serialisation.
fn snapshot(doc: &Document) -> (Vec<(String, Vec<String>)>, String) {
    let elements = all_nodes(doc)
        .into_iter()
        .filter_map(|node| {
            let name = node.local_name()?.to_owned();
            let attrs = node.attrs().map(|a| a.name.to_owned()).collect();
            Some((name, attrs))
        })
        .collect();
    (elements, doc.to_html())
}

/// Document `i` of the eviction test: five novel element names and five
/// novel attribute names of its own, plus some shared with every document.
fn eviction_page(i: usize) -> String {
    let mut html = format!("<!DOCTYPE html><title>doc {i}</title><shared-header shared-attr>");
    for k in 0..5 {
        write!(
            html,
            "<doc{i}-el{k} data-doc{i}-a{k}=\"{k}\"><span doc{i}-attr{k}>t{k}</span>\
             <template><doc{i}-tmpl{k} tmpl{i}-attr{k}>in</doc{i}-tmpl{k}></template>\
             <svg><doc{i}-svg{k} doc{i}-svgattr{k}=\"1\"/></svg></doc{i}-el{k}>"
        )
        .unwrap();
    }
    html
}

/// Parses the 20 eviction pages through `lru`, each `sightings` times in a
/// row, keeping the last document of each; drops every other document and
/// pushes more names through the dictionary; checks that the ten left are
/// unchanged. Returns the dictionary's stats.
fn evict_under_live_documents(lru: &Arc<LruDictionary>, sightings: usize) -> DictStats {
    let options = ParseOptions::new().dictionary(lru.clone());
    let mut live = Vec::new();
    for i in 0..20 {
        let mut parses: Vec<Document> = (0..sightings)
            .map(|_| parse_html(&eviction_page(i), &options).unwrap())
            .collect();
        let doc = parses.pop().unwrap();
        let snap = snapshot(&doc);
        // The names are the document's own.
        let names = names_in(&doc);
        for k in 0..5 {
            for name in [
                format!("doc{i}-el{k}"),
                format!("data-doc{i}-a{k}"),
                format!("doc{i}-attr{k}"),
                format!("doc{i}-tmpl{k}"),
                format!("tmpl{i}-attr{k}"),
                format!("doc{i}-svg{k}"),
                format!("doc{i}-svgattr{k}"),
            ] {
                assert!(names.contains(&name), "doc {i} lacks {name}");
            }
        }
        live.push((i, doc, snap));
        let stats = lru.stats();
        assert!(stats.entries <= 1, "{stats:?}");
    }
    // Drop every other document: releasing names must not touch the others.
    live.retain(|(i, _, _)| i % 2 == 0);
    // More churn through the dictionary from outside any document.
    for n in 0..100 {
        for _ in 0..sightings {
            lru.intern(&format!("churn-{n}"));
        }
    }
    let stats = lru.stats();
    assert!(stats.entries <= 1, "{stats:?}");
    assert_eq!(live.len(), 10);
    for (i, doc, snap) in &live {
        assert_eq!(&snapshot(doc), snap, "document {i} changed after evictions");
        assert!(
            doc.to_html()
                .contains(&format!("<doc{i}-el4 data-doc{i}-a4=\"4\">"))
        );
        assert!(doc.to_html().contains(&format!(
            "<doc{i}-tmpl0 tmpl{i}-attr0=\"\">in</doc{i}-tmpl0>"
        )));
    }
    stats
}

#[test]
fn eviction_never_breaks_a_live_document() {
    // A plain LRU of one name stores every miss.
    let plain = Arc::new(LruDictionary::with_admission(1, Admission::Always));
    let stats = evict_under_live_documents(&plain, 1);
    // 20 documents x 37 novel names each, one slot: every miss but the first evicts.
    assert!(stats.evictions >= 20 * 35, "{stats:?}");
    assert_eq!(stats.not_stored, 0, "{stats:?}");

    // The default LRU, full after its first name, stores a name on its
    // second sighting in place of its one entry, unless that entry was used
    // since it was stored (it is then spared once): each page is parsed
    // twice, and the second parse stores (and evicts) the names the
    // doorkeeper still remembers; a dictionary of one name remembers 16
    // first sightings, so a few of each page's 37. The document kept is
    // the second, whose names were stored and then evicted.
    let lru = Arc::new(LruDictionary::new(1));
    let stats = evict_under_live_documents(&lru, 2);
    assert!(stats.evictions >= 100, "{stats:?}");
    assert!(stats.not_stored >= 20 * 37, "{stats:?}");
}

/// Asserts at compile time that `T` can be shared between threads.
fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn documents_and_dictionaries_are_send_and_sync() {
    assert_send_sync::<Document>();
    assert_send_sync::<LruDictionary>();
    assert_send_sync::<GlobalDictionary>();
    assert_send_sync::<PerDocumentDictionary>();
    assert_send_sync::<Arc<dyn NameDictionary>>();
    assert_send_sync::<ParseOptions>();

    let html = "<my-app-root data-v-1a2b3c4d><p>hello <b>world</b></p></my-app-root>";
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    let expected = doc.to_html();
    let find = |doc: &Document, name: &str| -> String {
        let node = doc
            .root()
            .descendants()
            .find(|n| n.local_name() == Some(name));
        node.map(|n| n.outer_html()).unwrap_or_default()
    };
    // Read from several threads at once.
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                assert_eq!(find(&doc, "p"), "<p>hello <b>world</b></p>");
                assert_eq!(doc.to_html(), expected);
            });
        }
    });
    // Moved to another thread, read there, and moved back.
    let doc = std::thread::spawn(move || {
        let root = doc
            .root()
            .descendants()
            .find(|n| n.local_name() == Some("my-app-root"))
            .unwrap();
        assert_eq!(root.text(), "hello world");
        assert_eq!(root.attr("data-v-1a2b3c4d"), Some(""));
        doc
    })
    .join()
    .unwrap();
    assert_eq!(doc.to_html(), expected);
}

#[test]
fn parallel_parses_match_serial_ones() {
    let pages = carried_pages();
    // Serial reference, each page with its own dictionary.
    let serial: Vec<String> = pages
        .iter()
        .map(|(_, html)| {
            let options = ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new()));
            parse_html(html, &options).unwrap().to_html()
        })
        .collect();
    // What the parses ask a dictionary, to check the shared one's counters.
    let lookups_per_round: u64 = pages
        .iter()
        .map(|(_, html)| parse_recorded(html).1.len() as u64)
        .sum();
    let distinct: BTreeSet<String> = pages
        .iter()
        .flat_map(|(_, html)| parse_recorded(html).1)
        .collect();
    assert!(distinct.len() > 8, "the pages must overflow the LRU");

    const THREADS: usize = 4;
    let shared: Vec<(&str, Arc<dyn NameDictionary>)> = vec![
        ("lru:8", Arc::new(LruDictionary::new(8))),
        ("global", Arc::new(GlobalDictionary::new())),
    ];
    for (label, dictionary) in shared {
        let options = ParseOptions::new().dictionary(dictionary.clone());
        let kept: Vec<Vec<(usize, Document)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..THREADS)
                .map(|t| {
                    let (options, pages, serial) = (&options, &pages, &serial);
                    scope.spawn(move || {
                        // Each thread its own order: rotated, odd threads reversed.
                        let mut order: Vec<usize> = (0..pages.len()).collect();
                        order.rotate_left(t * pages.len() / THREADS);
                        if t % 2 == 1 {
                            order.reverse();
                        }
                        let mut docs = Vec::new();
                        for i in order {
                            let doc = parse_html(&pages[i].1, options).unwrap();
                            assert!(
                                doc.to_html() == serial[i],
                                "{label}, thread {t}: {} differs from the serial parse",
                                pages[i].0
                            );
                            docs.push((i, doc));
                        }
                        docs
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        // Documents moved back from their threads, after every parse has
        // gone through the dictionary, still serialise the same.
        assert_eq!(kept.len(), THREADS);
        for docs in &kept {
            assert_eq!(docs.len(), pages.len());
            for (i, doc) in docs {
                assert!(
                    doc.to_html() == serial[*i],
                    "{label}: {} changed after the parallel run",
                    pages[*i].0
                );
            }
        }
        let stats = dictionary.stats();
        assert_eq!(
            stats.lookups,
            THREADS as u64 * lookups_per_round,
            "{label}: {stats:?}"
        );
        assert_eq!(
            stats.hits + stats.misses,
            stats.lookups,
            "{label}: {stats:?}"
        );
        match label {
            "lru:8" => {
                // Each page goes through four threads, so its names are met
                // again, stored, and evict one another.
                assert!(stats.evictions > 0, "{label}: {stats:?}");
                assert!(stats.entries <= 8, "{label}: {stats:?}");
                assert_eq!(
                    stats.misses,
                    stats.not_stored + stats.entries + stats.evictions,
                    "{label}: {stats:?}"
                );
            }
            _ => {
                assert_eq!(stats.entries, distinct.len() as u64, "{label}: {stats:?}");
                assert_eq!(stats.misses, distinct.len() as u64, "{label}: {stats:?}");
                assert_eq!(stats.evictions, 0, "{label}: {stats:?}");
                assert_eq!(stats.not_stored, 0, "{label}: {stats:?}");
            }
        }
    }
}
