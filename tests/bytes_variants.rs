//! Every variant of every carried page (`htmldict_test_support::variants`:
//! the `<meta charset>` past 1,024, 8,192 and 65,536 bytes, all ASCII,
//! ASCII before the `<meta>`, a byte order mark, no declaration, the body
//! repeated to 1 MB and 4 MB; in UTF-8, windows-1252, windows-1251,
//! Shift_JIS, GB18030 and UTF-16LE) parsed from bytes in every way a
//! crawler may parse them:
//!
//! * `parse_html_bytes`, at once: its encoding must be the one the variant
//!   expects;
//! * `Parser::feed_bytes` in pieces of 1 byte (variants under 64 KiB only), 7,
//!   4,096 and 65,536 bytes, then `finish`;
//! * `Parser::feed_str` with the bytes decoded by the encoding the one-shot
//!   parse reports, in pieces of about 4,096 bytes (cut at character
//!   boundaries).
//!
//! Each must give the one-shot parse's document (its `html5lib_tree()`,
//! and its encoding; a text parse has none). The 4 MB repetitions are fed
//! in pieces of 65,536 bytes only (besides `feed_str`): they are a third of
//! the bytes of the run, and the 1 MB repetitions, fed in every piece size,
//! cross the same piece boundaries in the same kind of text.
//!
//! First, each variant must be what its shape says (its `<meta>` where
//! the shape puts it, ASCII where it must be, ...).
//!
//! Each variant runs under `catch_unwind`, so that a panic names its
//! variant and the others still run; the test fails once at the end, with
//! every failure listed. Variants run on as many threads as there are
//! cores, a page at a time, the largest pages first.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use htmldict::encoding_rs::{Encoding, UTF_8, UTF_16LE};
use htmldict::{Document, ParseOptions, Parser, parse_html_bytes};
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::variants::{self, Shape, Variant};

/// Feeding one byte at a time only below this size.
const ONE_BYTE_BELOW: usize = 64 << 10;

/// What went wrong with one way of parsing, or nothing.
fn check(variant: &Variant) -> Result<(), String> {
    check_shape(variant).map_err(|why| format!("not what its shape says: {why}"))?;
    let options = ParseOptions::new();
    let whole = parse_html_bytes(&variant.bytes, &options)
        .map_err(|e| format!("parse_html_bytes failed: {e}"))?;
    let encoding = whole
        .encoding()
        .ok_or("parse_html_bytes reports no encoding")?;
    if !variant.expected.holds_for(encoding) {
        return Err(format!(
            "parse_html_bytes reports {encoding}, expected {}",
            variant.expected
        ));
    }
    let tree = whole.html5lib_tree();
    drop(whole);

    let same = |how: &str, doc: Document, text: bool| -> Result<(), String> {
        let got = doc.encoding();
        if let (true, Some(got)) = (text, got) {
            return Err(format!("{how}: a text parse reports {got}"));
        }
        if !text && got != Some(encoding) {
            return Err(format!(
                "{how}: reports {}, the one-shot parse {encoding}",
                got.map_or("no encoding".to_owned(), |e| e.to_string())
            ));
        }
        let other = doc.html5lib_tree();
        if other != tree {
            return Err(format!(
                "{how}: another tree than the one-shot parse's; first difference at byte {}",
                first_difference(&tree, &other)
            ));
        }
        Ok(())
    };

    let mut pieces = vec![7, 4096, 65536];
    if variant.bytes.len() < ONE_BYTE_BELOW {
        pieces.insert(0, 1);
    }
    if variant.shape == Shape::Repeated(4_000_000) {
        pieces = vec![65536];
    }
    for piece in pieces {
        let how = format!("feed in pieces of {piece}");
        let mut parser = Parser::new(&options);
        for chunk in variant.bytes.chunks(piece) {
            parser
                .feed_bytes(chunk)
                .map_err(|e| format!("{how}: feed failed: {e}"))?;
        }
        let doc = parser
            .finish()
            .map_err(|e| format!("{how}: finish failed: {e}"))?;
        same(&how, doc, false)?;
    }

    let (text, _, _) = encoding.encoding().decode(&variant.bytes);
    let mut parser = Parser::new(&options);
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let mut at = rest.len().min(4096);
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (chunk, after) = rest.split_at(at);
        parser
            .feed_str(chunk)
            .map_err(|e| format!("feed_str: failed: {e}"))?;
        rest = after;
    }
    let doc = parser
        .finish()
        .map_err(|e| format!("feed_str: finish failed: {e}"))?;
    same("feed_str in pieces of 4096", doc, true)
}

