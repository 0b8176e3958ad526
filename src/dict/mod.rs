//! Name dictionaries: where element and attribute names that html5ever does
//! not already know are stored, shared and (for bounded strategies) evicted.
//!
//! A parse asks its dictionary at most once per distinct name per document:
//! the document keeps its own small name table and only its misses reach the
//! dictionary. Names html5ever holds without allocating never reach it at
//! all: those in its static atom set (`div`, `href`, `clipPath`, ...) and any
//! name of 7 bytes or less, which string_cache packs inside the atom. Values
//! (attribute values, `id`s, text) are never interned anywhere.
//!
//! | strategy | type | memory over a long crawl |
//! | --- | --- | --- |
//! | global shared | [`GlobalDictionary`] | grows with every distinct name, never shrinks |
//! | per-document | [`PerDocumentDictionary`] | freed with each document |
//! | LRU-bounded | [`LruDictionary`] | at most `capacity` entries |
//! | custom | your [`NameDictionary`] | yours |
//!
//! The LRU dictionary is split into shards (one below 512 names, up to 16),
//! each with its own room and recency. A shard stores every name it misses
//! while it has room. Once full, it stores a name the second time it misses
//! it, not the first, and only in place of a name not used since it was
//! stored or last spared ([`Admission`]): a
//! name that only one page uses, such as a build's `data-v-` hash, is handed
//! to that page's document and freed with it, and does not push a name that
//! pages share out of the cache.

mod global;
mod lru_bounded;
mod lru_table;
mod per_document;

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use global::GlobalDictionary;
pub use lru_bounded::{
    Admission, DEFAULT_CAPACITY as LRU_DEFAULT_CAPACITY, LruDictionary,
    MAX_CAPACITY as LRU_MAX_CAPACITY,
};
pub use per_document::PerDocumentDictionary;

/// A store of interned element and attribute names, shared by the parses
/// that use it.
///
/// Implementations must be cheap to call from many threads at once. The
/// returned `Arc<str>` is owned by the document from then on: a dictionary
/// may forget a name at any time (LRU eviction), or never store it, without
/// affecting documents that hold it.
///
/// # Example
///
/// A dictionary that never shares anything and counts its calls:
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use htmldict::{DictStats, NameDictionary, ParseOptions, parse_html};
///
/// #[derive(Debug, Default)]
/// struct Counting(AtomicU64);
///
/// impl NameDictionary for Counting {
///     fn intern(&self, name: &str) -> Arc<str> {
///         self.0.fetch_add(1, Ordering::Relaxed);
///         Arc::from(name)
///     }
///     fn stats(&self) -> DictStats {
///         let n = self.0.load(Ordering::Relaxed);
///         DictStats { lookups: n, misses: n, not_stored: n, ..DictStats::default() }
///     }
/// }
///
/// let dict = Arc::new(Counting::default());
/// let options = ParseOptions::new().dictionary(dict.clone());
/// parse_html("<my-widget data-track-id=1></my-widget><my-widget></my-widget>", &options)?;
/// // Two distinct novel names, each asked for once in this document.
/// assert_eq!(dict.stats().lookups, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait NameDictionary: Send + Sync + fmt::Debug {
    /// Returns the stored copy of `name`, or else a new one, which the
    /// dictionary may store for later lookups (a full LRU dictionary does so
    /// only on the name's second sighting, and only if it has a name not used
    /// since it was stored to evict).
    fn intern(&self, name: &str) -> Arc<str>;

    /// A snapshot of the dictionary's counters.
    fn stats(&self) -> DictStats;

    /// Called once for every name a document obtained from [`intern`](Self::intern),
    /// when that document is dropped. Dictionaries that account for names held
    /// by live documents (the per-document strategy) use it; others ignore it.
    fn release(&self, name: &Arc<str>) {
        let _ = name;
    }
}

