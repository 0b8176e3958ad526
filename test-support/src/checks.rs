//! What the fuzz targets check. Each function takes the fuzzer's bytes,
//! parses them in the way its target says and panics on anything that is a
//! bug: a panic inside the library, an error other than a limit, a tree
//! whose links disagree, a lookup that disagrees with a scan, two ways of
//! parsing the same input that give different trees, or a tree that is not
//! the one markup5ever_rcdom builds from the same text
//! ([`differential::assert_same_as_rcdom`](crate::differential::assert_same_as_rcdom)).
//!
//! The fuzz targets (`fuzz/fuzz_targets`) and the regression test of the
//! main crate (`tests/fuzz_regressions.rs`) both call these, so a crash
//! input kept as a regression test runs exactly the checks that found it.

use std::sync::{Arc, LazyLock};

use crate::alloc::{counting_installed, reset_thread_peak, thread_live_bytes, thread_peak_bytes};
use crate::bound::peak_bound;
use crate::differential::assert_same_as_rcdom;
use crate::reference_tokenizer::reference_tokens;

use htmldict::encoding_rs::Encoding;
use htmldict::tokenizer::{TokenizerOptions, TokenizerState, tokenize};
use htmldict::{
    Document, EncodingSource, GlobalDictionary, Limit, Limits, LinkOptions, LinkSource,
    LruDictionary, NameDictionary, NodeId, NodeKind, NodeRef, ParseError, ParseOptions, Parser,
    PerDocumentDictionary, Selector, Url, parse_fragment, parse_html, parse_html_bytes,
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

/// Transport charsets: real labels, labels that need trimming or name the
/// replacement encoding, and ones that name nothing.
pub const CHARSETS: &[&str] = &[
    "utf-8",
    "shift_jis",
    "windows-1251",
    "utf-16le",
    "utf-16be",
    "x-user-defined",
    "iso-2022-jp",
    "gb18030",
    "euc-kr",
    " Latin1 ",
    "iso-2022-kr",
    "bogus",
    "",
];

/// The transport charset for a byte: one of [`CHARSETS`], or none.
pub fn charset(byte: u8) -> Option<&'static str> {
    CHARSETS.get(byte as usize % (CHARSETS.len() + 1)).copied()
}

/// Page hosts whose top-level domains steer encoding detection: generic,
/// Japanese, Russian, Taiwanese, and one that is not a host.
pub const HOSTS: &[&str] = &["example.com", "example.co.jp", "example.ru", "tw", "[::1]"];

/// The options with the transport charset and page host byte `byte` picks:
/// `byte % 14` the charset ([`charset`]), the rest a host of [`HOSTS`], or
/// none.
pub fn with_transport(options: ParseOptions, byte: u8) -> ParseOptions {
    let mut options = match charset(byte) {
        Some(label) => options.transport_charset(label),
        None => options,
    };
    let host = byte as usize / (CHARSETS.len() + 1);
    if let Some(host) = HOSTS.get(host) {
        options = options.page_host(host);
    }
    options
}

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

/// Runs `parse` and returns its result with the peak of live heap above
/// what was live before it, as the calling thread counts it (a parse
/// allocates on the thread that calls it), so that other threads may
/// allocate meanwhile. The binary must count its allocations
/// (`htmldict_test_support::alloc::Counting` as its global allocator).
pub fn peak_of<T>(parse: impl FnOnce() -> T) -> (T, usize) {
    assert!(
        counting_installed(),
        "the peak-heap check needs the counting allocator"
    );
    let before = thread_live_bytes();
    reset_thread_peak();
    let result = parse();
    (result, (thread_peak_bytes() - before).max(0) as usize)
}

/// Checks a parse's peak heap against the bound of the README's "Limits"
/// section (`htmldict_test_support::bound`), for `input_len` bytes of input
/// and a tree of `nodes` nodes.
pub fn check_peak(peak: usize, input_len: usize, nodes: usize) {
    let bound = peak_bound(input_len, nodes);
    assert!(
        peak <= bound,
        "a parse of {input_len} bytes building {nodes} nodes peaked at {peak} bytes of heap, \
         over the bound of {bound}"
    );
}

