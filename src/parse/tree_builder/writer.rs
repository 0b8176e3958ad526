//! [`Writer`]: the document under construction. The tree builder's
//! operations ("insert an element at the adjusted insertion location",
//! "insert a character", moving nodes for the adoption agency and foster
//! parenting) land here as changes to the arena, with each distinct name
//! interned once per document.
//!
//! The writer keeps the arena and the parts beside it, one concern each:
//! the limits ([`Budget`]), the depths ([`Depths`]), the `id` candidates
//! ([`IdCandidates`]), the kept errors ([`KeptErrors`]), text that grew
//! behind other text ([`DetachedText`]) and attributes merged into `html`
//! and `body` ([`MergedAttrs`]).
//!
//! Once a limit refuses the parse, nothing more is stored: new nodes get
//! ids past the arena's end that are stored nowhere ([`Writer::unstored`]),
//! and every change to the tree is skipped, so a refused parse stops
//! growing where it failed.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use html5ever::{LocalName, QualName, ns};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::super::budget::Budget;
use super::super::depths::Depths;
use super::super::ids::IdCandidates;
use super::super::kept_errors::KeptErrors;
use super::super::known::Kind;
use super::super::names::{NAME_TABLE_START, NameTable};
use super::super::tokenizer::NameSlot;
use super::super::tokenizer::token::Attr as TokenAttr;
use super::formatting::Attributes;
use crate::dict::NameDictionary;
use crate::dom::{Arena, Attr, AttrRange, Document, NameEntry, NodeData, NodeId, QuirksMode, Span};
use crate::encoding::DocumentEncoding;
use crate::error::{Limit, ParseError};
use crate::options::ParseOptions;

/// Where a node goes: as the last child of `parent`, or just before
/// `before` (a child of `parent`), as "the appropriate place for
/// inserting a node" gives it (13.2.6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) parent: NodeId,
    pub(crate) before: Option<NodeId>,
}

impl Place {
    pub(crate) fn last_child_of(parent: NodeId) -> Place {
        Place {
            parent,
            before: None,
        }
    }
}

/// Text nodes that grew after other text had been stored behind them:
/// their text is finished here and moved into the arena at the end, so
/// that repeated growth (foster-parented text) stays linear.
#[derive(Default)]
struct DetachedText {
    texts: FxHashMap<NodeId, String>,
}

/// The attributes later `<html>` and `<body>` tags added to an element,
/// joined to its own when the parse ends.
#[derive(Default)]
struct MergedAttrs {
    by_element: FxHashMap<NodeId, Merged>,
}

/// The attributes added to one element.
struct Merged {
    /// Every name the element carries, its own and the added ones.
    names: FxHashSet<u32>,
    added: Vec<Attr>,
}

/// What the finished document is, besides its tree and its encoding.
pub(crate) struct DocumentFacts {
    pub(crate) quirks: QuirksMode,
    pub(crate) scripting: bool,
    pub(crate) is_fragment: bool,
    pub(crate) fragment_context: Option<NodeId>,
}

pub(crate) struct Writer {
    arena: Arena,
    /// Name to its index in `arena.names`.
    names: NameTable,
    dictionary: Arc<dyn NameDictionary>,
    ids: IdCandidates,
    detached: DetachedText,
    merged: MergedAttrs,
    /// Bytes of `arena.text` and `arena.attrs` no node refers to any more
    /// (left by text merged into an earlier node and by attributes merged
    /// into `html` and `body`); compacted away at the end when they are
    /// worth a copy of the rest (see [`GARBAGE_SHARE`]).
    garbage: usize,
    errors: KeptErrors,
    budget: Budget,
    depths: Depths,
    /// The next id [`Writer::unstored`] hands out.
    next_unstored: u32,
    /// What the input was decoded with (`None` for text), given by the
    /// parse just before it finishes.
    encoding: Option<DocumentEncoding>,
}

