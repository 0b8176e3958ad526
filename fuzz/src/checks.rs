//! What the fuzz targets check. Each function takes the fuzzer's bytes,
//! parses them in the way its target says and panics on anything that is a
//! bug: a panic inside the library, an error other than a limit, a tree
//! whose links disagree, a lookup that disagrees with a scan, or two ways of
//! parsing the same input that give different trees.
//!
//! The fuzz crate (`fuzz/src/lib.rs`) and the regression test of the main
//! crate (`tests/fuzz_regressions.rs`) both compile this file, so a crash
//! input kept as a regression test runs exactly the checks that found it.

#![allow(dead_code)]

use std::sync::{Arc, LazyLock};

use htmldict::{
    Document, Error, GlobalDictionary, Limits, LruDictionary, NameDictionary, NodeKind, NodeRef,
    ParseOptions, PerDocumentDictionary, Url, parse_fragment, parse_html,
};

/// Shared by every parse of a fuzzing run, as a crawler would share it.
static GLOBAL: LazyLock<Arc<GlobalDictionary>> =
    LazyLock::new(|| Arc::new(GlobalDictionary::new()));
/// One entry: every new name evicts the previous one, live documents or not.
static LRU_ONE: LazyLock<Arc<LruDictionary>> = LazyLock::new(|| Arc::new(LruDictionary::new(1)));

/// The page URL links are resolved against.
static PAGE_URL: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://example.com/dir/page.html?q=1#top").unwrap());

/// Fragment contexts, as `parse_fragment` spells them.
pub const CONTEXTS: &[&str] = &[
    "td",
    "tr",
    "tbody",
    "table",
    "caption",
    "colgroup",
    "select",
    "option",
    "template",
    "html",
    "head",
    "body",
    "frameset",
    "div",
    "p",
    "a",
    "ul",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "noscript",
    "iframe",
    "xmp",
    "svg svg",
    "svg path",
    "svg foreignObject",
    "svg desc",
    "math math",
    "math mi",
    "math annotation-xml",
];

/// The dictionary strategies, by number (`n % 4`).
pub fn dictionary(n: u8) -> Arc<dyn NameDictionary> {
    match n % 4 {
        0 => GLOBAL.clone(),
        1 => Arc::new(PerDocumentDictionary::new()),
        2 => LRU_ONE.clone(),
        _ => Arc::new(LruDictionary::new(4096)),
    }
}

/// The limits, by number (`n % 4`): the defaults, none, tiny ones that
/// fuzzed inputs reach all the time, and a small input cap.
pub fn limits(n: u8) -> Limits {
    match n % 4 {
        0 => Limits::default(),
        1 => Limits::none(),
        2 => Limits {
            max_nodes: 50,
            max_depth: 8,
            max_attributes_per_element: 3,
            max_name_bytes: 20,
            ..Limits::default()
        },
        _ => Limits {
            max_input_bytes: 100,
            max_depth: 32,
            ..Limits::default()
        },
    }
}

/// Parse options chosen by the fuzzer, kept apart so that the checks know
/// what was asked for.
#[derive(Clone, Debug)]
pub struct Setup {
    pub dictionary: u8,
    pub collect_ids: bool,
    pub scripting: bool,
    pub keep_errors: bool,
    pub limits: Limits,
}

impl Setup {
    /// From one byte: bits 0-1 the dictionary, bit 2 `collect_ids`, bit 3
    /// `scripting`, bit 4 `keep_errors`, bits 5-6 the limits.
    pub fn from_byte(byte: u8) -> Self {
        Setup {
            dictionary: byte & 3,
            collect_ids: byte & 4 != 0,
            scripting: byte & 8 != 0,
            keep_errors: byte & 16 != 0,
            limits: limits(byte >> 5),
        }
    }

    pub fn options(&self) -> ParseOptions {
        ParseOptions::new()
            .dictionary(dictionary(self.dictionary))
            .collect_ids(self.collect_ids)
            .scripting(self.scripting)
            .keep_errors(self.keep_errors)
            .limits(self.limits)
    }
}

/// The same options with a fresh per-document dictionary.
fn with_per_document(options: &ParseOptions) -> ParseOptions {
    options
        .clone()
        .dictionary(Arc::new(PerDocumentDictionary::new()))
}

/// The byte at `i`, 0 past the end.
fn byte(data: &[u8], i: usize) -> u8 {
    data.get(i).copied().unwrap_or(0)
}

/// A failed parse must be a limit, and only when limits are in force (a
/// fuzzed input is far too small for the bounds that `Limits::none` keeps).
fn check_error(error: &Error, limits: &Limits) {
    match error {
        Error::LimitExceeded { max, value, .. } => {
            assert!(
                *limits != Limits::none(),
                "limit error with no limits: {error}"
            );
            assert!(value > max, "limit error below its maximum: {error}");
        }
        other => panic!("parsing failed with an error that is not a limit: {other:?}"),
    }
}