/// The nodes a parse builds: those of its document, or, when a limit
/// refused it, those of the same input parsed without limits (a refused
/// parse stops building where it fails, so it built no more).
fn nodes_built(
    result: &Result<Document, ParseError>,
    options: &ParseOptions,
    parse: impl Fn(&ParseOptions) -> Result<Document, ParseError>,
) -> usize {
    match result {
        Ok(doc) => doc.node_count(),
        Err(_) => parse(&with_per_document(options).limits(Limits::none()))
            .map_or(0, |doc| doc.node_count()),
    }
}

/// The byte at `i`, 0 past the end.
fn byte(data: &[u8], i: usize) -> u8 {
    data.get(i).copied().unwrap_or(0)
}

/// A failed parse must be a limit, and only when limits are in force (a
/// fuzzed input is far too small for the bounds that `Limits::none` keeps).
fn check_error(error: &ParseError, limits: &Limits) {
    match error {
        ParseError::LimitExceeded { max, value, .. } => {
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
/// checked ([`check_document`]), must give the same tree as a parse with
/// a per-document dictionary and, when no limit refused it, the tree and
/// serialisation markup5ever_rcdom gives for the same text, context and
/// scripting flag. A refused parse's kept (truncated) document is only
/// checked: it is short of the standard tree on purpose.
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
    let (result, peak) = peak_of(|| parse(&options));
    check_peak(peak, input.len(), nodes_built(&result, &options, parse));
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
            // No limit refused it, so the tree is the whole standard tree.
            assert_same_as_rcdom(doc, context, &input, setup.scripting);
        }
        (Err(error), Err(reference)) => {
            check_error(error, &setup.limits);
            assert_eq!(error, reference, "the error depends on the dictionary");
            // Kept instead, the document built so far is a sound document,
            // marked with the same limit.
            let kept = parse(&options.clone().truncate_on_limit(true))
                .expect("a truncating parse returns the document");
            assert_eq!(kept.truncated(), Some(error));
            // A depth met only once the tree is built (a subtree the
            // adoption agency moved deeper) stays in the kept document.
            let mut kept_setup = setup.clone();
            if matches!(
                error,
                ParseError::LimitExceeded {
                    limit: Limit::Depth,
                    ..
                }
            ) {
                kept_setup.limits.max_depth = u64::MAX;
            }
            check_document(&kept, &kept_setup);
        }
        (result, reference) => panic!(
            "the outcome depends on the dictionary: {:?} vs {:?}",
            result.as_ref().err(),
            reference.as_ref().err()
        ),
    }
}

/// Every node, template contents included, in tree order within each tree.
pub fn all_nodes(doc: &Document) -> Vec<NodeRef<'_>> {
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
        // Depth below the document node (or below a template's contents,
        // which only makes the bound looser): never past the limit, also
        // after the adoption agency moved subtrees.
        if limits.max_depth < 4096 && !node.is_text() {
            let depth = node.ancestors().count() as u64;
            assert!(depth <= limits.max_depth, "depth {depth}");
        }
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
        if last.node_id() != doc.root().node_id() {
            assert_eq!(
                ancestors.last().map(|a| a.node_id()),
                Some(doc.root().node_id())
            );
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
    for link in &links {
        let _ = (link.url.as_str(), link.has_rel("nofollow"));
    }
    let _ = links.skipped().len();
    // The crawl preset: http(s) only, no fragment, each URL once.
    let crawl = doc.links_with(&PAGE_URL, &LinkOptions::crawl());
    let mut seen = std::collections::HashSet::new();
    for link in &crawl {
        assert!(
            matches!(link.url.scheme(), "http" | "https"),
            "{}",
            link.url
        );
        assert_eq!(link.url.fragment(), None);
        assert!(seen.insert(link.url.as_str()), "{} twice", link.url);
        assert!(matches!(link.source, LinkSource::A | LinkSource::Area));
    }
    let _ = doc.base_url(&PAGE_URL);
    let facts = doc.page_facts(&PAGE_URL);
    let _ = (facts.noindex(), facts.nofollow());
}

