//! htmldict's HTML tokenizer, on its own: [`tokenize`] gives the tokens
//! and parse errors of an input as html5lib's tokenizer tests write them,
//! [`tokenize_into`] feeds any html5ever token sink. A parse runs the same
//! tokenizer, feeding the tree builder directly.
//!
//! ```
//! use htmldict::tokenizer::{Token, TokenizerErrorCode, TokenizerOptions, tokenize};
//!
//! let found = tokenize("<p class=a>x&amp;y<", &TokenizerOptions::new().keep_errors(true));
//! assert_eq!(found.tokens()[1], Token::Characters("x&y<".into()));
//! assert_eq!(found.errors()[0].code, TokenizerErrorCode::EofBeforeTagName);
//! ```
//!
//! It is the WHATWG HTML standard's tokenization (section 13.2.5, every
//! state, character references and parse errors), emitting tokens of its
//! own (`token.rs`) to a consumer, which for a parse is the tree
//! builder; [`tokenize_into`] turns them into html5ever's.
//!
//! The input is UTF-8 text in chunks (`StrTendril`s). Every character the
//! syntax gives a meaning to is ASCII, so the state machine reads bytes: a
//! multi-byte character is "anything else" byte after byte, in every state.
//! Runs of plain text, attribute values, comments and raw text are found
//! with `memchr` and become tokens borrowing the chunk, without a copy
//! (a token lives for one call of the consumer); names are turned into
//! atoms through a cache of recent names.
//!
//! Any chunk boundary gives the same tokens: everything a token needs is
//! kept in the tokenizer's state, and a token cut by a boundary is copied
//! once, never scanned again. The few states that look ahead (`<!` followed
//! by `--`, `DOCTYPE` or `[CDATA[`; `PUBLIC` and `SYSTEM` in a doctype) keep
//! the bytes they could not decide on, at most seven, and read them again in
//! front of the next chunk.
//!
//! Newlines are normalised before tokenizing, as the standard's input
//! stream preprocessing says. Parse errors, with their positions, are
//! reported only when asked for: finding them costs work the tree does not
//! need.
//!
//! Where things are (`src/parse/tokenizer/`): `mod.rs` holds the
//! tokenizer's state and its input (chunks, the lookahead carry, error
//! positions); `states.rs` the state machine, one arm per state, and the
//! end-of-file rules; `emit.rs` the building and emitting of tokens (tags
//! and attributes, comments, doctypes, character references, and the fast
//! path that reads a plain tag in one go); `token.rs` the tokens;
//! `char_ref.rs` the reference
//! table and numeric values; `buffer.rs` the runs of text; `names.rs` the
//! name cache; `scan.rs` the searches for the ends of runs, built once per
//! tokenizer; `input.rs` the preprocessing (the error codes are in
//! `src/markup_errors.rs`);
//! `standalone.rs` the tokenizer on its own ([`tokenize`],
//! [`tokenize_into`]).

mod buffer;
mod char_ref;
mod emit;
mod input;
mod names;
mod scan;
mod standalone;
mod states;
pub(crate) mod token;

use std::collections::VecDeque;

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::TagKind;
use html5ever::tokenizer::states::RawKind;
use rustc_hash::FxHashSet;

pub use crate::markup_errors::{TokenizerError, TokenizerErrorCode};
use buffer::Run;
use names::NameCache;
pub(crate) use names::NameSlot;
pub use standalone::{Token, TokenizerOptions, Tokens, tokenize, tokenize_into};
use states::State;
use token::Attr;

/// What a consumer's answer to a token asks of the tokenizer: a byte,
/// handed back in a register (html5ever's `TokenSinkResult` carries a
/// tendril, and was returned through memory and dropped for every token).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Go on in the state the token left the tokenizer in.
    Continue,
    /// Switch to the PLAINTEXT state.
    Plaintext,
    /// Switch to the RCDATA, RAWTEXT or script data state (the generic raw
    /// text and RCDATA element parsing algorithms, 13.2.6.2).
    Raw(RawKind),
    /// Pause: a `<meta>` declared an encoding.
    EncodingIndicator,
}

/// Where a tokenizer's tokens go.
pub(crate) trait TokenConsumer {
    /// Takes a token. The answer may switch the tokenizer's state (raw text,
    /// PLAINTEXT) or ask it to pause (an encoding declared by a `<meta>`).
    fn token(&mut self, token: token::Token<'_, '_>) -> Next;

    /// [`Self::token`], with the chunk the tokenizer holds: text the token
    /// borrows from it can be shared (as a sub-tendril) rather than copied
    /// by a consumer that keeps it. Text read in place from a borrowed
    /// piece ([`Tokenizer::feed`]) is not in it.
    fn token_in(&mut self, token: token::Token<'_, '_>, _chunk: &StrTendril) -> Next {
        self.token(token)
    }