/// The byte offset of the first difference between `a` and `b`.
fn first_difference(a: &str, b: &str) -> usize {
    a.bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

/// A panic's message.
fn message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[test]
fn every_variant_parses_alike_every_way() {
    let started = Instant::now();
    let mut pages = carried_pages();
    pages.sort_by_key(|(_, html)| std::cmp::Reverse(html.len()));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = AtomicUsize::new(0);
    let ran = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());

    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some((page, html)) = pages.get(next.fetch_add(1, Ordering::Relaxed)) {
                    for variant in variants::variants(page, html) {
                        let outcome = catch_unwind(AssertUnwindSafe(|| check(&variant)));
                        let failure = match outcome {
                            Ok(Ok(())) => None,
                            Ok(Err(why)) => Some(why),
                            Err(panic) => Some(format!("panicked: {}", message(&*panic))),
                        };
                        ran.fetch_add(1, Ordering::Relaxed);
                        if let Some(why) = failure {
                            let line = format!(
                                "{} ({} bytes, expected {}): {why}",
                                variant.name,
                                variant.bytes.len(),
                                variant.expected
                            );
                            failures.lock().unwrap().push(line);
                        }
                    }
                }
            });
        }
    });

    let ran = ran.into_inner();
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    println!(
        "{ran} variants of {} pages in {:.1} s, {} failed",
        pages.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert_eq!(ran, pages.len() * variants::PER_PAGE);
    assert!(
        failures.is_empty(),
        "{} of {ran} variants failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Where `meta`, written in `encoding` as the variants write it, is in
/// `bytes`, and how many times.
fn find_meta(bytes: &[u8], encoding: &'static Encoding) -> (Option<usize>, usize) {
    let meta = format!("<meta charset=\"{}\">", encoding.name());
    let needle: Vec<u8> = if encoding == UTF_16LE {
        meta.encode_utf16().flat_map(u16::to_le_bytes).collect()
    } else {
        meta.into_bytes()
    };
    let mut found = bytes
        .iter()
        .enumerate()
        .filter(|&(at, &b)| b == b'<' && bytes[at..].starts_with(&needle))
        .map(|(at, _)| at);
    let first = found.next();
    (first, first.map_or(0, |_| 1 + found.count()))
}

/// Fails with `why` unless `condition` holds.
macro_rules! ensure {
    ($condition:expr, $($why:tt)+) => {
        if !$condition {
            return Err(format!($($why)+));
        }
    };
}

/// Whether the variant is what its shape says: the page's declarations
/// gone, the variant's `<meta>` once, where the shape puts it, the bytes
/// ASCII where they must be, the byte order mark where it belongs and the
/// repetitions of the size they are named for.
fn check_shape(variant: &Variant) -> Result<(), String> {
    let bytes = &variant.bytes;
    let utf16 = variant.encoding == UTF_16LE;
    let (text, _) = variant.encoding.decode_with_bom_removal(bytes);
    let declared = text.len() - variants::without_declarations(&text).len();
    let (meta, metas) = find_meta(bytes, variant.encoding);
    let bom = Encoding::for_bom(bytes).map(|(encoding, _)| encoding);
    let shape = variant.shape;
    if shape == Shape::Undeclared {
        ensure!(declared == 0, "a declaration is left");
        ensure!(bom.is_none(), "a byte order mark");
        return Ok(());
    }
    let meta_len = format!("<meta charset=\"{}\">", variant.encoding.name()).len();
    ensure!(metas == 1, "the <meta> {metas} times");
    ensure!(declared == meta_len, "another declaration than the <meta>");
    let meta = meta.unwrap_or_default();
    let bom_expected = match shape {
        _ if utf16 => Some(UTF_16LE),
        Shape::Bom => Some(UTF_8),
        _ => None,
    };
    ensure!(bom == bom_expected, "byte order mark {bom:?}");
    match shape {
        Shape::MetaAfter(at) => ensure!(meta >= at, "<meta> at {meta}"),
        Shape::AllAscii | Shape::AsciiBeforeMeta => {
            ensure!(meta >= 1024, "<meta> at {meta}");
            let before = &bytes[if utf16 { 2 } else { 0 }..meta];
            ensure!(before.is_ascii(), "non-ASCII before the <meta>");
            if shape == Shape::AllAscii && !utf16 {
                ensure!(bytes.is_ascii(), "not all ASCII");
            }
        }
        // Where the prescan finds it (in UTF-16LE the byte order mark
        // decides alone).
        Shape::Bom | Shape::Repeated(_) => ensure!(meta < 1024 || utf16, "<meta> at {meta}"),
        Shape::Undeclared => unreachable!(),
    }
    if let Shape::Repeated(size) = shape {
        ensure!(
            (size / 2..=size).contains(&bytes.len()),
            "{} bytes",
            bytes.len()
        );
    }
    Ok(())
}
