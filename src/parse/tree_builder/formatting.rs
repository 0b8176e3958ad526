//! The list of active formatting elements (HTML standard, section
//! 13.2.4.3).
//!
//! The standard's list is a sequence of elements and markers. Read as
//! written, pushing an element compares it with every element after the
//! last marker (the "Noah's Ark" clause: at most three entries with the
//! same tag name, namespace and attributes), and the adoption agency looks
//! for the last element of a tag name by walking back from the end: both
//! quadratic on a page of many different nested formatting elements
//! (`<b id=1><b id=2>...`). Here the list is a vector, as short as on any
//! real page, and the part after each marker (a segment), once it holds
//! more than a few entries, counts them by Noah's Ark key hash and by tag
//! name (a shorter segment is walked: cheaper than keeping counts):
//!
//! * a push compares with earlier entries only when three share its key's
//!   hash, walking back from the end to the third of them (the entries it
//!   passes were pushed after that one, so the walks add up to the pushes);
//! * a search for the last entry of a name answers at once when the
//!   segment has none, and otherwise walks back to it.
//!
//! An entry holds its element's node and tag name, and once its segment
//! counts, its key hash; the attributes are the element's own in the arena
//! (a formatting element's attributes never change once it is made), so
//! that the Noah's Ark clause compares them there ([`Attributes`]) and a
//! reopened element copies them from there.

use html5ever::LocalName;

use rustc_hash::{FxHashMap, FxHasher};

use super::node_set::NodeSet;
use std::hash::{Hash, Hasher};

use crate::dom::NodeId;

/// What the list asks of its elements' attributes, which the arena holds.
pub(crate) trait Attributes {
    /// Whether the elements `a` and `b` have the same attributes, in any
    /// order (names and values).
    fn same(&self, a: NodeId, b: NodeId) -> bool;

    /// A hash of `node`'s attributes, in any order: equal for elements
    /// that [`same`](Self::same) finds alike.
    fn hash_of(&self, node: NodeId) -> u64;
}

/// An element of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Formatting {
    pub(crate) node: NodeId,
    pub(crate) name: LocalName,
    /// The hash of the Noah's Ark key (the tag name and the attributes,
    /// whatever their order), made when the entry's segment counts.
    key: Option<u64>,
}

impl Formatting {
    /// An entry for the element `node` named `name`.
    pub(crate) fn new(node: NodeId, name: LocalName) -> Formatting {
        Formatting {
            node,
            name,
            key: None,
        }
    }

    /// An entry for `node`, an element made again for `like`'s token.
    pub(crate) fn like(node: NodeId, like: &Formatting) -> Formatting {
        Formatting {
            node,
            name: like.name.clone(),
            key: like.key,
        }
    }

    /// The entry's key hash, made now if it was not yet.
    fn key(&mut self, attributes: &impl Attributes) -> u64 {
        *self.key.get_or_insert_with(|| {
            let mut hasher = FxHasher::default();
            self.name.hash(&mut hasher);
            attributes.hash_of(self.node).hash(&mut hasher);
            hasher.finish()
        })
    }
}

#[derive(Clone, Debug)]
enum Item {
    Marker,
    Element(Formatting),
}

/// The most entries a segment holds before it counts them: up to this
/// many, a walk over the segment costs less than keeping the counts.
const WALKED: u32 = 8;

/// One segment: its number of entries, and their counts once it has held
/// more than [`WALKED`].
#[derive(Debug, Default)]
struct Segment {
    len: u32,
    counts: Option<Counts>,
}

impl Segment {
    fn add(&mut self, entry: &Formatting) {
        self.len += 1;
        if let Some(counts) = &mut self.counts {
            counts.add(entry);
        }
    }

    fn remove(&mut self, entry: &Formatting) {
        self.len = self.len.saturating_sub(1);
        if let Some(counts) = &mut self.counts {
            counts.remove(entry);
        }
    }

    /// Whether the segment may have an entry named `name`: always, when
    /// it keeps no counts.
    fn may_have(&self, name: &LocalName) -> bool {
        self.counts
            .as_ref()
            .is_none_or(|c| c.by_name.contains_key(name))
    }
}

