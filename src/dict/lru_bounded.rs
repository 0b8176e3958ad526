//! The LRU-bounded strategy: a fixed number of names, least recently used
//! evicted first, on the `lru` crate, split into independently locked shards.

use std::num::NonZeroUsize;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};

use lru::LruCache;

use super::{
    Counters, DictStats, MAX_SHARDS, NameDictionary, name_hash, name_heap_bytes, shard_of,
};

/// Bookkeeping per entry besides the name itself: the `lru` crate's list node
/// (the `Arc<str>` key and two links).
const NODE_BYTES: usize = 4 * std::mem::size_of::<usize>();

/// Hash-table bytes per entry to allow for: `lru` allocates its table for
/// `capacity` entries up front, but evictions leave tombstones and hashbrown
/// then doubles the table once (never twice: doubled, it can rehash in place).
/// The doubling adds at most 2.29 slots of 17 bytes per entry when the
/// capacity is 8 or more (39 bytes), and 4 slots below that (68 bytes).
const TABLE_GROWTH_PER_ENTRY: usize = 68;

/// Bytes of the hash table `lru` allocates up front for `capacity` entries:
/// hashbrown rounds `capacity * 8 / 7` up to a power of two buckets, each a
/// 16-byte slot plus a control byte, with 16 extra control bytes.
fn table_bytes(capacity: usize) -> u64 {
    let buckets = if capacity < 4 {
        4
    } else if capacity < 8 {
        8
    } else {
        (capacity * 8).div_ceil(7).next_power_of_two()
    };
    (buckets * 17 + 16) as u64
}

/// A dictionary that holds at most `capacity` names and evicts the least
/// recently used one to make room.
///
/// Eviction never touches a document: each document holds its own reference
/// to every name it uses. A cache of 512 names or more is split into up to 16
/// shards (one per 256 names), each with its own lock and an equal part of the
/// capacity, so parsing threads rarely wait on each other; recency is then
/// tracked per shard.
///
/// ```
/// use htmldict::{LruDictionary, NameDictionary};
///
/// let dict = LruDictionary::new(1);
/// let kept = dict.intern("data-v-7ba5bd90");
/// dict.intern("data-v-0f1e2d3c"); // evicts the first
/// assert_eq!(dict.stats().evictions, 1);
/// assert_eq!(&*kept, "data-v-7ba5bd90"); // still valid for whoever holds it
/// ```
#[derive(Debug)]
pub struct LruDictionary {
    shards: Vec<Mutex<LruCache<Arc<str>, ()>>>,
    capacity: usize,
    /// Bytes of the shards' hash tables, at their ceiling (after the one
    /// doubling tombstones can cause), so `bytes` is an upper bound.
    tables: u64,
    /// One set per shard; `bytes` there counts the stored strings and list
    /// nodes.
    counters: Vec<Counters>,
}

