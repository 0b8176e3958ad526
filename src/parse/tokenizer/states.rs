//! The tokenizer's states (the standard's section 13.2.5, one arm each,
//! the raw text families and the quoted variants folded into parameters):
//! reading a chunk to its end, and the end-of-file rules.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{EndTag, StartTag};

use super::token::{self, Attr, Token};
use memchr::{memchr, memchr2, memchr3};

use super::emit::{char_end, push_doctype};
use super::{DoctypeBuilder, TagBuilder, TokenConsumer, Tokenizer, char_ref, is_space};
use crate::markup_errors::TokenizerErrorCode;

/// The four kinds of raw text whose `</` may close them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Raw {
    Rcdata,
    Rawtext,
    ScriptData,
    ScriptDataEscaped,
}

impl Raw {
    pub(super) fn state(self) -> State {
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
pub(super) enum Quote {
    Double,
    Single,
}

impl Quote {
    pub(super) fn byte(self) -> u8 {
        match self {
            Quote::Double => b'"',
            Quote::Single => b'\'',
        }
    }
}

/// The standard's tokenizer states, the raw text families and the quoted
/// variants folded into parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
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

impl<C: TokenConsumer> Tokenizer<C> {
    // -----------------------------------------------------------------
    // The state machine

    /// Tokenizes the current chunk from `self.pos` to its end, or until a
    /// pause or a lookahead that needs the next chunk.
    pub(super) fn run_chunk(&mut self) {
        let held = self.chunk.clone();
        self.read_chunk(&held);
    }

    /// Tokenizes `chunk`, the current chunk (held or borrowed), as
    /// [`Self::run_chunk`] says.
    pub(super) fn read_chunk(&mut self, chunk: &str) {
        let mut attrs = std::mem::take(&mut self.spare_attrs);
        self.read_chunk_with(chunk, &mut attrs);
        self.spare_attrs = token::recycle(attrs);
    }

    /// [`Self::read_chunk`], with `attrs` (empty) as the fast tag path's
    /// attribute vector.
    fn read_chunk_with<'c>(&mut self, chunk: &'c str, attrs: &mut Vec<Attr<'c>>) {
        let bytes = chunk.as_bytes();
        let len = bytes.len();
        // `pos <= len` throughout: `self.pos` is at most the chunk's length
        // (0 for a new chunk), and each state moves `pos` only past bytes it
        // has read (`next_byte!`, a bounds-checked loop, a memchr offset,
        // a lookahead whose length was checked) or to `len`.
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
                    // Cannot panic: `pos <= len` throughout (see above).
                    let Some(found) = self.stops.data.find(&bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    match bytes[at] {
                        b'&' => {
                            // Cannot panic: `at < len`, so `at + 1 <= len`.
                            if let Some((n, text)) = Self::quick_char_ref(&bytes[at + 1..]) {
                                let mark = self.text.len(at);
                                self.text
                                    .truncate_and_push(chunk, at, mark, text, at + 1 + n);
                                pos = at + 1 + n;
                            } else {
                                self.start_char_ref(State::Data, at);
                                pos = at + 1;
                            }
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            self.emit_text(chunk, at);
                            self.send(Token::Null, at);
                            pos = at + 1;
                        }
                        _ => match bytes.get(at + 1) {
                            Some(&b)
                                if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?') =>
                            {
                                self.emit_text(chunk, at);
                                pos = at + 1;
                                if let Some(end) = self.whole_tag(chunk, at, attrs) {
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
                                self.emit_text(chunk, at);
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
                    // Cannot panic: `pos <= len` throughout (see above).
                    let rest = &bytes[pos..];
                    let found = match state {
                        State::Rcdata => memchr3(b'<', b'&', b'\0', rest),
                        State::Plaintext => memchr(b'\0', rest),
                        _ => self.stops.raw.find(rest),
                    };
                    let Some(found) = found else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    match bytes[at] {
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            let mark = self.text.len(at);
                            self.text
                                .truncate_and_push(chunk, at, mark, "\u{fffd}", at + 1);
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
                                self.emit_text(chunk, at);
                                self.temp.clear();
                                pos = self.raw_end_tag_found(chunk, bytes, at, end);
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
                                self.emit_literal(chunk, "<");
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
                        // Cannot panic: `at < len`, the loop's condition.
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
                            self.end_tag_name(chunk, pos);
                            pos += 1;
                            self.state = State::BeforeAttributeName;
                        }
                        b'/' => {
                            self.end_tag_name(chunk, pos);
                            pos += 1;
                            self.state = State::SelfClosingStartTag;
                        }
                        b'>' => {
                            self.end_tag_name(chunk, pos);
                            self.emit_tag(chunk, pos);
                            pos += 1;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.tag.name.len(pos);
                            self.tag
                                .name
                                .truncate_and_push(chunk, pos, mark, "\u{fffd}", pos + 1);
                            pos += 1;
                        }
                        _ => {
                            // Upper case.
                            let lower = (b.to_ascii_lowercase() as char).to_string();
                            let mark = self.tag.name.len(pos);
                            self.tag
                                .name
                                .truncate_and_push(chunk, pos, mark, &lower, pos + 1);
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
                        self.emit_raw_text_before_end_tag(chunk, pos);
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
                                self.emit_tag(chunk, pos);
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
                    // Cannot panic: `pos <= len` throughout (see above).
                    let Some(found) = memchr3(b'-', b'<', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
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
                                .truncate_and_push(chunk, at, mark, "\u{fffd}", at + 1);
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
                                .truncate_and_push(chunk, pos, mark, "\u{fffd}", pos + 1);
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
                    // Cannot panic: `pos < len` is checked first.
                    while pos < len && is_space(bytes[pos]) {
                        pos += 1;
                    }
                    let b = next_byte!();
                    match b {
                        b'/' | b'>' => self.state = State::AfterAttributeName,
                        b'=' => {
                            self.error_at(E::UnexpectedEqualsSignBeforeAttributeName, pos);
                            self.start_attribute(chunk, pos);
                            pos += 1;
                            self.state = State::AttributeName;
                        }
                        _ => {
                            self.start_attribute(chunk, pos);
                            self.state = State::AttributeName;
                        }
                    }
                }

                State::AttributeName => {
                    let mut at = pos;
                    while at < len {
                        // Cannot panic: `at < len`, the loop's condition.
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
                            self.end_attribute_name(chunk, pos, pos);
                            self.state = State::AfterAttributeName;
                        }
                        b'=' => {
                            self.end_attribute_name(chunk, pos, pos);
                            pos += 1;
                            self.state = State::BeforeAttributeValue;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.tag.attr_name.len(pos);
                            self.tag.attr_name.truncate_and_push(
                                chunk,
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
                            self.tag
                                .attr_name
                                .truncate_and_push(chunk, pos, mark, &lower, pos + 1);
                            pos += 1;
                        }
                    }
                }

                State::AfterAttributeName => {
                    // Cannot panic: `pos < len` is checked first.
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
                            self.emit_tag(chunk, pos);
                            pos += 1;
                        }
                        _ => {
                            self.start_attribute(chunk, pos);
                            self.state = State::AttributeName;
                        }
                    }
                }

                State::BeforeAttributeValue => {
                    // Cannot panic: `pos < len` is checked first.
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
                            self.emit_tag(chunk, pos);
                            pos += 1;
                        }
                        _ => {
                            self.tag.attr_value.begin(pos);
                            self.state = State::AttributeValueUnquoted;
                        }
                    }
                }

                State::AttributeValueQuoted(quote) => {
                    // Cannot panic: `pos <= len` throughout (see above).
                    let Some(found) = self.stops.quoted(quote.byte()).find(&bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    match bytes[at] {
                        b'&' => {
                            // Cannot panic: `at < len`, so `at + 1 <= len`.
                            if let Some((n, text)) = Self::quick_char_ref(&bytes[at + 1..]) {
                                let mark = self.tag.attr_value.len(at);
                                self.tag.attr_value.truncate_and_push(
                                    chunk,
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
                                chunk,
                                at,
                                mark,
                                "\u{fffd}",
                                at + 1,
                            );
                            pos = at + 1;
                        }
                        _ => {
                            self.finish_attribute(chunk, at);
                            pos = at + 1;
                            self.state = State::AfterAttributeValueQuoted;
                        }
                    }
                }

                State::AttributeValueUnquoted => {
                    let mut at = pos;
                    while at < len {
                        // Cannot panic: `at < len`, the loop's condition.
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
                            self.finish_attribute(chunk, pos);
                            pos += 1;
                            self.state = State::BeforeAttributeName;
                        }
                        b'&' => {
                            self.start_char_ref(State::AttributeValueUnquoted, pos);
                            pos += 1;
                        }
                        b'>' => {
                            self.emit_tag(chunk, pos);
                            pos += 1;
                        }
                        b'\0' => {
                            self.error_at(E::UnexpectedNullCharacter, pos);
                            let mark = self.tag.attr_value.len(pos);
                            self.tag.attr_value.truncate_and_push(
                                chunk,
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
                            self.emit_tag(chunk, pos);
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
                        self.emit_tag(chunk, pos);
                        pos += 1;
                    } else {
                        self.error_at(E::UnexpectedSolidusInTag, pos);
                        self.state = State::BeforeAttributeName;
                    }
                }

                State::BogusComment => {
                    // Cannot panic: `pos <= len` throughout (see above).
                    let Some(found) = memchr2(b'>', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    if bytes[at] == b'>' {
                        self.emit_comment(chunk, at, 0);
                        self.state = State::Data;
                    } else {
                        self.error_at(E::UnexpectedNullCharacter, at);
                        let mark = self.comment.len(at);
                        self.comment
                            .truncate_and_push(chunk, at, mark, "\u{fffd}", at + 1);
                    }
                    pos = at + 1;
                }

                State::MarkupDeclarationOpen => {
                    // Cannot panic: `pos <= len` throughout (see above).
                    let rest = &bytes[pos..];
                    // Cannot panic: `rest[..7]` below only when `rest.len() >= 7`.
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
                            // Cannot underflow: `pos` was just moved past the 7 bytes of `[CDATA[`.
                            self.error_at(E::CdataInHtmlContent, pos - 1);
                            self.comment.begin(pos - 7);
                            self.state = State::BogusComment;
                        }
                    } else if rest.len() < 7
                        // Cannot panic: `rest.len() < 7`, the length of both keywords.
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
                            self.emit_comment(chunk, pos, 0);
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
                            self.emit_comment(chunk, pos, 1);
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => self.state = State::Comment,
                    }
                }

                State::Comment => {
                    let found = if self.report_errors {
                        // Cannot panic: `pos <= len` throughout (see above).
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
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    match bytes[at] {
                        b'-' => self.state = State::CommentEndDash,
                        b'<' => self.state = State::CommentLessThanSign,
                        _ => {
                            self.error_at(E::UnexpectedNullCharacter, at);
                            let mark = self.comment.len(at);
                            self.comment
                                .truncate_and_push(chunk, at, mark, "\u{fffd}", at + 1);
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
                            self.emit_comment(chunk, pos, 2);
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
                            self.emit_comment(chunk, pos, 3);
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
                            self.emit_doctype(pos);
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
                            self.emit_doctype(pos);
                            self.state = State::Data;
                        }
                        b'\0' => {
                            // Cannot underflow: `pos` was moved past `b` above.
                            self.error_at(E::UnexpectedNullCharacter, pos - 1);
                            push_doctype(&mut self.doctype.name, "\u{fffd}");
                        }
                        _ => {
                            // Cannot underflow: `pos` was moved past `b` above. `pos - 1` is where `b`
                            // starts: states stop only before ASCII bytes or at `char_end`, so both
                            // ends of the slice are character boundaries.
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
                            self.emit_doctype(pos);
                            pos += 1;
                            self.state = State::Data;
                        }
                        _ => {
                            need!(6);
                            // Cannot panic: `pos <= len` throughout (see above).
                            let rest = &bytes[pos..];
                            // Cannot panic: `rest[..6]` only when `rest.len() >= 6`, twice.
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
                            self.doctype_identifier_missing(public, pos);
                            pos += 1;
                        }
                        _ => self.doctype_quote_missing(public, pos),
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
                            self.doctype_identifier_missing(public, pos);
                            pos += 1;
                        }
                        _ => self.doctype_quote_missing(public, pos),
                    }
                }

                State::DoctypePublicIdentifier(quote) | State::DoctypeSystemIdentifier(quote) => {
                    let public = matches!(self.state, State::DoctypePublicIdentifier(_));
                    let b = next_byte!();
                    // `pos - 1` below cannot underflow: `pos` is moved past `b`.
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
                        // Cannot underflow: `pos` was moved past `b` above.
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
                        self.emit_doctype(pos);
                        self.state = State::Data;
                    } else {
                        // Cannot underflow: `pos` was moved past `b` above. `pos - 1` is where `b`
                        // starts: states stop only before ASCII bytes or at `char_end`, so both
                        // ends of the slice are character boundaries.
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
                            self.emit_doctype(pos);
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
                            self.emit_doctype(pos);
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
                    // Cannot panic: `pos <= len` throughout (see above).
                    let Some(found) = memchr2(b'>', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    if bytes[at] == b'>' {
                        self.emit_doctype(at);
                        self.state = State::Data;
                    } else {
                        self.error_at(E::UnexpectedNullCharacter, at);
                    }
                }

                State::CdataSection => {
                    if !self.text.is_active() {
                        self.text.begin(pos);
                    }
                    // Cannot panic: `pos <= len` throughout (see above).
                    let Some(found) = memchr2(b']', b'\0', &bytes[pos..]) else {
                        pos = len;
                        break;
                    };
                    let at = pos + found;
                    pos = at + 1;
                    // Cannot panic: `at` is `pos` plus an offset memchr found in `bytes[pos..]`.
                    if bytes[at] == b']' {
                        self.state = State::CdataSectionBracket;
                    } else {
                        self.emit_text(chunk, at);
                        self.send(Token::Null, at);
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
                            let mut text = self.text.take(chunk, pos, 2);
                            if !text.is_empty() {
                                self.send(Token::Text(&mut text), pos);
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
                            self.finish_named_ref(chunk, pos, next);
                            break;
                        }
                        // Cannot panic: `n < LONGEST_NAME`, the array's length (checked above).
                        self.char_ref.name[n] = b;
                        match char_ref::lookup(&self.char_ref.name[..=n]) {
                            None => {
                                self.finish_named_ref(chunk, pos, Some(b));
                                break;
                            }
                            Some(found) => {
                                self.char_ref.name_len = n + 1;
                                pos += 1;
                                if let Some(chars) = found {
                                    self.char_ref.best = Some((n + 1, chars));
                                }
                                if b == b';' {
                                    self.finish_named_ref(chunk, pos, bytes.get(pos).copied());
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
                    // Cannot panic: `pos < len` is checked first.
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
                    self.finish_numeric_ref(chunk, pos);
                }
            }
        }
        self.pos = pos;
        if pos >= len && self.paused.is_none() && !self.eof {
            self.end_of_chunk(chunk);
        }
    }

    /// A doctype ends (`>` at `at`) where its public or system identifier
    /// should have come.
    fn doctype_identifier_missing(&mut self, public: bool, at: usize) {
        self.error_at(
            if public {
                TokenizerErrorCode::MissingDoctypePublicIdentifier
            } else {
                TokenizerErrorCode::MissingDoctypeSystemIdentifier
            },
            at,
        );
        self.doctype.force_quirks = true;
        self.emit_doctype(at);
        self.state = State::Data;
    }

    /// Something other than a quote (at `at`) where a doctype's public or
    /// system identifier should have started: the rest is a bogus doctype.
    fn doctype_quote_missing(&mut self, public: bool, at: usize) {
        self.error_at(
            if public {
                TokenizerErrorCode::MissingQuoteBeforeDoctypePublicIdentifier
            } else {
                TokenizerErrorCode::MissingQuoteBeforeDoctypeSystemIdentifier
            },
            at,
        );
        self.doctype.force_quirks = true;
        self.state = State::BogusDoctype;
    }

    /// The chunk is read to its end: text known to be final becomes a token,
    /// everything else being built is moved out of the chunk.
    pub(super) fn end_of_chunk(&mut self, chunk: &str) {
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

    /// The end-of-file rules of the current state, in which what the chunk
    /// left is read to its end.
    pub(super) fn end_of_file(&mut self) {
        use TokenizerErrorCode as E;
        let held = self.chunk.clone();
        let chunk: &str = &held;
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
                    self.emit_text(chunk, end);
                    break;
                }
                State::ScriptDataEscaped
                | State::ScriptDataEscapedDash
                | State::ScriptDataEscapedDashDash
                | State::ScriptDataDoubleEscaped
                | State::ScriptDataDoubleEscapedDash
                | State::ScriptDataDoubleEscapedDashDash => {
                    self.error_at(E::EofInScriptHtmlCommentLikeText, end);
                    self.emit_text(chunk, end);
                    break;
                }
                State::TagOpen => {
                    self.error_at(E::EofBeforeTagName, end);
                    self.emit_literal(chunk, "<");
                    self.emit_text(chunk, end);
                    break;
                }
                State::EndTagOpen => {
                    self.error_at(E::EofBeforeTagName, end);
                    self.emit_literal(chunk, "</");
                    self.emit_text(chunk, end);
                    break;
                }
                State::AttributeName => {
                    // Leaving the name: a duplicate is an error even here.
                    self.end_attribute_name(chunk, end, end);
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
                    self.emit_comment(chunk, end, 0);
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
                    self.emit_comment(chunk, end, 0);
                    break;
                }
                State::CommentStartDash
                | State::CommentEndDash
                | State::CommentLessThanSignBangDash => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(chunk, end, 1);
                    break;
                }
                State::CommentEnd | State::CommentLessThanSignBangDashDash => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(chunk, end, 2);
                    break;
                }
                State::CommentEndBang => {
                    self.error_at(E::EofInComment, end);
                    self.emit_comment(chunk, end, 3);
                    break;
                }
                State::Doctype | State::BeforeDoctypeName => {
                    self.error_at(E::EofInDoctype, end);
                    self.doctype = DoctypeBuilder {
                        force_quirks: true,
                        ..DoctypeBuilder::default()
                    };
                    self.emit_doctype(end);
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
                    self.emit_doctype(end);
                    break;
                }
                State::BogusDoctype => {
                    self.emit_doctype(end);
                    break;
                }
                State::CdataSection | State::CdataSectionBracket | State::CdataSectionEnd => {
                    self.error_at(E::EofInCdata, end);
                    self.emit_text(chunk, end);
                    break;
                }
                State::CharacterReference | State::AmbiguousAmpersand => {
                    self.state = self.return_state;
                }
                State::NumericCharacterReference => {
                    self.state = State::DecimalCharacterReferenceStart;
                }
                State::NamedCharacterReference => {
                    self.finish_named_ref(chunk, end, None);
                }
                State::HexadecimalCharacterReferenceStart
                | State::DecimalCharacterReferenceStart => {
                    self.error_at(E::AbsenceOfDigitsInNumericCharacterReference, end);
                    self.state = self.return_state;
                }
                State::HexadecimalCharacterReference | State::DecimalCharacterReference => {
                    self.error_at(E::MissingSemicolonAfterCharacterReference, end);
                    self.finish_numeric_ref(chunk, end);
                }
            }
        }
        if self.report_errors {
            self.report_stream_errors(eof_offset + 1);
        }
    }
}