/// A segment's entries counted by key hash and by tag name.
#[derive(Debug, Default)]
struct Counts {
    by_key: FxHashMap<u64, u32>,
    by_name: FxHashMap<LocalName, u32>,
}

impl Counts {
    /// Counts `entry`, whose key is made (every entry of a counted
    /// segment has one).
    fn add(&mut self, entry: &Formatting) {
        if let Some(key) = entry.key {
            *self.by_key.entry(key).or_default() += 1;
        }
        *self.by_name.entry(entry.name.clone()).or_default() += 1;
    }

    fn remove(&mut self, entry: &Formatting) {
        if let Some(key) = entry.key
            && let Some(n) = self.by_key.get_mut(&key)
        {
            *n -= 1;
            if *n == 0 {
                self.by_key.remove(&key);
            }
        }
        if let Some(n) = self.by_name.get_mut(&entry.name) {
            *n -= 1;
            if *n == 0 {
                self.by_name.remove(&entry.name);
            }
        }
    }
}

/// The list of active formatting elements.
#[derive(Debug)]
pub(crate) struct ActiveFormatting {
    items: Vec<Item>,
    /// One segment per marker, after the first (before any marker).
    segments: Vec<Segment>,
    /// The nodes of the entries.
    nodes: NodeSet,
}

impl Default for ActiveFormatting {
    fn default() -> Self {
        ActiveFormatting {
            items: Vec::new(),
            segments: vec![Segment::default()],
            nodes: NodeSet::default(),
        }
    }
}

