//! htmldict's HTML tokenizer: the WHATWG HTML standard's tokenization
//! (section 13.2.5, every state, character references and parse errors),
//! emitting html5ever [`Token`]s to a [`TokenConsumer`], which for a parse is
//! html5ever's tree builder.
//!
//! The input is UTF-8 text in chunks (`StrTendril`s). Every character the
//! syntax gives a meaning to is ASCII, so the state machine reads bytes: a
//! multi-byte character is "anything else" byte after byte, in every state.
//! Runs of plain text, attribute values, comments and raw text are found
//! with `memchr` and become tokens as sub-tendrils of the chunk, without a
//! copy ([`buffer::Run`]); names are turned into atoms through a cache of
//! recent names ([`names::NameCache`]).
//!
//! Any chunk boundary gives the same tokens: everything a token needs is
//! kept in the tokenizer's state, and a token cut by a boundary is copied
//! once, never scanned again. The few states that look ahead (`<!` followed
//! by `--`, `DOCTYPE` or `[CDATA[`; `PUBLIC` and `SYSTEM` in a doctype) keep
//! the bytes they could not decide on, at most seven, and read them again in
//! front of the next chunk.
//!
//! Newlines are normalised before tokenizing ([`input::Newlines`]), as the
//! standard's input stream preprocessing says. Parse errors, with their
//! positions, are reported only when asked for: finding them costs work the
//! tree does not need.

mod buffer;
mod char_ref;
mod errors;
mod input;
mod names;

use std::collections::VecDeque;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    CharacterTokens, CommentToken, Doctype, DoctypeToken, EOFToken, EndTag, NullCharacterToken,
    StartTag, Tag, TagKind, TagToken, Token, TokenSinkResult,
};
use html5ever::{Attribute, LocalName, QualName, ns};
use memchr::{memchr, memchr2, memchr3};
use rustc_hash::FxHashSet;

use buffer::Run;
pub use errors::{TokenizerError, TokenizerErrorCode};
use names::NameCache;

/// Where a tokenizer's tokens go.
pub(crate) trait TokenConsumer {
    /// What the consumer hands back for a `<script>` (unused: scripts are
    /// not run).
    type Handle;

    /// Takes a token. The answer may switch the tokenizer's state (raw text,
    /// PLAINTEXT) or ask it to pause (an encoding declared by a `<meta>`).
    fn token(&mut self, token: Token) -> TokenSinkResult<Self::Handle>;

    /// Takes a parse error (only when errors are reported).
    fn error(&mut self, error: TokenizerError);

    /// Whether the adjusted current node is an element outside the HTML
    /// namespace, where `<![CDATA[` opens a CDATA section.
    fn in_foreign_content(&self) -> bool;

    /// Whether the consumer wants no more tokens (a limit was passed).
    fn stopped(&self) -> bool {
        false
    }

    /// The input has ended (after the end-of-file token).
    fn end(&mut self) {}
}

/// The states a tokenizer can start in, as html5lib's tests name them.
///
/// ```
/// use htmldict::{TokenizerOptions, TokenizerState, tokenize};
/// let options = TokenizerOptions::new().initial_state(TokenizerState::Rawtext);
/// assert_eq!(tokenize("<b>&amp;</b>", &options).tokens().len(), 1); // all text
/// assert_eq!(TokenizerState::from_html5lib_name("RCDATA state"), Some(TokenizerState::Rcdata));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TokenizerState {
    /// The data state, where documents start.
    #[default]
    Data,
    /// PLAINTEXT: everything is text.
    Plaintext,
    /// RCDATA (`<title>`, `<textarea>`): text with character references.
    Rcdata,
    /// RAWTEXT (`<style>`, `<xmp>`, ...): text without references.
    Rawtext,
    /// Script data (`<script>`).
    ScriptData,
    /// A CDATA section (`<![CDATA[` in SVG or MathML).
    CdataSection,
}

impl TokenizerState {
    /// The state html5lib's tokenizer tests name (`Data state`, `PLAINTEXT
    /// state`, `RCDATA state`, `RAWTEXT state`, `Script data state`, `CDATA
    /// section state`).
    ///
    /// ```
    /// use htmldict::TokenizerState;
    /// assert_eq!(TokenizerState::from_html5lib_name("Script data state"), Some(TokenizerState::ScriptData));
    /// assert_eq!(TokenizerState::from_html5lib_name("data"), None);
    /// ```
    pub fn from_html5lib_name(name: &str) -> Option<TokenizerState> {
        Some(match name {
            "Data state" => TokenizerState::Data,
            "PLAINTEXT state" => TokenizerState::Plaintext,
            "RCDATA state" => TokenizerState::Rcdata,
            "RAWTEXT state" => TokenizerState::Rawtext,
            "Script data state" => TokenizerState::ScriptData,
            "CDATA section state" => TokenizerState::CdataSection,
            _ => return None,
        })
    }

    fn state(self) -> State {
        match self {
            TokenizerState::Data => State::Data,
            TokenizerState::Plaintext => State::Plaintext,
            TokenizerState::Rcdata => State::Rcdata,
            TokenizerState::Rawtext => State::Rawtext,
            TokenizerState::ScriptData => State::ScriptData,
            TokenizerState::CdataSection => State::CdataSection,
        }
    }

    /// The state html5ever's tree builder asks for (for a fragment's
    /// context element).
    pub(crate) fn from_html5ever(state: html5ever::tokenizer::states::State) -> TokenizerState {
        use html5ever::tokenizer::states::{RawKind, State as H};
        match state {
            H::Plaintext => TokenizerState::Plaintext,
            H::RawData(RawKind::Rcdata) => TokenizerState::Rcdata,
            H::RawData(RawKind::Rawtext) => TokenizerState::Rawtext,
            H::RawData(RawKind::ScriptData | RawKind::ScriptDataEscaped(_)) => {
                TokenizerState::ScriptData
            }
            H::CdataSection => TokenizerState::CdataSection,
            _ => TokenizerState::Data,
        }
    }
}

/// The four kinds of raw text whose `</` may close them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Raw {
    Rcdata,
    Rawtext,
    ScriptData,
    ScriptDataEscaped,
}

impl Raw {
    fn state(self) -> State {
        match self {
            Raw::Rcdata => State::Rcdata,
            Raw::Rawtext => State::Rawtext,
            Raw::ScriptData => State::ScriptData,
            Raw::ScriptDataEscaped => State::ScriptDataEscaped,
        }
    }
}

/// Which quote closes an attribute value or doctype identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    Double,
    Single,
}

impl Quote {
    fn byte(self) -> u8 {
        match self {
            Quote::Double => b'"',
            Quote::Single => b'\'',
        }
    }
}

/// The standard's tokenizer states, the raw text families and the quoted
/// variants folded into parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Data,
    Rcdata,
    Rawtext,
    ScriptData,
    Plaintext,
    TagOpen,
    EndTagOpen,
    TagName,
    RawLessThanSign(Raw),
    RawEndTagOpen(Raw),
    RawEndTagName(Raw),
    ScriptDataEscapeStart,
    ScriptDataEscapeStartDash,
    ScriptDataEscaped,
    ScriptDataEscapedDash,
    ScriptDataEscapedDashDash,
    ScriptDataDoubleEscapeStart,
    ScriptDataDoubleEscaped,
    ScriptDataDoubleEscapedDash,
    ScriptDataDoubleEscapedDashDash,
    ScriptDataDoubleEscapedLessThanSign,
    ScriptDataDoubleEscapeEnd,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    AttributeValueQuoted(Quote),
    AttributeValueUnquoted,
    AfterAttributeValueQuoted,
    SelfClosingStartTag,
    BogusComment,
    MarkupDeclarationOpen,
    CommentStart,
    CommentStartDash,
    Comment,
    CommentLessThanSign,
    CommentLessThanSignBang,
    CommentLessThanSignBangDash,
    CommentLessThanSignBangDashDash,
    CommentEndDash,
    CommentEnd,
    CommentEndBang,
    Doctype,
    BeforeDoctypeName,
    DoctypeName,
    AfterDoctypeName,
    AfterDoctypePublicKeyword,
    BeforeDoctypePublicIdentifier,
    DoctypePublicIdentifier(Quote),
    AfterDoctypePublicIdentifier,
    BetweenDoctypePublicAndSystemIdentifiers,
    AfterDoctypeSystemKeyword,
    BeforeDoctypeSystemIdentifier,
    DoctypeSystemIdentifier(Quote),
    AfterDoctypeSystemIdentifier,
    BogusDoctype,
    CdataSection,
    CdataSectionBracket,
    CdataSectionEnd,
    CharacterReference,
    NamedCharacterReference,
    AmbiguousAmpersand,
    NumericCharacterReference,
    HexadecimalCharacterReferenceStart,
    DecimalCharacterReferenceStart,
    HexadecimalCharacterReference,
    DecimalCharacterReference,
}

/// ASCII whitespace as the tokenizer sees it (CR is gone by then).
#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// How a tokenizer is set up.
#[derive(Clone, Debug, Default)]
pub(crate) struct Config {
    pub(crate) initial_state: TokenizerState,
    /// The tag name of "the last start tag emitted", for raw text end tags.
    pub(crate) last_start_tag: Option<String>,
    /// Report parse errors to the consumer.
    pub(crate) report_errors: bool,
}

/// Why [`Tokenizer::run`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Every chunk given so far is tokenized.
    Done,
    /// The consumer asked for a pause after a `<meta>` that declares an
    /// encoding; `run` goes on from there.
    EncodingIndicator,
    /// The consumer wants no more tokens.
    Stopped,
}

