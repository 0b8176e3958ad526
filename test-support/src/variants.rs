//! Variants of the carried pages that stress the bytes path: where the
//! encoding is declared, whether the bytes are ASCII, how large the page is,
//! and which encoding the bytes are in.
//!
//! Real crawls bring pages whose `<meta charset>` stands past the first
//! 1,024 bytes (after inline scripts, comments and style sheets), pages
//! that are all ASCII until deep in, pages with a byte order mark and
//! pages with no declaration, in megabytes and in legacy encodings. The
//! carried pages are mostly UTF-8 with the declaration near the top, so
//! each is turned here into every [`Shape`] in every one of [`encodings`],
//! each [`Variant`] with the encoding and [`EncodingSource`] its document
//! must report ([`Expected`]).
//!
//! How a variant is made from a page:
//!
//! 1. The page's own declarations are removed: every `<meta>` tag whose
//!    text says `charset` (`<meta charset>` and `<meta http-equiv=
//!    "Content-Type">`), wherever it is (in a script's string too, which
//!    the standard's prescan would read), and a leading XML declaration.
//! 2. A `<meta charset="NAME">` naming the variant's encoding goes in where
//!    the shape says: right after the `<head>` start tag, or after padding
//!    that pushes it past the first 1,024, 8,192 or 65,536 bytes. The
//!    padding is what real pages have there: a comment and an inline
//!    script, whose text is taken from the page itself (non-ASCII
//!    included, unless the shape wants the bytes before the `<meta>` all
//!    ASCII), without the characters that could end or escape them.
//! 3. The text is encoded: with encoding_rs for UTF-8, windows-1252,
//!    windows-1251, Shift_JIS and GB18030, a character the encoding lacks
//!    becoming a decimal numeric character reference (`&#20013;`) as
//!    encoding_rs writes it; and as UTF-16LE code units for UTF-16LE
//!    (encoding_rs encodes UTF-16 text as UTF-8).
//!
//! UTF-16LE: the standard reads a `<meta>` that declares UTF-16 as UTF-8
//! (the prescan and the parser only see such a `<meta>` in an
//! ASCII-compatible byte stream), so only a byte order mark makes a
//! document UTF-16LE. Every UTF-16LE variant but [`Shape::Undeclared`]
//! therefore starts with the byte order mark FF FE (its `<meta>`, declaring
//! UTF-16LE, changes nothing) and must report UTF-16LE from
//! [`EncodingSource::Bom`]. Undeclared UTF-16LE bytes are what a server
//! sends when it drops the mark: every ASCII character is followed by a
//! zero byte, which is ASCII too, so the document is windows-1252 by
//! default when the page is ASCII and whatever the detector guesses (never
//! UTF-16) when it is not.
//!
//! ```
//! use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
//! use htmldict::encoding_rs::SHIFT_JIS;
//! use htmldict_test_support::variants::{Expected, Shape, variant};
//!
//! let page = "<!doctype html><html><head><meta charset=utf-8><title>日本</title></head>\
//!             <body><p>語</p></body></html>";
//! let v = variant("tiny.html", page, Shape::AsciiBeforeMeta, SHIFT_JIS);
//! assert_eq!(v.name, "tiny.html ascii-before-meta Shift_JIS");
//! // The page's own declaration is gone, the variant's starts at byte 1,024.
//! let meta = |bytes: &[u8]| bytes.windows(6).position(|w| w == b"<meta ");
//! assert_eq!(meta(&v.bytes), Some(1024));
//! assert_eq!(meta(&v.bytes[1025..]), None);
//! assert_eq!(v.expected, Expected::Exactly(SHIFT_JIS, EncodingSource::Meta));
//!
//! let doc = parse_html_bytes(&v.bytes, &ParseOptions::new()).unwrap();
//! assert!(v.expected.holds_for(doc.encoding().unwrap()));
//! assert!(doc.text().contains("日本"));
//! ```

use std::fmt;

use htmldict::encoding_rs::{
    Encoding, GB18030, SHIFT_JIS, UTF_8, UTF_16LE, WINDOWS_1251, WINDOWS_1252,
};
use htmldict::{DocumentEncoding, EncodingSource};

/// The encodings every shape is written in.
pub fn encodings() -> [&'static Encoding; 6] {
    [
        UTF_8,
        WINDOWS_1252,
        WINDOWS_1251,
        SHIFT_JIS,
        GB18030,
        UTF_16LE,
    ]
}

