//! The late-`<meta>` page: a `<meta charset>` past the first 1,024 bytes
//! (behind a long comment, as real pages put scripts and comments first),
//! then a body grown to the size asked for. With an all-ASCII body over
//! about 8 KB it made `parse_html_bytes` panic, where the same page in
//! pieces did not; `tests/late_meta.rs` and `tests/dump_cli.rs` keep it as
//! a regression test, in every size and encoding below.

/// The sizes the page is made in: 2 KB, 10 KB, 100 KB and 1 MB.
pub const SIZES: [usize; 4] = [2 << 10, 10 << 10, 100 << 10, 1 << 20];

/// The encodings its `<meta>` declares (as labels), each with a phrase
/// that needs it.
pub const ENCODINGS: [(&str, &str); 4] = [
    ("utf-8", "Zürich, 東京 🎉"),
    ("windows-1251", "Привет, мир"),
    ("shift_jis", "こんにちは世界"),
    ("iso-8859-2", "Łódź, żółć"),
];

/// One late-`<meta>` page.
pub struct LateMetaPage {
    /// Size, encoding label and shape, for messages.
    pub name: String,
    /// The page's bytes.
    pub bytes: Vec<u8>,
    /// The encoding's name as `Document::encoding` gives it (`UTF-8`,
    /// `Shift_JIS`, ...).
    pub encoding: &'static str,
    /// The document's text (`Document::text`).
    pub text: String,
}

/// The page of `size` bytes as UTF-8 (fewer in encodings that take fewer
/// bytes per character) declaring `label`; with `ascii`, its body
/// is all ASCII (the shape that panicked), else every paragraph carries
/// `phrase`, encoded in `label`'s encoding (so non-ASCII bytes come only
/// after the `<meta>`).
///
/// ```
/// use htmldict_test_support::late_meta::page;
/// let page = page(10 << 10, "shift_jis", "日本", false);
/// assert!(page.bytes.len() > 8 << 10);
/// assert_eq!(page.encoding, "Shift_JIS");
/// ```
///
/// # Panics
/// If `label` names no encoding.
pub fn page(size: usize, label: &str, phrase: &str, ascii: bool) -> LateMetaPage {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
        .unwrap_or_else(|| panic!("no encoding for {label:?}"));
    let mut html = String::from("<!doctype html><!--");
    html.extend(std::iter::repeat_n('x', 1100));
    html.push_str("--><meta charset=");
    html.push_str(label);
    html.push('>');
    let mut text = String::new();
    let mut n = 0;
    while html.len() < size {
        let paragraph = if ascii {
            format!("hi there {n} ")
        } else {
            format!("{phrase} {n} ")
        };
        html.push_str("<p>");
        html.push_str(&paragraph);
        text.push_str(&paragraph);
        n += 1;
    }
    let (bytes, _, unmappable) = encoding.encode(&html);
    assert!(!unmappable, "{label} cannot encode {phrase:?}");
    LateMetaPage {
        name: format!(
            "{} KB, {label}, {}",
            size >> 10,
            if ascii {
                "all ASCII"
            } else {
                "non-ASCII after the meta"
            }
        ),
        bytes: bytes.into_owned(),
        encoding: encoding.name(),
        text,
    }
}

/// Every page: each size, each encoding, all ASCII and not.
pub fn all_pages() -> Vec<LateMetaPage> {
    let mut pages = Vec::new();
    for size in SIZES {
        for (label, phrase) in ENCODINGS {
            for ascii in [true, false] {
                pages.push(page(size, label, phrase, ascii));
            }
        }
    }
    pages
}
