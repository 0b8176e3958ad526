//! [`NameTable`]: while a document is parsed, which name (an html5ever
//! `QualName`: namespace, prefix and atom) has which document-local name id.
//!
//! The tree builder's writer turns the name of every element and attribute
//! it creates into the index of the name in the document's name table,
//! asking the dictionary only for a name's first sighting. Most names repeat one seen a moment ago, so a small
//! direct-mapped table of recent names, slotted by the atom's own hash,
//! answers before the hash map does; an HTML element's name with a
//! [`Kind`] of its own is answered by an array indexed by the kind.

use html5ever::{LocalName, Namespace, Prefix, QualName, local_name, ns};
use rustc_hash::FxHashMap;

use super::known::{KINDS, Kind};

/// Slots of the recent-names table (a power of two).
const RECENT_SLOTS: usize = 64;
const _: () = assert!(RECENT_SLOTS.is_power_of_two() && RECENT_SLOTS > 1);

/// Distinct names a document's tables are sized for at first.
pub(super) const NAME_TABLE_START: usize = 56;

/// Names to their document-local ids, for one parse.
pub(super) struct NameTable {
    lookup: FxHashMap<QualName, u32>,
    recent: Box<[(QualName, u32)]>,
    /// The ids of HTML element names, by kind: one past the id (0: not
    /// seen yet).
    html_elements: [u32; KINDS],
}

/// A name no element or attribute has (empty), for empty recent slots.
fn placeholder() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

/// The recent slot of a name: the local name's hash (string_cache keeps it:
/// precomputed for static and dynamic atoms, the packed bytes for inline
/// ones), mixed.
#[inline]
fn slot(name: &QualName) -> usize {
    slot_of(&name.ns, &name.local)
}

/// The slot of a local name in a namespace: an HTML element and an
/// attribute of the same name (`title`) take different slots (an SVG
/// element may share its attribute's; the slot's name tells them apart).
#[inline]
fn slot_of(ns: &Namespace, local: &LocalName) -> usize {
    // The namespace only as whether it is HTML's (an element) or not (an
    // attribute, mostly): a compare, where its hash would be a table read.
    let hash = local.get_hash() ^ (u64::from(*ns == ns!(html)) << 29);
    let mixed = hash.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The top log2(RECENT_SLOTS) bits: always < RECENT_SLOTS, a power of
    // two (checked below), so indexing `recent` with it cannot panic.
    (mixed >> (64 - RECENT_SLOTS.trailing_zeros())) as usize
}

impl NameTable {
    pub(super) fn new() -> NameTable {
        NameTable {
            lookup: FxHashMap::with_capacity_and_hasher(NAME_TABLE_START, Default::default()),
            recent: (0..RECENT_SLOTS).map(|_| (placeholder(), 0)).collect(),
            html_elements: [0; KINDS],
        }
    }

    /// The id of the HTML element name of kind `kind` (not
    /// [`Kind::OTHER`]), if it was seen in this parse.
    #[inline]
    pub(super) fn get_html_element(&self, kind: Kind) -> Option<u32> {
        self.html_elements[kind.index()].checked_sub(1)
    }

    /// Records `id` as the id of the HTML element name of kind `kind`, as
    /// [`Self::insert`] or [`Self::get_parts`] gave it.
    #[inline]
    pub(super) fn set_html_element(&mut self, kind: Kind, id: u32) {
        // Cannot overflow: ids count a document's names, each read from
        // the input, far below u32::MAX.
        self.html_elements[kind.index()] = id + 1;
    }

    /// The id of `name`, if it was seen in this parse.
    #[inline]
    pub(super) fn get(&mut self, name: &QualName) -> Option<u32> {
        self.get_parts(&name.ns, name.prefix.as_ref(), &name.local)
    }

    /// The id of the name made of these parts, if it was seen in this
    /// parse: without making a `QualName` when a recent slot has it.
    #[inline]
    pub(super) fn get_parts(
        &mut self,
        ns: &Namespace,
        prefix: Option<&Prefix>,
        local: &LocalName,
    ) -> Option<u32> {
        let at = slot_of(ns, local);
        let slot = &self.recent[at];
        if slot.0.local == *local && slot.0.ns == *ns && slot.0.prefix.as_ref() == prefix {
            return Some(slot.1);
        }
        let name = QualName::new(prefix.cloned(), ns.clone(), local.clone());
        let &id = self.lookup.get(&name)?;
        self.recent[at] = (name, id);
        Some(id)
    }

    /// Whether `name` was seen, without touching the recent names.
    pub(super) fn contains(&self, name: &QualName) -> Option<u32> {
        self.lookup.get(name).copied()
    }

    /// Records a name seen for the first time.
    pub(super) fn insert(&mut self, name: QualName, id: u32) {
        self.recent[slot(&name)] = (name.clone(), id);
        self.lookup.insert(name, id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::LocalName;

    #[test]
    fn names_keep_their_ids_through_slot_collisions() {
        let mut table = NameTable::new();
        let names: Vec<QualName> = (0..500)
            .map(|i| {
                let ns = if i % 3 == 0 { ns!(svg) } else { ns!(html) };
                QualName::new(None, ns, LocalName::from(format!("x-name-{i}")))
            })
            .collect();
        for (id, name) in names.iter().enumerate() {
            assert_eq!(table.get(name), None);
            table.insert(name.clone(), id as u32);
        }
        for _ in 0..2 {
            for (id, name) in names.iter().enumerate().rev() {
                assert_eq!(table.get(name), Some(id as u32));
            }
        }
        assert_eq!(table.get(&placeholder()), None);
    }
}
