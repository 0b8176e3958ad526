//! html5lib's encoding tests: every case of `tests1.dat`, `tests2.dat` and
//! `test-yahoo-jp.dat` is parsed from bytes, and the encoding htmldict sniffs
//! must be the one its `#encoding` names, one-shot and fed to the streaming
//! parser in pieces of several sizes.
//!
//! The suite's `chardet/` case (Big5 text with nothing declared) is
//! detected from its bytes. Its `scripted/` cases need a script to run
//! `document.write`; htmldict runs no scripts, so that part is not carried.
//!
//! Beyond the suite: detection on the carried pages and on pages in legacy
//! encodings, and that where detection decides never depends on how the
//! input is split.

use htmldict::encoding_rs::{self, Encoding};
use htmldict::{Document, EncodingSource, ParseOptions, Parser, parse_html, parse_html_bytes};

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
    let path = htmldict_test_support::data::data_dir()
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
    streamed_with(data, chunk, &ParseOptions::new())
}

fn streamed_with(data: &[u8], chunk: usize, options: &ParseOptions) -> Document {
    let mut parser = Parser::new(options);
    for piece in data.chunks(chunk) {
        parser.feed_bytes(piece).unwrap();
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

/// The README's count of the suite's cases that declare their encoding past
/// the first 1,024 bytes: their `<meta>` says the encoding, but their first
/// 1,024 bytes alone, all the prescan reads, do not.
#[test]
fn seven_suite_cases_declare_their_encoding_past_the_prescan() {
    let mut late = Vec::new();
    for case in all_cases() {
        let doc = parse_html_bytes(&case.data, &ParseOptions::new()).unwrap();
        let found = doc.encoding().unwrap();
        if found.source() != EncodingSource::Meta {
            continue;
        }
        let head = &case.data[..case.data.len().min(1024)];
        let prescanned = parse_html_bytes(head, &ParseOptions::new()).unwrap();
        let prescanned = prescanned.encoding().unwrap();
        if (prescanned.encoding(), prescanned.source()) != (found.encoding(), EncodingSource::Meta)
        {
            late.push(case.name.clone());
        }
    }
    println!(
        "{} cases declare their encoding past the first 1,024 bytes: {}",
        late.len(),
        late.join(", ")
    );
    assert_eq!(late.len(), 7, "{late:?}");
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
            parser.feed_bytes(piece).unwrap();
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

/// The suite's `chardet/test_big5.txt`: Traditional Chinese in Big5, no
/// declaration. Detected as Big5, one-shot and in pieces, and decoded as
/// Big5 decodes it.
#[test]
fn html5lib_chardet_big5() {
    let path = htmldict_test_support::data::data_dir()
        .join("html5lib-tests/encoding/chardet/test_big5.txt");
    let bytes = std::fs::read(&path).unwrap();
    let doc = parse_html_bytes(&bytes, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "Big5 (detected)");
    let (text, _, malformed) = encoding_rs::BIG5.decode(&bytes);
    assert!(!malformed);
    let reference = parse_html(&text, &ParseOptions::new()).unwrap();
    assert_eq!(doc.html5lib_tree(), reference.html5lib_tree());
    for chunk in [1, 100, 1024, 1025] {
        assert_eq!(
            streamed(&bytes, chunk).html5lib_tree(),
            reference.html5lib_tree(),
            "pieces of {chunk}"
        );
    }
}

/// Every carried page, given as bytes with no transport charset, reads as
/// the same page given as text (they are all UTF-8), encoding declared or
/// not, except those whose own `<meta>` names another encoding.
#[test]
fn carried_pages_as_bytes_read_as_their_text() {
    // Saved as UTF-8 by the test suite they come from, but declaring GB2312
    // in their `<meta>`, which a browser obeys too.
    const DECLARE_ANOTHER_ENCODING: &[&str] = &["qq.html"];
    let mut detected = Vec::new();
    for (name, text) in htmldict_test_support::data::carried_pages() {
        let doc = parse_html_bytes(text.as_bytes(), &ParseOptions::new()).unwrap();
        let encoding = doc.encoding().unwrap();
        if DECLARE_ANOTHER_ENCODING.contains(&name.as_str()) {
            assert_eq!(encoding.to_string(), "GBK (meta)", "{name}");
            continue;
        }
        let reference = parse_html(&text, &ParseOptions::new()).unwrap();
        assert!(doc.text() == reference.text(), "{name} read as {encoding}");
        assert!(
            doc.to_html() == reference.to_html(),
            "{name} read as {encoding}"
        );
        match encoding.source() {
            // All ASCII, nothing declared: the standard's default.
            EncodingSource::Default => {
                assert!(text.is_ascii(), "{name}");
                assert_eq!(encoding.name(), "windows-1252", "{name}");
            }
            _ => assert_eq!(encoding.name(), "UTF-8", "{name}"),
        }
        if encoding.source() == EncodingSource::Detected {
            detected.push(name);
        }
    }
    // The pages that declare nothing and are not all ASCII (bbc-1 and
    // webmd-2 declare UTF-8 past their first 1,024 bytes, before their
    // first non-ASCII byte).
    assert_eq!(
        detected,
        ["table-style-attributes.html", "wikipedia-4.html"]
    );
}

/// Pages in legacy encodings with nothing declared: the detector reads
/// them as they were written, and a top-level domain tips an ambiguous
/// guess towards its country's encoding.
#[test]
fn legacy_encodings_are_detected() {
    let pages = [
        (
            encoding_rs::SHIFT_JIS,
            "<title>日本語のページ</title><p>今日は良い天気ですね。明日も晴れるでしょう。",
        ),
        (
            encoding_rs::EUC_JP,
            "<title>日本語のページ</title><p>今日は良い天気ですね。明日も晴れるでしょう。",
        ),
        (
            encoding_rs::GBK,
            "<title>中文网页</title><p>今天天气很好，我们去公园散步吧。这是一个简单的例子。",
        ),
        (
            encoding_rs::EUC_KR,
            "<title>한국어 페이지</title><p>오늘은 날씨가 좋습니다. 내일도 맑을 것입니다.",
        ),
        (
            encoding_rs::WINDOWS_1251,
            "<title>Русская страница</title><p>Сегодня хорошая погода, завтра тоже будет солнечно.",
        ),
        (
            encoding_rs::WINDOWS_1252,
            "<title>Page française</title><p>Aujourd'hui il fait très beau, et demain ce sera l'été à Noël.",
        ),
    ];
    for (encoding, page) in pages {
        let (bytes, _, lossy) = encoding.encode(page);
        assert!(!lossy);
        let doc = parse_html_bytes(&bytes, &ParseOptions::new()).unwrap();
        let found = doc.encoding().unwrap();
        assert_eq!(found.source(), EncodingSource::Detected);
        assert_eq!(found.encoding(), encoding, "{page}");
        let reference = parse_html(page, &ParseOptions::new()).unwrap();
        assert_eq!(doc.text(), reference.text());
    }
    // Five Cyrillic letters are too few to tell windows-1251 from
    // windows-1252; the `ru` domain decides.
    let bytes = b"<p>\xc4\xe0 \xed\xe5\xf2";
    let doc = parse_html_bytes(bytes, &ParseOptions::new()).unwrap();
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1252 (detected)"
    );
    let hinted = ParseOptions::new().page_host("news.example.ru");
    let doc = parse_html_bytes(bytes, &hinted).unwrap();
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1251 (detected)"
    );
    assert_eq!(doc.text(), "Да нет");
}

/// Bytes before the first non-ASCII byte are parsed at once; from it on,
/// the detector reads 4 KiB. What it decides depends on those bytes only:
/// one-shot and streamed in any pieces, the same encoding and tree.
#[test]
fn detection_reads_a_fixed_window_past_the_first_non_ascii_byte() {
    // 20 KB of ASCII, then UTF-8 text; far past the window, windows-1251
    // bytes that are not UTF-8 (the detector never sees them).
    let mut page = b"<!DOCTYPE html><script>".to_vec();
    page.resize(20_000, b'a');
    page.extend_from_slice("</script><p>Пример текста на русском, ".as_bytes());
    let window_end = page.len() + 4096;
    while page.len() < window_end + 100 {
        page.extend_from_slice("текст ".as_bytes());
    }
    page.extend_from_slice(b"<p>\xcf\xf0\xe8\xec\xe5\xf0");
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (detected)");
    assert!(doc.text().contains("Пример текста"));
    assert!(
        doc.text()
            .ends_with("\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}")
    );
    for chunk in [1, 7, 1000, 4096, 20_013, 30_000] {
        let streamed = streamed(&page, chunk);
        assert_eq!(streamed.encoding(), doc.encoding(), "pieces of {chunk}");
        assert!(streamed.to_html() == doc.to_html(), "pieces of {chunk}");
    }
    // The input ending exactly where the window does: the same guess as
    // when more follows, however it is cut.
    let exact = &page[..window_end];
    let doc = parse_html_bytes(exact, &ParseOptions::new()).unwrap();
    for chunk in [1, 4096, 24_000] {
        assert_eq!(
            streamed(exact, chunk).encoding(),
            doc.encoding(),
            "pieces of {chunk}"
        );
    }
}

/// All ASCII: nothing to detect, the standard's default stays. A `<meta>`
/// met before any non-ASCII byte decides, and one met after a detection
/// still changes the encoding (the input is decoded again).
#[test]
fn detection_and_meta() {
    let doc = parse_html_bytes(b"<p>plain ASCII", &ParseOptions::new()).unwrap();
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1252 (default)"
    );

    let mut page = b"<p>".to_vec();
    page.resize(1500, b'.');
    page.extend_from_slice(b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4");
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "KOI8-R (meta)");
    assert!(doc.text().ends_with("Привет"));

    // Detected as windows-1251 first; the meta past it says KOI8-R.
    let mut page = b"<p>".to_vec();
    page.resize(1500, b'.');
    page.extend_from_slice(b"<p>\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0<meta charset=koi8-r>");
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "KOI8-R (meta)");
    for chunk in [1, 1500, 1510] {
        assert_eq!(
            streamed(&page, chunk).to_html(),
            doc.to_html(),
            "pieces of {chunk}"
        );
    }
    // A meta naming the encoding already in use is now its source.
    let mut page = b"<p>".to_vec();
    page.resize(1500, b'.');
    page.extend_from_slice(b"<meta charset=windows-1252><p>caf\xe9");
    let doc = parse_html_bytes(&page, &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "windows-1252 (meta)");
    assert_eq!(doc.text(), format!("{}café", ".".repeat(1497)));
    // A hint changes nothing once a page declares its encoding.
    let hinted = ParseOptions::new().page_host("example.jp");
    let doc = parse_html_bytes(b"<meta charset=utf-8><p>caf\xc3\xa9", &hinted).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (meta)");
    // Without a declaration the hint goes to the detector, which decides
    // the same fed one byte at a time as given in one piece.
    let page = b"<p>\xe9";
    let doc = parse_html_bytes(page, &hinted).unwrap();
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1252 (detected)"
    );
    assert_eq!(doc.text(), "é");
    let fed = streamed_with(page, 1, &hinted);
    assert_eq!(fed.encoding(), doc.encoding());
    assert_eq!(fed.to_html(), doc.to_html());
}
