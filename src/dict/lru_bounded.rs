//! The LRU-bounded strategy: a fixed number of names, least recently used
//! evicted first, split into independently locked shards (each a recency list
//! of its own, [`LruTable`]).
//! By default a shard stores every name it misses while it has room; once
//! full, it stores a name only when it is missed a second time, and only in
//! place of a name that has not been used since it was stored or last
//! spared, so that names seen once, or admitted and never used again, do not
//! push out the ones pages share.
//!
//! Two known algorithms, each reduced to what a name cache needs:
//!
//! - admission by a **doorkeeper**, the first stage of TinyLFU (Einziger,
//!   Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission
//!   Policy", ACM Transactions on Storage 13(4), 2017): a small table of
//!   fingerprints of names missed once, without TinyLFU's frequency sketch;
//! - eviction with a **second chance**, as in CLOCK (Corbató, "A Paging
//!   Experiment with the Multics System", 1968): a used flag per entry, set
//!   on a hit; the least recently used entry, if its flag is set, is spared
//!   (flag cleared, moved to the most recently used end) instead of evicted.
//!
//! `docs/ARCHITECTURE.md` describes both; BENCHMARKS.md ("Dictionary
//! constants") has the measurements that chose the constants below.

use std::fmt;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};

use super::lru_table::LruTable;
use super::{
    Counters, DictStats, MAX_SHARDS, NameDictionary, name_hash, name_heap_bytes, shard_of,
};

/// Entries at the cold end of a full shard that an admitted name may look
/// at for one to replace (see [`Admission::OnSecondSighting`]). Each one
/// looked at that was used since it was stored or last spared is spared:
/// its flag is cleared and it becomes the most recently used. With one, a
/// name that comes back while the coldest entry is in use is turned away
/// again, and one entry in use loses its flag each time; looking further
/// lets newcomers in sooner, at the cost of names in use, and measured no
/// better (BENCHMARKS.md, "Dictionary constants").
const SECOND_CHANCES: usize = 1;

/// Fingerprints in a doorkeeper bucket. A first sighting goes to the front
/// of its bucket and the oldest of the four falls out, so a name is
/// forgotten once four other new names have landed in its bucket. With one
/// slot a bucket (a direct-mapped table), two names that share a slot and
/// come in turn, page after page, push each other out for good and are
/// never stored: 4 of the 32 shared names of the scan test below. Five names
/// sharing a bucket are far rarer than two sharing a slot.
const DOORKEEPER_WAYS: usize = 4;

/// Doorkeeper slots per name of a shard's share. With `m` slots, a first
/// sighting survives the next `m / 2` new names of its shard 86% of the
/// time, the next `m` 43% and the next `2m` 4%: the doorkeeper remembers
/// about the last `m` names it turned away, and a name turned away gets
/// another chance each time it comes back. Four slots a name let in the
/// names pages share although a few times the cache's size of one-off
/// names come between their sightings: in the scan test below, pages of 32
/// shared and 200 one-off names through a cache of 64, every shared name is
/// stored within a few pages; with one slot a name, almost none ever is.
/// On the crawl example both give the same hit rate (BENCHMARKS.md,
/// "Dictionary constants"). At 4 bytes a slot,
/// that is 16 to 32 bytes a name, allocated up front next to the recency
/// list's slots and hash table (40, and 10 to 20).
const DOORKEEPER_SLOTS_PER_NAME: usize = 4;

/// Fewest doorkeeper slots a shard has (four buckets), so that even a cache
/// of one name remembers a few first sightings at once.
const DOORKEEPER_MIN_SLOTS: usize = 4 * DOORKEEPER_WAYS;

/// Doorkeeper slots for a shard holding `share` names: a power of two, so
/// that a mask of the hash picks the bucket.
fn doorkeeper_slots(share: usize) -> usize {
    // Cannot overflow: a share is at most MAX_CAPACITY (2^24).
    (share * DOORKEEPER_SLOTS_PER_NAME)
        .next_power_of_two()
        .max(DOORKEEPER_MIN_SLOTS)
}