/// Capacity of [`LruDictionary::shared_default`], the dictionary
/// [`ParseOptions::new`](crate::ParseOptions::new) uses.
///
/// ```
/// use htmldict::{NameDictionary, ParseOptions, dict::LRU_DEFAULT_CAPACITY};
/// let options = ParseOptions::new();
/// assert_eq!(options.dictionary_ref().stats().capacity, Some(LRU_DEFAULT_CAPACITY as u64));
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
    /// 1..=[`LRU_MAX_CAPACITY`](crate::dict::LRU_MAX_CAPACITY). Its hash table is allocated for the whole
    /// capacity now (about 70 bytes a name).
    ///
    /// ```
    /// use htmldict::{LruDictionary, NameDictionary};
    /// assert_eq!(LruDictionary::new(4096).stats().capacity, Some(4096));
    /// assert_eq!(LruDictionary::new(0).stats().capacity, Some(1));
    /// ```
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.clamp(1, MAX_CAPACITY);
        // Small caches stay in one shard so that recency is exact; large ones
        // split so that threads rarely meet on a lock.
        let shard_count = (capacity / 256).clamp(1, MAX_SHARDS);
        // Shares that add up to exactly `capacity`.
        let shares: Vec<usize> = (0..shard_count)
            .map(|i| capacity / shard_count + usize::from(i < capacity % shard_count))
            .collect();
        let shards = shares
            .iter()
            .map(|&share| Mutex::new(LruCache::new(NonZeroUsize::new(share).expect("share >= 1"))))
            .collect();
        LruDictionary {
            shards,
            capacity,
            tables: shares.iter().map(|&share| 2 * table_bytes(share)).sum(),
            counters: (0..shard_count).map(|_| Counters::default()).collect(),
        }
    }

    /// The process-wide dictionary that [`ParseOptions::default`](crate::ParseOptions)
    /// uses: LRU-bounded at [`LRU_DEFAULT_CAPACITY`](crate::dict::LRU_DEFAULT_CAPACITY) (4,096) names.
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

    /// The heap bound per entry for a name of `len` bytes: the shared string
    /// (16 + `len`, rounded up to 8), the cache's list node (32) and 68 bytes
    /// of hash table for its one possible doubling, on 64-bit targets. The
    /// dictionary's heap never exceeds what it held when created plus this for
    /// each of at most `capacity` entries.
    ///
    /// ```
    /// assert_eq!(htmldict::LruDictionary::entry_bytes(40), 56 + 32 + 68);
    /// ```
    pub fn entry_bytes(len: usize) -> u64 {
        name_heap_bytes(len) + (NODE_BYTES + TABLE_GROWTH_PER_ENTRY) as u64
    }

    /// Heap held by the strings and list nodes of the current entries.
    fn entry_heap(len: usize) -> u64 {
        name_heap_bytes(len) + NODE_BYTES as u64
    }
}

impl NameDictionary for LruDictionary {
    fn intern(&self, name: &str) -> Arc<str> {
        let index = shard_of(name_hash(name), self.shards.len());
        let (shard, counters) = (&self.shards[index], &self.counters[index]);
        // A poisoned lock means another thread panicked while holding it; the
        // cache's links are only changed by `lru` itself, so it stays usable.
        let mut cache = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((found, ())) = cache.get_key_value(name) {
            counters.record(true);
            return found.clone();
        }
        let stored: Arc<str> = Arc::from(name);
        let evicted = cache.push(stored.clone(), ());
        drop(cache);
        counters.record(false);
        match evicted {
            // A replacement: the entry count stays put, so no reader ever
            // sees more than `capacity` entries.
            Some((old, ())) => {
                counters.evictions.fetch_add(1, Ordering::Relaxed);
                counters
                    .bytes
                    .fetch_add(Self::entry_heap(name.len()), Ordering::Relaxed);
                counters
                    .bytes
                    .fetch_sub(Self::entry_heap(old.len()), Ordering::Relaxed);
            }
            None => counters.stored(Self::entry_heap(name.len()), true),
        }
        stored
    }

    fn stats(&self) -> DictStats {
        let mut stats = Counters::total(&self.counters);
        stats.bytes += self.tables;
        stats.capacity = Some(self.capacity as u64);
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_capacity() {
        for capacity in [1, 2, 15, 16, 17, 100, 4096] {
            let dict = LruDictionary::new(capacity);
            let total: usize = dict
                .shards
                .iter()
                .map(|s| s.lock().unwrap().cap().get())
                .sum();
            assert_eq!(total, capacity);
        }
    }

    #[test]
    fn never_exceeds_capacity() {
        let dict = LruDictionary::new(64);
        for i in 0..10_000 {
            dict.intern(&format!("data-v-{i:08x}"));
            assert!(dict.stats().entries <= 64);
        }
        let stats = dict.stats();
        assert_eq!(stats.entries, 64);
        assert_eq!(stats.evictions, 10_000 - 64);
    }

    #[test]
    fn recently_used_names_survive() {
        let dict = LruDictionary::new(2);
        dict.intern("keep-me");
        dict.intern("one-off-1");
        dict.intern("keep-me");
        dict.intern("one-off-2");
        dict.intern("keep-me");
        assert_eq!(dict.stats().hits, 2);
    }
}