impl ActiveFormatting {
    /// The entries from the last backwards, `None` for a marker.
    #[cfg(test)]
    fn iter_rev(&self) -> impl Iterator<Item = Option<&Formatting>> + '_ {
        self.items.iter().rev().map(|item| match item {
            Item::Marker => None,
            Item::Element(entry) => Some(entry),
        })
    }

    /// Where "reconstruct the active formatting elements" starts: the index
    /// of the first of the entries at the end that are elements not open
    /// (`is_open` says which are), `None` when the last entry is a marker
    /// or open, or there is none. Walks back only over those entries.
    pub(crate) fn reopen_from(&self, is_open: impl Fn(NodeId) -> bool) -> Option<usize> {
        let mut first = None;
        for (index, item) in self.items.iter().enumerate().rev() {
            match item {
                Item::Element(entry) if !is_open(entry.node) => first = Some(index),
                _ => break,
            }
        }
        first
    }

    /// The entry at `index`, if it is an element's.
    pub(crate) fn at(&self, index: usize) -> Option<&Formatting> {
        match self.items.get(index) {
            Some(Item::Element(entry)) => Some(entry),
            _ => None,
        }
    }

    /// Puts `entry` in place of the element entry at `index` (made again
    /// for the same token: same name and key, so the counts stay).
    pub(crate) fn replace_at(&mut self, index: usize, entry: Formatting) {
        if let Some(Item::Element(old)) = self.items.get_mut(index) {
            debug_assert!(old.key == entry.key && old.name == entry.name);
            self.nodes.remove(old.node);
            self.nodes.insert(entry.node);
            *old = entry;
        }
    }

    /// Inserts a marker at the end.
    pub(crate) fn push_marker(&mut self) {
        self.items.push(Item::Marker);
        self.segments.push(Segment::default());
    }

    /// "Push onto the list of active formatting elements": the Noah's Ark
    /// clause first (a fourth entry like three others after the last
    /// marker removes the earliest of them), then the entry at the end.
    pub(crate) fn push(&mut self, mut entry: Formatting, attributes: &impl Attributes) {
        // In a counted segment, only a key three entries share is looked
        // for; a walked one is walked.
        let key = match self.segments.last().and_then(|s| s.counts.as_ref()) {
            Some(counts) => {
                let key = entry.key(attributes);
                if counts.by_key.get(&key).is_none_or(|&n| n < 3) {
                    self.add_at(self.items.len(), entry, attributes);
                    return;
                }
                Some(key)
            }
            None => None,
        };
        let mut found = 0;
        let mut earliest = None;
        for (index, item) in self.items.iter().enumerate().rev() {
            let Item::Element(other) = item else { break };
            if key.is_none_or(|key| other.key == Some(key))
                && other.name == entry.name
                && attributes.same(other.node, entry.node)
            {
                found += 1;
                earliest = Some(index);
                if found == 3 {
                    break;
                }
            }
        }
        if found == 3
            && let Some(index) = earliest
        {
            self.remove_at(index);
        }
        self.add_at(self.items.len(), entry, attributes);
    }

    /// Inserts `entry` just after `node`'s entry (the adoption agency's
    /// bookmark, which is after the last marker: its formatting element
    /// is); at the end when `node` has none.
    pub(crate) fn insert_after(
        &mut self,
        node: NodeId,
        entry: Formatting,
        attributes: &impl Attributes,
    ) {
        let index = self.position(node).map_or(self.items.len(), |i| i + 1);
        self.add_at(index, entry, attributes);
    }

    /// Puts `entry` where `node`'s entry is, in its place ("replace the
    /// entry for formatting element in the list with an entry for new
    /// element"); false when `node` has no entry.
    pub(crate) fn replace(
        &mut self,
        node: NodeId,
        entry: Formatting,
        attributes: &impl Attributes,
    ) -> bool {
        let Some(index) = self.position(node) else {
            return false;
        };
        self.remove_at(index);
        self.add_at(index, entry, attributes);
        true
    }

    /// Removes `node`'s entry; whether it had one.
    pub(crate) fn remove(&mut self, node: NodeId) -> bool {
        match self.position(node) {
            Some(index) => {
                self.remove_at(index);
                true
            }
            None => false,
        }
    }

    /// Whether `node` has an entry.
    #[inline]
    pub(crate) fn contains(&self, node: NodeId) -> bool {
        self.nodes.contains(node)
    }

    /// `node`'s entry, if it has one.
    pub(crate) fn get(&self, node: NodeId) -> Option<&Formatting> {
        match self.items.get(self.position(node)?) {
            Some(Item::Element(entry)) => Some(entry),
            _ => None,
        }
    }

    /// The last element after the last marker that is the HTML element
    /// `name` (the adoption agency's "formatting element"; also "an `a`
    /// element in the list of active formatting elements").
    pub(crate) fn last_named(&self, name: &LocalName) -> Option<&Formatting> {
        if !self.current().may_have(name) {
            return None;
        }
        for item in self.items.iter().rev() {
            match item {
                Item::Marker => return None,
                Item::Element(entry) if entry.name == *name => return Some(entry),
                Item::Element(_) => {}
            }
        }
        None
    }

    /// "Clear the list of active formatting elements up to the last
    /// marker": removes the entries after it, and it.
    pub(crate) fn clear_to_last_marker(&mut self) {
        while let Some(item) = self.items.pop() {
            match item {
                Item::Marker => break,
                Item::Element(entry) => {
                    self.nodes.remove(entry.node);
                }
            }
        }
        if self.segments.len() > 1 {
            self.segments.pop();
        } else {
            self.segments[0] = Segment::default();
        }
    }

    /// Where `node`'s entry is, found from the end.
    fn position(&self, node: NodeId) -> Option<usize> {
        if !self.nodes.contains(node) {
            return None;
        }
        self.items
            .iter()
            .rposition(|item| matches!(item, Item::Element(e) if e.node == node))
    }

    /// The segment after the last marker. Cannot panic: the first segment
    /// is never popped, so there is always one.
    fn current(&self) -> &Segment {
        self.segments.last().unwrap_or(&self.segments[0])
    }

    /// Puts `entry` at `index`, counted in the segment after the last
    /// marker (entries only ever go in there: at the end, or next to an
    /// entry that is there).
    fn add_at(&mut self, index: usize, mut entry: Formatting, attributes: &impl Attributes) {
        self.nodes.insert(entry.node);
        let Some(segment) = self.segments.last_mut() else {
            return;
        };
        if segment.counts.is_some() {
            entry.key(attributes);
        }
        segment.add(&entry);
        let build = segment.counts.is_none() && segment.len > WALKED;
        self.items.insert(index, Item::Element(entry));
        if build {
            // Counted from now on: the entries after the last marker, each
            // with its key made.
            let mut counts = Counts::default();
            for item in self.items.iter_mut().rev() {
                let Item::Element(entry) = item else { break };
                entry.key(attributes);
                counts.add(entry);
            }
            if let Some(segment) = self.segments.last_mut() {
                segment.counts = Some(counts);
            }
        }
    }

    fn remove_at(&mut self, index: usize) {
        let Item::Element(entry) = self.items.remove(index) else {
            return;
        };
        self.nodes.remove(entry.node);
        // The entry's segment: the last, less one per marker after it
        // (counted from the end, as far as the entry was looked for).
        let after = self.items[index..]
            .iter()
            .filter(|item| matches!(item, Item::Marker))
            .count();
        let which = self.segments.len().saturating_sub(1 + after);
        if let Some(segment) = self.segments.get_mut(which) {
            segment.remove(&entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        /// Each test element's one attribute, an id ("" for none).
        static IDS: RefCell<HashMap<NodeId, String>> = RefCell::default();
    }

    /// Elements alike when their ids are.
    struct ById;

    impl Attributes for ById {
        fn same(&self, a: NodeId, b: NodeId) -> bool {
            IDS.with(|ids| ids.borrow().get(&a) == ids.borrow().get(&b))
        }

        fn hash_of(&self, node: NodeId) -> u64 {
            let mut hasher = FxHasher::default();
            IDS.with(|ids| ids.borrow().get(&node).cloned())
                .hash(&mut hasher);
            hasher.finish()
        }
    }

    /// Elements never alike (whose keys may still be equal).
    struct NoneAlike;

    impl Attributes for NoneAlike {
        fn same(&self, _: NodeId, _: NodeId) -> bool {
            false
        }

        fn hash_of(&self, _: NodeId) -> u64 {
            0
        }
    }

    /// A `b` element with the id `id` ("" for none).
    fn b(node: usize, id: &str) -> Formatting {
        let node = NodeId::from_index(node);
        IDS.with(|ids| ids.borrow_mut().insert(node, id.to_owned()));
        Formatting::new(node, LocalName::from("b"))
    }

    fn id_of(node: NodeId) -> String {
        IDS.with(|ids| ids.borrow().get(&node).cloned().unwrap_or_default())
    }

    fn nodes(list: &ActiveFormatting) -> Vec<Option<usize>> {
        let mut out: Vec<_> = list.iter_rev().map(|e| e.map(|e| e.node.index())).collect();
        out.reverse();
        out
    }

    #[test]
    fn noahs_ark_keeps_three_alike_after_the_last_marker() {
        let mut list = ActiveFormatting::default();
        for n in 1..=4 {
            list.push(b(n, ""), &ById);
        }
        assert_eq!(nodes(&list), [Some(2), Some(3), Some(4)]);
        list.push(b(5, "other"), &ById);
        list.push(b(6, ""), &ById);
        assert_eq!(nodes(&list), [Some(3), Some(4), Some(5), Some(6)]);
        // Behind a marker, the earlier entries do not count.
        list.push_marker();
        for n in 7..=9 {
            list.push(b(n, ""), &ById);
        }
        assert_eq!(nodes(&list).len(), 8);
        list.clear_to_last_marker();
        assert_eq!(nodes(&list), [Some(3), Some(4), Some(5), Some(6)]);
        // Entries alike by hash but not by attributes stay, in a walked
        // segment and in a counted one.
        for n in [5, 20] {
            let mut list = ActiveFormatting::default();
            for i in 1..=n {
                list.push(b(i, ""), &NoneAlike);
            }
            assert_eq!(nodes(&list).len(), n);
        }
        // Past the walked length, the clause holds as before it.
        let mut list = ActiveFormatting::default();
        for n in 1..=20 {
            list.push(b(n, &(n % 5).to_string()), &ById);
        }
        assert_eq!(nodes(&list).len(), 15);
        assert_eq!(nodes(&list)[0], Some(6));
    }

    #[test]
    fn last_named_finds_the_latest_after_the_marker() {
        let mut list = ActiveFormatting::default();
        list.push(b(1, "x"), &ById);
        list.push(b(2, "y"), &ById);
        assert_eq!(
            list.last_named(&LocalName::from("b"))
                .map(|e| e.node.index()),
            Some(2)
        );
        list.push_marker();
        assert!(list.last_named(&LocalName::from("b")).is_none());
        list.clear_to_last_marker();
        assert!(list.remove(NodeId::from_index(2)));
        assert_eq!(
            list.last_named(&LocalName::from("b"))
                .map(|e| e.node.index()),
            Some(1)
        );
        assert!(list.last_named(&LocalName::from("i")).is_none());
    }

    #[test]
    fn bookmarks_insert_in_place() {
        let mut list = ActiveFormatting::default();
        list.push(b(1, "a"), &ById);
        list.push(b(2, "b"), &ById);
        for n in 100..200 {
            list.insert_after(NodeId::from_index(1), b(n, &n.to_string()), &ById);
        }
        let order = nodes(&list);
        assert_eq!(order.first(), Some(&Some(1)));
        assert_eq!(order.last(), Some(&Some(2)));
        // Each went in just after node 1: the latest first.
        assert_eq!(order[1], Some(199));
        assert_eq!(order[100], Some(100));
        assert!(list.replace(NodeId::from_index(150), b(500, "z"), &ById));
        assert!(!list.contains(NodeId::from_index(150)));
        assert!(list.contains(NodeId::from_index(500)));
        assert_eq!(
            list.last_named(&LocalName::from("b"))
                .map(|e| e.node.index()),
            Some(2)
        );
    }

    /// The list against the standard's list, written as a plain vector
    /// with the clause as written, through a long fixed run of operations.
    #[test]
    fn agrees_with_the_plain_list() {
        let mut list = ActiveFormatting::default();
        let mut plain: Vec<Option<Formatting>> = Vec::new();
        let mut state = 0x2545_F491u32;
        let mut next = 1usize;
        for _ in 0..5_000 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let pick = state as usize;
            match pick % 7 {
                0..=2 => {
                    let entry = b(next, ["", "a", "b"][pick / 7 % 3]);
                    next += 1;
                    let after_marker = plain.iter().rposition(Option::is_none).map_or(0, |i| i + 1);
                    let alike: Vec<usize> = (after_marker..plain.len())
                        .filter(|&i| {
                            plain[i]
                                .as_ref()
                                .is_some_and(|e| id_of(e.node) == id_of(entry.node))
                        })
                        .collect();
                    if alike.len() >= 3 {
                        plain.remove(alike[0]);
                    }
                    plain.push(Some(entry.clone()));
                    list.push(entry, &ById);
                }
                3 => {
                    plain.push(None);
                    list.push_marker();
                }
                4 => {
                    if let Some(at) = plain.iter().rposition(Option::is_none) {
                        plain.truncate(at);
                        list.clear_to_last_marker();
                    }
                }
                5 => {
                    let elements: Vec<NodeId> = plain.iter().flatten().map(|e| e.node).collect();
                    if !elements.is_empty() {
                        let victim = elements[pick / 7 % elements.len()];
                        plain.retain(|e| e.as_ref().is_none_or(|e| e.node != victim));
                        assert!(list.remove(victim));
                    }
                }
                _ => {
                    let after_marker = plain.iter().rposition(Option::is_none).map_or(0, |i| i + 1);
                    let expected = plain[after_marker..]
                        .iter()
                        .rev()
                        .flatten()
                        .find(|e| e.name == *"b")
                        .map(|e| e.node);
                    assert_eq!(
                        list.last_named(&LocalName::from("b")).map(|e| e.node),
                        expected
                    );
                }
            }
            let want: Vec<Option<usize>> = plain
                .iter()
                .map(|e| e.as_ref().map(|e| e.node.index()))
                .collect();
            assert_eq!(nodes(&list), want);
        }
    }

    #[test]
    fn many_different_entries_stay_fast() {
        let mut list = ActiveFormatting::default();
        // 200,000 different entries after one marker, then entries of a
        // name none has: each would compare with all before it if the list
        // were scanned.
        for n in 1..200_001 {
            list.push(b(n, &n.to_string()), &ById);
        }
        for n in 200_001..400_001 {
            assert!(list.last_named(&LocalName::from("i")).is_none());
            list.push(b(n, "same"), &ById);
        }
        assert_eq!(list.iter_rev().count(), 200_003);
        for n in (1..200_001).rev() {
            assert!(list.remove(NodeId::from_index(n)));
        }
        assert_eq!(list.iter_rev().count(), 3);
    }
}
