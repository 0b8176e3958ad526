//! [`NameCache`]: tag and attribute names to atoms, remembering the most
//! recent names of up to 24 bytes, so that a name seen a moment ago costs a
//! compare instead of string_cache's hash of its static set (SipHash-1-3
//! over the name, then a compare with the set's entry) and, for a name
//! outside it, a copy into an inline atom or a lookup in its global table.
//!
//! Names of at most 8 bytes, most of a page's, are keyed by one word and
//! kept in a table of their own; the fast tag path reads that word straight
//! from the input ([`NameCache::atom_in`]).
//!
//! An attribute's name comes with the number of the slot that keeps it
//! ([`NameSlot`]), so that the tree builder can keep the name's
//! document-local id in a table indexed the same way instead of hashing
//! the atom again for every attribute.

use html5ever::LocalName;

/// Slots of the cache (a power of two).
const SLOTS: usize = 128;
const _: () = assert!(SLOTS.is_power_of_two() && SLOTS > 1);

/// Longest name the cache holds; longer ones go to string_cache each time.
const LONGEST: usize = 24;

/// Slots of the short-name table (a power of two).
const SHORT_SLOTS: usize = 256;
const _: () = assert!(SHORT_SLOTS.is_power_of_two() && SHORT_SLOTS > 1);

/// Longest name the short-name table holds: one word.
const SHORT: usize = 8;

/// The slot of the cache a name was found in or put into: the short-name
/// slots first, then the longer ones ([`NameSlot::NONE`] for a name longer
/// than the cache holds). A hint only: names that collide share a slot, so
/// a table indexed by it must check the name it finds there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NameSlot(u16);

impl NameSlot {
    /// How many slots there are: every [`NameSlot::index`] but
    /// [`NameSlot::NONE`]'s is below this.
    pub(crate) const COUNT: usize = SHORT_SLOTS + SLOTS;

    /// No slot: a name the cache does not keep.
    pub(crate) const NONE: NameSlot = NameSlot(NameSlot::COUNT as u16);

    /// The slot numbered `index` (tests of tables indexed by slots).
    #[cfg(test)]
    pub(crate) fn from_index(index: u16) -> NameSlot {
        NameSlot(index)
    }

    /// The slot's number, below [`NameSlot::COUNT`] for every slot but
    /// [`NameSlot::NONE`], whose number is `COUNT`.
    #[inline]
    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }
}

const _: () = assert!(NameSlot::COUNT < u16::MAX as usize);

/// A name of at most [`LONGEST`] bytes, zero-padded, as three words: two
/// names are equal exactly when their keys and lengths are.
type Key = [u64; 3];

/// The bytes of `name` from `from` on, at most eight, as a little-endian
/// word, zero-padded (built in a register: copying the name into a padded
/// buffer and reading it back as words stalls on store forwarding).
#[inline]
fn word(name: &[u8], from: usize) -> u64 {
    let rest = name.get(from..).unwrap_or_default();
    match rest.first_chunk::<8>() {
        Some(&eight) => u64::from_le_bytes(eight),
        None => {
            let mut word = 0u64;
            for (i, &b) in rest.iter().enumerate() {
                // Cannot overflow: `rest` is shorter than 8 bytes here, so
                // the shift is at most 56.
                word |= u64::from(b) << (8 * i);
            }
            word
        }
    }
}

/// One remembered name.
#[derive(Default)]
struct Slot {
    key: Key,
    len: usize,
    atom: Option<LocalName>,
}

/// One remembered short name: its bytes as a zero-padded word (no name
/// holds a NUL byte, the tokenizer replaces it, so the word and the length
/// together tell names apart), and its atom. An empty slot has length 0.
struct ShortSlot {
    word: u64,
    len: usize,
    atom: LocalName,
}

/// Direct-mapped caches of recent names, keyed by their bytes.
pub(super) struct NameCache {
    /// Names of up to [`SHORT`] bytes. Empty until the first name.
    short: Vec<ShortSlot>,
    /// Longer names, up to [`LONGEST`] bytes. Empty until the first such
    /// name: a small document may never need the slots, which cost more to
    /// set up than its parse spends on names.
    slots: Vec<Slot>,
}

