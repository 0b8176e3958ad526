//! Entry points: whole documents from text or bytes, fragments from text,
//! and the streaming [`Parser`]. All of them run on one engine, so a
//! one-shot parse and a streaming one are the same code.

mod encoding;
mod names;
mod sink;
mod streaming;
mod tokenize;
pub(crate) mod tokenizer;
mod tree;

use encoding_rs::Decoder;
use html5ever::{LocalName, QualName, ns};

use crate::dom::Document;
use crate::error::{Limit, ParseError};
use crate::options::ParseOptions;

use crate::encoding::{DocumentEncoding, EncodingSource};
pub use streaming::Parser;
pub use tokenize::{Token, TokenCollector, TokenizerOptions, Tokens, tokenize, tokenize_into};
pub use tokenizer::{TokenizerError, TokenizerErrorCode, TokenizerState};

/// Largest input the arena's 32-bit offsets can address.
const MAX_INPUT: u64 = u32::MAX as u64;

/// Input is handed to the tokenizer in pieces of this many bytes (the
/// tokenizer copies each into a buffer of its own, which tokens share).
const CHUNK_BYTES: usize = 16 * 1024;

use tree::Tree;

/// What the engine has been given.
enum Input {
    /// Nothing yet.
    Unset,
    /// Text; `started` once some arrived (before it, a leading U+FEFF is
    /// still to be dropped).
    Text { started: bool },
    /// Bytes, decoded as the HTML standard says.
    Bytes(Box<Bytes>),
}

/// The state of byte input.
struct Bytes {
    /// Bytes held back until the encoding is decided.
    pending: Vec<u8>,
    /// Set once the encoding is decided.
    decoding: Option<Decoding>,
    /// The last bytes were given: the decoder has been flushed.
    ended: bool,
}

/// Byte input whose encoding is decided.
struct Decoding {
    encoding: DocumentEncoding,
    /// The standard's confidence: certain, or tentative (a `<meta>` met while
    /// parsing may still change the encoding).
    certain: bool,
    decoder: Decoder,
    /// Whether every byte the decoder has read so far is ASCII.
    all_ascii: bool,
    /// While the confidence is tentative, every byte decoded so far, to
    /// parse again from the start should a `<meta>` change the encoding.
    history: Vec<u8>,
    /// While the encoding is still to be detected from the bytes.
    detection: Option<Box<Detection>>,
}

/// Encoding detection in progress: the bytes so far were all ASCII and are
/// parsed as windows-1252 (ASCII reads the same in every encoding the
/// detector can choose) until the first non-ASCII byte; from it on, bytes
/// are held until the detector has read [`encoding::DETECTION_WINDOW`] of
/// them or the input ends.
struct Detection {
    detector: chardetng::EncodingDetector,
    /// The bytes from the first non-ASCII byte on, not yet decoded.
    held: Vec<u8>,
}

/// The parsing engine behind every entry point: takes text or bytes in any
/// number of pieces, enforces the limits, and builds one document.
pub(crate) struct Engine {
    options: ParseOptions,
    /// The context element, for a fragment.
    context: Option<QualName>,
    /// Created with the first input, so that its reserves can follow the
    /// input's size.
    tree: Option<Tree>,
    input: Input,
    /// Bytes received (raw bytes for byte input, UTF-8 for text).
    received: u64,
    /// The first error met; every later call returns it.
    failure: Option<ParseError>,
}

impl Engine {
    pub(crate) fn new(options: &ParseOptions, context: Option<QualName>) -> Engine {
        Engine {
            options: options.clone(),
            context,
            tree: None,
            input: Input::Unset,
            received: 0,
            failure: None,
        }
    }

    /// The encoding decided so far, for byte input.
    pub(crate) fn encoding(&self) -> Option<DocumentEncoding> {
        match &self.input {
            Input::Bytes(bytes) => bytes.decoding.as_ref().map(|d| d.encoding),
            _ => None,
        }
    }

