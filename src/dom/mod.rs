//! The parsed document: a compact arena of nodes with a small read-only API.

mod arena;
mod element;
mod id_index;
mod memory;
mod names;
mod node;
mod serialize;
mod text;
mod traverse;
mod tree_dump;

use std::sync::Arc;

pub use arena::NodeId;
pub use element::ElementRef;
pub use memory::MemoryUsage;
pub use names::Namespace;
pub use node::{Attribute, Attributes, Doctype, NodeKind, NodeRef};
pub use traverse::{Ancestors, Children, Descendants};

pub(crate) use arena::{Arena, Attr, AttrRange, NodeData, Span};
pub(crate) use id_index::IdIndex;
pub(crate) use names::NameEntry;

use crate::dict::NameDictionary;
use crate::encoding::DocumentEncoding;
use crate::error::ParseError;
use crate::markup_errors::MarkupError;

/// The document's quirks mode, as the parser decided it from the doctype.
///
/// ```
/// use htmldict::{ParseOptions, QuirksMode, parse_html};
/// let doc = parse_html("<p>no doctype", &ParseOptions::new())?;
/// assert_eq!(doc.quirks_mode(), QuirksMode::Quirks);
/// let doc = parse_html("<!DOCTYPE html><p>", &ParseOptions::new())?;
/// assert_eq!(doc.quirks_mode(), QuirksMode::NoQuirks);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuirksMode {
    /// Full quirks mode.
    Quirks,
    /// Limited quirks ("almost standards") mode.
    LimitedQuirks,
    /// Standards mode.
    NoQuirks,
}

/// A parsed HTML document or fragment.
///
/// Nodes live in one arena and are reached through [`NodeRef`]s borrowed
/// from the document. A `Document` owns everything it refers to: it is
/// `Send + Sync`, holds no string_cache dynamic atom, and stays valid
/// whatever its dictionary does later (names it uses are reference-counted).
///
/// ```
/// use htmldict::{ParseOptions, parse_html};
///
/// let doc = parse_html(r#"<title>Hi</title><p id="x">Hello <b>world</b>"#, &ParseOptions::new())?;
/// let p = doc.get_element_by_id("x").unwrap();
/// assert_eq!(p.text(), "Hello world");
/// assert_eq!(p.outer_html(), r#"<p id="x">Hello <b>world</b></p>"#);
/// assert_eq!(
///     doc.to_html(),
///     r#"<html><head><title>Hi</title></head><body><p id="x">Hello <b>world</b></p></body></html>"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Document {
    pub(crate) arena: Arena,
    pub(crate) id_index: Option<IdIndex>,
    pub(crate) quirks_mode: QuirksMode,
    pub(crate) errors: Vec<MarkupError>,
    /// Errors met past [`Document::MAX_KEPT_ERRORS`]: counted, not kept.
    pub(crate) errors_dropped: u64,
    pub(crate) scripting: bool,
    pub(crate) is_fragment: bool,
    /// For a fragment, the context element: created by the parser, never
    /// part of the tree. Its name decides how the fragment serialises.
    pub(crate) fragment_context: Option<NodeId>,
    pub(crate) dictionary: Arc<dyn NameDictionary>,
    pub(crate) encoding: Option<DocumentEncoding>,
    /// The limit that stopped the parse, with
    /// [`ParseOptions::truncate_on_limit`](crate::ParseOptions::truncate_on_limit).
    pub(crate) truncated: Option<ParseError>,
}

