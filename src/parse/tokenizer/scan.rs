//! [`Stops`]: searches for the bytes that end a run of text in the states
//! the tokenizer spends most of its time in, each built once per tokenizer.
//!
//! memchr's `memchr3(a, b, c, haystack)` picks its implementation through a
//! function pointer and broadcasts the three needles into vector registers
//! on every call; most runs of a page are short (the whitespace between two
//! tags, a class name), so that set-up was a large part of each search. A
//! searcher built once ([`memchr::arch::x86_64::avx2::memchr::Three`] where
//! the processor has AVX2) keeps its needles, and its `find` is small
//! enough to inline: a run under 16 bytes is read byte by byte in place,
//! only longer ones call the vector loop.

use memchr::{memchr2, memchr3};

/// A search for the first of three bytes.
#[derive(Clone, Copy, Debug)]
pub(super) enum Three {
    #[cfg(target_arch = "x86_64")]
    Avx2(memchr::arch::x86_64::avx2::memchr::Three),
    /// Without AVX2: memchr's own choice, made on each call.
    Any(u8, u8, u8),
}

impl Three {
    fn new(a: u8, b: u8, c: u8) -> Three {
        #[cfg(target_arch = "x86_64")]
        if let Some(three) = memchr::arch::x86_64::avx2::memchr::Three::new(a, b, c) {
            return Three::Avx2(three);
        }
        Three::Any(a, b, c)
    }

    /// The index of the first of the three bytes in `haystack`.
    #[inline(always)]
    pub(super) fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            #[cfg(target_arch = "x86_64")]
            Three::Avx2(three) => three.find(haystack),
            &Three::Any(a, b, c) => memchr3(a, b, c, haystack),
        }
    }
}

/// A search for the first of two bytes.
#[derive(Clone, Copy, Debug)]
pub(super) enum Two {
    #[cfg(target_arch = "x86_64")]
    Avx2(memchr::arch::x86_64::avx2::memchr::Two),
    /// Without AVX2: memchr's own choice, made on each call.
    Any(u8, u8),
}

impl Two {
    fn new(a: u8, b: u8) -> Two {
        #[cfg(target_arch = "x86_64")]
        if let Some(two) = memchr::arch::x86_64::avx2::memchr::Two::new(a, b) {
            return Two::Avx2(two);
        }
        Two::Any(a, b)
    }

    /// The index of the first of the two bytes in `haystack`.
    #[inline(always)]
    pub(super) fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            #[cfg(target_arch = "x86_64")]
            Two::Avx2(two) => two.find(haystack),
            &Two::Any(a, b) => memchr2(a, b, haystack),
        }
    }
}

/// The searches of the data state, the quoted attribute value states and
/// the raw text states (RAWTEXT, script data).
#[derive(Debug)]
pub(super) struct Stops {
    /// `<`, `&` or NUL: the end of character data.
    pub(super) data: Three,
    /// `"`, `&` or NUL: the end of a double-quoted attribute value.
    pub(super) double_quoted: Three,
    /// `'`, `&` or NUL: the end of a single-quoted attribute value.
    pub(super) single_quoted: Three,
    /// `<` or NUL: the end of raw text.
    pub(super) raw: Two,
}

impl Stops {
    pub(super) fn new() -> Stops {
        Stops {
            data: Three::new(b'<', b'&', b'\0'),
            double_quoted: Three::new(b'"', b'&', b'\0'),
            single_quoted: Three::new(b'\'', b'&', b'\0'),
            raw: Two::new(b'<', b'\0'),
        }
    }

    /// The search that ends an attribute value quoted with `quote` (`"` or
    /// `'`; any other byte is taken for `'`).
    #[inline(always)]
    pub(super) fn quoted(&self, quote: u8) -> &Three {
        if quote == b'"' {
            &self.double_quoted
        } else {
            &self.single_quoted
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every search finds what memchr finds, on haystacks of every length
    /// around the byte-by-byte, 16-byte and 32-byte paths.
    #[test]
    fn searches_agree_with_memchr() {
        let stops = Stops::new();
        let portable = [
            Three::Any(b'<', b'&', b'\0'),
            Three::Any(b'"', b'&', b'\0'),
            Three::Any(b'\'', b'&', b'\0'),
        ];
        for len in 0..80 {
            for at in 0..=len {
                for needle in [b'<', b'&', b'\0', b'"', b'\'', b'x'] {
                    let mut haystack = vec![b'a'; len];
                    if at < len {
                        haystack[at] = needle;
                    }
                    let searches = [
                        (&stops.data, (b'<', b'&', b'\0')),
                        (stops.quoted(b'"'), (b'"', b'&', b'\0')),
                        (stops.quoted(b'\''), (b'\'', b'&', b'\0')),
                    ];
                    for (i, (search, (a, b, c))) in searches.into_iter().enumerate() {
                        let expected = memchr3(a, b, c, &haystack);
                        assert_eq!(search.find(&haystack), expected, "{len} {at} {needle}");
                        assert_eq!(portable[i].find(&haystack), expected);
                    }
                    let expected = memchr2(b'<', b'\0', &haystack);
                    assert_eq!(stops.raw.find(&haystack), expected);
                    assert_eq!(Two::Any(b'<', b'\0').find(&haystack), expected);
                }
            }
        }
    }
}
