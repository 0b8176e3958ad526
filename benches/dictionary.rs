//! Interning throughput of each built-in dictionary, on one thread and on
//! two threads sharing one dictionary.
//!
//! ```text
//! cargo bench --bench dictionary
//! ```
//!
//! Two streams of names:
//!
//! * `hit-heavy`: 400 names of the kind real pages push into a dictionary
//!   (`aria-describedby`, `data-testid`, `app-cart-drawer`, ...), drawn in a
//!   fixed random order, so a dictionary that keeps them answers from its
//!   table (`lru:64` cannot keep them all, and misses most of the time);
//! * `miss-heavy`: ever-new Vue scoped-style names `data-v-<8 hex>`: every
//!   lookup is of a name no lookup has seen, which `global` stores and the
//!   LRU dictionaries, once full, hand out without storing (a first
//!   sighting).
//!
//! One iteration is 1,024 lookups per thread; throughput is in lookups
//! (elements) per second over all threads. `global` is a fresh
//! `GlobalDictionary`, replaced (outside the timed part) whenever a sample
//! finds it above a million names, so the miss-heavy stream does not fill
//! memory.

mod common;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, Throughput};
use htmldict::NameDictionary;

use common::{Results, Table, fixed};
use htmldict_test_support::rng::XorShift64Star;
use htmldict_test_support::strategy as new_dictionary;

/// Lookups per thread in one iteration.
const BATCH: u64 = 1_024;
/// Distinct names of the hit-heavy stream.
const HOT_NAMES: usize = 400;
/// Length of the hit-heavy stream before it repeats.
const HOT_STREAM: usize = 1 << 14;
/// Entries above which the global dictionary is replaced between samples.
const GLOBAL_RENEW: u64 = 1_000_000;

const STRATEGIES: [&str; 4] = ["global", "per-document", "lru:4096", "lru:64"];
const STREAMS: [&str; 2] = ["hit-heavy", "miss-heavy"];
const THREADS: [usize; 2] = [1, 2];

/// The names of the hit-heavy stream, in the order they are looked up.
fn hot_stream() -> Vec<String> {
    const STEMS: [&str; 20] = [
        "aria-describedby",
        "aria-labelledby",
        "data-testid",
        "data-component",
        "data-track-event",
        "data-analytics-id",
        "app-cart-drawer",
        "product-card",
        "site-header",
        "mega-menu-item",
        "data-src-retina",
        "data-lazy-srcset",
        "shopify-section",
        "x-data-bind",
        "ng-reflect-router-link",
        "v-bind-class",
        "data-gtm-category",
        "data-qa-locator",
        "recommendation-rail",
        "video-player-embed",
    ];
    let names: Vec<String> = (0..HOT_NAMES)
        .map(|i| format!("{}-{}", STEMS[i % STEMS.len()], i / STEMS.len()))
        .collect();
    let mut rng = XorShift64Star::new(0x9e37_79b9_7f4a_7c15);
    (0..HOT_STREAM)
        .map(|_| names[rng.below(HOT_NAMES)].clone())
        .collect()
}

/// Writes `data-v-<8 hex of n>` into `buf`.
fn vue_name(buf: &mut [u8; 15], n: u32) -> &str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf[..7].copy_from_slice(b"data-v-");
    for (i, byte) in buf[7..].iter_mut().enumerate() {
        *byte = HEX[((n >> (28 - 4 * i)) & 0xf) as usize];
    }
    std::str::from_utf8(buf).expect("ASCII")
}

/// Runs `iters` batches on each of `threads` threads and returns the wall
/// time from the first spawn to the last join.
fn run(
    threads: usize,
    iters: u64,
    dictionary: &dyn NameDictionary,
    stream: &str,
    hot: &[String],
    fresh: &AtomicU64,
) -> Duration {
    let start = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..threads {
            scope.spawn(move || {
                let lookups = iters * BATCH;
                if stream == "hit-heavy" {
                    // Threads start at different points of the stream.
                    let offset = thread * HOT_STREAM / 2;
                    for i in 0..lookups as usize {
                        let name = &hot[(offset + i) % HOT_STREAM];
                        black_box(dictionary.intern(name));
                    }
                } else {
                    // Each thread takes a range of numbers no one else uses.
                    let first = fresh.fetch_add(lookups, Ordering::Relaxed);
                    let mut buf = [0u8; 15];
                    for n in first..first + lookups {
                        black_box(dictionary.intern(vue_name(&mut buf, n as u32)));
                    }
                }
            });
        }
    });
    start.elapsed()
}

fn id(strategy: &str, threads: usize) -> String {
    format!("{strategy} {threads}t")
}

fn bench(c: &mut Criterion, hot: &[String]) {
    let fresh = AtomicU64::new(0);
    for stream in STREAMS {
        let mut group = c.benchmark_group(format!("intern-{stream}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for strategy in STRATEGIES {
            for threads in THREADS {
                group.throughput(Throughput::Elements(BATCH * threads as u64));
                let mut dictionary = new_dictionary(strategy);
                group.bench_function(id(strategy, threads), |b| {
                    b.iter_custom(|iters| {
                        if dictionary.stats().entries > GLOBAL_RENEW {
                            dictionary = new_dictionary(strategy);
                        }
                        run(threads, iters, &*dictionary, stream, hot, &fresh)
                    })
                });
            }
        }
        group.finish();
    }
}

fn summary(results: &Results) -> String {
    let mut table = Table::new(&[
        "stream",
        "strategy",
        "M lookups/s, 1 thread",
        "M lookups/s, 2 threads",
        "scaling",
    ]);
    for stream in STREAMS {
        for strategy in STRATEGIES {
            let rate = |threads: usize| {
                results
                    .median(&format!("intern-{stream}"), &id(strategy, threads))
                    .map(|time| (BATCH * threads as u64) as f64 / time / 1e6)
            };
            if let (Some(one), Some(two)) = (rate(1), rate(2)) {
                table.row(vec![
                    stream.to_owned(),
                    strategy.to_owned(),
                    fixed(one, 2),
                    fixed(two, 2),
                    format!("{}x", fixed(two / one, 2)),
                ]);
            }
        }
    }
    if table.is_empty() {
        String::new()
    } else {
        table.render()
    }
}

fn main() {
    let started = SystemTime::now();
    let dir = common::criterion_dir();
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    let hot = hot_stream();
    bench(&mut criterion, &hot);
    criterion.final_summary();

    let summary = summary(&Results::new(dir, started));
    if !summary.is_empty() {
        println!("\nSummary of this run (medians of criterion's samples)\n\n{summary}");
    }
}
