//! The global shared strategy: every name ever seen, kept for the life of
//! the dictionary (libxml2's behaviour).

use std::sync::{Arc, OnceLock, RwLock};

use hashbrown::HashSet;
use rustc_hash::FxBuildHasher;

use super::{
    Counters, DictStats, MAX_SHARDS, NameDictionary, name_hash, name_heap_bytes, shard_of,
};

/// A dictionary that never forgets: memory grows with the number of distinct
/// names seen, and every document shares them.
///
/// Use [`GlobalDictionary::shared`] for the process-wide instance, or
/// [`GlobalDictionary::new`] for one of your own (tests, one per tenant).
///
/// ```
/// use htmldict::{GlobalDictionary, NameDictionary};
///
/// let dict = GlobalDictionary::new();
/// let a = dict.intern("app-root");
/// let b = dict.intern("app-root");
/// assert!(std::sync::Arc::ptr_eq(&a, &b));
/// assert_eq!(dict.stats().entries, 1);
/// ```
#[derive(Debug)]
pub struct GlobalDictionary {
    shards: Vec<RwLock<HashSet<Arc<str>, FxBuildHasher>>>,
    /// One set per shard; `bytes` there counts the stored strings (tables
    /// are measured in `stats`).
    counters: Vec<Counters>,
}

impl GlobalDictionary {
    /// A new, empty dictionary of its own, separate from
    /// [`shared`](Self::shared). Names stay in it after the documents that
    /// used them are dropped.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{GlobalDictionary, NameDictionary, ParseOptions, parse_html};
    /// let dict = Arc::new(GlobalDictionary::new());
    /// let options = ParseOptions::new().dictionary(dict.clone());
    /// for _ in 0..2 {
    ///     parse_html("<app-cart-drawer>", &options)?; // dropped at once
    /// }
    /// let stats = dict.stats();
    /// assert_eq!((stats.entries, stats.misses, stats.hits), (1, 1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new() -> Self {
        GlobalDictionary {
            shards: (0..MAX_SHARDS).map(|_| RwLock::default()).collect(),
            counters: (0..MAX_SHARDS).map(|_| Counters::default()).collect(),
        }
    }

    /// The process-wide instance, created on first use and never freed.
    ///
    /// ```
    /// use std::sync::Arc;
    /// let a = htmldict::GlobalDictionary::shared();
    /// let b = htmldict::GlobalDictionary::shared();
    /// assert!(Arc::ptr_eq(&a, &b));
    /// ```
    pub fn shared() -> Arc<GlobalDictionary> {
        static SHARED: OnceLock<Arc<GlobalDictionary>> = OnceLock::new();
        SHARED
            .get_or_init(|| Arc::new(GlobalDictionary::new()))
            .clone()
    }
}

impl Default for GlobalDictionary {
    fn default() -> Self {
        Self::new()
    }
}

impl GlobalDictionary {
    /// What the dictionary holds and how it has been used
    /// ([`NameDictionary::stats`]), callable without the trait in scope.
    ///
    /// ```
    /// let dict = htmldict::GlobalDictionary::new();
    /// assert_eq!(dict.stats().lookups, 0);
    /// ```
    pub fn stats(&self) -> DictStats {
        <Self as NameDictionary>::stats(self)
    }
}

impl NameDictionary for GlobalDictionary {
    fn intern(&self, name: &str) -> Arc<str> {
        // Cannot panic: one counter per shard, and `shard_of` is below the count.
        let index = shard_of(name_hash(name), self.shards.len());
        let (shard, counters) = (&self.shards[index], &self.counters[index]);
        // A poisoned lock only means another thread panicked mid-insert; the
        // set itself is still consistent, so keep using it.
        if let Some(found) = shard.read().unwrap_or_else(|e| e.into_inner()).get(name) {
            counters.record(true);
            return found.clone();
        }
        let mut set = shard.write().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = set.get(name) {
            counters.record(true);
            return found.clone();
        }
        let stored: Arc<str> = Arc::from(name);
        set.insert(stored.clone());
        counters.record(false);
        counters.stored(name_heap_bytes(name.len()), true);
        stored
    }

    fn stats(&self) -> DictStats {
        let tables: usize = self
            .shards
            .iter()
            .map(|shard| {
                shard
                    .read()
                    .unwrap_or_else(|e| e.into_inner())
                    .allocation_size()
            })
            .sum();
        let mut stats = Counters::total(&self.counters);
        stats.bytes += tables as u64;
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_hits_and_misses() {
        let dict = GlobalDictionary::new();
        for name in ["a-1", "a-2", "a-1", "a-1"] {
            dict.intern(name);
        }
        let stats = dict.stats();
        assert_eq!(
            (stats.entries, stats.hits, stats.misses, stats.evictions),
            (2, 2, 2, 0)
        );
        assert_eq!(stats.capacity, None);
    }
}