/// What a variant does to its page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The `<meta charset>` after padding that makes it start past this
    /// many bytes (exactly there when what precedes it is ASCII), so that
    /// the prescan of the first 1,024 bytes does not see it and the parser
    /// meets it while the encoding is still tentative.
    MetaAfter(usize),
    /// Every non-ASCII character of the page removed, and the `<meta>` past
    /// 1,024 bytes: nothing for the detector, the default decoding until
    /// the `<meta>`.
    AllAscii,
    /// The `<meta>` past 1,024 bytes after ASCII padding, the page's
    /// non-ASCII characters only after it.
    AsciiBeforeMeta,
    /// A byte order mark in front and the `<meta>` right after `<head>`.
    /// UTF-8's mark, also in front of the legacy encodings' bytes (a page
    /// saved with the wrong editor setting): the mark wins, and the
    /// document is UTF-8 however its `<meta>` disagrees.
    Bom,
    /// No declaration and no byte order mark: detection decides.
    Undeclared,
    /// The `<meta>` right after `<head>`, and the body's content repeated,
    /// whole copies and then a part cut before a `<`, to at most this many
    /// bytes in the variant's encoding (at least one whole copy).
    Repeated(usize),
}

impl Shape {
    /// Every shape, in the order [`variants`] gives them.
    pub const ALL: [Shape; 9] = [
        Shape::MetaAfter(1024),
        Shape::MetaAfter(8192),
        Shape::MetaAfter(65536),
        Shape::AllAscii,
        Shape::AsciiBeforeMeta,
        Shape::Bom,
        Shape::Undeclared,
        Shape::Repeated(1_000_000),
        Shape::Repeated(4_000_000),
    ];

    /// Whether the variant is about the size of its page (not repeated).
    pub fn is_page_size(self) -> bool {
        !matches!(self, Shape::Repeated(_))
    }
}

impl fmt::Display for Shape {
    /// `meta-after-8192`, `all-ascii`, `repeated-4mb`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::MetaAfter(at) => write!(f, "meta-after-{at}"),
            Shape::AllAscii => f.write_str("all-ascii"),
            Shape::AsciiBeforeMeta => f.write_str("ascii-before-meta"),
            Shape::Bom => f.write_str("bom"),
            Shape::Undeclared => f.write_str("undeclared"),
            Shape::Repeated(bytes) if bytes % 1_000_000 == 0 => {
                write!(f, "repeated-{}mb", bytes / 1_000_000)
            }
            Shape::Repeated(bytes) => write!(f, "repeated-{bytes}"),
        }
    }
}

/// Variants per page: every shape in every encoding.
pub const PER_PAGE: usize = Shape::ALL.len() * 6;

/// What the document of a variant must say about its encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// This encoding, for this reason.
    Exactly(&'static Encoding, EncodingSource),
    /// [`EncodingSource::Detected`], with whatever the detector guesses
    /// (which depends on the page's text): a caller can only hold every way
    /// of parsing the bytes to the same guess.
    Detected,
}

impl Expected {
    /// Whether `got` is what is expected.
    pub fn holds_for(self, got: DocumentEncoding) -> bool {
        match self {
            Expected::Exactly(encoding, source) => {
                got.encoding() == encoding && got.source() == source
            }
            Expected::Detected => got.source() == EncodingSource::Detected,
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Exactly(encoding, source) => write!(f, "{} ({source})", encoding.name()),
            Expected::Detected => f.write_str("any encoding (detected)"),
        }
    }
}

/// One page made into one shape in one encoding.
#[derive(Clone, Debug)]
pub struct Variant {
    /// `PAGE SHAPE ENCODING`, as `bbc-1.html meta-after-8192 Shift_JIS`.
    pub name: String,
    /// The carried page's file name.
    pub page: String,
    pub shape: Shape,
    /// The encoding the text was written in (not always the one the
    /// document reports: see [`Shape::Bom`] and [`Shape::Undeclared`]).
    pub encoding: &'static Encoding,
    pub bytes: Vec<u8>,
    pub expected: Expected,
}

/// Every variant of one page: [`Shape::ALL`] in every one of
/// [`encodings`], [`PER_PAGE`] in all, in that order.
pub fn variants(page: &str, html: &str) -> Vec<Variant> {
    let prepared = Prepared::new(html);
    let mut out = Vec::with_capacity(PER_PAGE);
    for shape in Shape::ALL {
        for encoding in encodings() {
            out.push(prepared.variant(page, shape, encoding));
        }
    }
    out
}

/// One variant of one page.
pub fn variant(page: &str, html: &str, shape: Shape, encoding: &'static Encoding) -> Variant {
    Prepared::new(html).variant(page, shape, encoding)
}

/// The variants of `page` up to `max_bytes` long, made one at a time
/// (the repeated ones only when they can fit).
pub fn variants_up_to(page: &str, html: &str, max_bytes: usize) -> Vec<Variant> {
    let prepared = Prepared::new(html);
    let mut out = Vec::new();
    for shape in Shape::ALL {
        if matches!(shape, Shape::Repeated(size) if size > max_bytes) {
            continue;
        }
        for encoding in encodings() {
            let variant = prepared.variant(page, shape, encoding);
            if variant.bytes.len() <= max_bytes {
                out.push(variant);
            }
        }
    }
    out
}

