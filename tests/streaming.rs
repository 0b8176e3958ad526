//! The streaming parser builds the tree a one-shot parse builds, however
//! the input is split: every carried page cut at 50 random positions, and
//! small inputs cut at every position, as text and as bytes. And limits
//! hold when the input comes in pieces.

use std::sync::Arc;

use htmldict::{
    Document, Limit, Limits, ParseError, ParseOptions, Parser, PerDocumentDictionary, parse_html,
    parse_html_bytes,
};
use htmldict_test_support::rng::XorShift64Star;

/// `count` cut positions in `0..=len`, sorted, repeats allowed (they make
/// empty pieces, which must change nothing either).
fn random_cuts(rng: &mut XorShift64Star, len: usize, count: usize) -> Vec<usize> {
    let mut cuts: Vec<usize> = (0..count).map(|_| rng.below(len + 1)).collect();
    cuts.sort_unstable();
    cuts
}

fn pieces<'a>(input: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &cut in cuts {
        pieces.push(&input[start..cut]);
        start = cut;
    }
    pieces.push(&input[start..]);
    pieces
}

fn stream_bytes(pieces: &[&[u8]], options: &ParseOptions) -> Document {
    let mut parser = Parser::new(options);
    for piece in pieces {
        parser.feed_bytes(piece).unwrap();
    }
    parser.finish().unwrap()
}

fn stream_text(pieces: &[&[u8]], options: &ParseOptions) -> Document {
    let mut parser = Parser::new(options);
    for piece in pieces {
        parser
            .feed_str(std::str::from_utf8(piece).expect("cut at a char boundary"))
            .unwrap();
    }
    parser.finish().unwrap()
}

/// The serialisations a split parse must reproduce byte for byte.
fn fingerprint(doc: &Document) -> (String, String, Option<htmldict::DocumentEncoding>) {
    (doc.to_html(), doc.html5lib_tree(), doc.encoding())
}

