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

/// Decides which of two connected nodes comes first in tree order, from
/// their ancestor chains and the siblings between them, within a budget of
/// steps so that many duplicates cannot make the index quadratic.
struct TreeOrder {
    budget: usize,
    first: Vec<NodeId>,
    second: Vec<NodeId>,
}

impl TreeOrder {
    fn new(budget: usize) -> TreeOrder {
        TreeOrder {
            budget,
            first: Vec::new(),
            second: Vec::new(),
        }
    }

    /// Whether `node` hangs from the document node (not from a template's
    /// contents, nor from a subtree the parser dropped); `None` once the
    /// budget is spent. Each step up the ancestors is paid for, so that ids
    /// on deeply nested elements cannot make the index quadratic.
    fn is_connected(&mut self, arena: &Arena, mut node: NodeId) -> Option<bool> {
        while let Some(parent) = arena.node(node).parent {
            if !self.spend(1) {
                return None;
            }
            node = parent;
        }
        Some(node == NodeId::DOCUMENT)
    }

    /// Takes `steps` from the budget; false once it is spent.
    fn spend(&mut self, steps: usize) -> bool {
        match self.budget.checked_sub(steps) {
            Some(left) => {
                self.budget = left;
                true
            }
            None => false,
        }
    }

    /// Whether `a` comes before `b` (distinct nodes, both connected to the
    /// document node); `None` once the budget is spent.
    fn precedes(&mut self, arena: &Arena, a: NodeId, b: NodeId) -> Option<bool> {
        ancestor_chain(arena, a, &mut self.first);
        ancestor_chain(arena, b, &mut self.second);
        if !self.spend(self.first.len() + self.second.len()) {
            return None;
        }
        // Both chains end at the document node: skip what they share.
        let shared = self
            .first
            .iter()
            .rev()
            .zip(self.second.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        // An ancestor comes before its descendants.
        if shared == self.first.len() {
            return Some(true);
        }
        if shared == self.second.len() {
            return Some(false);
        }
        // Siblings under the last shared ancestor. `a`'s branch comes first
        // if walking forward from it meets `b`'s, walking back from `b`'s
        // meets it, forward from `b`'s runs out, or back from it runs out:
        // take one step of each walk in turn until one of them ends.
        let from_a = self.first[self.first.len() - 1 - shared];
        let from_b = self.second[self.second.len() - 1 - shared];
        // Each walk: where it is, whether it goes forward, the node that
        // ends it, and whether `a` comes first if it meets that node (if it
        // runs out instead, the opposite).
        let mut walks = [
            (from_a, true, from_b, true),
            (from_b, false, from_a, true),
            (from_b, true, from_a, false),
            (from_a, false, from_b, false),
        ];
        loop {
            if !self.spend(walks.len()) {
                return None;
            }
            for (at, forward, ends, a_first) in &mut walks {
                let links = arena.node(*at);
                match if *forward {
                    links.next_sibling
                } else {
                    links.prev_sibling
                } {
                    Some(next) if next == *ends => return Some(*a_first),
                    Some(next) => *at = next,
                    None => return Some(!*a_first),
                }
            }
        }
    }
}

/// `node` and its ancestors, nearest first, into `chain`.
fn ancestor_chain(arena: &Arena, node: NodeId, chain: &mut Vec<NodeId>) {
    chain.clear();
    let mut next = Some(node);
    while let Some(id) = next {
        chain.push(id);
        next = arena.node(id).parent;
    }
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
    /// document count. When two of them share a value, creation order may
    /// differ from tree order (the parser moves nodes), so their places in
    /// the tree decide. Checking that a candidate is connected and ordering
    /// duplicates share a budget of eight steps per node of the tree; past
    /// it, the whole tree is walked instead, so the index costs a bounded
    /// number of steps per node.
    pub(crate) fn from_candidates(arena: &Arena, id_name: u32, candidates: &[NodeId]) -> IdIndex {
        let mut index = IdIndex::default();
        index
            .table
            .reserve(candidates.len(), |(span, _)| hash(arena.str(*span)));
        // Real pages spend up to about 3.3 steps a node (many ids, deep).
        let mut order = TreeOrder::new(8 * arena.nodes.len());
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
            if span.len == 0 {
                continue;
            }
            match order.is_connected(arena, node) {
                Some(true) => {}
                Some(false) => continue,
                None => return IdIndex::build(arena),
            }
            let value = arena.str(span);
            let h = hash(value);
            match index
                .table
                .find_mut(h, |(other, _)| arena.str(*other) == value)
            {
                None => {
                    index
                        .table
                        .insert_unique(h, (span, node), |(span, _)| hash(arena.str(*span)));
                }
                Some(first) => match order.precedes(arena, node, first.1) {
                    Some(true) => *first = (span, node),
                    Some(false) => {}
                    None => return IdIndex::build(arena),
                },
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ParseOptions, parse_html};

    /// Every pair of connected nodes, ordered by `TreeOrder` and by their
    /// position in a full tree walk.
    #[test]
    fn tree_order_agrees_with_a_walk() {
        let html = "<p id=a><b>x<i>y</b>z</i><table><td>c</table>text<ul><li>1<li>2</ul>";
        let doc = parse_html(html, &ParseOptions::new()).unwrap();
        let arena = &doc.arena;
        let mut walk = Vec::new();
        let mut next = Some(NodeId::DOCUMENT);
        while let Some(node) = next {
            walk.push(node);
            next = traverse::next_in_subtree(arena, NodeId::DOCUMENT, node);
        }
        assert!(walk.len() > 20);
        let mut order = TreeOrder::new(usize::MAX);
        for (i, &a) in walk.iter().enumerate() {
            for (j, &b) in walk.iter().enumerate() {
                if i != j {
                    assert_eq!(order.precedes(arena, a, b), Some(i < j), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn tree_order_gives_up_when_the_budget_is_spent() {
        let doc = parse_html("<ul><li>1<li>2<li>3<li>4</ul>", &ParseOptions::new()).unwrap();
        let items: Vec<NodeId> = doc
            .root()
            .descendants()
            .filter(|n| n.local_name() == Some("li"))
            .map(|n| n.node_id())
            .collect();
        let (first, last) = (items[0], items[3]);
        // Two chains of five nodes (li, ul, body, html, document), then four
        // steps a round among the siblings.
        assert_eq!(
            TreeOrder::new(20).precedes(&doc.arena, first, last),
            Some(true)
        );
        assert_eq!(TreeOrder::new(10).precedes(&doc.arena, first, last), None);
    }

    /// Many elements sharing one value, the first of them at the start of
    /// its parent: each comparison ends after one step back from it.
    #[test]
    fn duplicates_keep_the_first_in_tree_order() {
        let mut html = String::from("<div><b id=x>first</b></div>");
        for _ in 0..500 {
            html.push_str("<p id=x>again</p>");
        }
        let doc = parse_html(&html, &ParseOptions::new().collect_ids(true)).unwrap();
        let found = doc.get_element_by_id("x").unwrap();
        assert_eq!(found.local_name(), Some("b"));
        let candidates: Vec<NodeId> = doc
            .root()
            .descendants()
            .filter(|n| n.attr("id").is_some())
            .map(|n| n.node_id())
            .collect();
        assert_eq!(candidates.len(), 501);
        let mut order = TreeOrder::new(usize::MAX);
        for &later in &candidates[1..] {
            assert_eq!(
                order.precedes(&doc.arena, later, found.node_id()),
                Some(false)
            );
        }
        // 500 comparisons of two chains (4 and 5 nodes) and one round.
        assert_eq!(usize::MAX - order.budget, 500 * (9 + 4));
        let built = IdIndex::build(&doc.arena);
        assert_eq!(built.get(&doc.arena, "x"), Some(found.node_id()));
    }
}
