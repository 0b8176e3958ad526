//! Tags with many attributes, generated: start tags (plain and
//! self-closing) and end tags with 1, 2, 3, 8, 9, 15, 16, 17 and 40
//! attributes, with repeated names placed before and after the 8th and
//! the 16th, values unquoted, single- and double-quoted, empty and bare,
//! with and without character references, names in upper and lower case.
//! html5lib's tokenizer suite has no tag with three attributes or more, so
//! the tokenizer's quick tag path (up to 16 attributes) and its check for
//! repeated names (which changes method at 8) are checked here.
//!
//! Each tag is tokenized alone and inside a longer document. The tokens
//! must be the ones the generator expects (every attribute's name and
//! value, in order, the first of repeated names kept) and the ones
//! html5ever's tokenizer gives; with errors kept, htmldict must report one
//! `duplicate-attribute` error per repeated name, at the character that
//! ends that name, html5ever as many, and as many errors in all as
//! html5ever (which has no error for an `=` in an unquoted value).

use htmldict::tokenizer::{Token, TokenizerErrorCode, TokenizerOptions, TokenizerState, tokenize};
use htmldict_test_support::reference_tokenizer::html5ever_tokenize;

/// The attribute counts each kind of tag is generated with.
const COUNTS: [usize; 9] = [1, 2, 3, 8, 9, 15, 16, 17, 40];

#[derive(Clone, Copy, Debug)]
enum Quote {
    None,
    Single,
    Double,
}

const QUOTES: [Quote; 3] = [Quote::None, Quote::Single, Quote::Double];

/// One attribute as written, and the value the tokenizer should make of it.
#[derive(Clone, Debug)]
struct Attr {
    name: String,
    quote: Quote,
    source: String,
    value: String,
}

/// Attribute values: as written (`{i}` stands for the attribute's number)
/// and as the tokenizer reads them in an attribute value.
const VALUES: &[(&str, &str)] = &[
    ("v{i}", "v{i}"),
    // Empty: `a=""`, `a=''`, or a bare `a` when unquoted.
    ("", ""),
    // Named references.
    ("a&lt;{i}&gt;", "a<{i}>"),
    // Numeric references, decimal and hexadecimal.
    ("&#65;{i}&#x42;", "A{i}B"),
    // `&amp;` in the middle.
    ("x&amp;{i}y", "x&{i}y"),
    // Ambiguous ampersands: a known name without `;` before `=` or an
    // alphanumeric stays text in an attribute, and so does an unknown name.
    ("?q=1&copy={i}&notit&foo;", "?q=1&copy={i}&notit&foo;"),
    // A reference without `;` at the end of the value.
    ("{i}&lt", "{i}<"),
    ("é€😀{i}", "é€😀{i}"),
];

/// Attribute names, numbered so that each differs: lowercase ones, and
/// ones with uppercase letters the tokenizer lowercases.
const NAMES: &[&str] = &["a", "data-v", "x_y:", "aria-z", "on-"];

/// Whitespace between attributes.
const SPACES: &[&str] = &[" ", " ", "\n", "\t", "  "];

fn numbered(pattern: &str, i: usize) -> String {
    pattern.replace("{i}", &i.to_string())
}

fn name(i: usize, upper: bool) -> String {
    let name = format!("{}{i}", NAMES[i % NAMES.len()]);
    if upper {
        name.to_ascii_uppercase()
    } else {
        name
    }
}

/// How a tag's attributes are generated: which values, quotes and cases.
#[derive(Clone, Copy, Debug)]
struct Variant {
    /// Only the first value kind (plain), or all of them in turn.
    all_values: bool,
    /// One quote for all (`Some`), or each in turn.
    quote: Option<Quote>,
    /// Some names with uppercase letters.
    mixed_case: bool,
}

