//! Which encoding a byte stream is decoded with: the HTML standard's
//! encoding sniffing algorithm (BOM, transport charset, `<meta>` prescan,
//! detection from the bytes, default) and its rules for changing the
//! encoding while parsing.
//!
//! Detection is the step the standard leaves to the user agent ("the user
//! agent may attempt to autodetect the character encoding from applying
//! frequency analysis or other algorithms to the data stream"): htmldict
//! runs `chardetng`, the detector Firefox uses, with UTF-8 allowed as a
//! guess, on the bytes up to [`DETECTION_WINDOW`] bytes past the first
//! non-ASCII byte.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

use crate::encoding::{DocumentEncoding, EncodingSource};

/// How many bytes the `<meta>` prescan reads, as the standard advises.
pub(crate) const PRESCAN_BYTES: usize = 1024;

/// How many bytes, from the first non-ASCII byte on, the detector reads
/// before it decides (fewer if the input ends first). Bytes before the first
/// non-ASCII byte read the same in every encoding the detector can choose,
/// so they are parsed as they come; these are held until it has decided.
/// On the real pages of the test corpus whose encoding was not declared,
/// and on legacy encodings of them (GBK, Big5, Shift_JIS, EUC-JP,
/// windows-1250, ISO-8859-2, windows-1252), 256 bytes already gave the
/// guess the whole page gives.
pub(crate) const DETECTION_WINDOW: usize = 4096;

/// What the first bytes say about a byte order mark.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Bom {
    /// A BOM of this encoding.
    Found(&'static Encoding),
    /// No BOM.
    Absent,
    /// The bytes so far are the start of a BOM: more are needed to tell.
    Undecided,
}

/// The Encoding standard's BOM sniff over the first bytes of a stream;
/// `complete` says that no more bytes will come.
pub(crate) fn sniff_bom(bytes: &[u8], complete: bool) -> Bom {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Bom::Found(encoding);
    }
    let could_grow = matches!(bytes, [] | [0xEF] | [0xEF, 0xBB] | [0xFE] | [0xFF]);
    if could_grow && !complete {
        Bom::Undecided
    } else {
        Bom::Absent
    }
}