/// When an [`LruDictionary`] stores a name it has just missed.
///
/// Under either rule a shard that still has room stores every name it
/// misses: nothing is pushed out. They differ once the shard is full.
///
/// ```
/// use htmldict::{Admission, LruDictionary, NameDictionary};
///
/// for (admission, hits) in [(Admission::OnSecondSighting, 1), (Admission::Always, 0)] {
///     let dict = LruDictionary::with_admission(1, admission);
///     dict.intern("app-header"); // room: stored at once, under either rule
///     dict.intern("data-v-7ba5bd90"); // full: evicts app-header only under `Always`
///     dict.intern("app-header");
///     assert_eq!(dict.stats().hits, hits);
/// }
/// assert_eq!(Admission::default(), Admission::OnSecondSighting);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Admission {
    /// Once the shard is full, store a name only the second time it is
    /// missed, if its first miss is still remembered, and only in place of
    /// an entry that has not been used since it was stored or last spared.
    /// The first time, hand the document its own copy and only remember
    /// that the name was seen. The second time, look at the least recently
    /// used entry: if it has not been used, evict it and store the name; if
    /// it has, spare it (clear its flag and make it the most recently used)
    /// and hand the document its own copy again, still remembering the name
    /// so that its next miss tries again. Names used once (a build's
    /// `data-v-` hashes) then never get in, names admitted but never used
    /// again go first, and names that keep being used keep their place even
    /// when more names come back than the cache holds. The default.
    #[default]
    OnSecondSighting,
    /// Store every name that is missed, evicting the least recently used:
    /// a plain LRU cache.
    Always,
}

/// One lock's worth of the dictionary.
struct Shard {
    /// Each name with its used flag: set by every hit, cleared when the
    /// entry is spared at the cold end (under
    /// [`Admission::OnSecondSighting`]; unread under `Always`).
    cache: LruTable,
    /// The doorkeeper: the fingerprints of names missed once and not stored,
    /// in buckets of [`DOORKEEPER_WAYS`], newest first, 0 for an empty slot.
    /// Allocated with the dictionary and never resized; empty (no
    /// allocation) under [`Admission::Always`].
    doorkeeper: Box<[u32]>,
}

impl Shard {
    /// Whether to store a name of hash `hash` that the cache does not hold:
    /// yes at once while the shard has room, and under
    /// [`Admission::Always`]; else if the doorkeeper remembers its first
    /// sighting ([`seen_before`](Self::seen_before)) and the cold end holds
    /// an entry not used since it was stored or last spared
    /// ([`make_room`](Self::make_room)).
    fn admit(&mut self, hash: u64) -> bool {
        if !self.cache.is_full() || self.doorkeeper.is_empty() {
            return true;
        }
        if !self.seen_before(hash) {
            return false;
        }
        if self.make_room() {
            return true;
        }
        // Turned away although seen twice: remembered again, so that its
        // next miss tries again, sparing (and so ageing) one more entry in
        // use, rather than starting over from a first sighting. A name
        // that keeps coming back then gets in once the names in use stop
        // being hit (measured against forgetting it: BENCHMARKS.md,
        // "Dictionary constants").
        self.seen_before(hash);
        false
    }

    /// Whether the doorkeeper remembers a name of hash `hash`: if it does,
    /// it forgets it; if not, it remembers it now. The bucket comes from the
    /// hash's low bits; the fingerprint is its high half with the lowest
    /// bit set, so that no fingerprint is 0. The shard was chosen from
    /// those high bits too, which leaves at least 28 bits to tell names
    /// apart: a name is taken for one of the four in its bucket about once
    /// in 2^26 misses, and is then merely stored a sighting early.
    fn seen_before(&mut self, hash: u64) -> bool {
        // The table's length is a power of two, at least a bucket: the mask
        // keeps the bits of a bucket's first slot.
        // Cannot panic: `first` is a multiple of DOORKEEPER_WAYS at most
        // `len - DOORKEEPER_WAYS`, so the bucket lies inside the table.
        let first = hash as usize & (self.doorkeeper.len() - DOORKEEPER_WAYS);
        let bucket = &mut self.doorkeeper[first..first + DOORKEEPER_WAYS];
        let fingerprint = (hash >> 32) as u32 | 1;
        match bucket.iter().position(|&f| f == fingerprint) {
            Some(seen) => {
                // Forgotten: the newer ones keep their order, an empty slot
                // goes last.
                bucket.copy_within(seen + 1.., seen);
                bucket[DOORKEEPER_WAYS - 1] = 0;
                true
            }
            None => {
                // Remembered in front; the oldest falls out.
                bucket.copy_within(..DOORKEEPER_WAYS - 1, 1);
                bucket[0] = fingerprint;
                false
            }
        }
    }