/// Counters every dictionary reports.
///
/// `bytes` is the heap the dictionary holds: its shared strings (see
/// [`name_heap_bytes`]), its per-entry bookkeeping and its tables (an LRU
/// dictionary's doorkeeper included), counted as requested from the
/// allocator. Every lookup is a hit or a miss; a miss either stores the name
/// (an entry, which may evict another) or is counted in `not_stored`.
///
/// ```
/// use htmldict::{LruDictionary, NameDictionary};
///
/// let dict = LruDictionary::new(1);
/// dict.intern("app-cart"); // missed and stored: there was room
/// dict.intern("app-cart"); // a hit
/// // Missed and not stored, twice: the dictionary is full, the first time
/// // is a first sighting, and the second time app-cart, in use, is spared.
/// dict.intern("data-v-1a2b3c4d");
/// dict.intern("data-v-1a2b3c4d");
/// let stats = dict.stats();
/// assert_eq!((stats.lookups, stats.hits, stats.misses), (4, 1, 3));
/// assert_eq!((stats.entries, stats.not_stored, stats.evictions), (1, 2, 0));
/// assert!(stats.bytes > 0);
/// assert_eq!(stats.hit_rate(), 0.25);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DictStats {
    /// Names currently stored.
    pub entries: u64,
    /// Heap bytes the dictionary holds: its entries' names, and its tables
    /// where it measures them (the global and LRU dictionaries; the LRU's
    /// doorkeepers too).
    pub bytes: u64,
    /// Calls to `intern`.
    pub lookups: u64,
    /// Lookups that found the name already stored.
    pub hits: u64,
    /// Lookups that did not find the name stored.
    pub misses: u64,
    /// Misses whose name was handed to the document without being stored:
    /// in a full LRU dictionary, a name's first sighting, or a second one
    /// that found the least recently used name in use. The document owns
    /// that copy and frees it when it is dropped.
    pub not_stored: u64,
    /// Names dropped to respect a capacity.
    pub evictions: u64,
    /// The entry bound, for bounded dictionaries.
    pub capacity: Option<u64>,
}

impl DictStats {
    /// Hits divided by lookups (0 when nothing was looked up).
    ///
    /// ```
    /// let stats = htmldict::DictStats { lookups: 4, hits: 3, ..Default::default() };
    /// assert_eq!(stats.hit_rate(), 0.75);
    /// ```
    pub fn hit_rate(&self) -> f64 {
        if self.lookups == 0 {
            0.0
        } else {
            self.hits as f64 / self.lookups as f64
        }
    }
}

/// Heap bytes the shared string of a `len`-byte name asks the allocator
/// for: an `Arc<str>` block of two reference counts and the text, padded to
/// the counts' alignment.
///
/// ```
/// assert_eq!(htmldict::dict::name_heap_bytes(11), 32);
/// assert_eq!(htmldict::dict::name_heap_bytes(16), 32);
/// ```
pub fn name_heap_bytes(len: usize) -> u64 {
    let word = std::mem::size_of::<usize>();
    (2 * word + len).next_multiple_of(word) as u64
}

/// Builds a dictionary from the names the command-line tools accept:
/// `global` (the process-wide instance), `per-document`, `lru:N` (a new
/// LRU dictionary of capacity N, 1 ≤ N ≤ 16,777,216, with the default
/// [`Admission`], as [`LruDictionary::new`] makes) or `lru:N:always` (the
/// same with [`Admission::Always`]: a plain LRU cache that stores every
/// miss).
///
/// ```
/// use htmldict::dict::{DictionarySpecError, from_spec};
///
/// let dict = from_spec("lru:64")?;
/// assert_eq!(dict.stats().capacity, Some(64));
/// assert!(from_spec("lru:64:always").is_ok());
/// assert_eq!(
///     from_spec("lru:0").unwrap_err(),
///     DictionarySpecError::CapacityOutOfRange { spec: "lru:0".into(), capacity: 0 }
/// );
/// assert!(matches!(from_spec("lru:99999999999"), Err(DictionarySpecError::CapacityOutOfRange { .. })));
/// assert!(matches!(from_spec("bogus"), Err(DictionarySpecError::Unknown(_))));
/// # Ok::<(), DictionarySpecError>(())
/// ```
pub fn from_spec(spec: &str) -> Result<Arc<dyn NameDictionary>, DictionarySpecError> {
    match spec {
        "global" => return Ok(GlobalDictionary::shared()),
        "per-document" => return Ok(Arc::new(PerDocumentDictionary::new())),
        _ => {}
    }
    let unknown = || DictionarySpecError::Unknown(spec.to_owned());
    let rest = spec.strip_prefix("lru:").ok_or_else(unknown)?;
    let (number, admission) = match rest.strip_suffix(":always") {
        Some(number) => (number, Admission::Always),
        None => (rest, Admission::OnSecondSighting),
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unknown());
    }
    // All digits: a number too large for a u64 is out of range too.
    let capacity = number.parse::<u64>().unwrap_or(u64::MAX);
    match usize::try_from(capacity) {
        Ok(capacity) if (1..=lru_bounded::MAX_CAPACITY).contains(&capacity) => {
            Ok(Arc::new(LruDictionary::with_admission(capacity, admission)))
        }
        _ => Err(DictionarySpecError::CapacityOutOfRange {
            spec: spec.to_owned(),
            capacity,
        }),
    }
}

