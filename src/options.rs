//! [`ParseOptions`]: what a parse stores, shares and keeps.

use std::sync::Arc;

use encoding_rs::Encoding;

use crate::dict::{LruDictionary, NameDictionary};

/// How to parse: which dictionary names go through, whether to index `id`s,
/// the scripting flag and whether to keep parse errors.
///
/// Options are cheap to clone and meant to be built once and shared by every
/// parse of a crawl. Each setting has a setter that consumes and returns the
/// options (`collect_ids(false)`) and a getter named after it with `get_`
/// (`get_collect_ids()`), as `std::process::Command` does.
///
/// ```
/// use std::sync::Arc;
/// use htmldict::{LruDictionary, ParseOptions, parse_html};
///
/// let options = ParseOptions::new()
///     .dictionary(Arc::new(LruDictionary::new(10_000)))
///     .collect_ids(false)
///     .scripting(false)
///     .keep_errors(true);
/// let doc = parse_html("<noscript><p>enable JS</p></noscript>", &options)?;
/// assert!(!doc.has_id_index());
/// // With scripting off, <noscript> content is markup.
/// assert!(doc.root().descendants().any(|n| n.local_name() == Some("p")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ParseOptions {
    pub(crate) dictionary: Arc<dyn NameDictionary>,
    pub(crate) collect_ids: bool,
    pub(crate) scripting: bool,
    pub(crate) keep_errors: bool,
    pub(crate) truncate_on_limit: bool,
    pub(crate) limits: Limits,
    pub(crate) transport: Option<&'static Encoding>,
    /// The page's host, lowercase ASCII (Punycode), when it is a domain.
    pub(crate) page_host: Option<Arc<str>>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            dictionary: LruDictionary::shared_default(),
            collect_ids: true,
            scripting: true,
            keep_errors: false,
            truncate_on_limit: false,
            limits: Limits::default(),
            transport: None,
            page_host: None,
        }
    }
}

impl ParseOptions {
    /// The defaults: see each setter. In short: the shared LRU dictionary,
    /// an `id` index, scripting on, no kept errors, [`Limits::default`] and
    /// no transport charset.
    ///
    /// ```
    /// use htmldict::{NameDictionary, ParseOptions, parse_html};
    /// let options = ParseOptions::new();
    /// assert_eq!(options.get_dictionary().stats().capacity, Some(4096));
    /// let doc = parse_html("<p id=a></b>", &options)?;
    /// assert!(doc.has_id_index() && doc.errors().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The dictionary that names go through when html5ever cannot hold them
    /// without allocating (neither in its static set nor 7 bytes or less).
    ///
    /// Default: [`LruDictionary::shared_default`], one process-wide LRU
    /// dictionary of 4,096 names with the default [`Admission`](crate::Admission)
    /// (once full, a name is stored on its second sighting, in place of one
    /// not used since it was stored), so that a crawl's memory is bounded
    /// however many names it meets and names used once do not push out the
    /// ones pages share.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{GlobalDictionary, NameDictionary, ParseOptions, PerDocumentDictionary};
    /// let global = ParseOptions::new().dictionary(GlobalDictionary::shared());
    /// let per_document = ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new()));
    /// assert_eq!(per_document.get_dictionary().stats().lookups, 0);
    /// ```
    pub fn dictionary(mut self, dictionary: Arc<dyn NameDictionary>) -> Self {
        self.dictionary = dictionary;
        self
    }