impl Writer {
    pub(crate) fn new(options: &ParseOptions, input_hint: usize) -> Writer {
        let mut arena = Arena::new();
        // Sized so that real pages rarely grow them: text and values come to
        // 55% to 95% of the input, and pages have one node per 30 to 220
        // bytes and one attribute per 50 to 300. Growing copies what is
        // there; the excess is given back by `shrink_to_fit` at the end,
        // which does not copy.
        arena.text.reserve(input_hint);
        arena.nodes.reserve(input_hint / 48);
        arena.attrs.reserve(input_hint / 96);
        arena.names.reserve(NAME_TABLE_START);
        let depths = Depths::new(arena.nodes.capacity());
        Writer {
            arena,
            names: NameTable::new(),
            dictionary: options.dictionary.clone(),
            ids: IdCandidates::new(options.collect_ids),
            detached: DetachedText::default(),
            merged: MergedAttrs::default(),
            garbage: 0,
            errors: KeptErrors::new(options.keep_errors),
            budget: Budget::new(options.limits, options.truncate_on_limit),
            depths,
            next_unstored: 0,
            encoding: None,
        }
    }

    // -----------------------------------------------------------------
    // Limits and errors

    /// Whether a limit refused the parse: nothing more is built.
    pub(crate) fn refused(&self) -> bool {
        self.budget.refused()
    }

    /// The first limit the parse ran into, if any.
    pub(crate) fn failure(&self) -> Option<&ParseError> {
        self.budget.failure()
    }

    /// Marks the document cut at `error` (the input's size).
    pub(crate) fn set_truncated(&mut self, error: Option<ParseError>) {
        self.budget.set_truncated(error);
    }

    /// Records what the input was decoded with, for the document.
    pub(crate) fn set_encoding(&mut self, encoding: Option<DocumentEncoding>) {
        self.encoding = encoding;
    }

    /// The kept errors (see [`KeptErrors`]).
    pub(crate) fn errors(&mut self) -> &mut KeptErrors {
        &mut self.errors
    }

    fn fail(&mut self, limit: Limit, max: u64, value: u64) {
        self.budget.fail(limit, max, value);
    }

    // -----------------------------------------------------------------
    // Names

    /// The document-local id of `name`, asking the dictionary on first
    /// sight.
    #[inline]
    pub(crate) fn intern(&mut self, name: &QualName) -> u32 {
        match self.names.get(name) {
            Some(id) => id,
            None => self.intern_new(name.clone()),
        }
    }

    /// The same for an attribute's name, kept by the tokenizer's name cache
    /// in `slot`.
    #[inline]
    fn intern_attribute(&mut self, name: &QualName, slot: NameSlot) -> u32 {
        match self.names.get_attribute(name, slot) {
            Some(id) => id,
            None => {
                let id = self.intern(name);
                self.names.set_attribute(name, slot, id);
                id
            }
        }
    }

    /// The same for an element name (no prefix) of kind `kind` (an HTML
    /// element's, else [`Kind::OTHER`]), made into a `QualName` only at
    /// its first sighting.
    #[inline]
    fn intern_element(&mut self, ns: &html5ever::Namespace, local: &LocalName, kind: Kind) -> u32 {
        if kind == Kind::OTHER {
            return self.intern_element_by_name(ns, local);
        }
        match self.names.get_html_element(kind) {
            Some(id) => id,
            None => {
                let id = self.intern_element_by_name(ns, local);
                self.names.set_html_element(kind, id);
                id
            }
        }
    }

    #[inline]
    fn intern_element_by_name(&mut self, ns: &html5ever::Namespace, local: &LocalName) -> u32 {
        match self.names.get_parts(ns, None, local) {
            Some(id) => id,
            None => self.intern_new(QualName::new(None, ns.clone(), local.clone())),
        }
    }

