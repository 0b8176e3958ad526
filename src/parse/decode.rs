//! Decoding byte input as it arrives: the HTML standard's input byte stream
//! (section 13.2.3) as a state machine, [`Decoding`].
//!
//! The states are the standard's: *sniffing* waits for enough bytes to run
//! the encoding sniffing algorithm (13.2.3.2: a byte order mark, the
//! transport charset, the `<meta>` prescan of the first 1,024 bytes);
//! *detecting* is the step the standard leaves to the user agent when
//! nothing was declared (chardetng, as in Firefox; see
//! [`encoding`](super::encoding)); *tentative* decodes with an encoding a
//! `<meta>` met while parsing may still change (13.2.3.4, "change the
//! encoding"), keeping the bytes received so far in case it asks for them
//! to be decoded again; *certain* decodes with an encoding nothing can
//! change; *finished* has flushed its decoder. Each state owns what only it
//! needs: a finished decoding has no decoder left to use, and only the
//! tentative states keep a copy of the input.
//!
//! The decoded text goes to a [`TextSink`], the tree under construction,
//! which reports the `<meta>` declarations it meets while the confidence is
//! tentative. This module knows nothing of trees: the engine in
//! [`parse`](super) implements the sink.
//!
//! A one-shot parse and a streaming one run the same machine: the one-shot
//! parse is a single call with `last` set.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{CoderResult, Encoding, UTF_8, WINDOWS_1252};

use super::encoding::{self as sniffing, Change, DETECTION_WINDOW};
use crate::encoding::{DocumentEncoding, EncodingSource};

/// Input is decoded and handed on in pieces of this many bytes (the
/// tokenizer copies each into a buffer of its own, which tokens share).
pub(super) const CHUNK_BYTES: usize = 16 * 1024;

/// Where decoded text goes: the tree under construction.
pub(super) trait TextSink {
    /// Makes room for a document of about `bytes` bytes, if nothing was
    /// parsed yet.
    fn reserve(&mut self, bytes: usize);

    /// Parses `text`. With `report_meta`, stops at the first `<meta>` that
    /// declares an encoding and returns it; the rest of the text stays
    /// queued for [`resume`](Self::resume).
    fn parse(&mut self, text: &str, report_meta: bool) -> Parsed;

    /// Parses the text still queued after a reported `<meta>`, reporting
    /// none.
    fn resume(&mut self) -> Parsed;

    /// Drops everything parsed so far: the input is parsed again from its
    /// first byte, about `bytes` bytes of it known so far.
    fn restart(&mut self, bytes: usize);
}

/// What parsing a piece of text came to.
pub(super) enum Parsed {
    /// The text is parsed.
    Done,
    /// A `<meta>` declares this encoding; the text after it is queued.
    Meta(&'static Encoding),
    /// A limit stopped the parse: the sink takes no more text.
    Stopped,
}

/// The state of byte input; see the module documentation.
pub(super) enum Decoding {
    /// Waiting for enough bytes to run the sniffing algorithm.
    Sniffing(Sniffing),
    /// Nothing declared the encoding: detecting it from the bytes.
    Detecting(Box<Detecting>),
    /// Decoding with tentative confidence.
    Tentative(Box<Tentative>),
    /// Decoding with certain confidence.
    Certain(Certain),
    /// The last bytes are decoded.
    Finished(DocumentEncoding),
}

/// Bytes held until the sniffing algorithm can decide.
pub(super) struct Sniffing {
    pending: Vec<u8>,
    /// The transport charset, which decides unless a BOM does.
    transport: Option<&'static Encoding>,
    /// The page's top-level domain, the detector's hint.
    tld: Option<Box<str>>,
}

/// Encoding detection in progress. The bytes before the first non-ASCII
/// byte read the same in every encoding the detector can choose: they are
/// parsed as they come, as windows-1252. The bytes from the first
/// non-ASCII byte on are held until the detector has read
/// [`DETECTION_WINDOW`] of them or the input ends, so that where it decides
/// depends on the bytes alone, never on how they were cut into pieces.
pub(super) struct Detecting {
    detector: EncodingDetector,
    /// From the first non-ASCII byte on, not yet decoded.
    held: Vec<u8>,
    /// The bytes of earlier calls, for a `<meta>` that asks to decode them
    /// again.
    history: Vec<u8>,
    tld: Option<Box<str>>,
}

/// Decoding with an encoding a `<meta>` may still change.
pub(super) struct Tentative {
    encoding: DocumentEncoding,
    decoder: OpenDecoder,
    /// Whether every byte decoded so far is ASCII: then a `<meta>` can
    /// switch decoders where the parse stands.
    all_ascii: bool,
    /// The bytes of earlier calls, for a `<meta>` that asks to decode them
    /// again.
    history: Vec<u8>,
}

/// Decoding with an encoding nothing can change.
pub(super) struct Certain {
    encoding: DocumentEncoding,
    decoder: OpenDecoder,
}

/// What a step of a certain decoding leaves: the state to go on with, and
/// whether the sink stopped (then nothing more is parsed).
struct Fed {
    state: Decoding,
    stopped: bool,
}

impl Fed {
    fn going(state: Decoding) -> Fed {
        Fed {
            state,
            stopped: false,
        }
    }