    /// Bytes received so far.
    pub(crate) fn received(&self) -> u64 {
        self.received
    }

    /// Whether the input is bytes (`Some(true)`), text, or not known yet.
    pub(crate) fn takes_bytes(&self) -> Option<bool> {
        match self.input {
            Input::Unset => None,
            Input::Text { .. } => Some(false),
            Input::Bytes(_) => Some(true),
        }
    }

    /// The error met earlier, if any.
    pub(crate) fn failure(&self) -> Option<&ParseError> {
        self.failure.as_ref()
    }

    /// Whether the document built so far is kept when a limit stops the
    /// parse: every later piece is then ignored, and `finish` returns it.
    fn truncating(&self) -> bool {
        self.options.truncate_on_limit
            && matches!(self.failure, Some(ParseError::LimitExceeded { .. }))
    }

    /// The result of a feed, with a limit met turned into a stop when the
    /// caller keeps the partial document.
    fn absorb(&mut self, result: Result<(), ParseError>) -> Result<(), ParseError> {
        match result {
            Err(ParseError::LimitExceeded { .. }) if self.truncating() => Ok(()),
            other => other,
        }
    }

    fn fail(&mut self, error: ParseError) -> ParseError {
        if self.options.truncate_on_limit && matches!(error, ParseError::LimitExceeded { .. }) {
            // The tree is the document to return: kept as it is.
            self.failure = Some(error.clone());
            return error;
        }
        // The partial tree and the bytes held back are of no use any more:
        // free them now.
        self.tree = None;
        if let Input::Bytes(state) = &mut self.input {
            state.pending = Vec::new();
            if let Some(decoding) = &mut state.decoding {
                decoding.history = Vec::new();
            }
        }
        self.failure = Some(error.clone());
        error
    }

    fn check(&self) -> Result<(), ParseError> {
        match &self.failure {
            Some(error) => Err(error.clone()),
            None => Ok(()),
        }
    }

    /// Counts `len` more input bytes against the limit, before any work.
    fn receive(&mut self, len: usize) -> Result<(), ParseError> {
        let max = self.options.limits.max_input_bytes.min(MAX_INPUT);
        let total = self.received.saturating_add(len as u64);
        if total > max {
            return Err(self.fail(ParseError::LimitExceeded {
                limit: Limit::InputBytes,
                max,
                value: total,
            }));
        }
        self.received = total;
        Ok(())
    }

    /// The tree, created on first use with reserves for `hint` bytes.
    fn tree(&mut self, hint: usize) -> &mut Tree {
        let Engine {
            tree,
            options,
            context,
            ..
        } = self;
        tree.get_or_insert_with(|| Tree::new(options, hint, context.as_ref()))
    }

    /// Stops with the tree's limit error, if it ran into one.
    fn check_tree(&mut self) -> Result<(), ParseError> {
        match self.tree.as_ref().and_then(|t| t.sink().failure()) {
            Some(error) => Err(self.fail(error)),
            None => Ok(()),
        }
    }

    /// Takes a piece of text.
    pub(crate) fn feed_text(&mut self, text: &str) -> Result<(), ParseError> {
        if self.truncating() {
            return Ok(());
        }
        let result = self.feed_text_untruncated(text);
        self.absorb(result)
    }

    fn feed_text_untruncated(&mut self, text: &str) -> Result<(), ParseError> {
        self.check()?;
        let started = match self.input {
            Input::Unset => false,
            Input::Text { started } => started,
            Input::Bytes(_) => return Err(ParseError::MixedInput),
        };
        self.receive(text.len())?;
        let mut rest = text;
        if !started && !rest.is_empty() {
            // One leading byte order mark is not part of the document.
            rest = rest.strip_prefix('\u{feff}').unwrap_or(rest);
        }
        self.input = Input::Text {
            started: started || !text.is_empty(),
        };
        self.tree(text.len());
        while !rest.is_empty() {
            let mut cut = rest.len().min(CHUNK_BYTES);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let tree = self.tree(0);
            tree.push(&rest[..cut]);
            tree.run(false);
            rest = &rest[cut..];
            self.check_tree()?;
        }
        Ok(())
    }