/// The short-name slot of a word.
#[inline]
fn short_slot(word: u64) -> usize {
    // The top log2(SHORT_SLOTS) bits: always < SHORT_SLOTS.
    (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_SLOTS.trailing_zeros())) as usize
}

impl NameCache {
    pub(super) fn new() -> NameCache {
        NameCache {
            short: Vec::new(),
            slots: Vec::new(),
        }
    }

    /// The atom of the name `chunk[start..end]` (ASCII, already lowercase):
    /// for a short name not near the chunk's end, its word is read from
    /// the chunk at once rather than byte by byte.
    #[inline]
    pub(super) fn atom_in(&mut self, chunk: &str, start: usize, end: usize) -> LocalName {
        self.name_in(chunk, start, end).0
    }

    /// The same for an attribute's name, with its slot. Always inlined: the
    /// fast tag path calls it for every name, and as a call it saved and
    /// restored six registers around a lookup of a dozen instructions.
    #[inline(always)]
    pub(super) fn name_in(
        &mut self,
        chunk: &str,
        start: usize,
        end: usize,
    ) -> (LocalName, NameSlot) {
        let len = end.saturating_sub(start);
        if (1..=SHORT).contains(&len)
            && let Some(&eight) = chunk
                .as_bytes()
                .get(start..)
                .and_then(|b| b.first_chunk::<8>())
        {
            // Cannot overflow: 1 <= len <= 8, so the shift is 0 to 56.
            let word = u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * len));
            return self.short_atom(word, len, || chunk.get(start..end).unwrap_or_default());
        }
        self.name(chunk.get(start..end).unwrap_or_default())
    }

    /// The atom of the short name whose word and length these are.
    #[inline(always)]
    fn short_atom<'n>(
        &mut self,
        word: u64,
        len: usize,
        name: impl FnOnce() -> &'n str,
    ) -> (LocalName, NameSlot) {
        if self.short.is_empty() {
            self.short = (0..SHORT_SLOTS)
                .map(|_| ShortSlot {
                    word: 0,
                    len: 0,
                    atom: LocalName::default(),
                })
                .collect();
        }
        // Cannot panic: `short_slot` is below SHORT_SLOTS, and the slots
        // were just made if they were not there.
        let at = short_slot(word);
        // Cannot truncate: `at < SHORT_SLOTS <= NameSlot::COUNT < u16::MAX`.
        let number = NameSlot(at as u16);
        let slot = &mut self.short[at];
        if slot.word == word && slot.len == len {
            return (slot.atom.clone(), number);
        }
        let atom = LocalName::from(name());
        slot.word = word;
        slot.len = len;
        slot.atom = atom.clone();
        (atom, number)
    }

    /// The atom of `name` (already lowercased where the standard says).
    #[inline]
    pub(super) fn atom(&mut self, name: &str) -> LocalName {
        self.name(name).0
    }

    /// The same for an attribute's name, with its slot.
    #[inline]
    pub(super) fn name(&mut self, name: &str) -> (LocalName, NameSlot) {
        let bytes = name.as_bytes();
        if (1..=SHORT).contains(&bytes.len()) {
            return self.short_atom(word(bytes, 0), bytes.len(), || name);
        }
        // Longer ones than the cache holds go to string_cache each time.
        if bytes.len() > LONGEST {
            return (LocalName::from(name), NameSlot::NONE);
        }
        if self.slots.is_empty() {
            self.slots = (0..SLOTS).map(|_| Slot::default()).collect();
        }
        let key = [word(bytes, 0), word(bytes, 8), word(bytes, 16)];
        let mixed = (key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42))
            .wrapping_add(bytes.len() as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // Cannot panic: the top log2(SLOTS) bits are < SLOTS, a power of two,
        // and the slots were just made if they were not there.
        let at = (mixed >> (64 - SLOTS.trailing_zeros())) as usize;
        // Cannot truncate: `SHORT_SLOTS + at < NameSlot::COUNT < u16::MAX`.
        let number = NameSlot((SHORT_SLOTS + at) as u16);
        let slot = &mut self.slots[at];
        // Compared word by word: a vector compare of the array would read
        // the key back from memory right after it was written as words.
        let differs = (slot.key[0] ^ key[0]) | (slot.key[1] ^ key[1]) | (slot.key[2] ^ key[2]);
        if differs == 0
            && slot.len == bytes.len()
            && let Some(atom) = &slot.atom
        {
            return (atom.clone(), number);
        }
        let atom = LocalName::from(name);
        slot.key = key;
        slot.len = bytes.len();
        slot.atom = Some(atom.clone());
        (atom, number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::local_name;

    #[test]
    fn names_come_back_as_the_same_atoms() {
        let mut cache = NameCache::new();
        assert_eq!(cache.atom("div"), local_name!("div"));
        assert_eq!(cache.atom("div"), local_name!("div"));
        assert_eq!(cache.atom("abcdefgh"), LocalName::from("abcdefgh"));
        assert_eq!(cache.atom(""), local_name!(""));
        assert_eq!(cache.atom("annotation-xml"), local_name!("annotation-xml"));
        let long = "data-a-very-long-attribute-name-indeed";
        assert_eq!(&*cache.atom(long), long);
        // Many names sharing slots: each still maps to its own atom.
        let names: Vec<String> = (0..1000).map(|i| format!("data-v-{i:x}")).collect();
        for _ in 0..2 {
            for name in &names {
                assert_eq!(&*cache.atom(name), name.as_str());
            }
        }
        let short: Vec<String> = (0..2000).map(|i| format!("x{i:x}")).collect();
        for _ in 0..2 {
            for name in &short {
                assert_eq!(&*cache.atom(name), name.as_str());
            }
        }
    }

    #[test]
    fn a_name_keeps_its_slot_and_long_names_have_none() {
        let mut cache = NameCache::new();
        let names = [
            "id",
            "class",
            "data-src",
            "aria-labelledby",
            "data-v-0123abcd",
        ];
        let slots: Vec<NameSlot> = names.iter().map(|n| cache.name(n).1).collect();
        for (name, slot) in names.iter().zip(&slots) {
            assert_eq!(cache.name(name), (LocalName::from(*name), *slot));
            assert!(slot.index() < NameSlot::COUNT, "{name}");
        }
        // Short names take the first slots, longer ones those after them.
        assert!(slots[0].index() < SHORT_SLOTS && slots[2].index() < SHORT_SLOTS);
        assert!(slots[3].index() >= SHORT_SLOTS);
        let chunk = "<a class=x>";
        assert_eq!(cache.name_in(chunk, 3, 8), (local_name!("class"), slots[1]));
        let long = "data-a-very-long-attribute-name-indeed";
        assert_eq!(cache.name(long).1, NameSlot::NONE);
        assert_eq!(NameSlot::NONE.index(), NameSlot::COUNT);
    }

    #[test]
    fn names_read_from_a_chunk_match_names_given_alone() {
        let mut cache = NameCache::new();
        let chunk = "<a href=x><table class=y><abcdefgh><abcdefghi>";
        let cases = [
            (1, 2),
            (3, 7),
            (11, 16),
            (17, 22),
            (27, 35),
            (37, 46),
            (45, 46),
        ];
        for _ in 0..2 {
            for (start, end) in cases {
                let alone = LocalName::from(&chunk[start..end]);
                assert_eq!(cache.atom_in(chunk, start, end), alone);
                assert_eq!(cache.atom(&chunk[start..end]), alone);
            }
        }
        // Near the chunk's end the word is built byte by byte.
        assert_eq!(cache.atom_in("<p", 1, 2), local_name!("p"));
        assert_eq!(cache.atom_in("<p", 1, 1), local_name!(""));
    }
}
