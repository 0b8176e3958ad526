//! The tokens the tokenizer hands its consumer during a parse: text,
//! comments and attribute values borrowed from the input chunk where they
//! are a copy of it, owned where the tokenizer had to rewrite them (a
//! character reference, a NUL, a token cut by a chunk boundary). A token
//! lives for one call of [`TokenConsumer::token`](super::TokenConsumer);
//! whoever keeps one longer makes it [`Token::into_owned`].
//!
//! A tag, a text or a comment is lent rather than given: the consumer
//! reads it through a reference (a tag's attributes it drains), and the
//! tokenizer keeps a tag's vector for the next one. A token is therefore
//! two words, passed in registers, and is never copied whole right after
//! the tokenizer wrote it field by field, a copy that would wait for those
//! writes to reach the cache (a failed store-to-load forward).

use std::borrow::Cow;

use html5ever::tokenizer::{Doctype, TagKind};
use html5ever::{LocalName, QualName};

use super::names::NameSlot;

/// One token of the standard's tokenization (13.2.5); `'t` is how long it
/// is lent for, `'c` how long what it borrows from the input lives.
#[derive(Debug)]
pub(crate) enum Token<'t, 'c> {
    /// Boxed: rare, and large.
    Doctype(Box<Doctype>),
    Tag(&'t mut Tag<'c>),
    /// A run of character tokens (never empty).
    Text(&'t mut Cow<'c, str>),
    /// A U+0000 character token from the data state.
    Null,
    Comment(&'t mut Cow<'c, str>),
    Eof,
}

/// A start or end tag token.
#[derive(Debug)]
pub(crate) struct Tag<'c> {
    pub(crate) kind: TagKind,
    pub(crate) name: LocalName,
    pub(crate) self_closing: bool,
    pub(crate) attrs: Vec<Attr<'c>>,
}

/// An attribute of a start tag.
#[derive(Debug, Clone)]
pub(crate) struct Attr<'c> {
    pub(crate) name: QualName,
    pub(crate) value: Cow<'c, str>,
    /// Where the tokenizer's name cache keeps the name as read (a hint: see
    /// [`NameSlot`]; a name the tree builder adjusts keeps the slot of the
    /// name it was read as).
    pub(crate) slot: NameSlot,
}

/// A token kept past the call it was handed in (one to reprocess), with
/// everything it borrowed copied; [`Owned::token`] lends it again.
#[derive(Debug)]
pub(crate) enum Owned {
    Doctype(Box<Doctype>),
    Tag(Tag<'static>),
    Text(Cow<'static, str>),
    Null,
    Comment(Cow<'static, str>),
    Eof,
}

impl Owned {
    /// The token, lent from `self` (a doctype is moved out: it is handed
    /// on once).
    pub(crate) fn token(&mut self) -> Token<'_, 'static> {
        match self {
            Owned::Doctype(doctype) => Token::Doctype(std::mem::take(doctype)),
            Owned::Tag(tag) => Token::Tag(tag),
            Owned::Text(text) => Token::Text(text),
            Owned::Null => Token::Null,
            Owned::Comment(text) => Token::Comment(text),
            Owned::Eof => Token::Eof,
        }
    }
}

impl Token<'_, '_> {
    /// The token with everything it borrows copied (what it lends moved
    /// out), to keep past the call it was handed in.
    pub(crate) fn into_owned(self) -> Owned {
        match self {
            Token::Doctype(doctype) => Owned::Doctype(doctype),
            Token::Tag(tag) => Owned::Tag(tag.take_owned()),
            Token::Text(text) => Owned::Text(Cow::Owned(std::mem::take(text).into_owned())),
            Token::Null => Owned::Null,
            Token::Comment(text) => Owned::Comment(Cow::Owned(std::mem::take(text).into_owned())),
            Token::Eof => Owned::Eof,
        }
    }
}

impl Tag<'_> {
    /// A tag like this one with its attribute vector moved out and the
    /// values copied (this one is left with an empty vector). The vector's
    /// allocation goes with it (a collect into a vector of a type of the
    /// same size and alignment reuses it): a tag reprocessed from mode to
    /// mode keeps one vector, however many attributes it has.
    pub(crate) fn take_owned(&mut self) -> Tag<'static> {
        Tag {
            kind: self.kind,
            name: self.name.clone(),
            self_closing: self.self_closing,
            attrs: std::mem::take(&mut self.attrs)
                .into_iter()
                .map(Attr::into_owned)
                .collect(),
        }
    }
}

impl Attr<'_> {
    /// The attribute with its value copied.
    pub(crate) fn into_owned(self) -> Attr<'static> {
        Attr {
            name: self.name,
            value: Cow::Owned(self.value.into_owned()),
            slot: self.slot,
        }
    }
}

