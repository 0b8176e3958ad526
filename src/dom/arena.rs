//! The storage behind a [`Document`](super::Document): one `Vec` of nodes
//! linked by 32-bit ids, one `Vec` of attributes, one string holding every
//! text, comment and attribute value, and the document-local name table.

use std::num::NonZeroU32;

use super::names::NameEntry;

/// Identifies a node within its document. Ids are dense and start at 1 (the
/// document node); they are only meaningful for the document that gave them.
///
/// ```
/// use htmldict::{ParseOptions, parse_html};
/// let doc = parse_html("<p>hi</p>", &ParseOptions::new())?;
/// let p = doc.root().descendants().find(|n| n.local_name() == Some("p")).unwrap();
/// assert_eq!(doc.node(p.node_id()).unwrap().local_name(), Some("p"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    /// The document node of every document.
    ///
    /// ```
    /// use htmldict::{NodeId, NodeKind, ParseOptions, parse_html};
    /// let doc = parse_html("<p>", &ParseOptions::new())?;
    /// assert_eq!(doc.root().node_id(), NodeId::DOCUMENT);
    /// assert_eq!(doc.node(NodeId::DOCUMENT).unwrap().kind(), NodeKind::Document);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const DOCUMENT: NodeId = NodeId(NonZeroU32::MIN);

    pub(crate) fn from_index(index: usize) -> NodeId {
        // Cannot panic: the parser stops the arena short of u32::MAX - 2
        // nodes (`Builder::push_node`), and the ids it makes for refused
        // nodes stop at u32::MAX - 1, so `index + 1` fits and is not zero.
        NodeId(NonZeroU32::new(index as u32 + 1).expect("index below u32::MAX"))
    }

    /// The position of this node in the arena: 0 for the document node,
    /// always below [`Document::node_count`](crate::Document::node_count).
    /// It suits side tables of per-node data kept in a `Vec`.
    ///
    /// ```
    /// use htmldict::{NodeId, ParseOptions, parse_html};
    /// let doc = parse_html("<p id=p>a", &ParseOptions::new())?;
    /// let mut depth = vec![0; doc.node_count()];
    /// for node in doc.root().descendants().skip(1) {
    ///     depth[node.node_id().index()] = depth[node.parent().unwrap().node_id().index()] + 1;
    /// }
    /// assert_eq!(depth[doc.get_element_by_id("p").unwrap().node_id().index()], 3); // html, body, p
    /// assert_eq!(NodeId::DOCUMENT.index(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// A byte range of [`Arena::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    pub(crate) fn end(self) -> usize {
        self.start as usize + self.len as usize
    }
}

/// A range of [`Arena::attrs`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct AttrRange {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl AttrRange {
    pub(crate) fn indices(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// One attribute: a name from the name table and a value in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr {
    pub(crate) name: u32,
    pub(crate) value: Span,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum NodeData {
    Document,
    /// The contents of a `<template>`.
    Fragment,
    /// Three spans of `Arena::extra`: name, public id, system id.
    Doctype {
        extra: u32,
    },
    Element {
        name: u32,
        attrs: AttrRange,
        template_contents: Option<NodeId>,
        mathml_integration_point: bool,
    },
    Text(Span),
    Comment(Span),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub(crate) parent: Option<NodeId>,
    pub(crate) prev_sibling: Option<NodeId>,
    pub(crate) next_sibling: Option<NodeId>,
    pub(crate) first_child: Option<NodeId>,
    pub(crate) last_child: Option<NodeId>,
    pub(crate) data: NodeData,
}

#[derive(Debug, Default)]
pub(crate) struct Arena {
    pub(crate) nodes: Vec<Node>,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) text: String,
    pub(crate) extra: Vec<Span>,
    pub(crate) names: Vec<NameEntry>,
}

impl Arena {
    pub(crate) fn new() -> Arena {
        let mut arena = Arena::default();
        arena.push(NodeData::Document);
        arena
    }

