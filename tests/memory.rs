//! Exact memory bounds, measured by a counting global allocator.
//!
//! This binary counts every allocation of the process, so its cases take a
//! lock and run one at a time; each measures live bytes before and after.

use std::fmt::Write;
use std::sync::{Arc, Mutex, MutexGuard};

use htmldict_test_support::alloc::{
    Counting, reset_thread_peak, thread_live_blocks, thread_live_bytes, thread_peak_bytes,
};
use htmldict_test_support::rng::XorShift64Star;

use htmldict::{
    Admission, DictStats, Document, GlobalDictionary, LruDictionary, NameDictionary, ParseOptions,
    PerDocumentDictionary, parse_html,
};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live heap bytes, signed so that differences read naturally.
/// What this test's thread holds: the test harness allocates on threads of
/// its own (starting the next test, printing a result) at any moment.
fn live() -> isize {
    thread_live_bytes()
}

fn live_allocs() -> isize {
    thread_live_blocks()
}

/// One case at a time: the counters are process-wide.
fn exclusive() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A page of a modern site build: `names` element and attribute names never
/// seen before (12 to 40 bytes), ids, text and a comment.
fn novel_page(seed: u64, names: usize, out: &mut String) {
    out.clear();
    out.push_str("<!DOCTYPE html><html><head><title>t</title></head><body>");
    let mut rng = XorShift64Star::new(seed);
    for k in 0..names {
        // 15 to 40 bytes: a fixed prefix, the page, the slot and padding.
        let letters = "abcdefghijklmnopqrstuvwxyz";
        if k % 2 == 0 {
            let filler = &letters[..rng.below(26)];
            let _ = write!(
                out,
                "<app-{seed:08x}-{k:02}{filler}>x</app-{seed:08x}-{k:02}{filler}>"
            );
        } else {
            let filler = &letters[..rng.below(24)];
            let _ = write!(
                out,
                "<div data-v-{seed:08x}{k:02}{filler} id=\"i{seed}-{k}\">y</div>"
            );
        }
    }
    out.push_str("<!-- c --></body></html>");
}

fn names_of(seed: u64) -> usize {
    let mut page = String::new();
    novel_page(seed, 50, &mut page);
    let mut names: Vec<&str> = page
        .split(['<', ' ', '>', '/'])
        .filter(|t| t.starts_with("app-") || t.starts_with("data-v-"))
        .collect();
    names.sort();
    names.dedup();
    names.len()
}

#[test]
fn generated_names_are_new_and_of_the_stated_lengths() {
    let _guard = exclusive();
    let mut page = String::new();
    novel_page(7, 50, &mut page);
    let doc = parse_html(
        &page,
        &ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new())),
    )
    .unwrap();
    let mut lengths = vec![];
    for node in doc.root().descendants() {
        if let Some(name) = node.local_name().filter(|n| n.starts_with("app-")) {
            lengths.push(name.len());
        }
        for attr in node.attrs().filter(|a| a.name.starts_with("data-v-")) {
            lengths.push(attr.name.len());
        }
    }
    assert_eq!(lengths.len(), 50);
    assert_eq!(names_of(7), 50);
    assert!(
        lengths.iter().all(|&n| (12..=40).contains(&n)),
        "{lengths:?}"
    );
}

/// Parses and drops a few pages so that lazily built process state (the
/// atom table html5ever's tokenizer uses, thread-locals) exists before a
/// baseline is taken.
fn warm_up() {
    let options = ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new()));
    let mut page = String::new();
    for seed in 0..200 {
        novel_page(1_000_000 + seed, 50, &mut page);
        drop(parse_html(&page, &options).unwrap());
    }
}