    #[cold]
    fn intern_new(&mut self, name: QualName) -> u32 {
        // Cannot truncate: each name was read from the input (at least two
        // bytes a name), and the input is at most u32::MAX bytes.
        let id = self.arena.names.len() as u32;
        let Writer {
            dictionary,
            names,
            arena,
            ..
        } = self;
        let mut first_use = false;
        // A refused document is thrown away: its names must not take the
        // place of others in a shared dictionary.
        let refused = self.budget.refused();
        let mut entry = NameEntry::new(&name, |text| {
            // The same local name in another role (element and attribute,
            // HTML and SVG) shares the string already asked for. Names that
            // need the dictionary are never adjusted foreign attributes, so
            // they carry no prefix and one of these four namespaces; a role
            // outside them only costs a second request.
            let roles = [ns!(html), ns!(), ns!(svg), ns!(mathml)];
            let shared = roles.iter().find_map(|ns| {
                let other = QualName::new(None, ns.clone(), name.local.clone());
                let other = names.contains(&other)?;
                // Cannot panic: the table holds ids of pushed entries only.
                arena.names[other as usize].interned()
            });
            if let Some(text) = shared {
                return text.clone();
            }
            if refused {
                return Arc::from(text);
            }
            first_use = true;
            dictionary.intern(text)
        });
        // Only the entry that asked the dictionary gives the name back.
        entry.releases = first_use;
        self.budget.add_name_bytes(name.local.len());
        if entry.is_id_attribute() {
            self.ids.id_name_is(id);
        }
        self.arena.names.push(entry);
        self.names.insert(name, id);
        id
    }

    // -----------------------------------------------------------------
    // Storage

    /// Stores `text` at the end of the arena's text.
    fn push_text(&mut self, text: &str) -> Span {
        if self.budget.refused() {
            return Span::default();
        }
        let start = self.arena.text.len();
        let end = start + text.len();
        if end > u32::MAX as usize {
            self.fail(Limit::TextBytes, u32::MAX as u64, end as u64);
            return Span::default();
        }
        self.arena.text.push_str(text);
        // Cannot truncate: `start <= end <= u32::MAX`, checked above.
        Span {
            start: start as u32,
            len: text.len() as u32,
        }
    }

    /// Stores a new node, or, once the parse has failed, returns an id of
    /// its own that is stored nowhere (see [`Writer::unstored`]).
    #[inline(always)]
    fn push_node(&mut self, data: NodeData) -> NodeId {
        if self.budget.refused() {
            return self.unstored();
        }
        // Node ids are u32 and never 0, so the arena stops short of 2^32 - 1
        // whatever the limit says.
        let max = self.budget.limits().max_nodes.min(u32::MAX as u64 - 2);
        let count = self.arena.nodes.len() as u64;
        if count >= max {
            self.fail(Limit::Nodes, max, count + 1);
            return self.unstored();
        }
        self.depths.add_node();
        self.arena.push(data)
    }

    /// A node id past the arena's end, distinct from the others (so that
    /// the stack of open elements tells such nodes apart), for a node made
    /// after the parse failed. Such nodes are never stored and every change
    /// to the tree is skipped.
    fn unstored(&mut self) -> NodeId {
        let index = self.next_unstored.max(self.arena.nodes.len() as u32);
        self.next_unstored = index.saturating_add(1).min(u32::MAX - 1);
        NodeId::from_index(index as usize)
    }

