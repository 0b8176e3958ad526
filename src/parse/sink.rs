//! The `TreeSink` html5ever's tree builder drives: it builds the arena
//! directly, interning each distinct name once per document.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::sync::Arc;

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode as H5QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName, ns};
use rustc_hash::{FxHashMap, FxHashSet};

use super::names::{NAME_TABLE_START, NameTable};

use super::budget::Budget;
use super::depths::Depths;
use super::ids::IdCandidates;
use super::kept_errors::KeptErrors;
use crate::dict::NameDictionary;
use crate::dom::{Arena, Attr, AttrRange, Document, NameEntry, NodeData, NodeId, QuirksMode, Span};
use crate::encoding::DocumentEncoding;
use crate::error::{Limit, ParseError};
use crate::markup_errors::MarkupError;
use crate::options::ParseOptions;

/// What the tree builder holds for a node: its id and, for elements, its
/// document-local name id (so `elem_name` needs no node lookup).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Handle {
    node: NodeId,
    name: u32,
}

/// The name id of handles that are not elements.
const NO_NAME: u32 = u32::MAX;

impl Handle {
    fn other(node: NodeId) -> Handle {
        Handle {
            node,
            name: NO_NAME,
        }
    }
}

pub(crate) struct Sink {
    builder: RefCell<Builder>,
    /// The html5ever form of each name in the document's name table, for
    /// `elem_name`: name `i` at index `i + 1`, and at index 0 a placeholder
    /// for handles that are not elements (the tree builder never asks for
    /// those). Parse-time only: dropped, with any dynamic atoms, when the
    /// parse ends.
    qual_names: RefCell<Vec<QualName>>,
}

struct Builder {
    arena: Arena,
    /// Name to its index in `arena.names`.
    names: NameTable,
    dictionary: Arc<dyn NameDictionary>,
    ids: IdCandidates,
    /// Text nodes that grew after other text had been stored behind them;
    /// their text is finished here and moved into the arena at the end.
    detached_text: FxHashMap<NodeId, String>,
    /// Attributes later `<html>` and `<body>` tags added to an element,
    /// joined to its own when the parse ends.
    merged_attrs: FxHashMap<NodeId, MergedAttrs>,
    /// Whether `arena.text` or `arena.attrs` hold entries no longer
    /// referenced (left by merges), to be compacted when parsing ends.
    garbage: bool,
    quirks: QuirksMode,
    errors: KeptErrors,
    scripting: bool,
    is_fragment: bool,
    /// For a fragment, the context element: the first element html5ever
    /// creates, before the tree builder starts.
    fragment_context: Option<NodeId>,
    /// What the input was decoded with (`None` for text), given by the
    /// parse just before it finishes.
    encoding: Option<DocumentEncoding>,
    budget: Budget,
    depths: Depths,
    /// The next id [`Builder::unstored`] hands out.
    next_unstored: u32,
    /// The encoding the last `<meta>` element created declares, for the
    /// parser's "change the encoding" step.
    meta_encoding: Option<&'static encoding_rs::Encoding>,
}

/// The attributes added to one element by `add_attrs_if_missing`.
struct MergedAttrs {
    /// Every name the element carries, its own and the added ones.
    names: FxHashSet<u32>,
    added: Vec<Attr>,
}

impl Sink {
    pub(crate) fn new(options: &ParseOptions, input_hint: usize, is_fragment: bool) -> Sink {
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
        // One depth per node, grown with the node table.
        let depths = Depths::new(arena.nodes.capacity());
        Sink {
            builder: RefCell::new(Builder {
                arena,
                names: NameTable::new(),
                ids: IdCandidates::new(options.collect_ids),
                dictionary: options.dictionary.clone(),
                detached_text: FxHashMap::default(),
                merged_attrs: FxHashMap::default(),
                garbage: false,
                quirks: QuirksMode::NoQuirks,
                errors: KeptErrors::new(options.keep_errors),
                scripting: options.scripting,
                is_fragment,
                fragment_context: None,
                encoding: None,
                budget: Budget::new(options.limits, options.truncate_on_limit),
                depths,
                next_unstored: 0,
                meta_encoding: None,
            }),
            qual_names: RefCell::new({
                let mut names = Vec::with_capacity(NAME_TABLE_START + 1);
                names.push(QualName::new(
                    None,
                    html5ever::ns!(),
                    html5ever::local_name!(""),
                ));
                names
            }),
        }
    }
}