    fn stopped(state: Decoding) -> Fed {
        Fed {
            state,
            stopped: true,
        }
    }
}

/// What a step of a tentative decoding leaves.
enum Outcome {
    /// Decoded as far as the bytes (or the sink) allow.
    Fed(Fed),
    /// A `<meta>` asks to parse everything again, decoded with this
    /// encoding; the bytes of the earlier calls come with it.
    Reparse(&'static Encoding, Vec<u8>),
}

impl From<Fed> for Outcome {
    fn from(fed: Fed) -> Outcome {
        Outcome::Fed(fed)
    }
}

impl Decoding {
    /// Byte input not yet begun: `transport` is the transport charset and
    /// `tld` the page's top-level domain.
    pub(super) fn new(transport: Option<&'static Encoding>, tld: Option<&str>) -> Decoding {
        Decoding::Sniffing(Sniffing {
            pending: Vec::new(),
            transport,
            tld: tld.map(Box::from),
        })
    }

    /// The encoding decided so far (tentative or certain).
    pub(super) fn encoding(&self) -> Option<DocumentEncoding> {
        match self {
            Decoding::Sniffing(_) => None,
            Decoding::Detecting(_) => Some(default_encoding()),
            Decoding::Tentative(state) => Some(state.encoding),
            Decoding::Certain(state) => Some(state.encoding),
            Decoding::Finished(encoding) => Some(*encoding),
        }
    }

    /// Gives up: what is held is freed, and nothing more will be decoded.
    pub(super) fn abandon(self) -> Decoding {
        match self.encoding() {
            Some(encoding) => Decoding::Finished(encoding),
            None => Decoding::new(None, None),
        }
    }

    /// Takes the next `bytes`; `last` says no more will come, so that the
    /// encoding can be decided on fewer than 1,024 bytes and the decoder
    /// flushed. Bytes given once finished are ignored.
    pub(super) fn feed(self, bytes: &[u8], last: bool, sink: &mut impl TextSink) -> Decoding {
        match self {
            Decoding::Sniffing(state) => state.feed(bytes, last, sink),
            Decoding::Finished(encoding) => Decoding::Finished(encoding),
            decided => decided.decode_call(bytes, last, sink),
        }
    }

    /// One call's bytes, once the encoding is decided: decodes them, parses
    /// again from the first byte if a `<meta>` asks, and keeps them while
    /// the confidence stays tentative.
    fn decode_call(self, input: &[u8], last: bool, sink: &mut impl TextSink) -> Decoding {
        let outcome = match self {
            Decoding::Detecting(state) => state.feed(input, last, sink),
            Decoding::Tentative(state) => state.feed(input, last, sink),
            Decoding::Certain(state) => state.feed(input, last, sink).into(),
            other => Fed::going(other).into(),
        };
        match outcome {
            Outcome::Fed(Fed {
                mut state,
                stopped: false,
            }) => {
                if !last {
                    state.remember(input);
                }
                state
            }
            Outcome::Fed(Fed { state, .. }) => state,
            Outcome::Reparse(encoding, history) => {
                // The standard's "change the encoding", step 6: navigate to
                // the document again, with certain confidence. Here: throw
                // the tree away and decode every byte again.
                sink.restart(history.len().saturating_add(input.len()));
                let certain = Certain {
                    encoding: certain_meta(encoding),
                    // With BOM handling, as at the start of any input.
                    decoder: OpenDecoder::with_bom_removal(encoding),
                };
                match certain.feed(&history, false, sink) {
                    Fed {
                        state: Decoding::Certain(certain),
                        stopped: false,
                    } => certain.feed(input, last, sink).state,
                    fed => fed.state,
                }
            }
        }
    }