    /// Creates an element (not yet in the tree) named `name`, with `attrs`
    /// moved in; `template` gives it a contents fragment, and
    /// `integration_point` marks a MathML `annotation-xml` that is an HTML
    /// integration point.
    pub(crate) fn create_element(
        &mut self,
        ns: &html5ever::Namespace,
        local: &LocalName,
        kind: Kind,
        attrs: &mut Vec<TokenAttr<'_>>,
        template: bool,
        integration_point: bool,
    ) -> NodeId {
        let max = self.budget.limits().max_attributes_per_element;
        if attrs.len() as u64 > max {
            self.fail(Limit::AttributesPerElement, max, attrs.len() as u64);
        }
        let name_id = self.intern_element(ns, local, kind);
        if self.budget.refused() {
            // The document is refused: what is left of the input is only
            // parsed to its end, so keep nothing more.
            attrs.clear();
        }
        // Cannot truncate: attributes are read from the input, at most
        // u32::MAX bytes, at least two bytes each.
        let start = self.arena.attrs.len() as u32;
        let len = attrs.len() as u32;
        self.arena.attrs.reserve(attrs.len());
        let mut has_id = false;
        for TokenAttr { name, value, slot } in attrs.drain(..) {
            let name = self.intern_attribute(&name, slot);
            let value = self.push_text(&value);
            has_id |= self.ids.is_id(name, value.len);
            self.arena.attrs.push(Attr { name, value });
        }
        let template_contents = template.then(|| self.push_node(NodeData::Fragment));
        let node = self.push_node(NodeData::Element {
            name: name_id,
            attrs: AttrRange { start, len },
            template_contents,
            mathml_integration_point: integration_point,
        });
        // A node the limits refused is stored nowhere: it must not reach
        // the id index, which looks every candidate up in the arena.
        if has_id && !self.budget.refused() {
            self.ids.add(node);
        }
        node
    }

    /// Creates an element (not yet in the tree) with the name and
    /// attributes of the element `like` ("create an element for the token
    /// for which" `like` "was created", for formatting elements made
    /// again). The values are shared with `like`'s: text is never changed
    /// once stored.
    pub(crate) fn create_element_like(&mut self, like: NodeId) -> NodeId {
        let Some(NodeData::Element {
            name,
            attrs,
            mathml_integration_point,
            ..
        }) = self.arena.nodes.get(like.index()).map(|n| n.data)
        else {
            return self.unstored();
        };
        if self.budget.refused() {
            return self.unstored();
        }
        // Cannot truncate: a copy of a range that fits, and attributes stay
        // far below u32::MAX (each copy is made for a tag of the input).
        let start = self.arena.attrs.len() as u32;
        self.arena.attrs.extend_from_within(attrs.indices());
        let has_id = self
            .arena
            .attrs_of(attrs)
            .iter()
            .any(|a| self.ids.is_id(a.name, a.value.len));
        let node = self.push_node(NodeData::Element {
            name,
            attrs: AttrRange {
                start,
                len: attrs.len,
            },
            template_contents: None,
            mathml_integration_point,
        });
        if has_id && !self.budget.refused() {
            self.ids.add(node);
        }
        node
    }

    /// The attributes of the element `node` (none for an unstored one).
    fn attributes_of(&self, node: NodeId) -> &[Attr] {
        match self.arena.nodes.get(node.index()).map(|n| n.data) {
            Some(NodeData::Element { attrs, .. }) => self.arena.attrs_of(attrs),
            _ => &[],
        }
    }

    /// Creates a comment (not yet in the tree).
    pub(crate) fn create_comment(&mut self, text: &str) -> NodeId {
        let span = self.push_text(text);
        self.push_node(NodeData::Comment(span))
    }

    /// Appends a doctype to the document.
    pub(crate) fn append_doctype(&mut self, name: &str, public_id: &str, system_id: &str) {
        if self.budget.refused() {
            return;
        }
        // Cannot truncate: three spans a doctype token, each from the input.
        let extra = self.arena.extra.len() as u32;
        let spans = [
            self.push_text(name),
            self.push_text(public_id),
            self.push_text(system_id),
        ];
        self.arena.extra.extend(spans);
        let node = self.push_node(NodeData::Doctype { extra });
        if !self.budget.refused() {
            self.arena.append_child(NodeId::DOCUMENT, node);
        }
    }

    // -----------------------------------------------------------------
    // The tree

    /// The parent of `node`, if it has one (none for an unstored node).
    pub(crate) fn parent(&self, node: NodeId) -> Option<NodeId> {
        self.arena.nodes.get(node.index()).and_then(|n| n.parent)
    }

