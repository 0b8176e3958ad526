//! htmldict: a spec-conformant HTML parser for web crawlers whose element and
//! attribute names are interned through a pluggable, observable dictionary.
//!
//! A crawler's page, from the bytes and `Content-Type` it fetched to the
//! links, title and text it keeps, with what the page costs in memory:
//!
//! ```
//! use htmldict::{LinkOptions, ParseOptions, Url, parse_html_bytes};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let url = Url::parse("https://example.com/blog/")?;
//! let body = "<html lang=en><title>Caf\u{e9} notes</title><p>Fresh <a href=post#top>post</a>
//!     <a href=post rel=nofollow>again</a> <a href='mailto:me@example.com'>mail</a>".as_bytes();
//!
//! // The charset of `Content-Type: text/html; charset=utf-8`, if it had one,
//! // and the host, a hint for pages that declare none. A page past a limit
//! // (64 MiB, 2 million nodes, ...) comes back cut there, marked truncated,
//! // rather than as an error.
//! let options = ParseOptions::new()
//!     .transport_charset("utf-8")
//!     .page_host(url.host_str().unwrap_or(""))
//!     .truncate_on_limit(true);
//! let doc = parse_html_bytes(body, &options)?;
//! assert!(doc.truncated().is_none());
//!
//! // The links to follow: a and area, http(s), no fragment, each URL once.
//! let links = doc.links_with(&url, &LinkOptions::crawl());
//! let follow: Vec<&str> = links.iter().filter(|l| !l.has_rel("nofollow")).map(|l| l.url.as_str()).collect();
//! assert_eq!(follow, ["https://example.com/blog/post"]);
//! assert_eq!(doc.title().as_deref(), Some("Caf\u{e9} notes"));
//! // The text as a reader sees it (`text()` is every text node as it is).
//! assert_eq!(doc.readable_text(), "Caf\u{e9} notes\nFresh post again mail");
//! assert_eq!(doc.page_facts(&url).language.as_deref(), Some("en"));
//!
//! // What this document holds, and what the shared dictionary holds for
//! // every page of the crawl.
//! assert!(doc.memory_usage().total() > 0);
//! let stats = options.get_dictionary().stats();
//! assert!(stats.lookups >= stats.hits);
//! # Ok(())
//! # }
//! ```
//!
//! A tokenizer of htmldict's own (the HTML standard's tokenization, byte by
//! byte with fast paths, see the [`tokenizer`] module) feeds a tree builder
//! of its own (the standard's tree construction, writing the arena
//! directly); htmldict builds a compact arena DOM and decides where names
//! live:
//!
//! * [`GlobalDictionary`]: shared by every document, never shrinks (libxml2's way);
//! * [`PerDocumentDictionary`]: each document owns its names, freed with it;
//! * [`LruDictionary`]: a bounded cache of the most recently used names (the
//!   default, 4,096 names, in 16 independently locked shards of 256): a
//!   shard stores a name at once while it has room; once full, only when
//!   it misses the name a second time, in place of one not used since it
//!   was stored or last spared;
//! * your own [`NameDictionary`].
//!
//! Only names html5ever would have to allocate reach a dictionary: names in
//! its static set (`div`, `href`, `clipPath`, ...) and names of 7 bytes or
//! less (packed inside the atom) cost nothing and bypass it. The rest (Vue's
//! `data-v-7ba5bd90`, `app-cart-drawer`) are asked for once per distinct name
//! per document. Values (`id`s, attribute values, text) are never interned.
//!
//! Input is text ([`parse_html`]) or bytes ([`parse_html_bytes`]), whose
//! encoding is decided as the HTML standard says (BOM, transport charset,
//! `<meta>`, then detection from the bytes as in Firefox, windows-1252 for
//! all-ASCII input) and reported by [`Document::encoding`]; a
//! [`Parser`] takes either in pieces as they arrive and builds the same tree.
//!
//! For crawling, a document gives its readable text
//! ([`Document::readable_text`]) and its links resolved against its base URL
//! ([`Document::links`]).
//!
//! Documents are queried with CSS [`Selector`]s ([`Document::select`]), and
//! no traversal or match recurses on the depth of the tree.
//!
//! ```
//! use std::sync::Arc;
//! use htmldict::{LruDictionary, ParseOptions, parse_html};
//!
//! let dict = Arc::new(LruDictionary::new(1024));
//! let options = ParseOptions::new().dictionary(dict.clone());
//! let doc = parse_html(r#"<div data-v-7ba5bd90 id="cart"><app-cart-drawer>3 items"#, &options)?;
//!
//! assert_eq!(doc.get_element_by_id("cart").unwrap().text(), "3 items");
//! // data-v-7ba5bd90 and app-cart-drawer were asked for; div and id cost nothing.
//! // The dictionary has room: it stores them at once, for the pages to come.
//! assert_eq!((dict.stats().misses, dict.stats().entries), (2, 2));
//! parse_html(r#"<app-cart-drawer data-v-7ba5bd90>"#, &options)?;
//! assert_eq!(dict.stats().hits, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod dict;
mod dom;
mod encoding;
mod error;
mod facts;
mod links;
mod markup_errors;
mod options;
mod parse;
mod select;

