//! The late-`<meta>` page (`htmldict_test_support::late_meta`): a
//! `<meta charset>` past the first 1,024 bytes, in 2 KB to 1 MB pages, in
//! four encodings, all ASCII or not. All-ASCII pages of this shape over
//! about 8 KB made `parse_html_bytes` panic (a decoder used again after its
//! last bytes), where the same bytes fed in pieces did not. Every page goes
//! through the one-shot parse and the streaming parser in pieces, each run
//! under `catch_unwind` so that a panic names its page and the others
//! still run.

use std::panic::{AssertUnwindSafe, catch_unwind};

use htmldict::{Document, EncodingSource, ParseOptions, Parser, parse_html_bytes};
use htmldict_test_support::late_meta::{ENCODINGS, SIZES, all_pages};

fn streamed(bytes: &[u8], piece: usize) -> Document {
    let options = ParseOptions::new();
    let mut parser = Parser::new(&options);
    for chunk in bytes.chunks(piece) {
        parser.feed_bytes(chunk).unwrap();
    }
    parser.finish().unwrap()
}

/// What is wrong with one page, if anything.
fn check(bytes: &[u8], encoding: &str, text: &str) -> Result<(), String> {
    let doc = parse_html_bytes(bytes, &ParseOptions::new()).map_err(|e| e.to_string())?;
    let found = doc.encoding().ok_or("no encoding")?;
    if (found.name(), found.source()) != (encoding, EncodingSource::Meta) {
        return Err(format!("encoding {found}, not {encoding} (meta)"));
    }
    if doc.text() != text {
        return Err("the text differs from the page's".to_owned());
    }
    let tree = doc.html5lib_tree();
    for piece in [7, 1000, 4096, 65536] {
        let streamed = streamed(bytes, piece);
        if streamed.encoding() != Some(found) || streamed.html5lib_tree() != tree {
            return Err(format!("in pieces of {piece}, another document"));
        }
    }
    Ok(())
}

#[test]
fn late_meta_pages_parse_in_every_size_and_encoding() {
    let pages = all_pages();
    assert_eq!(pages.len(), SIZES.len() * ENCODINGS.len() * 2);
    let mut failures = Vec::new();
    for page in &pages {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check(&page.bytes, page.encoding, &page.text)
        }));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(problem)) => failures.push(format!("{}: {problem}", page.name)),
            Err(_) => failures.push(format!("{}: panicked", page.name)),
        }
    }
    println!("{} late-meta pages checked", pages.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The page of the report, exactly: 30 KB, all ASCII, `utf-8`.
#[test]
fn the_reported_page() {
    let mut page = b"<!doctype html><!--".to_vec();
    page.extend(std::iter::repeat_n(b'x', 1100));
    page.extend_from_slice(b"--><meta charset=utf-8><p>");
    for _ in 0..10_000 {
        page.extend_from_slice(b"hi ");
    }
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (meta)");
    assert_eq!(doc.text().len(), 30_000);
}