    /// A template element's contents, or the node itself for any other.
    pub(crate) fn template_contents(&self, node: NodeId) -> NodeId {
        match self.arena.nodes.get(node.index()).map(|n| n.data) {
            Some(NodeData::Element {
                template_contents: Some(contents),
                ..
            }) => contents,
            _ => node,
        }
    }

    /// Puts `node` (detached from wherever it was) at `place`.
    pub(crate) fn insert(&mut self, place: Place, node: NodeId) {
        if self.budget.refused() {
            return;
        }
        self.arena.detach(node);
        match place.before {
            Some(before) => self.arena.insert_before(before, node),
            None => self.arena.append_child(place.parent, node),
        }
        self.placed(place.parent, node);
    }

    /// Inserts `text` at `place`: onto the text node just before it, if
    /// there is one, else as a new text node ("insert a character").
    pub(crate) fn insert_text(&mut self, place: Place, text: &str) {
        if self.budget.refused() || text.is_empty() {
            return;
        }
        let previous = match place.before {
            Some(before) => self.arena.node(before).prev_sibling,
            None => self.arena.node(place.parent).last_child,
        };
        let previous = previous.filter(|&id| matches!(self.arena.node(id).data, NodeData::Text(_)));
        if let Some(previous) = previous {
            self.extend_text(previous, text);
            return;
        }
        let span = self.push_text(text);
        let node = self.push_node(NodeData::Text(span));
        if self.budget.refused() {
            return;
        }
        match place.before {
            Some(before) => self.arena.insert_before(before, node),
            None => self.arena.append_child(place.parent, node),
        }
    }

    /// Appends `text` to the text node `node`.
    fn extend_text(&mut self, node: NodeId, text: &str) {
        if !self.detached.texts.is_empty()
            && let Some(detached) = self.detached.texts.get_mut(&node)
        {
            detached.push_str(text);
            return;
        }
        let NodeData::Text(span) = self.arena.node(node).data else {
            return;
        };
        if span.end() == self.arena.text.len() {
            // The common case: nothing was stored since this node's text.
            let added = self.push_text(text);
            if !self.budget.refused() {
                self.arena.node_mut(node).data = NodeData::Text(Span {
                    start: span.start,
                    len: span.len + added.len,
                });
            }
        } else {
            // Text merged into an earlier node (foster parenting): finish it
            // aside so that repeated merges stay linear.
            let mut detached = String::with_capacity(span.len as usize + text.len());
            detached.push_str(self.arena.str(span));
            detached.push_str(text);
            self.detached.texts.insert(node, detached);
            // The node's text moves to the end when the parse is done.
            self.garbage += span.len as usize;
        }
    }

    /// Takes `node` out of its parent.
    pub(crate) fn detach(&mut self, node: NodeId) {
        if !self.budget.refused() {
            self.arena.detach(node);
        }
    }

