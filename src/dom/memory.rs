//! Per-document heap accounting.

use std::borrow::Cow;
use std::mem::size_of;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::Document;
use super::arena::{Attr, Node, Span};
use super::names::NameEntry;
use crate::markup_errors::{MarkupError, MarkupErrorKind};

/// Heap bytes a [`Document`] holds, by part, as requested from the
/// allocator (capacities, not lengths).
///
/// Names a dictionary shares are counted by the dictionary
/// ([`DictStats::bytes`](crate::DictStats)); `names` includes a name's string
/// only when the document is its sole owner (per-document strategy, or a name
/// an LRU dictionary did not store or has since evicted).
///
/// ```
/// use htmldict::{ParseOptions, parse_html};
/// let html = r#"<div id="a">text</div><div id="b"></div>"#;
/// let with_ids = parse_html(html, &ParseOptions::new())?.memory_usage();
/// let without = parse_html(html, &ParseOptions::new().collect_ids(false))?.memory_usage();
/// assert!(with_ids.id_index > 0);
/// assert_eq!(without.id_index, 0);
/// assert_eq!(with_ids.total() - with_ids.id_index, without.total());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryUsage {
    /// The node arena.
    pub nodes: usize,
    /// Text, comments, attribute values and doctype strings.
    pub text: usize,
    /// The attribute table (names and value positions).
    pub attributes: usize,
    /// The document-local name table, and names only this document holds.
    pub names: usize,
    /// The `collect_ids` index (0 when off).
    pub id_index: usize,
    /// Kept parse errors.
    pub errors: usize,
}

impl MemoryUsage {
    /// The sum of all parts.
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html};
    /// let html = "<p>stray end tag</b>";
    /// let quiet = parse_html(html, &ParseOptions::new())?.memory_usage();
    /// let noisy = parse_html(html, &ParseOptions::new().keep_errors(true))?.memory_usage();
    /// assert_eq!(quiet.errors, 0);
    /// assert_eq!(noisy.total(), quiet.total() + noisy.errors);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total(&self) -> usize {
        self.nodes + self.text + self.attributes + self.names + self.id_index + self.errors
    }
}

impl Document {
    /// The heap bytes this document holds, by part (see [`MemoryUsage`] for
    /// what each part covers, and what is counted by the dictionary instead).
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html};
    /// let small = parse_html("<p>hello world", &ParseOptions::new())?.memory_usage();
    /// let big = parse_html(&"<p>hello world".repeat(1000), &ParseOptions::new())?.memory_usage();
    /// assert!(big.text >= 11 * 1000); // every "hello world" is stored
    /// assert!(big.nodes > 100 * small.nodes);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn memory_usage(&self) -> MemoryUsage {
        let arena = &self.arena;
        // A string is the document's alone when every reference to it is one
        // of the document's own entries (a name can serve in two roles).
        let mut references: FxHashMap<*const u8, usize> = FxHashMap::default();
        for name in arena.names.iter().filter_map(NameEntry::interned) {
            *references.entry(name.as_ptr()).or_default() += 1;
        }
        let sole_owned: usize = arena
            .names
            .iter()
            .filter(|entry| entry.releases)
            .filter_map(NameEntry::interned)
            // Cannot panic: every interned name was counted in the loop above.
            .filter(|name| Arc::strong_count(name) == references[&name.as_ptr()])
            .map(|name| crate::dict::name_heap_bytes(name.len()) as usize)
            .sum();
        let errors = self.errors.capacity() * size_of::<MarkupError>()
            + self
                .errors
                .iter()
                .map(|e| match &e.kind {
                    MarkupErrorKind::TreeConstruction(Cow::Owned(s)) => s.capacity(),
                    _ => 0,
                })
                .sum::<usize>();
        MemoryUsage {
            nodes: arena.nodes.capacity() * size_of::<Node>(),
            text: arena.text.capacity() + arena.extra.capacity() * size_of::<Span>(),
            attributes: arena.attrs.capacity() * size_of::<Attr>(),
            names: arena.names.capacity() * size_of::<NameEntry>() + sole_owned,
            id_index: self.id_index.as_ref().map_or(0, |index| index.heap_bytes()),
            errors,
        }
    }
}
