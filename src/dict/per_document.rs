//! The per-document strategy: nothing is shared, each document owns the
//! names it uses and frees them when it is dropped.

use std::sync::Arc;

use super::{
    Counters, DictStats, MAX_SHARDS, NameDictionary, name_hash, name_heap_bytes, shard_of,
};

/// A dictionary that stores nothing itself: each document keeps its own copy
/// of every novel name it uses, and memory returns to the baseline when the
/// documents are dropped.
///
/// One instance may serve any number of parses; it only counts. `entries` and
/// `bytes` are the names held by documents still alive; every lookup is a miss
/// because no name outlives its document (repeats inside one document are
/// resolved by the document's own table and never reach a dictionary).
///
/// ```
/// use std::sync::Arc;
/// use htmldict::{NameDictionary, ParseOptions, PerDocumentDictionary, parse_html};
///
/// let dict = Arc::new(PerDocumentDictionary::new());
/// let options = ParseOptions::new().dictionary(dict.clone());
/// let doc = parse_html("<shop-card shop-size=2><shop-card>", &options)?;
/// assert_eq!(dict.stats().entries, 2);
/// drop(doc);
/// assert_eq!(dict.stats().entries, 0);
/// assert_eq!(dict.stats().bytes, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct PerDocumentDictionary {
    /// Counters spread by name, so parsing threads rarely share a line.
    counters: [Counters; MAX_SHARDS],
}

impl PerDocumentDictionary {
    /// A new dictionary. It stores nothing and only counts: every call to
    /// `intern` hands out a fresh copy of the name.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{NameDictionary, PerDocumentDictionary};
    /// let dict = PerDocumentDictionary::new();
    /// let (a, b) = (dict.intern("app-root"), dict.intern("app-root"));
    /// assert!(!Arc::ptr_eq(&a, &b));
    /// assert_eq!((dict.stats().hits, dict.stats().misses), (0, 2));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    fn counters_for(&self, name: &str) -> &Counters {
        // Cannot panic: MAX_SHARDS counters, and `shard_of` is below it.
        &self.counters[shard_of(name_hash(name), MAX_SHARDS)]
    }
}

impl PerDocumentDictionary {
    /// What the dictionary holds and how it has been used
    /// ([`NameDictionary::stats`]), callable without the trait in scope.
    ///
    /// ```
    /// let dict = htmldict::PerDocumentDictionary::new();
    /// assert_eq!(dict.stats().lookups, 0);
    /// ```
    pub fn stats(&self) -> DictStats {
        <Self as NameDictionary>::stats(self)
    }
}

impl NameDictionary for PerDocumentDictionary {
    fn intern(&self, name: &str) -> Arc<str> {
        let counters = self.counters_for(name);
        counters.record(false);
        counters.stored(name_heap_bytes(name.len()), true);
        Arc::from(name)
    }

    fn stats(&self) -> DictStats {
        Counters::total(&self.counters)
    }

    fn release(&self, name: &Arc<str>) {
        self.counters_for(name)
            .stored(name_heap_bytes(name.len()), false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shares() {
        let dict = PerDocumentDictionary::new();
        let a = dict.intern("x-a");
        let b = dict.intern("x-a");
        assert!(!Arc::ptr_eq(&a, &b));
        assert_eq!(dict.stats().misses, 2);
        dict.release(&a);
        dict.release(&b);
        assert_eq!(dict.stats().entries, 0);
        assert_eq!(dict.stats().bytes, 0);
    }
}
