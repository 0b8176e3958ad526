//! [`Run`]: the text of a token being built (character data, a comment, an
//! attribute value, a name), kept as a range of the input chunk for as long
//! as it is a copy of the input, and copied into a buffer of its own only
//! when it stops being one.
//!
//! Most text needs no rewriting: no character reference, no NUL, no upper
//! case letter in a name, and it ends in the chunk it started in. Such a run
//! becomes a token as a slice of the chunk, borrowed instead of copied. A rewrite moves what was read so far into the
//! run's own buffer and goes on from there; so does the end of a chunk, so
//! that a run read from many small chunks is copied once, never scanned
//! again.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;

/// Bytes a run's own buffer has room for beyond what it is made for: a run
/// rewritten once (a character reference in a URL, an upper case letter in
/// a name) usually is again, or goes on, a few bytes later, and each growth
/// of a small buffer is a new allocation and a copy.
const OWNED_SLACK: usize = 64;

/// `chunk[start..end]`, or nothing if those are not character boundaries
/// in order (never, for a run's ends). Two splits, each a compare and a
/// boundary check that inline; `str::get` with a range stayed a call.
#[inline(always)]
fn slice(chunk: &str, start: usize, end: usize) -> &str {
    chunk
        .split_at_checked(end)
        .and_then(|(head, _)| head.split_at_checked(start))
        .map_or("", |(_, text)| text)
}

/// A run of text being built from an input chunk.
#[derive(Default)]
pub(super) struct Run {
    /// What was moved out of earlier chunks or rewritten. A `String`, not a
    /// tendril: cutting a reference off the end of a tendril makes its
    /// buffer shared, and the next push would copy it whole.
    owned: Option<String>,
    /// Where the part still in the current chunk starts, while the run is
    /// being read.
    start: Option<usize>,
}

impl Run {
    /// Starts an empty run whose text begins at `pos` of the chunk.
    #[inline]
    pub(super) fn begin(&mut self, pos: usize) {
        self.owned = None;
        self.start = Some(pos);
    }

    /// Whether a run has been started and not finished.
    #[inline]
    pub(super) fn is_active(&self) -> bool {
        self.start.is_some() || self.owned.is_some()
    }

    /// The length, in bytes, of the run read up to `end` of the chunk.
    #[inline]
    pub(super) fn len(&self, end: usize) -> usize {
        // Saturating: a run restarted at `resume` may be measured at an `end`
        // no further than it (nothing read since), which is no text.
        self.owned.as_ref().map_or(0, |o| o.len()) + self.start.map_or(0, |s| end.saturating_sub(s))
    }

    /// Moves the part of the run in the chunk, up to `end`, into the run's
    /// own buffer, and stops reading from the chunk.
    #[inline]
    fn interrupt(&mut self, chunk: &str, end: usize) {
        let moved = self.start.map_or(0, |start| end.saturating_sub(start));
        let owned = self
            .owned
            .get_or_insert_with(|| String::with_capacity(moved + OWNED_SLACK));
        if let Some(start) = self.start.take()
            && end > start
        {
            // Cannot panic: `start < end <= chunk.len()`, both at ASCII
            // delimiters or the chunk's end, so at character boundaries.
            owned.push_str(&chunk[start..end]);
        }
    }

    /// Keeps the first `keep` bytes of the run (read up to `end` of the
    /// chunk), appends `text`, which is not a copy of the chunk, and goes on
    /// reading the chunk from `resume`. What was read so far moves into the
    /// run's own buffer.
    pub(super) fn truncate_and_push(
        &mut self,
        chunk: &str,
        end: usize,
        keep: usize,
        text: &str,
        resume: usize,
    ) {
        let owned_len = self.owned.as_ref().map_or(0, |o| o.len());
        if keep >= owned_len {
            let start = self.start.unwrap_or(end);
            self.interrupt(chunk, (start + (keep - owned_len)).min(end));
        } else {
            self.start = None;
            if let Some(owned) = &mut self.owned {
                // Cannot panic: `keep` is a length the run had when an ASCII
                // `&` or NUL was read, so a character boundary of `owned`.
                owned.truncate(keep);
            }
        }
        self.owned
            .get_or_insert_with(|| String::with_capacity(text.len() + OWNED_SLACK))
            .push_str(text);
        self.start = Some(resume);
    }

    /// The chunk is about to be dropped: moves the run's part of it into the
    /// run's own buffer; the run goes on at the start of the next chunk.
    pub(super) fn spill(&mut self, chunk: &str) {
        self.rebase(chunk, chunk.len());
    }

    /// The chunk is cut at `cut`, and only the part after the cut kept: the
    /// run's part before the cut moves into its own buffer; a run started
    /// after the cut keeps its place in the rest.
    pub(super) fn rebase(&mut self, chunk: &str, cut: usize) {
        if let Some(start) = self.start {
            if start >= cut {
                self.start = Some(start - cut);
            } else {
                self.interrupt(chunk, cut);
                self.start = Some(0);
            }
        }
    }

