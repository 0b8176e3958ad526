//! Plugging in a dictionary of your own.
//!
//! ```text
//! cargo run --release --example custom_dictionary
//! ```
//!
//! Some names are worth sharing between documents (`app-header`,
//! `data-testid`); others are one-off build artefacts that no later page will
//! use again, such as Vue's scoped-style attributes `data-v-7ba5bd90` or
//! Angular's `_ngcontent-abc-c12`. In a bounded dictionary, every one-off name
//! pushes out a name that would have been hit again.
//!
//! `SkipOneOffs` wraps an [`LruDictionary`] and hands such names straight to
//! the document without storing them (the document owns its copy and frees it
//! when dropped). The example parses the carried pages, each followed by a
//! page from a site that ships a new build every time, and prints the
//! counters of the wrapped dictionary next to those of a plain LRU of the
//! same capacity.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use htmldict::{DictStats, LruDictionary, NameDictionary, ParseOptions, parse_html};

/// Vue components on each page of the fast-deploying site.
const COMPONENTS_PER_PAGE: u32 = 40;

/// An LRU dictionary that does not store names that look single-use.
#[derive(Debug)]
struct SkipOneOffs {
    inner: LruDictionary,
    /// Longer names are never stored.
    max_len: usize,
    /// Names handed out without being stored.
    skipped: AtomicU64,
}

impl SkipOneOffs {
    fn new(capacity: usize, max_len: usize) -> Self {
        SkipOneOffs {
            inner: LruDictionary::new(capacity),
            max_len,
            skipped: AtomicU64::new(0),
        }
    }

    fn is_one_off(&self, name: &str) -> bool {
        let vue_hash = name
            .strip_prefix("data-v-")
            .is_some_and(|hash| hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
        let angular = name.starts_with("_ngcontent-") || name.starts_with("_nghost-");
        vue_hash || angular || name.len() > self.max_len
    }
}

impl NameDictionary for SkipOneOffs {
    fn intern(&self, name: &str) -> Arc<str> {
        if self.is_one_off(name) {
            self.skipped.fetch_add(1, Ordering::Relaxed);
            return Arc::from(name);
        }
        self.inner.intern(name)
    }

    fn stats(&self) -> DictStats {
        // A skipped name counts as a lookup that missed and stored nothing.
        let skipped = self.skipped.load(Ordering::Relaxed);
        let mut stats = self.inner.stats();
        stats.lookups += skipped;
        stats.misses += skipped;
        stats
    }
}

/// A page from a site whose every deploy renames the scoped-style attribute
/// of each of its components.
fn page_from_new_build(build: u32) -> String {
    let mut html = String::from(r#"<!DOCTYPE html><div id="app"><app-header data-testid="top">"#);
    for component in 0..COMPONENTS_PER_PAGE {
        let hash = (build * COMPONENTS_PER_PAGE + component).wrapping_mul(0x9e37_79b9);
        html.push_str(&format!(
            r#"<app-card-{kind} data-v-{hash:08x} data-price="12.50">Tea</app-card-{kind}>"#,
            kind = component % 4,
        ));
    }
    html + "</app-header></div>"
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let capacity = 1024;
    let plain = Arc::new(LruDictionary::new(capacity));
    let custom = Arc::new(SkipOneOffs::new(capacity, 32));

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
        .collect();
    paths.sort();
    let pages = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<Vec<_>, _>>()?;

    let rounds = 4;
    let mut build = 0;
    for _ in 0..rounds {
        for page in &pages {
            build += 1;
            let one_off = page_from_new_build(build);
            for dictionary in [plain.clone() as Arc<dyn NameDictionary>, custom.clone()] {
                let options = ParseOptions::new().dictionary(dictionary);
                // Each document is dropped at the end of its statement.
                parse_html(page, &options)?;
                parse_html(&one_off, &options)?;
            }
        }
    }

    println!(
        "{rounds} rounds of {} carried pages, each followed by a page from a new build \
         ({COMPONENTS_PER_PAGE} data-v- hashes)\n",
        pages.len()
    );
    println!(
        "{:<22} {:>8} {:>8} {:>8} {:>8} {:>9} {:>10} {:>8}",
        "dictionary", "entries", "bytes", "lookups", "hits", "hit rate", "evictions", "skipped"
    );
    let rows = [
        (format!("lru:{capacity}"), plain.stats(), 0),
        (
            format!("skip-one-offs lru:{capacity}"),
            custom.stats(),
            custom.skipped.load(Ordering::Relaxed),
        ),
    ];
    for (name, s, skipped) in rows {
        println!(
            "{name:<22} {:>8} {:>8} {:>8} {:>8} {:>8.1}% {:>10} {skipped:>8}",
            s.entries,
            s.bytes,
            s.lookups,
            s.hits,
            100.0 * s.hit_rate(),
            s.evictions,
        );
    }
    println!(
        "\nSkipped names count as misses; they could never hit. Compare the hits: the names \
         worth sharing that each dictionary still held when they came back."
    );
    Ok(())
}