/// A dictionary name [`from_spec`] does not accept.
///
/// ```
/// let err = htmldict::dict::from_spec("lru:0").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid dictionary \"lru:0\": an LRU capacity of 0, expected 1 <= N <= 16777216"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DictionarySpecError {
    /// Not `global`, `per-document`, `lru:N` or `lru:N:always`.
    Unknown(String),
    /// `lru:N` with N outside 1 ..= [`LRU_MAX_CAPACITY`] (a number too large
    /// for 64 bits reads as `u64::MAX`).
    CapacityOutOfRange {
        /// The name as given.
        spec: String,
        /// The capacity it asks for.
        capacity: u64,
    },
}

impl fmt::Display for DictionarySpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DictionarySpecError::Unknown(spec) => write!(
                f,
                "invalid dictionary {spec:?}: expected global, per-document, lru:N or lru:N:always with 1 <= N <= {LRU_MAX_CAPACITY}"
            ),
            DictionarySpecError::CapacityOutOfRange { spec, capacity } => write!(
                f,
                "invalid dictionary {spec:?}: an LRU capacity of {capacity}, expected 1 <= N <= {LRU_MAX_CAPACITY}"
            ),
        }
    }
}

impl std::error::Error for DictionarySpecError {}

/// The counters of one shard of a built-in dictionary. Each shard has its
/// own, on its own cache line, so that threads working in different shards
/// do not bounce one shared line between cores; `stats` adds them up.
#[derive(Debug, Default)]
#[repr(align(128))]
struct Counters {
    lookups: AtomicU64,
    hits: AtomicU64,
    misses: AtomicU64,
    not_stored: AtomicU64,
    entries: AtomicU64,
    bytes: AtomicU64,
    evictions: AtomicU64,
}

impl Counters {
    fn record(&self, hit: bool) {
        self.lookups.fetch_add(1, Ordering::Relaxed);
        if hit {
            self.hits.fetch_add(1, Ordering::Relaxed);
        } else {
            self.misses.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// A name costing `bytes` was stored (`added`) or dropped.
    fn stored(&self, bytes: u64, added: bool) {
        if added {
            self.entries.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(bytes, Ordering::Relaxed);
        } else {
            self.entries.fetch_sub(1, Ordering::Relaxed);
            self.bytes.fetch_sub(bytes, Ordering::Relaxed);
        }
    }

    /// The sum over `shards`, into a fresh `DictStats`.
    fn total(shards: &[Counters]) -> DictStats {
        let mut stats = DictStats::default();
        for c in shards {
            stats.lookups += c.lookups.load(Ordering::Relaxed);
            stats.hits += c.hits.load(Ordering::Relaxed);
            stats.misses += c.misses.load(Ordering::Relaxed);
            stats.not_stored += c.not_stored.load(Ordering::Relaxed);
            stats.entries = stats
                .entries
                .wrapping_add(c.entries.load(Ordering::Relaxed));
            stats.bytes = stats.bytes.wrapping_add(c.bytes.load(Ordering::Relaxed));
            stats.evictions += c.evictions.load(Ordering::Relaxed);
        }
        stats
    }
}

/// Number of lock shards for a dictionary expected to hold `capacity` names:
/// enough to keep two to eight parsing threads off each other's locks.
const MAX_SHARDS: usize = 16;

/// The 64-bit Fx hash of a name, computed once per lookup so that every
/// choice a dictionary makes about the name comes from it: the shard
/// ([`shard_of`]) and, in an LRU dictionary, the doorkeeper's slot and
/// fingerprint.
fn name_hash(name: &str) -> u64 {
    let mut hasher = rustc_hash::FxBuildHasher.build_hasher();
    hasher.write(name.as_bytes());
    hasher.finish()
}

/// Which of `shards` shards the name of hash `hash` belongs to, from the
/// hash's high half.
fn shard_of(hash: u64, shards: usize) -> usize {
    // Cannot divide by zero: every dictionary has at least one shard.
    ((hash >> 32) as usize) % shards
}
