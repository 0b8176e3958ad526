//! Concurrency stress (docs/ARCHITECTURE.md invariants 6 and 8): eight threads parse
//! thousands of generated pages through one shared dictionary: a plain LRU
//! dictionary of 16 names (so that it evicts all the time), the default LRU
//! of 16 names (which stores the names the threads meet more than once, and
//! evicts among them), then a global one. Every page must serialise and dump exactly as its single-threaded
//! parse with a per-document dictionary; every document must stay intact
//! until the end although the names it uses were evicted long before; the
//! dictionary's counters must add up; and the run must end within a
//! deadline, so that a deadlock fails the test instead of hanging it.

use std::collections::{BTreeSet, hash_map::DefaultHasher};
use std::hash::{Hash, Hasher};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use htmldict::{
    Admission, DictStats, Document, GlobalDictionary, LruDictionary, NameDictionary, ParseOptions,
    PerDocumentDictionary, parse_html,
};
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::soup;
use htmldict_test_support::synthetic::{SyntheticCrawl, novel_page};

const THREADS: usize = 8;
const PAGES_PER_THREAD: usize = 500;
const LRU_CAPACITY: usize = 16;
/// Far above what the run takes (a few seconds): reaching it means a
/// thread is stuck.
const DEADLINE: Duration = Duration::from_secs(120);

/// The pages, in a fixed order: one in eight a page whose 48 framework
/// names are all new, one in eight a page of a simulated crawl (with real
/// pages among them), the rest tag soup (with novel names of its own).
fn pages() -> Vec<String> {
    let carried = carried_pages().into_iter().map(|(_, html)| html).collect();
    let mut crawl = SyntheticCrawl::new(7, carried);
    (0..THREADS * PAGES_PER_THREAD)
        .map(|i| match i % 8 {
            0 => novel_page(i as u64),
            1 => crawl.page(i as u64),
            _ => soup::document(soup::mix(i as u64, 0xC0C0)).concat(),
        })
        .collect()
}

/// What a parse must give: hashes of the serialisation and of the html5lib
/// dump (keeping 4,000 serialisations would cost more memory than it says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    html: u64,
    html_len: usize,
    tree: u64,
}

fn hash(s: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    s.hash(&mut hasher);
    hasher.finish()
}

fn fingerprint(doc: &Document) -> Fingerprint {
    let html = doc.to_html();
    Fingerprint {
        html: hash(&html),
        html_len: html.len(),
        tree: hash(&doc.html5lib_tree()),
    }
}

/// A per-document dictionary that also remembers the names it was asked
/// for, to know what a shared dictionary must end up holding.
#[derive(Debug, Default)]
struct Tally {
    inner: PerDocumentDictionary,
    names: Mutex<Vec<String>>,
}

impl NameDictionary for Tally {
    fn intern(&self, name: &str) -> Arc<str> {
        self.names.lock().unwrap().push(name.to_owned());
        self.inner.intern(name)
    }

    fn stats(&self) -> DictStats {
        self.inner.stats()
    }

    fn release(&self, name: &Arc<str>) {
        self.inner.release(name)
    }
}

/// The single-threaded reference: each page parsed alone with a fresh
/// per-document dictionary.
struct Reference {
    fingerprints: Vec<Fingerprint>,
    /// Dictionary lookups one parse of every page makes.
    lookups: u64,
    /// Distinct names that reach a dictionary.
    names: BTreeSet<String>,
}

fn reference(pages: &[String]) -> Reference {
    let mut fingerprints = Vec::with_capacity(pages.len());
    let mut lookups = 0;
    let mut names = BTreeSet::new();
    for html in pages {
        let tally = Arc::new(Tally::default());
        let doc = parse_html(html, &ParseOptions::new().dictionary(tally.clone())).unwrap();
        fingerprints.push(fingerprint(&doc));
        lookups += tally.stats().lookups;
        names.extend(tally.names.lock().unwrap().drain(..));
    }
    Reference {
        fingerprints,
        lookups,
        names,
    }
}

/// What one thread sends back: the documents it parsed, kept alive, with
/// their page numbers, or what went wrong.
type Outcome = Result<Vec<(usize, Document)>, String>;