    /// Takes a piece of bytes; `last` says no more will come, so that the
    /// encoding can be decided on fewer than 1,024 bytes and the decoder
    /// flushed.
    pub(crate) fn feed_bytes(&mut self, bytes: &[u8], last: bool) -> Result<(), ParseError> {
        if self.truncating() {
            return Ok(());
        }
        let result = self.feed_bytes_untruncated(bytes, last);
        self.absorb(result)
    }

    fn feed_bytes_untruncated(&mut self, bytes: &[u8], last: bool) -> Result<(), ParseError> {
        self.check()?;
        if matches!(self.input, Input::Text { .. }) {
            return Err(ParseError::MixedInput);
        }
        self.receive(bytes.len())?;
        if matches!(self.input, Input::Unset) {
            self.input = Input::Bytes(Box::new(Bytes {
                pending: Vec::new(),
                decoding: None,
                ended: false,
            }));
        }
        let transport = self.options.transport;
        let Input::Bytes(state) = &mut self.input else {
            return Ok(());
        };
        if state.ended {
            return Ok(());
        }
        state.ended = last;
        if state.decoding.is_some() {
            return self.detect_then_decode(bytes, last);
        }
        // Decide on `bytes` alone when they are enough, without copying.
        if state.pending.is_empty()
            && let Some((encoding, certain)) = encoding::sniff(bytes, transport, last)
        {
            state.decoding = Some(Decoding::sniffed(encoding, certain));
            return self.detect_then_decode(bytes, last);
        }
        state.pending.extend_from_slice(bytes);
        let Some((encoding, certain)) = encoding::sniff(&state.pending, transport, last) else {
            return Ok(());
        };
        state.decoding = Some(Decoding::sniffed(encoding, certain));
        let pending = std::mem::take(&mut state.pending);
        self.detect_then_decode(&pending, last)
    }

    /// Decodes `bytes` and parses the text, first running encoding
    /// detection while it is in progress: the ASCII bytes before the first
    /// non-ASCII byte are parsed at once, the bytes from it on are held until
    /// the detector has read [`encoding::DETECTION_WINDOW`] of them (or the
    /// input ends), and then everything goes on in the detected encoding.
    /// Where the detector decides depends only on the bytes, never on how
    /// they were cut into pieces.
    fn detect_then_decode(&mut self, mut bytes: &[u8], last: bool) -> Result<(), ParseError> {
        let Some(detection) = self.decoding().detection.as_mut() else {
            return self.decode(bytes, last);
        };
        if detection.held.is_empty() {
            let ascii = bytes
                .iter()
                .position(|&b| !b.is_ascii())
                .unwrap_or(bytes.len());
            detection.detector.feed(&bytes[..ascii], false);
            let (before, rest) = bytes.split_at(ascii);
            self.decode(before, last && rest.is_empty())?;
            bytes = rest;
            let decoding = self.decoding();
            let Some(detection) = decoding.detection.as_mut() else {
                // A `<meta>` decided meanwhile.
                return self.decode(bytes, last);
            };
            if bytes.is_empty() {
                if last {
                    // All ASCII: nothing to detect, windows-1252 stays.
                    decoding.detection = None;
                }
                return Ok(());
            }
            detection.held.reserve(encoding::DETECTION_WINDOW);
        }
        let detection = self
            .decoding()
            .detection
            .as_mut()
            .expect("detection in progress");
        let take = (encoding::DETECTION_WINDOW - detection.held.len()).min(bytes.len());
        detection.held.extend_from_slice(&bytes[..take]);
        bytes = &bytes[take..];
        let ended = last && bytes.is_empty();
        let full = detection.held.len() == encoding::DETECTION_WINDOW;
        if !full && !ended {
            return Ok(());
        }
        let tld: Option<Box<str>> = self.options.top_level_domain().map(Box::from);
        let decoding = self.decoding();
        let Detection { mut detector, held } =
            *decoding.detection.take().expect("detection in progress");
        // A full window is read as the prefix of a longer stream, even when
        // the input happens to end there, so that where the pieces end
        // never changes the guess.
        detector.feed(&held, !full);
        let guess = detector.guess(
            tld.as_deref().map(str::as_bytes),
            chardetng::Utf8Detection::Allow,
        );
        // Every byte decoded so far was ASCII: switch where the parse stands.
        decoding.encoding = DocumentEncoding::new(guess, EncodingSource::Detected);
        decoding.decoder = guess.new_decoder_without_bom_handling();
        self.decode(&held, ended)?;
        if bytes.is_empty() {
            Ok(())
        } else {
            self.decode(bytes, last)
        }
    }

