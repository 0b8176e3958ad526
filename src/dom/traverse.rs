//! Iterators over the tree. None of them recurses, so input-controlled depth
//! cannot exhaust the stack.

use super::arena::Arena;
use super::{Document, NodeId, NodeRef};

/// The children of a node, first to last, from [`NodeRef::children`].
///
/// ```
/// use htmldict::{Children, ParseOptions, parse_html};
/// let doc = parse_html("<ol id=steps><li>1<li>2<li>3</ol>", &ParseOptions::new())?;
/// let steps: Children<'_> = doc.get_element_by_id("steps").unwrap().children();
/// let after_first: Vec<String> = steps.skip(1).map(|li| li.text()).collect();
/// assert_eq!(after_first, ["2", "3"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
/// links instead of a stack, from [`NodeRef::descendants`]. The node itself
/// comes first; deep nesting costs no stack.
///
/// ```
/// use htmldict::{Descendants, ParseOptions, parse_html};
/// let doc = parse_html(&"<div>".repeat(500), &ParseOptions::new())?;
/// let mut all: Descendants<'_> = doc.root().descendants();
/// assert_eq!(all.next(), Some(doc.root()));
/// assert_eq!(all.filter(|n| n.is_html_element("div")).count(), 500);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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

/// The ancestors of a node, nearest first, from [`NodeRef::ancestors`].
///
/// ```
/// use htmldict::{Ancestors, NodeKind, ParseOptions, parse_html};
/// let doc = parse_html("<table><tr><td><b id=b>x</b></table>", &ParseOptions::new())?;
/// let ancestors: Ancestors<'_> = doc.get_element_by_id("b").unwrap().ancestors();
/// let names: Vec<&str> = ancestors.clone().filter_map(|n| n.local_name()).collect();
/// assert_eq!(names, ["td", "tr", "tbody", "table", "body", "html"]); // tbody is implied
/// assert_eq!(ancestors.last().unwrap().kind(), NodeKind::Document);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
