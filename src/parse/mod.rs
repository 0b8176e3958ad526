//! Entry points: whole documents from text or bytes, fragments from text,
//! and the streaming [`Parser`]. All of them run on one engine, so a
//! one-shot parse and a streaming one are the same code.

mod budget;
mod decode;
mod depths;
mod encoding;
mod ids;
mod kept_errors;
mod known;
mod names;
mod streaming;
pub mod tokenizer;
mod tree;
mod tree_builder;

use html5ever::{LocalName, QualName, ns};

use crate::dom::Document;
use crate::encoding::DocumentEncoding;
use crate::error::{Limit, ParseError};
use crate::options::ParseOptions;

use decode::{CHUNK_BYTES, Decoding, Parsed, TextSink};
pub use streaming::Parser;
use tree::Tree;

/// Largest input the arena's 32-bit offsets can address.
const MAX_INPUT: u64 = u32::MAX as u64;

/// What the engine has been given.
enum Input {
    /// Nothing yet.
    Unset,
    /// Text; `started` once some arrived (before it, a leading U+FEFF is
    /// still to be dropped).
    Text { started: bool },
    /// Bytes, decoded as the HTML standard says.
    Bytes(Decoding),
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
            Input::Bytes(decoding) => decoding.encoding(),
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
        if let Input::Bytes(decoding) = std::mem::replace(&mut self.input, Input::Unset) {
            self.input = Input::Bytes(decoding.abandon());
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

    /// Counts `len` more input bytes against the limit, before any work,
    /// and says how many of them to parse: all, or, past the limit when the
    /// document is kept at a limit, those that fit, with the limit's error
    /// to stop on once they are parsed. Without that, input past the limit
    /// is refused whole.
    fn receive(&mut self, len: usize) -> Result<(usize, Option<ParseError>), ParseError> {
        let max = self.options.limits.max_input_bytes.min(MAX_INPUT);
        let total = self.received.saturating_add(len as u64);
        if total <= max {
            self.received = total;
            return Ok((len, None));
        }
        let error = ParseError::LimitExceeded {
            limit: Limit::InputBytes,
            max,
            value: total,
        };
        if !self.options.truncate_on_limit {
            return Err(self.fail(error));
        }
        // At most `len`: `max` is below `total`.
        let fits = usize::try_from(max.saturating_sub(self.received))
            .unwrap_or(len)
            .min(len);
        self.received = max;
        Ok((fits, Some(error)))
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
        match self
            .tree
            .as_ref()
            .and_then(|t| t.builder().failure().cloned())
        {
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
        let (fits, over) = self.receive(text.len())?;
        let mut cut = fits;
        // Cannot underflow: 0 is a character boundary.
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Cannot panic: `cut` is a boundary within `text`.
        let text = text.split_at(cut).0;
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
            // Cannot underflow: 0 is a character boundary.
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            // Cannot panic: `cut` is a boundary within `rest`.
            let (piece, after) = rest.split_at(cut);
            self.tree(0).feed(piece, false);
            rest = after;
            self.check_tree()?;
        }
        match over {
            Some(error) => Err(self.fail(error)),
            None => Ok(()),
        }
    }

    /// Takes a piece of bytes; `last` says no more will come, so that the
    /// encoding can be decided on fewer than 1,024 bytes and the decoder
    /// flushed. The decoding is [`decode`]'s state machine; a one-shot parse
    /// is one call with `last` set, a streaming one many calls and a last
    /// empty one.
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
        let (fits, over) = self.receive(bytes.len())?;
        // Cannot panic: `fits` is at most the length.
        let bytes = bytes.split_at(fits).0;
        // Past the limit, the end of the input is still to come (`finish`).
        let last = last && over.is_none();
        let decoding = match std::mem::replace(&mut self.input, Input::Unset) {
            Input::Bytes(decoding) => decoding,
            // Unset: the first bytes (text was refused above).
            _ => Decoding::new(self.options.transport, self.options.top_level_domain()),
        };
        let Engine {
            tree,
            options,
            context,
            ..
        } = self;
        let mut sink = TreeText {
            tree,
            options,
            context: context.as_ref(),
        };
        self.input = Input::Bytes(decoding.feed(bytes, last, &mut sink));
        self.check_tree()?;
        match over {
            Some(error) => Err(self.fail(error)),
            None => Ok(()),
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

/// The engine's tree as the decoder's [`TextSink`]: created with the first
/// text, made anew when a `<meta>` asks for the input to be parsed again.
struct TreeText<'a> {
    tree: &'a mut Option<Tree>,
    options: &'a ParseOptions,
    context: Option<&'a QualName>,
}

impl TreeText<'_> {
    fn tree(&mut self) -> &mut Tree {
        let TreeText {
            tree,
            options,
            context,
        } = self;
        tree.get_or_insert_with(|| Tree::new(options, 0, *context))
    }

    /// Runs the tokenizer over the text left.
    fn run(&mut self, report_meta: bool) -> Parsed {
        let tree = self.tree();
        let declared = tree.run(report_meta);
        Self::parsed(tree, declared)
    }

    /// What a run of the tokenizer that stopped with `declared` parsed.
    fn parsed(tree: &Tree, declared: Option<&'static encoding_rs::Encoding>) -> Parsed {
        // A limit met before the `<meta>` ends the parse first.
        if tree.builder().failed() {
            return Parsed::Stopped;
        }
        match declared {
            Some(encoding) => Parsed::Meta(encoding),
            None => Parsed::Done,
        }
    }
}

impl TextSink for TreeText<'_> {
    fn reserve(&mut self, bytes: usize) {
        if self.tree.is_none() {
            *self.tree = Some(Tree::new(self.options, bytes, self.context));
        }
    }

    fn parse(&mut self, text: &str, report_meta: bool) -> Parsed {
        let tree = self.tree();
        let declared = tree.feed(text, report_meta);
        Self::parsed(tree, declared)
    }

    fn resume(&mut self) -> Parsed {
        self.run(false)
    }

    fn restart(&mut self, bytes: usize) {
        *self.tree = Some(Tree::new(self.options, bytes, self.context));
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
/// came from the prescan, detection or the default, the first `<meta>` the
/// parser meets later that declares another encoding switches to it: where
/// the parse stands when every byte decoded so far is ASCII, otherwise by
/// decoding the input again from its first byte (at most once). Byte sequences that are malformed in
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
