//! What the Python package's tests expect on the carried pages, computed
//! with the Rust API: `python/tests/data/expected.json`.
//!
//! The Python tests compare every call of the binding with these facts, so
//! the binding is held to the crate itself rather than to figures copied by
//! hand. The file is kept in the repository (the Python tests run without a
//! Rust toolchain) and this test fails when it no longer matches the crate:
//! `HTMLDICT_BLESS=1 cargo test --test python_expected` writes it again.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use htmldict::{
    Document, ElementRef, Limit, Limits, LinkOptions, Namespace, ParseError, ParseOptions,
    PerDocumentDictionary, Selector, Url, parse_fragment, parse_html, parse_html_bytes,
};
use htmldict_test_support::data::carried_pages;
use serde_json::{Value, json};

/// The page URL links and page facts are resolved against.
const PAGE_URL: &str = "https://example.com/dir/page.html";

/// Selectors whose matches are counted on every page: element names,
/// attributes, combinators, pseudo-classes and lists.
const SELECTORS: [&str; 20] = [
    "*",
    "a[href]",
    "div",
    "p",
    "script",
    "meta[name]",
    "link[rel]",
    "img[src]",
    "[class]",
    "[id]",
    "ul > li",
    "div p",
    "body > *",
    "h1, h2, h3",
    "a:not([rel])",
    "li:nth-child(2n+1)",
    "head title",
    "table td",
    "svg",
    ":root",
];

/// Elements described one by one on each page, evenly spread over it.
const SAMPLES: usize = 16;

/// How many characters of a long string are kept at each end: of the
/// document's strings, and of a sampled element's.
const EDGE: usize = 200;
const SAMPLE_EDGE: usize = 80;

/// Links of the complete list kept at each end.
const LINK_EDGE: usize = 25;

/// Markup errors kept per page.
const ERRORS_KEPT: usize = 30;

fn expected_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/tests/data/expected.json")
}

/// The first `n` characters (not bytes: Python counts code points).
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The last `n` characters.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// A long string without its middle: its length in characters and in
/// UTF-8 bytes, and its first and last `edge` characters.
fn summary_of(s: &str, edge: usize) -> Value {
    json!({
        "length": s.chars().count(),
        "utf8_length": s.len(),
        "head": head(s, edge),
        "tail": tail(s, edge),
    })
}

fn summary(s: &str) -> Value {
    summary_of(s, EDGE)
}

/// The text nodes' texts, each trimmed of white space (Unicode's, as
/// Python's `str.strip` trims), empty ones left out, joined.
fn stripped(texts: impl Iterator<Item = String>, separator: &str) -> String {
    texts
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// Every element in tree order, the `html` element first, as the Python
/// `[doc.root, *doc.root.iter()]` lists them.
fn elements(doc: &Document) -> Vec<ElementRef<'_>> {
    doc.root()
        .descendants()
        .filter_map(|n| n.as_element())
        .collect()
}

/// Position of each element in [`elements`], to name elements in the file.
struct Positions<'a>(Vec<ElementRef<'a>>);

impl<'a> Positions<'a> {
    fn of(&self, element: Option<ElementRef<'a>>) -> Value {
        match element {
            Some(e) => json!(self.0.iter().position(|x| *x == e).expect("an element")),
            None => Value::Null,
        }
    }
}

