//! Building and emitting tokens: tags and their attributes, comments,
//! doctypes, character references, text; and the whole-tag fast path.

use std::borrow::Cow;

use html5ever::tokenizer::{Doctype, EndTag, StartTag, TagKind};
use html5ever::{LocalName, QualName, ns};

use super::buffer::tendril;
use super::names::NameSlot;
use super::states::{Quote, State};
use super::token::{Attr, Tag, Token};
use super::{Next, Outcome, TokenConsumer, Tokenizer, char_ref, is_space};
use crate::markup_errors::{TokenizerError, TokenizerErrorCode};

impl<C: TokenConsumer> Tokenizer<C> {
    // -----------------------------------------------------------------
    // Emitting

    /// Hands a token to the consumer and follows its answer. `at` is where
    /// the token ends in the chunk: when errors are reported, the consumer
    /// learns that position first, for the errors the token causes there.
    #[inline]
    pub(super) fn send(&mut self, token: Token<'_, '_>, at: usize) {
        if self.report_errors {
            let (line, column) = self.locate(self.chunk_offset + at as u64);
            self.consumer.position(line, column);
        }
        match self.consumer.token_in(token, &self.chunk) {
            Next::Continue => {}
            Next::Plaintext => self.state = State::Plaintext,
            Next::Raw(kind) => {
                use html5ever::tokenizer::states::RawKind;
                self.state = match kind {
                    RawKind::Rcdata => State::Rcdata,
                    RawKind::Rawtext => State::Rawtext,
                    RawKind::ScriptData => State::ScriptData,
                    RawKind::ScriptDataEscaped(_) => State::ScriptDataEscaped,
                }
            }
            Next::EncodingIndicator => {
                self.paused.get_or_insert(Outcome::EncodingIndicator);
            }
        }
        if self.consumer.stopped() {
            self.paused = Some(Outcome::Stopped);
        }
    }

    /// Emits the pending text, up to `end` of the chunk, as one token.
    #[inline(always)]
    pub(super) fn emit_text(&mut self, chunk: &str, end: usize) {
        if self.text.is_active() {
            let mut text = self.text.take(chunk, end, 0);
            if !text.is_empty() {
                self.send(Token::Text(&mut text), end);
            }
        }
    }

    /// Emits text that is not a copy of the input (a `<` or `</` that did
    /// not open a tag, after a chunk boundary).
    pub(super) fn emit_literal(&mut self, chunk: &str, text: &str) {
        if !self.text.is_active() {
            self.text.begin(self.pos);
        }
        let end = self.pos;
        let len = self.text.len(end);
        self.text.truncate_and_push(chunk, end, len, text, end);
    }