/// Parent, child and sibling links of `node` agree with each other.
fn check_links(node: NodeRef<'_>) {
    let mut previous: Option<NodeRef<'_>> = None;
    for child in node.children() {
        assert_eq!(child.parent().map(|p| p.node_id()), Some(node.node_id()));
        assert_eq!(
            child.prev_sibling().map(|p| p.node_id()),
            previous.map(|p| p.node_id())
        );
        if let Some(previous) = previous {
            assert_eq!(
                previous.next_sibling().map(|n| n.node_id()),
                Some(child.node_id())
            );
        } else {
            assert_eq!(
                node.first_child().map(|c| c.node_id()),
                Some(child.node_id())
            );
        }
        previous = Some(child);
    }
    assert_eq!(
        node.last_child().map(|c| c.node_id()),
        previous.map(|p| p.node_id())
    );
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
            doc.get_element_by_id(id).map(|n| n.node_id()),
            expected.map(|n| n.node_id()),
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

/// Parses `input` with the options, as `parse_html_bytes` does, and checks
/// what `Document::encoding` says: a byte order mark wins, then a transport
/// charset that names an encoding, then a `<meta>` or the default.
fn check_encoding(doc: &Document, input: &[u8], options: &ParseOptions) {
    let encoding = doc
        .encoding()
        .expect("a document parsed from bytes has an encoding");
    let _ = encoding.to_string();
    if let Some((bom, _)) = Encoding::for_bom(input) {
        assert_eq!(encoding.encoding(), bom);
        assert_eq!(encoding.source(), EncodingSource::Bom);
    } else if let Some(transport) = options.get_transport_charset() {
        assert_eq!(encoding.encoding(), transport);
        assert_eq!(encoding.source(), EncodingSource::Transport);
    } else {
        match encoding.source() {
            EncodingSource::Meta => {}
            // Nothing to detect.
            EncodingSource::Default => {
                assert_eq!(encoding.name(), "windows-1252");
                assert!(input.is_ascii(), "default with non-ASCII bytes");
            }
            // The detector's guess on the bytes up to 4 KiB past the first
            // non-ASCII byte, read as the prefix of a longer stream when
            // that window is full.
            EncodingSource::Detected => {
                let first = input
                    .iter()
                    .position(|b| !b.is_ascii())
                    .expect("detected with all bytes ASCII");
                let end = first + 4096;
                let window = &input[..end.min(input.len())];
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(window, window.len() < end);
                // The host's last label, as the parse hands the detector.
                let tld = options
                    .get_page_host()
                    .and_then(|host| host.rsplit('.').next())
                    .map(str::as_bytes);
                let guess = detector.guess(tld, chardetng::Utf8Detection::Allow);
                assert_eq!(encoding.encoding(), guess, "not the detector's guess");
            }
            other => panic!("{other:?} without a byte order mark or a transport charset"),
        }
    }
}

/// Target `parse_bytes`: byte 0 picks the options ([`Setup::from_byte`]),
/// byte 1 a transport charset ([`charset`]); the rest is parsed with
/// `parse_html_bytes`. On success the document is checked as in
/// [`parse_str`], its encoding as the sniffing rules say, and its tree and
/// serialisation must be the ones markup5ever_rcdom gives for the whole
/// input decoded at once with the encoding the document reports (decoding
/// in pieces and changing the encoding on a late `<meta>` must not show).
pub fn parse_bytes(data: &[u8]) {
    let setup = Setup::from_byte(byte(data, 0));
    let options = with_transport(setup.options(), byte(data, 1));
    let input = data.get(2..).unwrap_or_default();

    let (result, peak) = peak_of(|| parse_html_bytes(input, &options));
    let nodes = nodes_built(&result, &options, |options| {
        parse_html_bytes(input, options)
    });
    check_peak(peak, input.len(), nodes);
    let doc = match result {
        Ok(doc) => doc,
        Err(error) => {
            check_error(&error, &setup.limits);
            return;
        }
    };
    check_document(&doc, &setup);
    assert!(!doc.is_fragment());
    check_encoding(&doc, input, &options);

    let encoding = doc.encoding().unwrap().encoding();
    let (text, used, _) = encoding.decode(input);
    assert_eq!(
        used, encoding,
        "the byte order mark disagrees with the encoding"
    );
    // The standard's decode removes the byte order mark and keeps a U+FEFF
    // after it as text, as a byte parse does; the reference, like a text
    // parse, drops one leading U+FEFF, so it is given one to drop.
    assert_same_as_rcdom(&doc, None, &format!("\u{feff}{text}"), setup.scripting);
}

/// Cuts `len` bytes from the front of `rest` (all of it if `len` is
/// larger), moving the cut forward to a character boundary when `rest` is
/// text.
fn cut(rest: &[u8], len: usize, text: bool) -> (&[u8], &[u8]) {
    let mut at = len.min(rest.len());
    if text {
        // `rest` is valid UTF-8: continuation bytes are 0b10xx_xxxx.
        while at < rest.len() && rest[at] & 0xC0 == 0x80 {
            at += 1;
        }
    }
    rest.split_at(at)
}

/// Target `stream`: byte 0 picks the options ([`Setup::from_byte`]; bit 7
/// chooses text input instead of bytes), byte 1 a transport charset, byte 2
/// how many chunk lengths follow (up to 31, each a byte, 0 giving an empty
/// chunk). The rest is the document, fed to a `Parser` in chunks of those
/// lengths, over and over (text input: the lossy UTF-8 string, cut at
/// character boundaries). The result must be the one-shot parse's, to the
/// byte: `parse_html_bytes` for bytes, `parse_html` for text, or the same
/// error.
pub fn stream(data: &[u8]) {
    let options_byte = byte(data, 0);
    let text_mode = options_byte & 0x80 != 0;
    let setup = Setup::from_byte(options_byte);
    let options = with_transport(setup.options(), byte(data, 1));
    let count = byte(data, 2) as usize % 32;
    let lengths = data.get(3..3 + count).unwrap_or_default();
    let body = data.get(3 + count..).unwrap_or_default();
    let text = String::from_utf8_lossy(body);
    let input: &[u8] = if text_mode { text.as_bytes() } else { body };

    let before = thread_live_bytes();
    reset_thread_peak();
    let mut parser = Parser::new(&options);
    let mut rest = input;
    let mut fed = Ok(());
    let mut turn = 0;
    while !rest.is_empty() && fed.is_ok() && lengths.iter().any(|&l| l > 0) {
        let (chunk, after) = cut(rest, lengths[turn % lengths.len()] as usize, text_mode);
        turn += 1;
        rest = after;
        fed = if text_mode {
            parser.feed_str(std::str::from_utf8(chunk).expect("cut at a character boundary"))
        } else {
            parser.feed_bytes(chunk)
        };
    }
    // The rest, and at least one call so that the parser knows the kind
    // of input (given nothing, it parses empty bytes).
    if fed.is_ok() && (!rest.is_empty() || turn == 0) {
        fed = if text_mode {
            parser.feed_str(std::str::from_utf8(rest).unwrap())
        } else {
            parser.feed_bytes(rest)
        };
    }
    // A call of the other kind is refused and changes nothing.
    let other = if text_mode {
        parser.feed_bytes(b"<p>")
    } else {
        parser.feed_str("<p>")
    };
    match &fed {
        Ok(()) => assert_eq!(other, Err(ParseError::MixedInput)),
        Err(error) => assert_eq!(other.as_ref(), Err(error)),
    }
    let streamed = parser.finish();
    assert!(counting_installed());
    let peak = (thread_peak_bytes() - before).max(0) as usize;
    let nodes = nodes_built(&streamed, &options, |options| {
        if text_mode {
            parse_html(&text, options)
        } else {
            parse_html_bytes(input, options)
        }
    });
    check_peak(peak, input.len(), nodes);
    if let Err(error) = &fed {
        assert_eq!(
            streamed.as_ref().err(),
            Some(error),
            "finish forgot the error"
        );
    }

    let whole = if text_mode {
        parse_html(&text, &options)
    } else {
        parse_html_bytes(input, &options)
    };
    match (&streamed, &whole) {
        (Ok(streamed), Ok(whole)) => {
            check_document(streamed, &setup);
            assert_eq!(streamed.encoding(), whole.encoding());
            assert_eq!(
                streamed.html5lib_tree(),
                whole.html5lib_tree(),
                "streaming gives another tree"
            );
            assert_eq!(streamed.to_html(), whole.to_html());
        }
        (Err(streamed), Err(whole)) => {
            check_error(streamed, &setup.limits);
            same_limit_error(streamed, whole);
        }
        (streamed, whole) => panic!(
            "streaming and one-shot parses disagree: {:?} vs {:?}",
            streamed.as_ref().err(),
            whole.as_ref().err()
        ),
    }
}

/// Two parses of the same input stopped at the same limit. The input-bytes
/// limit is met at the chunk that crosses it, so only its bound must agree;
/// the others are met at the same point of the same tree.
fn same_limit_error(streamed: &ParseError, whole: &ParseError) {
    match (streamed, whole) {
        (
            ParseError::LimitExceeded {
                limit: Limit::InputBytes,
                max: a,
                ..
            },
            ParseError::LimitExceeded {
                limit: Limit::InputBytes,
                max: b,
                ..
            },
        ) => assert_eq!(a, b),
        _ => assert_eq!(streamed, whole, "streaming stops at another limit"),
    }
}

/// Target `select`: byte 0 picks the options ([`Setup::from_byte`], with
/// the limits either the defaults or none; bit 7 asks for a fragment whose
/// context byte 1 picks). The rest is split at its first NUL: a selector
/// before it, the HTML after it (no NUL: all selector, empty HTML).
///
/// Parsing the selector must not panic, and an error must be
/// a `SelectorError` placed inside the selector. On success, the matches of
/// `Document::select` must be exactly the elements, in tree order, that
/// `Selector::matches` accepts, `select_first` the first of them, and
/// `NodeRef::select` from a few nodes their descendants that match (only a
/// subset check when the selector may say `:scope`, which stands for that
/// node there).
pub fn select(data: &[u8]) {
    let options_byte = byte(data, 0);
    let context =
        (options_byte & 0x80 != 0).then(|| CONTEXTS[byte(data, 1) as usize % CONTEXTS.len()]);
    let mut setup = Setup::from_byte(options_byte);
    setup.limits = limits((options_byte >> 5) & 1);
    let rest = data.get(2..).unwrap_or_default();
    let (selector, html) = match rest.iter().position(|&b| b == 0) {
        Some(nul) => (&rest[..nul], &rest[nul + 1..]),
        None => (rest, &[][..]),
    };
    let source = String::from_utf8_lossy(selector);
    let html = String::from_utf8_lossy(html);

    let parsed = Selector::parse(&source);
    assert_eq!(
        parsed.as_ref().err(),
        source.parse::<Selector>().as_ref().err()
    );
    let selector = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let (line, column) = (error.line, error.column);
            // cssparser ends lines at LF, CR, CRLF and form feed.
            let lines = source.matches(['\n', '\r', '\x0c']).count() as u32 + 1;
            assert!(
                (1..=lines).contains(&line) && column >= 1,
                "error placed at line {line}, column {column}"
            );
            assert_eq!(error.selector, source);
            let _ = error.to_string();
            return;
        }
    };

    let options = setup.options();
    let (doc, peak) = peak_of(|| match context {
        Some(context) => parse_fragment(context, &html, &options),
        None => parse_html(&html, &options),
    });
    let doc = match doc {
        Ok(doc) => doc,
        // Inputs of page size can reach the default limits (1,024
        // attributes on one element, ...): refused, nothing to select in.
        Err(ParseError::LimitExceeded { .. }) if setup.limits != Limits::none() => return,
        Err(error) => panic!("refused with no limits: {error}"),
    };
    check_peak(peak, html.len(), doc.node_count());

    let root = doc.root();
    let selected: Vec<NodeRef<'_>> = doc.select(&selector).map(NodeRef::from).collect();
    let expected: Vec<NodeRef<'_>> = root
        .descendants()
        .filter(|node| selector.matches(*node))
        .collect();
    assert_eq!(
        ids(&selected),
        ids(&expected),
        "select disagrees with matches"
    );
    assert_eq!(
        doc.select_first(&selector).map(|n| n.node_id()),
        selected.first().map(|n| n.node_id())
    );

    // Scopes: the document, the first few elements, the fragment root and
    // the first template's contents.
    let mut scopes: Vec<NodeRef<'_>> = root
        .descendants()
        .filter(|n| n.is_element())
        .take(4)
        .collect();
    scopes.extend(doc.fragment_root());
    scopes.extend(all_nodes(&doc).iter().find_map(|n| n.template_contents()));
    let may_scope = {
        let lower = source.to_ascii_lowercase();
        lower.contains("scope") || lower.contains('\\')
    };
    for scope in scopes {
        let under: Vec<NodeRef<'_>> = scope.descendants().skip(1).collect();
        let found: Vec<NodeRef<'_>> = scope.select(&selector).map(NodeRef::from).collect();
        assert_eq!(
            scope.select_first(&selector).map(|n| n.node_id()),
            found.first().map(|n| n.node_id())
        );
        // A subsequence of the descendants: in tree order, each once.
        let mut rest = under.iter();
        for node in &found {
            assert!(node.is_element());
            assert!(
                rest.any(|u| u.node_id() == node.node_id()),
                "NodeRef::select gave a node out of order or outside its subtree"
            );
        }
        if !may_scope {
            let expected: Vec<NodeRef<'_>> =
                under.into_iter().filter(|n| selector.matches(*n)).collect();
            assert_eq!(
                ids(&found),
                ids(&expected),
                "NodeRef::select disagrees with matches"
            );
        }
    }
}

