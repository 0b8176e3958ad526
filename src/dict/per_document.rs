//! The per-document strategy: nothing is shared, each document owns the
//! names it uses and frees them when it is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Counters, DictStats, NameDictionary, name_heap_bytes};

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
/// # Ok::<(), htmldict::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct PerDocumentDictionary {
    counters: Counters,
    live_entries: AtomicU64,
    live_bytes: AtomicU64,
}

impl PerDocumentDictionary {
    /// A new counter set.
    pub fn new() -> Self {
        Self::default()
    }
}

impl NameDictionary for PerDocumentDictionary {
    fn intern(&self, name: &str) -> Arc<str> {
        self.counters.record(false);
        self.live_entries.fetch_add(1, Ordering::Relaxed);
        self.live_bytes
            .fetch_add(name_heap_bytes(name.len()), Ordering::Relaxed);
        Arc::from(name)
    }

    fn stats(&self) -> DictStats {
        let mut stats = DictStats {
            entries: self.live_entries.load(Ordering::Relaxed),
            bytes: self.live_bytes.load(Ordering::Relaxed),
            ..DictStats::default()
        };
        self.counters.fill(&mut stats);
        stats
    }

    fn release(&self, name: &Arc<str>) {
        self.live_entries.fetch_sub(1, Ordering::Relaxed);
        self.live_bytes
            .fetch_sub(name_heap_bytes(name.len()), Ordering::Relaxed);
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