    /// Keeps a call's bytes while a `<meta>` may still ask to decode them
    /// again.
    fn remember(&mut self, input: &[u8]) {
        match self {
            Decoding::Detecting(state) => state.history.extend_from_slice(input),
            Decoding::Tentative(state) => state.history.extend_from_slice(input),
            _ => {}
        }
    }
}

fn default_encoding() -> DocumentEncoding {
    DocumentEncoding::new(WINDOWS_1252, EncodingSource::Default)
}

fn certain_meta(encoding: &'static Encoding) -> DocumentEncoding {
    DocumentEncoding::new(encoding, EncodingSource::Meta)
}

impl Sniffing {
    fn feed(mut self, bytes: &[u8], last: bool, sink: &mut impl TextSink) -> Decoding {
        // Decide on `bytes` alone when they are enough, without copying.
        if self.pending.is_empty()
            && let Some((encoding, certain)) = sniffing::sniff(bytes, self.transport, last)
        {
            return self
                .decided(encoding, certain)
                .decode_call(bytes, last, sink);
        }
        self.pending.extend_from_slice(bytes);
        match sniffing::sniff(&self.pending, self.transport, last) {
            None => Decoding::Sniffing(self),
            Some((encoding, certain)) => {
                let pending = std::mem::take(&mut self.pending);
                self.decided(encoding, certain)
                    .decode_call(&pending, last, sink)
            }
        }
    }