    /// Takes a parse error (only when errors are reported).
    fn error(&mut self, error: TokenizerError);

    /// Learns where the next token ends (line and column, from 1; only when
    /// errors are reported), for errors the consumer finds in it.
    fn position(&mut self, _line: u64, _column: u64) {}

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
/// use htmldict::tokenizer::{TokenizerOptions, TokenizerState, tokenize};
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
    /// use htmldict::tokenizer::TokenizerState;
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
    /// The attributes read (their values owned: a tag the states read may
    /// span chunks).
    attrs: Vec<Attr<'static>>,
    /// The names of `attrs`, once there are more than a few.
    attr_set: FxHashSet<LocalName>,
    attr_name: Run,
    attr_value: Run,
    /// An attribute whose name is read, waiting for its value; `None` in it
    /// when the name repeats an earlier one (the attribute is dropped).
    pending: Option<Option<(LocalName, NameSlot)>>,
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
    /// The searches for the ends of text runs.
    stops: scan::Stops,
    /// The fast tag path's attribute vector between chunks: the read of a
    /// chunk takes it, typed for that chunk's borrows, and gives it back
    /// emptied (so that tags do not each allocate one).
    spare_attrs: Vec<Attr<'static>>,
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
            stops: scan::Stops::new(),
            spare_attrs: Vec::new(),
            stream_errors: VecDeque::new(),
            cursor: start,
            chunk_cursor: start,
        }
    }

    pub(crate) fn consumer(&self) -> &C {
        &self.consumer
    }

    pub(crate) fn consumer_mut(&mut self) -> &mut C {
        &mut self.consumer
    }

    pub(crate) fn into_consumer(self) -> C {
        self.consumer
    }

    /// Queues the next piece of the input (a copy of it).
    pub(crate) fn push(&mut self, piece: &str) {
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
        // Cannot panic (tendrils hold at most u32::MAX bytes): a parse
        // refuses longer input before any reaches here, and `tokenize` cuts
        // it.
        self.queue.push_back(StrTendril::from_slice(&piece));
    }

    /// Tokenizes `piece`, the next piece of the input, as [`Self::push`]
    /// and [`Self::run`] would, but reading it in place when nothing before
    /// it is left to read (and no error positions are counted, which keep
    /// the chunk): only what a pause or a lookahead leaves of it is copied,
    /// for the next call.
    pub(crate) fn feed(&mut self, piece: &str) -> Outcome {
        let waiting = self.carry_from.is_some()
            || !self.queue.is_empty()
            || self.pos < self.chunk.len()
            || self.paused.is_some();
        if self.report_errors || waiting {
            self.push(piece);
            return self.run();
        }
        let piece = self.newlines.normalise(piece);
        if piece.is_empty() {
            return Outcome::Done;
        }
        if !self.chunk.is_empty() {
            // Read to its end, but not let go of (a pause came last).
            let chunk = self.chunk.clone();
            self.end_of_chunk(&chunk);
        }
        self.pos = 0;
        self.read_chunk(&piece);
        if let Some(outcome) = self.paused.take() {
            self.keep_rest(&piece);
            return outcome;
        }
        if self.carry_from.is_some() {
            self.keep_rest(&piece);
        }
        Outcome::Done
    }

    /// A borrowed piece was not read to its end (a pause, or a lookahead
    /// that needs the next piece): what is left of it from the position
    /// reached (or the lookahead's start) becomes the current chunk, owned,
    /// and what is being built moves out of the part read.
    fn keep_rest(&mut self, piece: &str) {
        let cut = self.carry_from.unwrap_or(self.pos).min(piece.len());
        self.text.rebase(piece, cut);
        self.tag.name.rebase(piece, cut);
        self.tag.attr_name.rebase(piece, cut);
        self.tag.attr_value.rebase(piece, cut);
        self.comment.rebase(piece, cut);
        // Cannot panic: `cut` is where reading stopped, at an ASCII byte
        // (the end of a tag, or a lookahead's `<`), or the piece's end.
        self.chunk = StrTendril::from_slice(&piece[cut..]);
        self.chunk_offset += cut as u64;
        self.pos -= cut.min(self.pos);
        if self.carry_from.is_some() {
            self.carry_from = Some(0);
        }
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
        // Cannot panic: `keep` is where a lookahead stopped (`need!`), at an
        // ASCII byte fewer than 7 bytes before the chunk's end; joined with
        // the next piece, it is at most the input, at most u32::MAX bytes
        // (the parser's and `tokenize`'s limit), what a tendril holds.
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
        self.send(token::Token::Eof, self.chunk.len());
        self.consumer.end();
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
        // Cannot panic: `start < end <= chunk.len()`, checked just above.
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
}