    /// Whether the least recently used entry of this full shard may be
    /// evicted: yes if it has not been used since it was stored or last
    /// spared. One that has is spared instead: its flag is cleared and it
    /// becomes the most recently used, and the next entry is looked at, up
    /// to [`SECOND_CHANCES`] of them.
    fn make_room(&mut self) -> bool {
        for _ in 0..SECOND_CHANCES {
            match self.cache.take_oldest_used() {
                Some(true) => self.cache.spare_oldest(),
                Some(false) | None => return true,
            }
        }
        false
    }
}

impl fmt::Debug for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shard")
            .field("entries", &self.cache.len())
            .field("capacity", &self.cache.capacity())
            .field("doorkeeper_slots", &self.doorkeeper.len())
            .finish()
    }
}

/// A dictionary that holds at most `capacity` names and evicts the least
/// recently used one to make room.
///
/// While it has room it stores every name it misses. Once full, by default
/// ([`Admission::OnSecondSighting`]) it stores a name only the second time
/// it misses it, and only in place of a name not used since it was stored:
///
/// - The first time, it hands the document a copy of its own, which goes
///   when the document goes, and notes the name's fingerprint in a small
///   table, the doorkeeper. A crawl's one-off names (a build's `data-v-`
///   hashes, which no later page uses) then pass through without evicting
///   anything.
/// - The second time, it looks at the least recently used name. If that
///   name has not been hit since it was stored (or since it was last
///   spared), it is evicted and the new name stored. If it has, it is spared
///   once: it becomes the most recently used, with its hit forgotten, and
///   the new name is handed out unstored again, to try again at its next
///   miss. When more names keep coming back than the cache holds, the ones
///   in it that keep being hit stay, instead of every name pushing out
///   another that will be needed too.
///
/// The price is one more miss for each name worth keeping that arrives
/// once the cache is full. [`LruDictionary::with_admission`] with
/// [`Admission::Always`] stores every miss, as a plain LRU cache does, which
/// hits more when the names the pages come back to change faster than a
/// name's second sighting.
///
/// Eviction never touches a document: each document holds its own reference
/// to every name it uses. A cache of 512 names or more is split into up to 16
/// shards (one per 256 names), each with its own lock, an equal part of the
/// capacity and its own doorkeeper, so parsing threads rarely wait on each
/// other; recency, room and the rule are then per shard.
///
/// ```
/// use htmldict::{LruDictionary, NameDictionary};
///
/// let dict = LruDictionary::new(1);
/// dict.intern("app-header"); // room: stored at once
/// let first = dict.intern("app-footer"); // full, seen once: handed out, not stored
/// dict.intern("app-header"); // a hit: app-header is in use
/// dict.intern("app-footer"); // seen again, but app-header is spared
/// dict.intern("app-footer"); // app-header unused since: evicted
/// dict.intern("app-footer"); // a hit
/// let stats = dict.stats();
/// assert_eq!((stats.hits, stats.misses, stats.not_stored), (2, 4, 2));
/// assert_eq!((stats.entries, stats.evictions), (1, 1));
/// assert_eq!(&*first, "app-footer"); // the document's own copy
/// ```
#[derive(Debug)]
pub struct LruDictionary {
    shards: Vec<Mutex<Shard>>,
    capacity: usize,
    /// One set per shard; `bytes` there counts the stored strings (the
    /// shards' tables are measured by `stats`).
    counters: Vec<Counters>,
}

/// Capacity of [`LruDictionary::shared_default`], the dictionary
/// [`ParseOptions::new`](crate::ParseOptions::new) uses.
///
/// ```
/// use htmldict::{NameDictionary, ParseOptions, dict::LRU_DEFAULT_CAPACITY};
/// let options = ParseOptions::new();
/// assert_eq!(options.get_dictionary().stats().capacity, Some(LRU_DEFAULT_CAPACITY as u64));
/// ```
pub const DEFAULT_CAPACITY: usize = 4096;

/// The largest capacity a dictionary accepts (16,777,216 names): `lru`
/// allocates its table for the whole capacity up front, so a larger request
/// is almost certainly a mistake that would reserve gigabytes.
/// [`LruDictionary::new`] clamps to it; [`from_spec`](crate::dict::from_spec)
/// refuses more.
///
/// ```
/// use htmldict::dict::{LRU_MAX_CAPACITY, from_spec};
/// assert_eq!(LRU_MAX_CAPACITY, 16_777_216);
/// assert!(from_spec(&format!("lru:{}", LRU_MAX_CAPACITY + 1)).is_err());
/// ```
pub const MAX_CAPACITY: usize = 1 << 24;

