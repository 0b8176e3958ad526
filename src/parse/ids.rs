//! The elements that may go into a document's `id` index
//! ([`ParseOptions::collect_ids`](crate::ParseOptions::collect_ids)):
//! those given a non-empty `id` attribute, in creation order, found while
//! the tree is built; the index itself is built from them once the tree is
//! finished ([`IdIndex::from_candidates`]).

use crate::dom::{Arena, IdIndex, NodeId};

pub(super) struct IdCandidates {
    on: bool,
    /// The name-table index of the `id` attribute, once a name was
    /// interned as it.
    id_name: Option<u32>,
    candidates: Vec<NodeId>,
}

impl IdCandidates {
    /// Collecting candidates when `on`.
    pub(super) fn new(on: bool) -> IdCandidates {
        IdCandidates {
            on,
            id_name: None,
            candidates: Vec::new(),
        }
    }

    /// The `id` attribute's name was interned as `name`.
    pub(super) fn id_name_is(&mut self, name: u32) {
        self.id_name = Some(name);
    }

    /// Whether an attribute `name` with a value of `len` bytes makes its
    /// element a candidate.
    pub(super) fn is_id(&self, name: u32, len: u32) -> bool {
        self.on && len > 0 && Some(name) == self.id_name
    }

    /// `node` was given an `id` (see [`is_id`](Self::is_id)).
    pub(super) fn add(&mut self, node: NodeId) {
        if self.on {
            self.candidates.push(node);
        }
    }

    /// The index over the finished `arena`, if ids are collected.
    pub(super) fn index(&self, arena: &Arena) -> Option<IdIndex> {
        self.on.then(|| match self.id_name {
            Some(id_name) => IdIndex::from_candidates(arena, id_name, &self.candidates),
            None => IdIndex::default(),
        })
    }
}
