//! Errors in a page's markup, which the parser recovers from (the
//! standard's "parse errors"): the tokenizer's, by the codes the HTML
//! standard gives them ("Parse errors", section 13.2.2), which html5lib's
//! tokenizer tests use; and the tree builder's, which the standard names
//! no codes for. A leaf: the tokenizer reports them, documents keep them.

use std::borrow::Cow;
use std::fmt;

/// A parse error the tokenizer met, named by its code in the HTML standard.
///
/// ```
/// use htmldict::tokenizer::TokenizerErrorCode;
/// assert_eq!(TokenizerErrorCode::EofInTag.as_str(), "eof-in-tag");
/// assert_eq!(TokenizerErrorCode::EofInTag.to_string(), "eof-in-tag");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)] // Each variant is the standard's code, in its own words.
pub enum TokenizerErrorCode {
    AbruptClosingOfEmptyComment,
    AbruptDoctypePublicIdentifier,
    AbruptDoctypeSystemIdentifier,
    AbsenceOfDigitsInNumericCharacterReference,
    CdataInHtmlContent,
    CharacterReferenceOutsideUnicodeRange,
    ControlCharacterInInputStream,
    ControlCharacterReference,
    DuplicateAttribute,
    EndTagWithAttributes,
    EndTagWithTrailingSolidus,
    EofBeforeTagName,
    EofInCdata,
    EofInComment,
    EofInDoctype,
    EofInScriptHtmlCommentLikeText,
    EofInTag,
    IncorrectlyClosedComment,
    IncorrectlyOpenedComment,
    InvalidCharacterSequenceAfterDoctypeName,
    InvalidFirstCharacterOfTagName,
    MissingAttributeValue,
    MissingDoctypeName,
    MissingDoctypePublicIdentifier,
    MissingDoctypeSystemIdentifier,
    MissingEndTagName,
    MissingQuoteBeforeDoctypePublicIdentifier,
    MissingQuoteBeforeDoctypeSystemIdentifier,
    MissingSemicolonAfterCharacterReference,
    MissingWhitespaceAfterDoctypePublicKeyword,
    MissingWhitespaceAfterDoctypeSystemKeyword,
    MissingWhitespaceBeforeDoctypeName,
    MissingWhitespaceBetweenAttributes,
    MissingWhitespaceBetweenDoctypePublicAndSystemIdentifiers,
    NestedComment,
    NoncharacterCharacterReference,
    NoncharacterInInputStream,
    NullCharacterReference,
    SurrogateCharacterReference,
    SurrogateInInputStream,
    UnexpectedCharacterAfterDoctypeSystemIdentifier,
    UnexpectedCharacterInAttributeName,
    UnexpectedCharacterInUnquotedAttributeValue,
    UnexpectedEqualsSignBeforeAttributeName,
    UnexpectedNullCharacter,
    UnexpectedQuestionMarkInsteadOfTagName,
    UnexpectedSolidusInTag,
    UnknownNamedCharacterReference,
}