impl LruDictionary {
    /// A new dictionary holding at most `capacity` names, clamped to
    /// 1..=[`LRU_MAX_CAPACITY`](crate::dict::LRU_MAX_CAPACITY), with the
    /// default rule ([`Admission::OnSecondSighting`]). Its recency lists,
    /// hash tables and doorkeepers are allocated for the whole capacity now
    /// (40, 10 to 20 and 16 to 32 bytes a name).
    ///
    /// ```
    /// use htmldict::{LruDictionary, NameDictionary};
    /// assert_eq!(LruDictionary::new(4096).stats().capacity, Some(4096));
    /// assert_eq!(LruDictionary::new(0).stats().capacity, Some(1));
    /// ```
    pub fn new(capacity: usize) -> Self {
        Self::with_admission(capacity, Admission::OnSecondSighting)
    }

    /// A new dictionary like [`new`](Self::new)'s, with the given admission
    /// rule. [`Admission::Always`] allocates no doorkeeper.
    ///
    /// ```
    /// use htmldict::{Admission, LruDictionary, NameDictionary};
    ///
    /// let plain = LruDictionary::with_admission(1, Admission::Always);
    /// let kept = plain.intern("data-v-7ba5bd90"); // stored at once
    /// plain.intern("data-v-0f1e2d3c"); // evicts the first
    /// assert_eq!(plain.stats().evictions, 1);
    /// assert_eq!(&*kept, "data-v-7ba5bd90"); // still valid for whoever holds it
    ///
    /// // No doorkeeper: a fresh plain dictionary holds less.
    /// let fresh = LruDictionary::with_admission(1024, Admission::Always).stats().bytes;
    /// assert!(fresh < LruDictionary::new(1024).stats().bytes);
    /// ```
    pub fn with_admission(capacity: usize, admission: Admission) -> Self {
        let capacity = capacity.clamp(1, MAX_CAPACITY);
        // Small caches stay in one shard so that recency is exact; large ones
        // split so that threads rarely meet on a lock.
        let shard_count = (capacity / 256).clamp(1, MAX_SHARDS);
        // Shares that add up to exactly `capacity`.
        let shares: Vec<usize> = (0..shard_count)
            .map(|i| capacity / shard_count + usize::from(i < capacity % shard_count))
            .collect();
        let slots = |share: usize| match admission {
            Admission::OnSecondSighting => doorkeeper_slots(share),
            Admission::Always => 0,
        };
        let shards = shares
            .iter()
            .map(|&share| {
                Mutex::new(Shard {
                    cache: LruTable::new(share),
                    doorkeeper: vec![0; slots(share)].into_boxed_slice(),
                })
            })
            .collect();
        LruDictionary {
            shards,
            capacity,
            counters: (0..shard_count).map(|_| Counters::default()).collect(),
        }
    }

    /// The process-wide dictionary that [`ParseOptions::default`](crate::ParseOptions)
    /// uses: LRU-bounded at [`LRU_DEFAULT_CAPACITY`](crate::dict::LRU_DEFAULT_CAPACITY) (4,096) names,
    /// with the default rule, as with [`new`](Self::new).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{LruDictionary, NameDictionary};
    /// assert!(Arc::ptr_eq(&LruDictionary::shared_default(), &LruDictionary::shared_default()));
    /// assert_eq!(LruDictionary::shared_default().stats().capacity, Some(4096));
    /// ```
    pub fn shared_default() -> Arc<LruDictionary> {
        static SHARED: OnceLock<Arc<LruDictionary>> = OnceLock::new();
        SHARED
            .get_or_init(|| Arc::new(LruDictionary::new(DEFAULT_CAPACITY)))
            .clone()
    }

    /// The most names this dictionary holds at once, after clamping.
    ///
    /// ```
    /// use htmldict::LruDictionary;
    /// assert_eq!(LruDictionary::new(1024).capacity(), 1024);
    /// assert_eq!(LruDictionary::new(0).capacity(), 1);
    /// ```
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The heap an entry for a name of `len` bytes adds: its shared string
    /// (16 + `len`, rounded up to 8, on 64-bit targets). The dictionary's
    /// heap never exceeds what it held when created plus this for each of
    /// at most `capacity` entries: the recency lists' slots (40 bytes a
    /// name), their hash tables (reserved for twice the names, so that they
    /// never grow) and the doorkeepers are all allocated with the
    /// dictionary, and a name the doorkeeper turns away is the document's,
    /// freed with the document.
    ///
    /// ```
    /// assert_eq!(htmldict::LruDictionary::entry_bytes(40), 56);
    /// ```
    pub fn entry_bytes(len: usize) -> u64 {
        name_heap_bytes(len)
    }
}