#[test]
fn per_document_returns_to_baseline() {
    let _guard = exclusive();
    warm_up();
    let dict = Arc::new(PerDocumentDictionary::new());
    let options = ParseOptions::new().dictionary(dict.clone());
    let mut page = String::with_capacity(16 * 1024);
    let mut docs: Vec<Document> = Vec::with_capacity(10_000);
    let mut residues = vec![];
    for count in [1_000u64, 10_000] {
        let baseline = live();
        let baseline_allocs = live_allocs();
        for seed in 0..count {
            novel_page(count * 100_000 + seed, 50, &mut page);
            docs.push(parse_html(&page, &options).unwrap());
        }
        assert_eq!(dict.stats().entries, count * 50);
        let held = live() - baseline;
        assert!(
            held > (count as isize) * 50 * 12,
            "documents hold their names: {held}"
        );
        docs.clear();
        assert_eq!(dict.stats().entries, 0);
        assert_eq!(dict.stats().bytes, 0);
        let residue = live() - baseline;
        println!(
            "per-document, {count} pages: held {held} bytes, residue {residue} bytes, {} allocations",
            live_allocs() - baseline_allocs
        );
        assert!(
            residue.abs() <= 4096,
            "residue after {count} pages: {residue}"
        );
        residues.push(residue);
    }
    assert_eq!(
        residues[0], residues[1],
        "residue must not grow with the page count"
    );
}

/// Parses `pages` generated pages of 50 new names each through an LRU
/// dictionary of `capacity` names, each page `sightings` times in a row,
/// and checks after every parse that the dictionary holds at most
/// `capacity` entries and that the live heap stays within the stated bound
/// of its start (the dictionary's up-front tables and doorkeeper included).
fn lru_bound(capacity: usize, admission: Admission, pages: u64, sightings: usize) -> DictStats {
    let _guard = exclusive();
    warm_up();
    let mut page = String::with_capacity(16 * 1024);
    let dict = Arc::new(LruDictionary::with_admission(capacity, admission));
    let options = ParseOptions::new().dictionary(dict.clone());
    let start = live();
    let start_bytes = dict.stats().bytes;
    let bound = start + (capacity as isize) * LruDictionary::entry_bytes(40) as isize;
    let mut peak = start;
    for seed in 0..pages {
        novel_page(seed, 50, &mut page);
        for _ in 0..sightings {
            drop(parse_html(&page, &options).unwrap());
            let stats = dict.stats();
            assert!(
                stats.entries <= capacity as u64,
                "{} entries",
                stats.entries
            );
            let now = live();
            if std::env::var("TRACE_LRU").is_ok() && seed < 40 {
                println!("page {seed}: +{} entries {}", now - start, stats.entries);
            }
            peak = peak.max(now);
            assert!(
                now <= bound,
                "page {seed}: live {now} > bound {bound} (start {start})"
            );
            // What the heap grew by, the dictionary's stats count.
            assert!(
                (now - start) as u64 <= stats.bytes - start_bytes,
                "page {seed}: heap +{}, stats.bytes +{}",
                now - start,
                stats.bytes - start_bytes
            );
        }
    }
    let stats = dict.stats();
    assert_eq!(stats.lookups, pages * 50 * sightings as u64, "{stats:?}");
    // Every miss is stored, as an entry that may since have been evicted,
    // or handed to its document only.
    assert_eq!(
        stats.misses,
        stats.not_stored + stats.entries + stats.evictions,
        "{stats:?}"
    );
    println!(
        "lru:{capacity} {admission:?}, {pages} pages x {sightings}: start {start}, peak {peak}, \
         bound {bound}, per-entry bound {} bytes for 40-byte names; {stats:?}",
        LruDictionary::entry_bytes(40)
    );
    stats
}

/// Every name new, under each admission rule: a plain LRU stores each one
/// and evicts all the time; the default fills its room and then stores
/// (almost) none.
fn lru_bound_on_new_names(capacity: usize) {
    let stats = lru_bound(capacity, Admission::Always, 100_000, 1);
    assert_eq!(stats.entries, capacity as u64);
    assert_eq!(stats.not_stored, 0);
    assert!(stats.evictions >= 100_000 * 50 - capacity as u64);

    let stats = lru_bound(capacity, Admission::OnSecondSighting, 50_000, 1);
    assert_eq!(stats.entries, capacity as u64);
    // Once full, only a fingerprint collision (about one in 2^26 misses)
    // stores a name.
    assert!(
        stats.not_stored + capacity as u64 + 10 >= stats.misses,
        "{stats:?}"
    );
    assert!(stats.evictions <= 10, "{stats:?}");
}