/// The encoding sniffing algorithm's answer, once enough bytes are known:
/// the encoding and whether the confidence is *certain* (BOM, transport) or
/// *tentative* (prescan, default). An answer with the source
/// [`EncodingSource::Default`] means "detect from the bytes, windows-1252 if
/// they are all ASCII".
///
/// `None` means wait for more bytes: the algorithm wants the first 1,024
/// bytes (or all of them, when `complete` says no more will come) unless a
/// BOM or the transport decides first.
pub(crate) fn sniff(
    bytes: &[u8],
    transport: Option<&'static Encoding>,
    complete: bool,
) -> Option<(DocumentEncoding, bool)> {
    match sniff_bom(bytes, complete) {
        Bom::Found(encoding) => {
            return Some((DocumentEncoding::new(encoding, EncodingSource::Bom), true));
        }
        Bom::Undecided => return None,
        Bom::Absent => {}
    }
    if let Some(encoding) = transport {
        return Some((
            DocumentEncoding::new(encoding, EncodingSource::Transport),
            true,
        ));
    }
    if bytes.len() < PRESCAN_BYTES && !complete {
        return None;
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let (encoding, source) = match prescan(head) {
        Some(encoding) => (encoding, EncodingSource::Meta),
        None => (WINDOWS_1252, EncodingSource::Default),
    };
    Some((DocumentEncoding::new(encoding, source), false))
}

/// The standard's adjustment of an encoding declared in the document: a
/// page that can be read as ASCII bytes cannot be UTF-16, and
/// x-user-defined means windows-1252 there.
pub(crate) fn declared(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Running out of bytes: the prescan stops without an answer.
struct OutOfBytes;

type Scan<T> = Result<T, OutOfBytes>;

/// Tab, line feed, form feed, carriage return and space.
fn is_space(byte: u8) -> bool {
    matches!(byte, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

/// The standard's "prescan a byte stream to determine its encoding" over
/// `bytes` (the caller passes at most the first 1,024), with its "get an XML
/// encoding" fallback.
pub(crate) fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut scan = Prescan { bytes, pos: 0 };
    match scan.run() {
        Ok(encoding) => Some(encoding),
        Err(OutOfBytes) => xml_encoding(bytes),
    }
}

/// The prescan's position in its bytes.
struct Prescan<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// A `<meta>` attribute value's say on the encoding: the prescan's
/// `charset` variable, which is null, failure or an encoding.
#[derive(Clone, Copy, PartialEq)]
enum Charset {
    Null,
    Failure,
    Encoding(&'static Encoding),
}

impl Prescan<'_> {
    fn byte(&self) -> Scan<u8> {
        self.bytes.get(self.pos).copied().ok_or(OutOfBytes)
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// Moves to the first `byte` at or after `from` bytes ahead.
    fn advance_to(&mut self, from: usize, wanted: impl Fn(u8) -> bool) -> Scan<()> {
        let start = self.pos + from;
        let found = self
            .bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| wanted(b)))
            .ok_or(OutOfBytes)?;
        self.pos = start + found;
        Ok(())
    }

    /// The loop: ends only by finding an encoding or running out of bytes.
    fn run(&mut self) -> Scan<&'static Encoding> {
        if self.bytes.starts_with(&[0x3C, 0, 0x3F, 0, 0x78, 0]) {
            return Ok(UTF_16LE);
        }
        if self.bytes.starts_with(&[0, 0x3C, 0, 0x3F, 0, 0x78]) {
            return Ok(UTF_16BE);
        }
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return Err(OutOfBytes);
            }
            // Indexing `rest` below cannot panic: each index is under a
            // `starts_with` or a length checked first.
            if rest.starts_with(b"<!--") {
                // The first `>` after the `<` preceded by two dashes, which
                // may be the comment opener's own (`<!-->`).
                let end = rest[2..]
                    .windows(3)
                    .position(|w| w == b"-->")
                    .ok_or(OutOfBytes)?;
                self.pos += 2 + end + 2;
            } else if rest.len() >= 6
                && rest[..5].eq_ignore_ascii_case(b"<meta")
                && (is_space(rest[5]) || rest[5] == b'/')
            {
                self.pos += 5;
                if let Some(encoding) = self.meta()? {
                    return Ok(encoding);
                }
            } else if rest.len() >= 2
                && rest[0] == b'<'
                && (rest[1].is_ascii_alphabetic()
                    || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
            {
                self.advance_to(1, |b| is_space(b) || b == b'>')?;
                while self.attribute()?.is_some() {}
            } else if rest.len() >= 2 && rest[0] == b'<' && matches!(rest[1], b'!' | b'/' | b'?') {
                self.advance_to(1, |b| b == b'>')?;
            }
            // Next byte.
            self.pos += 1;
        }
    }

    /// The attributes of a `<meta>` and what they declare; the position is
    /// on the byte after `<meta`.
    fn meta(&mut self) -> Scan<Option<&'static Encoding>> {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let mut got_pragma = false;
        let mut need_pragma: Option<bool> = None;
        let mut charset = Charset::Null;
        while let Some((name, value)) = self.attribute()? {
            if seen.contains(&name) {
                continue;
            }
            match name.as_slice() {
                b"http-equiv" if value == b"content-type" => got_pragma = true,
                b"content" => {
                    if let Some(encoding) = extract_from_content(&value)
                        && charset == Charset::Null
                    {
                        charset = Charset::Encoding(encoding);
                        need_pragma = Some(true);
                    }
                }
                b"charset" => {
                    charset = match Encoding::for_label(&value) {
                        Some(encoding) => Charset::Encoding(encoding),
                        None => Charset::Failure,
                    };
                    need_pragma = Some(false);
                }
                _ => {}
            }
            seen.push(name);
        }
        // Processing: a `content` charset counts only with the pragma.
        let applies = match need_pragma {
            None => false,
            Some(true) => got_pragma,
            Some(false) => true,
        };
        Ok(match charset {
            Charset::Encoding(encoding) if applies => Some(declared(encoding)),
            _ => None,
        })
    }

    /// The standard's "get an attribute": `None` when a `>` ends the
    /// attributes. Names and values are ASCII-lowercased bytes.
    fn attribute(&mut self) -> Scan<Option<(Vec<u8>, Vec<u8>)>> {
        while is_space(self.byte()?) || self.byte()? == b'/' {
            self.pos += 1;
        }
        if self.byte()? == b'>' {
            return Ok(None);
        }
        let mut name = Vec::new();
        // The name.
        loop {
            let byte = self.byte()?;
            match byte {
                b'=' if !name.is_empty() => {
                    self.pos += 1;
                    return self.attribute_value(name);
                }
                _ if is_space(byte) => break,
                b'/' | b'>' => return Ok(Some((name, Vec::new()))),
                _ => name.push(byte.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
        // Spaces after the name.
        while is_space(self.byte()?) {
            self.pos += 1;
        }
        if self.byte()? != b'=' {
            return Ok(Some((name, Vec::new())));
        }
        self.pos += 1;
        self.attribute_value(name)
    }

    /// The value part of "get an attribute", from the byte after the `=`.
    fn attribute_value(&mut self, name: Vec<u8>) -> Scan<Option<(Vec<u8>, Vec<u8>)>> {
        let mut value = Vec::new();
        while is_space(self.byte()?) {
            self.pos += 1;
        }
        let first = self.byte()?;
        match first {
            b'"' | b'\'' => loop {
                self.pos += 1;
                let byte = self.byte()?;
                if byte == first {
                    self.pos += 1;
                    return Ok(Some((name, value)));
                }
                value.push(byte.to_ascii_lowercase());
            },
            b'>' => return Ok(Some((name, value))),
            _ => {
                value.push(first.to_ascii_lowercase());
                self.pos += 1;
            }
        }
        loop {
            let byte = self.byte()?;
            if is_space(byte) || byte == b'>' {
                return Ok(Some((name, value)));
            }
            value.push(byte.to_ascii_lowercase());
            self.pos += 1;
        }
    }
}

/// The standard's "algorithm for extracting a character encoding from a
/// meta element", over the `content` attribute's value.
pub(crate) fn extract_from_content(content: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    loop {
        let found = content
            .get(pos..)?
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        pos += found + 7;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if content.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        return match *content.get(pos)? {
            quote @ (b'"' | b'\'') => {
                // Cannot panic: `content[pos]` exists (just read), and `end`
                // and the other `end` below are positions in `rest`.
                let rest = &content[pos + 1..];
                let end = rest.iter().position(|&b| b == quote)?;
                Encoding::for_label(&rest[..end])
            }
            _ => {
                let rest = &content[pos..];
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                Encoding::for_label(&rest[..end])
            }
        };
    }
}

/// The standard's "get an XML encoding": the `encoding` of an XML
/// declaration at the very start of `bytes`. The search stays inside the
/// declaration (up to its first `>`).
fn xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let end = bytes.iter().position(|&b| b == b'>')?;
    // Cannot panic: `end` is a position in `bytes`; below, `pos + 1` follows
    // the quote just read and the label ends at a position in `rest`.
    let declaration = &bytes[..end];
    let mut pos = declaration.windows(8).position(|w| w == b"encoding")? + 8;
    let skip_controls = |pos: &mut usize| {
        while declaration.get(*pos).is_some_and(|&b| b <= 0x20) {
            *pos += 1;
        }
    };
    skip_controls(&mut pos);
    if declaration.get(pos) != Some(&b'=') {
        return None;
    }
    pos += 1;
    skip_controls(&mut pos);
    let quote = *declaration.get(pos)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let rest = &declaration[pos + 1..];
    let label = &rest[..rest.iter().position(|&b| b == quote)?];
    if label.iter().any(|&b| b <= 0x20) {
        return None;
    }
    let encoding = Encoding::for_label(label)?;
    Some(if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else {
        encoding
    })
}

/// What to do when the parser meets a `<meta>` that declares `declared`
/// while the confidence is tentative and the input is being decoded with
/// `current`: the standard's "change the encoding".
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Keep the current encoding, now with certain confidence.
    Keep,
    /// Switch decoders where the parse stands: every byte decoded so far
    /// reads the same in both encodings.
    Switch(&'static Encoding),
    /// Parse again from the first byte with this encoding.
    Reparse(&'static Encoding),
}

/// Decides a change of encoding; `all_ascii` says whether every byte the
/// current decoder has read is ASCII.
pub(crate) fn change(
    current: &'static Encoding,
    declared_encoding: &'static Encoding,
    all_ascii: bool,
) -> Change {
    if current == UTF_16BE || current == UTF_16LE {
        return Change::Keep;
    }
    let new = declared(declared_encoding);
    if new == current {
        Change::Keep
    } else if all_ascii && current.is_ascii_compatible() && new.is_ascii_compatible() {
        Change::Switch(new)
    } else {
        Change::Reparse(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, ISO_8859_2, REPLACEMENT, SHIFT_JIS, WINDOWS_1251};

    fn scan(bytes: &[u8]) -> Option<&'static str> {
        prescan(bytes).map(|e| e.name())
    }

    #[test]
    fn meta_charset() {
        assert_eq!(scan(b"<meta charset=utf-8>"), Some("UTF-8"));
        assert_eq!(scan(b"<META CHARSET=\"SHIFT_JIS\">"), Some("Shift_JIS"));
        assert_eq!(scan(b"<meta/charset='euc-jp'>"), Some("EUC-JP"));
        assert_eq!(
            scan(b"<meta charset = \" iso8859-2 \">"),
            Some("ISO-8859-2")
        );
        // Not a meta: no space or slash after the name.
        assert_eq!(scan(b"<metacharset=utf-8>"), None);
        assert_eq!(scan(b"<meta charset=bogus>"), None);
        // A later meta is still read after one that says nothing.
        assert_eq!(scan(b"<meta name=x><meta charset=koi8-r>"), Some("KOI8-R"));
    }

    #[test]
    fn http_equiv_needs_the_pragma() {
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>";
        assert_eq!(prescan(page), Some(WINDOWS_1251));
        let reversed = b"<meta content='text/html; charset=windows-1251' http-equiv=content-type>";
        assert_eq!(prescan(reversed), Some(WINDOWS_1251));
        assert_eq!(
            prescan(b"<meta content='text/html; charset=windows-1251'>"),
            None
        );
        assert_eq!(
            prescan(b"<meta http-equiv=refresh content='charset=windows-1251'>"),
            None
        );
        // `charset` wins over `content` whatever their order, and needs no pragma.
        assert_eq!(
            prescan(b"<meta content='charset=euc-jp' charset=shift_jis>"),
            Some(SHIFT_JIS)
        );
        assert_eq!(
            prescan(b"<meta charset=shift_jis content='charset=euc-jp' http-equiv=content-type>"),
            Some(SHIFT_JIS)
        );
        // A repeated attribute is ignored.
        assert_eq!(
            prescan(b"<meta charset=euc-jp charset=shift_jis>"),
            Some(EUC_JP)
        );
    }

    #[test]
    fn adjustments() {
        assert_eq!(prescan(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(prescan(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(
            prescan(b"<meta charset=x-user-defined>"),
            Some(WINDOWS_1252)
        );
        // A label of the replacement encoding is an encoding.
        assert_eq!(prescan(b"<meta charset=iso-2022-kr>"), Some(REPLACEMENT));
    }

    #[test]
    fn skipped_constructs() {
        assert_eq!(
            scan(b"<!-- <meta charset=utf-8> --><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
        assert_eq!(scan(b"<!--><meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(scan(b"<!---><meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(scan(b"<!-- -- ><meta charset=utf-8>"), None);
        assert_eq!(
            scan(b"<!x <meta charset=utf-8>><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
        assert_eq!(
            scan(b"<? <meta charset=utf-8>><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
        assert_eq!(
            scan(b"</ <meta charset=utf-8>><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
        // Attributes of other tags are read over, quotes included.
        assert_eq!(
            scan(b"<p title='<meta charset=utf-8>'><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
        assert_eq!(
            scan(b"</p x='<meta charset=utf-8>'><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
        // Text is read byte by byte, so a meta inside script text counts.
        assert_eq!(
            scan(b"<script>'<meta charset=koi8-r>'</script>"),
            Some("KOI8-R")
        );
    }

    #[test]
    fn running_out_of_bytes() {
        assert_eq!(scan(b""), None);
        assert_eq!(scan(b"<"), None);
        assert_eq!(scan(b"<meta charset=utf-8"), None);
        assert_eq!(scan(b"<meta charset='utf-8>"), None);
        assert_eq!(scan(b"<!-- <meta charset=utf-8>"), None);
        assert_eq!(scan(b"<p <meta charset=utf-8>"), None);
    }

    #[test]
    fn xml_declarations() {
        assert_eq!(
            scan(b"<?xml version='1.0' encoding='koi8-r'?><p>"),
            Some("KOI8-R")
        );
        assert_eq!(scan(b"<?xml encoding = \"utf-16\"?>"), Some("UTF-8"));
        assert_eq!(scan(b"<?xml encoding='koi8-r '?>"), None);
        assert_eq!(scan(b"<?xml version='1.0'?><p encoding='koi8-r'>"), None);
        assert_eq!(scan(b" <?xml encoding='koi8-r'?>"), None);
        // A meta wins over the declaration.
        assert_eq!(
            scan(b"<?xml encoding='koi8-r'?><meta charset=euc-jp>"),
            Some("EUC-JP")
        );
        assert_eq!(scan(b"<\0?\0x\0m\0l\0"), Some("UTF-16LE"));
        assert_eq!(scan(b"\0<\0?\0x\0m\0l"), Some("UTF-16BE"));
    }

    #[test]
    fn content_extraction() {
        let get = |s: &[u8]| extract_from_content(s).map(|e| e.name());
        assert_eq!(get(b"text/html; charset=utf-8"), Some("UTF-8"));
        assert_eq!(get(b"text/html;charset = 'iso8859-2' "), Some("ISO-8859-2"));
        assert_eq!(get(b"charset=\"koi8-r\";x"), Some("KOI8-R"));
        assert_eq!(get(b"charset='koi8-r"), None);
        assert_eq!(get(b"charset="), None);
        assert_eq!(get(b"charsetcharset=utf-8"), Some("UTF-8"));
        assert_eq!(get(b"CHARSET=koi8-r;utf-8"), Some("KOI8-R"));
        assert_eq!(get(b"text/html"), None);
        assert_eq!(get(b"charset=bogus"), None);
    }

    #[test]
    fn bom_sniffing() {
        assert_eq!(sniff_bom(b"\xef\xbb\xbf<", false), Bom::Found(UTF_8));
        assert_eq!(sniff_bom(b"\xfe\xff", false), Bom::Found(UTF_16BE));
        assert_eq!(sniff_bom(b"\xff\xfe", false), Bom::Found(UTF_16LE));
        assert_eq!(sniff_bom(b"\xef\xbb", false), Bom::Undecided);
        assert_eq!(sniff_bom(b"\xef\xbb", true), Bom::Absent);
        assert_eq!(sniff_bom(b"\xef<", false), Bom::Absent);
        assert_eq!(sniff_bom(b"", false), Bom::Undecided);
    }

    #[test]
    fn sniffing_order() {
        let meta = b"<meta charset=koi8-r>";
        let (found, certain) = sniff(meta, None, true).unwrap();
        assert_eq!(
            (found.name(), found.source(), certain),
            ("KOI8-R", EncodingSource::Meta, false)
        );
        // Under 1,024 bytes the prescan waits for more, unless told the end.
        assert!(sniff(meta, None, false).is_none());
        let (found, certain) = sniff(meta, Some(ISO_8859_2), false).unwrap();
        assert_eq!(
            (found.encoding(), found.source(), certain),
            (ISO_8859_2, EncodingSource::Transport, true)
        );
        let (found, _) =
            sniff(b"\xef\xbb\xbf<meta charset=koi8-r>", Some(ISO_8859_2), true).unwrap();
        assert_eq!(
            (found.encoding(), found.source()),
            (UTF_8, EncodingSource::Bom)
        );
        let (found, certain) = sniff(b"<p>", None, true).unwrap();
        assert_eq!(
            (found.encoding(), found.source(), certain),
            (WINDOWS_1252, EncodingSource::Default, false)
        );
        // Only the first 1,024 bytes are prescanned.
        let mut late = vec![b' '; PRESCAN_BYTES];
        late.extend_from_slice(meta);
        assert_eq!(
            sniff(&late, None, true).unwrap().0.source(),
            EncodingSource::Default
        );
        let mut edge = vec![b' '; PRESCAN_BYTES - meta.len()];
        edge.extend_from_slice(meta);
        assert_eq!(sniff(&edge, None, false).unwrap().0.name(), "KOI8-R");
    }

    #[test]
    fn changing_the_encoding() {
        assert_eq!(change(WINDOWS_1252, WINDOWS_1252, false), Change::Keep);
        assert_eq!(change(UTF_16LE, SHIFT_JIS, true), Change::Keep);
        assert_eq!(change(UTF_8, UTF_16BE, false), Change::Keep);
        assert_eq!(change(WINDOWS_1252, X_USER_DEFINED, false), Change::Keep);
        assert_eq!(
            change(WINDOWS_1252, SHIFT_JIS, true),
            Change::Switch(SHIFT_JIS)
        );
        assert_eq!(
            change(WINDOWS_1252, SHIFT_JIS, false),
            Change::Reparse(SHIFT_JIS)
        );
        assert_eq!(
            change(WINDOWS_1252, encoding_rs::ISO_2022_JP, true),
            Change::Reparse(encoding_rs::ISO_2022_JP)
        );
    }
}