    fn decoding(&mut self) -> &mut Decoding {
        match &mut self.input {
            Input::Bytes(state) => state.decoding.as_mut(),
            _ => None,
        }
        .expect("bytes are decoded only once their encoding is decided")
    }

    /// Decodes `bytes` with the decided encoding and parses the text,
    /// following the standard when a `<meta>` changes the encoding.
    fn decode(&mut self, bytes: &[u8], last: bool) -> Result<(), ParseError> {
        let hint = bytes.len() + self.decoding().history.len();
        self.tree(hint);
        let mut text = String::new();
        let mut offset = 0;
        loop {
            let end = bytes.len().min(offset + CHUNK_BYTES);
            let piece = &bytes[offset..end];
            let final_piece = end == bytes.len();
            let decoding = self.decoding();
            decoding.all_ascii &= piece.is_ascii();
            decode_piece(&mut decoding.decoder, piece, &mut text, last && final_piece);
            let mut report_meta = !decoding.certain;
            if !text.is_empty() {
                self.tree(0).push(&text);
                text.clear();
            }
            let mut restart = false;
            while let Some(declared) = self.tree(0).run(report_meta) {
                // A limit met before the `<meta>` ends the parse first.
                if self.tree(0).sink().failed() {
                    break;
                }
                let decoding = self.decoding();
                let current = decoding.encoding.encoding();
                match encoding::change(current, declared, decoding.all_ascii) {
                    encoding::Change::Keep => decoding.settle(None),
                    encoding::Change::Switch(new) => decoding.settle(Some(new)),
                    encoding::Change::Reparse(new) => {
                        self.reparse(new, bytes.len())?;
                        restart = true;
                        break;
                    }
                }
                // With the confidence certain, later metas change nothing.
                report_meta = false;
            }
            self.check_tree()?;
            if restart {
                // The bytes of this call are parsed again from their start.
                offset = 0;
                continue;
            }
            offset = end;
            if final_piece {
                break;
            }
        }
        let decoding = self.decoding();
        if !decoding.certain && !last {
            decoding.history.extend_from_slice(bytes);
        }
        Ok(())
    }

    /// Drops the tree built so far and parses the bytes received before
    /// this call again, decoded with `new`, with certain confidence; the
    /// caller then parses the `pending` bytes of this call.
    fn reparse(
        &mut self,
        new: &'static encoding_rs::Encoding,
        pending: usize,
    ) -> Result<(), ParseError> {
        let decoding = self.decoding();
        let history = std::mem::take(&mut decoding.history);
        *decoding = Decoding::new(DocumentEncoding::new(new, EncodingSource::Meta), true);
        self.tree = None;
        self.tree(history.len() + pending);
        if history.is_empty() {
            Ok(())
        } else {
            self.decode(&history, false)
        }
    }