/// What every variant of a page starts from.
struct Prepared {
    /// The page without its declarations.
    undeclared: String,
    /// Where in `undeclared` the `<meta>` goes: after the `<head>` start
    /// tag (or `<html>`, or the doctype, or at the start).
    head: usize,
    /// Where the body's content starts and ends in `undeclared`.
    body: (usize, usize),
}

impl Prepared {
    fn new(html: &str) -> Self {
        // A byte order mark the saved page kept is not part of its text.
        let html = html.strip_prefix('\u{feff}').unwrap_or(html);
        let undeclared = without_declarations(html);
        let head = insertion_point(&undeclared);
        let lower = undeclared.to_ascii_lowercase();
        let start = find_tag(&lower, "body", head)
            .and_then(|at| lower[at..].find('>').map(|end| at + end + 1))
            .unwrap_or(head);
        let end = lower
            .rfind("</body")
            .filter(|&end| end >= start)
            .unwrap_or(lower.len());
        Prepared {
            undeclared,
            head,
            body: (start, end),
        }
    }

    fn variant(&self, page: &str, shape: Shape, encoding: &'static Encoding) -> Variant {
        let text = &self.undeclared;
        let meta = format!("<meta charset=\"{}\">", encoding.name());
        let (before, after) = text.split_at(self.head);
        let bytes = match shape {
            Shape::MetaAfter(at) => {
                let padding = padding(at, before, text, false);
                encode(&[before, &padding, &meta, after].concat(), encoding)
            }
            Shape::AllAscii => {
                let ascii: String = text.chars().filter(char::is_ascii).collect();
                let (before, after) = ascii.split_at(insertion_point(&ascii));
                let padding = padding(1024, before, &ascii, true);
                encode(&[before, &padding, &meta, after].concat(), encoding)
            }
            Shape::AsciiBeforeMeta => {
                let before: String = before.chars().filter(char::is_ascii).collect();
                let padding = padding(1024, &before, text, true);
                encode(&[&before, &padding, &meta, after].concat(), encoding)
            }
            Shape::Bom => {
                let mut bytes = if encoding == UTF_16LE {
                    Vec::new()
                } else {
                    vec![0xEF, 0xBB, 0xBF]
                };
                bytes.extend(encode(&[before, &meta, after].concat(), encoding));
                bytes
            }
            Shape::Undeclared => {
                // No mark, also in UTF-16LE.
                encode_part(text, encoding)
            }
            Shape::Repeated(size) => self.repeated(&meta, size, encoding),
        };
        let expected = expected(shape, encoding, &bytes);
        Variant {
            name: format!("{page} {shape} {}", encoding.name()),
            page: page.to_owned(),
            shape,
            encoding,
            bytes,
            expected,
        }
    }

    /// The page with `meta` after `<head>` and its body's content repeated
    /// to at most `size` bytes (see [`Shape::Repeated`]).
    fn repeated(&self, meta: &str, size: usize, encoding: &'static Encoding) -> Vec<u8> {
        let text = &self.undeclared;
        let (start, end) = self.body;
        let head = encode(
            &[&text[..self.head], meta, &text[self.head..start]].concat(),
            encoding,
        );
        let body = encode_part(&text[start..end], encoding);
        let tail = encode_part(&text[end..], encoding);
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(&head);
        out.extend_from_slice(&body);
        while out.len() + body.len() + tail.len() <= size {
            out.extend_from_slice(&body);
        }
        // Then the longest part of the body that fits, cut before a `<`.
        let room = size.saturating_sub(out.len() + tail.len()).min(body.len());
        let step = if encoding == UTF_16LE { 2 } else { 1 };
        let cut = (0..=room)
            .rev()
            .find(|&at| {
                at % step == 0 && body.get(at) == Some(&b'<') && (step == 1 || body[at + 1] == 0)
            })
            .unwrap_or(0);
        out.extend_from_slice(&body[..cut]);
        out.extend_from_slice(&tail);
        out
    }
}

/// What the document of `shape` in `encoding`, whose bytes are `bytes`,
/// must report.
fn expected(shape: Shape, encoding: &'static Encoding, bytes: &[u8]) -> Expected {
    match shape {
        Shape::Undeclared if bytes.is_ascii() => {
            Expected::Exactly(WINDOWS_1252, EncodingSource::Default)
        }
        // chardetng answers UTF-8 for valid UTF-8 that is not all ASCII.
        Shape::Undeclared if encoding == UTF_8 => {
            Expected::Exactly(UTF_8, EncodingSource::Detected)
        }
        Shape::Undeclared => Expected::Detected,
        _ if encoding == UTF_16LE => Expected::Exactly(UTF_16LE, EncodingSource::Bom),
        Shape::Bom => Expected::Exactly(UTF_8, EncodingSource::Bom),
        _ => Expected::Exactly(encoding, EncodingSource::Meta),
    }
}