fn ids(nodes: &[NodeRef<'_>]) -> Vec<NodeId> {
    nodes.iter().map(|n| n.node_id()).collect()
}

/// The states the `tokens` target starts the tokenizers in, by number.
pub const TOKENIZER_STATES: &[TokenizerState] = &[
    TokenizerState::Data,
    TokenizerState::Plaintext,
    TokenizerState::Rcdata,
    TokenizerState::Rawtext,
    TokenizerState::ScriptData,
    TokenizerState::CdataSection,
];

/// The last start tags the `tokens` target gives, by number (none first).
pub const LAST_START_TAGS: &[Option<&str>] = &[
    None,
    Some("script"),
    Some("title"),
    Some("style"),
    Some("textarea"),
    Some("xmp"),
];

/// Target `tokens`: byte 0 picks the initial state ([`TOKENIZER_STATES`]),
/// byte 1 the last start tag ([`LAST_START_TAGS`]); the rest, as lossy
/// UTF-8, is tokenized by htmldict's tokenizer, with errors reported and
/// without, and by html5ever's. All three give the same tokens (adjacent
/// characters merged); with errors reported, no error is past the end of
/// the input.
pub fn tokens(data: &[u8]) {
    let state = TOKENIZER_STATES[byte(data, 0) as usize % TOKENIZER_STATES.len()];
    let last_start_tag = LAST_START_TAGS[byte(data, 1) as usize % LAST_START_TAGS.len()];
    let input = String::from_utf8_lossy(data.get(2..).unwrap_or_default());
    let mut options = TokenizerOptions::new().initial_state(state);
    if let Some(tag) = last_start_tag {
        options = options.last_start_tag(tag);
    }
    let quiet = tokenize(&input, &options);
    let loud = tokenize(&input, &options.clone().keep_errors(true));
    assert_eq!(
        quiet.tokens(),
        loud.tokens(),
        "reporting errors changes the tokens"
    );
    // Lines as the tokenizer counts them, after CR LF and CR became LF.
    let lines = input.replace("\r\n", "\n").matches(['\n', '\r']).count() as u64 + 1;
    for error in loud.errors() {
        assert!(
            (1..=lines).contains(&error.line) && error.column >= 1,
            "{error} outside the input"
        );
    }
    let reference = reference_tokens(&input, state, last_start_tag);
    assert_eq!(
        quiet.tokens(),
        reference,
        "htmldict's and html5ever's tokens differ"
    );
}
