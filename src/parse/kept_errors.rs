//! The markup errors a document keeps when asked
//! ([`ParseOptions::keep_errors`](crate::ParseOptions::keep_errors)): the
//! first [`Document::MAX_KEPT_ERRORS`], then a count, and where the tree
//! builder's errors stand (the end of the token being built into the
//! tree, which the tokenizer reports before each token).

use std::borrow::Cow;

use crate::dom::Document;
use crate::markup_errors::{MarkupError, MarkupErrorKind};

pub(super) struct KeptErrors {
    on: bool,
    errors: Vec<MarkupError>,
    /// Errors met once [`Document::MAX_KEPT_ERRORS`] were kept.
    dropped: u64,
    /// Where the token being built into the tree ends (line, column).
    position: (u64, u64),
}

impl KeptErrors {
    /// Keeping errors when `on`; otherwise every call is a no-op.
    pub(super) fn new(on: bool) -> KeptErrors {
        KeptErrors {
            on,
            errors: Vec::new(),
            dropped: 0,
            position: (1, 1),
        }
    }

    /// The next token ends at `line`, `column`.
    pub(super) fn at(&mut self, line: u64, column: u64) {
        self.position = (line, column);
    }

    /// Keeps `error` (or counts it, past the cap).
    pub(super) fn keep(&mut self, error: MarkupError) {
        if !self.on {
            return;
        }
        if self.errors.len() < Document::MAX_KEPT_ERRORS {
            self.errors.push(error);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// Keeps a tree-construction error, at the current token's end.
    pub(super) fn tree_construction(&mut self, message: Cow<'static, str>) {
        let (line, column) = self.position;
        self.keep(MarkupError {
            kind: MarkupErrorKind::TreeConstruction(message),
            line,
            column,
        });
    }

    /// The errors kept, and how many more were met.
    pub(super) fn into_parts(self) -> (Vec<MarkupError>, u64) {
        (self.errors, self.dropped)
    }
}
