//! [`Parser`]: a document fed in pieces, as they arrive.

use std::fmt;

use crate::dom::Document;
use crate::error::ParseError;
use crate::options::ParseOptions;

use super::Engine;

/// A parser fed a document in pieces (chunks off the network, blocks of a
/// file), which builds the same tree as a one-shot parse of the whole
/// input however the input is split, even inside a multi-byte character or
/// a `<meta>` tag.
///
/// A parser takes either bytes ([`feed_bytes`](Self::feed_bytes)), decoded as
/// [`parse_html_bytes`](crate::parse_html_bytes) does, or text
/// ([`feed_str`](Self::feed_str)), parsed as [`parse_html`](crate::parse_html)
/// does; the first call decides which, and a call of the other kind is
/// refused with [`ParseError::MixedInput`]. A parser given nothing before
/// [`finish`](Self::finish) parses empty bytes.
///
/// With bytes, the encoding is decided as soon as a byte order mark or the
/// transport charset decides it, otherwise on the first 1,024 bytes (or all
/// of them, if fewer arrive before `finish`); the bytes are held until
/// then. When those declare nothing, bytes are parsed as they come until
/// the first non-ASCII byte; from it on they are held until the encoding
/// detector has read 4 KiB of them (or the input ends), so that it decides
/// on the same bytes however the input is split. While the encoding comes
/// from the `<meta>` prescan, detection or the default,
/// a later `<meta>` may still change it, which makes the parser decode the
/// input again from its first byte: so until a `<meta>` confirms the
/// encoding or the input ends, the parser keeps a copy of the bytes it was
/// given. A byte order mark or a transport charset makes the encoding
/// certain and the copy unneeded.
///
/// Limits are enforced as the input arrives: the input-bytes limit counts
/// the bytes (or UTF-8 bytes of text) given, before any work on them, and
/// the other limits stop the parse as soon as they are exceeded. Once a
/// call has returned an error, the parser does no more work: every later
/// call, and `finish`, returns that error.
///
/// The parser holds the tokenizer's buffers (html5ever's tendrils), which
/// are not thread-safe, so it is neither `Send` nor `Sync`; the
/// [`Document`] it returns is both.
///
/// ```
/// use htmldict::{ParseOptions, Parser, parse_html_bytes};
///
/// let page = "<meta charset=utf-8><title>日本</title><p>café 🎉".as_bytes();
/// let options = ParseOptions::new();
/// let mut parser = Parser::new(&options);
/// for chunk in page.chunks(5) {
///     parser.feed_bytes(chunk)?;
/// }
/// let doc = parser.finish()?;
/// assert_eq!(doc.text(), "日本café 🎉");
/// assert_eq!(doc.encoding().unwrap().to_string(), "UTF-8 (meta)");
/// assert_eq!(doc.to_html(), parse_html_bytes(page, &options)?.to_html());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Parser {
    engine: Engine,
}

impl Parser {
    /// A parser for one document, with these options.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Parser};
    /// let doc = Parser::new(&ParseOptions::new()).finish()?;
    /// assert_eq!(doc.to_html(), "<html><head></head><body></body></html>");
    /// assert_eq!(doc.encoding().unwrap().name(), "windows-1252");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(options: &ParseOptions) -> Parser {
        Parser {
            engine: Engine::new(options, None),
        }
    }

    /// Gives the parser the next bytes of the document.
    ///
    /// Errors: a limit exceeded (then and on every later call; with
    /// [`ParseOptions::truncate_on_limit`] none, and later pieces are
    /// ignored), or
    /// [`ParseError::MixedInput`] if the parser was fed text.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Parser};
    ///
    /// // "é" in UTF-8 is C3 A9: the split falls inside it.
    /// let mut parser = Parser::new(&ParseOptions::new().transport_charset("utf-8"));
    /// parser.feed_bytes(b"<p>caf\xc3")?;
    /// parser.feed_bytes(b"\xa9</p>")?;
    /// assert_eq!(parser.finish()?.text(), "café");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn feed_bytes(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        self.engine.feed_bytes(bytes, false)
    }

    /// Gives the parser the next piece of the document as text.
    ///
    /// Errors: a limit exceeded (then and on every later call; with
    /// [`ParseOptions::truncate_on_limit`] none, and later pieces are
    /// ignored), or
    /// [`ParseError::MixedInput`] if the parser was fed bytes.
    ///
    /// ```
    /// use htmldict::{ParseError, ParseOptions, Parser};
    ///
    /// let mut parser = Parser::new(&ParseOptions::new());
    /// parser.feed_str("<ul><li>one")?;
    /// parser.feed_str("<li>two</ul>")?;
    /// assert_eq!(parser.feed_bytes(b"<p>"), Err(ParseError::MixedInput));
    /// let doc = parser.finish()?;
    /// assert_eq!(doc.text(), "onetwo");
    /// assert!(doc.encoding().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn feed_str(&mut self, text: &str) -> Result<(), ParseError> {
        self.engine.feed_text(text)
    }

    /// Ends the input and returns the document, or the error that stopped
    /// the parse.
    ///
    /// ```
    /// use htmldict::{ParseError, Limit, Limits, ParseOptions, Parser};
    ///
    /// let options = ParseOptions::new().limits(Limits { max_depth: 20, ..Limits::default() });
    /// let mut parser = Parser::new(&options);
    /// let mut result = Ok(());
    /// for _ in 0..1000 {
    ///     result = parser.feed_bytes(b"<div>");
    ///     if result.is_err() {
    ///         break;
    ///     }
    /// }
    /// let error = result.unwrap_err();
    /// assert!(matches!(error, ParseError::LimitExceeded { limit: Limit::Depth, .. }));
    /// assert_eq!(parser.feed_bytes(b"<p>").unwrap_err(), error);
    /// assert_eq!(parser.finish().unwrap_err(), error);
    /// ```
    pub fn finish(self) -> Result<Document, ParseError> {
        self.engine.finish()
    }
}

impl fmt::Debug for Parser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = match self.engine.takes_bytes() {
            None => "none yet",
            Some(true) => "bytes",
            Some(false) => "text",
        };
        f.debug_struct("Parser")
            .field("input", &input)
            .field("received", &self.engine.received())
            .field("encoding", &self.engine.encoding())
            .field("failure", &self.engine.failure())
            .finish()
    }
}
