//! Parse throughput of `parse_html_bytes` over a directory of pages, for
//! comparisons with parsers in other languages (`benches/peers/peers.py`
//! runs it between lxml's and selectolax's passes).
//!
//! ```text
//! cargo run --release --example throughput -- [--passes N] [--text] [DIR]
//! ```
//!
//! Reads every `.html` file of `DIR` (default `tests/data/pages`) as bytes,
//! parses them all once to warm up, then `N` times (default 21), and prints
//! the median seconds of a pass, then the MB/s (10^6 bytes) of that median,
//! on one line. Each page is parsed with the default options and no
//! transport charset, its document dropped before the next. With `--text`,
//! the pages are decoded as UTF-8 first (outside the timing) and parsed
//! with `parse_html` instead.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use htmldict::{ParseOptions, parse_html, parse_html_bytes};

fn main() -> ExitCode {
    let mut passes = 21;
    let mut text = false;
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--text" => text = true,
            "--passes" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => passes = n,
                _ => {
                    eprintln!("usage: throughput [--passes N] [--text] [DIR]");
                    return ExitCode::from(2);
                }
            },
            _ => dir = PathBuf::from(arg),
        }
    }
    let mut pages = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("throughput: {}: {e}", dir.display());
            return ExitCode::from(1);
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => pages.push(bytes),
            Err(e) => {
                eprintln!("throughput: {}: {e}", path.display());
                return ExitCode::from(1);
            }
        }
    }
    let size: usize = pages.iter().map(Vec::len).sum();
    let options = ParseOptions::new();
    let texts: Vec<String> = if text {
        pages
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect()
    } else {
        Vec::new()
    };
    let pass = || {
        let start = Instant::now();
        if text {
            for page in &texts {
                drop(std::hint::black_box(parse_html(page, &options)));
            }
        } else {
            for page in &pages {
                drop(std::hint::black_box(parse_html_bytes(page, &options)));
            }
        }
        start.elapsed().as_secs_f64()
    };
    pass();
    let mut times: Vec<f64> = (0..passes).map(|_| pass()).collect();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("{median:.6} {:.1}", size as f64 / median / 1e6);
    ExitCode::SUCCESS
}
