//! html5lib's tokenizer tests (`tests/data/html5lib-tests/tokenizer`, every
//! file's `tests`): each test, in each initial state it lists, must give
//! exactly its tokens (adjacent characters merged) and its parse errors, by
//! code and in order, at their lines and columns.
//!
//! `doubleEscaped` tests are unescaped (`\uHHHH`) once more, input and
//! output, as the suite's README says. Four tests hold a lone surrogate in
//! their input, which Rust text cannot: they are skipped, by name, with that
//! reason, and counted. The README's counts of tests and runs are asserted
//! here.

use std::collections::BTreeSet;

use htmldict::tokenizer::{Token, TokenizerOptions, tokenize};
use htmldict_test_support::tokenizer_suite::{SURROGATE_INPUTS, all_tokenizer_runs};
use serde_json::{Value, json};

/// A token as html5lib's tests write it.
fn to_json(token: &Token) -> Value {
    match token {
        Token::Doctype {
            name,
            public_id,
            system_id,
            force_quirks,
        } => json!(["DOCTYPE", name, public_id, system_id, !force_quirks]),
        Token::StartTag {
            name,
            attributes,
            self_closing,
        } => {
            let attrs: serde_json::Map<String, Value> = attributes
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            if *self_closing {
                json!(["StartTag", name, attrs, true])
            } else {
                json!(["StartTag", name, attrs])
            }
        }
        Token::EndTag { name } => json!(["EndTag", name]),
        Token::Comment(text) => json!(["Comment", text]),
        Token::Characters(text) => json!(["Character", text]),
    }
}

#[test]
fn html5lib_tokenizer_suite() {
    let (runs, skipped) = all_tokenizer_runs();
    // Each skipped test has one run, in the data state.
    let all_runs = runs.len() + skipped.len();
    let tests = runs.iter().map(|r| r.test).collect::<BTreeSet<_>>().len() + skipped.len();
    println!(
        "{tests} tests, {all_runs} runs over their initial states, {} tests skipped",
        skipped.len()
    );
    assert_eq!(tests, 6806, "the README's 6,806 tests");
    assert_eq!(all_runs, 7032, "the README's 7,032 runs");
    assert_eq!(skipped, SURROGATE_INPUTS, "the tests skipped");
    let mut token_failures = Vec::new();
    let mut error_failures = Vec::new();
    for run in &runs {
        let mut options = TokenizerOptions::new()
            .initial_state(run.state)
            .keep_errors(true);
        if let Some(tag) = &run.last_start_tag {
            options = options.last_start_tag(tag);
        }
        let result = tokenize(&run.input, &options);
        let got: Vec<Value> = result.tokens().iter().map(to_json).collect();
        let expected = run.output.clone();
        if got != expected {
            token_failures.push(format!(
                "{}\n  input:    {:?}\n  expected: {}\n  got:      {}",
                run.name,
                run.input,
                Value::Array(expected),
                Value::Array(got)
            ));
        }
        let errors: Vec<(String, u64, u64)> = result
            .errors()
            .iter()
            .map(|e| (e.code.as_str().to_owned(), e.line, e.column))
            .collect();
        if errors != run.errors {
            error_failures.push(format!(
                "{}\n  input:    {:?}\n  expected: {:?}\n  got:      {:?}",
                run.name, run.input, run.errors, errors
            ));
        }
    }
    println!(
        "{} runs: {} with other tokens, {} with other errors; {} tests skipped",
        runs.len(),
        token_failures.len(),
        error_failures.len(),
        skipped.len()
    );
    let shown = |failures: &[String]| {
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        token_failures.is_empty(),
        "{} runs give other tokens:\n{}",
        token_failures.len(),
        shown(&token_failures)
    );
    assert!(
        error_failures.is_empty(),
        "{} runs give other errors:\n{}",
        error_failures.len(),
        shown(&error_failures)
    );
}
