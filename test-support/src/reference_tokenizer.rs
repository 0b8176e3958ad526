//! html5ever 0.40's own tokenizer as the reference htmldict's tokenizer is
//! compared with: its tokens in htmldict's public form (through
//! [`TokenCollector`], which any tokenizer that feeds an html5ever sink can
//! feed, htmldict's `tokenize_into` included) and the parse errors it
//! reports, each with the line it gives with it. The `tokens` fuzz check
//! and the tokenizer tests use it.

use std::cell::RefCell;

use htmldict::html5ever::tendril::StrTendril;
use htmldict::html5ever::tokenizer::states::{self, RawKind};
use htmldict::html5ever::tokenizer::{
    self as h5, BufferQueue, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use htmldict::tokenizer::{Token, TokenizerState};

/// An html5ever [`TokenSink`] that collects tokens in htmldict's
/// [`Token`] form, as `tokenize` gives them: adjacent characters merged
/// (empty ones dropped), a `NullCharacterToken` as U+0000, parse errors and
/// the end-of-file token left out.
///
/// ```
/// use htmldict::tokenizer::{TokenizerOptions, tokenize, tokenize_into};
/// use htmldict_test_support::reference_tokenizer::TokenCollector;
/// let input = "<p>a\0b<!--c-->";
/// let collected = tokenize_into(input, &TokenizerOptions::new(), TokenCollector::default());
/// assert_eq!(collected.into_tokens(), tokenize(input, &TokenizerOptions::new()).tokens());
/// ```
#[derive(Debug, Default)]
pub struct TokenCollector {
    tokens: RefCell<Vec<Token>>,
}

impl TokenCollector {
    /// The tokens collected, in order.
    pub fn into_tokens(self) -> Vec<Token> {
        self.tokens.into_inner()
    }
}

impl TokenSink for TokenCollector {
    type Handle = ();

    fn process_token(&self, token: h5::Token, _line: u64) -> TokenSinkResult<()> {
        let mut tokens = self.tokens.borrow_mut();
        let text = match token {
            h5::CharacterTokens(text) => text,
            h5::NullCharacterToken => StrTendril::from_slice("\0"),
            h5::EOFToken | h5::ParseError(_) => return TokenSinkResult::Continue,
            h5::CommentToken(text) => {
                tokens.push(Token::Comment(text.to_string()));
                return TokenSinkResult::Continue;
            }
            h5::DoctypeToken(d) => {
                tokens.push(Token::Doctype {
                    name: d.name.map(|s| s.to_string()),
                    public_id: d.public_id.map(|s| s.to_string()),
                    system_id: d.system_id.map(|s| s.to_string()),
                    force_quirks: d.force_quirks,
                });
                return TokenSinkResult::Continue;
            }
            h5::TagToken(tag) => {
                let name = tag.name.to_string();
                tokens.push(match tag.kind {
                    h5::StartTag => Token::StartTag {
                        name,
                        attributes: tag
                            .attrs
                            .into_iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect(),
                        self_closing: tag.self_closing,
                    },
                    h5::EndTag => Token::EndTag { name },
                });
                return TokenSinkResult::Continue;
            }
        };
        if !text.is_empty() {
            match tokens.last_mut() {
                Some(Token::Characters(last)) => last.push_str(&text),
                _ => tokens.push(Token::Characters(text.to_string())),
            }
        }
        TokenSinkResult::Continue
    }
}

/// A parse error as html5ever reports it: its message (html5ever's own
/// wording, not the standard's code) and the line it gives with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceError {
    pub message: String,
    pub line: u64,
}

impl ReferenceError {
    /// Whether this is html5ever's error for a repeated attribute name.
    pub fn is_duplicate_attribute(&self) -> bool {
        self.message == "Duplicate attribute"
    }
}

/// What html5ever's tokenizer gave: tokens as [`TokenCollector`] collects
/// them (adjacent characters merged, empty ones dropped, a NUL character
/// token as U+0000, no end-of-file token) and its errors in order.
#[derive(Debug, Default)]
pub struct Reference {
    pub tokens: Vec<Token>,
    pub errors: Vec<ReferenceError>,
}

/// A [`TokenCollector`] that keeps the errors it is sent too.
#[derive(Default)]
struct WithErrors {
    tokens: TokenCollector,
    errors: RefCell<Vec<ReferenceError>>,
}

impl TokenSink for WithErrors {
    type Handle = ();

    fn process_token(&self, token: h5::Token, line: u64) -> TokenSinkResult<()> {
        if let h5::ParseError(message) = &token {
            self.errors.borrow_mut().push(ReferenceError {
                message: message.to_string(),
                line,
            });
        }
        self.tokens.process_token(token, line)
    }
}

/// html5ever's tokenizer over `input`, started in `state` with
/// `last_start_tag` as the last start tag emitted; a leading U+FEFF is
/// kept as a character, as htmldict's tokenizer keeps it.
///
/// ```
/// use htmldict::tokenizer::{Token, TokenizerState};
/// use htmldict_test_support::reference_tokenizer::html5ever_tokenize;
/// let found = html5ever_tokenize("<p a=1 a=2>", TokenizerState::Data, None);
/// assert_eq!(found.tokens, [Token::StartTag {
///     name: "p".into(),
///     attributes: vec![("a".into(), "1".into())],
///     self_closing: false,
/// }]);
/// assert!(found.errors[0].is_duplicate_attribute());
/// ```
pub fn html5ever_tokenize(
    input: &str,
    state: TokenizerState,
    last_start_tag: Option<&str>,
) -> Reference {
    let initial_state = match state {
        TokenizerState::Data => states::Data,
        TokenizerState::Plaintext => states::Plaintext,
        TokenizerState::Rcdata => states::RawData(RawKind::Rcdata),
        TokenizerState::Rawtext => states::RawData(RawKind::Rawtext),
        TokenizerState::ScriptData => states::RawData(RawKind::ScriptData),
        TokenizerState::CdataSection => states::CdataSection,
    };
    let opts = TokenizerOpts {
        discard_bom: false,
        initial_state: Some(initial_state),
        last_start_tag_name: last_start_tag.map(str::to_owned),
        ..TokenizerOpts::default()
    };
    let tokenizer = Tokenizer::new(WithErrors::default(), opts);
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(input));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let sink = tokenizer.sink;
    Reference {
        tokens: sink.tokens.into_tokens(),
        errors: sink.errors.into_inner(),
    }
}

/// The tokens of [`html5ever_tokenize`], without its errors.
///
/// ```
/// use htmldict::tokenizer::{Token, TokenizerState};
/// use htmldict_test_support::reference_tokenizer::reference_tokens;
/// let tokens = reference_tokens("a\0b", TokenizerState::Data, None);
/// assert_eq!(tokens, [Token::Characters("a\0b".into())]);
/// ```
pub fn reference_tokens(
    input: &str,
    state: TokenizerState,
    last_start_tag: Option<&str>,
) -> Vec<Token> {
    html5ever_tokenize(input, state, last_start_tag).tokens
}
