//! The HTML standard's "preprocessing the input stream" (13.2.3.5): newlines
//! normalised (CR LF and lone CR become LF), and, when errors are reported,
//! the input-stream parse errors (controls, noncharacters) found.

use std::borrow::Cow;

use memchr::memchr;

use super::char_ref::{is_control, is_noncharacter};
use crate::markup_errors::TokenizerErrorCode;

/// Normalises newlines across the pieces of one input.
#[derive(Default)]
pub(super) struct Newlines {
    /// The previous piece ended with a CR, now an LF: an LF that starts the
    /// next piece belongs to it.
    after_cr: bool,
}

impl Newlines {
    /// `piece` with its newlines normalised: `piece` itself (or all but
    /// its first byte, the LF of a CR LF pair cut in two) when it holds no
    /// CR.
    pub(super) fn normalise<'a>(&mut self, piece: &'a str) -> Cow<'a, str> {
        let bytes = piece.as_bytes();
        let skip_lf = self.after_cr && bytes.first() == Some(&b'\n');
        if !bytes.is_empty() {
            self.after_cr = false;
        }
        let start = usize::from(skip_lf);
        let Some(first_cr) = memchr(b'\r', bytes) else {
            // Cannot panic: with `skip_lf`, the piece starts with `\n`.
            return Cow::Borrowed(&piece[start..]);
        };
        let mut out = String::with_capacity(piece.len());
        let mut done = start;
        let mut at = first_cr;
        // Cannot panic: `done <= at < len` (a CR found at or after `done`;
        // with `skip_lf` the first byte is `\n`, so `first_cr >= 1`), and
        // CR and LF are ASCII, so every cut is at a character boundary.
        loop {
            out.push_str(&piece[done..at]);
            out.push('\n');
            done = at + 1;
            if bytes.get(done) == Some(&b'\n') {
                done += 1;
            } else if done == bytes.len() {
                self.after_cr = true;
            }
            match memchr(b'\r', &bytes[done..]) {
                Some(next) => at = done + next,
                None => break,
            }
        }
        out.push_str(&piece[done..]);
        Cow::Owned(out)
    }
}

/// The input-stream parse errors of `text` (already normalised), with the
/// byte offset of each offending character.
pub(super) fn stream_errors(text: &str, mut report: impl FnMut(usize, TokenizerErrorCode)) {
    for (offset, c) in text.char_indices() {
        let code = c as u32;
        if is_control(code) && !matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ' | '\0') {
            report(offset, TokenizerErrorCode::ControlCharacterInInputStream);
        } else if is_noncharacter(code) {
            report(offset, TokenizerErrorCode::NoncharacterInInputStream);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pieces: &[&str]) -> String {
        let mut newlines = Newlines::default();
        pieces
            .iter()
            .map(|p| newlines.normalise(p).into_owned())
            .collect()
    }

    #[test]
    fn crlf_and_lone_cr_become_lf_however_cut() {
        assert_eq!(run(&["a\r\nb\rc\n\rd\r"]), "a\nb\nc\n\nd\n");
        assert_eq!(run(&["a\r", "\nb"]), "a\nb");
        assert_eq!(run(&["a\r", "", "\nb"]), "a\nb");
        assert_eq!(run(&["a\r", "\r", "\n"]), "a\n\n");
        assert_eq!(run(&["\n\r", "\n\n"]), "\n\n\n");
    }

    #[test]
    fn controls_and_noncharacters() {
        let mut found = Vec::new();
        stream_errors("a\u{1}\t\u{7f}\u{fdd0}\u{10ffff}\0\u{9f}b", |at, code| {
            found.push((at, code))
        });
        use TokenizerErrorCode::*;
        assert_eq!(
            found,
            [
                (1, ControlCharacterInInputStream),
                (3, ControlCharacterInInputStream),
                (4, NoncharacterInInputStream),
                (7, NoncharacterInInputStream),
                (12, ControlCharacterInInputStream),
            ]
        );
    }
}
