//! html5lib's tokenizer tests (`tests/data/html5lib-tests/tokenizer`), read
//! as runs: each test in each initial state it lists, `doubleEscaped` tests
//! unescaped once more as the suite's README says.

use htmldict::tokenizer::TokenizerState;
use serde_json::Value;

use crate::data::data_dir;

/// Tests whose input is not Unicode text: a lone surrogate.
pub const SURROGATE_INPUTS: &[&str] = &[
    "unicodeCharsProblematic.test: Invalid Unicode character U+DFFF",
    "unicodeCharsProblematic.test: Invalid Unicode character U+D800",
    "unicodeCharsProblematic.test: Invalid Unicode character U+DFFF with valid preceding character",
    "unicodeCharsProblematic.test: Invalid Unicode character U+D800 with valid following character",
];

/// One test of html5lib's tokenizer suite, run in one initial state.
pub struct TokenizerRun {
    /// Which test this is a run of: tests are numbered from 0 in the order
    /// of the suite's files and of the tests in each, skipped tests
    /// included, so that runs of the same test share the number.
    pub test: usize,
    pub name: String,
    pub input: String,
    /// The state, as html5lib names it.
    pub state_name: String,
    pub state: TokenizerState,
    pub last_start_tag: Option<String>,
    /// The expected tokens, adjacent characters merged.
    pub output: Vec<Value>,
    /// The expected errors: code, line, column.
    pub errors: Vec<(String, u64, u64)>,
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
pub fn all_tokenizer_runs() -> (Vec<TokenizerRun>, Vec<String>) {
    let dir = data_dir().join("html5lib-tests/tokenizer");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "test"))
        .collect();
    files.sort();
    let mut runs = Vec::new();
    let mut skipped = Vec::new();
    let mut number = 0;
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(tests) = json.get("tests").and_then(Value::as_array) else {
            continue;
        };
        for test in tests {
            let this = number;
            number += 1;
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
                runs.push(TokenizerRun {
                    test: this,
                    name: format!("{name} [{state}]"),
                    input: input.clone(),
                    state: TokenizerState::from_html5lib_name(&state)
                        .unwrap_or_else(|| panic!("{name}: unknown state {state}")),
                    state_name: state.clone(),
                    last_start_tag: test
                        .get("lastStartTag")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    output: merged(&output),
                    errors: errors.clone(),
                });
            }
        }
    }
    (runs, skipped)
}

/// Adjacent character tokens merged.
pub fn merged(tokens: &[Value]) -> Vec<Value> {
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
