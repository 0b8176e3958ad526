//! The error of [`Selector::parse`](crate::Selector::parse).

use std::fmt;

/// A CSS selector that does not parse, or uses something htmldict does not
/// support (pseudo-elements, unknown pseudo-classes, nesting past
/// [`Selector::MAX_NESTING`](crate::Selector::MAX_NESTING) or
/// [`Selector::MAX_CHAIN`](crate::Selector::MAX_CHAIN)): what went wrong,
/// and where.
///
/// ```
/// use htmldict::{Selector, SelectorErrorKind};
///
/// let err = Selector::parse("a >").unwrap_err();
/// assert_eq!((err.line, err.column), (1, 3));
/// assert_eq!(err.kind, SelectorErrorKind::DanglingCombinator);
/// assert_eq!(
///     err.to_string(),
///     "invalid selector \"a >\" at line 1, column 3: expected a selector after the combinator"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SelectorError {
    /// The selector as given.
    pub selector: String,
    /// Line of the offending token, from 1.
    pub line: u32,
    /// Column of the offending token, from 1, in UTF-16 code units (as
    /// cssparser counts them).
    pub column: u32,
    /// What is wrong there.
    pub kind: SelectorErrorKind,
}

/// What is wrong with a selector, in [`SelectorError::kind`]. Its `Display`
/// is the phrase the error's message ends with.
///
/// ```
/// use htmldict::{Selector, SelectorErrorKind};
///
/// let too_deep = format!("{}a{}", ":is(".repeat(40), ")".repeat(40));
/// match Selector::parse(&too_deep).unwrap_err().kind {
///     SelectorErrorKind::TooDeep { max } => assert_eq!(max, Selector::MAX_NESTING),
///     other => panic!("{other:?}"),
/// }
/// assert_eq!(
///     SelectorErrorKind::UnknownPseudoClass.to_string(),
///     "unknown or unsupported pseudo-class"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SelectorErrorKind {
    /// The selector ends where something more was needed (`a[`, `:not(`).
    UnexpectedEnd,
    /// A token that cannot stand where it is.
    UnexpectedToken,
    /// An identifier that cannot stand where it is.
    UnexpectedIdent,
    /// Nothing where a selector was needed (`""`, `a,`).
    ExpectedSelector,
    /// A combinator with nothing after it (`a >`).
    DanglingCombinator,
    /// A compound selector was needed here.
    ExpectedCompoundSelector,
    /// Something allowed elsewhere but not in this position.
    NotAllowedHere,
    /// `[` with no attribute name after it.
    ExpectedAttributeName,
    /// An invalid attribute name in an attribute selector.
    InvalidAttributeName,
    /// An attribute selector's name followed by neither an operator nor `]`.
    ExpectedAttributeOperator,
    /// An attribute selector's value that is neither an identifier nor a
    /// string.
    InvalidAttributeValue,
    /// A namespace prefix with no `|` where one was needed.
    ExpectedNamespaceBar,
    /// A token after a namespace prefix that cannot follow it.
    UnexpectedTokenAfterNamespace,
    /// A namespace prefix: a selector string cannot declare one.
    UnknownNamespacePrefix,
    /// `.` with no class name after it.
    ExpectedClassName,
    /// `:` with no pseudo-class name after it.
    ExpectedPseudoClassName,
    /// A pseudo-class htmldict does not know or does not support.
    UnknownPseudoClass,
    /// `::before`, `:after` and the other pseudo-elements, which match no
    /// element of a document.
    PseudoElement,
    /// `:has()` inside `:has()`, which the standard forbids.
    NestedHas,
    /// Brackets nested deeper than the maximum, `max` (see
    /// [`Selector::MAX_NESTING`](crate::Selector::MAX_NESTING)).
    TooDeep {
        /// The deepest nesting allowed.
        max: usize,
    },
    /// More compound selectors along one chain of combinators than the
    /// maximum, `max` (see [`Selector::MAX_CHAIN`](crate::Selector::MAX_CHAIN)).
    TooLong {
        /// The longest chain allowed.
        max: usize,
    },
}

impl fmt::Display for SelectorErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SelectorErrorKind as K;
        match self {
            K::UnexpectedEnd => f.write_str("unexpected end of the selector"),
            K::UnexpectedToken => f.write_str("unexpected token"),
            K::UnexpectedIdent => f.write_str("unexpected identifier"),
            K::ExpectedSelector => f.write_str("expected a selector"),
            K::DanglingCombinator => f.write_str("expected a selector after the combinator"),
            K::ExpectedCompoundSelector => f.write_str("expected a compound selector"),
            K::NotAllowedHere => f.write_str("not allowed in this position"),
            K::ExpectedAttributeName => f.write_str("expected an attribute name"),
            K::InvalidAttributeName => f.write_str("invalid attribute name"),
            K::ExpectedAttributeOperator => {
                f.write_str("expected an operator or ] in the attribute selector")
            }
            K::InvalidAttributeValue => {
                f.write_str("expected an identifier or a string as the attribute value")
            }
            K::ExpectedNamespaceBar => f.write_str("expected | in the attribute name"),
            K::UnexpectedTokenAfterNamespace => f.write_str("unexpected token after the namespace"),
            K::UnknownNamespacePrefix => {
                f.write_str("unknown namespace prefix (a selector string cannot declare one)")
            }
            K::ExpectedClassName => f.write_str("expected a class name after ."),
            K::ExpectedPseudoClassName => f.write_str("expected a pseudo-class name"),
            K::UnknownPseudoClass => f.write_str("unknown or unsupported pseudo-class"),
            K::PseudoElement => f.write_str("pseudo-elements are not supported"),
            K::NestedHas => f.write_str(":has() cannot be nested inside :has()"),
            K::TooDeep { max } => write!(f, "brackets nested deeper than {max} levels"),
            K::TooLong { max } => write!(
                f,
                "more than {max} compound selectors along one chain of combinators"
            ),
        }
    }
}

/// How many characters of an invalid selector its message shows.
const SELECTOR_SHOWN: usize = 64;

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A selector can be arbitrarily long; the position says where.
        let selector = &self.selector;
        match selector.char_indices().nth(SELECTOR_SHOWN) {
            None => write!(f, "invalid selector {selector:?}")?,
            // Cannot panic: `cut` comes from `char_indices`.
            Some((cut, _)) => write!(f, "invalid selector {:?}...", &selector[..cut])?,
        }
        write!(
            f,
            " at line {}, column {}: {}",
            self.line, self.column, self.kind
        )
    }
}

impl std::error::Error for SelectorError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_selectors_are_cut_in_the_message() {
        let long = SelectorError {
            selector: format!("{}!", "a ".repeat(100)),
            line: 1,
            column: 201,
            kind: SelectorErrorKind::UnexpectedToken,
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