    /// The state the sniffing algorithm's answer starts: certain, tentative,
    /// or (for the default) detecting.
    fn decided(self, encoding: DocumentEncoding, certain: bool) -> Decoding {
        // With BOM sniffing and removal, as the Encoding standard's "decode".
        let decoder = OpenDecoder::with_bom_removal(encoding.encoding());
        if certain {
            Decoding::Certain(Certain { encoding, decoder })
        } else if encoding.source() == EncodingSource::Default {
            Decoding::Detecting(Box::new(Detecting {
                detector: EncodingDetector::new(Iso2022JpDetection::Deny),
                held: Vec::new(),
                history: Vec::new(),
                tld: self.tld,
            }))
        } else {
            Decoding::Tentative(Box::new(Tentative {
                encoding,
                decoder,
                all_ascii: true,
                history: Vec::new(),
            }))
        }
    }
}

/// The length of the ASCII start of `bytes`, found a block at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut len = 0;
    for block in bytes.chunks(64) {
        if !block.is_ascii() {
            return len + block.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        }
        len += block.len();
    }
    len
}

impl Detecting {
    fn feed(mut self: Box<Self>, input: &[u8], last: bool, sink: &mut impl TextSink) -> Outcome {
        let mut rest = input;
        if self.held.is_empty() {
            let ascii = ascii_prefix(rest);
            // Cannot panic: `ascii` is at most the length.
            let (ascii, after) = rest.split_at(ascii);
            self.detector.feed(ascii, false);
            // Room for the whole input, not only its ASCII start: the arena
            // would otherwise grow, copying, for the rest.
            sink.reserve(input.len().saturating_add(self.history.len()));
            let mut parsed = 0;
            for piece in ascii.chunks(CHUNK_BYTES) {
                parsed += piece.len();
                // ASCII is UTF-8 and reads the same in windows-1252: borrowed
                // (checked as UTF-8 at SIMD speed; the lossy copy is never
                // needed).
                let text = match simdutf8::basic::from_utf8(piece) {
                    Ok(text) => Cow::Borrowed(text),
                    Err(_) => String::from_utf8_lossy(piece),
                };
                match sink.parse(&text, true) {
                    Parsed::Done => {}
                    Parsed::Stopped => return Fed::stopped(Decoding::Detecting(self)).into(),
                    Parsed::Meta(declared) => {
                        // Every byte parsed so far is ASCII.
                        let certain = match sniffing::change(WINDOWS_1252, declared, true) {
                            Change::Keep => Certain::switched(WINDOWS_1252),
                            Change::Switch(new) => Certain::switched(new),
                            Change::Reparse(new) => return Outcome::Reparse(new, self.history),
                        };
                        if let Parsed::Stopped = sink.resume() {
                            return Fed::stopped(Decoding::Certain(certain)).into();
                        }
                        return certain
                            .feed(input.get(parsed..).unwrap_or_default(), last, sink)
                            .into();
                    }
                }
            }
            rest = after;
            if rest.is_empty() {
                return Fed::going(if last {
                    // All ASCII: nothing to detect, windows-1252 stays.
                    Decoding::Finished(default_encoding())
                } else {
                    Decoding::Detecting(self)
                })
                .into();
            }
            self.held.reserve(DETECTION_WINDOW);
        }
        let room = DETECTION_WINDOW.saturating_sub(self.held.len());
        // Cannot panic: the length is at most `rest.len()`.
        let (taken, after) = rest.split_at(room.min(rest.len()));
        self.held.extend_from_slice(taken);
        let ended = last && after.is_empty();
        let full = self.held.len() >= DETECTION_WINDOW;
        if !full && !ended {
            return Fed::going(Decoding::Detecting(self)).into();
        }
        let Detecting {
            mut detector,
            held,
            history,
            tld,
        } = *self;
        // A full window is read as the prefix of a longer stream, even when
        // the input happens to end there, so that where the pieces end
        // never changes the guess.
        let complete = !full;
        let guess = if utf8_so_far(&held, complete) {
            // What chardetng answers, with UTF-8 allowed, for a stream that
            // is valid UTF-8 so far, without its per-byte scoring of every
            // other candidate (a quarter of the parse of an undeclared page).
            UTF_8
        } else {
            // The detector is fed its last bytes once and dropped. The hint
            // is one label, ASCII with no upper case, as `guess` requires
            // (`ParseOptions::top_level_domain`).
            detector.feed(&held, complete);
            detector.guess(tld.as_deref().map(str::as_bytes), Utf8Detection::Allow)
        };
        // Every byte parsed so far was ASCII: the detected encoding takes
        // over where the parse stands.
        let tentative = Box::new(Tentative {
            encoding: DocumentEncoding::new(guess, EncodingSource::Detected),
            decoder: OpenDecoder::without_bom_handling(guess),
            all_ascii: true,
            history,
        });
        match tentative.feed(&held, ended, sink) {
            Outcome::Fed(Fed {
                state: Decoding::Tentative(state),
                stopped: false,
            }) => state.feed(after, last, sink),
            Outcome::Fed(Fed {
                state: Decoding::Certain(state),
                stopped: false,
            }) => state.feed(after, last, sink).into(),
            other => other,
        }
    }
}

impl Tentative {
    fn feed(mut self: Box<Self>, bytes: &[u8], last: bool, sink: &mut impl TextSink) -> Outcome {
        sink.reserve(bytes.len().saturating_add(self.history.len()));
        let mut text = String::new();
        let mut rest = bytes;
        loop {
            // Cannot panic: the cut is at most `rest.len()`.
            let (piece, after) = rest.split_at(self.decoder.cut(rest, CHUNK_BYTES));
            rest = after;
            self.all_ascii &= piece.is_ascii();
            if last && rest.is_empty() {
                let Tentative {
                    encoding,
                    decoder,
                    all_ascii,
                    history,
                } = *self;
                let decoded = decoder.finish(piece, &mut text);
                return match sink.parse(decoded, true) {
                    Parsed::Done => Fed::going(Decoding::Finished(encoding)).into(),
                    Parsed::Stopped => Fed::stopped(Decoding::Finished(encoding)).into(),
                    Parsed::Meta(declared) => {
                        let settled =
                            match sniffing::change(encoding.encoding(), declared, all_ascii) {
                                Change::Keep => certain_meta(encoding.encoding()),
                                Change::Switch(new) => certain_meta(new),
                                Change::Reparse(new) => return Outcome::Reparse(new, history),
                            };
                        match sink.resume() {
                            Parsed::Stopped => Fed::stopped(Decoding::Finished(settled)).into(),
                            _ => Fed::going(Decoding::Finished(settled)).into(),
                        }
                    }
                };
            }
            let decoded = self.decoder.decode(piece, &mut text);
            match sink.parse(decoded, true) {
                Parsed::Done => {}
                Parsed::Stopped => return Fed::stopped(Decoding::Tentative(self)).into(),
                Parsed::Meta(declared) => {
                    let Tentative {
                        encoding,
                        decoder,
                        all_ascii,
                        history,
                    } = *self;
                    let certain = match sniffing::change(encoding.encoding(), declared, all_ascii) {
                        Change::Keep => Certain {
                            encoding: certain_meta(encoding.encoding()),
                            decoder,
                        },
                        Change::Switch(new) => Certain::switched(new),
                        Change::Reparse(new) => return Outcome::Reparse(new, history),
                    };
                    if let Parsed::Stopped = sink.resume() {
                        return Fed::stopped(Decoding::Certain(certain)).into();
                    }
                    return certain.feed(rest, last, sink).into();
                }
            }
            text.clear();
            if rest.is_empty() {
                return Fed::going(Decoding::Tentative(self)).into();
            }
        }
    }
}

impl Certain {
    /// A `<meta>` declared `encoding`, to be decoded with from where the
    /// parse stands (every byte before reads the same in it).
    fn switched(encoding: &'static Encoding) -> Certain {
        Certain {
            encoding: certain_meta(encoding),
            decoder: OpenDecoder::without_bom_handling(encoding),
        }
    }