fn sample(doc_elements: &Positions<'_>, index: usize) -> Value {
    let element = doc_elements.0[index];
    let node = element.node();
    // Foreign attributes under their qualified names (`xlink:href`); what
    // `attr` finds, by local name, only for attributes in no namespace.
    let attrs: Vec<(String, &str)> = node
        .attrs()
        .map(|a| match a.prefix {
            Some(prefix) => (format!("{prefix}:{}", a.name), a.value),
            None => (a.name.to_owned(), a.value),
        })
        .collect();
    let by_name: Vec<(&str, Option<&str>)> = node
        .attrs()
        .filter(|a| a.namespace == Namespace::None)
        .map(|a| (a.name, node.attr(a.name)))
        .collect();
    // Each class as written and upper-cased (which matches in quirks mode
    // only), and one the element does not have.
    let class_checks: Vec<(String, bool)> = element
        .classes()
        .flat_map(|c| [c.to_owned(), c.to_ascii_uppercase()])
        .chain(["no-such-class".to_owned()])
        .map(|c| {
            let has = element.has_class(&c);
            (c, has)
        })
        .collect();
    let own_text: String = node.children().filter_map(|c| c.as_text()).collect();
    let deep_text = node.text();
    let children: Vec<Value> = node
        .element_children()
        .map(|c| doc_elements.of(c.as_element()))
        .collect();
    let any = Selector::parse("*").unwrap();
    let div = Selector::parse("div").unwrap();
    let a = Selector::parse("a[href]").unwrap();
    let summary = |s: &str| summary_of(s, SAMPLE_EDGE);
    json!({
        "index": index,
        "tag": element.name(),
        "attrs": attrs,
        "attr_by_name": by_name,
        "attr_count": node.attrs().len(),
        "id": element.id(),
        "classes": element.classes().collect::<Vec<_>>(),
        "has_class": class_checks,
        "text": summary(&deep_text),
        "own_text": summary(&own_text),
        "text_stripped": summary(&stripped(node.texts().map(str::to_owned), "|")),
        "readable_text": summary(&node.readable_text()),
        "html": summary(&node.outer_html()),
        "inner_html": summary(&node.inner_html()),
        "parent": doc_elements.of(element.parent_element()),
        "children": children,
        "next": doc_elements.of(element.next_sibling_element()),
        "prev": doc_elements.of(element.prev_sibling_element()),
        "descendants": node.select(&any).count(),
        "links_below": node.select(&a).count(),
        "first_div_below": doc_elements.of(node.select_first(&div)),
        "closest_div": doc_elements.of(element.closest(&div)),
        "is_div": div.matches(node),
    })
}

fn page_facts(doc: &Document, page: &Url) -> Value {
    let facts = doc.page_facts(page);
    json!({
        "canonical": facts.canonical.as_ref().map(Url::as_str),
        "robots": facts.robots,
        "noindex": facts.noindex(),
        "nofollow": facts.nofollow(),
        "refresh": facts.refresh.as_ref().map(|r| json!({
            "delay": r.delay,
            "url": r.url.as_ref().map(Url::as_str),
        })),
        "hreflang": facts
            .alternates
            .iter()
            .map(|(lang, url)| (lang.as_str(), url.as_str()))
            .collect::<Vec<_>>(),
        "language": facts.language,
        "description": facts.description,
    })
}