impl Document {
    /// The document node, root of the tree.
    ///
    /// ```
    /// # use htmldict::{NodeKind, ParseOptions, parse_html};
    /// let doc = parse_html("<p>", &ParseOptions::new())?;
    /// assert_eq!(doc.root().kind(), NodeKind::Document);
    /// assert_eq!(doc.root().first_child().unwrap().local_name(), Some("html"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef::new(self, NodeId::DOCUMENT)
    }

    /// The node with this id, if the document has one.
    ///
    /// ```
    /// # use htmldict::{NodeId, ParseOptions, parse_html};
    /// let doc = parse_html("<p>", &ParseOptions::new())?;
    /// assert!(doc.node(NodeId::DOCUMENT).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn node(&self, id: NodeId) -> Option<NodeRef<'_>> {
        (id.index() < self.arena.nodes.len()).then(|| NodeRef::new(self, id))
    }

    /// How many nodes the arena holds, including the document node and any
    /// node the parser created and later left out of the tree.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>a</p>", &ParseOptions::new())?;
    /// assert_eq!(doc.node_count(), 6); // document, html, head, body, p, "a"
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn node_count(&self) -> usize {
        self.arena.nodes.len()
    }

    /// The first element, in tree order, whose `id` attribute equals `id`.
    ///
    /// With `collect_ids` on (the default) this is a hash lookup; with it off
    /// the tree is scanned. The answer is the same either way, and elements
    /// inside `<template>` contents are not found (as in the DOM).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let html = r#"<div id="a">1</div><div id="a">2</div>"#;
    /// for collect_ids in [true, false] {
    ///     let doc = parse_html(html, &ParseOptions::new().collect_ids(collect_ids))?;
    ///     assert_eq!(doc.get_element_by_id("a").unwrap().text(), "1");
    ///     assert!(doc.get_element_by_id("b").is_none());
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_element_by_id(&self, id: &str) -> Option<NodeRef<'_>> {
        if id.is_empty() {
            return None;
        }
        match &self.id_index {
            Some(index) => index
                .get(&self.arena, id)
                .map(|node| NodeRef::new(self, node)),
            None => self
                .root()
                .descendants()
                .find(|node| node.attr_id_value() == Some(id)),
        }
    }

    /// Whether this document carries an index of `id` values (the
    /// `collect_ids` option).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=a>", &ParseOptions::new().collect_ids(false))?;
    /// assert!(!doc.has_id_index());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_id_index(&self) -> bool {
        self.id_index.is_some()
    }

    /// The quirks mode the parser chose from the doctype (see [`QuirksMode`]).
    ///
    /// ```
    /// use htmldict::{ParseOptions, QuirksMode, parse_html};
    /// let html = r#"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"
    ///     "http://www.w3.org/TR/html4/loose.dtd"><p>"#;
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// assert_eq!(doc.quirks_mode(), QuirksMode::LimitedQuirks);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quirks_mode(&self) -> QuirksMode {
        self.quirks_mode
    }

    /// How many parse errors a document keeps at most: the first ones, in
    /// order. A hostile page can make an error of every byte; kept whole,
    /// they would hold more memory than the page (the README's peak-heap
    /// bound). Past this many, errors are counted
    /// ([`errors_dropped`](Self::errors_dropped)), not kept.
    ///
    /// ```
    /// use htmldict::{Document, ParseOptions, parse_html};
    /// let doc = parse_html(&"\0".repeat(5000), &ParseOptions::new().keep_errors(true))?;
    /// assert_eq!(doc.errors().len(), Document::MAX_KEPT_ERRORS);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const MAX_KEPT_ERRORS: usize = 2_048;

    /// Parse errors, in the order met, when the options asked to keep them
    /// (empty otherwise): the first [`MAX_KEPT_ERRORS`](Self::MAX_KEPT_ERRORS),
    /// each with its kind, line and column ([`MarkupError`]).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p></b>", &ParseOptions::new().keep_errors(true))?;
    /// assert!(!doc.errors().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn errors(&self) -> &[MarkupError] {
        &self.errors
    }

    /// How many parse errors were met past the first
    /// [`MAX_KEPT_ERRORS`](Self::MAX_KEPT_ERRORS), and not kept (0 unless
    /// errors are kept).
    ///
    /// ```
    /// use htmldict::{Document, ParseOptions, parse_html};
    /// let options = ParseOptions::new().keep_errors(true);
    /// let doc = parse_html(&"</x>".repeat(3000), &options)?;
    /// assert_eq!(doc.errors().len(), Document::MAX_KEPT_ERRORS);
    /// assert!(doc.errors_dropped() > 0);
    /// assert_eq!(parse_html("<p></b>", &options)?.errors_dropped(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn errors_dropped(&self) -> u64 {
        self.errors_dropped
    }

    /// True for documents made by [`parse_fragment`](crate::parse_fragment).
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_fragment, parse_html};
    /// assert!(parse_fragment("div", "<b>x</b>", &ParseOptions::new())?.is_fragment());
    /// assert!(!parse_html("<b>x</b>", &ParseOptions::new())?.is_fragment());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_fragment(&self) -> bool {
        self.is_fragment
    }

    /// For a fragment, the element standing for the context element: the
    /// parsed nodes are its children. `None` for a whole document.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_fragment};
    /// let frag = parse_fragment("tr", "<td>a<td>b", &ParseOptions::new())?;
    /// let cells: Vec<_> = frag.fragment_root().unwrap().children().map(|c| c.text()).collect();
    /// assert_eq!(cells, ["a", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fragment_root(&self) -> Option<NodeRef<'_>> {
        if self.is_fragment {
            self.root().first_child()
        } else {
            None
        }
    }

    /// The text of the whole document (all text nodes, in tree order, as
    /// they are); see [`readable_text`](Self::readable_text) for what a
    /// reader would see.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<title>T</title><p>a\n<style>s</style>", &ParseOptions::new())?;
    /// assert_eq!(doc.text(), "Ta\ns");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self) -> String {
        self.root().text()
    }

    /// The limit that stopped the parse early, when
    /// [`ParseOptions::truncate_on_limit`](crate::ParseOptions::truncate_on_limit)
    /// kept the document built so far (always a
    /// [`ParseError::LimitExceeded`]); `None` for a whole parse.
    ///
    /// ```
    /// # use htmldict::{Limits, ParseOptions, parse_html};
    /// let options = ParseOptions::new().truncate_on_limit(true).limits(Limits { max_nodes: 12, ..Limits::default() });
    /// let doc = parse_html("<ul><li>1<li>2<li>3<li>4<li>5</ul>", &options)?;
    /// assert_eq!(doc.truncated().unwrap().to_string(), "limit exceeded: nodes reached 13, the maximum is 12");
    /// assert_eq!(doc.text(), "123");
    /// assert!(parse_html("<p>short", &options)?.truncated().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn truncated(&self) -> Option<&ParseError> {
        self.truncated.as_ref()
    }

    /// The document's title as the HTML standard defines it
    /// (`document.title`): the text node children of the first HTML
    /// `title` element in tree order, ASCII whitespace stripped and
    /// collapsed to single spaces. `None` when there is no such element or
    /// its text is empty (`document.title` gives `""` for both). An
    /// SVG `<title>` (a tooltip) is not the document's title, nor is one in
    /// template contents, nor the text of elements inside the `title`.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let html = "<svg><title>icon</title></svg><title>\n  Tea &amp;\t Cakes </title><title>second</title>";
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// assert_eq!(doc.title().as_deref(), Some("Tea & Cakes"));
    /// assert_eq!(parse_html("<p>untitled", &ParseOptions::new())?.title(), None);
    /// assert_eq!(parse_html("<title> </title>", &ParseOptions::new())?.title(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn title(&self) -> Option<String> {
        let title = self
            .root()
            .descendants()
            .find(|node| node.is_html_element("title"))?;
        let text: String = title
            .children()
            .filter_map(|child| child.as_text())
            .collect();
        let title = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        (!title.is_empty()).then_some(title)
    }

    /// Serialises the document as HTML. For a fragment, serialises the parsed
    /// nodes as the inner HTML of the context element: inside `script`,
    /// `style`, `plaintext` and the other raw-text contexts, text is written
    /// as it is, not escaped.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_fragment};
    /// let frag = parse_fragment("script", "if (a < b) {}", &ParseOptions::new())?;
    /// assert_eq!(frag.to_html(), "if (a < b) {}");
    /// let frag = parse_fragment("div", "if (a < b) {}", &ParseOptions::new())?;
    /// assert_eq!(frag.to_html(), "if (a &lt; b) {}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self) -> String {
        match (self.fragment_root(), self.fragment_context) {
            (Some(root), Some(context)) => serialize::children_to_string(root, context),
            (Some(root), None) => root.inner_html(),
            (None, _) => self.root().inner_html(),
        }
    }

    /// The tree in the html5lib tree-construction test format: one `| `-led
    /// line per node, two spaces of indent per level. For a fragment, the
    /// children of the context element.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p class=a>x", &ParseOptions::new())?;
    /// assert_eq!(
    ///     doc.html5lib_tree(),
    ///     "| <html>\n|   <head>\n|   <body>\n|     <p>\n|       class=\"a\"\n|       \"x\"\n"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn html5lib_tree(&self) -> String {
        tree_dump::dump(self)
    }

    /// The dictionary this document's names came from: the one in the
    /// options it was parsed with.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{LruDictionary, NameDictionary, ParseOptions, parse_html};
    /// let options = ParseOptions::new().dictionary(Arc::new(LruDictionary::new(64)));
    /// let doc = parse_html("<app-root></app-root>", &options)?;
    /// assert!(Arc::ptr_eq(doc.dictionary(), options.get_dictionary()));
    /// assert_eq!(doc.dictionary().stats().misses, 1); // app-root
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dictionary(&self) -> &Arc<dyn NameDictionary> {
        &self.dictionary
    }

    /// For a document parsed from bytes, the encoding its bytes were decoded
    /// with and why that one; `None` for a document parsed from text
    /// ([`parse_html`](crate::parse_html), [`parse_fragment`](crate::parse_fragment),
    /// [`Parser::feed_str`](crate::Parser::feed_str)), where no decoding
    /// took place.
    ///
    /// ```
    /// use htmldict::{EncodingSource, ParseOptions, parse_html, parse_html_bytes};
    ///
    /// let doc = parse_html_bytes(b"<meta charset=shift_jis><p>\x93\xfa\x96\x7b", &ParseOptions::new())?;
    /// let encoding = doc.encoding().unwrap();
    /// assert_eq!((encoding.name(), encoding.source()), ("Shift_JIS", EncodingSource::Meta));
    /// assert_eq!(doc.text(), "日本");
    /// assert!(parse_html("<p>text", &ParseOptions::new())?.encoding().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encoding(&self) -> Option<DocumentEncoding> {
        self.encoding
    }
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("nodes", &self.arena.nodes.len())
            .field("names", &self.arena.names.len())
            .field("text_bytes", &self.arena.text.len())
            .field("id_index", &self.id_index.is_some())
            .field("quirks_mode", &self.quirks_mode)
            .field("encoding", &self.encoding)
            .finish()
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        for entry in self.arena.names.iter().filter(|e| e.releases) {
            if let Some(name) = entry.interned() {
                self.dictionary.release(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Document>();
        assert_send_sync::<NodeRef<'static>>();
    }
}
