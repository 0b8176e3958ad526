//! What the limits allow one parse ([`Limits`]), and the first limit it
//! ran into: from then on the tree builder's requests build nothing, and
//! the parse ends refused, or, with
//! [`ParseOptions::truncate_on_limit`](crate::ParseOptions::truncate_on_limit),
//! with the document built so far marked truncated.

use crate::error::{Limit, ParseError};
use crate::options::Limits;

pub(super) struct Budget {
    limits: Limits,
    /// Whether a limit met keeps the document built so far.
    truncate_on_limit: bool,
    /// The first limit the tree builder's requests ran into.
    failure: Option<ParseError>,
    /// A limit met outside the tree builder (the input's size), at which
    /// the document is cut.
    truncated: Option<ParseError>,
    /// Bytes of the distinct names interned so far.
    name_bytes: u64,
}

impl Budget {
    pub(super) fn new(limits: Limits, truncate_on_limit: bool) -> Budget {
        Budget {
            limits,
            truncate_on_limit,
            failure: None,
            truncated: None,
            name_bytes: 0,
        }
    }

    pub(super) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Records `limit` passed (`value` against `max`), unless a limit was
    /// met before: the first one is the parse's.
    pub(super) fn fail(&mut self, limit: Limit, max: u64, value: u64) {
        if self.failure.is_none() {
            self.failure = Some(ParseError::LimitExceeded { limit, max, value });
        }
    }

    /// Whether a limit was met: nothing more is built.
    pub(super) fn refused(&self) -> bool {
        self.failure.is_some()
    }

    /// The first limit met, if any.
    pub(super) fn failure(&self) -> Option<&ParseError> {
        self.failure.as_ref()
    }

    /// Counts a new name's `bytes` against `max_name_bytes`.
    pub(super) fn add_name_bytes(&mut self, bytes: usize) {
        self.name_bytes = self.name_bytes.saturating_add(bytes as u64);
        if self.name_bytes > self.limits.max_name_bytes {
            self.fail(
                Limit::NameBytes,
                self.limits.max_name_bytes,
                self.name_bytes,
            );
        }
    }

    /// Marks the document cut at `error` (the input's size).
    pub(super) fn set_truncated(&mut self, error: Option<ParseError>) {
        self.truncated = error;
    }

    /// How the parse ends: `Err` with the limit that refused it, or `Ok`
    /// with the limit the kept document was cut at, if any.
    pub(super) fn outcome(&mut self) -> Result<Option<ParseError>, ParseError> {
        match self.failure.take() {
            Some(error) if self.truncate_on_limit => Ok(Some(error)),
            Some(error) => Err(error),
            None => Ok(self.truncated.take()),
        }
    }
}