/// The tag being built.
#[derive(Default)]
struct TagBuilder {
    kind: Option<TagKind>,
    name: Run,
    atom: Option<LocalName>,
    self_closing: bool,
    attrs: Vec<Attribute>,
    /// The names of `attrs`, once there are more than a few.
    attr_set: FxHashSet<LocalName>,
    had_duplicates: bool,
    attr_name: Run,
    attr_value: Run,
    /// An attribute whose name is read, waiting for its value; `None` in it
    /// when the name repeats an earlier one (the attribute is dropped).
    pending: Option<Option<LocalName>>,
}

/// The doctype being built (rare: plain strings).
#[derive(Default)]
struct DoctypeBuilder {
    name: Option<String>,
    public_id: Option<String>,
    system_id: Option<String>,
    force_quirks: bool,
}

/// A character reference being read.
#[derive(Default)]
struct CharRef {
    /// The run the reference is read into and its length at the `&`.
    mark: usize,
    /// The absolute offset of the `&`.
    amp: u64,
    /// Its line and column, when errors are reported.
    amp_at: (u64, u64),
    /// A named reference's characters read so far, after the `&`.
    name: [u8; char_ref::LONGEST_NAME],
    name_len: usize,
    /// The longest full name matched: its length and characters.
    best: Option<(usize, [char; 2])>,
    /// A numeric reference's value (capped past U+10FFFF).
    code: u32,
}

/// Line and column of absolute offsets, kept only when errors are
/// reported.
#[derive(Clone, Copy, Debug)]
struct Cursor {
    offset: u64,
    line: u64,
    column: u64,
}

/// The HTML tokenizer, feeding a [`TokenConsumer`].
pub(crate) struct Tokenizer<C: TokenConsumer> {
    consumer: C,
    state: State,
    /// Where a character reference returns: data, RCDATA or an attribute
    /// value state.
    return_state: State,
    report_errors: bool,
    queue: VecDeque<StrTendril>,
    chunk: StrTendril,
    pos: usize,
    /// Absolute offset of the chunk's first byte.
    chunk_offset: u64,
    /// Set when a lookahead needs more bytes than the chunk has: the bytes
    /// from here on are read again in front of the next chunk.
    carry_from: Option<usize>,
    newlines: input::Newlines,
    eof: bool,
    paused: Option<Outcome>,
    text: Run,
    /// In raw text, the length of `text` at the `<` of a possible end tag.
    text_mark: usize,
    tag: TagBuilder,
    comment: Run,
    doctype: DoctypeBuilder,
    /// The standard's temporary buffer, for names after `</` in raw text
    /// and for `script` in script data escapes (lowercased).
    temp: String,
    char_ref: CharRef,
    last_start_tag: Option<LocalName>,
    names: NameCache,
    /// Input-stream errors found in queued chunks, by absolute offset.
    stream_errors: VecDeque<(u64, TokenizerErrorCode)>,
    cursor: Cursor,
    /// The cursor at the start of the current chunk.
    chunk_cursor: Cursor,
}

impl<C: TokenConsumer> Tokenizer<C> {
    pub(crate) fn new(consumer: C, config: Config) -> Tokenizer<C> {
        let mut names = NameCache::new();
        let last_start_tag = config.last_start_tag.as_deref().map(|n| names.atom(n));
        let start = Cursor {
            offset: 0,
            line: 1,
            column: 1,
        };
        Tokenizer {
            consumer,
            state: config.initial_state.state(),
            return_state: State::Data,
            report_errors: config.report_errors,
            queue: VecDeque::new(),
            chunk: StrTendril::new(),
            pos: 0,
            chunk_offset: 0,
            carry_from: None,
            newlines: input::Newlines::default(),
            eof: false,
            paused: None,
            text: Run::default(),
            text_mark: 0,
            tag: TagBuilder::default(),
            comment: Run::default(),
            doctype: DoctypeBuilder::default(),
            temp: String::new(),
            char_ref: CharRef::default(),
            last_start_tag,
            names,
            stream_errors: VecDeque::new(),
            cursor: start,
            chunk_cursor: start,
        }
    }

    pub(crate) fn consumer(&self) -> &C {
        &self.consumer
    }

    pub(crate) fn into_consumer(self) -> C {
        self.consumer
    }

    /// Queues the next piece of the input.
    pub(crate) fn push(&mut self, piece: StrTendril) {
        let piece = self.newlines.normalise(piece);
        if piece.is_empty() {
            return;
        }
        if self.report_errors {
            let base = self.chunk_offset
                + self.chunk.len() as u64
                + self.queue.iter().map(|c| c.len() as u64).sum::<u64>();
            let errors = &mut self.stream_errors;
            input::stream_errors(&piece, |at, code| {
                errors.push_back((base + at as u64, code))
            });
        }
        self.queue.push_back(piece);
    }

    /// Tokenizes the queued input, until it is all read or the consumer
    /// asks for a pause.
    pub(crate) fn run(&mut self) -> Outcome {
        loop {
            if let Some(outcome) = self.paused.take() {
                return outcome;
            }
            if self.carry_from.is_none() && self.pos < self.chunk.len() {
                self.run_chunk();
                continue;
            }
            let Some(next) = self.queue.pop_front() else {
                return Outcome::Done;
            };
            self.next_chunk(next);
        }
    }

    /// Moves on to the next chunk, in front of which go the bytes a
    /// lookahead kept.
    fn next_chunk(&mut self, next: StrTendril) {
        let Some(keep) = self.carry_from.take() else {
            if !self.chunk.is_empty() {
                // Read to its end, but not let go of (a pause came last).
                let chunk = self.chunk.clone();
                self.end_of_chunk(&chunk);
            }
            self.chunk = next;
            return;
        };
        if self.report_errors {
            let end = self.chunk_offset + keep as u64;
            self.report_stream_errors(end);
            self.advance_cursor(end);
            self.chunk_cursor = self.cursor;
        }
        let mut joined = StrTendril::from_slice(&self.chunk[keep..]);
        joined.push_tendril(&next);
        self.chunk_offset += keep as u64;
        self.chunk = joined;
        self.pos = 0;
    }

    /// Ends the input: the end-of-file rules of the current state, then the
    /// end-of-file token.
    pub(crate) fn end(&mut self) {
        self.eof = true;
        // Bytes a lookahead kept are decided on now (they can only make a
        // comment or a doctype: no encoding declaration to pause for).
        self.carry_from = None;
        while self.pos < self.chunk.len() {
            self.run_chunk();
            if self.paused.take() == Some(Outcome::Stopped) {
                return;
            }
        }
        self.end_of_file();
        self.send(EOFToken);
        self.consumer.end();
    }

    // -----------------------------------------------------------------
    // Emitting

    /// Hands a token to the consumer and follows its answer.
    #[inline]
    fn send(&mut self, token: Token) {
        match self.consumer.token(token) {
            TokenSinkResult::Continue | TokenSinkResult::Script(_) => {}
            TokenSinkResult::Plaintext => self.state = State::Plaintext,
            TokenSinkResult::RawData(kind) => {
                use html5ever::tokenizer::states::RawKind;
                self.state = match kind {
                    RawKind::Rcdata => State::Rcdata,
                    RawKind::Rawtext => State::Rawtext,
                    RawKind::ScriptData => State::ScriptData,
                    RawKind::ScriptDataEscaped(_) => State::ScriptDataEscaped,
                }
            }
            TokenSinkResult::EncodingIndicator(_) => {
                self.paused.get_or_insert(Outcome::EncodingIndicator);
            }
        }
        if self.consumer.stopped() {
            self.paused = Some(Outcome::Stopped);
        }
    }

    /// Emits the pending text, up to `end` of the chunk, as one token.
    #[inline]
    fn emit_text(&mut self, chunk: &StrTendril, end: usize) {
        if self.text.is_active() {
            let text = self.text.take(chunk, end, 0);
            if !text.is_empty() {
                self.send(CharacterTokens(text));
            }
        }
    }

    /// Emits text that is not a copy of the input (a `<` or `</` that did
    /// not open a tag, after a chunk boundary).
    fn emit_literal(&mut self, chunk: &StrTendril, text: &str) {
        if !self.text.is_active() {
            self.text.begin(self.pos);
        }
        let end = self.pos;
        let len = self.text.len(end);
        self.text.truncate_and_push(chunk, end, len, text, end);
    }

