//! The crawl example's memory curves, checked from its JSON output: over a
//! 20,000-page crawl the per-document and LRU dictionaries hold memory flat,
//! and the global dictionary grows, by what its own `bytes` says it holds.
//!
//! The example runs as a separate process (it has its own counting
//! allocator), always in a release build: a debug build would take minutes
//! over 20,000 pages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const PAGES: u64 = 20_000;

/// How far the heap may drift between the first and the last checkpoint
/// under a bounded strategy: the documents alive at each checkpoint differ.
const MIB: i64 = 1 << 20;

/// `target/<profile>` of this test binary (`target/<profile>/deps/<test>`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("path of the test binary");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test binary lives in target/<profile>/deps")
        .to_path_buf()
}

/// The release build of the crawl example, built (or brought up to date)
/// first when running under cargo or when it is missing.
fn crawl_binary() -> PathBuf {
    let profile_dir = profile_dir();
    let target_dir = profile_dir
        .parent()
        .expect("target/<profile> has a parent")
        .to_path_buf();
    let binary = target_dir
        .join("release")
        .join("examples")
        .join(format!("crawl{}", std::env::consts::EXE_SUFFIX));
    if std::env::var_os("CARGO").is_some() || !binary.exists() {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--quiet", "--release", "--example", "crawl"])
            .arg("--target-dir")
            .arg(&target_dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run cargo to build the crawl example: {e}"));
        assert!(status.success(), "building the crawl example failed");
    }
    assert!(
        binary.exists(),
        "{} does not exist after building the crawl example",
        binary.display()
    );
    binary
}

/// One JSON line of the example, its values kept as text.
struct Line {
    fields: BTreeMap<String, String>,
}

impl Line {
    /// Reads a flat JSON object of strings, numbers and nulls (what the
    /// example writes; strategy names hold no quotes or commas).
    fn parse(text: &str) -> Line {
        let body = text
            .trim()
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or_else(|| panic!("not a JSON object: {text}"));
        let fields = body
            .split(',')
            .map(|pair| {
                let (key, value) = pair
                    .split_once(':')
                    .unwrap_or_else(|| panic!("no `:` in {pair:?} of {text}"));
                let key = key
                    .trim()
                    .strip_prefix('"')
                    .and_then(|k| k.strip_suffix('"'))
                    .unwrap_or_else(|| panic!("unquoted key {key:?} in {text}"));
                let value = value.trim();
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(value);
                (key.to_owned(), value.to_owned())
            })
            .collect();
        Line { fields }
    }

    fn text(&self, key: &str) -> &str {
        self.fields
            .get(key)
            .unwrap_or_else(|| panic!("no key {key:?} in {:?}", self.fields))
    }

    fn number(&self, key: &str) -> i64 {
        let text = self.text(key);
        text.parse()
            .unwrap_or_else(|_| panic!("{key} is not a whole number: {text:?}"))
    }
}

#[test]
fn bounded_strategies_stay_flat_and_global_grows_with_its_bytes() {
    let svg = profile_dir().join("crawl_json-heap.svg");
    let output = Command::new(crawl_binary())
        .args(["--pages", &PAGES.to_string(), "--json", "--svg"])
        .arg(&svg)
        // The generated stream, not a corpus the environment may point at.
        .env_remove("HTMLDICT_CORPUS")
        .output()
        .expect("run the crawl example");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "crawl failed:\n{stderr}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");

    // Checkpoints by strategy, in the order they were printed.
    let mut runs: BTreeMap<String, Vec<Line>> = BTreeMap::new();
    for text in stdout.lines() {
        let line = Line::parse(text);
        for key in [
            "strategy",
            "pages",
            "heap_bytes",
            "rss_bytes",
            "dict_entries",
            "dict_bytes",
            "lookups",
            "hits",
            "misses",
            "not_stored",
            "evictions",
        ] {
            line.text(key);
        }
        assert_eq!(
            line.number("lookups"),
            line.number("hits") + line.number("misses")
        );
        assert!(line.number("not_stored") <= line.number("misses"));
        runs.entry(line.text("strategy").to_owned())
            .or_default()
            .push(line);
    }
    let names: Vec<&str> = runs.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["global", "lru:1024", "lru:4096", "per-document"],
        "the default strategies"
    );
    assert!(svg.exists(), "no chart at {}", svg.display());

    for (strategy, checkpoints) in &runs {
        assert_eq!(checkpoints.len(), 50, "{strategy}: one checkpoint per 2%");
        let (first, last) = (&checkpoints[0], &checkpoints[checkpoints.len() - 1]);
        assert_eq!(last.number("pages"), PAGES as i64);
        let heap = |line: &Line| line.number("heap_bytes");
        let grown = heap(last) - heap(first);
        let dict_grown = last.number("dict_bytes") - first.number("dict_bytes");
        println!(
            "{strategy}: heap first {} last {} (change {grown:+}), dict_bytes {} -> {} \
             ({dict_grown:+}), entries {}, evictions {}",
            heap(first),
            heap(last),
            first.number("dict_bytes"),
            last.number("dict_bytes"),
            last.number("dict_entries"),
            last.number("evictions"),
        );
        if strategy == "global" {
            assert_eq!(last.number("not_stored"), 0, "global stores every name");
            assert!(
                dict_grown > 2 * MIB,
                "global: new names keep arriving, so its bytes grow ({dict_grown})"
            );
            assert!(grown > 0, "global: the heap grows ({grown})");
            assert!(
                (grown - dict_grown).abs() <= MIB,
                "global: the heap grows with dict_bytes: heap {grown:+}, dict_bytes {dict_grown:+}"
            );
        } else {
            assert!(
                grown.abs() <= MIB,
                "{strategy}: heap moved {grown:+} bytes between the first and the last checkpoint"
            );
            if let Some(capacity) = strategy.strip_prefix("lru:") {
                let capacity: i64 = capacity.parse().unwrap();
                assert!(
                    checkpoints
                        .iter()
                        .all(|c| c.number("dict_entries") <= capacity)
                );
                assert_eq!(last.text("capacity"), capacity.to_string());
                // A miss is either stored, as an entry that may later be
                // evicted, or handed to its document only (a first sighting).
                for c in checkpoints {
                    assert_eq!(
                        c.number("misses"),
                        c.number("not_stored") + c.number("dict_entries") + c.number("evictions"),
                        "{strategy}"
                    );
                }
                assert!(last.number("not_stored") > 0, "{strategy}");
            } else {
                assert_eq!(last.number("hits"), 0, "per-document never shares");
                assert_eq!(
                    last.number("not_stored"),
                    0,
                    "per-document counts every name"
                );
            }
        }
    }
}
