//! The fuzz targets' checks (`test-support/src/checks.rs`), run on the inputs that
//! once made a target fail (`tests/data/fuzz-regressions/<target>/`) and on
//! the fuzzing seeds (`fuzz/seeds/<target>/`), so that `cargo test` keeps
//! every fixed crash fixed without a fuzzing toolchain; and on a sample of
//! the generated seeds at page size (`htmldict_test_support::seeds`, which
//! `examples/fuzz_seeds.rs` writes into `fuzz/seeds-pages/<target>/`): those
//! of one carried page, [`SAMPLE_PAGE`], up to [`SAMPLE_MAX_LEN`] bytes (its
//! variants at page size in every encoding, not its 1 MB repetitions, which
//! the release-mode `tests/bytes_variants.rs` covers). The checks include
//! the peak-heap bound, so this binary counts its allocations (each parse's
//! peak as its own thread counts it, so targets may run side by side).

use std::path::{Path, PathBuf};

use htmldict::{ParseOptions, parse_html};
use htmldict_test_support::alloc::Counting;
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::seeds::{Seed, seeds};
use htmldict_test_support::{checks, differential, rcdom};

// The checks hold every parse to a peak-heap bound, read from this counter.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The carried page whose generated seeds every target's checks run on: 12
/// KB, a few non-ASCII characters, its declaration near the top.
const SAMPLE_PAGE: &str = "001.html";

/// The longest of its seeds run.
const SAMPLE_MAX_LEN: usize = 256 << 10;

/// The files of `dir`, sorted; the directory must exist and hold some.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// Runs `check` on every seed and every kept failure of `target`, and on
/// the generated seeds of [`SAMPLE_PAGE`].
fn run(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("fuzz/seeds").join(target)];
    let kept = root.join("tests/data/fuzz-regressions");
    assert!(kept.is_dir(), "{} is missing", kept.display());
    let regressions = kept.join(target);
    if regressions.exists() {
        dirs.push(regressions);
    }
    for dir in dirs {
        for file in inputs(&dir) {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails its checks", file.display());
        }
    }
    let (page, html) = carried_pages()
        .into_iter()
        .find(|(name, _)| name == SAMPLE_PAGE)
        .expect("the sample page is carried");
    let sample: Vec<Seed> = seeds(&page, &html, SAMPLE_MAX_LEN)
        .into_iter()
        .filter(|seed| seed.target == target)
        .collect();
    assert!(sample.len() >= 2, "{} seeds for {target}", sample.len());
    let failed: Vec<&str> = sample
        .iter()
        .filter(|seed| std::panic::catch_unwind(|| check(&seed.bytes)).is_err())
        .map(|seed| seed.name.as_str())
        .collect();
    assert!(
        failed.is_empty(),
        "generated {target} seeds fail their checks: {}",
        failed.join(", ")
    );
}

#[test]
fn parse_str() {
    run("parse_str", checks::parse_str);
}

#[test]
fn parse_bytes() {
    run("parse_bytes", checks::parse_bytes);
}

#[test]
fn stream() {
    run("stream", checks::stream);
}

#[test]
fn select() {
    run("select", checks::select);
}

#[test]
fn tokens() {
    run("tokens", checks::tokens);
}

#[test]
fn soup_against_rcdom() {
    run("soup", differential::soup);
}

#[test]
fn tree_against_rcdom() {
    run("tree", differential::tree);
}

/// What `soup/feff-after-script-end-tag` found: a U+FEFF right after
/// `</script>` is text (only a leading one is a byte order mark). htmldict
/// keeps it; html5ever's own removal of byte order marks, which the rcdom
/// reference used, dropped it.
#[test]
fn byte_order_mark_after_a_script_end_tag_is_text() {
    let html = "<script></script>\u{feff}x";
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    assert_eq!(doc.text(), "\u{feff}x");
    assert_eq!(
        doc.html5lib_tree(),
        rcdom::html5lib_tree(&rcdom::parse(html, true))
    );
}