fn variants() -> Vec<Variant> {
    let mut out = Vec::new();
    for all_values in [false, true] {
        for quote in [
            None,
            Some(Quote::None),
            Some(Quote::Single),
            Some(Quote::Double),
        ] {
            for mixed_case in [false, true] {
                out.push(Variant {
                    all_values,
                    quote,
                    mixed_case,
                });
            }
        }
    }
    out
}

/// `count` distinct attributes of `variant`; `shift` rotates which value,
/// quote and case each attribute gets.
fn attributes(count: usize, variant: Variant, shift: usize) -> Vec<Attr> {
    (0..count)
        .map(|i| {
            let k = i + shift;
            let (source, value) = if variant.all_values {
                VALUES[k % VALUES.len()]
            } else {
                VALUES[0]
            };
            let quote = variant.quote.unwrap_or(QUOTES[k % QUOTES.len()]);
            Attr {
                name: name(i, variant.mixed_case && k.is_multiple_of(3)),
                quote,
                source: numbered(source, i),
                value: numbered(value, i),
            }
        })
        .collect()
}

/// A repeat of `of`'s name (in `upper` case or as written) with a value of
/// its own, which must be dropped.
fn repeat(of: &Attr, upper: bool, quote: Quote, n: usize) -> Attr {
    Attr {
        name: if upper {
            of.name.to_ascii_uppercase()
        } else {
            of.name.clone()
        },
        quote,
        source: format!("dup{n}"),
        value: format!("dup{n}"),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Form {
    Start,
    SelfClosing,
    End,
    EndSelfClosing,
}

const FORMS: [Form; 4] = [
    Form::Start,
    Form::SelfClosing,
    Form::End,
    Form::EndSelfClosing,
];

const TAG_NAMES: &[&str] = &["p", "div", "x-foo", "IMG", "h1"];

/// A tag written out, the token it should give and the byte offsets of the
/// characters that end each repeated name (where the error is reported).
struct Case {
    description: String,
    source: String,
    token: Token,
    duplicates: Vec<usize>,
}

fn case(tag: &str, form: Form, attrs: &[Attr], shift: usize, description: String) -> Case {
    let end_tag = matches!(form, Form::End | Form::EndSelfClosing);
    let mut source = String::from(if end_tag { "</" } else { "<" });
    source.push_str(tag);
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut duplicates = Vec::new();
    for (i, attr) in attrs.iter().enumerate() {
        source.push_str(SPACES[(i + shift) % SPACES.len()]);
        source.push_str(&attr.name);
        let lower = attr.name.to_ascii_lowercase();
        if kept.iter().any(|(name, _)| *name == lower) {
            duplicates.push(source.len());
        } else {
            kept.push((lower, attr.value.clone()));
        }
        match attr.quote {
            Quote::None if attr.source.is_empty() => {}
            Quote::None => {
                source.push('=');
                source.push_str(&attr.source);
            }
            Quote::Single => source.push_str(&format!("='{}'", attr.source)),
            Quote::Double => source.push_str(&format!("=\"{}\"", attr.source)),
        }
    }
    if matches!(form, Form::SelfClosing | Form::EndSelfClosing) {
        // After an unquoted value, `/` would be part of it.
        if matches!(attrs.last(), Some(a) if matches!(a.quote, Quote::None) && !a.source.is_empty())
        {
            source.push(' ');
        }
        source.push('/');
    }
    source.push('>');
    let name = tag.to_ascii_lowercase();
    let token = if end_tag {
        Token::EndTag { name }
    } else {
        Token::StartTag {
            name,
            attributes: kept,
            self_closing: form == Form::SelfClosing,
        }
    };
    Case {
        description,
        source,
        token,
        duplicates,
    }
}

/// Every case: each count, variant and form without repeats, then tags
/// with names repeated before, at and after the 8th and 16th attributes.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let variants = variants();
    for &count in &COUNTS {
        for (v, &variant) in variants.iter().enumerate() {
            for (f, &form) in FORMS.iter().enumerate() {
                let shift = v + f;
                let tag = TAG_NAMES[(count + v + f) % TAG_NAMES.len()];
                let attrs = attributes(count, variant, shift);
                cases.push(case(
                    tag,
                    form,
                    &attrs,
                    shift,
                    format!("{count} attributes, {variant:?}, {form:?}"),
                ));
            }
        }
    }
    // Repeats: inserted so that the repeat is attribute number `at + 1`,
    // a copy of attribute `of` (the first, the one before it, the 8th).
    let mut n = 0;
    for &count in &COUNTS {
        for at in [1, 2, 6, 7, 8, 9, 14, 15, 16, 17, 39] {
            if at > count {
                continue;
            }
            let mut sources = vec![0, at - 1];
            if at > 8 {
                sources.push(7);
            }
            sources.dedup();
            for of in sources {
                for (v, &variant) in variants.iter().enumerate() {
                    n += 1;
                    let form = FORMS[n % FORMS.len()];
                    let shift = v + at;
                    let mut attrs = attributes(count, variant, shift);
                    let upper = !v.is_multiple_of(2);
                    let dup = repeat(&attrs[of], upper, QUOTES[n % 3], n);
                    attrs.insert(at, dup);
                    let tag = TAG_NAMES[n % TAG_NAMES.len()];
                    cases.push(case(
                        tag,
                        form,
                        &attrs,
                        shift,
                        format!(
                            "{count} attributes, attribute {} repeating {}, {variant:?}, {form:?}",
                            at + 1,
                            of + 1
                        ),
                    ));
                }
            }
        }
        // Many repeats in one tag: of the 1st, 8th, 9th, 16th and 17th,
        // each placed before and after the 8th and 16th, one repeated
        // twice.
        if count >= 17 {
            for (v, &variant) in variants.iter().enumerate() {
                for (f, &form) in FORMS.iter().enumerate() {
                    n += 1;
                    let base = attributes(count, variant, v + f);
                    let mut attrs = base.clone();
                    for (at, of) in [(17, 16), (16, 0), (16, 15), (9, 8), (8, 7), (7, 0), (3, 0)] {
                        let dup = repeat(
                            &base[of],
                            (at + v).is_multiple_of(2),
                            QUOTES[at % 3],
                            n + at,
                        );
                        attrs.insert(at, dup);
                    }
                    let tag = TAG_NAMES[n % TAG_NAMES.len()];
                    cases.push(case(
                        tag,
                        form,
                        &attrs,
                        v + f,
                        format!("{count} attributes, 7 repeats, {variant:?}, {form:?}"),
                    ));
                }
            }
        }
    }
    cases
}

/// Line and column (from 1, in UTF-16 code units) of the character at
/// byte `offset`, as the tokenizer reports errors.
fn position(input: &str, offset: usize) -> (u64, u64) {
    let before = &input[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let next = input[offset..]
        .chars()
        .next()
        .expect("a character ends the name");
    let column = input[line_start..offset].encode_utf16().count() + next.len_utf16();
    (line, column as u64)
}

/// Text around the tags for the in-document runs: a doctype, elements
/// with attributes, text with references and non-ASCII characters on the
/// tag's line, and a comment after it.
const PREFIX: &str = "<!DOCTYPE html>\n<html lang=en><head><title>Attributes &amp; tags</title>\
                      </head>\n<body><p class=\"intro\" id=top>Some text</p>\né😀 ";
const SUFFIX: &str = " after\n<!-- a comment --><div data-x=1 hidden>more</div></body></html>\n";

/// What is wrong with `input`'s tokens, if anything: `expected` are its
/// tokens, `duplicates` the offsets of the characters ending repeated
/// names.
fn check(input: &str, expected: &[Token], duplicates: &[usize]) -> Vec<String> {
    let mut problems = Vec::new();
    let options = TokenizerOptions::new();
    let quiet = tokenize(input, &options);
    if quiet.tokens() != expected {
        problems.push(format!(
            "tokens:\n    expected {expected:?}\n    got      {:?}",
            quiet.tokens()
        ));
    }
    if !quiet.errors().is_empty() {
        problems.push("errors reported when not asked for".to_owned());
    }
    let loud = tokenize(input, &options.keep_errors(true));
    if loud.tokens() != quiet.tokens() {
        problems.push("reporting errors changes the tokens".to_owned());
    }
    let got: Vec<(u64, u64)> = loud
        .errors()
        .iter()
        .filter(|e| e.code == TokenizerErrorCode::DuplicateAttribute)
        .map(|e| (e.line, e.column))
        .collect();
    let wanted: Vec<(u64, u64)> = duplicates.iter().map(|&at| position(input, at)).collect();
    if got != wanted {
        problems.push(format!(
            "duplicate-attribute errors at {got:?}, expected at {wanted:?}"
        ));
    }
    let reference = html5ever_tokenize(input, TokenizerState::Data, None);
    if reference.tokens != expected {
        problems.push(format!(
            "html5ever's tokens differ from the expected ones:\n    {:?}",
            reference.tokens
        ));
    }
    let reference_duplicates = reference
        .errors
        .iter()
        .filter(|e| e.is_duplicate_attribute())
        .count();
    if reference_duplicates != got.len() {
        problems.push(format!(
            "html5ever reports {reference_duplicates} duplicate attributes, htmldict {}",
            got.len()
        ));
    }
    // html5ever reports the same errors, by its own names, except for an
    // `=` in an unquoted value, which it lets through without one.
    let counted = loud
        .errors()
        .iter()
        .filter(|e| e.code != TokenizerErrorCode::UnexpectedCharacterInUnquotedAttributeValue)
        .count();
    if reference.errors.len() != counted {
        problems.push(format!(
            "html5ever reports {} errors, htmldict {counted} (an `=` in an unquoted value aside):\n    \
             html5ever {:?}\n    htmldict  {:?}",
            reference.errors.len(),
            reference.errors,
            loud.errors()
        ));
    }
    problems
}

#[test]
fn generated_tags_give_the_expected_tokens_and_errors() {
    let cases = cases();
    let around = (
        tokenize(PREFIX, &TokenizerOptions::new()),
        tokenize(SUFFIX, &TokenizerOptions::new()),
    );
    let mut failures = Vec::new();
    let mut runs = 0;
    let mut with_duplicates = 0;
    for case in &cases {
        with_duplicates += usize::from(!case.duplicates.is_empty());
        // Alone.
        runs += 1;
        let problems = check(
            &case.source,
            std::slice::from_ref(&case.token),
            &case.duplicates,
        );
        if !problems.is_empty() {
            failures.push(format!(
                "{} alone: {:?}\n  {}",
                case.description,
                case.source,
                problems.join("\n  ")
            ));
        }
        // Inside a document.
        runs += 1;
        let document = format!("{PREFIX}{}{SUFFIX}", case.source);
        let mut expected = around.0.tokens().to_vec();
        expected.push(case.token.clone());
        expected.extend_from_slice(around.1.tokens());
        let duplicates: Vec<usize> = case.duplicates.iter().map(|d| d + PREFIX.len()).collect();
        let problems = check(&document, &expected, &duplicates);
        if !problems.is_empty() {
            failures.push(format!(
                "{} in a document: {:?}\n  {}",
                case.description,
                case.source,
                problems.join("\n  ")
            ));
        }
    }
    println!(
        "{} generated tags ({with_duplicates} with repeated names), {runs} runs, {} failures",
        cases.len(),
        failures.len()
    );
    assert_eq!(cases.len(), EXPECTED_CASES, "the number of generated tags");
    assert!(
        failures.is_empty(),
        "{} of {runs} runs fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// How many tags the generator makes, so that a change that makes it
/// generate none fails.
const EXPECTED_CASES: usize = 2592;