impl LruDictionary {
    /// What the dictionary holds and how it has been used
    /// ([`NameDictionary::stats`]), callable without the trait in scope.
    ///
    /// ```
    /// let dict = htmldict::LruDictionary::new(16);
    /// assert_eq!(dict.stats().lookups, 0);
    /// ```
    pub fn stats(&self) -> DictStats {
        <Self as NameDictionary>::stats(self)
    }
}

impl NameDictionary for LruDictionary {
    fn intern(&self, name: &str) -> Arc<str> {
        let hash = name_hash(name);
        // Cannot panic: one counter per shard, and `shard_of` is below the count.
        let index = shard_of(hash, self.shards.len());
        let (lock, counters) = (&self.shards[index], &self.counters[index]);
        // A poisoned lock means another thread panicked while holding it; no
        // code here panics between the changes of one list operation, and
        // the doorkeeper takes single stores, so the shard stays usable.
        let mut shard = lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = shard.cache.get(hash, name) {
            let found = found.clone();
            drop(shard);
            counters.record(true);
            return found;
        }
        if !shard.admit(hash) {
            drop(shard);
            counters.record(false);
            counters.not_stored.fetch_add(1, Ordering::Relaxed);
            // The document's own copy, allocated outside the lock.
            return Arc::from(name);
        }
        let stored: Arc<str> = Arc::from(name);
        let evicted = shard.cache.push(hash, stored.clone());
        drop(shard);
        counters.record(false);
        match evicted {
            // A replacement: the entry count stays put, so no reader ever
            // sees more than `capacity` entries.
            Some(old) => {
                counters.evictions.fetch_add(1, Ordering::Relaxed);
                counters
                    .bytes
                    .fetch_add(name_heap_bytes(name.len()), Ordering::Relaxed);
                counters
                    .bytes
                    .fetch_sub(name_heap_bytes(old.len()), Ordering::Relaxed);
            }
            None => counters.stored(name_heap_bytes(name.len()), true),
        }
        stored
    }