    fn feed(mut self, bytes: &[u8], last: bool, sink: &mut impl TextSink) -> Fed {
        sink.reserve(bytes.len());
        let mut text = String::new();
        let mut rest = bytes;
        loop {
            // Cannot panic: the cut is at most `rest.len()`.
            let (piece, after) = rest.split_at(self.decoder.cut(rest, CHUNK_BYTES));
            rest = after;
            if last && rest.is_empty() {
                let Certain { encoding, decoder } = self;
                let decoded = decoder.finish(piece, &mut text);
                let finished = Decoding::Finished(encoding);
                return match sink.parse(decoded, false) {
                    Parsed::Stopped => Fed::stopped(finished),
                    _ => Fed::going(finished),
                };
            }
            let decoded = self.decoder.decode(piece, &mut text);
            if let Parsed::Stopped = sink.parse(decoded, false) {
                return Fed::stopped(Decoding::Certain(self));
            }
            text.clear();
            if rest.is_empty() {
                return Fed::going(Decoding::Certain(self));
            }
        }
    }
}

/// Whether `bytes` are valid UTF-8, as encoding_rs's UTF-8 decoder (which
/// chardetng's UTF-8 candidate runs) judges them: strictly, as Rust does;
/// unless the stream is `complete`, a sequence cut off at the end may still
/// be completed.
fn utf8_so_far(bytes: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(error) => !complete && error.error_len().is_none(),
    }
}

/// An encoding_rs decoder that has not been given its last bytes. Giving
/// them ([`finish`](Self::finish)) consumes it: encoding_rs panics when a
/// decoder is used after its last bytes, and this type cannot be.
///
/// For UTF-8, valid input needs no decoding: while the decoder holds no
/// part of a sequence, a piece that is valid UTF-8 is handed on as it is,
/// borrowed from the input, and only a piece with a malformed or cut
/// sequence goes through the decoder (copied, with U+FFFD where the
/// Encoding standard puts it). Pieces are cut at character boundaries
/// ([`cut`](Self::cut)), so a valid page is never copied before the
/// tokenizer reads it.
struct OpenDecoder {
    decoder: encoding_rs::Decoder,
    passthrough: Passthrough,
}