impl Sink {
    /// True once a limit was exceeded: the caller stops feeding input.
    pub(crate) fn failed(&self) -> bool {
        self.builder.borrow().budget.refused()
    }

    /// Marks the document truncated at `error`: [`finish`](TreeSink::finish)
    /// then builds it even though a limit was met.
    pub(crate) fn set_truncated(&self, error: Option<ParseError>) {
        self.builder.borrow_mut().budget.set_truncated(error);
    }

    /// Records what the input was decoded with, for the document.
    pub(crate) fn set_encoding(&self, encoding: Option<DocumentEncoding>) {
        self.builder.borrow_mut().encoding = encoding;
    }

    /// Where the token about to be built into the tree ends, for the
    /// tree builder's errors in it.
    pub(crate) fn set_position(&self, line: u64, column: u64) {
        self.builder.borrow_mut().errors.at(line, column);
    }

    /// Keeps a parse error, when errors are kept (see [`KeptErrors`]);
    /// none once a limit stopped the parse.
    pub(crate) fn markup_error(&self, error: MarkupError) {
        let mut builder = self.builder.borrow_mut();
        if !builder.budget.refused() {
            builder.errors.keep(error);
        }
    }

    /// The first limit the parse ran into, if any.
    pub(crate) fn failure(&self) -> Option<ParseError> {
        self.builder.borrow().budget.failure().cloned()
    }

    /// The encoding declared by the `<meta>` element the tree builder made
    /// last, by the standard's rules for a `meta` start tag: a `charset`
    /// attribute naming an encoding, else `http-equiv="Content-Type"` with a
    /// `content` attribute that names one.
    pub(crate) fn take_meta_encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.builder.borrow_mut().meta_encoding.take()
    }
}

/// What a `meta` element's attributes declare; see
/// [`Sink::take_meta_encoding`].
fn meta_declaration(attrs: &[Attribute]) -> Option<&'static encoding_rs::Encoding> {
    let get = |name: LocalName| {
        attrs
            .iter()
            .find(|a| a.name.ns == html5ever::ns!() && a.name.local == name)
            .map(|a| &*a.value)
    };
    if let Some(encoding) = get(html5ever::local_name!("charset"))
        .and_then(|v| encoding_rs::Encoding::for_label(v.as_bytes()))
    {
        return Some(encoding);
    }
    let pragma = get(html5ever::local_name!("http-equiv"))
        .is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
    if pragma {
        get(html5ever::local_name!("content"))
            .and_then(|v| super::encoding::extract_from_content(v.as_bytes()))
    } else {
        None
    }
}

impl Builder {
    fn fail(&mut self, limit: Limit, max: u64, value: u64) {
        self.budget.fail(limit, max, value);
    }

    /// The document-local id of `name`, asking the dictionary on first sight.
    /// Takes the name by value: a name seen for the first time moves into
    /// `qual_names`.
    #[inline]
    fn intern(&mut self, name: QualName, qual_names: &RefCell<Vec<QualName>>) -> u32 {
        match self.names.get(&name) {
            Some(id) => id,
            None => self.intern_new(name, qual_names),
        }
    }

