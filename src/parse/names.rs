//! [`NameTable`]: while a document is parsed, which name (an html5ever
//! `QualName`: namespace, prefix and atom) has which document-local name id.
//!
//! The tree builder's writer turns the name of every element and attribute
//! it creates into the index of the name in the document's name table,
//! asking the dictionary only for a name's first sighting. Most names repeat one seen a moment ago, so a small
//! direct-mapped table of recent names, slotted by the atom's own hash,
//! answers before the hash map does; an HTML element's name with a
//! [`Kind`] of its own is answered by an array indexed by the kind, and an
//! attribute's name by a table indexed by the slot the tokenizer's name
//! cache keeps it in ([`NameSlot`]).

use html5ever::{LocalName, Namespace, Prefix, QualName, local_name, ns};
use rustc_hash::FxHashMap;

use super::known::{KINDS, Kind};
use super::tokenizer::NameSlot;

/// Slots of the recent-names table (a power of two).
const RECENT_SLOTS: usize = 64;
const _: () = assert!(RECENT_SLOTS.is_power_of_two() && RECENT_SLOTS > 1);

/// Distinct names a document's tables are sized for at first.
pub(super) const NAME_TABLE_START: usize = 56;

/// Distinct names the hash map of a document's names is sized for at
/// first: a real page has 60 to 200 (element and attribute names), and
/// each doubling of the map rehashes every name in it.
const LOOKUP_START: usize = 128;

/// Names to their document-local ids, for one parse.
pub(super) struct NameTable {
    lookup: FxHashMap<QualName, u32>,
    recent: Box<[(QualName, u32)]>,
    /// The ids of HTML element names, by kind: one past the id (0: not
    /// seen yet).
    html_elements: [u32; KINDS],
    /// Attribute names without a namespace and their ids, by the slot of
    /// the tokenizer's name cache they were read from: the last name seen
    /// from each slot. Empty until the first attribute.
    attributes: Vec<(LocalName, u32)>,
}

/// A local name no attribute has (attribute names hold no space), for the
/// attribute slots not filled yet.
fn no_attribute() -> LocalName {
    LocalName::from(" ")
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
            lookup: FxHashMap::with_capacity_and_hasher(LOOKUP_START, Default::default()),
            recent: (0..RECENT_SLOTS).map(|_| (placeholder(), 0)).collect(),
            html_elements: [0; KINDS],
            attributes: Vec::new(),
        }
    }

    /// The id of the attribute name `name`, which the tokenizer's name
    /// cache keeps in `slot`, if the last attribute name of that slot was
    /// this one (no namespace, no prefix).
    #[inline]
    pub(super) fn get_attribute(&self, name: &QualName, slot: NameSlot) -> Option<u32> {
        let (local, id) = self.attributes.get(slot.index())?;
        (*local == name.local && name.ns == ns!() && name.prefix.is_none()).then_some(*id)
    }

    /// Records `id` as the id of the attribute name `name` read from
    /// `slot`, if it has no namespace and no prefix (an attribute the tree
    /// builder adjusted in foreign content may have them).
    #[inline]
    pub(super) fn set_attribute(&mut self, name: &QualName, slot: NameSlot, id: u32) {
        if name.ns != ns!() || name.prefix.is_some() || slot.index() >= NameSlot::COUNT {
            return;
        }
        if self.attributes.is_empty() {
            self.attributes = vec![(no_attribute(), 0); NameSlot::COUNT];
        }
        if let Some(entry) = self.attributes.get_mut(slot.index()) {
            *entry = (name.local.clone(), id);
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

    #[test]
    fn attribute_slots_answer_only_for_the_name_they_hold() {
        let mut table = NameTable::new();
        let slot = NameSlot::from_index(7);
        let class = QualName::new(None, ns!(), local_name!("class"));
        let href = QualName::new(None, ns!(), local_name!("href"));
        assert_eq!(table.get_attribute(&class, slot), None);
        table.set_attribute(&class, slot, 3);
        assert_eq!(table.get_attribute(&class, slot), Some(3));
        // Another name read from the same slot (a collision) is not taken
        // for it, and takes the slot over.
        assert_eq!(table.get_attribute(&href, slot), None);
        table.set_attribute(&href, slot, 4);
        assert_eq!(table.get_attribute(&href, slot), Some(4));
        assert_eq!(table.get_attribute(&class, slot), None);
        // A name with a namespace (an adjusted foreign attribute) is neither
        // kept nor answered for the plain name of the same local part.
        let xlink = QualName::new(
            Some(html5ever::namespace_prefix!("xlink")),
            ns!(xlink),
            local_name!("href"),
        );
        assert_eq!(table.get_attribute(&xlink, slot), None);
        table.set_attribute(&xlink, slot, 5);
        assert_eq!(table.get_attribute(&href, slot), Some(4));
        // No slot: nothing kept, nothing answered.
        table.set_attribute(&class, NameSlot::NONE, 3);
        assert_eq!(table.get_attribute(&class, NameSlot::NONE), None);
    }
}