    // The accessors below cannot panic: ids, spans, name ids and attribute
    // ranges are made by the parser for this arena only (the public API
    // hands ids out through `NodeRef`, tied to its document, and
    // `Document::node` checks the ids it is given), and the ids the parser
    // makes for nodes it refused never reach the arena (`Builder::unstored`).
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    pub(crate) fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    /// Stores a node with no links yet. Always inlined, so that the data
    /// is written into the vector from registers: taken from memory (a
    /// call's argument of more than two words), it is read in 16-byte
    /// loads that wait on the narrower stores which built it a moment
    /// before (a failed store-to-load forward), on every node.
    #[inline(always)]
    pub(crate) fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(Node {
            parent: None,
            prev_sibling: None,
            next_sibling: None,
            first_child: None,
            last_child: None,
            data,
        });
        id
    }

    pub(crate) fn str(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end()]
    }

    pub(crate) fn name(&self, index: u32) -> &NameEntry {
        &self.names[index as usize]
    }

    pub(crate) fn attrs_of(&self, range: AttrRange) -> &[Attr] {
        &self.attrs[range.indices()]
    }

    /// Unlinks `id` from its parent and siblings.
    pub(crate) fn detach(&mut self, id: NodeId) {
        let Node {
            parent,
            prev_sibling,
            next_sibling,
            ..
        } = *self.node(id);
        let Some(parent) = parent else { return };
        match prev_sibling {
            Some(prev) => self.node_mut(prev).next_sibling = next_sibling,
            None => self.node_mut(parent).first_child = next_sibling,
        }
        match next_sibling {
            Some(next) => self.node_mut(next).prev_sibling = prev_sibling,
            None => self.node_mut(parent).last_child = prev_sibling,
        }
        let node = self.node_mut(id);
        node.parent = None;
        node.prev_sibling = None;
        node.next_sibling = None;
    }

    /// Makes the detached node `child` the last child of `parent`.
    pub(crate) fn append_child(&mut self, parent: NodeId, child: NodeId) {
        let last = self.node(parent).last_child;
        {
            let node = self.node_mut(child);
            node.parent = Some(parent);
            node.prev_sibling = last;
            node.next_sibling = None;
        }
        match last {
            Some(last) => self.node_mut(last).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
    }

    /// Puts the detached node `child` right before `sibling`, which has a parent.
    pub(crate) fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        let Node {
            parent,
            prev_sibling,
            ..
        } = *self.node(sibling);
        let Some(parent) = parent else { return };
        {
            let node = self.node_mut(child);
            node.parent = Some(parent);
            node.prev_sibling = prev_sibling;
            node.next_sibling = Some(sibling);
        }
        match prev_sibling {
            Some(prev) => self.node_mut(prev).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(sibling).prev_sibling = Some(child);
    }

    /// Moves every child of `from` to the end of `to`'s children, in order.
    pub(crate) fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        let Some(first) = self.node(from).first_child else {
            return;
        };
        let last = self
            .node(from)
            .last_child
            // Cannot panic: `append_child`, `insert_before` and `detach` set
            // and clear first and last child together.
            .expect("a first child implies a last");
        let mut child = Some(first);
        while let Some(id) = child {
            let node = self.node_mut(id);
            node.parent = Some(to);
            child = node.next_sibling;
        }
        let previous_last = self.node(to).last_child;
        self.node_mut(first).prev_sibling = previous_last;
        match previous_last {
            Some(prev) => self.node_mut(prev).next_sibling = Some(first),
            None => self.node_mut(to).first_child = Some(first),
        }
        self.node_mut(to).last_child = Some(last);
        let from_node = self.node_mut(from);
        from_node.first_child = None;
        from_node.last_child = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn children(arena: &Arena, parent: NodeId) -> Vec<usize> {
        let mut out = vec![];
        let mut child = arena.node(parent).first_child;
        while let Some(id) = child {
            out.push(id.index());
            child = arena.node(id).next_sibling;
        }
        out
    }

    #[test]
    fn link_operations_keep_both_directions() {
        let mut arena = Arena::new();
        let doc = NodeId::DOCUMENT;
        let a = arena.push(NodeData::Fragment);
        let b = arena.push(NodeData::Fragment);
        let c = arena.push(NodeData::Fragment);
        arena.append_child(doc, a);
        arena.append_child(doc, c);
        arena.insert_before(c, b);
        assert_eq!(children(&arena, doc), [1, 2, 3]);
        arena.detach(b);
        assert_eq!(children(&arena, doc), [1, 3]);
        assert_eq!(arena.node(c).prev_sibling, Some(a));
        arena.append_child(a, b);
        arena.reparent_children(a, c);
        assert_eq!(children(&arena, c), [2]);
        assert_eq!(arena.node(b).parent, Some(c));
        assert_eq!(children(&arena, a), Vec::<usize>::new());
    }
}
