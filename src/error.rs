//! The error of a parse: a limit passed, or an argument refused.

use std::fmt;

/// A bound that a parse would have exceeded, named by
/// [`ParseError::LimitExceeded`]. All but `TextBytes` are set in
/// [`Limits`](crate::Limits); `TextBytes` is the document format's own bound.
///
/// ```
/// use htmldict::{ParseError, Limit, Limits, ParseOptions, parse_html};
/// let options = ParseOptions::new().limits(Limits { max_nodes: 5, ..Limits::default() });
/// // document, html, head, body, p, "a": the sixth node is one too many
/// let err = parse_html("<p>a</p>", &options).unwrap_err();
/// assert_eq!(err, ParseError::LimitExceeded { limit: Limit::Nodes, max: 5, value: 6 });
/// assert_eq!(err.to_string(), "limit exceeded: nodes reached 6, the maximum is 5");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// Bytes of input.
    InputBytes,
    /// Bytes of text, comments and attribute values one document stores
    /// (at most 4 GiB - 1, whatever the [`Limits`](crate::Limits)).
    TextBytes,
    /// Nodes in one document.
    Nodes,
    /// Attributes on one element.
    AttributesPerElement,
    /// Depth of an element below the document node.
    Depth,
    /// Bytes of distinct names in one document.
    NameBytes,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::InputBytes => "input bytes",
            Limit::TextBytes => "text bytes",
            Limit::Nodes => "nodes",
            Limit::AttributesPerElement => "attributes per element",
            Limit::Depth => "depth",
            Limit::NameBytes => "name bytes",
        })
    }
}

/// Why a parse gave no document. HTML parsing itself never fails (every
/// input has a tree); a parse fails only on a limit or a bad argument.
/// Selectors and dictionary names have errors of their own
/// ([`SelectorError`](crate::SelectorError),
/// [`DictionarySpecError`](crate::dict::DictionarySpecError)).
///
/// ```
/// use htmldict::{ParseError, ParseOptions, parse_fragment};
/// let err = parse_fragment("", "<td>", &ParseOptions::new()).unwrap_err();
/// assert!(matches!(err, ParseError::InvalidContext(_)));
/// assert_eq!(err.to_string(), "invalid fragment context element: \"\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// A document would have gone past a bound.
    LimitExceeded {
        /// Which bound.
        limit: Limit,
        /// The bound in force.
        max: u64,
        /// The value met (at least `max + 1`; the parse stops there).
        value: u64,
    },
    /// A fragment context that names no element (empty, or `svg`/`math`
    /// with no local name).
    InvalidContext(String),
    /// A [`Parser`](crate::Parser) that was fed bytes was then fed text, or
    /// the reverse. The call is refused and the parser stays as it was.
    MixedInput,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::LimitExceeded { limit, max, value } => {
                write!(
                    f,
                    "limit exceeded: {limit} reached {value}, the maximum is {max}"
                )
            }
            ParseError::InvalidContext(context) => {
                write!(f, "invalid fragment context element: {context:?}")
            }
            ParseError::MixedInput => {
                f.write_str("a parser takes either bytes or text, and was given both")
            }
        }
    }
}

impl std::error::Error for ParseError {}