    /// Moves the children of `from` to the end of `to`'s, placing each.
    pub(crate) fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        if self.budget.refused() {
            return;
        }
        let mut child = self.arena.node(from).first_child;
        self.arena.reparent_children(from, to);
        while let Some(id) = child {
            if !matches!(self.arena.node(id).data, NodeData::Text(_)) {
                self.placed(to, id);
            }
            child = self.arena.node(id).next_sibling;
        }
    }

    /// Records that `child` now hangs from `parent`, checking the depth
    /// limit.
    fn placed(&mut self, parent: NodeId, child: NodeId) {
        let depth = self.depths.place(&self.arena, parent, child);
        let max = self.budget.limits().max_depth;
        if u64::from(depth) > max {
            self.fail(Limit::Depth, max, u64::from(depth));
        }
    }

    /// Adds to `target` the attributes of `attrs` whose names it does not
    /// carry yet (what a later `<html>` or `<body>` tag does). The additions
    /// wait in [`MergedAttrs`], with the set of names the element carries,
    /// and join its attributes when the parse ends: each call costs the
    /// attributes it is given, whatever came before.
    pub(crate) fn add_attrs_if_missing(&mut self, target: NodeId, attrs: &mut Vec<TokenAttr<'_>>) {
        if attrs.is_empty() || self.budget.refused() {
            return;
        }
        let NodeData::Element { attrs: range, .. } = self.arena.node(target).data else {
            return;
        };
        let mut merged = self.merged.by_element.remove(&target).unwrap_or_else(|| {
            let names = self.arena.attrs_of(range).iter().map(|a| a.name).collect();
            Merged {
                names,
                added: Vec::new(),
            }
        });
        // Names first: a limit met on the way (the name bytes, the
        // attributes per element) leaves the element as it was, so that a
        // truncated document keeps within every limit.
        let mut new = Vec::new();
        for TokenAttr { name, value, .. } in attrs.drain(..) {
            let name = self.intern(&name);
            if self.budget.refused() {
                break;
            }
            if merged.names.insert(name) {
                new.push((name, value));
            }
        }
        let max = self.budget.limits().max_attributes_per_element;
        let total = u64::from(range.len) + merged.added.len() as u64 + new.len() as u64;
        if total > max {
            self.fail(Limit::AttributesPerElement, max, total);
        }
        if !self.budget.refused() {
            for (name, value) in new {
                let value = self.push_text(&value);
                if self.ids.is_id(name, value.len) {
                    self.ids.add(target);
                }
                merged.added.push(Attr { name, value });
            }
        }
        self.merged.by_element.insert(target, merged);
    }

    // -----------------------------------------------------------------
    // Reading back (for `selectedcontent`)

    /// Whether `node` is the HTML element named `name`.
    pub(crate) fn is_html_element(&self, node: NodeId, name: &str) -> bool {
        match self.arena.nodes.get(node.index()).map(|n| n.data) {
            Some(NodeData::Element { name: id, .. }) => {
                let entry = self.arena.name(id);
                entry.ns == crate::dom::Namespace::Html && entry.local() == name
            }
            _ => false,
        }
    }

    /// Whether the element `node` has an attribute `name` (no namespace).
    pub(crate) fn has_attribute(&self, node: NodeId, name: &str) -> bool {
        match self.arena.nodes.get(node.index()).map(|n| n.data) {
            Some(NodeData::Element { attrs, .. }) => self.arena.attrs_of(attrs).iter().any(|a| {
                let entry = self.arena.name(a.name);
                entry.ns == crate::dom::Namespace::None && entry.local() == name
            }),
            _ => false,
        }
    }

    /// The nearest ancestor of `node` that is the HTML element `name`.
    pub(crate) fn ancestor_named(&self, node: NodeId, name: &str) -> Option<NodeId> {
        let mut at = self.parent(node);
        while let Some(id) = at {
            if self.is_html_element(id, name) {
                return Some(id);
            }
            at = self.parent(id);
        }
        None
    }

    /// The first descendant of `root`, in tree order, that is the HTML
    /// element `name`.
    pub(crate) fn descendant_named(&self, root: NodeId, name: &str) -> Option<NodeId> {
        let mut stack = vec![self.arena.nodes.get(root.index())?.first_child];
        while let Some(next) = stack.last_mut() {
            let Some(id) = *next else {
                stack.pop();
                continue;
            };
            let node = self.arena.node(id);
            *next = node.next_sibling;
            if self.is_html_element(id, name) {
                return Some(id);
            }
            stack.push(node.first_child);
        }
        None
    }

    /// Whether `node` is `ancestor` or inside it.
    pub(crate) fn is_inclusive_descendant(&self, node: NodeId, ancestor: NodeId) -> bool {
        let mut at = Some(node);
        while let Some(id) = at {
            if id == ancestor {
                return true;
            }
            at = self.parent(id);
        }
        false
    }

    /// Replaces the children of `to` with copies of the children of `from`
    /// (deep, attributes and text included). `to` must not be inside
    /// `from`.
    pub(crate) fn replace_children_with_copies(&mut self, from: NodeId, to: NodeId) {
        if self.budget.refused() || self.is_inclusive_descendant(to, from) {
            return;
        }
        while let Some(child) = self.arena.node(to).first_child {
            self.arena.detach(child);
        }
        // The nodes to copy, in tree order, each with the index of its
        // parent's copy in this list (`None`: a child of `to`).
        let mut sources: Vec<(NodeId, Option<usize>)> = Vec::new();
        let mut work = vec![(self.arena.node(from).first_child, None)];
        while let Some((next, parent)) = work.pop() {
            let Some(id) = next else { continue };
            let node = self.arena.node(id);
            work.push((node.next_sibling, parent));
            sources.push((id, parent));
            work.push((node.first_child, Some(sources.len() - 1)));
        }
        let mut copies = Vec::with_capacity(sources.len());
        for (id, parent) in sources {
            let data = match self.arena.node(id).data {
                NodeData::Element {
                    name,
                    attrs,
                    template_contents: _,
                    mathml_integration_point,
                } => {
                    // Cannot truncate: the copies stay within the
                    // attributes the input gave, each at least two bytes.
                    let start = self.arena.attrs.len() as u32;
                    self.arena.attrs.extend_from_within(attrs.indices());
                    NodeData::Element {
                        name,
                        attrs: AttrRange {
                            start,
                            len: attrs.len,
                        },
                        template_contents: None,
                        mathml_integration_point,
                    }
                }
                other => other,
            };
            let has_id = match data {
                NodeData::Element { attrs, .. } => self
                    .arena
                    .attrs_of(attrs)
                    .iter()
                    .any(|a| self.ids.is_id(a.name, a.value.len)),
                _ => false,
            };
            let copy = self.push_node(data);
            if self.budget.refused() {
                return;
            }
            if has_id {
                self.ids.add(copy);
            }
            let target = parent.and_then(|i| copies.get(i).copied()).unwrap_or(to);
            self.arena.append_child(target, copy);
            self.placed(target, copy);
            copies.push(copy);
        }
    }

    // -----------------------------------------------------------------
    // The end

    /// The finished document, or the limit that refused it.
    pub(crate) fn finish(mut self, facts: DocumentFacts) -> Result<Document, ParseError> {
        if !self.budget.refused() {
            let max = self.budget.limits().max_depth;
            if let Some(depth) = self.depths.deepest_past(&self.arena, max) {
                self.fail(Limit::Depth, max, depth);
            }
        }
        self.settle();
        // Refused: dropping the writer gives its names back.
        let truncated = self.budget.outcome()?;
        // The document takes the names over, and gives them back when it
        // is dropped.
        let arena = std::mem::take(&mut self.arena);
        let (errors, errors_dropped) =
            std::mem::replace(&mut self.errors, KeptErrors::new(false)).into_parts();
        let id_index = self.ids.index(&arena);
        // The one place a document is assembled.
        Ok(Document {
            arena,
            id_index,
            quirks_mode: facts.quirks,
            errors,
            errors_dropped,
            scripting: facts.scripting,
            is_fragment: facts.is_fragment,
            fragment_context: facts.fragment_context,
            dictionary: self.dictionary.clone(),
            encoding: self.encoding,
            truncated,
        })
    }

    /// Moves detached text into the arena, joins merged attributes and, if
    /// anything was left unreferenced, rewrites text and attributes
    /// without the holes.
    fn settle(&mut self) {
        let detached = std::mem::take(&mut self.detached.texts);
        for (node, text) in detached {
            let span = self.push_text(&text);
            self.arena.node_mut(node).data = NodeData::Text(span);
        }
        let merged = std::mem::take(&mut self.merged.by_element);
        for (node, Merged { added, .. }) in merged {
            if let NodeData::Element { attrs: range, .. } = &mut self.arena.nodes[node.index()].data
                && !added.is_empty()
            {
                // The element's attributes, then the added ones, moved to
                // the end together; the old range is left for `compact`.
                // Cannot panic or truncate: `range` is the element's own, and
                // attributes (each read from the input, or merged into `html`
                // and `body` once) stay far below u32::MAX.
                let start = self.arena.attrs.len();
                self.arena.attrs.extend_from_within(range.indices());
                self.arena.attrs.extend(added);
                self.garbage += range.len as usize * size_of::<Attr>();
                *range = AttrRange {
                    start: start as u32,
                    len: (self.arena.attrs.len() - start) as u32,
                };
            }
        }
        let kept = self.arena.text.len() + self.arena.attrs.len() * size_of::<Attr>();
        if self.garbage > kept / GARBAGE_SHARE && !self.budget.refused() {
            compact(&mut self.arena);
        }
        self.arena.text.shrink_to_fit();
        self.arena.nodes.shrink_to_fit();
        self.arena.attrs.shrink_to_fit();
        self.arena.names.shrink_to_fit();
        self.arena.extra.shrink_to_fit();
    }
}