impl TokenizerErrorCode {
    /// The standard's code, as html5lib's tests write it.
    ///
    /// ```
    /// use htmldict::tokenizer::TokenizerErrorCode;
    /// assert_eq!(TokenizerErrorCode::DuplicateAttribute.as_str(), "duplicate-attribute");
    /// ```
    pub fn as_str(self) -> &'static str {
        use TokenizerErrorCode::*;
        match self {
            AbruptClosingOfEmptyComment => "abrupt-closing-of-empty-comment",
            AbruptDoctypePublicIdentifier => "abrupt-doctype-public-identifier",
            AbruptDoctypeSystemIdentifier => "abrupt-doctype-system-identifier",
            AbsenceOfDigitsInNumericCharacterReference => {
                "absence-of-digits-in-numeric-character-reference"
            }
            CdataInHtmlContent => "cdata-in-html-content",
            CharacterReferenceOutsideUnicodeRange => "character-reference-outside-unicode-range",
            ControlCharacterInInputStream => "control-character-in-input-stream",
            ControlCharacterReference => "control-character-reference",
            DuplicateAttribute => "duplicate-attribute",
            EndTagWithAttributes => "end-tag-with-attributes",
            EndTagWithTrailingSolidus => "end-tag-with-trailing-solidus",
            EofBeforeTagName => "eof-before-tag-name",
            EofInCdata => "eof-in-cdata",
            EofInComment => "eof-in-comment",
            EofInDoctype => "eof-in-doctype",
            EofInScriptHtmlCommentLikeText => "eof-in-script-html-comment-like-text",
            EofInTag => "eof-in-tag",
            IncorrectlyClosedComment => "incorrectly-closed-comment",
            IncorrectlyOpenedComment => "incorrectly-opened-comment",
            InvalidCharacterSequenceAfterDoctypeName => {
                "invalid-character-sequence-after-doctype-name"
            }
            InvalidFirstCharacterOfTagName => "invalid-first-character-of-tag-name",
            MissingAttributeValue => "missing-attribute-value",
            MissingDoctypeName => "missing-doctype-name",
            MissingDoctypePublicIdentifier => "missing-doctype-public-identifier",
            MissingDoctypeSystemIdentifier => "missing-doctype-system-identifier",
            MissingEndTagName => "missing-end-tag-name",
            MissingQuoteBeforeDoctypePublicIdentifier => {
                "missing-quote-before-doctype-public-identifier"
            }
            MissingQuoteBeforeDoctypeSystemIdentifier => {
                "missing-quote-before-doctype-system-identifier"
            }
            MissingSemicolonAfterCharacterReference => {
                "missing-semicolon-after-character-reference"
            }
            MissingWhitespaceAfterDoctypePublicKeyword => {
                "missing-whitespace-after-doctype-public-keyword"
            }
            MissingWhitespaceAfterDoctypeSystemKeyword => {
                "missing-whitespace-after-doctype-system-keyword"
            }
            MissingWhitespaceBeforeDoctypeName => "missing-whitespace-before-doctype-name",
            MissingWhitespaceBetweenAttributes => "missing-whitespace-between-attributes",
            MissingWhitespaceBetweenDoctypePublicAndSystemIdentifiers => {
                "missing-whitespace-between-doctype-public-and-system-identifiers"
            }
            NestedComment => "nested-comment",
            NoncharacterCharacterReference => "noncharacter-character-reference",
            NoncharacterInInputStream => "noncharacter-in-input-stream",
            NullCharacterReference => "null-character-reference",
            SurrogateCharacterReference => "surrogate-character-reference",
            SurrogateInInputStream => "surrogate-in-input-stream",
            UnexpectedCharacterAfterDoctypeSystemIdentifier => {
                "unexpected-character-after-doctype-system-identifier"
            }
            UnexpectedCharacterInAttributeName => "unexpected-character-in-attribute-name",
            UnexpectedCharacterInUnquotedAttributeValue => {
                "unexpected-character-in-unquoted-attribute-value"
            }
            UnexpectedEqualsSignBeforeAttributeName => {
                "unexpected-equals-sign-before-attribute-name"
            }
            UnexpectedNullCharacter => "unexpected-null-character",
            UnexpectedQuestionMarkInsteadOfTagName => {
                "unexpected-question-mark-instead-of-tag-name"
            }
            UnexpectedSolidusInTag => "unexpected-solidus-in-tag",
            UnknownNamedCharacterReference => "unknown-named-character-reference",
        }
    }
}

impl fmt::Display for TokenizerErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tokenizer parse error and where it was met: the line and column
/// (both from 1) of the character the tokenizer was looking at, or of the
/// end of the input. Columns count UTF-16 code units, as html5lib's tests
/// do: a character outside the Basic Multilingual Plane counts two.
///
/// ```
/// use htmldict::tokenizer::{TokenizerErrorCode, TokenizerOptions, tokenize};
/// let tokens = tokenize("<p\n a=1 a=2>", &TokenizerOptions::new().keep_errors(true));
/// let error = tokens.errors()[0];
/// assert_eq!(error.code, TokenizerErrorCode::DuplicateAttribute);
/// assert_eq!((error.line, error.column), (2, 7)); // the `=` after the second `a`
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TokenizerError {
    /// What went wrong.
    pub code: TokenizerErrorCode,
    /// The line, from 1.
    pub line: u64,
    /// The column, from 1, in UTF-16 code units.
    pub column: u64,
}