    /// Ends the input and returns the document.
    pub(crate) fn finish(mut self) -> Result<Document, ParseError> {
        let truncated = self.truncating().then(|| self.failure.clone()).flatten();
        if let Some(ParseError::LimitExceeded {
            limit: Limit::InputBytes,
            ..
        }) = truncated
            && matches!(self.input, Input::Bytes(_))
        {
            // The bytes received within the limit may still wait for their
            // encoding to be decided: parse them to their end.
            let failure = self.failure.take();
            let flushed = self.feed_bytes_untruncated(&[], true);
            self.failure = failure;
            if let Err(error) = flushed {
                debug_assert!(matches!(error, ParseError::LimitExceeded { .. }));
            }
        }
        if truncated.is_none() {
            self.check()?;
            // No input at all counts as empty bytes.
            if matches!(self.input, Input::Unset | Input::Bytes(_)) {
                self.feed_bytes(&[], true)?;
            }
        }
        // A limit met by the end-of-input flush may truncate too.
        let truncated =
            truncated.or_else(|| self.truncating().then(|| self.failure.clone()).flatten());
        let encoding = self.encoding();
        let tree = match self.tree.take() {
            Some(tree) => tree,
            None => Tree::new(&self.options, 0, self.context.as_ref()),
        };
        tree.finish(encoding, truncated)
    }
}

impl Decoding {
    fn new(encoding: DocumentEncoding, certain: bool) -> Decoding {
        Decoding {
            encoding,
            certain,
            // With BOM sniffing and removal, as the standard's "decode".
            decoder: encoding.encoding().new_decoder(),
            all_ascii: true,
            history: Vec::new(),
            detection: None,
        }
    }

    /// The decoding the sniffing algorithm's answer starts; the default
    /// means that the encoding is to be detected from the bytes.
    fn sniffed(encoding: DocumentEncoding, certain: bool) -> Decoding {
        let mut decoding = Decoding::new(encoding, certain);
        if encoding.source() == EncodingSource::Default {
            decoding.detection = Some(Box::new(Detection {
                detector: chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny),
                held: Vec::new(),
            }));
        }
        decoding
    }

    /// A `<meta>` decided: the confidence becomes certain, switching to
    /// `new` where the parse stands if given.
    fn settle(&mut self, new: Option<&'static encoding_rs::Encoding>) {
        match new {
            Some(new) => {
                self.encoding = DocumentEncoding::new(new, EncodingSource::Meta);
                self.decoder = new.new_decoder_without_bom_handling();
            }
            // The `<meta>` names the encoding in use: it is now the source.
            None => {
                self.encoding =
                    DocumentEncoding::new(self.encoding.encoding(), EncodingSource::Meta)
            }
        }
        self.certain = true;
        self.history = Vec::new();
        // A `<meta>` met before any non-ASCII byte decides: nothing to detect.
        self.detection = None;
    }
}

/// Decodes `bytes` onto the end of `out`; malformed sequences become
/// U+FFFD.
fn decode_piece(decoder: &mut Decoder, mut bytes: &[u8], out: &mut String, last: bool) {
    loop {
        let room = decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len().saturating_mul(3).saturating_add(16));
        out.reserve(room);
        let (result, read, _) = decoder.decode_to_string(bytes, out, last);
        bytes = &bytes[read..];
        if result == encoding_rs::CoderResult::InputEmpty {
            return;
        }
    }
}

/// Parses a whole HTML document, as a browser would.
///
/// Parsing never fails on any input: the only errors are limits.
///
/// ```
/// use htmldict::{ParseOptions, parse_html};
///
/// let doc = parse_html("<table><tr><td>cell</table><app-cart-drawer open>", &ParseOptions::new())?;
/// let td = doc.root().descendants().find(|n| n.local_name() == Some("td")).unwrap();
/// assert_eq!(td.ancestors().filter_map(|a| a.local_name()).collect::<Vec<_>>(),
///            ["tr", "tbody", "table", "body", "html"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_html(input: &str, options: &ParseOptions) -> Result<Document, ParseError> {
    let mut engine = Engine::new(options, None);
    engine.feed_text(input)?;
    engine.finish()
}