/// Each page parsed twice in a row: under the default rule the first pages'
/// names are stored at once, while there is room, and hit on the second
/// parse; after that, each page's names are stored on its second parse, in
/// place of names that were not used since they were stored, so the cache
/// evicts all the time while the bound holds.
fn lru_bound_on_repeated_names(capacity: usize) {
    let stats = lru_bound(capacity, Admission::OnSecondSighting, 25_000, 2);
    assert_eq!(stats.entries, capacity as u64);
    // The names stored while there was room are the only ones met a third
    // time; each, hit, is spared once and turns one name away.
    assert_eq!(stats.hits, capacity as u64, "{stats:?}");
    // Nearly every other name is stored on its second sighting (a few fall
    // out of the doorkeeper first).
    assert!(
        stats.not_stored >= 25_000 * 50 - capacity as u64,
        "{stats:?}"
    );
    assert!(
        stats.evictions >= 25_000 * 49 - 2 * capacity as u64,
        "{stats:?}"
    );
}

#[test]
fn lru_64_stays_within_its_bound() {
    lru_bound_on_new_names(64);
}

#[test]
fn lru_4096_stays_within_its_bound() {
    lru_bound_on_new_names(4096);
}

#[test]
fn lru_64_stays_within_its_bound_when_names_come_back() {
    lru_bound_on_repeated_names(64);
}

#[test]
fn lru_4096_stays_within_its_bound_when_names_come_back() {
    lru_bound_on_repeated_names(4096);
}

#[test]
fn global_grows_by_distinct_names_and_says_so() {
    let _guard = exclusive();
    warm_up();
    let mut page = String::with_capacity(16 * 1024);
    let dict = Arc::new(GlobalDictionary::new());
    let options = ParseOptions::new().dictionary(dict.clone());
    let before = dict.stats();
    let start = live();
    let mut distinct = 0;
    for seed in 0..2_000u64 {
        novel_page(seed, 50, &mut page);
        drop(parse_html(&page, &options).unwrap());
        distinct += names_of(seed) as u64;
        // Parsing the same page again adds nothing.
        drop(parse_html(&page, &options).unwrap());
    }
    let after = dict.stats();
    let grown = live() - start;
    assert_eq!(after.entries - before.entries, distinct);
    assert!(grown > 0);
    assert!(
        grown as u64 <= after.bytes - before.bytes,
        "heap grew {grown}, stats say {}",
        after.bytes - before.bytes
    );
    println!(
        "global: {distinct} names, heap +{grown}, stats.bytes +{}",
        after.bytes - before.bytes
    );
}

fn residue_and_entries(page: &str) -> Vec<(&'static str, isize, u64, u64)> {
    let mut out = vec![];
    for (name, dict) in htmldict_test_support::strategies() {
        let options = ParseOptions::new().dictionary(dict.clone());
        let entries_before = dict.stats().entries;
        let start = live();
        let doc = parse_html(page, &options).unwrap();
        let entries_during = dict.stats().entries - entries_before;
        drop(doc);
        let residue = live() - start;
        out.push((
            name,
            residue,
            entries_during,
            dict.stats().entries - entries_before,
        ));
    }
    out
}