    /// The dictionary these options use, to watch its counters without
    /// keeping a handle of one's own.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{LruDictionary, NameDictionary, ParseOptions, parse_html};
    /// let options = ParseOptions::new().dictionary(Arc::new(LruDictionary::new(64)));
    /// for _ in 0..2 {
    ///     parse_html("<app-root><app-header>", &options)?;
    /// }
    /// let stats = options.get_dictionary().stats();
    /// assert_eq!((stats.entries, stats.capacity), (2, Some(64)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_dictionary(&self) -> &Arc<dyn NameDictionary> {
        &self.dictionary
    }

    /// Whether documents build an index from `id` values to elements, for a
    /// fast [`get_element_by_id`](crate::Document::get_element_by_id).
    ///
    /// Default: `true` (as lxml). Off saves the index's memory; lookups then
    /// scan the tree and give the same answers.
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=intro>Hi", &ParseOptions::new().collect_ids(false))?;
    /// assert!(!doc.has_id_index());
    /// assert_eq!(doc.memory_usage().id_index, 0);
    /// assert_eq!(doc.get_element_by_id("intro").unwrap().text(), "Hi"); // found by a scan
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn collect_ids(mut self, on: bool) -> Self {
        self.collect_ids = on;
        self
    }

    /// Whether documents build an `id` index (see
    /// [`collect_ids`](Self::collect_ids)).
    ///
    /// ```
    /// use htmldict::ParseOptions;
    /// assert!(ParseOptions::new().get_collect_ids());
    /// assert!(!ParseOptions::new().collect_ids(false).get_collect_ids());
    /// ```
    pub fn get_collect_ids(&self) -> bool {
        self.collect_ids
    }

    /// The HTML scripting flag: when on, `<noscript>` content is raw text, as
    /// in a browser with JavaScript; when off it is parsed as markup.
    ///
    /// Default: `true` (as html5ever and browsers). A crawler that runs no
    /// scripts can turn it off to read `<noscript>` content as a browser
    /// without JavaScript would.
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html};
    /// let html = r#"<body><noscript><img src="/pixel.gif"></noscript>"#;
    /// let on = parse_html(html, &ParseOptions::new())?;
    /// assert!(!on.root().descendants().any(|n| n.is_html_element("img")));
    /// assert_eq!(on.text(), r#"<img src="/pixel.gif">"#); // one text node
    /// let off = parse_html(html, &ParseOptions::new().scripting(false))?;
    /// assert!(off.root().descendants().any(|n| n.is_html_element("img")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scripting(mut self, on: bool) -> Self {
        self.scripting = on;
        self
    }

    /// The scripting flag (see [`scripting`](Self::scripting)).
    ///
    /// ```
    /// use htmldict::ParseOptions;
    /// assert!(ParseOptions::new().get_scripting());
    /// assert!(!ParseOptions::new().scripting(false).get_scripting());
    /// ```
    pub fn get_scripting(&self) -> bool {
        self.scripting
    }

    /// Whether to keep the parser's error messages in
    /// [`Document::errors`](crate::Document::errors), the first
    /// [`Document::MAX_KEPT_ERRORS`](crate::Document::MAX_KEPT_ERRORS) of
    /// them (the rest are counted).
    ///
    /// Default: `false` (real pages produce many, and they cost memory).
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html};
    /// let options = ParseOptions::new().keep_errors(true);
    /// assert!(parse_html("<!DOCTYPE html><p>fine</p>", &options)?.errors().is_empty());
    /// assert!(!parse_html("<!DOCTYPE html><p>stray</b>", &options)?.errors().is_empty());
    /// assert!(parse_html("<!DOCTYPE html><p>stray</b>", &ParseOptions::new())?.errors().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn keep_errors(mut self, on: bool) -> Self {
        self.keep_errors = on;
        self
    }

    /// Whether parse errors are kept (see [`keep_errors`](Self::keep_errors)).
    ///
    /// ```
    /// use htmldict::ParseOptions;
    /// assert!(!ParseOptions::new().get_keep_errors());
    /// assert!(ParseOptions::new().keep_errors(true).get_keep_errors());
    /// ```
    pub fn get_keep_errors(&self) -> bool {
        self.keep_errors
    }

    /// Whether a parse that runs into a limit returns the document built so
    /// far, marked [`truncated`](crate::Document::truncated) with the limit,
    /// instead of [`ParseError::LimitExceeded`](crate::ParseError::LimitExceeded).
    /// Default: `false`. The document holds what the tree builder had built
    /// when the limit was met (elements still open stay as they were: no
    /// end-of-file processing); input after that point is read no further.
    /// For the input-bytes limit, that is the input up to the limit: its
    /// first `max_input_bytes` bytes (for text, to the character boundary
    /// at or before), decoded and parsed as the whole document, so that a
    /// page cut at 1 MiB still has its encoding and everything in its first
    /// megabyte. A depth the adoption agency reached by moving a subtree, found only
    /// once the tree is built, leaves that subtree where it is. Errors that
    /// are not limits are errors still.
    ///
    /// ```
    /// use htmldict::{Limit, Limits, ParseError, ParseOptions, parse_html};
    /// let page = format!("<title>Deep</title><p>kept{}lost", "<div>".repeat(600));
    /// assert!(parse_html(&page, &ParseOptions::new()).is_err());
    /// let doc = parse_html(&page, &ParseOptions::new().truncate_on_limit(true))?;
    /// assert!(matches!(doc.truncated(), Some(ParseError::LimitExceeded { limit: Limit::Depth, .. })));
    /// assert_eq!(doc.title().as_deref(), Some("Deep"));
    /// assert!(doc.text().contains("kept") && !doc.text().contains("lost"));
    ///
    /// // The first 40 bytes of a longer page.
    /// let page = b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4 and more, and more";
    /// let options = ParseOptions::new()
    ///     .limits(Limits { max_input_bytes: 40, ..Limits::default() })
    ///     .truncate_on_limit(true);
    /// let doc = htmldict::parse_html_bytes(page, &options)?;
    /// assert_eq!(doc.text(), "Привет and more,");
    /// assert_eq!(doc.encoding().unwrap().to_string(), "KOI8-R (meta)");
    /// assert!(matches!(doc.truncated(), Some(ParseError::LimitExceeded { limit: Limit::InputBytes, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn truncate_on_limit(mut self, on: bool) -> Self {
        self.truncate_on_limit = on;
        self
    }

    /// Whether limits truncate (see [`truncate_on_limit`](Self::truncate_on_limit)).
    ///
    /// ```
    /// use htmldict::ParseOptions;
    /// assert!(!ParseOptions::new().get_truncate_on_limit());
    /// assert!(ParseOptions::new().truncate_on_limit(true).get_truncate_on_limit());
    /// ```
    pub fn get_truncate_on_limit(&self) -> bool {
        self.truncate_on_limit
    }

    /// Bounds on input size, nodes, attributes per element, depth and name
    /// bytes.
    ///
    /// Default: [`Limits::default`], sized for crawling.
    ///
    /// ```
    /// use htmldict::{ParseError, Limit, Limits, ParseOptions, parse_html};
    /// let options = ParseOptions::new().limits(Limits { max_input_bytes: 1024, ..Limits::default() });
    /// assert!(parse_html("<p>short", &options).is_ok());
    /// let err = parse_html(&"a".repeat(2000), &options).unwrap_err();
    /// assert!(matches!(err, ParseError::LimitExceeded { limit: Limit::InputBytes, max: 1024, .. }));
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits in force (see [`limits`](Self::limits)).
    ///
    /// ```
    /// use htmldict::{Limits, ParseOptions};
    /// assert_eq!(ParseOptions::new().get_limits(), Limits::default());
    /// assert_eq!(ParseOptions::new().limits(Limits::none()).get_limits(), Limits::none());
    /// ```
    pub fn get_limits(&self) -> Limits {
        self.limits
    }

    /// The transport layer's charset for byte input: the `charset`
    /// parameter of the HTTP `Content-Type` header (`utf-8` in
    /// `text/html; charset=utf-8`), without quotes.
    ///
    /// When it is the label of an encoding of the Encoding standard
    /// (`Encoding::for_label`: ASCII case-insensitive, surrounding
    /// whitespace ignored), [`parse_html_bytes`](crate::parse_html_bytes)
    /// and [`Parser::feed_bytes`](crate::Parser::feed_bytes) decode with that encoding
    /// unless the input starts with a byte order mark, and `<meta>`
    /// declarations are ignored, as the HTML standard says. A label that
    /// names no encoding is ignored (the standard's "if it is supported"),
    /// as is an empty one, which clears a charset set before. Text input
    /// ignores it.
    ///
    /// Default: none. Options are usually shared by a whole crawl; set the
    /// charset on a clone for each response that has one.
    ///
    /// ```
    /// use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
    ///
    /// let shared = ParseOptions::new();
    /// let options = shared.clone().transport_charset("windows-1251");
    /// assert_eq!(options.get_transport_charset().unwrap().name(), "windows-1251");
    /// let doc = parse_html_bytes(b"<meta charset=utf-8><p>\xcc\xe8\xf0", &options)?;
    /// assert_eq!(doc.text(), "Мир");
    /// assert_eq!(doc.encoding().unwrap().source(), EncodingSource::Transport);
    ///
    /// assert!(shared.clone().transport_charset("no-such-charset").get_transport_charset().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn transport_charset(mut self, label: &str) -> Self {
        self.transport = Encoding::for_label(label.as_bytes());
        self
    }

    /// The encoding the transport charset names, if one was set and it
    /// names one (see [`transport_charset`](Self::transport_charset)).
    ///
    /// ```
    /// use htmldict::ParseOptions;
    /// assert!(ParseOptions::new().get_transport_charset().is_none());
    /// let options = ParseOptions::new().transport_charset(" Latin1 ");
    /// assert_eq!(options.get_transport_charset().unwrap().name(), "windows-1252");
    /// ```
    pub fn get_transport_charset(&self) -> Option<&'static Encoding> {
        self.transport
    }

    /// The host the page came from (`www.example.co.jp`, or only its
    /// top-level domain, `jp`), whose top-level domain guides encoding
    /// detection as in Firefox: when a page declares no encoding, the
    /// detector favours the legacy encodings of the domain's country
    /// (Shift_JIS for `jp`, windows-1251 for `ru`, ...). Internationalised
    /// domain names are taken in Unicode or Punycode. An IP address, an empty
    /// string or a host that does not parse clears it.
    ///
    /// Default: none (a generic domain, as `.com`). Like the transport
    /// charset, it belongs to one response: set it on a clone of the shared
    /// options.
    ///
    /// ```
    /// use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
    /// let options = ParseOptions::new().page_host("www.example.ru");
    /// let page = "<title>Новости дня</title><p>Сегодня в Москве прошёл дождь.".as_bytes();
    /// let doc = parse_html_bytes(page, &options)?;
    /// assert_eq!(doc.encoding().unwrap().source(), EncodingSource::Detected);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn page_host(mut self, host: &str) -> Self {
        self.page_host = match url::Host::parse(host.trim_end_matches('.')) {
            Ok(url::Host::Domain(domain)) if !domain.is_empty() => Some(Arc::from(domain)),
            _ => None,
        };
        self
    }

    /// The page's host given with [`page_host`](Self::page_host), as the
    /// URL standard writes it (lowercase, Punycode, no trailing dot), or
    /// `None` when none was given or it was not a domain.
    ///
    /// ```
    /// use htmldict::ParseOptions;
    /// assert_eq!(ParseOptions::new().get_page_host(), None);
    /// let options = ParseOptions::new().page_host("WWW.Example.CO.JP.");
    /// assert_eq!(options.get_page_host(), Some("www.example.co.jp"));
    /// assert_eq!(ParseOptions::new().page_host("例え.テスト").get_page_host(), Some("xn--r8jz45g.xn--zckzah"));
    /// assert_eq!(ParseOptions::new().page_host("192.0.2.1").get_page_host(), None);
    /// ```
    pub fn get_page_host(&self) -> Option<&str> {
        self.page_host.as_deref()
    }

    /// The top-level domain of the page's host, which guides encoding
    /// detection: its last label, when it is plain ASCII (a Punycode label
    /// such as `xn--zckzah` included).
    pub(crate) fn top_level_domain(&self) -> Option<&str> {
        let host = self.page_host.as_deref()?;
        host.rsplit('.').next().filter(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        })
    }
}

