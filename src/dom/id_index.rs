//! The `collect_ids` index: `id` value to the first element in tree order
//! that carries it. Values stay in the document's text; the index stores
//! only their spans and node ids (12 bytes a slot).

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::arena::{Arena, NodeData, Span};
use super::{NodeId, traverse};

#[derive(Debug, Default)]
pub(crate) struct IdIndex {
    table: HashTable<(Span, NodeId)>,
}

/// True when `node` hangs from the document node (not from a template's
/// contents, nor from a subtree the parser dropped).
fn is_connected(arena: &Arena, mut node: NodeId) -> bool {
    while let Some(parent) = arena.node(node).parent {
        node = parent;
    }
    node == NodeId::DOCUMENT
}

fn hash(value: &str) -> u64 {
    FxBuildHasher.hash_one(value)
}

impl IdIndex {
    /// Indexes every element reachable from the document node (template
    /// contents are not), keeping the first in tree order for each value.
    pub(crate) fn build(arena: &Arena) -> IdIndex {
        let mut index = IdIndex::default();
        let Some(id_name) = arena.names.iter().position(|n| n.is_id_attribute()) else {
            return index;
        };
        let mut next = Some(NodeId::DOCUMENT);
        while let Some(node) = next {
            if let NodeData::Element { attrs, .. } = arena.node(node).data
                && let Some(attr) = arena
                    .attrs_of(attrs)
                    .iter()
                    .find(|a| a.name as usize == id_name)
                && attr.value.len > 0
            {
                let value = arena.str(attr.value);
                let h = hash(value);
                if index
                    .table
                    .find(h, |(span, _)| arena.str(*span) == value)
                    .is_none()
                {
                    index
                        .table
                        .insert_unique(h, (attr.value, node), |(span, _)| hash(arena.str(*span)));
                }
            }
            next = traverse::next_in_subtree(arena, NodeId::DOCUMENT, node);
        }
        index
            .table
            .shrink_to_fit(|(span, _)| hash(arena.str(*span)));
        index
    }

    /// Builds the index from the elements that were given a non-empty `id`
    /// while parsing, in creation order. Only those still connected to the
    /// document count; when two of them share a value, creation order may
    /// differ from tree order (the parser moves nodes), so the whole tree is
    /// walked instead.
    pub(crate) fn from_candidates(arena: &Arena, id_name: u32, candidates: &[NodeId]) -> IdIndex {
        let mut index = IdIndex::default();
        index
            .table
            .reserve(candidates.len(), |(span, _)| hash(arena.str(*span)));
        for &node in candidates {
            let NodeData::Element { attrs, .. } = arena.node(node).data else {
                continue;
            };
            let Some(span) = arena
                .attrs_of(attrs)
                .iter()
                .find(|a| a.name == id_name)
                .map(|a| a.value)
            else {
                continue;
            };
            if span.len == 0 || !is_connected(arena, node) {
                continue;
            }
            let value = arena.str(span);
            let h = hash(value);
            if index
                .table
                .find(h, |(other, _)| arena.str(*other) == value)
                .is_some()
            {
                return IdIndex::build(arena);
            }
            index
                .table
                .insert_unique(h, (span, node), |(span, _)| hash(arena.str(*span)));
        }
        index
            .table
            .shrink_to_fit(|(span, _)| hash(arena.str(*span)));
        index
    }

    pub(crate) fn get(&self, arena: &Arena, value: &str) -> Option<NodeId> {
        self.table
            .find(hash(value), |(span, _)| arena.str(*span) == value)
            .map(|&(_, node)| node)
    }

    /// Heap bytes the table holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.allocation_size()
    }
}
