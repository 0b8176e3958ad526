//! html5lib's encoding tests: every case of `tests1.dat`, `tests2.dat` and
//! `test-yahoo-jp.dat` is parsed from bytes, and the encoding htmldict sniffs
//! must be the one its `#encoding` names, one-shot and fed to the streaming
//! parser in pieces of several sizes.
//!
//! The suite's `scripted/` cases need a script to run `document.write` and
//! its `chardet/` case needs frequency-based detection; htmldict runs no
//! scripts and guesses no encodings, so those parts are not carried.

mod support;

use htmldict::encoding_rs::Encoding;
use htmldict::{Document, EncodingSource, ParseOptions, Parser, parse_html_bytes};

/// One case: its bytes and the label of the expected encoding.
struct Case {
    name: String,
    data: Vec<u8>,
    expected: String,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Reads one `.dat` file of the encoding suite. The data is bytes, not
/// text: some cases are in legacy encodings.
fn read_cases(file: &str) -> Vec<Case> {
    let path = support::data_dir()
        .join("html5lib-tests/encoding")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    let mut pos = 0;
    while let Some(start) = find(&bytes, b"#data\n", pos) {
        let data_start = start + b"#data\n".len();
        let data_end = find(&bytes, b"\n#encoding\n", data_start)
            .unwrap_or_else(|| panic!("{file}: case {} has no #encoding", cases.len()));
        let label_start = data_end + b"\n#encoding\n".len();
        let label_end = find(&bytes, b"\n", label_start).unwrap_or(bytes.len());
        cases.push(Case {
            name: format!("{file}#{}", cases.len()),
            data: bytes[data_start..data_end].to_vec(),
            expected: String::from_utf8(bytes[label_start..label_end].to_vec()).unwrap(),
        });
        pos = label_end;
    }
    cases
}

fn all_cases() -> Vec<Case> {
    ["tests1.dat", "tests2.dat", "test-yahoo-jp.dat"]
        .iter()
        .flat_map(|f| read_cases(f))
        .collect()
}

fn streamed(data: &[u8], chunk: usize) -> Document {
    let mut parser = Parser::new(&ParseOptions::new());
    for piece in data.chunks(chunk) {
        parser.feed(piece).unwrap();
    }
    parser.finish().unwrap()
}

#[test]
fn html5lib_encoding_suite() {
    let cases = all_cases();
    assert_eq!(cases.len(), 82, "59 + 22 + 1 cases");
    let mut failures = Vec::new();
    for case in &cases {
        let expected = Encoding::for_label(case.expected.as_bytes())
            .unwrap_or_else(|| panic!("{}: unknown label {:?}", case.name, case.expected));
        let doc = parse_html_bytes(&case.data, &ParseOptions::new()).unwrap();
        let found = doc.encoding().expect("byte input has an encoding");
        if found.encoding() != expected {
            failures.push(format!(
                "{}: expected {}, got {found}\n{}",
                case.name,
                expected.name(),
                String::from_utf8_lossy(&case.data)
            ));
            continue;
        }
        // The case's name and ours differ only in case.
        assert!(
            case.expected.eq_ignore_ascii_case(found.name()),
            "{}",
            case.name
        );
        let tree = doc.html5lib_tree();
        for chunk in [1, 7, 500, 1024, 4096] {
            let doc = streamed(&case.data, chunk);
            assert_eq!(
                doc.encoding(),
                Some(found),
                "{} in pieces of {chunk}",
                case.name
            );
            assert_eq!(
                doc.html5lib_tree(),
                tree,
                "{} in pieces of {chunk}",
                case.name
            );
        }
    }
    println!(
        "{} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn sources_in_the_suite() {
    // The suite's cases cover the prescan, a BOM, the default and a
    // declaration past the first 1,024 bytes that makes the parser decode
    // the input again.
    let mut sources = Vec::new();
    for case in all_cases() {
        let doc = parse_html_bytes(&case.data, &ParseOptions::new()).unwrap();
        sources.push(doc.encoding().unwrap().source());
    }
    for source in [
        EncodingSource::Bom,
        EncodingSource::Meta,
        EncodingSource::Default,
    ] {
        assert!(sources.contains(&source), "{source:?}");
    }
}

#[test]
fn a_late_meta_decodes_the_input_again() {
    // A meta past the first 1,024 bytes, after a non-ASCII byte.
    let mut page = b"<!DOCTYPE html><title>\xa3\xf3d\xbc</title><!-- ".to_vec();
    page.resize(2000, b'x');
    page.extend_from_slice(b" --><meta charset=iso-8859-2><p>\xa3\xf3d\xbc");
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "ISO-8859-2 (meta)");
    assert_eq!(doc.text().matches("Łódź").count(), 2, "{}", doc.text());
    // Split anywhere, the same tree.
    for chunk in [1, 3, 100, 1500] {
        assert_eq!(
            streamed(&page, chunk).to_html(),
            doc.to_html(),
            "pieces of {chunk}"
        );
    }
    // A transport charset is certain: the meta changes nothing.
    let options = ParseOptions::new().transport_charset("windows-1252");
    let doc = parse_html_bytes(&page, &options).unwrap();
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1252 (transport)"
    );
    assert_eq!(doc.text().matches("£ód¼").count(), 2, "{}", doc.text());
}