/// Parses a whole HTML document given as bytes, decoding it as the HTML
/// standard says.
///
/// The encoding comes from, in this order: a byte order mark; the transport
/// charset of the options ([`ParseOptions::transport_charset`]); a `<meta>`
/// declaration in the first 1,024 bytes; otherwise detection from the bytes
/// (`chardetng`, as in Firefox, which may choose UTF-8; guided by
/// [`ParseOptions::page_host`]), which reads up to 4 KiB past the first
/// non-ASCII byte; windows-1252 when every byte is ASCII. When the encoding
/// came from the prescan, detection or the default, a `<meta>` the parser
/// meets later that declares another encoding makes it decode the input
/// again with that one (at most once). Byte sequences that are malformed in
/// the encoding become U+FFFD. [`Document::encoding`] tells which encoding
/// was used and why.
///
/// The input-bytes limit counts the bytes given, before decoding.
///
/// ```
/// use htmldict::{EncodingSource, ParseOptions, parse_html_bytes};
///
/// let page = b"<html><head><meta charset=iso-8859-2></head><p>\xa3\xf3d\xbc";
/// let doc = parse_html_bytes(page, &ParseOptions::new())?;
/// assert_eq!(doc.text(), "Łódź");
/// assert_eq!(doc.encoding().unwrap().to_string(), "ISO-8859-2 (meta)");
///
/// let doc = parse_html_bytes(b"<p>\xff\xfe caf\xc3\xa9", &ParseOptions::new().transport_charset("utf-8"))?;
/// assert_eq!(doc.text(), "\u{fffd}\u{fffd} café");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_html_bytes(input: &[u8], options: &ParseOptions) -> Result<Document, ParseError> {
    let mut engine = Engine::new(options, None);
    engine.feed_bytes(input, true)?;
    engine.finish()
}

/// The context element a fragment is parsed in: `td`, or `svg path` /
/// `math mi` for foreign elements, as the html5lib suite writes them.
fn context_name(context: &str) -> Result<QualName, ParseError> {
    let invalid = || ParseError::InvalidContext(context.to_owned());
    let (ns, local) = match context.split_once(' ') {
        Some(("svg", local)) => (ns!(svg), local.to_owned()),
        Some(("math", local)) => (ns!(mathml), local.to_owned()),
        Some(_) => return Err(invalid()),
        None => (ns!(html), context.to_ascii_lowercase()),
    };
    if local.is_empty() || local.contains(|c: char| c.is_whitespace()) {
        return Err(invalid());
    }
    Ok(QualName::new(None, ns, LocalName::from(local)))
}

/// Parses `input` as the inner HTML of a `context` element, with the HTML
/// fragment parsing algorithm.
///
/// `context` is an HTML local name (`td`, `select`), or `svg NAME` /
/// `math NAME` for SVG and MathML contexts. The parsed nodes become children
/// of [`Document::fragment_root`].
///
/// ```
/// use htmldict::{ParseOptions, parse_fragment};
///
/// let frag = parse_fragment("td", "<b>bold</b> text", &ParseOptions::new())?;
/// assert_eq!(frag.to_html(), "<b>bold</b> text");
/// let svg = parse_fragment("svg g", "<path/>", &ParseOptions::new())?;
/// assert_eq!(svg.html5lib_tree(), "| <svg path>\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_fragment(
    context: &str,
    input: &str,
    options: &ParseOptions,
) -> Result<Document, ParseError> {
    let mut engine = Engine::new(options, Some(context_name(context)?));
    engine.feed_text(input)?;
    engine.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::local_name;

    #[test]
    fn context_names() {
        assert_eq!(context_name("TD").unwrap().local, local_name!("td"));
        assert_eq!(context_name("svg foreignObject").unwrap().ns, ns!(svg));
        assert_eq!(context_name("math mi").unwrap().ns, ns!(mathml));
        for bad in ["", "svg ", "foo bar", "svg a b"] {
            assert!(context_name(bad).is_err(), "{bad:?}");
        }
    }
}