/// Bounds on what one parse may build. Exceeding one makes the parse return
/// [`ParseError::LimitExceeded`](crate::ParseError::LimitExceeded) naming the limit and
/// the value met, and the partial document is dropped; unless
/// [`ParseOptions::truncate_on_limit`] asks for it, marked truncated.
///
/// | field | bounds | default | [`Limit`](crate::Limit) named |
/// | --- | --- | ---: | --- |
/// | `max_input_bytes` | bytes of input, text or bytes | 64 MiB | `InputBytes` |
/// | `max_nodes` | nodes in the document | 2,000,000 | `Nodes` |
/// | `max_attributes_per_element` | attributes on one element | 1,024 | `AttributesPerElement` |
/// | `max_depth` | depth of an element below the document node | 512 | `Depth` |
/// | `max_name_bytes` | bytes of distinct element and attribute names | 1 MiB | `NameBytes` |
/// | (none: the document format's own) | bytes of text, comments and attribute values | 4 GiB - 1 | `TextBytes` |
///
/// The defaults are sized for crawling: far above what real pages need
/// (the 130 pages of the test corpus peak at about 40,000 nodes, 60 levels
/// and 200 attributes on one element), low enough that a hostile page cannot
/// take the process's memory.
///
/// What they bound, measured on the hostile pages of BENCHMARKS.md and
/// checked on every fuzzed input: a parse's heap peaks at most 32 bytes per
/// input byte plus 128 bytes per node it builds plus 256 KiB above where it
/// started; with the defaults, every page there runs in time linear in its
/// size or is refused at the tag that passed a limit (the tokenizer checks
/// after every token). The README's "Limits" section has the table of
/// defaults and the figures.
///
/// ```
/// use htmldict::{ParseError, Limit, Limits, ParseOptions, parse_html};
///
/// let options = ParseOptions::new().limits(Limits { max_depth: 64, ..Limits::default() });
/// let deep = "<div>".repeat(100);
/// match parse_html(&deep, &options) {
///     Err(ParseError::LimitExceeded { limit: Limit::Depth, max: 64, value }) => assert_eq!(value, 65),
///     other => panic!("{other:?}"),
/// }
/// assert!(parse_html(&deep, &ParseOptions::new().limits(Limits::none())).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of input (default 64 MiB; a crawler's page cap is usually lower).
    pub max_input_bytes: u64,
    /// Nodes in the document (default 2,000,000: about 80 MB of arena).
    pub max_nodes: u64,
    /// Attributes on one element (default 1,024).
    pub max_attributes_per_element: u64,
    /// Depth of an element below the document node (default 512, as browsers
    /// cap it); the parse stops at the tag that passes this depth. Deeper
    /// pages parse in time linear in their size with the limit off.
    pub max_depth: u64,
    /// Bytes of distinct element and attribute names in one document
    /// (default 1 MiB).
    pub max_name_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 << 20,
            max_nodes: 2_000_000,
            max_attributes_per_element: 1024,
            max_depth: 512,
            max_name_bytes: 1 << 20,
        }
    }
}

impl Limits {
    /// No limits beyond what the document format can address (4 GiB of
    /// input, 2^32 - 2 nodes).
    ///
    /// ```
    /// assert_eq!(htmldict::Limits::none().max_depth, u64::MAX);
    /// ```
    pub fn none() -> Self {
        Limits {
            max_input_bytes: u64::MAX,
            max_nodes: u64::MAX,
            max_attributes_per_element: u64::MAX,
            max_depth: u64::MAX,
            max_name_bytes: u64::MAX,
        }
    }
}
