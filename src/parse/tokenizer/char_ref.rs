//! Character references: the standard's table of named references (from
//! `markup5ever::data`, which also lists every prefix of every name, so that
//! the longest match can be found one character at a time) and what a
//! numeric reference's value becomes ("Numeric character reference end
//! state", 13.2.5.80).

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

use crate::markup_errors::TokenizerErrorCode;

/// Longest name in the table, `&` excluded, `;` included.
pub(super) const LONGEST_NAME: usize = 32;

/// What the table says of a name (without its `&`): `None` if no name
/// starts with it; `Some(None)` if names start with it but it is none of
/// them; `Some(Some(chars))` if it is one.
#[inline]
pub(super) fn lookup(name: &[u8]) -> Option<Option<[char; 2]>> {
    let name = std::str::from_utf8(name).ok()?;
    let &(first, second) = NAMED_ENTITIES.get(name)?;
    if first == 0 {
        return Some(None);
    }
    let first = char::from_u32(first)?;
    let second = char::from_u32(second).unwrap_or('\0');
    Some(Some([first, second]))
}

/// The text of a reference's characters (one or two).
#[inline]
pub(super) fn chars_text(chars: [char; 2], out: &mut [u8; 8]) -> &str {
    let len = chars[0].encode_utf8(&mut out[..]).len();
    let total = if chars[1] == '\0' {
        len
    } else {
        len + chars[1].encode_utf8(&mut out[len..]).len()
    };
    // Cannot panic: two characters take at most 8 bytes of UTF-8. The bytes
    // written are exactly their encodings, so never the empty fallback.
    std::str::from_utf8(&out[..total]).unwrap_or_default()
}

/// The character a numeric reference of value `code` stands for, and the
/// parse error it is, if any.
pub(super) fn numeric(code: u32) -> (char, Option<TokenizerErrorCode>) {
    use TokenizerErrorCode::*;
    match code {
        0 => ('\u{FFFD}', Some(NullCharacterReference)),
        0x11_0000.. => ('\u{FFFD}', Some(CharacterReferenceOutsideUnicodeRange)),
        0xD800..=0xDFFF => ('\u{FFFD}', Some(SurrogateCharacterReference)),
        _ => {
            // 0, surrogates and values past U+10FFFF are matched above, so
            // the fallback is never taken.
            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
            if is_noncharacter(code) {
                (c, Some(NoncharacterCharacterReference))
            } else if code == 0x0D || (is_control(code) && !is_ascii_whitespace(code)) {
                let c = match code {
                    // Cannot panic: 0x80..=0x9F gives 0..32, the table's length.
                    0x80..=0x9F => C1_REPLACEMENTS[(code - 0x80) as usize].unwrap_or(c),
                    _ => c,
                };
                (c, Some(ControlCharacterReference))
            } else {
                (c, None)
            }
        }
    }
}

/// The standard's noncharacters: U+FDD0 to U+FDEF, and the last two code
/// points of every plane.
pub(super) fn is_noncharacter(code: u32) -> bool {
    (0xFDD0..=0xFDEF).contains(&code) || (code & 0xFFFE) == 0xFFFE
}

/// C0 controls and U+007F to U+009F.
pub(super) fn is_control(code: u32) -> bool {
    code <= 0x1F || (0x7F..=0x9F).contains(&code)
}

fn is_ascii_whitespace(code: u32) -> bool {
    matches!(code, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_for_names_and_prefixes() {
        assert_eq!(lookup(b"amp;"), Some(Some(['&', '\0'])));
        assert_eq!(lookup(b"amp"), Some(Some(['&', '\0'])));
        assert_eq!(lookup(b"am"), Some(None));
        assert_eq!(lookup(b"ampx"), None);
        assert_eq!(
            lookup(b"NotEqualTilde;"),
            Some(Some(['\u{2242}', '\u{338}']))
        );
        let mut buf = [0; 8];
        assert_eq!(
            chars_text(['\u{2242}', '\u{338}'], &mut buf),
            "\u{2242}\u{338}"
        );
        let longest = NAMED_ENTITIES.keys().map(|k| k.len()).max().unwrap();
        assert_eq!(longest, LONGEST_NAME);
    }

    #[test]
    fn numeric_values() {
        use TokenizerErrorCode::*;
        assert_eq!(numeric(0x41), ('A', None));
        assert_eq!(numeric(0), ('\u{FFFD}', Some(NullCharacterReference)));
        assert_eq!(numeric(0x80), ('\u{20AC}', Some(ControlCharacterReference)));
        assert_eq!(numeric(0x81), ('\u{81}', Some(ControlCharacterReference)));
        assert_eq!(numeric(0x0D), ('\r', Some(ControlCharacterReference)));
        assert_eq!(numeric(0x09), ('\t', None));
        assert_eq!(
            numeric(0xFDD0),
            ('\u{FDD0}', Some(NoncharacterCharacterReference))
        );
        assert_eq!(
            numeric(0x10FFFF),
            ('\u{10FFFF}', Some(NoncharacterCharacterReference))
        );
        assert_eq!(
            numeric(0xD800),
            ('\u{FFFD}', Some(SurrogateCharacterReference))
        );
        assert_eq!(
            numeric(0x110000),
            ('\u{FFFD}', Some(CharacterReferenceOutsideUnicodeRange))
        );
    }
}