// Inlined, so that the front page describes each dictionary type where it
// lists it.
#[doc(inline)]
pub use dict::{
    Admission, DictStats, GlobalDictionary, LruDictionary, NameDictionary, PerDocumentDictionary,
};
pub use dom::{
    Ancestors, Attribute, Attributes, Children, Descendants, Doctype, Document, ElementRef,
    MemoryUsage, Namespace, NodeId, NodeKind, NodeRef, QuirksMode,
};
pub use encoding::{DocumentEncoding, EncodingSource};
pub use error::{Limit, ParseError};
pub use facts::{PageFacts, Refresh};
pub use links::{Link, LinkOptions, LinkSource, Links, SkipReason, SkippedLink};
pub use markup_errors::{MarkupError, MarkupErrorKind};
pub use options::{Limits, ParseOptions};
pub use parse::tokenizer;
pub use parse::{Parser, parse_fragment, parse_html, parse_html_bytes};
pub use select::{Select, Selector, SelectorError, SelectorErrorKind};
/// The `url` crate, whose [`Url`] and `ParseError` appear in the links API,
/// re-exported so that callers use the same version without depending on it.
pub use url::{self, Url};

/// The `html5ever` crate, whose tokens, names (atoms) and serializer
/// interface htmldict uses, re-exported for [`tokenize_into`](tokenizer::tokenize_into) (which takes any of its token sinks)
/// and for [`NodeRef`]'s `Serialize` implementation, so that callers use the
/// same version without depending on it.
///
/// ```
/// use htmldict::html5ever::tokenizer::{Token, TokenSink, TokenSinkResult};
/// struct Ignore;
/// impl TokenSink for Ignore {
///     type Handle = ();
///     fn process_token(&self, _: Token, _: u64) -> TokenSinkResult<()> {
///         TokenSinkResult::Continue
///     }
/// }
/// htmldict::tokenizer::tokenize_into("<p>", &htmldict::tokenizer::TokenizerOptions::new(), Ignore);
/// ```
pub use html5ever;

/// The `encoding_rs` crate, whose [`Encoding`](encoding_rs::Encoding) values
/// [`DocumentEncoding::encoding`] and [`ParseOptions::get_transport_charset`]
/// return, so that callers can compare them with its constants without a
/// dependency of their own.
///
/// ```
/// use htmldict::{ParseOptions, encoding_rs};
/// let options = ParseOptions::new().transport_charset("sjis");
/// assert_eq!(options.get_transport_charset(), Some(encoding_rs::SHIFT_JIS));
/// ```
pub use encoding_rs;

// The README's Rust examples, compiled and run with the doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
