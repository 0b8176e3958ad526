//! [`NameCache`]: tag and attribute names to atoms, remembering the most
//! recent names longer than 7 bytes (shorter ones are packed into the atom
//! at once), so that such a name seen a moment ago costs a compare instead
//! of string_cache's hash of its static set (and, for a name outside it, a
//! lookup in its global table).

use html5ever::LocalName;

/// Slots of the cache (a power of two).
const SLOTS: usize = 128;
const _: () = assert!(SLOTS.is_power_of_two() && SLOTS > 1);

/// Longest name the cache holds; longer ones go to string_cache each time.
const LONGEST: usize = 24;

/// Longest name string_cache packs into the atom itself.
const INLINE: usize = 7;

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

/// A direct-mapped cache of recent names, keyed by their bytes.
pub(super) struct NameCache {
    /// Empty until the first name longer than [`INLINE`] bytes: a small
    /// document may never need the slots, which cost more to set up than
    /// its parse spends on names.
    slots: Vec<Slot>,
}

impl NameCache {
    pub(super) fn new() -> NameCache {
        NameCache { slots: Vec::new() }
    }

    /// The atom of `name` (already lowercased where the standard says).
    #[inline]
    pub(super) fn atom(&mut self, name: &str) -> LocalName {
        let bytes = name.as_bytes();
        // Names of 7 bytes or less are packed into the atom itself, which
        // costs less than a look in the cache; longer ones than the cache
        // holds go to string_cache each time.
        if bytes.len() <= INLINE || bytes.len() > LONGEST {
            return LocalName::from(name);
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
        let slot = &mut self.slots[(mixed >> (64 - SLOTS.trailing_zeros())) as usize];
        // Compared word by word: a vector compare of the array would read
        // the key back from memory right after it was written as words.
        let differs = (slot.key[0] ^ key[0]) | (slot.key[1] ^ key[1]) | (slot.key[2] ^ key[2]);
        if differs == 0
            && slot.len == bytes.len()
            && let Some(atom) = &slot.atom
        {
            return atom.clone();
        }
        let atom = LocalName::from(name);
        slot.key = key;
        slot.len = bytes.len();
        slot.atom = Some(atom.clone());
        atom
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
    }
}
