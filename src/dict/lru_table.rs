//! The recency list of one [`LruDictionary`](super::LruDictionary) shard: a
//! fixed number of slots, allocated once, linked from most to least
//! recently used, and a hash table from names to slots.
//!
//! The textbook LRU cache (a hash map over a doubly linked list), with the
//! list's nodes in one array and linked by index: nothing is allocated
//! per entry but the name itself. The hash table is reserved for twice the
//! slots, so that the tombstones evictions leave are always cleared by a
//! rehash in place and the table never grows: its bytes, measured with
//! [`HashTable::allocation_size`], are fixed from the start.

use std::sync::Arc;

use hashbrown::HashTable;

/// No slot: the end of the list.
const NONE: u32 = u32::MAX;

/// One stored name, its place in the list and its used flag.
#[derive(Debug)]
struct Slot {
    name: Arc<str>,
    hash: u64,
    /// Set by every hit, cleared when the entry is spared at the cold end.
    used: bool,
    /// Towards the most recently used.
    newer: u32,
    /// Towards the least recently used.
    older: u32,
}

/// A fixed-capacity list of names in recency order.
///
/// Indexing `slots` cannot panic: the index table and the `newer`/`older`
/// links only ever hold indices of pushed slots (below `capacity`, itself
/// below NONE), and NONE is matched before it would be used as one.
#[derive(Debug)]
pub(super) struct LruTable {
    slots: Vec<Slot>,
    index: HashTable<u32>,
    capacity: usize,
    newest: u32,
    oldest: u32,
}