/// `attrs`, emptied, as a vector for any other input's attributes: the
/// allocation is kept (a collect from a vector's own iterator into a vector
/// of a type of the same size and alignment reuses its buffer).
pub(crate) fn recycle(mut attrs: Vec<Attr<'_>>) -> Vec<Attr<'static>> {
    attrs.clear();
    attrs.into_iter().map(Attr::into_owned).collect()
}

/// Drops the first `n` bytes of `text` (at a character boundary; nothing
/// past its end).
pub(crate) fn pop_front(text: &mut Cow<'_, str>, n: usize) {
    match text {
        Cow::Borrowed(s) => *s = s.get(n..).unwrap_or_default(),
        Cow::Owned(s) => {
            if s.is_char_boundary(n.min(s.len())) {
                s.drain(..n.min(s.len()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::{local_name, ns};

    #[test]
    fn tokens_are_two_words() {
        assert!(std::mem::size_of::<Token<'_, '_>>() <= 16);
    }

    #[test]
    fn a_recycled_vector_keeps_its_allocation() {
        let value = String::from("x");
        let mut attrs: Vec<Attr<'_>> = Vec::with_capacity(8);
        attrs.push(Attr {
            name: QualName::new(None, ns!(), local_name!("id")),
            value: Cow::Borrowed(&value),
            slot: NameSlot::NONE,
        });
        let recycled = recycle(attrs);
        assert!(recycled.is_empty());
        assert_eq!(recycled.capacity(), 8);
    }

    #[test]
    fn pop_front_cuts_borrowed_and_owned_text() {
        let cut = |mut text: Cow<'static, str>, n| {
            pop_front(&mut text, n);
            text
        };
        assert_eq!(cut(Cow::Borrowed("\nab"), 1), "ab");
        assert_eq!(cut(Cow::Owned("\nab".into()), 1), "ab");
        assert_eq!(cut(Cow::Borrowed("a"), 3), "");
        assert_eq!(cut(Cow::Owned("a".into()), 3), "");
    }

    #[test]
    fn owned_tokens_keep_their_text() {
        let text = String::from("abc");
        let mut token = Token::Text(&mut Cow::Borrowed(&text)).into_owned();
        drop(text);
        assert!(matches!(token.token(), Token::Text(Cow::Owned(s)) if s == "abc"));
    }

    #[test]
    fn an_owned_tag_takes_the_attributes_of_the_lent_one() {
        let value = String::from("x");
        let mut tag = Tag {
            kind: TagKind::StartTag,
            name: local_name!("p"),
            self_closing: false,
            attrs: vec![Attr {
                name: QualName::new(None, ns!(), local_name!("id")),
                value: Cow::Borrowed(&value),
                slot: NameSlot::NONE,
            }],
        };
        let capacity = tag.attrs.capacity();
        let mut owned = Token::Tag(&mut tag).into_owned();
        assert!(tag.attrs.is_empty());
        drop(value);
        let Token::Tag(kept) = owned.token() else {
            panic!("a tag stays a tag");
        };
        assert_eq!(kept.name, local_name!("p"));
        assert_eq!(kept.attrs[0].value, "x");
        assert_eq!(kept.attrs.capacity(), capacity);
    }
}