/// Target `parse_str`: byte 0 picks the options ([`Setup::from_byte`]); if bit 7 of
/// byte 0 is set, byte 1 picks a fragment context ([`CONTEXTS`]). The rest,
/// as lossy UTF-8, is parsed as a document or fragment; the document is
/// checked ([`check_document`]) and must give the same tree as a parse with
/// a per-document dictionary.
pub fn parse_str(data: &[u8]) {
    let options_byte = byte(data, 0);
    let context =
        (options_byte & 0x80 != 0).then(|| CONTEXTS[byte(data, 1) as usize % CONTEXTS.len()]);
    let input = String::from_utf8_lossy(data.get(2..).unwrap_or_default());
    let setup = Setup::from_byte(options_byte);
    let options = setup.options();

    let parse = |options: &ParseOptions| match context {
        Some(context) => parse_fragment(context, &input, options),
        None => parse_html(&input, options),
    };
    let result = parse(&options);
    let reference = parse(&with_per_document(&options));
    match (&result, &reference) {
        (Ok(doc), Ok(reference)) => {
            check_document(doc, &setup);
            assert_eq!(doc.is_fragment(), context.is_some());
            assert_eq!(
                doc.to_html(),
                reference.to_html(),
                "serialisation depends on the dictionary"
            );
            assert_eq!(
                doc.html5lib_tree(),
                reference.html5lib_tree(),
                "tree depends on the dictionary"
            );
        }
        (Err(error), Err(reference)) => {
            check_error(error, &setup.limits);
            assert_eq!(error, reference, "the error depends on the dictionary");
        }
        (result, reference) => panic!(
            "the outcome depends on the dictionary: {:?} vs {:?}",
            result.as_ref().err(),
            reference.as_ref().err()
        ),
    }
}

/// Every node, template contents included, in tree order within each tree.
fn all_nodes(doc: &Document) -> Vec<NodeRef<'_>> {
    let mut out = Vec::new();
    let mut roots = vec![doc.root()];
    while let Some(root) = roots.pop() {
        for node in root.descendants() {
            if let Some(contents) = node.template_contents() {
                roots.push(contents);
            }
            out.push(node);
        }
    }
    out
}

/// Checks one parsed document: its links agree, the limits held, every
/// `id` lookup agrees with a tree-order scan, and the serialisers, text
/// extractors, traversals and link extraction run to the end.
pub fn check_document(doc: &Document, setup: &Setup) {
    let limits = &setup.limits;
    let nodes = all_nodes(doc);
    assert!(nodes.len() <= doc.node_count());
    assert!(doc.node_count() as u64 <= limits.max_nodes);
    assert_eq!(doc.root().kind(), NodeKind::Document);
    assert!(doc.root().parent().is_none());

    for node in &nodes {
        check_links(*node);
        assert!(node.attrs().count() as u64 <= limits.max_attributes_per_element);
        if let Some(contents) = node.template_contents() {
            assert!(
                contents.parent().is_none(),
                "template contents with a parent"
            );
        }
    }

    // The last node in tree order: its ancestors lead to the document.
    if let Some(last) = doc.root().descendants().last() {
        let ancestors: Vec<_> = last.ancestors().collect();
        if last.id() != doc.root().id() {
            assert_eq!(ancestors.last().map(|a| a.id()), Some(doc.root().id()));
        }
        assert!(ancestors.len() <= nodes.len());
    }

    check_ids(doc, &nodes);
    assert_eq!(doc.has_id_index(), setup.collect_ids);
    if !setup.keep_errors {
        assert!(doc.errors().is_empty(), "errors kept when not asked");
    }
    if doc.is_fragment() {
        assert!(doc.fragment_root().is_some());
    } else {
        assert!(doc.fragment_root().is_none());
    }

    let _ = doc.to_html();
    let _ = doc.html5lib_tree();
    let _ = doc.text();
    check_readable_text(&doc.readable_text());
    let usage = doc.memory_usage();
    assert!(usage.total() > 0);

    let links = doc.links(&PAGE_URL);
    for url in links.urls() {
        let _ = url.as_str();
    }
    let _ = links.skipped().len();
    let _ = doc.base_url(&PAGE_URL);
}

/// Parent, child and sibling links of `node` agree with each other.
fn check_links(node: NodeRef<'_>) {
    let mut previous: Option<NodeRef<'_>> = None;
    for child in node.children() {
        assert_eq!(child.parent().map(|p| p.id()), Some(node.id()));
        assert_eq!(
            child.prev_sibling().map(|p| p.id()),
            previous.map(|p| p.id())
        );
        if let Some(previous) = previous {
            assert_eq!(previous.next_sibling().map(|n| n.id()), Some(child.id()));
        } else {
            assert_eq!(node.first_child().map(|c| c.id()), Some(child.id()));
        }
        previous = Some(child);
    }
    assert_eq!(node.last_child().map(|c| c.id()), previous.map(|p| p.id()));
    if !node.is_element() && node.kind() != NodeKind::Document {
        // Only elements, the document and template contents have children.
        if node.parent().is_some() {
            assert!(node.first_child().is_none(), "a leaf node with children");
        }
    }
}

/// Every `id` value in the document (template contents included) is found
/// by `get_element_by_id` exactly where a tree-order scan outside template
/// contents finds it first.
fn check_ids(doc: &Document, nodes: &[NodeRef<'_>]) {
    let mut ids: Vec<&str> = nodes.iter().filter_map(|n| n.attr("id")).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let scanned = doc
            .root()
            .descendants()
            .find(|n| n.is_element() && n.attr("id") == Some(id));
        let expected = if id.is_empty() { None } else { scanned };
        assert_eq!(
            doc.get_element_by_id(id).map(|n| n.id()),
            expected.map(|n| n.id()),
            "get_element_by_id({id:?})"
        );
    }
}

/// The promises of `readable_text`: no leading, trailing or doubled
/// separators, and ASCII whitespace only as one space or line feed.
fn check_readable_text(text: &str) {
    assert!(
        !text.contains(['\t', '\r', '\x0c']),
        "readable text holds tab, CR or form feed: {text:?}"
    );
    assert!(
        !text.starts_with([' ', '\n']),
        "leading separator: {text:?}"
    );
    assert!(!text.ends_with([' ', '\n']), "trailing separator: {text:?}");
    for pair in ["  ", "\n\n", " \n", "\n "] {
        assert!(!text.contains(pair), "two separators in a row: {text:?}");
    }
}
