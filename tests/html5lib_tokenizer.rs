//! html5lib's tokenizer tests (`tests/data/html5lib-tests/tokenizer`, every
//! file's `tests`): each test, in each initial state it lists, must give
//! exactly its tokens (adjacent characters merged) and its parse errors, by
//! code and in order, at their lines and columns.
//!
//! `doubleEscaped` tests are unescaped (`\uHHHH`) once more, input and
//! output, as the suite's README says. Four tests hold a lone surrogate in
//! their input, which Rust text cannot: they are skipped, by name, with that
//! reason, and counted.

mod support;

use htmldict::{Token, TokenizerOptions, TokenizerState, tokenize};
use serde_json::{Value, json};

/// Tests whose input is not Unicode text: a lone surrogate.
const SURROGATE_INPUTS: &[&str] = &[
    "unicodeCharsProblematic.test: Invalid Unicode character U+DFFF",
    "unicodeCharsProblematic.test: Invalid Unicode character U+D800",
    "unicodeCharsProblematic.test: Invalid Unicode character U+DFFF with valid preceding character",
    "unicodeCharsProblematic.test: Invalid Unicode character U+D800 with valid following character",
];

/// One test, run in one initial state.
struct Run {
    name: String,
    input: String,
    state: TokenizerState,
    last_start_tag: Option<String>,
    output: Vec<Value>,
    errors: Vec<(String, u64, u64)>,
}

/// `\uHHHH` sequences turned into the characters they name; `None` when
/// one is a lone surrogate.
fn unescape(text: &str) -> Option<String> {
    let mut units: Vec<u16> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u") {
        units.extend(rest[..at].encode_utf16());
        let hex = &rest[at + 2..at + 6];
        units.push(u16::from_str_radix(hex, 16).expect("four hex digits"));
        rest = &rest[at + 6..];
    }
    units.extend(rest.encode_utf16());
    String::from_utf16(&units).ok()
}

fn unescape_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(unescape(s).expect("output is text")),
        Value::Array(items) => Value::Array(items.iter().map(unescape_value).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (unescape(k).expect("text"), unescape_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every run of every test, and the names of the tests skipped.
fn all_runs() -> (Vec<Run>, Vec<String>) {
    let dir = support::data_dir().join("html5lib-tests/tokenizer");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "test"))
        .collect();
    files.sort();
    let mut runs = Vec::new();
    let mut skipped = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(tests) = json.get("tests").and_then(Value::as_array) else {
            continue;
        };
        for test in tests {
            let name = format!("{file}: {}", test["description"].as_str().unwrap());
            let double = test.get("doubleEscaped") == Some(&Value::Bool(true));
            let raw = test["input"].as_str().unwrap();
            let input = if double {
                match unescape(raw) {
                    Some(input) => input,
                    None => {
                        skipped.push(name);
                        continue;
                    }
                }
            } else {
                raw.to_owned()
            };
            let mut output: Vec<Value> = test["output"].as_array().unwrap().clone();
            if double {
                output = output.iter().map(unescape_value).collect();
            }
            let errors: Vec<(String, u64, u64)> = test
                .get("errors")
                .and_then(Value::as_array)
                .map(|errors| {
                    errors
                        .iter()
                        .map(|e| {
                            (
                                e["code"].as_str().unwrap().to_owned(),
                                e["line"].as_u64().unwrap(),
                                e["col"].as_u64().unwrap(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let states: Vec<String> = match test.get("initialStates") {
                Some(Value::Array(states)) => states
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect(),
                _ => vec!["Data state".to_owned()],
            };
            for state in states {
                runs.push(Run {
                    name: format!("{name} [{state}]"),
                    input: input.clone(),
                    state: TokenizerState::from_html5lib_name(&state)
                        .unwrap_or_else(|| panic!("{name}: unknown state {state}")),
                    last_start_tag: test
                        .get("lastStartTag")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    output: output.clone(),
                    errors: errors.clone(),
                });
            }
        }
    }
    (runs, skipped)
}

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

/// Adjacent character tokens merged.
fn merged(tokens: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for token in tokens {
        if token[0] == "Character"
            && let Some(last) = out.last_mut()
            && last[0] == "Character"
        {
            let joined = format!(
                "{}{}",
                last[1].as_str().unwrap(),
                token[1].as_str().unwrap()
            );
            last[1] = Value::String(joined);
            continue;
        }
        out.push(token.clone());
    }
    out
}

#[test]
fn html5lib_tokenizer_suite() {
    let (runs, skipped) = all_runs();
    assert_eq!(runs.len(), 7032 - 4, "7,032 runs, 4 of them skipped");
    assert_eq!(skipped, SURROGATE_INPUTS, "the tests skipped");
    let mut token_failures = Vec::new();
    let mut error_failures = Vec::new();
    for run in &runs {
        let mut options = TokenizerOptions::new()
            .initial_state(run.state)
            .errors(true);
        if let Some(tag) = &run.last_start_tag {
            options = options.last_start_tag(tag);
        }
        let result = tokenize(&run.input, &options);
        let got: Vec<Value> = result.tokens().iter().map(to_json).collect();
        let expected = merged(&run.output);
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