    #[cold]
    fn intern_new(&mut self, name: QualName, qual_names: &RefCell<Vec<QualName>>) -> u32 {
        // Cannot truncate: each name was read from the input (at least two
        // bytes a name), and the input is at most u32::MAX bytes.
        let id = self.arena.names.len() as u32;
        let Builder {
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
        self.names.insert(name.clone(), id);
        qual_names.borrow_mut().push(name);
        id
    }

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
    /// its own that is stored nowhere (see [`Builder::unstored`]).
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

    /// A node id past the arena's end, distinct from the others (so that the
    /// tree builder's `same_node` stays true to it), for a node made after
    /// the parse failed. What is left of the piece of input being parsed is
    /// only run through: such nodes are never stored and every change to the
    /// tree is skipped, so a refused parse stops growing when it fails.
    fn unstored(&mut self) -> NodeId {
        let index = self.next_unstored.max(self.arena.nodes.len() as u32);
        self.next_unstored = index.saturating_add(1).min(u32::MAX - 1);
        NodeId::from_index(index as usize)
    }

    /// Records that `child` now hangs from `parent`, checking the depth limit.
    fn placed(&mut self, parent: NodeId, child: NodeId) {
        let depth = self.depths.place(&self.arena, parent, child);
        let max = self.budget.limits().max_depth;
        if u64::from(depth) > max {
            self.fail(Limit::Depth, max, u64::from(depth));
        }
    }

    /// Moves the children of `from` to the end of `to`'s, placing each.
    fn reparent_children(&mut self, from: NodeId, to: NodeId) {
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

    /// The depth limit over the finished tree, when subtrees were moved
    /// while parsing.
    fn check_depth_of_moved_subtrees(&mut self) {
        if self.budget.refused() {
            return;
        }
        let max = self.budget.limits().max_depth;
        if let Some(depth) = self.depths.deepest_past(&self.arena, max) {
            self.fail(Limit::Depth, max, depth);
        }
    }

    /// A new text node, or `None` when the node limit refused it.
    fn new_text_node(&mut self, text: &str) -> Option<NodeId> {
        let span = self.push_text(text);
        let node = self.push_node(NodeData::Text(span));
        (!self.budget.refused()).then_some(node)
    }

    /// Appends `text` to the text node `node`.
    fn extend_text(&mut self, node: NodeId, text: &str) {
        if !self.detached_text.is_empty()
            && let Some(detached) = self.detached_text.get_mut(&node)
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
            self.detached_text.insert(node, detached);
            self.garbage = true;
        }
    }

    fn text_node(&self, id: Option<NodeId>) -> Option<NodeId> {
        id.filter(|&id| matches!(self.arena.node(id).data, NodeData::Text(_)))
    }

    fn append(&mut self, parent: NodeId, child: NodeOrText<Handle>) {
        if self.budget.refused() {
            return;
        }
        match child {
            NodeOrText::AppendNode(child) => {
                self.arena.detach(child.node);
                self.arena.append_child(parent, child.node);
                self.placed(parent, child.node);
            }
            NodeOrText::AppendText(text) => {
                match self.text_node(self.arena.node(parent).last_child) {
                    Some(last) => self.extend_text(last, &text),
                    None => {
                        if let Some(node) = self.new_text_node(&text) {
                            self.arena.append_child(parent, node);
                        }
                    }
                }
            }
        }
    }

    fn append_before_sibling(&mut self, sibling: NodeId, child: NodeOrText<Handle>) {
        if self.budget.refused() || self.arena.node(sibling).parent.is_none() {
            return;
        }
        match child {
            NodeOrText::AppendNode(child) => {
                self.arena.detach(child.node);
                self.arena.insert_before(sibling, child.node);
                if let Some(parent) = self.arena.node(sibling).parent {
                    self.placed(parent, child.node);
                }
            }
            NodeOrText::AppendText(text) => {
                match self.text_node(self.arena.node(sibling).prev_sibling) {
                    Some(prev) => self.extend_text(prev, &text),
                    None => {
                        if let Some(node) = self.new_text_node(&text) {
                            self.arena.insert_before(sibling, node);
                        }
                    }
                }
            }
        }
    }

    /// Adds to `target` the attributes of `attrs` whose names it does not
    /// carry yet (what a later `<html>` or `<body>` tag does). The additions
    /// wait in `merged_attrs`, with the set of names the element carries, and
    /// join its attributes when the parse ends: each call costs the
    /// attributes it is given, whatever came before.
    fn add_attrs_if_missing(
        &mut self,
        target: NodeId,
        attrs: Vec<Attribute>,
        qual_names: &RefCell<Vec<QualName>>,
    ) {
        if attrs.is_empty() || self.budget.refused() {
            return;
        }
        let NodeData::Element { attrs: range, .. } = self.arena.node(target).data else {
            return;
        };
        let mut merged = self.merged_attrs.remove(&target).unwrap_or_else(|| {
            let names = self.arena.attrs_of(range).iter().map(|a| a.name).collect();
            MergedAttrs {
                names,
                added: Vec::new(),
            }
        });
        // Names first: a limit met on the way (the name bytes, the
        // attributes per element) leaves the element as it was, so that a
        // truncated document keeps within every limit.
        let mut new = Vec::new();
        for Attribute { name, value } in attrs {
            let name = self.intern(name, qual_names);
            if self.budget.refused() {
                break;
            }
            if merged.names.insert(name) {
                new.push((name, value));
            }
        }
        let total = u64::from(range.len) + merged.added.len() as u64 + new.len() as u64;
        if total > self.budget.limits().max_attributes_per_element {
            self.fail(
                Limit::AttributesPerElement,
                self.budget.limits().max_attributes_per_element,
                total,
            );
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
        self.merged_attrs.insert(target, merged);
    }

    /// Moves detached text into the arena and, if anything was left
    /// unreferenced, rewrites text and attributes without the holes.
    fn settle(&mut self) {
        let detached = std::mem::take(&mut self.detached_text);
        for (node, text) in detached {
            let span = self.push_text(&text);
            self.arena.node_mut(node).data = NodeData::Text(span);
        }
        let merged = std::mem::take(&mut self.merged_attrs);
        for (node, MergedAttrs { added, .. }) in merged {
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
                *range = AttrRange {
                    start: start as u32,
                    len: (self.arena.attrs.len() - start) as u32,
                };
                self.garbage = true;
            }
        }
        if self.garbage && !self.budget.refused() {
            compact(&mut self.arena);
        }
        self.arena.text.shrink_to_fit();
        self.arena.nodes.shrink_to_fit();
        self.arena.attrs.shrink_to_fit();
        self.arena.names.shrink_to_fit();
        self.arena.extra.shrink_to_fit();
    }
}

impl Drop for Builder {
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

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Result<Document, ParseError>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Result<Document, ParseError> {
        let mut builder = self.builder.into_inner();
        builder.check_depth_of_moved_subtrees();
        builder.settle();
        // Refused: dropping the builder gives its names back.
        let truncated = builder.budget.outcome()?;
        // The document takes the names over, and gives them back when it is
        // dropped.
        let arena = std::mem::take(&mut builder.arena);
        let (errors, errors_dropped) =
            std::mem::replace(&mut builder.errors, KeptErrors::new(false)).into_parts();
        let id_index = builder.ids.index(&arena);
        // The one place a document is assembled.
        Ok(Document {
            arena,
            id_index,
            quirks_mode: builder.quirks,
            errors,
            errors_dropped,
            scripting: builder.scripting,
            is_fragment: builder.is_fragment,
            fragment_context: builder.fragment_context.take(),
            dictionary: builder.dictionary.clone(),
            encoding: builder.encoding,
            truncated,
        })
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        let mut builder = self.builder.borrow_mut();
        if !builder.budget.refused() {
            builder.errors.tree_construction(msg);
        }
    }