#[test]
fn unknown_entities_and_id_values_touch_no_dictionary() {
    let _guard = exclusive();
    warm_up();
    let mut entities = String::from("<p>");
    for i in 1..=20_000 {
        let _ = write!(entities, "&zz{i}; ");
    }
    let mut ids = String::new();
    for i in 1..=20_000 {
        let _ = write!(ids, "<p id=\"unique-id-value-{i}\">x</p>");
    }
    for (label, page) in [("entities", &entities), ("ids", &ids)] {
        // Once for lazily created state, then measured.
        residue_and_entries(page);
        for (strategy, residue, during, after) in residue_and_entries(page) {
            assert_eq!(
                during, 0,
                "{label} under {strategy}: dictionary grew while parsing"
            );
            assert_eq!(after, 0, "{label} under {strategy}");
            assert_eq!(
                residue, 0,
                "{label} under {strategy}: residue {residue} bytes"
            );
        }
    }
}

#[test]
fn collect_ids_off_has_no_index_and_the_allocator_sees_it() {
    let _guard = exclusive();
    warm_up();
    let mut page = String::new();
    for i in 0..5_000 {
        let _ = write!(page, "<div id=\"section-{i}\">x</div>");
    }
    let measure = |collect_ids: bool| {
        let options = ParseOptions::new().collect_ids(collect_ids);
        drop(parse_html(&page, &options).unwrap());
        let start = live();
        let doc = parse_html(&page, &options).unwrap();
        let held = live() - start;
        (doc.memory_usage(), held)
    };
    let (on, held_on) = measure(true);
    let (off, held_off) = measure(false);
    assert_eq!(off.id_index, 0);
    assert!(on.id_index >= 5_000 * 12, "{on:?}");
    assert_eq!((held_on - held_off) as usize, on.id_index);
}

#[test]
fn reported_memory_matches_the_allocator_on_every_carried_page() {
    let _guard = exclusive();
    warm_up();
    let pages = htmldict_test_support::data::carried_pages();
    let per_document = ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new()));
    let global = ParseOptions::new().dictionary(Arc::new(GlobalDictionary::new()));
    for (name, html) in &pages {
        for (strategy, options) in [("per-document", &per_document), ("global", &global)] {
            // The first parse lets a shared dictionary learn the page's names.
            drop(parse_html(html, options).unwrap());
            let start = live();
            let doc = parse_html(html, options).unwrap();
            let held = (live() - start) as f64;
            let reported = doc.memory_usage().total() as f64;
            let ratio = reported / held;
            assert!(
                (0.9..=1.1).contains(&ratio),
                "{name} under {strategy}: reported {reported}, allocator {held}"
            );
        }
    }
}

#[test]
fn a_name_in_two_roles_is_held_and_released_once() {
    let _guard = exclusive();
    let dict = Arc::new(PerDocumentDictionary::new());
    let options = ParseOptions::new().dictionary(dict.clone());
    let html = "<app-widget app-widget><svg><app-widget app-widget/></svg></app-widget>";
    drop(parse_html(html, &options).unwrap());
    let start = live();
    let doc = parse_html(html, &options).unwrap();
    assert_eq!(dict.stats().entries, 1);
    assert_eq!(dict.stats().bytes, htmldict::dict::name_heap_bytes(10));
    let held = live() - start;
    assert_eq!(held as usize, doc.memory_usage().total());
    drop(doc);
    assert_eq!(dict.stats().entries, 0);
    assert_eq!(dict.stats().bytes, 0);
    assert_eq!(live(), start);
}