impl fmt::Display for TokenizerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}:{}", self.code, self.line, self.column)
    }
}

/// An error in a page's markup that the parser recovered from, where it was
/// met: what [`Document::errors`](crate::Document::errors) keeps when
/// [`ParseOptions::keep_errors`](crate::ParseOptions::keep_errors) asks.
///
/// Lines and columns count from 1, columns in UTF-16 code units (as for
/// [`TokenizerError`](crate::tokenizer::TokenizerError)). A tokenizer error
/// is at the character the tokenizer was looking at; a tree-construction
/// error is at the end of the token that caused it (a tag's `>`, the end
/// of a run of text, the end of the input).
///
/// ```
/// use htmldict::tokenizer::TokenizerErrorCode;
/// use htmldict::{MarkupErrorKind, ParseOptions, parse_html};
/// let doc = parse_html("<!DOCTYPE html>\n<p a=1 a=2></b>", &ParseOptions::new().keep_errors(true))?;
/// let errors = doc.errors();
/// assert_eq!(errors[0].kind, MarkupErrorKind::Tokenizer(TokenizerErrorCode::DuplicateAttribute));
/// assert_eq!((errors[0].line, errors[0].column), (2, 9));
/// assert!(matches!(errors[1].kind, MarkupErrorKind::TreeConstruction(_)));
/// assert_eq!((errors[1].line, errors[1].column), (2, 15)); // the `>` of `</b>`
/// assert_eq!(errors[0].to_string(), "duplicate-attribute at 2:9");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MarkupError {
    /// What went wrong.
    pub kind: MarkupErrorKind,
    /// The line, from 1.
    pub line: u64,
    /// The column, from 1, in UTF-16 code units.
    pub column: u64,
}

/// What a [`MarkupError`] is: a tokenizer error by its code, or a
/// tree-construction error by the tree builder's description of it.
///
/// ```
/// use htmldict::{MarkupErrorKind, ParseOptions, parse_html};
/// let doc = parse_html("<!DOCTYPE html><p></b>", &ParseOptions::new().keep_errors(true))?;
/// let kinds: Vec<_> = doc.errors().iter().map(|e| &e.kind).collect();
/// assert!(matches!(kinds[..], [MarkupErrorKind::TreeConstruction(_)]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MarkupErrorKind {
    /// An error the tokenizer met, by the standard's code.
    Tokenizer(TokenizerErrorCode),
    /// An error the tree builder met (a misnested or stray tag, a missing
    /// doctype, ...). The standard gives these no codes: the text is the
    /// tree builder's own short description, which may change from one
    /// version to the next.
    TreeConstruction(Cow<'static, str>),
}

impl MarkupErrorKind {
    /// The tokenizer error's code, or the tree-construction error's text.
    ///
    /// ```
    /// use htmldict::MarkupErrorKind;
    /// use htmldict::tokenizer::TokenizerErrorCode;
    /// assert_eq!(MarkupErrorKind::Tokenizer(TokenizerErrorCode::EofInTag).as_str(), "eof-in-tag");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            MarkupErrorKind::Tokenizer(code) => code.as_str(),
            MarkupErrorKind::TreeConstruction(text) => text,
        }
    }
}

impl fmt::Display for MarkupErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}:{}", self.kind, self.line, self.column)
    }
}

impl From<TokenizerError> for MarkupError {
    fn from(error: TokenizerError) -> MarkupError {
        MarkupError {
            kind: MarkupErrorKind::Tokenizer(error.code),
            line: error.line,
            column: error.column,
        }
    }
}