/// Whether valid UTF-8 may pass without the decoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Passthrough {
    /// Not UTF-8: always decoded.
    Off,
    /// UTF-8, nothing given yet, and the decoder removes a leading byte
    /// order mark: the passthrough removes it instead.
    Start,
    /// UTF-8, and the decoder holds nothing.
    Clean,
    /// UTF-8, and the decoder may hold part of a sequence.
    Pending,
}

/// The UTF-8 byte order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl OpenDecoder {
    /// A decoder for `encoding` that removes a leading byte order mark, as
    /// the Encoding standard's "decode" does.
    fn with_bom_removal(encoding: &'static Encoding) -> OpenDecoder {
        OpenDecoder {
            decoder: encoding.new_decoder(),
            passthrough: if encoding == UTF_8 {
                Passthrough::Start
            } else {
                Passthrough::Off
            },
        }
    }

    /// A decoder for `encoding` from where a parse stands.
    fn without_bom_handling(encoding: &'static Encoding) -> OpenDecoder {
        OpenDecoder {
            decoder: encoding.new_decoder_without_bom_handling(),
            passthrough: if encoding == UTF_8 {
                Passthrough::Clean
            } else {
                Passthrough::Off
            },
        }
    }

    /// Where to cut `bytes` for the next piece: at most `max` bytes, and,
    /// for UTF-8, not inside a character when a boundary lies in its last
    /// three bytes.
    fn cut(&self, bytes: &[u8], max: usize) -> usize {
        let at = bytes.len().min(max);
        if self.passthrough == Passthrough::Off || at == bytes.len() {
            return at;
        }
        let continuation = |i: usize| bytes.get(i).is_some_and(|&b| b & 0xC0 == 0x80);
        let boundary = (at.saturating_sub(3)..=at)
            .rev()
            .find(|&i| i > 0 && !continuation(i));
        boundary.unwrap_or(at)
    }

    /// `bytes` decoded: borrowed when they pass as they are, else decoded
    /// onto the end of `out` (empty), keeping an incomplete sequence at the
    /// end for the next bytes.
    fn decode<'a>(&mut self, bytes: &'a [u8], out: &'a mut String) -> &'a str {
        self.step(bytes, out, false)
    }

    /// The last `bytes` decoded: an incomplete sequence at the end becomes
    /// U+FFFD.
    fn finish<'a>(mut self, bytes: &'a [u8], out: &'a mut String) -> &'a str {
        self.step(bytes, out, true)
    }

    fn step<'a>(&mut self, bytes: &'a [u8], out: &'a mut String, last: bool) -> &'a str {
        let mut body = bytes;
        if self.passthrough == Passthrough::Start {
            if !last && bytes.len() < UTF8_BOM.len() && UTF8_BOM.starts_with(bytes) {
                // Maybe the start of a byte order mark: the decoder decides.
                decode_onto(&mut self.decoder, bytes, out, last);
                self.passthrough = Passthrough::Pending;
                return out;
            }
            body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            // From here on the decoder must not take a U+FEFF for a mark.
            self.decoder = UTF_8.new_decoder_without_bom_handling();
            self.passthrough = Passthrough::Clean;
        }
        if self.passthrough == Passthrough::Clean
            && let Ok(text) = simdutf8::basic::from_utf8(body)
        {
            return text;
        }
        decode_onto(&mut self.decoder, body, out, last);
        if self.passthrough != Passthrough::Off {
            self.passthrough = if ends_complete(body) {
                Passthrough::Clean
            } else {
                Passthrough::Pending
            };
        }
        out
    }
}

/// Whether a UTF-8 decoder given `bytes` holds nothing afterwards: the
/// last sequence that starts in them is complete (or malformed, which the
/// decoder settles at once). Conservative: false when unsure.
fn ends_complete(bytes: &[u8]) -> bool {
    for back in 1..=bytes.len().min(4) {
        let b = bytes[bytes.len() - back];
        if b < 0x80 {
            return true;
        }
        if b >= 0xC0 {
            let needs = if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            };
            return needs <= back;
        }
    }
    false
}

