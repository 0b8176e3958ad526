//! What htmldict's tests, examples, benches and fuzz targets share, kept in
//! one place instead of copied or included by path:
//!
//! * [`alloc`]: the counting allocators the memory tests, the footprint,
//!   crawl and pathological examples and the fuzz targets install;
//! * [`bound`]: the README's peak-heap bound;
//! * [`rng`]: the seeded generators every generated input is drawn from;
//! * [`synthetic`]: the simulated crawl of modern front-end sites;
//! * [`soup`]: seeded tag soup for the tree builder's hard corners;
//! * [`rcdom`]: markup5ever_rcdom as a reference tree, and [`departures`]:
//!   where html5ever's tree builder departs from the standard;
//! * [`late_meta`]: the late-`<meta>` page of the bytes path's regression
//!   tests, in every size and encoding;
//! * [`reference_tokenizer`]: html5ever's tokenizer as the reference
//!   tokens and errors;
//! * [`data`], [`tree_suite`], [`tokenizer_suite`]: the pages and html5lib
//!   suites the project carries in `tests/data`;
//! * [`strategies`]: the dictionary strategies tests run under;
//! * [`variants`]: the carried pages made into the shapes, sizes and
//!   encodings of the bytes path (late `<meta>`, all ASCII, byte order
//!   mark, no declaration, megabytes; UTF-8, windows-1252, windows-1251,
//!   Shift_JIS, GB18030, UTF-16LE), each with the encoding it must report;
//! * [`checks`], [`differential`]: what the fuzz targets check, which
//!   `tests/fuzz_regressions.rs` runs on the kept inputs;
//! * [`seeds`]: the fuzz targets' seeds at page size, the carried pages
//!   and their variants behind each target's option bytes.
//!
//! Not published: the main crate depends on it only for development.

pub mod alloc;
pub mod checks;
/// The generated pages and their generators, from their own crate (which the
/// Python package shares), under the names the tests use.
pub use htmldict_synthetic::{rng, synthetic};
pub mod data;
pub mod departures;
pub mod differential;
pub mod late_meta;
pub mod rcdom;
pub mod reference_tokenizer;
pub mod seeds;
pub mod soup;
pub mod tokenizer_suite;
pub mod tree_suite;
pub mod variants;

use std::sync::Arc;

use htmldict::GlobalDictionary;
use htmldict::dict::{NameDictionary, from_spec};

/// The dictionary specs every strategy test runs under, as the command-line
/// tools name them: the three built-in strategies, an LRU of one name
/// (which evicts on nearly every new name) and the same as a plain LRU
/// (`lru:1:always`, storing every miss).
pub const STRATEGY_SPECS: [&str; 5] = [
    "global",
    "per-document",
    "lru:1",
    "lru:1:always",
    "lru:4096",
];

/// [`STRATEGY_SPECS`], each a fresh instance, with its spec.
///
/// ```
/// let strategies = htmldict_test_support::strategies();
/// assert_eq!(strategies.len(), htmldict_test_support::STRATEGY_SPECS.len());
/// ```
pub fn strategies() -> Vec<(&'static str, Arc<dyn NameDictionary>)> {
    STRATEGY_SPECS
        .iter()
        .map(|spec| (*spec, strategy(spec)))
        .collect()
}

/// A fresh dictionary for `spec`, a spec `from_spec` accepts: `global` too
/// is a new instance here (where `from_spec` gives the process-wide one), so
/// that tests sharing a process do not share its names.
///
/// # Panics
/// If `from_spec` refuses it.
pub fn strategy(spec: &str) -> Arc<dyn NameDictionary> {
    if spec == "global" {
        return Arc::new(GlobalDictionary::new());
    }
    from_spec(spec).unwrap_or_else(|e| panic!("strategy {spec:?}: {e}"))
}

/// The peak-heap bound of the README's "Limits" section, which the fuzz
/// targets' checks, `tests/pathological.rs` and the pathological table
/// hold parses to: a parse holds at most [`peak_bound`](bound::peak_bound)
/// bytes more heap, at its peak, than before it.
pub mod bound {
    /// Bytes of heap a parse may use per byte of input, ...
    pub const PER_INPUT_BYTE: usize = 32;
    /// ... plus this many per node of the tree it builds, ...
    pub const PER_NODE: usize = 128;
    /// ... plus this many.
    pub const FIXED: usize = 256 << 10;

    /// The bound for `input_bytes` of input building `nodes` nodes (for a
    /// parse a limit refused: the nodes of the same input parsed without
    /// limits, since a refused parse stops building where it fails).
    ///
    /// ```
    /// use htmldict_test_support::bound::peak_bound;
    /// assert_eq!(peak_bound(1000, 100), 32 * 1000 + 128 * 100 + 256 * 1024);
    /// ```
    pub fn peak_bound(input_bytes: usize, nodes: usize) -> usize {
        PER_INPUT_BYTE
            .saturating_mul(input_bytes)
            .saturating_add(PER_NODE.saturating_mul(nodes))
            .saturating_add(FIXED)
    }
}