fn assert_same(
    split: &Document,
    whole: &(String, String, Option<htmldict::DocumentEncoding>),
    what: &dyn Fn() -> String,
) {
    let got = fingerprint(split);
    if got.2 != whole.2 {
        panic!("{}: encoding {:?}, one-shot {:?}", what(), got.2, whole.2);
    }
    if got.0 != whole.0 || got.1 != whole.1 {
        let at = got
            .1
            .bytes()
            .zip(whole.1.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(got.1.len().min(whole.1.len()));
        let from = at.saturating_sub(200);
        panic!(
            "{}: trees differ at byte {at} of the dump\nsplit:\n{}\none-shot:\n{}",
            what(),
            got.1.get(from..(at + 200).min(got.1.len())).unwrap_or(""),
            whole
                .1
                .get(from..(at + 200).min(whole.1.len()))
                .unwrap_or(""),
        );
    }
}

// ---------------------------------------------------------------------------
// Carried pages, 50 random cuts each.

fn crlf(page: &str) -> String {
    page.replace('\n', "\r\n")
}

#[test]
fn carried_pages_split_at_50_random_positions() {
    let options = ParseOptions::new().limits(Limits::none());
    let mut rng = XorShift64Star::new(0x5EED_CAFE_F00D_1234);
    let mut pages = htmldict_test_support::data::carried_pages();
    // Two pages again with CRLF line ends, so that cuts fall between CR and LF.
    for (name, page) in pages.clone().iter().take(2) {
        pages.push((format!("{name} (CRLF)"), crlf(page)));
    }
    for (name, page) in &pages {
        let bytes = page.as_bytes();
        // Text: cuts moved back to a char boundary.
        let whole = fingerprint(&parse_html(page, &options).unwrap());
        let cuts: Vec<usize> = random_cuts(&mut rng, bytes.len(), 50)
            .into_iter()
            .map(|mut cut| {
                while !page.is_char_boundary(cut) {
                    cut -= 1;
                }
                cut
            })
            .collect();
        let split = stream_text(&pieces(bytes, &cuts), &options);
        assert_same(&split, &whole, &|| {
            format!("{name} as text, cut at {cuts:?}")
        });
        // Bytes: cuts anywhere.
        let whole = fingerprint(&parse_html_bytes(bytes, &options).unwrap());
        let cuts = random_cuts(&mut rng, bytes.len(), 50);
        let split = stream_bytes(&pieces(bytes, &cuts), &options);
        assert_same(&split, &whole, &|| {
            format!("{name} as bytes, cut at {cuts:?}")
        });
    }
    println!("{} pages, each split as text and as bytes", pages.len());
}

// ---------------------------------------------------------------------------
// Small inputs, every cut.

/// Text inputs, also parsed as their UTF-8 bytes.
fn small_texts() -> Vec<(&'static str, String)> {
    let mut late_meta = String::from("<!DOCTYPE html><title>Łódź</title><!-- ");
    late_meta.push_str(&"x".repeat(1100));
    late_meta.push_str(" --><meta charset=utf-8><p>Łódź 日本 🎉</p>");
    vec![
        (
            "utf-8 with meta",
            "<!DOCTYPE html><html lang=fr><head><meta charset=\"utf-8\"><title>Café 日本</title></head>\
             <body><p class=\"é\" title='日本語'>Hé 日本 🎉🇫🇷 x</p><!-- 🎉 --></body></html>"
                .to_owned(),
        ),
        (
            "utf-8 without meta",
            "<p>naïve façade — 日本語のテキスト 🎉 end</p><textarea>\n日本</textarea>".to_owned(),
        ),
        (
            "crlf",
            "<!DOCTYPE html>\r\n<html>\r\n<head>\r\n<title>a\r\nb</title>\r\n</head>\r\n\
             <body>\r\n<pre>\r\n\r\nfirst</pre>\r\n<textarea>\r\nx\r\r\ny\r</textarea>\r\n\
             <p title=\"a\r\nb\">c\rd\r\r\ne</p><!--\r\n-->\r\n<script>\r\nvar a;\r\n</script>\r\n\
             <svg><![CDATA[\r\nz\r\n]]></svg>\r"
                .to_owned(),
        ),
        (
            "bom",
            "\u{feff}<!DOCTYPE html><p>after a byte order mark: é 日本".to_owned(),
        ),
        (
            "markup cut anywhere",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><head>\
             <style>p > b { color: red }</style><script>if (a < b && c) { d('</scr' + 'ipt>') }</script>\
             </head><body><p>&amp; &notin; &notit; &ampx &#x1F600; &#128512; &#0; &#xD800; &lt</p>\
             <table><tr><td>cell<td>two</table><a href='?a=1&b=2&copy=3'>link</a>\
             <svg viewBox=\"0 0 1 1\"><foreignObject><p>in</p></foreignObject><path d=\"M0\"/></svg>\
             <math><mi>x</mi></math><template><tr><td>t</template>\
             <p>a\u{feff}b \u{0}nul</p><plaintext><p>plain</p>"
                .to_owned(),
        ),
        ("late meta", late_meta),
    ]
}

/// Byte inputs with their own encodings.
fn small_bytes() -> Vec<(&'static str, Vec<u8>, ParseOptions)> {
    let plain = ParseOptions::new();
    let mut shift_jis = b"<html><head><meta charset=\"shift_jis\"><title>".to_vec();
    shift_jis.extend_from_slice(b"\x93\xfa\x96\x7b\x8c\xea"); // 日本語
    shift_jis.extend_from_slice(b"</title></head><body><p title=\"\x83\x65\x83\x58\x83\x67\">");
    shift_jis.extend_from_slice(b"\x82\xa0\x82\xa2\x82\xa4 \x5c \x7e</p></body></html>");
    let mut cp1251 = b"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" \
                       content=\"text/html; charset=windows-1251\"><title>"
        .to_vec();
    cp1251.extend_from_slice(
        b"\xcf\xf0\xe8\xe2\xe5\xf2</title></head><body><p>\xcc\xe8\xf0 \xb9 \x96</p>",
    );
    let mut late_sjis = b"<!DOCTYPE html><p>\x93\xfa\x96\x7b</p><!-- ".to_vec();
    late_sjis.resize(1300, b'-');
    late_sjis.extend_from_slice(b" --><meta charset=shift_jis><p>\x93\xfa\x96\x7b</p>");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "<p>UTF-16 日本 🎉\r\n</p>".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let malformed =
        b"<p>a\xffb\xc3(c\xe6\x97\xa5\xe6\x97</p>\xf0\x9f\x8e\xe9\r\n\xed\xa0\x80z\xf0\x9f"
            .to_vec();
    vec![
        ("shift_jis meta", shift_jis, plain.clone()),
        ("windows-1251 http-equiv", cp1251, plain.clone()),
        ("late shift_jis meta", late_sjis, plain.clone()),
        ("utf-16le bom", utf16, plain.clone()),
        (
            "malformed utf-8",
            malformed,
            ParseOptions::new().transport_charset("utf-8"),
        ),
    ]
}

/// Parses `input` cut at each position in turn (two pieces), and one byte
/// (or char) at a time, and compares each with the one-shot parse.
fn every_cut(name: &str, input: &[u8], options: &ParseOptions, text: bool) -> usize {
    assert!(input.len() <= 2048, "{name} is over 2 KiB");
    let whole = if text {
        fingerprint(&parse_html(std::str::from_utf8(input).unwrap(), options).unwrap())
    } else {
        fingerprint(&parse_html_bytes(input, options).unwrap())
    };
    let stream = |pieces: &[&[u8]]| {
        if text {
            stream_text(pieces, options)
        } else {
            stream_bytes(pieces, options)
        }
    };
    let boundaries: Vec<usize> = (0..=input.len())
        .filter(|&i| !text || std::str::from_utf8(input).unwrap().is_char_boundary(i))
        .collect();
    let kind = if text { "text" } else { "bytes" };
    for &cut in &boundaries {
        let split = stream(&pieces(input, &[cut]));
        assert_same(&split, &whole, &|| {
            format!("{name} as {kind}, cut at {cut}")
        });
    }
    let one_by_one = pieces(input, &boundaries);
    assert_same(&stream(&one_by_one), &whole, &|| {
        format!("{name} as {kind}, one piece per position")
    });
    boundaries.len()
}

#[test]
fn small_inputs_split_at_every_position() {
    let options = ParseOptions::new();
    let mut splits = 0;
    for (name, text) in small_texts() {
        splits += every_cut(name, text.as_bytes(), &options, true);
        splits += every_cut(name, text.as_bytes(), &options, false);
    }
    for (name, bytes, options) in small_bytes() {
        splits += every_cut(name, &bytes, &options, false);
    }
    println!("{splits} splits");
}

#[test]
fn small_inputs_decode_as_declared() {
    let text = |bytes: &[u8], options: &ParseOptions| {
        let doc = parse_html_bytes(bytes, options).unwrap();
        (doc.encoding().unwrap().to_string(), doc.text())
    };
    let inputs = small_bytes();
    assert_eq!(
        text(&inputs[0].1, &inputs[0].2),
        (
            "Shift_JIS (meta)".to_owned(),
            "日本語あいう \\ ~".to_owned()
        )
    );
    assert_eq!(
        text(&inputs[1].1, &inputs[1].2),
        ("windows-1251 (meta)".to_owned(), "ПриветМир № –".to_owned())
    );
    let (encoding, late) = text(&inputs[2].1, &inputs[2].2);
    assert_eq!(encoding, "Shift_JIS (meta)");
    assert!(late.starts_with("日本") && late.ends_with("日本"), "{late}");
    assert_eq!(
        text(&inputs[3].1, &inputs[3].2),
        ("UTF-16LE (bom)".to_owned(), "UTF-16 日本 🎉\n".to_owned())
    );
    let (encoding, malformed) = text(&inputs[4].1, &inputs[4].2);
    assert_eq!(encoding, "UTF-8 (transport)");
    assert_eq!(
        malformed,
        "a\u{fffd}b\u{fffd}(c日\u{fffd}\u{fffd}\u{fffd}\n\u{fffd}\u{fffd}\u{fffd}z\u{fffd}"
    );
    // As text, the late meta page keeps its text; as bytes, UTF-8 is found
    // past the first 1,024 bytes and the page is decoded again.
    let late_meta = &small_texts()[5].1;
    let doc = parse_html_bytes(late_meta.as_bytes(), &ParseOptions::new()).unwrap();
    assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (meta)");
    assert_eq!(
        doc.text(),
        parse_html(late_meta, &ParseOptions::new()).unwrap().text()
    );
}

/// Pages stitched together at random from pieces that matter to sniffing
/// and decoding: metas (some past the first 1,024 bytes), labels, comments,
/// byte order marks, CRs, and bytes that are malformed in most encodings.
#[test]
fn random_byte_soup_splits_like_the_whole() {
    const LABELS: &[&str] = &[
        "utf-8",
        "shift_jis",
        "koi8-r",
        "utf-16",
        "iso-2022-jp",
        "x-user-defined",
        "windows-1252",
        "bogus",
    ];
    const PARTS: &[&[u8]] = &[
        b"<meta charset=",
        b"'>",
        b">",
        b"\"",
        b"<!--",
        b"-->",
        b"<p title=",
        b"</p>",
        b"<?xml encoding='euc-jp'?>",
        b"<script>",
        b"</script>",
        b"\r",
        b"\r\n",
        b"\xef\xbb\xbf",
        b"\x93\xfa",
        b"\xe6\x97\xa5",
        b"\x1b$B",
        b"\xc3",
        b"\x80",
        b"&amp;",
        b"&#x1F600;",
        b"text ",
    ];
    let mut rng = XorShift64Star::new(0x0DDB_A115_EED5_0001);
    for round in 0..2000 {
        let mut page = Vec::new();
        let target = rng.below(3000);
        while page.len() < target {
            let label = *rng.pick(LABELS);
            match rng.below(8) {
                0 => page.resize(page.len() + rng.below(400), b'x'),
                1 => page.extend_from_slice(format!("<meta charset={label}>").as_bytes()),
                2 => page.extend_from_slice(
                    format!("<meta http-equiv=content-type content='text/html; charset={label}'>")
                        .as_bytes(),
                ),
                _ => page.extend_from_slice(rng.pick::<&[u8]>(PARTS)),
            }
        }
        let options = if round % 5 == 0 {
            ParseOptions::new().transport_charset("utf-8")
        } else {
            ParseOptions::new()
        };
        let whole = fingerprint(&parse_html_bytes(&page, &options).unwrap());
        let count = 1 + rng.below(20);
        let cuts = random_cuts(&mut rng, page.len(), count);
        let split = stream_bytes(&pieces(&page, &cuts), &options);
        assert_same(&split, &whole, &|| {
            format!(
                "round {round}: {:?} cut at {cuts:?}",
                String::from_utf8_lossy(&page)
            )
        });
    }
}

#[test]
fn a_crlf_cut_between_cr_and_lf_is_one_newline() {
    let options = ParseOptions::new();
    let mut parser = Parser::new(&options);
    parser.feed_str("<pre>\r").unwrap();
    parser.feed_str("\nfirst\r").unwrap();
    parser.feed_str("\nsecond</pre>").unwrap();
    let doc = parser.finish().unwrap();
    assert_eq!(doc.text(), "first\nsecond");
}

// ---------------------------------------------------------------------------
// Limits through feed and finish.

fn expect_limit(result: Result<(), ParseError>, limit: Limit) -> ParseError {
    match result {
        Err(error @ ParseError::LimitExceeded { limit: met, .. }) if met == limit => error,
        other => panic!("expected {limit:?}, got {other:?}"),
    }
}

#[test]
fn input_bytes_limit_counts_what_is_fed() {
    let options = ParseOptions::new().limits(Limits {
        max_input_bytes: 100,
        ..Limits::default()
    });
    for bytes_mode in [true, false] {
        let mut parser = Parser::new(&options);
        let feed = |parser: &mut Parser, s: &str| {
            if bytes_mode {
                parser.feed_bytes(s.as_bytes())
            } else {
                parser.feed_str(s)
            }
        };
        for _ in 0..10 {
            feed(&mut parser, "<p>0123456").unwrap();
        }
        assert!(
            format!("{parser:?}").contains("received: 100"),
            "{parser:?}"
        );
        let error = expect_limit(feed(&mut parser, "x"), Limit::InputBytes);
        assert_eq!(
            error,
            ParseError::LimitExceeded {
                limit: Limit::InputBytes,
                max: 100,
                value: 101
            }
        );
        // Every later call gives the same error, without looking at its input.
        assert_eq!(feed(&mut parser, "").unwrap_err(), error);
        assert_eq!(parser.feed_bytes(&vec![b'a'; 1 << 20]).unwrap_err(), error);
        assert_eq!(parser.finish().unwrap_err(), error);
    }
    // The one-shot functions count the same bytes.
    let page = "<p>é".repeat(20); // 100 bytes of UTF-8
    assert!(parse_html(&page, &options).is_ok());
    assert!(parse_html_bytes(page.as_bytes(), &options).is_ok());
    let over = format!("{page} ");
    assert!(parse_html_bytes(over.as_bytes(), &options).is_err());
    // Raw bytes count, not decoded ones: 100 windows-1252 bytes decode to
    // 200 bytes of UTF-8.
    assert!(parse_html_bytes(&[0xE9; 100], &options).is_ok());
}

#[test]
fn tree_limits_stop_the_stream() {
    let options = ParseOptions::new().limits(Limits {
        max_depth: 30,
        max_nodes: 10_000,
        ..Limits::default()
    });
    for bytes_mode in [true, false] {
        let mut parser = Parser::new(&options);
        let mut fed = 0;
        let error = loop {
            let result = if bytes_mode {
                parser.feed_bytes(b"<div>")
            } else {
                parser.feed_str("<div>")
            };
            fed += 1;
            if let Err(error) = result {
                break error;
            }
            assert!(fed < 10_000, "no error after {fed} pieces");
        };
        assert_eq!(
            error,
            ParseError::LimitExceeded {
                limit: Limit::Depth,
                max: 30,
                value: 31
            }
        );
        // Bytes wait for 1,024 of them before parsing; text parses at once.
        if bytes_mode {
            assert!(fed <= 1024 / 5 + 1, "{fed}");
        } else {
            assert_eq!(fed, 29);
        }
        assert_eq!(parser.feed_str("<p>").unwrap_err(), error);
        assert_eq!(parser.finish().unwrap_err(), error);
    }
    // A limit met only at the end is reported by finish.
    let mut parser = Parser::new(&options);
    parser.feed_bytes(&b"<b>".repeat(40)).unwrap();
    let error = parser.finish().unwrap_err();
    assert!(
        matches!(
            error,
            ParseError::LimitExceeded {
                limit: Limit::Depth,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn nodes_limit_through_feed() {
    let options = ParseOptions::new().limits(Limits {
        max_nodes: 100,
        ..Limits::default()
    });
    let mut parser = Parser::new(&options.clone().transport_charset("utf-8"));
    let mut result = Ok(());
    for _ in 0..100 {
        result = parser.feed_bytes(b"<p>a</p>");
        if result.is_err() {
            break;
        }
    }
    let error = expect_limit(result, Limit::Nodes);
    assert_eq!(parser.finish().unwrap_err(), error);
}

#[test]
fn refused_and_abandoned_parses_give_names_back() {
    let dict = Arc::new(PerDocumentDictionary::new());
    let options = ParseOptions::new().dictionary(dict.clone()).limits(Limits {
        max_depth: 10,
        ..Limits::default()
    });
    let deep = "<custom-element-one><custom-element-two>".repeat(20);
    assert!(parse_html(&deep, &options).is_err());
    assert_eq!(dict.stats().entries, 0);
    let mut parser = Parser::new(&options);
    parser
        .feed_str("<custom-element-one><custom-element-two>")
        .unwrap();
    assert_eq!(dict.stats().entries, 2);
    drop(parser);
    assert_eq!(dict.stats().entries, 0);
    // A page parsed twice (a late meta) holds the names of the second pass only.
    let mut page = b"<custom-element-one>\xe9<!--".to_vec();
    page.resize(1500, b'-');
    page.extend_from_slice(b"--><meta charset=koi8-r><custom-element-two>");
    let doc = parse_html_bytes(&page, &options).unwrap();
    assert_eq!(doc.encoding().unwrap().name(), "KOI8-R");
    assert_eq!(dict.stats().entries, 2);
    drop(doc);
    assert_eq!(dict.stats().entries, 0);
}

#[test]
fn text_and_bytes_do_not_mix() {
    let mut parser = Parser::new(&ParseOptions::new());
    parser.feed_bytes(b"<p>one").unwrap();
    assert_eq!(parser.feed_str("<p>two"), Err(ParseError::MixedInput));
    // The refused call changed nothing.
    parser.feed_bytes(b"<p>three").unwrap();
    assert_eq!(parser.finish().unwrap().text(), "onethree");
}