    fn stats(&self) -> DictStats {
        let mut stats = Counters::total(&self.counters);
        // What the shards allocated up front, measured: their recency lists
        // and doorkeepers.
        for shard in &self.shards {
            let shard = shard.lock().unwrap_or_else(|e| e.into_inner());
            let doorkeeper = std::mem::size_of_val(&*shard.doorkeeper);
            stats.bytes += (shard.cache.table_bytes() + doorkeeper) as u64;
        }
        stats.capacity = Some(self.capacity as u64);
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(capacity: usize) -> LruDictionary {
        LruDictionary::with_admission(capacity, Admission::Always)
    }

    #[test]
    fn shares_add_up_to_capacity() {
        for capacity in [1, 2, 15, 16, 17, 100, 4096] {
            let dict = LruDictionary::new(capacity);
            let total: usize = dict
                .shards
                .iter()
                .map(|s| s.lock().unwrap().cache.capacity())
                .sum();
            assert_eq!(total, capacity);
        }
    }

    #[test]
    fn doorkeepers_are_sized_from_the_share_and_counted_in_bytes() {
        for capacity in [1, 2, 15, 100, 300, 4096, 5000] {
            let dict = LruDictionary::new(capacity);
            let mut doorkeeper_bytes = 0;
            for shard in &dict.shards {
                let shard = shard.lock().unwrap();
                let (share, slots) = (shard.cache.capacity(), shard.doorkeeper.len());
                assert!(slots.is_power_of_two(), "{capacity}: {slots} slots");
                assert!(slots >= 16 && slots >= 4 * share && slots < 8 * share.max(4));
                assert!(shard.doorkeeper.iter().all(|&f| f == 0));
                doorkeeper_bytes += 4 * slots as u64;
            }
            let without = plain(capacity);
            assert!(
                without
                    .shards
                    .iter()
                    .all(|s| s.lock().unwrap().doorkeeper.is_empty())
            );
            assert_eq!(dict.stats().bytes, without.stats().bytes + doorkeeper_bytes);
        }
    }

    /// Asserts that every miss was either stored (an entry, or one since
    /// evicted) or handed out unstored, and every lookup a hit or a miss.
    fn assert_accounted(stats: &DictStats) {
        assert_eq!(stats.lookups, stats.hits + stats.misses, "{stats:?}");
        assert_eq!(
            stats.misses,
            stats.not_stored + stats.entries + stats.evictions,
            "{stats:?}"
        );
    }

    /// Whether `name` is stored, without touching its recency or flag.
    fn holds(dict: &LruDictionary, name: &str) -> bool {
        let index = shard_of(name_hash(name), dict.shards.len());
        dict.shards[index]
            .lock()
            .unwrap()
            .cache
            .contains(name_hash(name), name)
    }

    #[test]
    fn a_shard_with_room_stores_every_miss_at_once() {
        for admission in [Admission::OnSecondSighting, Admission::Always] {
            let dict = LruDictionary::with_admission(64, admission);
            for i in 0..64 {
                let name = format!("data-v-{i:08x}");
                dict.intern(&name);
                assert!(holds(&dict, &name), "{admission:?}: {name}");
            }
            let stats = dict.stats();
            assert_eq!((stats.entries, stats.misses), (64, 64), "{stats:?}");
            assert_eq!((stats.not_stored, stats.evictions), (0, 0), "{stats:?}");
            // Full: the default turns a first sighting away.
            dict.intern("data-v-ffffffff");
            let stats = dict.stats();
            let turned_away = u64::from(admission == Admission::OnSecondSighting);
            assert_eq!(stats.not_stored, turned_away, "{admission:?}");
            assert_eq!(stats.evictions, 1 - turned_away, "{admission:?}");
            assert_accounted(&stats);
        }
        // Room is per shard: a sharded dictionary fills every shard.
        let dict = LruDictionary::new(4096);
        for i in 0..3_000 {
            dict.intern(&format!("app-widget-{i}"));
        }
        assert_eq!(dict.stats().not_stored, 0);
    }

    #[test]
    fn a_full_shard_stores_a_name_on_its_second_sighting() {
        let dict = LruDictionary::new(64);
        for i in 0..64 {
            dict.intern(&format!("filler-{i}"));
        }
        let full = dict.stats();
        let first = dict.intern("app-cart-drawer");
        let stats = dict.stats();
        assert_eq!((stats.entries, stats.misses, stats.not_stored), (64, 65, 1));
        assert_eq!(stats.bytes, full.bytes);
        let second = dict.intern("app-cart-drawer");
        let stats = dict.stats();
        assert_eq!(
            (stats.misses, stats.not_stored, stats.evictions),
            (66, 1, 1)
        );
        assert!(!Arc::ptr_eq(&first, &second));
        // The filler stored first, never used, made room.
        assert!(!holds(&dict, "filler-0") && holds(&dict, "filler-1"));
        let third = dict.intern("app-cart-drawer");
        let stats = dict.stats();
        assert_eq!((stats.hits, stats.misses, stats.lookups), (1, 66, 67));
        assert!(Arc::ptr_eq(&second, &third));
        assert_eq!(&*first, "app-cart-drawer");
        assert_accounted(&stats);
    }

    #[test]
    fn an_entry_used_since_it_was_stored_is_spared_once() {
        let dict = LruDictionary::new(2);
        dict.intern("hot-name"); // stored: room
        dict.intern("hot-name"); // a hit
        dict.intern("cold-name"); // stored: room, never used
        // Cold end first: hot-name (used), then cold-name (unused).
        dict.intern("new-name"); // first sighting
        dict.intern("new-name"); // second: hot-name is spared, nothing stored
        let stats = dict.stats();
        assert_eq!((stats.not_stored, stats.evictions), (2, 0), "{stats:?}");
        assert!(holds(&dict, "hot-name") && holds(&dict, "cold-name"));
        // Still remembered: its next miss tries again, and cold-name, now at
        // the cold end and never used, makes room.
        dict.intern("new-name");
        assert!(holds(&dict, "hot-name") && holds(&dict, "new-name"));
        assert!(!holds(&dict, "cold-name"));
        // hot-name was spared with its flag cleared: unless hit again, it is
        // the next to go.
        for _ in 0..2 {
            dict.intern("other-name");
        }
        assert!(!holds(&dict, "hot-name") && holds(&dict, "other-name"));
        let stats = dict.stats();
        assert_eq!((stats.hits, stats.not_stored, stats.evictions), (1, 3, 2));
        assert_accounted(&stats);

        // Under `Always`, the used entry is evicted all the same.
        let dict = plain(1);
        for name in ["hot-name", "hot-name", "new-name"] {
            dict.intern(name);
        }
        assert!(!holds(&dict, "hot-name"));
    }

    #[test]
    fn always_stores_every_miss() {
        let dict = plain(64);
        for i in 0..10_000 {
            dict.intern(&format!("data-v-{i:08x}"));
            assert!(dict.stats().entries <= 64);
        }
        let stats = dict.stats();
        assert_eq!(stats.entries, 64);
        assert_eq!(stats.evictions, 10_000 - 64);
        assert_eq!((stats.misses, stats.not_stored), (10_000, 0));
    }

    #[test]
    fn never_exceeds_capacity() {
        let dict = LruDictionary::new(64);
        for i in 0..10_000 {
            // Each name twice in a row: the first 64 are stored at once and
            // hit; the others are stored on their second sighting, in place
            // of an entry not used since (so each of the first 64 is spared
            // once, and turns one name away), and never hit.
            for _ in 0..2 {
                dict.intern(&format!("data-v-{i:08x}"));
            }
            assert!(dict.stats().entries <= 64);
        }
        let stats = dict.stats();
        assert_eq!((stats.entries, stats.hits), (64, 64));
        assert_eq!(stats.evictions, 10_000 - 64 - 64);
        assert_eq!(stats.not_stored, 10_000 - 64 + 64);
        assert_accounted(&stats);
    }

    #[test]
    fn recently_used_names_survive() {
        let dict = plain(2);
        dict.intern("keep-me");
        dict.intern("one-off-1");
        dict.intern("keep-me");
        dict.intern("one-off-2");
        dict.intern("keep-me");
        assert_eq!(dict.stats().hits, 2);
        // With admission, once the cache is full, the one-off names are not
        // even stored.
        let dict = LruDictionary::new(1);
        for name in ["keep-me", "one-off-1", "keep-me", "one-off-2", "keep-me"] {
            dict.intern(name);
        }
        let stats = dict.stats();
        assert_eq!((stats.hits, stats.evictions, stats.entries), (2, 0, 1));
    }

    /// 100 names in turn, again and again, through a cache of 64: a plain
    /// LRU has always just evicted the name asked for and never hits. The
    /// default keeps a set of names that it hits on every round and turns
    /// the others away, so it hits nearly 64 lookups in 100.
    #[test]
    fn a_cycle_longer_than_the_cache_keeps_a_stable_set() {
        let names: Vec<String> = (0..100).map(|i| format!("app-widget-{i:03}")).collect();
        let cycle = |dict: &LruDictionary| {
            let mut warm = DictStats::default();
            for round in 0..50 {
                if round == 5 {
                    warm = dict.stats();
                }
                for name in &names {
                    assert_eq!(&*dict.intern(name), name.as_str());
                }
                assert!(dict.stats().entries <= 64);
            }
            let stats = dict.stats();
            assert_accounted(&stats);
            let hits = (stats.hits - warm.hits) as f64 / (stats.lookups - warm.lookups) as f64;
            (hits, stats.evictions - warm.evictions, stats)
        };
        let (hits, _, stats) = cycle(&plain(64));
        assert_eq!(stats.hits, 0, "{stats:?}");
        assert_eq!(hits, 0.0);
        let (hits, evictions, stats) = cycle(&LruDictionary::new(64));
        assert!(hits >= 0.5, "hit rate {hits} after warm-up, {stats:?}");
        assert!(
            evictions <= 45 * 4,
            "{evictions} evictions after warm-up, {stats:?}"
        );
    }

    #[test]
    fn the_doorkeeper_forgets_on_admission_and_after_four_others() {
        let mut shard = Shard {
            cache: LruTable::new(1),
            doorkeeper: vec![0; 16].into_boxed_slice(),
        };
        // Hashes whose low bits put them in the same bucket (slots 4 to 7),
        // with fingerprints 1, 3, 5, ...
        let same_bucket = |k: u64| (k << 33) | 0x0000_0000_1234_5675;
        let a = same_bucket(0);
        assert!(!shard.seen_before(a));
        assert!(shard.seen_before(a));
        assert!(!shard.seen_before(a), "admitting forgets");
        for k in 1..=3 {
            assert!(!shard.seen_before(same_bucket(k)));
        }
        assert!(shard.seen_before(a), "a survives three others");
        assert_eq!(&shard.doorkeeper[4..8], &[7, 5, 3, 0]);
        assert!(!shard.seen_before(a));
        for k in 4..=7 {
            assert!(!shard.seen_before(same_bucket(k)));
        }
        assert!(!shard.seen_before(a), "the fourth other pushed a out");
        // Another bucket is left alone.
        let others = shard.doorkeeper[..4].iter().chain(&shard.doorkeeper[8..]);
        assert!(others.into_iter().all(|&f| f == 0));
        // Hashes with a's bucket and fingerprint are taken for a, and stored
        // a sighting early: one that differs from a in its other low bits,
        // one that differs in the bit the fingerprint sets.
        for twin in [a ^ 0xffff_fff3, a ^ (1 << 32)] {
            shard.doorkeeper.fill(0);
            assert!(!shard.seen_before(a));
            assert!(shard.seen_before(twin));
        }
        // A shard with room admits at once, and leaves the doorkeeper alone.
        shard.doorkeeper.fill(0);
        assert!(shard.admit(a) && shard.admit(a));
        assert!(shard.doorkeeper.iter().all(|&f| f == 0));
        // Full, it consults the doorkeeper.
        shard.cache.push(name_hash("app-name"), "app-name".into());
        assert!(!shard.admit(a) && shard.admit(a));
        // Under `Always` there is no doorkeeper and every miss is admitted.
        shard.doorkeeper = Box::default();
        assert!(shard.admit(a) && shard.admit(same_bucket(1)));
    }

    /// Whatever the doorkeeper holds (here: every slot already holding the
    /// fingerprint of the names to come, as if each collided with an earlier
    /// name), every lookup gives back the name asked for and the counters
    /// add up.
    #[test]
    fn collisions_only_change_when_a_name_is_stored() {
        let names: Vec<String> = (0..2_000).map(|i| format!("app-widget-{i}")).collect();
        let dict = LruDictionary::new(16);
        {
            let mut shard = dict.shards[0].lock().unwrap();
            let slots = shard.doorkeeper.len();
            for name in names.iter().take(slots) {
                let hash = name_hash(name);
                shard.doorkeeper[hash as usize & (slots - 1)] = (hash >> 32) as u32 | 1;
            }
        }
        for round in 0..3 {
            for name in &names {
                assert_eq!(&*dict.intern(name), name.as_str(), "round {round}");
                let stats = dict.stats();
                assert!(stats.entries <= 16);
                assert_eq!(stats.lookups, stats.hits + stats.misses);
                assert_eq!(
                    stats.misses,
                    stats.not_stored + stats.entries + stats.evictions
                );
            }
        }
        // Some of the names were stored at their first sighting.
        assert!(dict.stats().not_stored < 3 * names.len() as u64);
    }

    /// Every page uses the same 32 names and 200 that no other page uses;
    /// the cache holds 64. Returns the hit rate on the 32 names from the
    /// third page on, and the dictionary's stats.
    fn scan(dict: &LruDictionary) -> (f64, DictStats) {
        let (mut hot_lookups, mut hot_hits) = (0, 0);
        for page in 0..100 {
            for k in 0..232 {
                // A hot name after every six one-off names or so.
                let hot = k % 29 < 4;
                let name = if hot {
                    format!("app-shared-{:02}", (k / 29) * 4 + k % 29)
                } else {
                    format!("data-v-{page:04}{k:04}")
                };
                let hits = dict.stats().hits;
                dict.intern(&name);
                if hot && page >= 2 {
                    hot_lookups += 1;
                    hot_hits += dict.stats().hits - hits;
                }
            }
        }
        assert_eq!(hot_lookups, 98 * 32);
        (hot_hits as f64 / hot_lookups as f64, dict.stats())
    }

    #[test]
    fn one_off_names_do_not_push_out_shared_ones() {
        let (hot_rate, stats) = scan(&LruDictionary::new(64));
        assert!(hot_rate >= 0.95, "hot hit rate {hot_rate}, {stats:?}");
        assert!(stats.evictions <= 32, "{stats:?}");
        assert!(stats.entries <= 64, "{stats:?}");
        let (hot_rate, stats) = scan(&plain(64));
        assert!(hot_rate <= 0.05, "hot hit rate {hot_rate}, {stats:?}");
        assert!(stats.evictions >= 99 * 200, "{stats:?}");
    }
}