/// Decodes `bytes` onto the end of `out`; malformed sequences become
/// U+FFFD. `decoder` has not finished (an [`OpenDecoder`]'s).
fn decode_onto(decoder: &mut encoding_rs::Decoder, mut bytes: &[u8], out: &mut String, last: bool) {
    loop {
        // `None` when the worst case overflows `usize`; the reserve then
        // asks for what the input can need at most, in steps, as the loop
        // goes on with whatever fits.
        let room = decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len().saturating_mul(3).saturating_add(16));
        out.reserve(room);
        let (result, read, _) = decoder.decode_to_string(bytes, out, last);
        bytes = bytes.get(read..).unwrap_or_default();
        if result == CoderResult::InputEmpty {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::SHIFT_JIS;

    #[test]
    fn the_ascii_prefix_ends_at_the_first_other_byte() {
        for len in [0, 1, 63, 64, 65, 200] {
            let mut bytes = vec![b'a'; len];
            assert_eq!(ascii_prefix(&bytes), len);
            for at in [0, len / 2, len.saturating_sub(1)] {
                if at < len {
                    bytes[at] = 0xC3;
                    assert_eq!(ascii_prefix(&bytes), at, "{len} {at}");
                    bytes[at] = b'a';
                }
            }
        }
    }

    /// The passthrough gives what encoding_rs's own decoder gives, for
    /// input cut anywhere, valid or not, with and without a byte order
    /// mark, and borrows every piece of valid input it is given whole.
    #[test]
    fn utf8_passthrough_decodes_as_the_decoder_does() {
        let samples: [&[u8]; 8] = [
            "café 日本語 🎉 plain".as_bytes(),
            b"\xEF\xBB\xBFwith a mark \xC3\xA9",
            b"\xEF\xBB\xBF\xEF\xBB\xBFtwo marks",
            b"\xEF\xBBnot quite a mark",
            b"bad \xFF here \xE6\x97 cut \xC3",
            b"\xE6\x97\xA5\xED\xA0\x80 surrogate \xF4\x90\x80\x80",
            b"\x80\x80 stray continuation",
            b"",
        ];
        for bytes in samples {
            let mut expected = String::new();
            let mut reference = UTF_8.new_decoder();
            decode_onto(&mut reference, bytes, &mut expected, true);
            for cut in 0..=bytes.len() {
                for second in cut..=bytes.len() {
                    let mut decoder = OpenDecoder::with_bom_removal(UTF_8);
                    let mut got = String::new();
                    for piece in [&bytes[..cut], &bytes[cut..second]] {
                        let mut out = String::new();
                        got.push_str(decoder.decode(piece, &mut out));
                    }
                    let mut out = String::new();
                    got.push_str(decoder.finish(&bytes[second..], &mut out));
                    assert_eq!(got, expected, "{bytes:?} cut at {cut} and {second}");
                }
            }
        }
        // Valid input in one piece is not copied.
        let text = "日本語のテキスト".as_bytes();
        let mut decoder = OpenDecoder::with_bom_removal(UTF_8);
        let mut out = String::new();
        let decoded = decoder.decode(text, &mut out);
        assert_eq!(decoded.as_ptr(), text.as_ptr());
        assert!(out.is_empty());
        // Cuts fall on character boundaries (when a piece may hold one).
        let decoder = OpenDecoder::without_bom_handling(UTF_8);
        for max in 4..text.len() {
            let at = decoder.cut(text, max);
            assert!(std::str::from_utf8(&text[..at]).is_ok(), "{max}");
            assert!(at > 0);
        }
    }

    /// The shortcut gives chardetng's own answer: UTF-8 exactly when the
    /// detector, fed the same bytes, says UTF-8.
    #[test]
    fn utf8_shortcut_agrees_with_the_detector() {
        let samples: [&[u8]; 9] = [
            "café".as_bytes(),
            "日本語のテキスト".as_bytes(),
            b"caf\xe9",
            b"\xe6\x97\xa5\xe6\x9c",
            b"\xe6\x97\xa5\xe6",
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            b"\xf4\x90\x80\x80",
            &SHIFT_JIS.encode("日本語のテキスト").0,
        ];
        for bytes in samples {
            for complete in [false, true] {
                let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
                detector.feed(bytes, complete);
                let said = detector.guess(None, Utf8Detection::Allow) == UTF_8;
                assert_eq!(utf8_so_far(bytes, complete), said, "{bytes:x?} {complete}");
            }
        }
    }
}
