//! [`NodeSet`]: a set of node ids as bits indexed by the node's position
//! in the arena (ids are dense), for the "is this node on the stack / in
//! the list" questions tree construction asks of nearly every token.

use crate::dom::NodeId;

#[derive(Debug, Default)]
pub(crate) struct NodeSet {
    bits: Vec<u64>,
}

impl NodeSet {
    pub(crate) fn insert(&mut self, node: NodeId) {
        let (word, bit) = place(node);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        // Cannot panic: resized just above.
        self.bits[word] |= bit;
    }

    pub(crate) fn remove(&mut self, node: NodeId) {
        let (word, bit) = place(node);
        if let Some(w) = self.bits.get_mut(word) {
            *w &= !bit;
        }
    }

    #[inline]
    pub(crate) fn contains(&self, node: NodeId) -> bool {
        let (word, bit) = place(node);
        self.bits.get(word).is_some_and(|w| w & bit != 0)
    }
}

#[inline]
fn place(node: NodeId) -> (usize, u64) {
    let index = node.index();
    (index / 64, 1 << (index % 64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_put_in() {
        let mut set = NodeSet::default();
        let ids: Vec<NodeId> = [0, 1, 63, 64, 65, 1000, 100_000]
            .iter()
            .map(|&i| NodeId::from_index(i))
            .collect();
        for &id in &ids {
            assert!(!set.contains(id));
            set.insert(id);
            assert!(set.contains(id));
        }
        set.remove(ids[3]);
        assert!(!set.contains(ids[3]));
        assert!(set.contains(ids[2]) && set.contains(ids[4]));
        set.remove(NodeId::from_index(5_000_000));
        assert!(!set.contains(NodeId::from_index(5_000_000)));
    }
}
