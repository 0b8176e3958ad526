//! html5lib's tokenizer tests fed in pieces: every input of the suite
//! (`tests/data/html5lib-tests/tokenizer`), cut in two at every char
//! boundary, and inputs of up to [`ALL_PAIRS_UP_TO`] characters cut in
//! three at every pair of boundaries, must give what the input gives whole.
//!
//! The tokenizer on its own takes its input in one piece only
//! ([`htmldict::tokenizer::tokenize`], [`htmldict::tokenizer::tokenize_into`]); what the public
//! API feeds in pieces is the [`Parser`], where the tokenizer feeds the
//! tree builder. So each input is parsed as a document, errors kept: the
//! tree (html5lib's dump, with every attribute, text, comment and doctype)
//! and the parse errors (the tokenizer's by code and the tree builder's,
//! each in order) of the pieces fed one by one to [`Parser::feed_str`] must be
//! those of [`parse_html`] on the whole. A test whose initial state is
//! not the data state gets the start tag that puts the tokenizer in that
//! state in front of its input (`<svg><![CDATA[` for a CDATA section).

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use htmldict::tokenizer::TokenizerState;
use htmldict::{Document, MarkupErrorKind, ParseOptions, Parser, parse_html};
use htmldict_test_support::tokenizer_suite::all_tokenizer_runs;

/// Inputs with at most this many characters are also cut at every pair of
/// boundaries.
const ALL_PAIRS_UP_TO: usize = 12;

/// What must not depend on how the input is split: the tree, the
/// tokenizer's errors in order with their positions and the tree builder's
/// in order. (Where the two kinds interleave does depend on it: the
/// tokenizer holds text until a tag or the end of a piece, so the tree
/// builder's error for that text can come after the tokenizer's errors for
/// what follows it, and at another position.)
type Outcome = (String, Vec<String>, Vec<String>);

fn outcome(doc: &Document) -> Outcome {
    let (tokenizer, tree): (Vec<_>, Vec<_>) = doc
        .errors()
        .iter()
        .partition(|e| matches!(e.kind, MarkupErrorKind::Tokenizer(_)));
    (
        doc.html5lib_tree(),
        tokenizer.iter().map(|e| e.to_string()).collect(),
        tree.iter().map(|e| e.kind.to_string()).collect(),
    )
}

/// The start tag that makes the tree builder switch the tokenizer to
/// `state` (`last_start_tag` when it names such an element).
fn prefix(state: TokenizerState, last_start_tag: Option<&str>) -> String {
    let pick = |allowed: &[&str], default: &str| {
        let tag = last_start_tag
            .filter(|tag| allowed.contains(tag))
            .unwrap_or(default);
        format!("<{tag}>")
    };
    match state {
        TokenizerState::Data => String::new(),
        TokenizerState::Plaintext => "<plaintext>".to_owned(),
        TokenizerState::Rcdata => pick(&["title", "textarea"], "title"),
        TokenizerState::Rawtext => {
            pick(&["style", "xmp", "iframe", "noembed", "noframes"], "style")
        }
        TokenizerState::ScriptData => "<script>".to_owned(),
        TokenizerState::CdataSection => "<svg><![CDATA[".to_owned(),
    }
}

/// The outcome of `pieces` fed one by one; a panic is an outcome too (a
/// message instead of a tree), so that the test counts every split that
/// breaks instead of stopping at the first.
fn parse_pieces(pieces: &[&str], options: &ParseOptions) -> Outcome {
    catch_unwind(AssertUnwindSafe(|| {
        let mut parser = Parser::new(options);
        for piece in pieces {
            parser.feed_str(piece).expect("no limits reached");
        }
        outcome(&parser.finish().expect("no limits reached"))
    }))
    .unwrap_or_else(|_| ("a panic".to_owned(), Vec::new(), Vec::new()))
}

#[test]
fn html5lib_tokenizer_inputs_split_anywhere() {
    let started = Instant::now();
    let (runs, _) = all_tokenizer_runs();
    assert_eq!(runs.len(), 7032 - 4, "the suite's runs");
    let inputs: BTreeSet<String> = runs
        .iter()
        .map(|run| prefix(run.state, run.last_start_tag.as_deref()) + &run.input)
        .collect();
    let options = ParseOptions::new().keep_errors(true);
    let mut two_pieces = 0usize;
    let mut three_pieces = 0usize;
    let mut failures = Vec::new();
    // Panics are counted, not printed one by one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for input in &inputs {
        let whole = parse_html(input, &options).expect("no limits reached");
        let whole = outcome(&whole);
        let cuts: Vec<usize> = (0..=input.len())
            .filter(|&i| input.is_char_boundary(i))
            .collect();
        let mut check = |pieces: &[&str]| {
            let split = parse_pieces(pieces, &options);
            if split != whole {
                failures.push(format!(
                    "{pieces:?}\n  whole:  {whole:?}\n  pieces: {split:?}"
                ));
            }
        };
        for &at in &cuts {
            two_pieces += 1;
            check(&[&input[..at], &input[at..]]);
        }
        if cuts.len() <= ALL_PAIRS_UP_TO + 1 {
            for (i, &a) in cuts.iter().enumerate() {
                for &b in &cuts[i..] {
                    three_pieces += 1;
                    check(&[&input[..a], &input[a..b], &input[b..]]);
                }
            }
        }
    }
    std::panic::set_hook(hook);
    println!(
        "{} distinct inputs from {} runs: {two_pieces} parses in two pieces, \
         {three_pieces} in three, {} differ from the whole input's, in {:.1?}",
        inputs.len(),
        runs.len(),
        failures.len(),
        started.elapsed()
    );
    // The suite's inputs, each cut at every boundary, and the short ones
    // at every pair: a change that makes this test skip inputs fails here.
    assert_eq!(
        (inputs.len(), two_pieces, three_pieces),
        (6973, 71_243, 202_147),
        "distinct inputs, parses in two pieces, parses in three"
    );
    assert!(
        failures.is_empty(),
        "{} split parses differ from the whole input's:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