    /// The text of the run, read up to `end` of the chunk, without its last
    /// `trim` bytes (ASCII bytes, such as the dashes that close a comment);
    /// the run is finished. A run that is a copy of the chunk borrows it.
    #[inline(always)]
    pub(super) fn take<'c>(&mut self, chunk: &'c str, end: usize, trim: usize) -> Cow<'c, str> {
        match (self.owned.take(), self.start.take()) {
            (None, Some(start)) => {
                let end = end.saturating_sub(trim);
                // Both ends are at ASCII delimiters or the chunk's end.
                Cow::Borrowed(slice(chunk, start, end))
            }
            (owned, start) => {
                let mut owned = owned.unwrap_or_default();
                if let Some(start) = start
                    && end > start
                {
                    owned.push_str(&chunk[start..end]);
                }
                // Cannot panic: what is trimmed is ASCII (`-`, `!`, `]`) read
                // last, so the cut is at a character boundary.
                owned.truncate(owned.len() - trim.min(owned.len()));
                Cow::Owned(owned)
            }
        }
    }

    /// The first `keep` bytes of the run (read up to `end` of the chunk);
    /// the run is finished.
    pub(super) fn take_len<'c>(&mut self, chunk: &'c str, end: usize, keep: usize) -> Cow<'c, str> {
        let len = self.len(end);
        self.take(chunk, end, len - keep.min(len))
    }

    /// The text of the run up to `end` of the chunk.
    pub(super) fn as_str<'a>(&'a self, chunk: &'a str, end: usize) -> RunStr<'a> {
        match (&self.owned, self.start) {
            // Cannot panic: `start <= end <= chunk.len()`, at ASCII delimiters.
            (None, Some(start)) => RunStr::Borrowed(&chunk[start..end]),
            (None, None) => RunStr::Borrowed(""),
            (Some(owned), None) => RunStr::Borrowed(owned),
            (Some(owned), Some(start)) if end <= start => RunStr::Borrowed(owned),
            (Some(owned), Some(start)) => {
                // Cannot panic: `start < end` (the arm above), `end <= chunk.len()`.
                let mut joined = String::with_capacity(owned.len() + end - start);
                joined.push_str(owned);
                joined.push_str(&chunk[start..end]);
                RunStr::Joined(joined)
            }
        }
    }

    /// Forgets the run.
    #[inline]
    pub(super) fn clear(&mut self) {
        self.owned = None;
        self.start = None;
    }
}

/// The text of a [`Run`] as a string slice: the run's own, or joined from
/// its parts.
/// `text` as a tendril, which holds at most `u32::MAX` bytes: an input is
/// never longer (the parser's and [`tokenize`](crate::tokenize)'s limit),
/// but a token built from one can be, each NUL becoming a three-byte
/// U+FFFD; such a token keeps its first `u32::MAX` bytes, cut at a character
/// boundary, instead of panicking.
pub(super) fn tendril(text: &str) -> StrTendril {
    StrTendril::from_slice(within(text, u32::MAX as usize))
}

/// The longest start of `text` of at most `max` bytes.
fn within(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        // Cannot underflow: offset 0 is a character boundary.
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

pub(super) enum RunStr<'a> {
    Borrowed(&'a str),
    Joined(String),
}

impl std::ops::Deref for RunStr<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            RunStr::Borrowed(s) => s,
            RunStr::Joined(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_past_a_tendrils_length_is_cut_at_a_character_boundary() {
        assert_eq!(within("abc", 3), "abc");
        assert_eq!(within("abc", 2), "ab");
        assert_eq!(within("a\u{fffd}", 3), "a");
        assert_eq!(within("\u{fffd}\u{fffd}", 5), "\u{fffd}");
        assert_eq!(&*tendril("a\0b"), "a\0b");
    }

    #[test]
    fn a_run_inside_its_chunk_shares_the_chunk() {
        let chunk = StrTendril::from_slice("<p>hello world</p>");
        let mut run = Run::default();
        run.begin(3);
        assert_eq!(run.len(14), 11);
        assert_eq!(&*run.as_str(&chunk, 14), "hello world");
        let text = run.take(&chunk, 14, 0);
        assert_eq!(&*text, "hello world");
        assert!(!run.is_active());
    }

    #[test]
    fn rewrites_spills_and_trims() {
        let first = StrTendril::from_slice("a&amp;b");
        let mut run = Run::default();
        run.begin(0);
        run.truncate_and_push(&first, 6, 1, "&", 6);
        run.spill(&first);
        let second = StrTendril::from_slice("c\0d-->");
        let keep = run.len(1);
        run.truncate_and_push(&second, 1, keep, "\u{fffd}", 2);
        assert_eq!(&*run.as_str(&second, 4), "a&bc\u{fffd}d-");
        assert_eq!(&*run.take(&second, 5, 2), "a&bc\u{fffd}d");
    }

    #[test]
    fn a_reference_cut_by_a_chunk_boundary_is_replaced_whole() {
        // "x&am" | "p;y": the `&` at length 1; resolved in the next chunk.
        let first = StrTendril::from_slice("x&am");
        let mut run = Run::default();
        run.begin(0);
        let mark = run.len(1);
        run.spill(&first);
        let second = StrTendril::from_slice("p;y");
        run.truncate_and_push(&second, 2, mark, "&", 2);
        assert_eq!(&*run.take(&second, 3, 0), "x&y");
        // Raw text cut before a `</`: only what came before it is taken.
        let chunk = StrTendril::from_slice("abc</x");
        run.begin(0);
        assert_eq!(&*run.take_len(&chunk, 6, 3), "abc");
    }
}
