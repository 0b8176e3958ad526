//! The tokens the tokenizer hands its consumer during a parse: text,
//! comments and attribute values borrowed from the input chunk where they
//! are a copy of it, owned where the tokenizer had to rewrite them (a
//! character reference, a NUL, a token cut by a chunk boundary). A token
//! lives for one call of [`TokenConsumer::token`](super::TokenConsumer);
//! whoever keeps one longer makes it [`Token::into_owned`].

use std::borrow::Cow;

use html5ever::tokenizer::{Doctype, TagKind};
use html5ever::{LocalName, QualName};

/// One token of the standard's tokenization (13.2.5).
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// Boxed: rare, and three times the size of the other tokens.
    Doctype(Box<Doctype>),
    Tag(Tag<'a>),
    /// A run of character tokens (never empty).
    Text(Cow<'a, str>),
    /// A U+0000 character token from the data state.
    Null,
    Comment(Cow<'a, str>),
    Eof,
}

/// A start or end tag token.
#[derive(Debug)]
pub(crate) struct Tag<'a> {
    pub(crate) kind: TagKind,
    pub(crate) name: LocalName,
    pub(crate) self_closing: bool,
    pub(crate) attrs: Vec<Attr<'a>>,
}

/// An attribute of a start tag.
#[derive(Debug, Clone)]
pub(crate) struct Attr<'a> {
    pub(crate) name: QualName,
    pub(crate) value: Cow<'a, str>,
}

impl Token<'_> {
    /// The token with everything it borrows copied, to keep past the call
    /// it was handed in.
    pub(crate) fn into_owned(self) -> Token<'static> {
        match self {
            Token::Doctype(doctype) => Token::Doctype(doctype),
            Token::Tag(tag) => Token::Tag(tag.into_owned()),
            Token::Text(text) => Token::Text(Cow::Owned(text.into_owned())),
            Token::Null => Token::Null,
            Token::Comment(text) => Token::Comment(Cow::Owned(text.into_owned())),
            Token::Eof => Token::Eof,
        }
    }
}

impl Tag<'_> {
    /// The tag with its attribute values copied.
    pub(crate) fn into_owned(self) -> Tag<'static> {
        Tag {
            kind: self.kind,
            name: self.name,
            self_closing: self.self_closing,
            attrs: self.attrs.into_iter().map(Attr::into_owned).collect(),
        }
    }
}

impl Attr<'_> {
    /// The attribute with its value copied.
    pub(crate) fn into_owned(self) -> Attr<'static> {
        Attr {
            name: self.name,
            value: Cow::Owned(self.value.into_owned()),
        }
    }
}

/// `attrs`, emptied, as a vector for any other input's attributes: the
/// allocation is kept (a collect from a vector's own iterator into a vector
/// of a type of the same size and alignment reuses its buffer), so that
/// tags do not each allocate one.
pub(crate) fn recycle(mut attrs: Vec<Attr<'_>>) -> Vec<Attr<'static>> {
    attrs.clear();
    attrs.into_iter().map(Attr::into_owned).collect()
}

/// Drops the first `n` bytes of `text` (at a character boundary; nothing
/// past its end).
pub(crate) fn pop_front<'a>(text: Cow<'a, str>, n: usize) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(n..).unwrap_or_default()),
        Cow::Owned(mut s) => {
            if s.is_char_boundary(n.min(s.len())) {
                s.drain(..n.min(s.len()));
            }
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::{local_name, ns};

    #[test]
    fn tokens_are_small() {
        assert!(std::mem::size_of::<Token<'_>>() <= 48);
    }

    #[test]
    fn a_recycled_vector_keeps_its_allocation() {
        let value = String::from("x");
        let mut attrs: Vec<Attr<'_>> = Vec::with_capacity(8);
        attrs.push(Attr {
            name: QualName::new(None, ns!(), local_name!("id")),
            value: Cow::Borrowed(&value),
        });
        let recycled = recycle(attrs);
        assert!(recycled.is_empty());
        assert_eq!(recycled.capacity(), 8);
    }

    #[test]
    fn pop_front_cuts_borrowed_and_owned_text() {
        assert_eq!(pop_front(Cow::Borrowed("\nab"), 1), "ab");
        assert_eq!(pop_front(Cow::Owned("\nab".into()), 1), "ab");
        assert_eq!(pop_front(Cow::Borrowed("a"), 3), "");
        assert_eq!(pop_front(Cow::Owned("a".into()), 3), "");
    }

    #[test]
    fn owned_tokens_keep_their_text() {
        let text = String::from("abc");
        let token = Token::Text(Cow::Borrowed(&text)).into_owned();
        drop(text);
        assert!(matches!(token, Token::Text(Cow::Owned(ref s)) if s == "abc"));
    }
}