    /// Emits the tag being built.
    pub(super) fn emit_tag(&mut self, chunk: &str, at: usize) {
        self.finish_attribute(chunk, at);
        let tag = &mut self.tag;
        let kind = tag.kind.take().unwrap_or(StartTag);
        let name = tag.atom.take().unwrap_or(html5ever::local_name!(""));
        let self_closing = tag.self_closing;
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
            std::mem::take(&mut self.tag.attrs)
        };
        let mut tag = Tag {
            kind,
            name,
            self_closing,
            attrs,
        };
        self.send_tag(&mut tag, at);
        // Kept for the next tag the states build (the consumer drained it),
        // unless one tag with many attributes made it large.
        tag.attrs.clear();
        if tag.attrs.capacity() <= KEPT_ATTRIBUTES_MAX
            && tag.attrs.capacity() > self.tag.attrs.capacity()
        {
            self.tag.attrs = tag.attrs;
        }
    }

    /// Lends a finished tag to the consumer and returns to the data state
    /// (from which the tree builder may switch the tokenizer elsewhere).
    fn send_tag(&mut self, tag: &mut Tag<'_>, at: usize) {
        self.state = State::Data;
        self.send(Token::Tag(tag), at);
    }

    /// Emits the comment being built, its text up to `end` without its last
    /// `trim` bytes.
    pub(super) fn emit_comment(&mut self, chunk: &str, end: usize, trim: usize) {
        let mut text = self.comment.take(chunk, end, trim);
        self.send(Token::Comment(&mut text), end);
    }

    /// Emits the doctype being built, which ends at `at`.
    pub(super) fn emit_doctype(&mut self, at: usize) {
        let d = std::mem::take(&mut self.doctype);
        self.send(
            Token::Doctype(Box::new(Doctype {
                name: d.name.as_deref().map(tendril),
                public_id: d.public_id.as_deref().map(tendril),
                system_id: d.system_id.as_deref().map(tendril),
                force_quirks: d.force_quirks,
            })),
            at,
        );
    }

    // -----------------------------------------------------------------
    // Tags and attributes

    pub(super) fn start_tag_token(&mut self, kind: TagKind, pos: usize) {
        self.tag.kind = Some(kind);
        self.tag.name.begin(pos);
        self.tag.atom = None;
        self.tag.self_closing = false;
        self.tag.attrs.clear();
        self.tag.pending = None;
    }

    /// The tag name is read up to `end`.
    pub(super) fn end_tag_name(&mut self, chunk: &str, end: usize) {
        let name = self.tag.name.as_str(chunk, end);
        let atom = self.names.atom(&name);
        drop(name);
        self.tag.name.clear();
        self.tag.atom = Some(atom);
    }

    /// A new attribute whose name starts at `pos`.
    pub(super) fn start_attribute(&mut self, chunk: &str, pos: usize) {
        self.finish_attribute(chunk, pos);
        self.tag.attr_name.begin(pos);
    }

    /// The attribute name is read up to `end`; `at` is the character that
    /// ended it, where a duplicate is reported.
    pub(super) fn end_attribute_name(&mut self, chunk: &str, end: usize, at: usize) {
        let name = self.tag.attr_name.as_str(chunk, end);
        let (atom, slot) = self.names.name(&name);
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
            tag.pending = Some(None);
            self.error_at(TokenizerErrorCode::DuplicateAttribute, at);
        } else {
            tag.pending = Some(Some((atom, slot)));
        }
    }

    /// The pending attribute is complete, with the value read up to `end`
    /// (or no value).
    pub(super) fn finish_attribute(&mut self, chunk: &str, end: usize) {
        let Some(name) = self.tag.pending.take() else {
            return;
        };
        let value = if self.tag.attr_value.is_active() {
            // Owned: the tag may go on in a later chunk.
            Cow::Owned(self.tag.attr_value.take(chunk, end, 0).into_owned())
        } else {
            Cow::Borrowed("")
        };
        if let Some((local, slot)) = name {
            self.tag.attrs.push(Attr {
                name: QualName::new(None, ns!(), local),
                value,
                slot,
            });
        }
    }

    /// Whether the end tag name in `temp` is the last start tag's.
    pub(super) fn appropriate_end_tag(&self) -> bool {
        self.last_start_tag
            .as_ref()
            .is_some_and(|last| **last == *self.temp)
    }

    // -----------------------------------------------------------------
    // Character references

    /// A `&` at `at` starts a character reference read into the run of
    /// `return_state`.
    pub(super) fn start_char_ref(&mut self, return_state: State, at: usize) {
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

    pub(super) fn in_attribute(&self) -> bool {
        matches!(
            self.return_state,
            State::AttributeValueQuoted(_) | State::AttributeValueUnquoted
        )
    }

    /// The reference stands for `text`: it replaces what was read since the
    /// `&`, and reading goes on at `resume`.
    pub(super) fn resolve_char_ref(&mut self, chunk: &str, end: usize, text: &str, resume: usize) {
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
    pub(super) fn finish_named_ref(&mut self, chunk: &str, pos: usize, next: Option<u8>) {
        let name_len = self.char_ref.name_len;
        let Some((len, chars)) = self.char_ref.best else {
            // No name: the characters stay as they are.
            self.state = State::AmbiguousAmpersand;
            return;
        };
        // Cannot panic: `best` holds the length of a name read into `name`,
        // at least 1 and at most `name_len <= LONGEST_NAME`.
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
            // Cannot panic: `len < name_len <= LONGEST_NAME`. `name` only
            // holds ASCII alphanumerics and `;` (the states read no other),
            // each byte the character it is.
            let mut text = String::with_capacity(replacement.len() + name_len - len);
            text.push_str(replacement);
            text.extend(
                self.char_ref.name[len..name_len]
                    .iter()
                    .map(|&b| char::from(b)),
            );
            self.resolve_char_ref(chunk, pos, &text, pos);
        }
    }

    /// A numeric reference ends before `pos`: its character replaces it.
    pub(super) fn finish_numeric_ref(&mut self, chunk: &str, pos: usize) {
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
    pub(super) fn quick_char_ref(rest: &[u8]) -> Option<(usize, &'static str)> {
        match rest {
            [b'a', b'm', b'p', b';', ..] => Some((4, "&")),
            [b'l', b't', b';', ..] => Some((3, "<")),
            [b'g', b't', b';', ..] => Some((3, ">")),
            [b'q', b'u', b'o', b't', b';', ..] => Some((5, "\"")),
            [b'n', b'b', b's', b'p', b';', ..] => Some((5, "\u{a0}")),
            _ => None,
        }
    }

    /// The tag whose `<` is at `at`, read in one go if it is whole in the
    /// chunk and plain: a lowercase name, attributes with lowercase names,
    /// unquoted values or quoted values, none with a character reference or a
    /// NUL, none repeated, separated by whitespace; an end tag with its name
    /// only. Such a tag is what the states would read, without a parse error
    /// on the way. Lends it to the consumer with `attrs` (empty) as its
    /// attribute vector, and returns the position after its `>`; `None`
    /// (nothing sent) for anything else, which the states then read.
    #[inline]
    pub(super) fn whole_tag<'c>(
        &mut self,
        chunk: &'c str,
        at: usize,
        attrs: &mut Vec<Attr<'c>>,
    ) -> Option<usize> {
        let read = self.read_whole_tag(chunk, at, attrs);
        // Emptied for the next tag, whether this one was lent (and drained)
        // or given up on. Asked first: most often the consumer drained it,
        // and `clear` is a call that walks the (empty) slice.
        if !attrs.is_empty() {
            attrs.clear();
        }
        read
    }

    /// [`Self::whole_tag`], its attributes read into `attrs` (empty at
    /// first): on `None`, `attrs` may hold some.
    #[inline]
    fn read_whole_tag<'c>(
        &mut self,
        chunk: &'c str,
        at: usize,
        attrs: &mut Vec<Attr<'c>>,
    ) -> Option<usize> {
        let bytes = chunk.as_bytes();
        let end_tag = bytes.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(end_tag);
        if !bytes.get(name_start)?.is_ascii_lowercase() {
            return None;
        }
        let mut pos = skip(bytes, name_start, TAG_NAME);
        let name_end = pos;
        let self_closing;
        loop {
            let space_start = pos;
            pos = skip(bytes, pos, SPACE);
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
            pos = skip(bytes, pos, ATTR_NAME);
            if pos == start {
                return None;
            }
            let (name, slot) = self.names.name_in(chunk, start, pos);
            if attrs.iter().any(|a| a.name.local == name) {
                return None;
            }
            let mut value = "";
            let ends_value = |b: u8| is_space(b) || b == b'>' || b == b'/';
            if bytes.get(pos) == Some(&b'=') {
                pos += 1;
                match *bytes.get(pos)? {
                    quote @ (b'"' | b'\'') => {
                        let from = pos + 1;
                        let found = self.stops.quoted(quote).find(bytes.get(from..)?)?;
                        // Cannot panic: memchr found it in `bytes[from..]`.
                        if bytes[from + found] != quote {
                            return None;
                        }
                        pos = from + found + 1;
                        // Both ends are at ASCII quotes.
                        value = chunk.get(from..from + found).unwrap_or_default();
                        if !bytes.get(pos).is_some_and(|&b| ends_value(b)) {
                            return None;
                        }
                    }
                    _ => {
                        let from = pos;
                        pos = skip(bytes, pos, UNQUOTED);
                        if pos == from
                            || !matches!(bytes.get(pos), Some(&b) if is_space(b) || b == b'>')
                        {
                            return None;
                        }
                        // Both ends are at ASCII bytes.
                        value = chunk.get(from..pos).unwrap_or_default();
                    }
                }
            } else if !bytes.get(pos).is_some_and(|&b| ends_value(b)) {
                return None;
            }
            push_attr(attrs, name, slot, value);
        }
        let name = self.names.atom_in(chunk, name_start, name_end);
        let kind = if end_tag {
            EndTag
        } else {
            self.last_start_tag = Some(name.clone());
            StartTag
        };
        let mut tag = Tag {
            kind,
            name,
            self_closing,
            attrs: std::mem::take(attrs),
        };
        self.send_tag(&mut tag, pos);
        // The vector comes back for the next tag. What `take` left in its
        // place is an empty vector that owns no memory: forgotten, not
        // dropped (a call, on every tag, that frees nothing).
        debug_assert_eq!(attrs.capacity(), 0);
        std::mem::forget(std::mem::replace(attrs, tag.attrs));
        Some(pos + 1)
    }

    /// At `at`, a `<` in raw text: if `</` and the last start tag's name
    /// (any case) and a space, `/` or `>` follow, all in this chunk, the
    /// position of that last byte.
    #[inline]
    pub(super) fn quick_end_tag(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let name = self.last_start_tag.as_ref()?.as_bytes();
        let rest = bytes.get(at + 1..)?;
        if rest.first() != Some(&b'/') || rest.len() < name.len() + 2 {
            return None;
        }
        // Cannot panic: `rest.len() >= name.len() + 2`, checked above.
        let candidate = &rest[1..=name.len()];
        if !candidate.eq_ignore_ascii_case(name) || !candidate.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let after = rest[name.len() + 1];
        (is_space(after) || after == b'/' || after == b'>').then_some(at + 2 + name.len())
    }

    /// The end tag found by [`Tokenizer::quick_end_tag`], its terminator at
    /// `end`: builds it and returns where reading goes on.
    pub(super) fn raw_end_tag_found(
        &mut self,
        chunk: &str,
        bytes: &[u8],
        at: usize,
        end: usize,
    ) -> usize {
        let name = self.last_start_tag.clone();
        self.start_tag_token(EndTag, at + 2);
        self.tag.name.clear();
        self.tag.atom = name;
        // Cannot panic: `end` is from `quick_end_tag`, the index of the byte
        // it checked after the name.
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
    pub(super) fn emit_raw_text_before_end_tag(&mut self, chunk: &str, pos: usize) {
        if self.text.is_active() {
            let mut text = self.text.take_len(chunk, pos, self.text_mark);
            if !text.is_empty() {
                self.send(Token::Text(&mut text), pos);
            }
        }
    }

    /// Opens a doctype identifier quoted with `quote`.
    pub(super) fn open_doctype_id(&mut self, public: bool, quote: u8) {
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
}

/// Appends an attribute the fast path read. With room in the vector, the
/// attribute is written straight into it: a `push` that may have to grow
/// the vector builds the attribute on the stack first and copies it over
/// in 16-byte loads, each of which waits on the 8-byte stores that built it
/// (a failed store-to-load forward).
#[inline(always)]
fn push_attr<'c>(attrs: &mut Vec<Attr<'c>>, name: LocalName, slot: NameSlot, value: &'c str) {
    if attrs.len() < attrs.capacity() {
        attrs.push(Attr {
            name: QualName::new(None, ns!(), name),
            value: Cow::Borrowed(value),
            slot,
        });
    } else {
        push_attr_growing(attrs, name, slot, value);
    }
}