fn worker(t: usize, pages: &[String], expected: &[Fingerprint], options: &ParseOptions) -> Outcome {
    let mut docs = Vec::with_capacity(PAGES_PER_THREAD);
    // Thread t takes pages t, t + 8, t + 16, ...: every thread meets every
    // kind of page, and the threads' names overlap in the dictionary.
    for i in (t..pages.len()).step_by(THREADS) {
        let doc = parse_html(&pages[i], options).map_err(|e| format!("page {i}: {e}"))?;
        let got = fingerprint(&doc);
        if got != expected[i] {
            return Err(format!(
                "page {i} differs from its single-threaded parse: {got:?} vs {:?}",
                expected[i]
            ));
        }
        docs.push((i, doc));
    }
    Ok(docs)
}

/// Runs the eight threads on `dictionary`, waiting at most [`DEADLINE`];
/// `watch` sees the dictionary's stats while they run. Returns every
/// document parsed.
fn run_shared(
    label: &str,
    dictionary: Arc<dyn NameDictionary>,
    pages: &Arc<Vec<String>>,
    expected: &Arc<Vec<Fingerprint>>,
    mut watch: impl FnMut(&DictStats),
) -> Vec<(usize, Document)> {
    let options = ParseOptions::new().dictionary(dictionary.clone());
    let (sender, receiver) = mpsc::channel::<(usize, Outcome)>();
    // All threads start parsing at the same moment.
    let start = Arc::new(Barrier::new(THREADS));
    for t in 0..THREADS {
        let (pages, expected, options) = (pages.clone(), expected.clone(), options.clone());
        let (sender, start) = (sender.clone(), start.clone());
        thread::Builder::new()
            .name(format!("{label}-{t}"))
            .spawn(move || {
                start.wait();
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                    worker(t, &pages, &expected, &options)
                }))
                .unwrap_or_else(|p| {
                    Err(p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "panicked".to_owned()))
                });
                // The receiver is gone only if the test already failed.
                let _ = sender.send((t, outcome));
            })
            .expect("spawning a thread");
    }
    drop(sender);
    let deadline = Instant::now() + DEADLINE;
    let mut pending: BTreeSet<usize> = (0..THREADS).collect();
    let mut docs = Vec::with_capacity(pages.len());
    while !pending.is_empty() {
        watch(&dictionary.stats());
        let now = Instant::now();
        assert!(
            now < deadline,
            "{label}: threads {pending:?} still running after {DEADLINE:?}: deadlock?"
        );
        match receiver.recv_timeout((deadline - now).min(Duration::from_millis(5))) {
            Ok((t, Ok(mut kept))) => {
                pending.remove(&t);
                assert_eq!(kept.len(), PAGES_PER_THREAD, "{label}, thread {t}");
                docs.append(&mut kept);
            }
            Ok((t, Err(message))) => panic!("{label}, thread {t}: {message}"),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                panic!("{label}: threads {pending:?} ended without an answer")
            }
        }
    }
    docs
}

/// Every document, after all eight threads have finished with the
/// dictionary, still serialises as its single-threaded parse.
fn check_survivors(label: &str, docs: &[(usize, Document)], expected: &[Fingerprint]) {
    assert_eq!(docs.len(), expected.len(), "{label}");
    let seen: BTreeSet<usize> = docs.iter().map(|(i, _)| *i).collect();
    assert_eq!(seen.len(), expected.len(), "{label}: every page once");
    for (i, doc) in docs {
        assert_eq!(
            fingerprint(doc),
            expected[*i],
            "{label}: page {i} changed after the run"
        );
    }
}