impl Drop for Writer {
    /// A parse refused by a limit, or dropped before it finished, gives back
    /// the names it asked its dictionary for, as a dropped document does.
    fn drop(&mut self) {
        for entry in self.arena.names.iter().filter(|e| e.releases) {
            if let Some(name) = entry.interned() {
                self.dictionary.release(name);
            }
        }
    }
}

/// The share of the arena's text and attributes that unreferenced entries
/// must pass before the parse's end compacts them: 1/16. Below it a
/// document keeps a few stray bytes rather than have its whole text
/// copied (a page whose one foster-parented text run merges into an
/// earlier node leaves a handful of bytes behind).
const GARBAGE_SHARE: usize = 16;

/// Copies every referenced text span and attribute into fresh storage, in
/// arena order, dropping the unreferenced ones.
fn compact(arena: &mut Arena) {
    let mut text = String::with_capacity(arena.text.len());
    let mut attrs = Vec::with_capacity(arena.attrs.len());
    let old_text = std::mem::take(&mut arena.text);
    // Cannot panic or truncate: every span was made by `push_text` over this
    // text, and the copy is no longer than it (at most u32::MAX bytes).
    let mut copy = |span: Span| {
        let start = text.len() as u32;
        text.push_str(&old_text[span.start as usize..span.end()]);
        Span {
            start,
            len: span.len,
        }
    };
    for node in &mut arena.nodes {
        match &mut node.data {
            NodeData::Text(span) | NodeData::Comment(span) => *span = copy(*span),
            NodeData::Element { attrs: range, .. } => {
                let start = attrs.len() as u32;
                for attr in &arena.attrs[range.indices()] {
                    attrs.push(Attr {
                        name: attr.name,
                        value: copy(attr.value),
                    });
                }
                range.start = start;
            }
            _ => {}
        }
    }
    for span in &mut arena.extra {
        *span = copy(*span);
    }
    arena.text = text;
    arena.attrs = attrs;
}

/// The Noah's Ark clause's view of elements (13.2.4.3): their attributes
/// as the arena holds them.
impl Attributes for Writer {
    fn same(&self, a: NodeId, b: NodeId) -> bool {
        let (a, b) = (self.attributes_of(a), self.attributes_of(b));
        a.len() == b.len()
            && a.iter().all(|x| {
                b.iter()
                    .any(|y| x.name == y.name && self.arena.str(x.value) == self.arena.str(y.value))
            })
    }

    /// Each attribute (name id and value) hashed alone, summed, so that
    /// the order does not count; then the count.
    fn hash_of(&self, node: NodeId) -> u64 {
        let attrs = self.attributes_of(node);
        let mut sum = 0u64;
        for attr in attrs {
            let mut hasher = FxHasher::default();
            attr.name.hash(&mut hasher);
            self.arena.str(attr.value).hash(&mut hasher);
            sum = sum.wrapping_add(hasher.finish());
        }
        let mut hasher = FxHasher::default();
        attrs.len().hash(&mut hasher);
        sum.hash(&mut hasher);
        hasher.finish()
    }
}