impl LruTable {
    /// A table for `capacity` names (at least 1, below `u32::MAX`).
    pub(super) fn new(capacity: usize) -> Self {
        // Cannot fail from the public API: `LruDictionary` clamps its
        // capacity to 1..=MAX_CAPACITY (2^24) and splits it into shares of
        // at least 1 each.
        assert!(
            (1..NONE as usize).contains(&capacity),
            "capacity {capacity}"
        );
        LruTable {
            slots: Vec::with_capacity(capacity),
            index: HashTable::with_capacity(2 * capacity),
            capacity,
            newest: NONE,
            oldest: NONE,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(super) fn capacity(&self) -> usize {
        self.capacity
    }

    pub(super) fn is_full(&self) -> bool {
        self.slots.len() == self.capacity
    }

    /// Heap held by the slots and the hash table, not by the names.
    pub(super) fn table_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>() + self.index.allocation_size()
    }

    fn find(&self, hash: u64, name: &str) -> Option<u32> {
        self.index
            .find(hash, |&i| *self.slots[i as usize].name == *name)
            .copied()
    }

    /// The stored name equal to `name` (of hash `hash`), made the most
    /// recently used and marked used.
    pub(super) fn get(&mut self, hash: u64, name: &str) -> Option<&Arc<str>> {
        let i = self.find(hash, name)?;
        self.move_to_front(i);
        let slot = &mut self.slots[i as usize];
        slot.used = true;
        Some(&slot.name)
    }

    /// Whether `name` is stored, leaving its recency and flag alone.
    #[cfg(test)]
    pub(super) fn contains(&self, hash: u64, name: &str) -> bool {
        self.find(hash, name).is_some()
    }

    /// The least recently used entry's used flag, cleared; `None` when
    /// empty.
    pub(super) fn take_oldest_used(&mut self) -> Option<bool> {
        let slot = self.slots.get_mut(self.oldest as usize)?;
        Some(std::mem::replace(&mut slot.used, false))
    }

    /// Makes the least recently used entry the most recently used.
    pub(super) fn spare_oldest(&mut self) {
        if self.oldest != NONE {
            self.move_to_front(self.oldest);
        }
    }

    /// Stores `name` (not stored yet, of hash `hash`) as the most recently
    /// used, unused entry; when full, in place of the least recently used
    /// one, which is returned.
    pub(super) fn push(&mut self, hash: u64, name: Arc<str>) -> Option<Arc<str>> {
        if !self.is_full() {
            let i = self.slots.len() as u32;
            self.slots.push(Slot {
                name,
                hash,
                used: false,
                newer: NONE,
                older: NONE,
            });
            self.link_front(i);
            self.index_slot(i);
            return None;
        }
        let i = self.oldest;
        let old_hash = self.slots[i as usize].hash;
        if let Ok(entry) = self.index.find_entry(old_hash, |&j| j == i) {
            let _ = entry.remove();
        }
        let slot = &mut self.slots[i as usize];
        slot.hash = hash;
        slot.used = false;
        let old = std::mem::replace(&mut slot.name, name);
        self.move_to_front(i);
        self.index_slot(i);
        Some(old)
    }

    fn index_slot(&mut self, i: u32) {
        let slots = &self.slots;
        self.index
            .insert_unique(slots[i as usize].hash, i, |&j| slots[j as usize].hash);
    }

    /// Unlinks slot `i` and links it in front.
    fn move_to_front(&mut self, i: u32) {
        if self.newest == i {
            return;
        }
        let (newer, older) = {
            let slot = &self.slots[i as usize];
            (slot.newer, slot.older)
        };
        // Not the newest, so it has a newer neighbour.
        self.slots[newer as usize].older = older;
        match older {
            NONE => self.oldest = newer,
            older => self.slots[older as usize].newer = newer,
        }
        self.link_front(i);
    }

    /// Links the unlinked slot `i` in front.
    fn link_front(&mut self, i: u32) {
        let slot = &mut self.slots[i as usize];
        slot.newer = NONE;
        slot.older = self.newest;
        match self.newest {
            NONE => self.oldest = i,
            newest => self.slots[newest as usize].newer = i,
        }
        self.newest = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::name_hash;

    fn push(table: &mut LruTable, name: &str) -> Option<String> {
        table
            .push(name_hash(name), Arc::from(name))
            .map(|old| old.to_string())
    }

    /// The names from the most to the least recently used, walking both
    /// ways.
    fn order(table: &LruTable) -> Vec<String> {
        let mut names = Vec::new();
        let mut i = table.newest;
        while i != NONE {
            names.push(table.slots[i as usize].name.to_string());
            i = table.slots[i as usize].older;
        }
        let mut back = Vec::new();
        let mut i = table.oldest;
        while i != NONE {
            back.push(table.slots[i as usize].name.to_string());
            i = table.slots[i as usize].newer;
        }
        back.reverse();
        assert_eq!(names, back);
        names
    }

    #[test]
    fn evicts_the_least_recently_used() {
        let mut table = LruTable::new(3);
        for name in ["a", "b", "c"] {
            assert_eq!(push(&mut table, name), None);
        }
        assert_eq!(order(&table), ["c", "b", "a"]);
        assert!(table.get(name_hash("a"), "a").is_some());
        assert_eq!(order(&table), ["a", "c", "b"]);
        assert_eq!(push(&mut table, "d").as_deref(), Some("b"));
        assert_eq!(order(&table), ["d", "a", "c"]);
        assert!(!table.contains(name_hash("b"), "b"));
        assert!(table.get(name_hash("b"), "b").is_none());
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn the_used_flag_is_set_by_hits_and_cleared_when_spared() {
        let mut table = LruTable::new(2);
        assert_eq!(table.take_oldest_used(), None);
        push(&mut table, "a");
        push(&mut table, "b");
        assert_eq!(table.take_oldest_used(), Some(false));
        table.get(name_hash("a"), "a");
        table.get(name_hash("b"), "b");
        assert_eq!(table.take_oldest_used(), Some(true));
        assert_eq!(table.take_oldest_used(), Some(false), "cleared");
        table.spare_oldest();
        assert_eq!(order(&table), ["a", "b"]);
    }

    /// Many evictions leave tombstones, which rehashes in place clear: the
    /// table's bytes never change, and every name stored is found.
    #[test]
    fn the_table_never_grows() {
        for capacity in [1, 2, 7, 8, 64, 1000] {
            let mut table = LruTable::new(capacity);
            let bytes = table.table_bytes();
            for k in 0..20 * capacity + 100 {
                let name = format!("name-{k}");
                push(&mut table, &name);
                assert!(table.contains(name_hash(&name), &name));
                assert_eq!(table.table_bytes(), bytes, "capacity {capacity}, push {k}");
            }
            assert_eq!(table.len(), capacity);
            let stored = order(&table);
            assert_eq!(stored.len(), capacity);
            for name in &stored {
                assert!(table.contains(name_hash(name), name));
            }
        }
    }
}
