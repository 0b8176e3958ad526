//! Plugging in a dictionary of your own.
//!
//! ```text
//! cargo run --release --example custom_dictionary
//! ```
//!
//! Some names are worth sharing between documents (`app-header`,
//! `data-testid`); others are one-off build artefacts that no later page will
//! use again, such as Vue's scoped-style attributes `data-v-7ba5bd90` or
//! Angular's `_ngcontent-abc-c12`. In a plain LRU cache, every one-off name
//! pushes out a name that would have been hit again.
//!
//! `SkipOneOffs` wraps a plain LRU ([`Admission::Always`]) and, by a rule
//! that knows these frameworks, hands such names straight to the document
//! without storing them (the document owns its copy and frees it when
//! dropped). The built-in default, [`LruDictionary::new`], needs no rule:
//! it stores every name while it has room, and once full stores a name only
//! when it meets it a second time, in place of one not used since it was
//! stored, so a name no later page uses soon goes and then no longer gets
//! in, whatever it looks like; its price is the one-off names that fill its
//! room first, and one more miss for every name worth sharing that arrives
//! once it is full, which shows in a run as short as this one. A rule has
//! its uses too: it keeps one-off names out from the start, costs no
//! doorkeeper table, and can keep names out by length or prefix even when a
//! few pages of one build share them.
//!
//! The example parses the carried pages, each followed by a page from a site
//! that ships a new build every time, and prints the counters of the three
//! dictionaries, all of the same capacity.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use htmldict::{Admission, DictStats, LruDictionary, NameDictionary, ParseOptions, parse_html};

/// Vue components on each page of the fast-deploying site.
const COMPONENTS_PER_PAGE: u32 = 40;

/// A plain LRU dictionary that does not store names that look single-use.
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
            inner: LruDictionary::with_admission(capacity, Admission::Always),
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
        stats.not_stored += skipped;
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
    let plain = Arc::new(LruDictionary::with_admission(capacity, Admission::Always));
    let custom = Arc::new(SkipOneOffs::new(capacity, 32));
    let built_in = Arc::new(LruDictionary::new(capacity));

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
            let dictionaries: [Arc<dyn NameDictionary>; 3] =
                [plain.clone(), custom.clone(), built_in.clone()];
            for dictionary in dictionaries {
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
        "{:<30} {:>8} {:>8} {:>8} {:>8} {:>9} {:>10} {:>10}",
        "dictionary", "entries", "bytes", "lookups", "hits", "hit rate", "not stored", "evictions"
    );
    let rows = [
        (format!("plain lru:{capacity} (Always)"), plain.stats()),
        (format!("skip-one-offs lru:{capacity}"), custom.stats()),
        (
            format!("lru:{capacity} (second sighting)"),
            built_in.stats(),
        ),
    ];
    for (name, s) in rows {
        println!(
            "{name:<30} {:>8} {:>8} {:>8} {:>8} {:>8.1}% {:>10} {:>10}",
            s.entries,
            s.bytes,
            s.lookups,
            s.hits,
            100.0 * s.hit_rate(),
            s.not_stored,
            s.evictions,
        );
    }
    println!(
        "\nNames not stored count as misses: skipped by the rule, or turned away by the built-in \
         admission once full (a first sighting, or a second one while the least recently used \
         name was in use). Compare the hits: the names worth sharing that each dictionary \
         still held when they came back."
    );
    Ok(())
}
