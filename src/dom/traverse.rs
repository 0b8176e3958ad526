//! Iterators over the tree. None of them recurses, so input-controlled depth
//! cannot exhaust the stack.

use super::arena::Arena;
use super::{Document, NodeId, NodeRef};

/// The children of a node, first to last.
#[derive(Clone)]
pub struct Children<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl<'a> Children<'a> {
    pub(crate) fn new(doc: &'a Document, first: Option<NodeId>) -> Self {
        Children { doc, next: first }
    }
}

impl<'a> Iterator for Children<'a> {
    type Item = NodeRef<'a>;

    fn next(&mut self) -> Option<NodeRef<'a>> {
        let id = self.next?;
        self.next = self.doc.arena.node(id).next_sibling;
        Some(NodeRef::new(self.doc, id))
    }
}

/// A node and its descendants in tree order, walking the sibling and parent
/// links instead of a stack.
#[derive(Clone)]
pub struct Descendants<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl<'a> Descendants<'a> {
    pub(crate) fn new(doc: &'a Document, root: NodeId) -> Self {
        Descendants {
            doc,
            root,
            next: Some(root),
        }
    }
}

impl<'a> Iterator for Descendants<'a> {
    type Item = NodeRef<'a>;

    fn next(&mut self) -> Option<NodeRef<'a>> {
        let current = self.next?;
        self.next = next_in_subtree(&self.doc.arena, self.root, current);
        Some(NodeRef::new(self.doc, current))
    }
}

/// The node after `current` in a pre-order walk of `root`'s subtree.
pub(crate) fn next_in_subtree(arena: &Arena, root: NodeId, current: NodeId) -> Option<NodeId> {
    if let Some(child) = arena.node(current).first_child {
        return Some(child);
    }
    let mut node = current;
    loop {
        if node == root {
            return None;
        }
        let links = arena.node(node);
        if let Some(next) = links.next_sibling {
            return Some(next);
        }
        node = links.parent?;
    }
}

/// The ancestors of a node, nearest first.
#[derive(Clone)]
pub struct Ancestors<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl<'a> Ancestors<'a> {
    pub(crate) fn new(doc: &'a Document, parent: Option<NodeId>) -> Self {
        Ancestors { doc, next: parent }
    }
}

impl<'a> Iterator for Ancestors<'a> {
    type Item = NodeRef<'a>;

    fn next(&mut self) -> Option<NodeRef<'a>> {
        let id = self.next?;
        self.next = self.doc.arena.node(id).parent;
        Some(NodeRef::new(self.doc, id))
    }
}
