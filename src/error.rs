//! The crate's one error type.

use std::fmt;

/// A bound that a parse would have exceeded, named by
/// [`Error::LimitExceeded`]. All but `TextBytes` are set in
/// [`Limits`](crate::Limits); `TextBytes` is the document format's own bound.
///
/// ```
/// use htmldict::{Error, Limit, Limits, ParseOptions, parse_html};
/// let options = ParseOptions::new().limits(Limits { max_nodes: 5, ..Limits::default() });
/// // document, html, head, body, p, "a": the sixth node is one too many
/// let err = parse_html("<p>a</p>", &options).unwrap_err();
/// assert_eq!(err, Error::LimitExceeded { limit: Limit::Nodes, max: 5, value: 6 });
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

/// Everything that can go wrong in htmldict. HTML parsing itself never fails
/// (every input has a tree); errors come from limits and from bad arguments.
///
/// ```
/// use htmldict::{Error, ParseOptions, parse_fragment};
/// let err = parse_fragment("", "<td>", &ParseOptions::new()).unwrap_err();
/// assert!(matches!(err, Error::InvalidContext(_)));
/// assert_eq!(err.to_string(), "invalid fragment context element: \"\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
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
    /// A dictionary name other than `global`, `per-document` or `lru:N`
    /// (1 ≤ N ≤ 16,777,216).
    InvalidDictionarySpec(String),
    /// A [`Parser`](crate::Parser) that was fed bytes was then fed text, or
    /// the reverse. The call is refused and the parser stays as it was.
    MixedInput,
    /// A CSS selector that does not parse, or uses something htmldict does
    /// not support (pseudo-elements, unknown pseudo-classes, nesting past the
    /// limits given in [`Selector`](crate::Selector)).
    ///
    /// ```
    /// use htmldict::{Error, Selector};
    /// let err = Selector::parse("a >").unwrap_err();
    /// assert!(matches!(err, Error::InvalidSelector { line: 1, column: 3, .. }));
    /// ```
    InvalidSelector {
        /// The selector as given.
        selector: String,
        /// Line of the offending token, from 1.
        line: u32,
        /// Column of the offending token, from 1, in UTF-16 code units (as
        /// cssparser counts them).
        column: u32,
        /// What is wrong there.
        reason: String,
    },
}

/// How many characters of an invalid selector its message shows.
const SELECTOR_SHOWN: usize = 64;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::LimitExceeded { limit, max, value } => {
                write!(
                    f,
                    "limit exceeded: {limit} reached {value}, the maximum is {max}"
                )
            }
            Error::InvalidContext(context) => {
                write!(f, "invalid fragment context element: {context:?}")
            }
            Error::InvalidDictionarySpec(spec) => write!(
                f,
                "invalid dictionary {spec:?}: expected global, per-document or lru:N with 1 <= N <= 16777216"
            ),
            Error::MixedInput => {
                f.write_str("a parser takes either bytes or text, and was given both")
            }
            Error::InvalidSelector {
                selector,
                line,
                column,
                reason,
            } => {
                // A selector can be arbitrarily long; the position says where.
                match selector.char_indices().nth(SELECTOR_SHOWN) {
                    None => write!(f, "invalid selector {selector:?}")?,
                    Some((cut, _)) => write!(f, "invalid selector {:?}...", &selector[..cut])?,
                }
                write!(f, " at line {line}, column {column}: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_selector_displays_position_and_reason() {
        let err = Error::InvalidSelector {
            selector: "div[".to_owned(),
            line: 1,
            column: 4,
            reason: "expected an attribute name".to_owned(),
        };
        assert_eq!(
            err.to_string(),
            "invalid selector \"div[\" at line 1, column 4: expected an attribute name"
        );
        let long = Error::InvalidSelector {
            selector: format!("{}!", "a ".repeat(100)),
            line: 1,
            column: 201,
            reason: "unexpected token".to_owned(),
        };
        assert_eq!(
            long.to_string(),
            format!(
                "invalid selector {:?}... at line 1, column 201: unexpected token",
                "a ".repeat(32)
            )
        );
    }
}
