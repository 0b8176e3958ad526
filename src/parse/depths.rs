//! The depth of every node while the tree is built, for the depth limit
//! ([`Limits::max_depth`](crate::Limits::max_depth)).
//!
//! A node's depth is set when it is placed, from its new parent's. Exact
//! for nodes as they are placed; a subtree moved later (the adoption agency
//! algorithm moves elements with their children) keeps the depths of where
//! it was, so a move of a node with children is recorded and the finished
//! tree walked once more ([`Depths::deepest_past`]).

use crate::dom::{Arena, NodeData, NodeId};

pub(super) struct Depths {
    /// One entry per stored node, by index.
    depths: Vec<u32>,
    /// Whether a node with descendants was placed (moved with them).
    moved_subtrees: bool,
}

impl Depths {
    /// Depths for an arena that has room for `nodes` nodes and holds the
    /// document node.
    pub(super) fn new(nodes: usize) -> Depths {
        let mut depths = Vec::with_capacity(nodes);
        depths.push(0);
        Depths {
            depths,
            moved_subtrees: false,
        }
    }

    /// A node was stored.
    pub(super) fn add_node(&mut self) {
        self.depths.push(0);
    }

    /// `child` now hangs from `parent` in `arena`: its depth, which a
    /// template's contents share.
    pub(super) fn place(&mut self, arena: &Arena, parent: NodeId, child: NodeId) -> u32 {
        let depth = self.of(parent).saturating_add(1);
        self.set(child, depth);
        let node = arena.node(child);
        self.moved_subtrees |= node.first_child.is_some();
        if let NodeData::Element {
            template_contents: Some(contents),
            ..
        } = node.data
        {
            self.set(contents, depth);
            self.moved_subtrees |= arena.node(contents).first_child.is_some();
        }
        depth
    }

    /// When subtrees were moved, the first depth past `max` in the
    /// finished tree (text nodes apart): an iterative walk.
    pub(super) fn deepest_past(&self, arena: &Arena, max: u64) -> Option<u64> {
        if !self.moved_subtrees {
            return None;
        }
        let mut stack = vec![(NodeId::DOCUMENT, 0u64)];
        while let Some((id, depth)) = stack.pop() {
            let node = arena.node(id);
            if let NodeData::Element {
                template_contents: Some(contents),
                ..
            } = node.data
            {
                stack.push((contents, depth));
            }
            let mut child = node.first_child;
            while let Some(child_id) = child {
                let child_node = arena.node(child_id);
                if !matches!(child_node.data, NodeData::Text(_)) {
                    if depth + 1 > max {
                        return Some(depth + 1);
                    }
                    stack.push((child_id, depth + 1));
                }
                child = child_node.next_sibling;
            }
        }
        None
    }

    fn of(&self, node: NodeId) -> u32 {
        // Every stored node has an entry; only stored nodes are placed (no
        // change to the tree is made once a limit refused the parse, the
        // only time nodes are not stored). 0 stands in should that fail.
        self.depths.get(node.index()).copied().unwrap_or(0)
    }

    fn set(&mut self, node: NodeId, depth: u32) {
        if let Some(slot) = self.depths.get_mut(node.index()) {
            *slot = depth;
        }
    }
}