fn links(doc: &Document, page: &Url) -> (Value, Value) {
    let link_json = |l: &htmldict::Link<'_>| {
        let rel: Vec<String> = l.rel().map(str::to_owned).collect();
        json!([
            l.url.as_str(),
            rel,
            l.source.element(),
            l.source.attribute(),
            l.raw,
            l.text(),
        ])
    };
    let crawl: Vec<Value> = doc
        .links_with(page, &LinkOptions::crawl())
        .iter()
        .map(link_json)
        .collect();
    let every = LinkOptions::new().images(true).iframes(true);
    let all: Vec<Value> = doc.links_with(page, &every).iter().map(link_json).collect();
    let mut by_tag: BTreeMap<String, usize> = BTreeMap::new();
    for link in &all {
        *by_tag
            .entry(link[2].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let all = json!({
        "count": all.len(),
        "by_tag": by_tag,
        "first": all.iter().take(LINK_EDGE).collect::<Vec<_>>(),
        "last": all.iter().skip(all.len().saturating_sub(LINK_EDGE)).collect::<Vec<_>>(),
    });
    (json!(crawl), all)
}

fn page(name: &str, html: &str, page_url: &Url) -> Value {
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    let all = Positions(elements(&doc));

    let mut tag_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &all.0 {
        *tag_counts.entry(e.name()).or_default() += 1;
    }
    let ids: Vec<&str> = all.0.iter().filter_map(|e| e.id()).collect();
    let mut by_id: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in &ids {
        if seen.insert(*id) {
            let found = doc.get_element_by_id(id).and_then(|n| n.as_element());
            by_id.push(json!([id, all.of(found)]));
        }
    }
    let mut selector_counts = BTreeMap::new();
    let mut selector_first = BTreeMap::new();
    for source in SELECTORS {
        let selector = Selector::parse(source).unwrap();
        selector_counts.insert(source, doc.select(&selector).count());
        selector_first.insert(source, all.of(doc.select_first(&selector)));
    }
    let samples: Vec<Value> = (0..SAMPLES)
        .map(|i| i * all.0.len() / SAMPLES)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|index| sample(&all, index))
        .collect();
    let (crawl_links, all_links) = links(&doc, page_url);

    let bytes_doc = parse_html_bytes(html.as_bytes(), &ParseOptions::new()).unwrap();
    let encoding = bytes_doc.encoding().expect("a document parsed from bytes");

    let per_document = ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new()));
    let memory = parse_html(html, &per_document).unwrap().memory_usage();

    let noisy = parse_html(html, &ParseOptions::new().keep_errors(true)).unwrap();
    let errors: Vec<Value> = noisy
        .errors()
        .iter()
        .take(ERRORS_KEPT)
        .map(|e| {
            let kind = match e.kind {
                htmldict::MarkupErrorKind::Tokenizer(_) => "tokenizer",
                _ => "tree-construction",
            };
            json!([kind, e.kind.as_str(), e.line, e.column])
        })
        .collect();

    let body = doc
        .select_first(&Selector::parse("body").unwrap())
        .map(|b| b.node().inner_html())
        .unwrap_or_default();
    let fragment = parse_fragment("div", &body, &ParseOptions::new()).unwrap();

    // Half the page, cut short with `truncate_on_limit`.
    let max_nodes = (doc.node_count() / 2) as u64;
    let cut = ParseOptions::new()
        .limits(Limits {
            max_nodes,
            ..Limits::default()
        })
        .truncate_on_limit(true);
    let truncated = parse_html(html, &cut).unwrap();
    let Some(&ParseError::LimitExceeded { limit, max, value }) = truncated.truncated() else {
        panic!("{name}: not truncated at {max_nodes} nodes");
    };
    assert_eq!(limit, Limit::Nodes);
    let fragment_elements = fragment
        .root()
        .descendants()
        .filter(|n| n.is_element())
        .count();

    let texts = || doc.root().texts().map(str::to_owned);
    json!({
        "name": name,
        "title": doc.title(),
        "readable_text": doc.readable_text(),
        "text": summary(&doc.text()),
        "text_stripped": summary(&stripped(texts(), "\n")),
        "html": summary(&doc.to_html()),
        "html5lib_tree": summary(&doc.html5lib_tree()),
        "element_count": all.0.len(),
        "tag_counts": tag_counts,
        "ids": ids,
        "by_id": by_id,
        "selector_counts": selector_counts,
        "selector_first": selector_first,
        "samples": samples,
        "crawl_links": crawl_links,
        "all_links": all_links,
        "page_facts": page_facts(&doc, page_url),
        "base_url": doc.base_url(page_url).as_str(),
        "bytes": {
            "encoding": encoding.name(),
            "source": encoding.source().as_str(),
            "html": summary(&bytes_doc.to_html()),
            "title": bytes_doc.title(),
        },
        "memory_usage_per_document": {
            "nodes": memory.nodes,
            "text": memory.text,
            "attributes": memory.attributes,
            "names": memory.names,
            "id_index": memory.id_index,
            "errors": memory.errors,
            "total": memory.total(),
        },
        "errors": {
            "count": noisy.errors().len(),
            "dropped": noisy.errors_dropped(),
            "first": errors,
        },
        "truncated": {
            "html": summary(&truncated.to_html()),
            "maximum": max,
            "value": value,
        },
        "fragment_div_of_body": {
            "html": summary(&fragment.to_html()),
            // The fragment's own root element stands for the context and is
            // not one of the parsed elements.
            "elements": fragment_elements - 1,
        },
    })
}

fn expected() -> String {
    let page_url = Url::parse(PAGE_URL).unwrap();
    let pages: Vec<Value> = carried_pages()
        .iter()
        .map(|(name, html)| page(name, html, &page_url))
        .collect();
    // One line per page keeps the file small and its diffs readable.
    let mut out = String::from("{\n");
    out.push_str(&format!("  \"page_url\": {},\n", json!(PAGE_URL)));
    out.push_str(&format!("  \"selectors\": {},\n", json!(SELECTORS)));
    out.push_str(&format!("  \"edge\": {EDGE},\n"));
    out.push_str(&format!("  \"sample_edge\": {SAMPLE_EDGE},\n"));
    out.push_str("  \"pages\": [\n");
    for (i, page) in pages.iter().enumerate() {
        let comma = if i + 1 < pages.len() { "," } else { "" };
        out.push_str(&format!("    {page}{comma}\n"));
    }
    out.push_str("  ]\n}\n");
    out
}

#[test]
fn python_expectations_match_the_crate() {
    let computed = expected();
    let path = expected_path();
    if std::env::var_os("HTMLDICT_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &computed).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; rerun with HTMLDICT_BLESS=1 to write it",
            path.display()
        )
    });
    let parsed: Value = serde_json::from_str(&committed).expect("expected.json is JSON");
    assert!(parsed["pages"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(
        committed == computed,
        "{} is stale: the crate's results on the carried pages changed; \
         rerun with HTMLDICT_BLESS=1 cargo test --test python_expected",
        path.display()
    );
}