#[cold]
#[inline(never)]
fn push_attr_growing<'c>(
    attrs: &mut Vec<Attr<'c>>,
    name: LocalName,
    slot: NameSlot,
    value: &'c str,
) {
    attrs.push(Attr {
        name: QualName::new(None, ns!(), name),
        value: Cow::Borrowed(value),
        slot,
    });
}

/// Byte classes of the whole-tag fast path, as bits of [`CLASSES`]: a byte
/// of a tag name it reads (lowercase letters, digits, `-`).
const TAG_NAME: u8 = 1;
/// A byte of an attribute name it reads (a tag name's, `_` and `:`).
const ATTR_NAME: u8 = 2;
/// A byte of an unquoted attribute value (anything but whitespace and
/// `> & NUL " ' < = \``).
const UNQUOTED: u8 = 4;
/// Whitespace as the tokenizer sees it.
const SPACE: u8 = 8;

/// The largest attribute vector the states keep from one tag to the next
/// (a larger one is freed, so that one tag with many attributes does not
/// keep its vector for the whole parse).
const KEPT_ATTRIBUTES_MAX: usize = 32;

/// The classes of each byte.
static CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let name = byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-';
        let mut class = 0;
        if name {
            class |= TAG_NAME;
        }
        if name || byte == b'_' || byte == b':' {
            class |= ATTR_NAME;
        }
        let space = matches!(byte, b'\t' | b'\n' | b'\x0C' | b' ');
        if space {
            class |= SPACE;
        }
        if !space
            && !matches!(
                byte,
                b'>' | b'&' | b'\0' | b'"' | b'\'' | b'<' | b'=' | b'`'
            )
        {
            class |= UNQUOTED;
        }
        classes[b] = class;
        b += 1;
    }
    classes
};

/// The position of the first byte from `from` on not of class `class` (or
/// the end of `bytes`).
#[inline]
fn skip(bytes: &[u8], from: usize, class: u8) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest
        .iter()
        .position(|&b| CLASSES[usize::from(b)] & class == 0)
        .unwrap_or(rest.len())
}

/// Appends to a doctype field.
pub(super) fn push_doctype(field: &mut Option<String>, text: &str) {
    field.get_or_insert_with(String::new).push_str(text);
}

/// The end of the character starting at `at` (UTF-8).
pub(super) fn char_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at + 1;
    while end < bytes.len() && bytes[end] & 0xC0 == 0x80 {
        end += 1;
    }
    end
}
