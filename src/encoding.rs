//! What a document was decoded with: [`DocumentEncoding`] and its
//! [`EncodingSource`]. A leaf: the parse (`parse::encoding`, which runs the
//! standard's sniffing algorithm) fills these in, and the document
//! (`dom`) keeps them, without either importing the other.

use std::fmt;

use encoding_rs::Encoding;

/// Why a document was decoded with the encoding it was.
///
/// ```
/// use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
///
/// let doc = parse_html_bytes(b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4", &ParseOptions::new())?;
/// let encoding = doc.encoding().unwrap();
/// assert_eq!(encoding.source(), EncodingSource::Meta);
/// assert_eq!(encoding.source().to_string(), "meta");
/// assert_eq!(doc.text(), "Привет");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodingSource {
    /// A byte order mark at the start of the input (UTF-8, UTF-16LE or
    /// UTF-16BE). It wins over everything else and is not part of the text.
    Bom,
    /// The transport charset given in the options
    /// ([`ParseOptions::transport_charset`](crate::ParseOptions::transport_charset)),
    /// usually the `charset` parameter of an HTTP `Content-Type` header.
    Transport,
    /// A declaration in the document: a `<meta charset>` or
    /// `<meta http-equiv="Content-Type" content="...; charset=...">` found by
    /// the prescan of the first 1,024 bytes (or, as the standard also
    /// accepts there, an XML declaration's `encoding`), or a `<meta>` the
    /// parser met later, which made it decode the input again.
    Meta,
    /// Detected from the bytes, by `chardetng` as in Firefox, when no byte
    /// order mark, transport charset or `<meta>` in the first 1,024 bytes
    /// decided and the input is not all ASCII. The detector reads the bytes
    /// up to 4 KiB past the first non-ASCII byte, guided by the top-level
    /// domain given with
    /// [`ParseOptions::page_host`](crate::ParseOptions::page_host), and may
    /// choose UTF-8. A `<meta>` the parser meets later still changes it.
    Detected,
    /// Nothing said otherwise and nothing to detect (the input is all
    /// ASCII): windows-1252, the standard's default for locales without a
    /// more specific one.
    Default,
}

impl EncodingSource {
    /// The lowercase name: `bom`, `transport`, `meta`, `detected` or
    /// `default`.
    ///
    /// ```
    /// assert_eq!(htmldict::EncodingSource::Bom.as_str(), "bom");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EncodingSource::Bom => "bom",
            EncodingSource::Transport => "transport",
            EncodingSource::Meta => "meta",
            EncodingSource::Detected => "detected",
            EncodingSource::Default => "default",
        }
    }
}

impl fmt::Display for EncodingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The encoding a document was decoded with, and why.
///
/// Documents parsed from bytes carry one
/// ([`Document::encoding`](crate::Document::encoding)); documents parsed from
/// text do not. Its `Display` form is `NAME (SOURCE)`, with the WHATWG name
/// of the encoding.
///
/// ```
/// use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
///
/// let doc = parse_html_bytes(b"<p>caf\xe9", &ParseOptions::new())?;
/// let encoding = doc.encoding().unwrap();
/// assert_eq!(encoding.name(), "windows-1252");
/// assert_eq!(encoding.source(), EncodingSource::Detected);
/// assert_eq!(encoding.to_string(), "windows-1252 (detected)");
/// assert_eq!(doc.text(), "café");
///
/// let doc = parse_html_bytes("<p>café".as_bytes(), &ParseOptions::new())?;
/// assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (detected)");
/// let doc = parse_html_bytes(b"<p>cafe", &ParseOptions::new())?;
/// assert_eq!(doc.encoding().unwrap().to_string(), "windows-1252 (default)");
///
/// let options = ParseOptions::new().transport_charset("utf-8");
/// let doc = parse_html_bytes("<p>café".as_bytes(), &options)?;
/// assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (transport)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DocumentEncoding {
    encoding: &'static Encoding,
    source: EncodingSource,
}

impl DocumentEncoding {
    pub(crate) fn new(encoding: &'static Encoding, source: EncodingSource) -> DocumentEncoding {
        DocumentEncoding { encoding, source }
    }

    /// The encoding, as `encoding_rs` gives it.
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html_bytes};
    /// let doc = parse_html_bytes(b"\xef\xbb\xbf<p>", &ParseOptions::new())?;
    /// assert_eq!(doc.encoding().unwrap().encoding(), htmldict::encoding_rs::UTF_8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The encoding's WHATWG name (`UTF-8`, `windows-1252`, `Shift_JIS`, ...).
    ///
    /// ```
    /// use htmldict::{ParseOptions, parse_html_bytes};
    /// let doc = parse_html_bytes(b"<meta charset=sjis>", &ParseOptions::new())?;
    /// assert_eq!(doc.encoding().unwrap().name(), "Shift_JIS");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }

    /// Why this encoding was used.
    ///
    /// ```
    /// use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
    /// let doc = parse_html_bytes(b"\xff\xfe<\0p\0>\0", &ParseOptions::new())?;
    /// assert_eq!(doc.encoding().unwrap().source(), EncodingSource::Bom);
    /// assert_eq!(doc.encoding().unwrap().name(), "UTF-16LE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn source(&self) -> EncodingSource {
        self.source
    }
}

impl fmt::Display for DocumentEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.encoding.name(), self.source)
    }
}