    fn get_document(&self) -> Handle {
        Handle::other(NodeId::DOCUMENT)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> Ref<'a, QualName> {
        Ref::map(self.qual_names.borrow(), |names| {
            let slot = (target.name as usize).wrapping_add(1);
            // Cannot panic: `qual_names` starts with the placeholder name.
            names.get(slot).unwrap_or(&names[0])
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let mut builder = self.builder.borrow_mut();
        if name.local == html5ever::local_name!("meta") && name.ns == html5ever::ns!(html) {
            builder.meta_encoding = meta_declaration(&attrs);
        }
        if attrs.len() as u64 > builder.budget.limits().max_attributes_per_element {
            let max = builder.budget.limits().max_attributes_per_element;
            builder.fail(Limit::AttributesPerElement, max, attrs.len() as u64);
        }
        let name_id = builder.intern(name, &self.qual_names);
        let mut attrs = attrs;
        if builder.budget.refused() {
            // The document is refused: what is left of the input is only
            // parsed to its end, so keep nothing more.
            attrs.clear();
        }
        // Cannot truncate: attributes are read from the input, at most
        // u32::MAX bytes, at least two bytes each.
        let start = builder.arena.attrs.len() as u32;
        let len = attrs.len() as u32;
        builder.arena.attrs.reserve(attrs.len());
        let mut has_id = false;
        for Attribute { name, value } in attrs {
            let name = builder.intern(name, &self.qual_names);
            let value = builder.push_text(&value);
            has_id |= builder.ids.is_id(name, value.len);
            builder.arena.attrs.push(Attr { name, value });
        }
        let template_contents = flags
            .template
            .then(|| builder.push_node(NodeData::Fragment));
        let node = builder.push_node(NodeData::Element {
            name: name_id,
            attrs: AttrRange { start, len },
            template_contents,
            mathml_integration_point: flags.mathml_annotation_xml_integration_point,
        });
        // A node the limits refused is stored nowhere (`unstored`): it must
        // not reach the id index, which looks every candidate up in the
        // arena. Such a node is the only kind made while `failure` is set.
        if has_id && !builder.budget.refused() {
            builder.ids.add(node);
        }
        if builder.is_fragment && builder.fragment_context.is_none() {
            builder.fragment_context = Some(node);
        }
        Handle {
            node,
            name: name_id,
        }
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        let mut builder = self.builder.borrow_mut();
        let span = builder.push_text(&text);
        Handle::other(builder.push_node(NodeData::Comment(span)))
    }

    /// html5ever's HTML tree builder never calls this (the HTML parser
    /// reads `<?target data?>` as a comment); were it called, the node is
    /// the comment that markup would have given.
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        let mut builder = self.builder.borrow_mut();
        let text = format!("?{target} {data}");
        let span = builder.push_text(&text);
        Handle::other(builder.push_node(NodeData::Comment(span)))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.builder.borrow_mut().append(parent.node, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let mut builder = self.builder.borrow_mut();
        if builder.budget.refused() {
            return;
        }
        // Cannot panic: no failure yet, so `element` is a stored node.
        if builder.arena.node(element.node).parent.is_some() {
            builder.append_before_sibling(element.node, child);
        } else {
            builder.append(prev_element.node, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        let mut builder = self.builder.borrow_mut();
        if builder.budget.refused() {
            return;
        }
        // Cannot truncate: three spans a doctype token, each from the input.
        let extra = builder.arena.extra.len() as u32;
        let spans = [
            builder.push_text(&name),
            builder.push_text(&public_id),
            builder.push_text(&system_id),
        ];
        builder.arena.extra.extend(spans);
        let node = builder.push_node(NodeData::Doctype { extra });
        if !builder.budget.refused() {
            builder.arena.append_child(NodeId::DOCUMENT, node);
        }
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let builder = self.builder.borrow();
        match builder.arena.nodes.get(target.node.index()).map(|n| n.data) {
            Some(NodeData::Element {
                template_contents: Some(contents),
                ..
            }) => Handle::other(contents),
            _ => *target,
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.node == y.node
    }

    fn set_quirks_mode(&self, mode: H5QuirksMode) {
        self.builder.borrow_mut().quirks = match mode {
            H5QuirksMode::Quirks => QuirksMode::Quirks,
            H5QuirksMode::LimitedQuirks => QuirksMode::LimitedQuirks,
            H5QuirksMode::NoQuirks => QuirksMode::NoQuirks,
        };
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.builder
            .borrow_mut()
            .append_before_sibling(sibling.node, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.builder
            .borrow_mut()
            .add_attrs_if_missing(target.node, attrs, &self.qual_names);
    }

    fn remove_from_parent(&self, target: &Handle) {
        let mut builder = self.builder.borrow_mut();
        if !builder.budget.refused() {
            builder.arena.detach(target.node);
        }
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.builder
            .borrow_mut()
            .reparent_children(node.node, new_parent.node);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        matches!(
            self.builder
                .borrow()
                .arena
                .nodes
                .get(handle.node.index())
                .map(|n| n.data),
            Some(NodeData::Element {
                mathml_integration_point: true,
                ..
            })
        )
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::dict::PerDocumentDictionary;
    use crate::{Namespace, ParseOptions, parse_html};

    fn counted() -> (Arc<PerDocumentDictionary>, ParseOptions) {
        let dictionary = Arc::new(PerDocumentDictionary::new());
        let options = ParseOptions::new().dictionary(dictionary.clone());
        (dictionary, options)
    }

    #[test]
    fn a_name_in_several_roles_is_asked_for_once() {
        let (dictionary, options) = counted();
        let doc = parse_html(
            "<app-cart-drawer app-cart-drawer=1>\
             <svg><app-cart-drawer app-cart-drawer=2 class=c></svg>",
            &options,
        )
        .unwrap();
        assert_eq!(dictionary.stats().lookups, 1);
        let elements: Vec<_> = doc
            .root()
            .descendants()
            .filter(|n| n.local_name() == Some("app-cart-drawer"))
            .collect();
        assert_eq!(elements.len(), 2);
        assert_eq!(elements[0].namespace(), Some(Namespace::Html));
        assert_eq!(elements[1].namespace(), Some(Namespace::Svg));
        let attrs = |i: usize| -> Vec<_> {
            elements[i]
                .attrs()
                .map(|a| (a.prefix, a.name, a.namespace, a.value))
                .collect()
        };
        assert_eq!(attrs(0), [(None, "app-cart-drawer", Namespace::None, "1")]);
        assert_eq!(
            attrs(1),
            [
                (None, "app-cart-drawer", Namespace::None, "2"),
                (None, "class", Namespace::None, "c"),
            ]
        );
    }

    #[test]
    fn names_that_share_recent_slots_keep_their_own_ids() {
        // Many more distinct names than recent-name slots, revisited in an
        // order that keeps evicting them from those slots.
        let names: Vec<String> = (0..300).map(|i| format!("data-v-{i:08x}")).collect();
        let mut html = String::new();
        let mut expected = Vec::new();
        for round in 0..6 {
            for i in 0..names.len() {
                let a = &names[(i * 7 + round) % names.len()];
                let b = &names[(i * 13 + round * 5 + 1) % names.len()];
                if a == b {
                    continue;
                }
                html.push_str(&format!(
                    "<x-el-{}-long {a}=1 {b}=2></x-el-{}-long>",
                    i % 5,
                    i % 5
                ));
                expected.push((format!("x-el-{}-long", i % 5), a.clone(), b.clone()));
            }
        }
        let (dictionary, options) = counted();
        let doc = parse_html(&html, &options).unwrap();
        // Every distinct name asked for once: 300 attributes, 5 elements.
        assert_eq!(dictionary.stats().lookups, 305);
        let found: Vec<_> = doc
            .root()
            .descendants()
            .filter(|n| n.local_name().is_some_and(|l| l.starts_with("x-el-")))
            .map(|n| {
                let attrs: Vec<_> = n.attrs().map(|a| (a.name, a.value)).collect();
                assert_eq!(attrs.len(), 2);
                assert_eq!((attrs[0].1, attrs[1].1), ("1", "2"));
                (
                    n.local_name().unwrap().to_owned(),
                    attrs[0].0.to_owned(),
                    attrs[1].0.to_owned(),
                )
            })
            .collect();
        assert_eq!(found, expected);
    }
}
