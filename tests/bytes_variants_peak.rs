//! The peak-heap bound of the README's "Limits" section
//! (`htmldict_test_support::bound::peak_bound`: 32 bytes per input byte,
//! 128 per node, 256 KiB) on the one-shot `parse_html_bytes` parse of every
//! page-size variant of every carried page
//! (`htmldict_test_support::variants`: the `<meta charset>` past 1,024,
//! 8,192 and 65,536 bytes, all ASCII, ASCII before the `<meta>`, a byte
//! order mark, no declaration; in six encodings), where a late `<meta>`
//! makes the parser decode the input again.
//!
//! This binary counts every allocation with the counting allocator; a
//! parse's peak is the one its thread counts (`checks::peak_of`), so the
//! test harness's own threads do not move it. Each variant runs under
//! `catch_unwind`, and the test fails once at the end, listing every
//! variant that panicked or went over the bound.

use std::panic::{AssertUnwindSafe, catch_unwind};

use htmldict::{ParseOptions, parse_html_bytes};
use htmldict_test_support::alloc::Counting;
use htmldict_test_support::bound::peak_bound;
use htmldict_test_support::checks::peak_of;
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::variants::{self, Shape};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn one_shot_parses_of_page_size_variants_stay_under_the_peak_bound() {
    let options = ParseOptions::new();
    let pages = carried_pages();
    let mut ran = 0;
    let mut failures = Vec::new();
    let mut highest: (f64, String) = (0.0, String::new());
    for (page, html) in &pages {
        for variant in variants::variants(page, html) {
            if !variant.shape.is_page_size() {
                continue;
            }
            ran += 1;
            let bytes = &variant.bytes;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let (doc, peak) = peak_of(|| parse_html_bytes(bytes, &options));
                (doc.map(|doc| doc.node_count()), peak)
            }));
            let failure = match outcome {
                Err(_) => Some("panicked".to_owned()),
                Ok((Err(e), _)) => Some(format!("parse_html_bytes failed: {e}")),
                Ok((Ok(nodes), peak)) => {
                    let bound = peak_bound(bytes.len(), nodes);
                    let share = peak as f64 / bound as f64;
                    if share > highest.0 {
                        highest = (share, variant.name.clone());
                    }
                    (peak > bound).then(|| {
                        format!(
                            "{} bytes and {nodes} nodes peaked at {peak} bytes, over the bound of {bound}",
                            bytes.len()
                        )
                    })
                }
            };
            if let Some(why) = failure {
                failures.push(format!("{}: {why}", variant.name));
            }
        }
    }
    println!(
        "{ran} page-size variants; the highest peak, {:.0}% of its bound: {}",
        highest.0 * 100.0,
        highest.1
    );
    let page_size = Shape::ALL.iter().filter(|s| s.is_page_size()).count();
    assert_eq!(ran, pages.len() * page_size * variants::encodings().len());
    assert!(
        failures.is_empty(),
        "{} of {ran} variants failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