/// Runs the eight threads on an LRU dictionary of [`LRU_CAPACITY`] names,
/// checking while they run that it never holds more, then that every
/// document survived and the counters add up. Returns its stats.
fn run_lru(
    label: &str,
    lru: Arc<LruDictionary>,
    pages: &Arc<Vec<String>>,
    expected: &Arc<Vec<Fingerprint>>,
    reference: &Reference,
) -> (DictStats, u64) {
    let mut samples = 0u64;
    let docs = run_shared(label, lru.clone(), pages, expected, |stats| {
        samples += 1;
        assert!(
            stats.entries <= LRU_CAPACITY as u64,
            "{label} holds {} entries while the threads run",
            stats.entries
        );
    });
    check_survivors(label, &docs, expected);
    drop(docs);
    let stats = lru.stats();
    assert_eq!(stats.lookups, reference.lookups, "{label}: {stats:?}");
    assert_eq!(
        stats.hits + stats.misses,
        stats.lookups,
        "{label}: {stats:?}"
    );
    assert!(stats.entries <= LRU_CAPACITY as u64, "{label}: {stats:?}");
    // Every miss stores a name, and a store into a full cache evicts one,
    // unless the miss was a first sighting handed to its document only.
    assert_eq!(
        stats.entries + stats.evictions + stats.not_stored,
        stats.misses,
        "{label}: {stats:?}"
    );
    (stats, samples)
}

#[test]
fn eight_threads_share_one_lru_and_one_global_dictionary() {
    let started = Instant::now();
    let pages = Arc::new(pages());
    let bytes: usize = pages.iter().map(String::len).sum();
    let reference = reference(&pages);
    let expected = Arc::new(reference.fingerprints.clone());
    assert!(
        reference.names.len() > 50 * LRU_CAPACITY,
        "the pages must overflow the LRU many times over: {} names",
        reference.names.len()
    );
    let serial = started.elapsed();

    // A plain LRU of 16 names, storing every miss and evicting on nearly
    // every one.
    let plain = Arc::new(LruDictionary::with_admission(
        LRU_CAPACITY,
        Admission::Always,
    ));
    let (stats, samples) = run_lru("lru:16 always", plain, &pages, &expected, &reference);
    assert_eq!(stats.not_stored, 0, "{stats:?}");
    // Each distinct name is stored at least once, and all but 16 are gone.
    assert!(
        stats.evictions >= reference.names.len() as u64 - LRU_CAPACITY as u64,
        "lru:16 always: {stats:?}"
    );
    let plain_evictions = stats.evictions;
    let lru_time = started.elapsed() - serial;

    // The default LRU: once full, names met once are handed out and not
    // stored; names the threads meet again are stored, and evict names not
    // used since they were stored. Names in use are spared, so it evicts
    // far less than the plain LRU, but still hundreds of times while the
    // threads read and hold what it hands out.
    let lru = Arc::new(LruDictionary::new(LRU_CAPACITY));
    let (stats, _) = run_lru("lru:16", lru, &pages, &expected, &reference);
    assert!(stats.not_stored > 0, "lru:16: {stats:?}");
    assert!(stats.evictions > 100, "lru:16: {stats:?}");
    assert!(stats.evictions < plain_evictions / 10, "lru:16: {stats:?}");
    let default_evictions = stats.evictions;
    let default_time = started.elapsed() - serial - lru_time;

    // A global dictionary: every distinct name once, none evicted.
    let global = Arc::new(GlobalDictionary::new());
    let docs = run_shared("global", global.clone(), &pages, &expected, |_| {});
    check_survivors("global", &docs, &expected);
    drop(docs);
    let stats = global.stats();
    let distinct = reference.names.len() as u64;
    assert_eq!(stats.lookups, reference.lookups, "global: {stats:?}");
    assert_eq!(
        stats.hits + stats.misses,
        stats.lookups,
        "global: {stats:?}"
    );
    assert_eq!(stats.entries, distinct, "global: {stats:?}");
    assert_eq!(stats.misses, distinct, "global: {stats:?}");
    assert_eq!(
        (stats.evictions, stats.not_stored),
        (0, 0),
        "global: {stats:?}"
    );

    println!(
        "{} pages ({:.1} MB, {} distinct dictionary names, {} lookups per round); \
         single-threaded reference {serial:.2?}, {THREADS} threads on a plain lru:{LRU_CAPACITY} \
         {lru_time:.2?} ({plain_evictions} evictions, {samples} samples of its stats), \
         on the default lru:{LRU_CAPACITY} {default_time:.2?} ({default_evictions} evictions), \
         global {:.2?}; {} parses in all",
        pages.len(),
        bytes as f64 / 1e6,
        distinct,
        reference.lookups,
        started.elapsed() - serial - lru_time - default_time,
        4 * pages.len(),
    );
}
