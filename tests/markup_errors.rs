//! `Document::errors`: typed parse errors with their positions, the same
//! whichever way the input arrives.

use htmldict::tokenizer::TokenizerErrorCode;
use htmldict::{MarkupError, MarkupErrorKind, ParseOptions, Parser, parse_html, parse_html_bytes};
use htmldict_test_support::data::carried_pages;

fn options() -> ParseOptions {
    ParseOptions::new().keep_errors(true)
}

/// The tokenizer's errors with their positions, and the tree builder's
/// kinds: what does not depend on where the input was cut.
fn split_independent(errors: &[MarkupError]) -> (Vec<MarkupError>, Vec<MarkupErrorKind>) {
    let (tokenizer, tree): (Vec<_>, Vec<_>) = errors
        .iter()
        .cloned()
        .partition(|e| matches!(e.kind, MarkupErrorKind::Tokenizer(_)));
    (tokenizer, tree.into_iter().map(|e| e.kind).collect())
}

#[test]
fn errors_have_kinds_and_positions() {
    let html = "<!DOCTYPE html>\n<p id=a id=b>x</b>\n<div>&nosuch;\n\0</p>";
    let doc = parse_html(html, &options()).unwrap();
    let errors = doc.errors();
    let tokenizer: Vec<_> = errors
        .iter()
        .filter_map(|e| match e.kind {
            MarkupErrorKind::Tokenizer(code) => Some((code, e.line, e.column)),
            _ => None,
        })
        .collect();
    assert_eq!(
        tokenizer,
        [
            (TokenizerErrorCode::DuplicateAttribute, 2, 11),
            (TokenizerErrorCode::UnknownNamedCharacterReference, 3, 13),
            (TokenizerErrorCode::UnexpectedNullCharacter, 4, 1),
        ]
    );
    // `</b>` with no open `b`, at its `>`; `</p>` with a `div` open, at its `>`.
    let tree: Vec<_> = errors
        .iter()
        .filter(|e| matches!(e.kind, MarkupErrorKind::TreeConstruction(_)))
        .map(|e| (e.line, e.column))
        .collect();
    assert!(tree.contains(&(2, 18)), "{errors:?}");
    assert!(tree.contains(&(4, 5)), "{errors:?}");
    for error in errors {
        assert!(!error.kind.as_str().is_empty());
        assert!(
            error
                .to_string()
                .ends_with(&format!(" at {}:{}", error.line, error.column))
        );
    }
}

#[test]
fn no_errors_unless_asked() {
    let doc = parse_html("<p></b>\0", &ParseOptions::new()).unwrap();
    assert!(doc.errors().is_empty());
    assert_eq!(doc.errors_dropped(), 0);
}

/// On every carried page: positions inside the page, and the same errors
/// from text in one piece, from text in pieces of 997 bytes and from bytes.
#[test]
fn carried_pages_errors_agree_across_inputs() {
    let mut pages_with_errors = 0;
    for (name, page) in carried_pages() {
        let whole = parse_html(&page, &options()).unwrap();
        let lines = page.replace("\r\n", "\n").matches(['\n', '\r']).count() as u64 + 1;
        for error in whole.errors() {
            assert!(
                (1..=lines).contains(&error.line) && error.column >= 1,
                "{name}: {error} outside the page"
            );
        }
        pages_with_errors += usize::from(!whole.errors().is_empty());

        let mut parser = Parser::new(&options());
        let mut rest = page.as_str();
        while !rest.is_empty() {
            let mut cut = rest.len().min(997);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (piece, after) = rest.split_at(cut);
            parser.feed_str(piece).unwrap();
            rest = after;
        }
        let pieces = parser.finish().unwrap();
        assert_eq!(
            split_independent(pieces.errors()),
            split_independent(whole.errors()),
            "{name}: text in pieces"
        );

        let bytes = parse_html_bytes(page.as_bytes(), &options()).unwrap();
        assert_eq!(
            split_independent(bytes.errors()),
            split_independent(whole.errors()),
            "{name}: bytes"
        );
    }
    assert!(
        pages_with_errors > 10,
        "{pages_with_errors} pages with errors"
    );
}
