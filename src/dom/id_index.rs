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