#[test]
fn a_late_meta_after_ascii_switches_without_a_second_pass() {
    let mut page = b"<!DOCTYPE html><script>".to_vec();
    page.resize(3000, b'a');
    page.extend_from_slice(b"</script><meta charset=shift_jis><p>\x93\xfa\x96\x7b");
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "Shift_JIS (meta)");
    assert!(doc.text().ends_with("日本"));
    for chunk in [1, 64, 2999, 3040] {
        assert_eq!(
            streamed(&page, chunk).to_html(),
            doc.to_html(),
            "pieces of {chunk}"
        );
    }
}

#[test]
fn only_the_first_meta_counts() {
    let page = b"<meta charset=koi8-r><meta charset=iso-8859-2><p>\xf0";
    let doc = parse_html_bytes(page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().name(), "KOI8-R");
    assert_eq!(doc.text(), "П");
    // A meta in the body counts as one in the head.
    let mut late = b"<p>".to_vec();
    late.resize(1500, b'.');
    late.extend_from_slice(
        b"<meta http-equiv=content-type content='text/html; charset=koi8-r'>\xf0",
    );
    let doc = parse_html_bytes(&late, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "KOI8-R (meta)");
    assert!(doc.text().ends_with('П'));
}

#[test]
fn utf16_from_a_bom_or_the_transport() {
    let mut page = vec![0xFF, 0xFE];
    for unit in "<p>日本".encode_utf16() {
        page.extend_from_slice(&unit.to_le_bytes());
    }
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-16LE (bom)");
    assert_eq!(doc.text(), "日本");
    let options = ParseOptions::new().transport_charset("utf-16le");
    let doc = parse_html_bytes(&page[2..], &options).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-16LE (transport)");
    assert_eq!(doc.text(), "日本");
    // A meta naming UTF-16 means UTF-8: the page was read as ASCII.
    let doc =
        parse_html_bytes("<meta charset=utf-16><p>é".as_bytes(), &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().name(), "UTF-8");
    assert_eq!(doc.text(), "é");
}

#[test]
fn unknown_transport_labels_are_ignored() {
    let options = ParseOptions::new().transport_charset("x-no-such-thing");
    let doc = parse_html_bytes(b"<meta charset=koi8-r>", &options).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "KOI8-R (meta)");
}

#[test]
fn malformed_bytes_become_replacement_characters() {
    let options = ParseOptions::new().transport_charset("utf-8");
    let page = b"<p>a\xffb\xc3(c\xe6\x97\xa5\xe6\x97</p>\xf0\x9f";
    let expected = "a\u{fffd}b\u{fffd}(c日\u{fffd}\u{fffd}";
    let doc = parse_html_bytes(page, &options).unwrap();
    assert_eq!(doc.text(), expected);
    for chunk in 1..page.len() {
        let mut parser = Parser::new(&options);
        for piece in page.chunks(chunk) {
            parser.feed(piece).unwrap();
        }
        assert_eq!(
            parser.finish().unwrap().text(),
            expected,
            "pieces of {chunk}"
        );
    }
    // Shift_JIS with a lead byte and no trail byte at the end.
    let doc =
        parse_html_bytes(b"<meta charset=sjis><p>\x93\xfa\x96", &ParseOptions::new()).unwrap();
    assert_eq!(doc.text(), "日\u{fffd}");
}

#[test]
fn one_byte_order_mark_is_removed() {
    let doc = parse_html_bytes(b"\xef\xbb\xbf<p>a", &ParseOptions::new()).unwrap();
    assert_eq!(
        doc.to_html(),
        "<html><head></head><body><p>a</p></body></html>"
    );
    // A second one is a character of the document.
    let doc = parse_html_bytes(b"\xef\xbb\xbf\xef\xbb\xbf<p>a", &ParseOptions::new()).unwrap();
    assert_eq!(doc.text(), "\u{feff}a");
}