/// `text` in `encoding`: UTF-16LE with its byte order mark in front, the
/// others as encoding_rs writes them (a character the encoding lacks as a
/// decimal numeric character reference).
pub fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let mut out = Vec::new();
    if encoding == UTF_16LE {
        out.extend_from_slice(&[0xFF, 0xFE]);
    }
    out.extend(encode_part(text, encoding));
    out
}

/// [`encode`] without a byte order mark: the encodings here keep no state
/// from one character to the next, so parts encoded apart and joined are
/// the whole encoded at once.
fn encode_part(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    if encoding == UTF_16LE {
        return text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    }
    let (bytes, used, _) = encoding.encode(text);
    assert_eq!(used, encoding, "encoding_rs wrote {} instead", used.name());
    bytes.into_owned()
}

/// `page` without the declarations the prescan or the parser could read:
/// a leading XML declaration and every `<meta ...>` whose text says
/// `charset`.
pub fn without_declarations(page: &str) -> String {
    let lower = page.to_ascii_lowercase();
    let mut out = String::with_capacity(page.len());
    let mut kept_from = 0;
    if lower.trim_start().starts_with("<?xml")
        && let Some(end) = lower.find("?>")
    {
        kept_from = end + 2;
    }
    let mut search = kept_from;
    while let Some(at) = lower[search..].find("<meta").map(|i| i + search) {
        let end = lower[at..].find('>').map_or(lower.len(), |i| at + i + 1);
        let tag_ends = matches!(
            lower.as_bytes().get(at + 5),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        );
        if tag_ends && lower[at..end].contains("charset") {
            out.push_str(&page[kept_from..at]);
            kept_from = end;
            search = end;
        } else {
            search = at + 5;
        }
    }
    out.push_str(&page[kept_from..]);
    out
}

/// Where `name`'s start tag begins in `lower` (lower-cased), from `from`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let open = format!("<{name}");
    let mut search = from;
    while let Some(at) = lower[search..].find(&open).map(|i| i + search) {
        let next = lower.as_bytes().get(at + open.len());
        if matches!(
            next,
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        ) {
            return Some(at);
        }
        search = at + open.len();
    }
    None
}

/// Where a `<meta>` goes in `page`: right after its `<head>` start tag, or
/// its `<html>` start tag, or its doctype, or at the start.
fn insertion_point(page: &str) -> usize {
    let lower = page.to_ascii_lowercase();
    let after = |at: usize| lower[at..].find('>').map(|end| at + end + 1);
    find_tag(&lower, "head", 0)
        .and_then(after)
        .or_else(|| find_tag(&lower, "html", 0).and_then(after))
        .or_else(|| lower.find("<!doctype").and_then(after))
        .unwrap_or(0)
}

/// A comment and an inline script that bring `before` to `at` characters
/// (none when it is that long already), so that what follows starts at
/// byte `at` or later in every encoding. Their text comes from `source`,
/// from its first non-ASCII character on (ASCII only if `ascii`), without
/// the characters that could end or escape a comment or a script.
fn padding(at: usize, before: &str, source: &str, ascii: bool) -> String {
    const OPEN_COMMENT: &str = "<!-- ";
    const CLOSE_COMMENT: &str = " -->\n";
    const OPEN_SCRIPT: &str = "<script>\nvar padding = \"";
    const CLOSE_SCRIPT: &str = "\";\n</script>\n";
    let overhead =
        OPEN_COMMENT.len() + CLOSE_COMMENT.len() + OPEN_SCRIPT.len() + CLOSE_SCRIPT.len();
    let wanted = at.saturating_sub(before.chars().count());
    if wanted < overhead + 2 {
        return "\n".repeat(wanted);
    }
    let usable = |c: &char| {
        !matches!(c, '<' | '>' | '-' | '!' | '&' | '"' | '\\')
            && !c.is_control()
            && (!ascii || c.is_ascii())
    };
    let mut filtered: String = source.chars().filter(usable).collect();
    if filtered.is_empty() {
        filtered.push('x');
    }
    let start = filtered.find(|c: char| !c.is_ascii()).unwrap_or(0);
    let mut fill = filtered[start..].chars().chain(filtered.chars().cycle());
    let text = wanted - overhead;
    let comment: String = fill.by_ref().take(text / 4).collect();
    let script: String = fill.take(text - text / 4).collect();
    [
        OPEN_COMMENT,
        &comment,
        CLOSE_COMMENT,
        OPEN_SCRIPT,
        &script,
        CLOSE_SCRIPT,
    ]
    .concat()
}
