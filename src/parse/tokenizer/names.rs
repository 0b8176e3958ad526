//! [`NameCache`]: tag and attribute names to atoms, remembering the most
//! recent ones so that a name seen a moment ago costs a compare instead of
//! string_cache's hash of the static set (and, for a name outside it and
//! longer than 7 bytes, a lookup in its global table).

use html5ever::LocalName;

/// Slots of the cache (a power of two).
const SLOTS: usize = 128;

/// Longest name the cache holds; longer ones go to string_cache each time.
const LONGEST: usize = 23;

/// One remembered name.
#[derive(Default)]
struct Slot {
    len: u8,
    bytes: [u8; LONGEST],
    atom: Option<LocalName>,
}

/// A direct-mapped cache of recent names, keyed by their bytes.
pub(super) struct NameCache {
    slots: Box<[Slot]>,
}

impl NameCache {
    pub(super) fn new() -> NameCache {
        NameCache {
            slots: (0..SLOTS).map(|_| Slot::default()).collect(),
        }
    }

    /// The atom of `name` (already lowercased where the standard says).
    #[inline]
    pub(super) fn atom(&mut self, name: &str) -> LocalName {
        let bytes = name.as_bytes();
        if bytes.len() > LONGEST {
            return LocalName::from(name);
        }
        let slot = &mut self.slots[slot_of(bytes)];
        if usize::from(slot.len) == bytes.len()
            && slot.bytes[..bytes.len()] == *bytes
            && let Some(atom) = &slot.atom
        {
            return atom.clone();
        }
        let atom = LocalName::from(name);
        slot.len = bytes.len() as u8;
        slot.bytes[..bytes.len()].copy_from_slice(bytes);
        slot.atom = Some(atom.clone());
        atom
    }
}

/// The slot of a name: its first and last eight bytes (or fewer) and its
/// length, mixed by a multiplication.
#[inline]
fn slot_of(bytes: &[u8]) -> usize {
    let mut head = [0u8; 8];
    let mut tail = [0u8; 8];
    let n = bytes.len().min(8);
    head[..n].copy_from_slice(&bytes[..n]);
    tail[..n].copy_from_slice(&bytes[bytes.len() - n..]);
    let mixed = (u64::from_le_bytes(head) ^ u64::from_le_bytes(tail).rotate_left(29))
        .wrapping_add(bytes.len() as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - SLOTS.trailing_zeros())) as usize
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
