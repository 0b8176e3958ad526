//! Fuzzing seeds at page size: each carried page, whole, and its
//! [`variants`](mod@crate::variants) up to a length (1 MiB for the fuzzers,
//! which take `-max_len=1048576`), behind the option bytes each target
//! reads (see [`checks`](crate::checks) and
//! [`differential`](crate::differential)).
//!
//! libFuzzer's inputs are at most 4,096 bytes unless told otherwise, and
//! mutations of the small committed seeds (`fuzz/seeds/<target>/`) rarely
//! grow into a page whose `<meta>` stands past the first kilobyte; these
//! seeds start the fuzzers from the sizes and shapes crawls bring. They are
//! derived from the carried pages, so they are generated
//! (`cargo run --release --example fuzz_seeds` writes them into
//! `fuzz/seeds-pages/<target>/`) and not committed.
//!
//! What each target gets:
//!
//! * `parse_bytes`: default options, no transport charset and no page host
//!   ([`NO_TRANSPORT`]), then the bytes: the page and every variant, in
//!   every encoding;
//! * `stream`: the same, fed as bytes in chunks of 7 and 255 bytes in turn;
//!   and the page as text (bit 7) in the same chunks;
//! * `parse_str`, `tokens`: default options (the data state for `tokens`),
//!   then the page and its UTF-8 variants (these targets read their input
//!   as UTF-8 text, so the other encodings would only bring U+FFFD);
//! * `select`: default options, a selector of [`SELECTORS`] (in turn), a
//!   NUL, then the same texts as `parse_str`;
//! * `soup`: a generator seed, a document without options, the text
//!   spliced in after the first generated piece, then the same texts;
//! * `tree`: a document with scripting on (byte 0 is 2), then the same
//!   texts.
//!
//! ```
//! use htmldict_test_support::seeds::{TARGETS, seeds};
//!
//! let page = "<!doctype html><html><head><title>t</title></head><body><p>café</p></body></html>";
//! let all = seeds("p.html", page, 1 << 20);
//! for target in TARGETS {
//!     assert!(all.iter().any(|seed| seed.target == target));
//! }
//! let bytes = all.iter().find(|s| s.target == "parse_bytes" && s.name == "p.page").unwrap();
//! assert_eq!(&bytes.bytes[2..], page.as_bytes());
//! // The repetitions to 4 MB are over the length asked for.
//! assert!(all.iter().all(|seed| seed.bytes.len() <= 1 << 20));
//! ```

use htmldict::encoding_rs::UTF_8;

use crate::checks::{CHARSETS, HOSTS, charset};
use crate::variants::{self, Variant};

/// The fuzz targets, as `fuzz/fuzz_targets/<target>.rs` names them.
pub const TARGETS: [&str; 7] = [
    "parse_str",
    "parse_bytes",
    "stream",
    "select",
    "tokens",
    "soup",
    "tree",
];

/// The longest input the fuzzers are run with (`-max_len`), and so the
/// longest seed worth writing.
pub const MAX_LEN: usize = 1 << 20;

/// The transport byte of `parse_bytes` and `stream` that gives no transport
/// charset and no page host (see [`checks::with_transport`](crate::checks::with_transport)).
pub const NO_TRANSPORT: u8 = no_transport();

const fn no_transport() -> u8 {
    // `byte % (CHARSETS.len() + 1)` past the charsets, `byte / (...)` past
    // the hosts.
    let stride = CHARSETS.len() + 1;
    (HOSTS.len() * stride + CHARSETS.len()) as u8
}

/// The chunk lengths of the `stream` seeds, used in turn.
pub const STREAM_CHUNKS: [u8; 2] = [7, 255];

/// The selectors of the `select` seeds, one per seed in turn.
pub const SELECTORS: [&str; 8] = [
    "a[href]",
    "div > p",
    "meta[charset], meta[http-equiv]",
    "script, style",
    "[id]",
    "li:nth-child(2n+1)",
    "head > title",
    "body :not(div)",
];

/// One seed file.
#[derive(Clone, Debug)]
pub struct Seed {
    /// One of [`TARGETS`].
    pub target: &'static str,
    /// A file name: the page's name without `.html`, then `page` or the
    /// variant's shape and encoding, dot-separated
    /// (`bbc-1.meta-after-8192.Shift_JIS`).
    pub name: String,
    /// The option bytes, then the input.
    pub bytes: Vec<u8>,
}

/// Every target's seeds for one page (`html`, named `page`), none longer
/// than `max_len` bytes.
pub fn seeds(page: &str, html: &str, max_len: usize) -> Vec<Seed> {
    let stem = page.strip_suffix(".html").unwrap_or(page);
    // The page as carried, then its variants that fit behind the longest
    // option bytes (the stream target's five).
    let variants = variants::variants_up_to(page, html, max_len.saturating_sub(8));
    let mut inputs: Vec<(String, &[u8], bool)> =
        vec![(format!("{stem}.page"), html.as_bytes(), true)];
    inputs.extend(variants.iter().map(|variant: &Variant| {
        let name = format!("{stem}.{}.{}", variant.shape, variant.encoding.name());
        (name, variant.bytes.as_slice(), variant.encoding == UTF_8)
    }));
    debug_assert!(charset(NO_TRANSPORT).is_none());

    let mut out = Vec::new();
    let mut push = |target: &'static str, name: &str, header: &[u8], input: &[u8]| {
        if header.len() + input.len() <= max_len {
            out.push(Seed {
                target,
                name: name.to_owned(),
                bytes: [header, input].concat(),
            });
        }
    };
    let stream_header = |options: u8| {
        let mut header = vec![options, NO_TRANSPORT, STREAM_CHUNKS.len() as u8];
        header.extend_from_slice(&STREAM_CHUNKS);
        header
    };
    for (k, (name, input, text)) in inputs.iter().enumerate() {
        push("parse_bytes", name, &[0, NO_TRANSPORT], input);
        push("stream", name, &stream_header(0), input);
        if k == 0 {
            push(
                "stream",
                &format!("{name}.text"),
                &stream_header(0x80),
                input,
            );
        }
        if !text {
            continue;
        }
        push("parse_str", name, &[0, 0], input);
        push("tokens", name, &[0, 0], input);
        let selector = SELECTORS[k % SELECTORS.len()];
        push(
            "select",
            name,
            &[&[0, 0], selector.as_bytes(), &[0]].concat(),
            input,
        );
        // A generator seed, a document with no options, the input spliced
        // in after the first generated piece.
        let mut soup = (k as u64 + 1).to_le_bytes().to_vec();
        soup.extend_from_slice(&[0, 1]);
        push("soup", name, &soup, input);
        push("tree", name, &[2, 0], input);
    }
    out
}