/// `memory_usage` to the byte, on a page with every part: a doctype with
/// public and system ids, text, a comment, attributes merged into `<html>`
/// and `<body>` by later tags (a name of 8 bytes or more, which a
/// per-document dictionary stores), an `id` index, and kept parse errors.
#[test]
fn reported_memory_is_exact_on_a_page_with_every_part() {
    let _guard = exclusive();
    warm_up();
    let html = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \
                \"http://www.w3.org/TR/html4/strict.dtd\">\
                <html a=1><head><title>t</title></head><html b=2 a=3 data-merged=yes>\
                <body x class=page><p id=first>some text</b> and more<!-- note -->\
                <body y=z x=late id=body>";
    for (strategy, dictionary) in [
        (
            "per-document",
            Arc::new(PerDocumentDictionary::new()) as Arc<dyn NameDictionary>,
        ),
        ("global", Arc::new(GlobalDictionary::new())),
    ] {
        let options = ParseOptions::new().dictionary(dictionary).keep_errors(true);
        // The first parse lets a shared dictionary learn the page's names.
        drop(parse_html(html, &options).unwrap());
        let start = live();
        let doc = parse_html(html, &options).unwrap();
        let held = live() - start;

        // The page has what the test is about (checked in a scope of its
        // own, so that what the checks allocate is gone again).
        {
            let root = doc.root();
            let doctype = root.first_child().unwrap().as_doctype().unwrap();
            assert_eq!(doctype.public_id, "-//W3C//DTD HTML 4.01//EN");
            let html_element = root.last_child().unwrap();
            let names: Vec<&str> = html_element.attrs().map(|a| a.name).collect();
            assert_eq!(names, ["a", "b", "data-merged"]);
            assert_eq!(html_element.attr("a"), Some("1"));
            let body = doc.get_element_by_id("body").unwrap();
            assert!(body.is_html_element("body"));
            let names: Vec<&str> = body.attrs().map(|a| a.name).collect();
            assert_eq!(names, ["x", "class", "y", "id"]);
            assert!(doc.text().contains("some text and more"));
            assert!(doc.errors().len() >= 3, "{:?}", doc.errors());
        }
        let usage = doc.memory_usage();
        assert!(usage.errors > 0 && usage.id_index > 0, "{usage:?}");
        assert_eq!(
            usage.total(),
            held as usize,
            "{strategy}: reported {usage:?}, the allocator holds {held} bytes"
        );
        drop(doc);
        assert_eq!(live(), start, "{strategy}");
    }
}

/// A start tag that comes before any `<html>` is handed from mode to mode
/// (initial, before html, before head, in head, after head) before body
/// takes it. Its attributes must travel as one vector: a copy per mode
/// once doubled the peak of a page whose one tag had 100,000 attributes.
#[test]
fn a_tag_handed_from_mode_to_mode_keeps_one_attribute_vector() {
    let _guard = exclusive();
    let attrs: String = (0..20_000).fold(String::new(), |mut out, i| {
        let _ = write!(out, " a{i}={i}");
        out
    });
    let options = ParseOptions::new().limits(htmldict::Limits::none());
    let peak_of = |page: &str| {
        let start = live();
        reset_thread_peak();
        let doc = parse_html(page, &options).unwrap();
        let peak = thread_peak_bytes() - start;
        drop(doc);
        peak
    };
    // The same tag read in body, where no mode hands it on.
    let in_body = peak_of(&format!("<html><head></head><body><div{attrs}>"));
    let handed_on = peak_of(&format!("<div{attrs}>"));
    // A copy of the vector is 20,000 attributes of 48 bytes: 960,000.
    assert!(
        handed_on < in_body + 200_000,
        "handed on: peak {handed_on} bytes; read in body: {in_body}"
    );
}

/// Text foster-parented into an earlier text node leaves that node's first
/// run behind in the arena's text. A document keeps a few such bytes
/// rather than copy its whole text once more at the end of the parse, and
/// compacts them away once they pass a sixteenth of what it holds.
#[test]
fn text_left_behind_by_merges_is_compacted_only_when_it_counts() {
    let _guard = exclusive();
    let options = ParseOptions::new();
    let text_of = |page: &str| parse_html(page, &options).unwrap().memory_usage().text;
    let run = "a".repeat(10_000);
    // The first run merged into once, after an attribute value was stored:
    // left behind, it would be half the text.
    let long = format!("<table>{run}<tr class=x>b</table>");
    let compacted = run.len() + "b".len() + "x".len();
    assert_eq!(text_of(&long), compacted);
    // One byte left behind in a text of 10,000 bytes stays.
    let filler = "y".repeat(10_000);
    let short = format!("<p>{filler}</p><table>a<tr class=x>b</table>");
    let kept = filler.len() + "a".len() + "x".len() + "ab".len();
    assert_eq!(text_of(&short), kept);
}