    /// Emits the tag being built.
    fn emit_tag(&mut self, chunk: &StrTendril, at: usize) {
        self.finish_attribute(chunk, at);
        let tag = &mut self.tag;
        let kind = tag.kind.take().unwrap_or(StartTag);
        let name = tag.atom.take().unwrap_or(html5ever::local_name!(""));
        let self_closing = tag.self_closing;
        let had_duplicate_attributes = tag.had_duplicates;
        if !tag.attr_set.is_empty() {
            tag.attr_set.clear();
        }
        let attrs = if kind == EndTag {
            let has_attrs = !tag.attrs.is_empty();
            tag.attrs.clear();
            if has_attrs {
                self.error_at(TokenizerErrorCode::EndTagWithAttributes, at);
            }
            if self_closing {
                self.error_at(TokenizerErrorCode::EndTagWithTrailingSolidus, at);
            }
            Vec::new()
        } else {
            self.last_start_tag = Some(name.clone());
            std::mem::take(&mut tag.attrs)
        };
        self.state = State::Data;
        self.send(TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes,
        }));
    }

    /// Emits the comment being built, its text up to `end` without its last
    /// `trim` bytes.
    fn emit_comment(&mut self, chunk: &StrTendril, end: usize, trim: usize) {
        let text = self.comment.take(chunk, end, trim);
        self.send(CommentToken(text));
    }

    fn emit_doctype(&mut self) {
        let d = std::mem::take(&mut self.doctype);
        self.send(DoctypeToken(Doctype {
            name: d.name.map(|s| StrTendril::from_slice(&s)),
            public_id: d.public_id.map(|s| StrTendril::from_slice(&s)),
            system_id: d.system_id.map(|s| StrTendril::from_slice(&s)),
            force_quirks: d.force_quirks,
        }));
    }

    // -----------------------------------------------------------------
    // Errors and their positions

    /// Reports a parse error at the character at `at` of the chunk (the one
    /// being looked at), or at the end of the input when `at` is past it.
    #[inline]
    fn error_at(&mut self, code: TokenizerErrorCode, at: usize) {
        if self.report_errors {
            self.report(code, self.chunk_offset + at as u64);
        }
    }

    /// Reports a parse error at an absolute offset, after the input-stream
    /// errors before it.
    #[cold]
    fn report(&mut self, code: TokenizerErrorCode, offset: u64) {
        while let Some(&(at, stream_code)) = self.stream_errors.front() {
            if at > offset {
                break;
            }
            self.stream_errors.pop_front();
            let error = self.position(stream_code, at);
            self.consumer.error(error);
        }
        let error = self.position(code, offset);
        self.consumer.error(error);
    }

    /// Reports the input-stream errors up to `offset`.
    fn report_stream_errors(&mut self, offset: u64) {
        while let Some(&(at, code)) = self.stream_errors.front() {
            if at >= offset {
                break;
            }
            self.stream_errors.pop_front();
            let error = self.position(code, at);
            self.consumer.error(error);
        }
    }

    /// The error `code` at absolute `offset`, with its line and column.
    fn position(&mut self, code: TokenizerErrorCode, offset: u64) -> TokenizerError {
        let (line, column) = self.locate(offset);
        TokenizerError { code, line, column }
    }

    /// The line and column of absolute `offset`, in the current chunk or
    /// at its end.
    fn locate(&mut self, offset: u64) -> (u64, u64) {
        if offset < self.cursor.offset {
            // Behind the cursor: count again from the start of the chunk.
            self.cursor = self.chunk_cursor;
        }
        self.advance_cursor(offset);
        (
            self.cursor.line,
            self.cursor.column + offset.saturating_sub(self.cursor.offset),
        )
    }

    /// Moves the cursor forward to `offset` (or the end of the chunk),
    /// counting lines and characters.
    fn advance_cursor(&mut self, offset: u64) {
        let start = self.cursor.offset.saturating_sub(self.chunk_offset) as usize;
        let end = (offset.saturating_sub(self.chunk_offset) as usize).min(self.chunk.len());
        if start >= end {
            return;
        }
        for &b in &self.chunk.as_bytes()[start..end] {
            if b == b'\n' {
                self.cursor.line += 1;
                self.cursor.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Columns count UTF-16 code units, as html5lib's tests do.
                self.cursor.column += if b >= 0xF0 { 2 } else { 1 };
            }
        }
        self.cursor.offset = self.chunk_offset + end as u64;
    }

    // -----------------------------------------------------------------
    // Tags and attributes

    fn start_tag_token(&mut self, kind: TagKind, pos: usize) {
        self.tag.kind = Some(kind);
        self.tag.name.begin(pos);
        self.tag.atom = None;
        self.tag.self_closing = false;
        self.tag.attrs.clear();
        self.tag.had_duplicates = false;
        self.tag.pending = None;
    }

    /// The tag name is read up to `end`.
    fn end_tag_name(&mut self, chunk: &StrTendril, end: usize) {
        let name = self.tag.name.as_str(chunk, end);
        let atom = self.names.atom(&name);
        drop(name);
        self.tag.name.clear();
        self.tag.atom = Some(atom);
    }

    /// A new attribute whose name starts at `pos`.
    fn start_attribute(&mut self, chunk: &StrTendril, pos: usize) {
        self.finish_attribute(chunk, pos);
        self.tag.attr_name.begin(pos);
    }

    /// The attribute name is read up to `end`; `at` is the character that
    /// ended it, where a duplicate is reported.
    fn end_attribute_name(&mut self, chunk: &StrTendril, end: usize, at: usize) {
        let name = self.tag.attr_name.as_str(chunk, end);
        let atom = self.names.atom(&name);
        drop(name);
        self.tag.attr_name.clear();
        let tag = &mut self.tag;
        let duplicate = if tag.attrs.len() < 8 {
            tag.attrs.iter().any(|a| a.name.local == atom)
        } else {
            if tag.attr_set.is_empty() {
                tag.attr_set
                    .extend(tag.attrs.iter().map(|a| a.name.local.clone()));
            }
            !tag.attr_set.insert(atom.clone())
        };
        if duplicate {
            tag.had_duplicates = true;
            tag.pending = Some(None);
            self.error_at(TokenizerErrorCode::DuplicateAttribute, at);
        } else {
            tag.pending = Some(Some(atom));
        }
    }

    /// The pending attribute is complete, with the value read up to `end`
    /// (or no value).
    fn finish_attribute(&mut self, chunk: &StrTendril, end: usize) {
        let Some(name) = self.tag.pending.take() else {
            return;
        };
        let value = if self.tag.attr_value.is_active() {
            self.tag.attr_value.take(chunk, end, 0)
        } else {
            StrTendril::new()
        };
        if let Some(local) = name {
            self.tag.attrs.push(Attribute {
                name: QualName::new(None, ns!(), local),
                value,
            });
        }
    }

    /// Whether the end tag name in `temp` is the last start tag's.
    fn appropriate_end_tag(&self) -> bool {
        self.last_start_tag
            .as_ref()
            .is_some_and(|last| **last == *self.temp)
    }

    // -----------------------------------------------------------------
    // Character references

    /// A `&` at `at` starts a character reference read into the run of
    /// `return_state`.
    fn start_char_ref(&mut self, return_state: State, at: usize) {
        self.return_state = return_state;
        let run = if self.in_attribute() {
            &self.tag.attr_value
        } else {
            &self.text
        };
        self.char_ref.mark = run.len(at);
        self.char_ref.amp = self.chunk_offset + at as u64;
        if self.report_errors {
            // A missing semicolon is reported once the name is read, maybe
            // in a later chunk: where the `&` is, is known now.
            self.char_ref.amp_at = self.locate(self.char_ref.amp);
        }
        self.char_ref.name_len = 0;
        self.char_ref.best = None;
        self.char_ref.code = 0;
        self.state = State::CharacterReference;
    }

    fn in_attribute(&self) -> bool {
        matches!(
            self.return_state,
            State::AttributeValueQuoted(_) | State::AttributeValueUnquoted
        )
    }

    /// The reference stands for `text`: it replaces what was read since the
    /// `&`, and reading goes on at `resume`.
    fn resolve_char_ref(&mut self, chunk: &StrTendril, end: usize, text: &str, resume: usize) {
        let mark = self.char_ref.mark;
        let run = if self.in_attribute() {
            &mut self.tag.attr_value
        } else {
            &mut self.text
        };
        run.truncate_and_push(chunk, end, mark, text, resume);
        self.state = self.return_state;
    }

    /// A named reference is read as far as the table has names: decides
    /// what it stands for. `pos` is the first byte not read (`None` at the
    /// end of the input).
    fn finish_named_ref(&mut self, chunk: &StrTendril, pos: usize, next: Option<u8>) {
        let name_len = self.char_ref.name_len;
        let Some((len, chars)) = self.char_ref.best else {
            // No name: the characters stay as they are.
            self.state = State::AmbiguousAmpersand;
            return;
        };
        let last = self.char_ref.name[len - 1];
        let after = if len < name_len {
            Some(self.char_ref.name[len])
        } else {
            next
        };
        if last != b';'
            && self.in_attribute()
            && after.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric())
        {
            // Historical: in an attribute, `&amp=` and `&ampx` stay text.
            self.state = self.return_state;
            return;
        }
        if last != b';' && self.report_errors {
            // The error is at the character after the name (which may be in
            // an earlier chunk than the current one): the `&` and the name
            // are on one line, in ASCII.
            let at = self.char_ref.amp + 1 + len as u64;
            self.report_stream_errors(at + 1);
            let (line, column) = self.char_ref.amp_at;
            self.consumer.error(TokenizerError {
                code: TokenizerErrorCode::MissingSemicolonAfterCharacterReference,
                line,
                column: column + 1 + len as u64,
            });
        }
        let mut buf = [0u8; 8];
        let replacement = char_ref::chars_text(chars, &mut buf);
        if len == name_len {
            self.resolve_char_ref(chunk, pos, replacement, pos);
        } else {
            // Names read past the match are text again (ASCII alphanumerics,
            // plain in every state a reference returns to).
            let mut text = String::with_capacity(replacement.len() + name_len - len);
            text.push_str(replacement);
            text.push_str(std::str::from_utf8(&self.char_ref.name[len..name_len]).expect("ASCII"));
            self.resolve_char_ref(chunk, pos, &text, pos);
        }
    }

    /// A numeric reference ends before `pos`: its character replaces it.
    fn finish_numeric_ref(&mut self, chunk: &StrTendril, pos: usize) {
        let (c, error) = char_ref::numeric(self.char_ref.code);
        if let Some(code) = error {
            self.error_at(code, pos);
        }
        let mut buf = [0u8; 4];
        let text = c.encode_utf8(&mut buf);
        self.resolve_char_ref(chunk, pos, text, pos);
    }

    /// Common references (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&nbsp;`) read
    /// at once when the chunk holds them whole: the length after the `&`
    /// and the text. Anything else takes the states.
    #[inline]
    fn quick_char_ref(rest: &[u8]) -> Option<(usize, &'static str)> {
        match rest {
            [b'a', b'm', b'p', b';', ..] => Some((4, "&")),
            [b'l', b't', b';', ..] => Some((3, "<")),
            [b'g', b't', b';', ..] => Some((3, ">")),
            [b'q', b'u', b'o', b't', b';', ..] => Some((5, "\"")),
            [b'n', b'b', b's', b'p', b';', ..] => Some((5, "\u{a0}")),
            _ => None,
        }
    }

    // -----------------------------------------------------------------
    // The state machine

    /// Tokenizes the current chunk from `self.pos` to its end, or until a
    /// pause or a lookahead that needs the next chunk.
    fn run_chunk(&mut self) {
        let chunk = self.chunk.clone();
        let bytes = chunk.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        use TokenizerErrorCode as E;

        // The byte at `pos`, or the end of the chunk: leave the loop, and
        // at the end of the input run the end-of-file rules.
        macro_rules! next_byte {
            () => {
                match bytes.get(pos) {
                    Some(&b) => b,
                    None => break,
                }
            };
        }
        // A lookahead needs `$n` bytes from `pos` that the chunk does not
        // have: keep them for the next chunk (or decide at the end of the
        // input).
        macro_rules! need {
            ($n:expr) => {
                if pos + $n > len && !self.eof {
                    self.carry_from = Some(pos);
                    self.pos = pos;
                    return;
                }
            };
        }

        loop {
            if self.paused.is_some() {
                break;
            }
            match self.state {
                State::Data => {
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    let Some(found) = memchr3(b'<', b'&', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    match bytes[at] {
                        b'&' => {
                            if let Some((n, text)) = Self::quick_char_ref(&bytes[at + 1..]) {
                                let mark = self.text.len(at);
                                self.text
                                    .truncate_and_push(&chunk, at, mark, text, at + 1 + n);
                                pos = at + 1 + n;
                            } else {
                                self.start_char_ref(State::Data, at);
                                pos = at + 1;
                            }
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            self.emit_text(&chunk, at);
                            self.send(NullCharacterToken);
                            pos = at + 1;
                        }
                        _ => match bytes.get(at + 1) {
                            Some(&b)
                                if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?') =>
                            {
                                self.emit_text(&chunk, at);
                                pos = at + 1;
                                if let Some(end) = self.whole_tag(&chunk, at) {
                                    pos = end;
                                } else {
                                    self.state = State::TagOpen;
                                }
                            }
                            Some(_) => {
                                // Not a tag: the `<` is text.
                                self.error_at(E::InvalidFirstCharacterOfTagName, at + 1);
                                pos = at + 1;
                            }
                            None => {
                                self.emit_text(&chunk, at);
                                pos = at + 1;
                                self.state = State::TagOpen;
                            }
                        },
                    }
                }

                State::Rcdata | State::Rawtext | State::ScriptData | State::Plaintext => {
                    let state = self.state;
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    let rest = &bytes[pos..];
                    let found = match state {
                        State::Rcdata => memchr3(b'<', b'&', b'\0', rest),
                        State::Plaintext => memchr(b'\0', rest),
                        _ => memchr2(b'<', b'\0', rest),
                    };
                    let Some(found) = found else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    match bytes[at] {
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            let mark = self.text.len(at);
                            self.text
                                .truncate_and_push(&chunk, at, mark, "\u{fffd}", at + 1);
                            pos = at + 1;
                        }
                        b'&' => {
                            self.start_char_ref(State::Rcdata, at);
                            pos = at + 1;
                        }
                        _ => {
                            let raw = match state {
                                State::Rcdata => Raw::Rcdata,
                                State::Rawtext => Raw::Rawtext,
                                _ => Raw::ScriptData,
                            };
                            if let Some(end) = self.quick_end_tag(bytes, at) {
                                self.emit_text(&chunk, at);
                                self.temp.clear();
                                pos = self.raw_end_tag_found(&chunk, bytes, at, end);
                            } else {
                                self.text_mark = self.text.len(at);
                                pos = at + 1;
                                self.state = State::RawLessThanSign(raw);
                            }
                        }
                    }
                }

                State::TagOpen => {
                    let b = next_byte!();
                    if b.is_ascii_alphabetic() {
                        self.start_tag_token(StartTag, pos);
                        self.state = State::TagName;
                    } else {
                        match b {
                            b'!' => {
                                pos += 1;
                                self.state = State::MarkupDeclarationOpen;
                            }
                            b'/' => {
                                pos += 1;
                                self.state = State::EndTagOpen;
                            }
                            b'?' => {
                                self.error_at(E::UnexpectedQuestionMarkInsteadOfTagName, pos);
                                self.comment.begin(pos);
                                self.state = State::BogusComment;
                            }
                            _ => {
                                self.error_at(E::InvalidFirstCharacterOfTagName, pos);
                                self.pos = pos;
                                self.emit_literal(&chunk, "<");
                                self.state = State::Data;
                            }
                        }
                    }
                }

                State::EndTagOpen => {
                    let b = next_byte!();
                    if b.is_ascii_alphabetic() {
                        self.start_tag_token(EndTag, pos);
                        self.state = State::TagName;
                    } else if b == b'>' {
                        self.error_at(E::MissingEndTagName, pos);
                        pos += 1;
                        self.state = State::Data;
                    } else {
                        self.error_at(E::InvalidFirstCharacterOfTagName, pos);
                        self.comment.begin(pos);
                        self.state = State::BogusComment;
                    }
                }

                State::TagName => {
                    // Plain lowercase names are read in one go.
                    let mut at = pos;
                    while at < len {
                        let b = bytes[at];
                        if is_space(b) || matches!(b, b'/' | b'>' | b'\0') || b.is_ascii_uppercase()
                        {
                            break;
                        }
                        at += 1;
                    }
                    pos = at;
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => {
                            self.end_tag_name(&chunk, pos);
                            pos += 1;
                            self.state = State::BeforeAttributeName;
                        }
                        b'/' => {
                            self.end_tag_name(&chunk, pos);
                            pos += 1;
                            self.state = State::SelfClosingStartTag;
                        }
                        b'>' => {
                            self.end_tag_name(&chunk, pos);
                            self.emit_tag(&chunk, pos);
                            pos += 1;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.tag.name.len(pos);
                            self.tag
                                .name
                                .truncate_and_push(&chunk, pos, mark, "\u{fffd}", pos + 1);
                            pos += 1;
                        }
                        _ => {
                            // Upper case.
                            let lower = (b.to_ascii_lowercase() as char).to_string();
                            let mark = self.tag.name.len(pos);
                            self.tag
                                .name
                                .truncate_and_push(&chunk, pos, mark, &lower, pos + 1);
                            pos += 1;
                        }
                    }
                }

                State::RawLessThanSign(raw) => {
                    let b = next_byte!();
                    if b == b'/' {
                        self.temp.clear();
                        pos += 1;
                        self.state = State::RawEndTagOpen(raw);
                    } else if b == b'!' && raw == Raw::ScriptData {
                        pos += 1;
                        self.state = State::ScriptDataEscapeStart;
                    } else if raw == Raw::ScriptDataEscaped && b.is_ascii_alphabetic() {
                        self.temp.clear();
                        self.state = State::ScriptDataDoubleEscapeStart;
                    } else {
                        // The `<` was text.
                        self.state = raw.state();
                    }
                }

                State::RawEndTagOpen(raw) => {
                    let b = next_byte!();
                    if b.is_ascii_alphabetic() {
                        self.state = State::RawEndTagName(raw);
                    } else {
                        // `</` was text.
                        self.state = raw.state();
                    }
                }

                State::RawEndTagName(raw) => {
                    let b = next_byte!();
                    if b.is_ascii_alphabetic() {
                        self.temp.push(b.to_ascii_lowercase() as char);
                        pos += 1;
                        continue;
                    }
                    if (is_space(b) || b == b'/' || b == b'>') && self.appropriate_end_tag() {
                        self.emit_raw_text_before_end_tag(&chunk, pos);
                        self.start_tag_token(EndTag, pos);
                        self.tag.name.clear();
                        let name = std::mem::take(&mut self.temp);
                        self.tag.atom = Some(self.names.atom(&name));
                        self.temp = name;
                        match b {
                            b'/' => {
                                pos += 1;
                                self.state = State::SelfClosingStartTag;
                            }
                            b'>' => {
                                self.emit_tag(&chunk, pos);
                                pos += 1;
                            }
                            _ => {
                                pos += 1;
                                self.state = State::BeforeAttributeName;
                            }
                        }
                    } else {
                        // Not the end tag: `</` and the name were text.
                        self.state = raw.state();
                    }
                }

                State::ScriptDataEscapeStart => {
                    let b = next_byte!();
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    if b == b'-' {
                        pos += 1;
                        self.state = State::ScriptDataEscapeStartDash;
                    } else {
                        self.state = State::ScriptData;
                    }
                }

                State::ScriptDataEscapeStartDash => {
                    let b = next_byte!();
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    if b == b'-' {
                        pos += 1;
                        self.state = State::ScriptDataEscapedDashDash;
                    } else {
                        self.state = State::ScriptData;
                    }
                }

                State::ScriptDataEscaped | State::ScriptDataDoubleEscaped => {
                    let escaped = self.state == State::ScriptDataEscaped;
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    let Some(found) = memchr3(b'-', b'<', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    match bytes[at] {
                        b'-' => {
                            self.state = if escaped {
                                State::ScriptDataEscapedDash
                            } else {
                                State::ScriptDataDoubleEscapedDash
                            };
                        }
                        b'<' => {
                            if escaped {
                                self.text_mark = self.text.len(at);
                                self.state = State::RawLessThanSign(Raw::ScriptDataEscaped);
                            } else {
                                self.state = State::ScriptDataDoubleEscapedLessThanSign;
                            }
                        }
                        _ => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            let mark = self.text.len(at);
                            self.text
                                .truncate_and_push(&chunk, at, mark, "\u{fffd}", at + 1);
                        }
                    }
                }

                State::ScriptDataEscapedDash
                | State::ScriptDataEscapedDashDash
                | State::ScriptDataDoubleEscapedDash
                | State::ScriptDataDoubleEscapedDashDash => {
                    let escaped = matches!(
                        self.state,
                        State::ScriptDataEscapedDash | State::ScriptDataEscapedDashDash
                    );
                    let dash_dash = matches!(
                        self.state,
                        State::ScriptDataEscapedDashDash | State::ScriptDataDoubleEscapedDashDash
                    );
                    let plain = if escaped {
                        State::ScriptDataEscaped
                    } else {
                        State::ScriptDataDoubleEscaped
                    };
                    let b = next_byte!();
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    match b {
                        b'-' => {
                            pos += 1;
                            self.state = if escaped {
                                State::ScriptDataEscapedDashDash
                            } else {
                                State::ScriptDataDoubleEscapedDashDash
                            };
                        }
                        b'<' => {
                            if escaped {
                                self.text_mark = self.text.len(pos);
                                self.state = State::RawLessThanSign(Raw::ScriptDataEscaped);
                            } else {
                                self.state = State::ScriptDataDoubleEscapedLessThanSign;
                            }
                            pos += 1;
                        }
                        b'>' if dash_dash => {
                            pos += 1;
                            self.state = State::ScriptData;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.text.len(pos);
                            self.text
                                .truncate_and_push(&chunk, pos, mark, "\u{fffd}", pos + 1);
                            pos += 1;
                            self.state = plain;
                        }
                        _ => {
                            pos += 1;
                            self.state = plain;
                        }
                    }
                }

                State::ScriptDataDoubleEscapeStart | State::ScriptDataDoubleEscapeEnd => {
                    let start = self.state == State::ScriptDataDoubleEscapeStart;
                    let b = next_byte!();
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    if is_space(b) || b == b'/' || b == b'>' {
                        let script = self.temp == "script";
                        self.state = match (start, script) {
                            (true, true) | (false, false) => State::ScriptDataDoubleEscaped,
                            (true, false) | (false, true) => State::ScriptDataEscaped,
                        };
                        pos += 1;
                    } else if b.is_ascii_alphabetic() {
                        self.temp.push(b.to_ascii_lowercase() as char);
                        pos += 1;
                    } else {
                        self.state = if start {
                            State::ScriptDataEscaped
                        } else {
                            State::ScriptDataDoubleEscaped
                        };
                    }
                }

                State::ScriptDataDoubleEscapedLessThanSign => {
                    let b = next_byte!();
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    if b == b'/' {
                        self.temp.clear();
                        pos += 1;
                        self.state = State::ScriptDataDoubleEscapeEnd;
                    } else {
                        self.state = State::ScriptDataDoubleEscaped;
                    }
                }

                State::BeforeAttributeName => {
                    while pos < len && is_space(bytes[pos]) {
                        pos += 1;
                    }
                    let b = next_byte!();
                    match b {
                        b'/' | b'>' => self.state = State::AfterAttributeName,
                        b'=' => {
                            self.error_at(E::UnexpectedEqualsSignBeforeAttributeName, pos);
                            self.start_attribute(&chunk, pos);
                            pos += 1;
                            self.state = State::AttributeName;
                        }
                        _ => {
                            self.start_attribute(&chunk, pos);
                            self.state = State::AttributeName;
                        }
                    }
                }

                State::AttributeName => {
                    let mut at = pos;
                    while at < len {
                        let b = bytes[at];
                        if is_space(b)
                            || matches!(b, b'/' | b'>' | b'=' | b'\0' | b'"' | b'\'' | b'<')
                            || b.is_ascii_uppercase()
                        {
                            break;
                        }
                        at += 1;
                    }
                    pos = at;
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>' => {
                            self.end_attribute_name(&chunk, pos, pos);
                            self.state = State::AfterAttributeName;
                        }
                        b'=' => {
                            self.end_attribute_name(&chunk, pos, pos);
                            pos += 1;
                            self.state = State::BeforeAttributeValue;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.tag.attr_name.len(pos);
                            self.tag.attr_name.truncate_and_push(
                                &chunk,
                                pos,
                                mark,
                                "\u{fffd}",
                                pos + 1,
                            );
                            pos += 1;
                        }
                        b'"' | b'\'' | b'<' => {
                            self.error_at(E::UnexpectedCharacterInAttributeName, pos);
                            pos += 1;
                        }
                        _ => {
                            let lower = (b.to_ascii_lowercase() as char).to_string();
                            let mark = self.tag.attr_name.len(pos);
                            self.tag.attr_name.truncate_and_push(
                                &chunk,
                                pos,
                                mark,
                                &lower,
                                pos + 1,
                            );
                            pos += 1;
                        }
                    }
                }

                State::AfterAttributeName => {
                    while pos < len && is_space(bytes[pos]) {
                        pos += 1;
                    }
                    let b = next_byte!();
                    match b {
                        b'/' => {
                            pos += 1;
                            self.state = State::SelfClosingStartTag;
                        }
                        b'=' => {
                            pos += 1;
                            self.state = State::BeforeAttributeValue;
                        }
                        b'>' => {
                            self.emit_tag(&chunk, pos);
                            pos += 1;
                        }
                        _ => {
                            self.start_attribute(&chunk, pos);
                            self.state = State::AttributeName;
                        }
                    }
                }

                State::BeforeAttributeValue => {
                    while pos < len && is_space(bytes[pos]) {
                        pos += 1;
                    }
                    let b = next_byte!();
                    match b {
                        b'"' => {
                            pos += 1;
                            self.tag.attr_value.begin(pos);
                            self.state = State::AttributeValueQuoted(Quote::Double);
                        }
                        b'\'' => {
                            pos += 1;
                            self.tag.attr_value.begin(pos);
                            self.state = State::AttributeValueQuoted(Quote::Single);
                        }
                        b'>' => {
                            self.error_at(E::MissingAttributeValue, pos);
                            self.emit_tag(&chunk, pos);
                            pos += 1;
                        }
                        _ => {
                            self.tag.attr_value.begin(pos);
                            self.state = State::AttributeValueUnquoted;
                        }
                    }
                }

                State::AttributeValueQuoted(quote) => {
                    let Some(found) = memchr3(quote.byte(), b'&', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    match bytes[at] {
                        b'&' => {
                            if let Some((n, text)) = Self::quick_char_ref(&bytes[at + 1..]) {
                                let mark = self.tag.attr_value.len(at);
                                self.tag.attr_value.truncate_and_push(
                                    &chunk,
                                    at,
                                    mark,
                                    text,
                                    at + 1 + n,
                                );
                                pos = at + 1 + n;
                            } else {
                                self.start_char_ref(State::AttributeValueQuoted(quote), at);
                                pos = at + 1;
                            }
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            let mark = self.tag.attr_value.len(at);
                            self.tag.attr_value.truncate_and_push(
                                &chunk,
                                at,
                                mark,
                                "\u{fffd}",
                                at + 1,
                            );
                            pos = at + 1;
                        }
                        _ => {
                            self.finish_attribute(&chunk, at);
                            pos = at + 1;
                            self.state = State::AfterAttributeValueQuoted;
                        }
                    }
                }

                State::AttributeValueUnquoted => {
                    let mut at = pos;
                    while at < len {
                        let b = bytes[at];
                        if is_space(b)
                            || matches!(b, b'&' | b'>' | b'\0' | b'"' | b'\'' | b'<' | b'=' | b'`')
                        {
                            break;
                        }
                        at += 1;
                    }
                    pos = at;
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => {
                            self.finish_attribute(&chunk, pos);
                            pos += 1;
                            self.state = State::BeforeAttributeName;
                        }
                        b'&' => {
                            self.start_char_ref(State::AttributeValueUnquoted, pos);
                            pos += 1;
                        }
                        b'>' => {
                            self.emit_tag(&chunk, pos);
                            pos += 1;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.tag.attr_value.len(pos);
                            self.tag.attr_value.truncate_and_push(
                                &chunk,
                                pos,
                                mark,
                                "\u{fffd}",
                                pos + 1,
                            );
                            pos += 1;
                        }
                        _ => {
                            self.error_at(E::UnexpectedCharacterInUnquotedAttributeValue, pos);
                            pos += 1;
                        }
                    }
                }

                State::AfterAttributeValueQuoted => {
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => {
                            pos += 1;
                            self.state = State::BeforeAttributeName;
                        }
                        b'/' => {
                            pos += 1;
                            self.state = State::SelfClosingStartTag;
                        }
                        b'>' => {
                            self.emit_tag(&chunk, pos);
                            pos += 1;
                        }
                        _ => {
                            self.error_at(E::MissingWhitespaceBetweenAttributes, pos);
                            self.state = State::BeforeAttributeName;
                        }
                    }
                }

                State::SelfClosingStartTag => {
                    let b = next_byte!();
                    if b == b'>' {
                        self.tag.self_closing = true;
                        self.emit_tag(&chunk, pos);
                        pos += 1;
                    } else {
                        self.error_at(E::UnexpectedSolidusInTag, pos);
                        self.state = State::BeforeAttributeName;
                    }
                }

                State::BogusComment => {
                    let Some(found) = memchr2(b'>', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    if bytes[at] == b'>' {
                        self.emit_comment(&chunk, at, 0);
                        self.state = State::Data;
                    } else {
                        self.error_at(E::UnexpectedNullCharacter, at);
                        let mark = self.comment.len(at);
                        self.comment
                            .truncate_and_push(&chunk, at, mark, "\u{fffd}", at + 1);
                    }
                    pos = at + 1;
                }

                State::MarkupDeclarationOpen => {
                    let rest = &bytes[pos..];
                    if rest.starts_with(b"--") {
                        pos += 2;
                        self.comment.begin(pos);
                        self.state = State::CommentStart;
                    } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"DOCTYPE") {
                        pos += 7;
                        self.state = State::Doctype;
                    } else if rest.starts_with(b"[CDATA[") {
                        pos += 7;
                        if self.consumer.in_foreign_content() {
                            self.text.begin(pos);
                            self.state = State::CdataSection;
                        } else {
                            self.error_at(E::CdataInHtmlContent, pos - 1);
                            self.comment.begin(pos - 7);
                            self.state = State::BogusComment;
                        }
                    } else if rest.len() < 7
                        && (b"--".starts_with(&rest[..rest.len().min(2)])
                            || rest.eq_ignore_ascii_case(&b"DOCTYPE"[..rest.len()])
                            || rest == &b"[CDATA["[..rest.len()])
                        && !self.eof
                    {
                        need!(7);
                    } else {
                        self.error_at(E::IncorrectlyOpenedComment, pos);
                        self.comment.begin(pos);
                        self.state = State::BogusComment;
                    }
                }

                State::CommentStart => {
                    let b = next_byte!();
                    match b {
                        b'-' => {
                            pos += 1;
                            self.state = State::CommentStartDash;
                        }
                        b'>' => {
                            self.error_at(E::AbruptClosingOfEmptyComment, pos);
                            self.emit_comment(&chunk, pos, 0);
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => self.state = State::Comment,
                    }
                }

                State::CommentStartDash => {
                    let b = next_byte!();
                    match b {
                        b'-' => {
                            pos += 1;
                            self.state = State::CommentEnd;
                        }
                        b'>' => {
                            self.error_at(E::AbruptClosingOfEmptyComment, pos);
                            self.emit_comment(&chunk, pos, 1);
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => self.state = State::Comment,
                    }
                }

                State::Comment => {
                    let found = if self.report_errors {
                        memchr3(b'-', b'<', b'\0', &bytes[pos..])
                    } else {
                        memchr2(b'-', b'\0', &bytes[pos..])
                    };
                    let Some(found) = found else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    match bytes[at] {
                        b'-' => self.state = State::CommentEndDash,
                        b'<' => self.state = State::CommentLessThanSign,
                        _ => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            let mark = self.comment.len(at);
                            self.comment
                                .truncate_and_push(&chunk, at, mark, "\u{fffd}", at + 1);
                        }
                    }
                }

                State::CommentLessThanSign => {
                    let b = next_byte!();
                    match b {
                        b'!' => {
                            pos += 1;
                            self.state = State::CommentLessThanSignBang;
                        }
                        b'<' => pos += 1,
                        _ => self.state = State::Comment,
                    }
                }

                State::CommentLessThanSignBang => {
                    let b = next_byte!();
                    if b == b'-' {
                        pos += 1;
                        self.state = State::CommentLessThanSignBangDash;
                    } else {
                        self.state = State::Comment;
                    }
                }

                State::CommentLessThanSignBangDash => {
                    let b = next_byte!();
                    if b == b'-' {
                        pos += 1;
                        self.state = State::CommentLessThanSignBangDashDash;
                    } else {
                        // The dash is the start of a comment end.
                        self.state = State::CommentEndDash;
                    }
                }

                State::CommentLessThanSignBangDashDash => {
                    let b = next_byte!();
                    if b != b'>' {
                        self.error_at(E::NestedComment, pos);
                    }
                    self.state = State::CommentEnd;
                }

                State::CommentEndDash => {
                    let b = next_byte!();
                    if b == b'-' {
                        pos += 1;
                        self.state = State::CommentEnd;
                    } else {
                        self.state = State::Comment;
                    }
                }

                State::CommentEnd => {
                    let b = next_byte!();
                    match b {
                        b'>' => {
                            self.emit_comment(&chunk, pos, 2);
                            pos += 1;
                            self.state = State::Data;
                        }
                        b'!' => {
                            pos += 1;
                            self.state = State::CommentEndBang;
                        }
                        b'-' => pos += 1,
                        _ => self.state = State::Comment,
                    }
                }

                State::CommentEndBang => {
                    let b = next_byte!();
                    match b {
                        b'-' => {
                            pos += 1;
                            self.state = State::CommentEndDash;
                        }
                        b'>' => {
                            self.error_at(E::IncorrectlyClosedComment, pos);
                            self.emit_comment(&chunk, pos, 3);
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => self.state = State::Comment,
                    }
                }

                State::Doctype => {
                    let b = next_byte!();
                    if is_space(b) {
                        pos += 1;
                    } else if b != b'>' {
                        self.error_at(E::MissingWhitespaceBeforeDoctypeName, pos);
                    }
                    self.state = State::BeforeDoctypeName;
                }

                State::BeforeDoctypeName => {
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => pos += 1,
                        b'>' => {
                            self.error_at(E::MissingDoctypeName, pos);
                            self.doctype.force_quirks = true;
                            self.emit_doctype();
                            pos += 1;
                            self.state = State::Data;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            self.doctype.name = Some("\u{fffd}".to_owned());
                            pos += 1;
                            self.state = State::DoctypeName;
                        }
                        _ => {
                            self.doctype.name = Some(String::new());
                            self.state = State::DoctypeName;
                        }
                    }
                }

                State::DoctypeName => {
                    let b = next_byte!();
                    pos += 1;
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => self.state = State::AfterDoctypeName,
                        b'>' => {
                            self.emit_doctype();
                            self.state = State::Data;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos - 1);
                            push_doctype(&mut self.doctype.name, "\u{fffd}");
                        }
                        _ => {
                            let end = char_end(bytes, pos - 1);
                            let text = chunk[pos - 1..end].to_ascii_lowercase();
                            push_doctype(&mut self.doctype.name, &text);
                            pos = end;
                        }
                    }
                }

                State::AfterDoctypeName => {
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => pos += 1,
                        b'>' => {
                            self.emit_doctype();
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => {
                            need!(6);
                            let rest = &bytes[pos..];
                            if rest.len() >= 6 && rest[..6].eq_ignore_ascii_case(b"PUBLIC") {
                                pos += 6;
                                self.state = State::AfterDoctypePublicKeyword;
                            } else if rest.len() >= 6 && rest[..6].eq_ignore_ascii_case(b"SYSTEM") {
                                pos += 6;
                                self.state = State::AfterDoctypeSystemKeyword;
                            } else {
                                self.error_at(E::InvalidCharacterSequenceAfterDoctypeName, pos);
                                self.doctype.force_quirks = true;
                                self.state = State::BogusDoctype;
                            }
                        }
                    }
                }

                State::AfterDoctypePublicKeyword | State::AfterDoctypeSystemKeyword => {
                    let public = self.state == State::AfterDoctypePublicKeyword;
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => {
                            pos += 1;
                            self.state = if public {
                                State::BeforeDoctypePublicIdentifier
                            } else {
                                State::BeforeDoctypeSystemIdentifier
                            };
                        }
                        b'"' | b'\'' => {
                            self.error_at(
                                if public {
                                    E::MissingWhitespaceAfterDoctypePublicKeyword
                                } else {
                                    E::MissingWhitespaceAfterDoctypeSystemKeyword
                                },
                                pos,
                            );
                            self.open_doctype_id(public, b);
                            pos += 1;
                        }
                        b'>' => {
                            self.error_at(
                                if public {
                                    E::MissingDoctypePublicIdentifier
                                } else {
                                    E::MissingDoctypeSystemIdentifier
                                },
                                pos,
                            );
                            self.doctype.force_quirks = true;
                            self.emit_doctype();
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => {
                            self.error_at(
                                if public {
                                    E::MissingQuoteBeforeDoctypePublicIdentifier
                                } else {
                                    E::MissingQuoteBeforeDoctypeSystemIdentifier
                                },
                                pos,
                            );
                            self.doctype.force_quirks = true;
                            self.state = State::BogusDoctype;
                        }
                    }
                }

                State::BeforeDoctypePublicIdentifier | State::BeforeDoctypeSystemIdentifier => {
                    let public = self.state == State::BeforeDoctypePublicIdentifier;
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => pos += 1,
                        b'"' | b'\'' => {
                            self.open_doctype_id(public, b);
                            pos += 1;
                        }
                        b'>' => {
                            self.error_at(
                                if public {
                                    E::MissingDoctypePublicIdentifier
                                } else {
                                    E::MissingDoctypeSystemIdentifier
                                },
                                pos,
                            );
                            self.doctype.force_quirks = true;
                            self.emit_doctype();
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => {
                            self.error_at(
                                if public {
                                    E::MissingQuoteBeforeDoctypePublicIdentifier
                                } else {
                                    E::MissingQuoteBeforeDoctypeSystemIdentifier
                                },
                                pos,
                            );
                            self.doctype.force_quirks = true;
                            self.state = State::BogusDoctype;
                        }
                    }
                }

                State::DoctypePublicIdentifier(quote) | State::DoctypeSystemIdentifier(quote) => {
                    let public = matches!(self.state, State::DoctypePublicIdentifier(_));
                    let b = next_byte!();
                    pos += 1;
                    let id = if public {
                        &mut self.doctype.public_id
                    } else {
                        &mut self.doctype.system_id
                    };
                    if b == quote.byte() {
                        self.state = if public {
                            State::AfterDoctypePublicIdentifier
                        } else {
                            State::AfterDoctypeSystemIdentifier
                        };
                    } else if b == b'\0' {
                        push_doctype(id, "\u{fffd}");
                        self.error_at(E::UnexpectedNullCharacter, pos - 1);
                    } else if b == b'>' {
                        self.error_at(
                            if public {
                                E::AbruptDoctypePublicIdentifier
                            } else {
                                E::AbruptDoctypeSystemIdentifier
                            },
                            pos - 1,
                        );
                        self.doctype.force_quirks = true;
                        self.emit_doctype();
                        self.state = State::Data;
                    } else {
                        let end = char_end(bytes, pos - 1);
                        push_doctype(id, &chunk[pos - 1..end]);
                        pos = end;
                    }
                }

                State::AfterDoctypePublicIdentifier
                | State::BetweenDoctypePublicAndSystemIdentifiers => {
                    let after = self.state == State::AfterDoctypePublicIdentifier;
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => {
                            pos += 1;
                            self.state = State::BetweenDoctypePublicAndSystemIdentifiers;
                        }
                        b'>' => {
                            self.emit_doctype();
                            pos += 1;
                            self.state = State::Data;
                        }
                        b'"' | b'\'' => {
                            if after {
                                self.error_at(
                                    E::MissingWhitespaceBetweenDoctypePublicAndSystemIdentifiers,
                                    pos,
                                );
                            }
                            self.open_doctype_id(false, b);
                            pos += 1;
                        }
                        _ => {
                            self.error_at(E::MissingQuoteBeforeDoctypeSystemIdentifier, pos);
                            self.doctype.force_quirks = true;
                            self.state = State::BogusDoctype;
                        }
                    }
                }

                State::AfterDoctypeSystemIdentifier => {
                    let b = next_byte!();
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' => pos += 1,
                        b'>' => {
                            self.emit_doctype();
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => {
                            self.error_at(E::UnexpectedCharacterAfterDoctypeSystemIdentifier, pos);
                            self.state = State::BogusDoctype;
                        }
                    }
                }

                State::BogusDoctype => {
                    let Some(found) = memchr2(b'>', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    if bytes[at] == b'>' {
                        self.emit_doctype();
                        self.state = State::Data;
                    } else {
                        self.error_at(E::UnexpectedNullCharacter, at);
                    }
                }

                State::CdataSection => {
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    let Some(found) = memchr2(b']', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    if bytes[at] == b']' {
                        self.state = State::CdataSectionBracket;
                    } else {
                        self.emit_text(&chunk, at);
                        self.send(NullCharacterToken);
                        self.text.begin(pos);
                    }
                }

                State::CdataSectionBracket => {
                    let b = next_byte!();
                    if b == b']' {
                        pos += 1;
                        self.state = State::CdataSectionEnd;
                    } else {
                        self.state = State::CdataSection;
                    }
                }

                State::CdataSectionEnd => {
                    let b = next_byte!();
                    match b {
                        b']' => pos += 1,
                        b'>' => {
                            let text = self.text.take(&chunk, pos, 2);
                            if !text.is_empty() {
                                self.send(CharacterTokens(text));
                            }
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => self.state = State::CdataSection,
                    }
                }

                State::CharacterReference => {
                    let b = next_byte!();
                    if b.is_ascii_alphanumeric() {
                        self.state = State::NamedCharacterReference;
                    } else if b == b'#' {
                        pos += 1;
                        self.state = State::NumericCharacterReference;
                    } else {
                        self.state = self.return_state;
                    }
                }

                State::NamedCharacterReference => {
                    // Reads as long as the table has names starting with
                    // what was read.
                    while let Some(&b) = bytes.get(pos) {
                        let n = self.char_ref.name_len;
                        if n == char_ref::LONGEST_NAME || !(b.is_ascii_alphanumeric() || b == b';')
                        {
                            let next = Some(b);
                            self.finish_named_ref(&chunk, pos, next);
                            break;
                        }
                        self.char_ref.name[n] = b;
                        match char_ref::lookup(&self.char_ref.name[..=n]) {
                            None => {
                                self.finish_named_ref(&chunk, pos, Some(b));
                                break;
                            }
                            Some(found) => {
                                self.char_ref.name_len = n + 1;
                                pos += 1;
                                if let Some(chars) = found {
                                    self.char_ref.best = Some((n + 1, chars));
                                }
                                if b == b';' {
                                    self.finish_named_ref(&chunk, pos, bytes.get(pos).copied());
                                    break;
                                }
                            }
                        }
                    }
                    if self.state == State::NamedCharacterReference {
                        // The chunk ended in the middle of a name.
                        break;
                    }
                }

                State::AmbiguousAmpersand => {
                    while pos < len && bytes[pos].is_ascii_alphanumeric() {
                        pos += 1;
                    }
                    let b = next_byte!();
                    if b == b';' {
                        self.error_at(E::UnknownNamedCharacterReference, pos);
                    }
                    self.state = self.return_state;
                }

                State::NumericCharacterReference => {
                    let b = next_byte!();
                    if b == b'x' || b == b'X' {
                        pos += 1;
                        self.state = State::HexadecimalCharacterReferenceStart;
                    } else {
                        self.state = State::DecimalCharacterReferenceStart;
                    }
                }

                State::HexadecimalCharacterReferenceStart
                | State::DecimalCharacterReferenceStart => {
                    let hex = self.state == State::HexadecimalCharacterReferenceStart;
                    let b = next_byte!();
                    let digit = if hex {
                        b.is_ascii_hexdigit()
                    } else {
                        b.is_ascii_digit()
                    };
                    if digit {
                        self.state = if hex {
                            State::HexadecimalCharacterReference
                        } else {
                            State::DecimalCharacterReference
                        };
                    } else {
                        self.error_at(E::AbsenceOfDigitsInNumericCharacterReference, pos);
                        self.state = self.return_state;
                    }
                }

                State::HexadecimalCharacterReference | State::DecimalCharacterReference => {
                    let radix = if self.state == State::HexadecimalCharacterReference {
                        16
                    } else {
                        10
                    };
                    while let Some(digit) =
                        bytes.get(pos).and_then(|&b| (b as char).to_digit(radix))
                    {
                        self.char_ref.code = self
                            .char_ref
                            .code
                            .saturating_mul(radix)
                            .saturating_add(digit)
                            .min(0x11_0000);
                        pos += 1;
                    }
                    let b = next_byte!();
                    if b == b';' {
                        pos += 1;
                    } else {
                        self.error_at(E::MissingSemicolonAfterCharacterReference, pos);
                    }
                    self.finish_numeric_ref(&chunk, pos);
                }
            }
        }
        self.pos = pos;
        if pos >= len && self.paused.is_none() && !self.eof {
            self.end_of_chunk(&chunk);
        }
    }

    /// The chunk is read to its end: text known to be final becomes a token,
    /// everything else being built is moved out of the chunk.
    fn end_of_chunk(&mut self, chunk: &StrTendril) {
        let text_is_final = matches!(
            self.state,
            State::Data
                | State::Rcdata
                | State::Rawtext
                | State::ScriptData
                | State::Plaintext
                | State::ScriptDataEscapeStart
                | State::ScriptDataEscapeStartDash
                | State::ScriptDataEscaped
                | State::ScriptDataEscapedDash
                | State::ScriptDataEscapedDashDash
                | State::ScriptDataDoubleEscapeStart
                | State::ScriptDataDoubleEscaped
                | State::ScriptDataDoubleEscapedDash
                | State::ScriptDataDoubleEscapedDashDash
                | State::ScriptDataDoubleEscapedLessThanSign
                | State::ScriptDataDoubleEscapeEnd
                | State::CdataSection
        );
        if text_is_final {
            self.emit_text(chunk, chunk.len());
        } else {
            self.text.spill(chunk);
        }
        self.tag.name.spill(chunk);
        self.tag.attr_name.spill(chunk);
        self.tag.attr_value.spill(chunk);
        self.comment.spill(chunk);
        // Let go of the chunk: what is built goes on in the next one.
        let end = self.chunk_offset + chunk.len() as u64;
        if self.report_errors {
            self.report_stream_errors(end);
            self.advance_cursor(end);
            self.chunk_cursor = self.cursor;
        }
        self.chunk_offset = end;
        self.chunk = StrTendril::new();
        self.pos = 0;
    }

    /// The tag whose `<` is at `at`, read in one go if it is whole in the
    /// chunk and plain: a lowercase name, attributes with lowercase names,
    /// unquoted values or quoted values, none with a character reference or a
    /// NUL, none repeated, separated by whitespace; an end tag with its name
    /// only. Such a tag is what the states would read, without a parse error
    /// on the way. Emits it and returns the position after its `>`; `None`
    /// (nothing done) for anything else, which the states then read.
    #[inline]
    fn whole_tag(&mut self, chunk: &StrTendril, at: usize) -> Option<usize> {
        let bytes = chunk.as_bytes();
        let end_tag = bytes.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(end_tag);
        let mut pos = name_start;
        if !bytes.get(pos)?.is_ascii_lowercase() {
            return None;
        }
        while let Some(&b) = bytes.get(pos) {
            if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                break;
            }
            pos += 1;
        }
        let name_end = pos;
        let mut attrs: Vec<Attribute> = Vec::new();
        let self_closing;
        loop {
            let space_start = pos;
            while bytes.get(pos).is_some_and(|&b| is_space(b)) {
                pos += 1;
            }
            match *bytes.get(pos)? {
                b'>' => {
                    self_closing = false;
                    break;
                }
                b'/' if !end_tag && bytes.get(pos + 1) == Some(&b'>') => {
                    self_closing = true;
                    pos += 1;
                    break;
                }
                _ if end_tag || pos == space_start => return None,
                _ => {}
            }
            // An attribute name (tags with many attributes take the states,
            // whose check for repeated names stays linear).
            if attrs.len() == 16 {
                return None;
            }
            let start = pos;
            while let Some(&b) = bytes.get(pos) {
                if !(b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'_'
                    || b == b':')
                {
                    break;
                }
                pos += 1;
            }
            if pos == start {
                return None;
            }
            let name = self.names.atom(&chunk[start..pos]);
            if attrs.iter().any(|a| a.name.local == name) {
                return None;
            }
            let mut value = StrTendril::new();
            if bytes.get(pos) == Some(&b'=') {
                pos += 1;
                match *bytes.get(pos)? {
                    quote @ (b'"' | b'\'') => {
                        let from = pos + 1;
                        let found = memchr3(quote, b'&', b'\0', bytes.get(from..)?)?;
                        if bytes[from + found] != quote {
                            return None;
                        }
                        pos = from + found + 1;
                        if from + found > from {
                            value = chunk.subtendril(from as u32, found as u32);
                        }
                        if !bytes
                            .get(pos)
                            .is_some_and(|&b| is_space(b) || b == b'>' || b == b'/')
                        {
                            return None;
                        }
                    }
                    _ => {
                        let from = pos;
                        while let Some(&b) = bytes.get(pos) {
                            if is_space(b)
                                || matches!(
                                    b,
                                    b'>' | b'&' | b'\0' | b'"' | b'\'' | b'<' | b'=' | b'`'
                                )
                            {
                                break;
                            }
                            pos += 1;
                        }
                        if pos == from
                            || !matches!(bytes.get(pos), Some(&b) if is_space(b) || b == b'>')
                        {
                            return None;
                        }
                        value = chunk.subtendril(from as u32, (pos - from) as u32);
                    }
                }
            } else if !bytes
                .get(pos)
                .is_some_and(|&b| is_space(b) || b == b'>' || b == b'/')
            {
                return None;
            }
            attrs.push(Attribute {
                name: QualName::new(None, ns!(), name),
                value,
            });
        }
        let name = self.names.atom(&chunk[name_start..name_end]);
        let kind = if end_tag {
            EndTag
        } else {
            self.last_start_tag = Some(name.clone());
            StartTag
        };
        self.state = State::Data;
        self.send(TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes: false,
        }));
        Some(pos + 1)
    }

    /// At `at`, a `<` in raw text: if `</` and the last start tag's name
    /// (any case) and a space, `/` or `>` follow, all in this chunk, the
    /// position of that last byte.
    #[inline]
    fn quick_end_tag(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let name = self.last_start_tag.as_ref()?.as_bytes();
        let rest = bytes.get(at + 1..)?;
        if rest.first() != Some(&b'/') || rest.len() < name.len() + 2 {
            return None;
        }
        let candidate = &rest[1..=name.len()];
        if !candidate.eq_ignore_ascii_case(name) || !candidate.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let after = rest[name.len() + 1];
        (is_space(after) || after == b'/' || after == b'>').then_some(at + 2 + name.len())
    }

    /// The end tag found by [`Tokenizer::quick_end_tag`], its terminator at
    /// `end`: builds it and returns where reading goes on.
    fn raw_end_tag_found(
        &mut self,
        chunk: &StrTendril,
        bytes: &[u8],
        at: usize,
        end: usize,
    ) -> usize {
        let name = self.last_start_tag.clone();
        self.start_tag_token(EndTag, at + 2);
        self.tag.name.clear();
        self.tag.atom = name;
        match bytes[end] {
            b'>' => {
                self.emit_tag(chunk, end);
            }
            b'/' => self.state = State::SelfClosingStartTag,
            _ => self.state = State::BeforeAttributeName,
        }
        end + 1
    }

    /// An appropriate end tag closes raw text: the text before its `<`
    /// becomes a token.
    fn emit_raw_text_before_end_tag(&mut self, chunk: &StrTendril, pos: usize) {
        if self.text.is_active() {
            let text = self.text.take_len(chunk, pos, self.text_mark);
            if !text.is_empty() {
                self.send(CharacterTokens(text));
            }
        }
    }

    /// Opens a doctype identifier quoted with `quote`.
    fn open_doctype_id(&mut self, public: bool, quote: u8) {
        let quote = if quote == b'"' {
            Quote::Double
        } else {
            Quote::Single
        };
        if public {
            self.doctype.public_id = Some(String::new());
            self.state = State::DoctypePublicIdentifier(quote);
        } else {
            self.doctype.system_id = Some(String::new());
            self.state = State::DoctypeSystemIdentifier(quote);
        }
    }

    /// The end-of-file rules of the current state, in which what the chunk
    /// left is read to its end.
    fn end_of_file(&mut self) {
        use TokenizerErrorCode as E;
        let chunk = self.chunk.clone();
        let end = chunk.len();
        self.pos = end;
        let eof_offset = self.chunk_offset + end as u64;
        loop {
            match self.state {
                State::Data
                | State::Rcdata
                | State::Rawtext
                | State::ScriptData
                | State::Plaintext
                | State::ScriptDataEscapeStart
                | State::ScriptDataEscapeStartDash
                | State::ScriptDataDoubleEscapeStart
                | State::ScriptDataDoubleEscapeEnd
                | State::ScriptDataDoubleEscapedLessThanSign
                | State::RawLessThanSign(_)
                | State::RawEndTagOpen(_)
                | State::RawEndTagName(_) => {
                    // Whatever was read is text.
                    self.emit_text(&chunk, end);
                    break;
                }
                State::ScriptDataEscaped
                | State::ScriptDataEscapedDash
                | State::ScriptDataEscapedDashDash
                | State::ScriptDataDoubleEscaped
                | State::ScriptDataDoubleEscapedDash
                | State::ScriptDataDoubleEscapedDashDash => {
                    self.error_at(E::EofInScriptHtmlCommentLikeText, end);
                    self.emit_text(&chunk, end);
                    break;
                }
                State::TagOpen => {
                    self.error_at(E::EofBeforeTagName, end);
                    self.emit_literal(&chunk, "<");
                    self.emit_text(&chunk, end);
                    break;
                }
                State::EndTagOpen => {
                    self.error_at(E::EofBeforeTagName, end);
                    self.emit_literal(&chunk, "</");
                    self.emit_text(&chunk, end);
                    break;
                }
                State::AttributeName => {
                    // Leaving the name: a duplicate is an error even here.
                    self.end_attribute_name(&chunk, end, end);
                    self.state = State::AfterAttributeName;
                }
                State::TagName
                | State::BeforeAttributeName
                | State::AfterAttributeName
                | State::BeforeAttributeValue
                | State::AttributeValueQuoted(_)
                | State::AttributeValueUnquoted
                | State::AfterAttributeValueQuoted
                | State::SelfClosingStartTag => {
                    self.error_at(E::EofInTag, end);
                    self.tag = TagBuilder::default();
                    break;
                }
                State::BogusComment => {
                    self.emit_comment(&chunk, end, 0);
                    break;
                }
                State::MarkupDeclarationOpen => {
                    // Fewer bytes than any of its keywords: a bogus comment.
                    self.error_at(E::IncorrectlyOpenedComment, self.pos);
                    self.comment.begin(self.pos);
                    self.state = State::BogusComment;
                }
                State::CommentStart
                | State::Comment
                | State::CommentLessThanSign
                | State::CommentLessThanSignBang => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(&chunk, end, 0);
                    break;
                }
                State::CommentStartDash
                | State::CommentEndDash
                | State::CommentLessThanSignBangDash => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(&chunk, end, 1);
                    break;
                }
                State::CommentEnd | State::CommentLessThanSignBangDashDash => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(&chunk, end, 2);
                    break;
                }
                State::CommentEndBang => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(&chunk, end, 3);
                    break;
                }
                State::Doctype | State::BeforeDoctypeName => {
                    self.error_at(E::EofInDoctype, end);
                    self.doctype = DoctypeBuilder {
                        force_quirks: true,
                        ..DoctypeBuilder::default()
                    };
                    self.emit_doctype();
                    break;
                }
                State::DoctypeName
                | State::AfterDoctypeName
                | State::AfterDoctypePublicKeyword
                | State::BeforeDoctypePublicIdentifier
                | State::DoctypePublicIdentifier(_)
                | State::AfterDoctypePublicIdentifier
                | State::BetweenDoctypePublicAndSystemIdentifiers
                | State::AfterDoctypeSystemKeyword
                | State::BeforeDoctypeSystemIdentifier
                | State::DoctypeSystemIdentifier(_)
                | State::AfterDoctypeSystemIdentifier => {
                    self.error_at(E::EofInDoctype, end);
                    self.doctype.force_quirks = true;
                    self.emit_doctype();
                    break;
                }
                State::BogusDoctype => {
                    self.emit_doctype();
                    break;
                }
                State::CdataSection | State::CdataSectionBracket | State::CdataSectionEnd => {
                    self.error_at(E::EofInCdata, end);
                    self.emit_text(&chunk, end);
                    break;
                }
                State::CharacterReference | State::AmbiguousAmpersand => {
                    self.state = self.return_state;
                }
                State::NumericCharacterReference => {
                    self.state = State::DecimalCharacterReferenceStart;
                }
                State::NamedCharacterReference => {
                    self.finish_named_ref(&chunk, end, None);
                }
                State::HexadecimalCharacterReferenceStart
                | State::DecimalCharacterReferenceStart => {
                    self.error_at(E::AbsenceOfDigitsInNumericCharacterReference, end);
                    self.state = self.return_state;
                }
                State::HexadecimalCharacterReference | State::DecimalCharacterReference => {
                    self.error_at(E::MissingSemicolonAfterCharacterReference, end);
                    self.finish_numeric_ref(&chunk, end);
                }
            }
        }
        if self.report_errors {
            self.report_stream_errors(eof_offset + 1);
        }
    }
}

/// Appends to a doctype field.
fn push_doctype(field: &mut Option<String>, text: &str) {
    field.get_or_insert_with(String::new).push_str(text);
}

/// The end of the character starting at `at` (UTF-8).
fn char_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at + 1;
    while end < bytes.len() && bytes[end] & 0xC0 == 0x80 {
        end += 1;
    }
    end
}
