//! Writes the fuzz targets' seeds at page size: every carried page, whole,
//! and its variants up to 1 MiB (the `<meta charset>` past 1,024, 8,192 and
//! 65,536 bytes, all ASCII, ASCII before the `<meta>`, a byte order mark,
//! no declaration, the body repeated to 1 MB; in UTF-8, windows-1252,
//! windows-1251, Shift_JIS, GB18030 and UTF-16LE), each behind the option
//! bytes its target reads (`htmldict_test_support::seeds`).
//!
//! ```text
//! cargo run --release --example fuzz_seeds -- [--out DIR] [--max-len N]
//! ```
//!
//! * `--out DIR`: where to write, one folder per target; default
//!   `fuzz/seeds-pages` (not committed: derived from the carried pages).
//!   Each target's folder is emptied first.
//! * `--max-len N`: the longest seed, in bytes; default 1,048,576, the
//!   `-max_len` the README's fuzzing commands give libFuzzer.
//!
//! About 1 GB in all: `parse_bytes` and `stream` get every encoding, the
//! text targets (`parse_str`, `select`, `tokens`, `soup`, `tree`) the UTF-8
//! variants only.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use htmldict_test_support::data::carried_pages;
use htmldict_test_support::seeds::{MAX_LEN, TARGETS, seeds};

fn main() -> ExitCode {
    let mut out = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds-pages");
    let mut max_len = MAX_LEN;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--out", Some(dir)) => out = PathBuf::from(dir),
            ("--max-len", Some(n)) if n.parse::<usize>().is_ok() => max_len = n.parse().unwrap(),
            _ => {
                eprintln!("usage: fuzz_seeds [--out DIR] [--max-len N]");
                return ExitCode::FAILURE;
            }
        }
    }

    for target in TARGETS {
        let dir = out.join(target);
        if dir.exists()
            && let Err(e) = std::fs::remove_dir_all(&dir)
        {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let mut written = [(0usize, 0usize); TARGETS.len()];
    for (page, html) in carried_pages() {
        for seed in seeds(&page, &html, max_len) {
            let path = out.join(seed.target).join(&seed.name);
            if let Err(e) = std::fs::write(&path, &seed.bytes) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            let slot = TARGETS.iter().position(|t| *t == seed.target).unwrap();
            written[slot].0 += 1;
            written[slot].1 += seed.bytes.len();
        }
    }
    for (target, (files, bytes)) in TARGETS.iter().zip(written) {
        println!(
            "{:<40} {files:>5} seeds, {:>7.1} MB",
            out.join(target).display(),
            bytes as f64 / 1e6
        );
    }
    ExitCode::SUCCESS
}
