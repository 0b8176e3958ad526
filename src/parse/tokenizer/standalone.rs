//! The tokenizer on its own ([`tokenize`], [`tokenize_into`]), for
//! inspecting what it makes of an input (the `dump` example's `--format
//! tokens`, html5lib's tokenizer tests). Parsing does not go through here:
//! the tokenizer feeds the tree builder directly.

use std::borrow::Cow;

use html5ever::tokenizer::{self as h5, TokenSink, TokenSinkResult};

use html5ever::Attribute;
use html5ever::tendril::StrTendril;

use super::buffer::tendril;
use super::{Config, Next, TokenConsumer, Tokenizer, TokenizerError, TokenizerState, token};

/// How [`tokenize`] starts and what it reports.
///
/// ```
/// use htmldict::tokenizer::{TokenizerOptions, TokenizerState};
/// let options = TokenizerOptions::new()
///     .initial_state(TokenizerState::Rcdata)
///     .last_start_tag("title")
///     .keep_errors(true);
/// assert_eq!(options.get_initial_state(), TokenizerState::Rcdata);
/// assert_eq!(options.get_last_start_tag(), Some("title"));
/// assert!(options.get_keep_errors());
/// ```
#[derive(Clone, Debug, Default)]
pub struct TokenizerOptions {
    state: TokenizerState,
    last_start_tag: Option<String>,
    keep_errors: bool,
}

impl TokenizerOptions {
    /// The defaults: the data state, no last start tag, no errors.
    ///
    /// ```
    /// use htmldict::tokenizer::{TokenizerOptions, TokenizerState, tokenize};
    /// let options = TokenizerOptions::new();
    /// assert_eq!(options.get_initial_state(), TokenizerState::Data);
    /// assert!(tokenize("<p", &options).errors().is_empty()); // not looked for
    /// ```
    pub fn new() -> TokenizerOptions {
        TokenizerOptions::default()
    }

    /// The state the tokenizer starts in (default: the data state).
    ///
    /// ```
    /// use htmldict::tokenizer::{Token, TokenizerOptions, TokenizerState, tokenize};
    /// let options = TokenizerOptions::new().initial_state(TokenizerState::Plaintext);
    /// assert_eq!(tokenize("<p>", &options).tokens(), [Token::Characters("<p>".into())]);
    /// ```
    pub fn initial_state(mut self, state: TokenizerState) -> Self {
        self.state = state;
        self
    }

    /// The state the tokenizer starts in ([`initial_state`](Self::initial_state)).
    ///
    /// ```
    /// use htmldict::tokenizer::{TokenizerOptions, TokenizerState};
    /// let options = TokenizerOptions::new().initial_state(TokenizerState::ScriptData);
    /// assert_eq!(options.get_initial_state(), TokenizerState::ScriptData);
    /// ```
    pub fn get_initial_state(&self) -> TokenizerState {
        self.state
    }

    /// The tag name of "the last start tag emitted", which decides whether
    /// an end tag closes RCDATA, RAWTEXT or script data (default: none, so
    /// only a start tag in the input makes one).
    ///
    /// ```
    /// use htmldict::tokenizer::{Token, TokenizerOptions, TokenizerState, tokenize};
    /// let options = TokenizerOptions::new().initial_state(TokenizerState::Rawtext);
    /// let tokens = tokenize("a</style>", &options.clone().last_start_tag("style"));
    /// assert_eq!(tokens.tokens()[1], Token::EndTag { name: "style".into() });
    /// assert_eq!(tokenize("a</style>", &options).tokens().len(), 1);
    /// ```
    pub fn last_start_tag(mut self, name: &str) -> Self {
        self.last_start_tag = Some(name.to_owned());
        self
    }

    /// The last start tag given with [`last_start_tag`](Self::last_start_tag).
    ///
    /// ```
    /// assert_eq!(htmldict::tokenizer::TokenizerOptions::new().get_last_start_tag(), None);
    /// ```
    pub fn get_last_start_tag(&self) -> Option<&str> {
        self.last_start_tag.as_deref()
    }

    /// Whether to find and keep parse errors (default: no), as
    /// [`ParseOptions::keep_errors`](crate::ParseOptions::keep_errors) does
    /// for a parse.
    ///
    /// ```
    /// use htmldict::tokenizer::{TokenizerErrorCode, TokenizerOptions, tokenize};
    /// let tokens = tokenize("<p", &TokenizerOptions::new().keep_errors(true));
    /// assert_eq!(tokens.errors()[0].code, TokenizerErrorCode::EofInTag);
    /// ```
    pub fn keep_errors(mut self, on: bool) -> Self {
        self.keep_errors = on;
        self
    }

    /// Whether parse errors are kept ([`keep_errors`](Self::keep_errors)).
    ///
    /// ```
    /// assert!(!htmldict::tokenizer::TokenizerOptions::new().get_keep_errors());
    /// ```
    pub fn get_keep_errors(&self) -> bool {
        self.keep_errors
    }
}

/// A token, as html5lib's tokenizer tests write them: adjacent characters
/// are one [`Token::Characters`], a NUL in the data state is the character
/// U+0000.
///
/// ```
/// use htmldict::tokenizer::{Token, TokenizerOptions, tokenize};
/// let tokens = tokenize("<!doctype html><br/>a\0b</x>", &TokenizerOptions::new());
/// assert_eq!(tokens.tokens(), [
///     Token::Doctype { name: Some("html".into()), public_id: None, system_id: None, force_quirks: false },
///     Token::StartTag { name: "br".into(), attributes: vec![], self_closing: true },
///     Token::Characters("a\0b".into()),
///     Token::EndTag { name: "x".into() },
/// ]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// `<!DOCTYPE ...>`.
    Doctype {
        /// The name, lowercased, if any.
        name: Option<String>,
        /// The public identifier, if any.
        public_id: Option<String>,
        /// The system identifier, if any.
        system_id: Option<String>,
        /// Whether the doctype forces quirks mode (html5lib's
        /// "correctness" is the opposite).
        force_quirks: bool,
    },
    /// A start tag.
    StartTag {
        /// The name, lowercased.
        name: String,
        /// The attributes, in source order, duplicates left out.
        attributes: Vec<(String, String)>,
        /// Whether it ends in `/>`.
        self_closing: bool,
    },
    /// An end tag.
    EndTag {
        /// The name, lowercased.
        name: String,
    },
    /// A comment's text.
    Comment(String),
    /// Text.
    Characters(String),
}

/// What [`tokenize`] found: the tokens and, when asked for, the parse
/// errors.
///
/// ```
/// use htmldict::tokenizer::{TokenizerOptions, tokenize};
/// let found = tokenize("a&b", &TokenizerOptions::new().keep_errors(true));
/// assert_eq!(found.tokens().len(), 1);
/// assert!(found.errors().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    tokens: Vec<Token>,
    errors: Vec<TokenizerError>,
}

impl Tokens {
    /// The tokens, in order (the end-of-file token is not listed).
    ///
    /// ```
    /// use htmldict::tokenizer::{Token, TokenizerOptions, tokenize};
    /// let found = tokenize("<!--x-->", &TokenizerOptions::new());
    /// assert_eq!(found.tokens(), [Token::Comment("x".into())]);
    /// ```
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The parse errors, in order; empty unless asked for.
    ///
    /// ```
    /// use htmldict::tokenizer::{TokenizerOptions, tokenize};
    /// let found = tokenize("&#0;", &TokenizerOptions::new().keep_errors(true));
    /// assert_eq!(found.errors()[0].to_string(), "null-character-reference at 1:5");
    /// ```
    pub fn errors(&self) -> &[TokenizerError] {
        &self.errors
    }
}

/// Tokenizes `input` as the HTML standard's tokenizer does, on its own:
/// with no tree builder to switch its state, a `<title>` does not make the
/// tokenizer read RCDATA, and `<![CDATA[` is a bogus comment. Only the
/// first `u32::MAX` bytes (4 GiB) of `input` are read, as the parser's own
/// limit on its input (the rest, past a character boundary, is left out).
///
/// ```
/// use htmldict::tokenizer::{Token, TokenizerOptions, tokenize};
/// let tokens = tokenize("<p class=a>x&amp;y<!--c-->", &TokenizerOptions::new());
/// assert_eq!(tokens.tokens(), [
///     Token::StartTag { name: "p".into(), attributes: vec![("class".into(), "a".into())], self_closing: false },
///     Token::Characters("x&y".into()),
///     Token::Comment("c".into()),
/// ]);
/// ```
pub fn tokenize(input: &str, options: &TokenizerOptions) -> Tokens {
    tokenize_pieces(&[input], options)
}

/// [`tokenize`], the input given in pieces, each tokenized as it comes.
fn tokenize_pieces(pieces: &[&str], options: &TokenizerOptions) -> Tokens {
    run(Collector::default(), pieces, options).tokens
}

/// Runs the tokenizer over `pieces` into `consumer`, and gives it back.
fn run<C: TokenConsumer>(consumer: C, pieces: &[&str], options: &TokenizerOptions) -> C {
    let config = Config {
        initial_state: options.state,
        last_start_tag: options.last_start_tag.clone(),
        report_errors: options.keep_errors,
    };
    let mut tokenizer = Tokenizer::new(consumer, config);
    for piece in within(pieces, MAX_INPUT) {
        // Cannot panic: `within` keeps every piece to u32::MAX bytes.
        tokenizer.push(piece);
        let _ = tokenizer.run();
    }
    tokenizer.end();
    tokenizer.into_consumer()
}

/// The most input the tokenizer reads: a tendril (a chunk, a token) holds
/// at most `u32::MAX` bytes, so no chunk, carried lookahead or token built
/// from the input can be longer than it when the whole input is not.
const MAX_INPUT: usize = u32::MAX as usize;

/// `pieces` up to `max` bytes in all, the last one kept cut at a character
/// boundary.
fn within<'a>(pieces: &[&'a str], max: usize) -> Vec<&'a str> {
    let mut left = max;
    let mut kept = Vec::with_capacity(pieces.len());
    for &piece in pieces {
        if piece.len() <= left {
            left -= piece.len();
            kept.push(piece);
            continue;
        }
        let mut cut = left;
        while !piece.is_char_boundary(cut) {
            // Cannot underflow: offset 0 is a character boundary.
            cut -= 1;
        }
        // Cannot panic: `cut` is a character boundary (the loop above).
        kept.push(&piece[..cut]);
        break;
    }
    kept
}

/// Tokenizes `input` into an html5ever [`TokenSink`](h5::TokenSink): the
/// tokens html5ever's own tokenizer gives a sink (a NUL in the data state
/// is a `NullCharacterToken`, the end is an `EOFToken`), made by htmldict's
/// tokenizer. The sink's answers are followed: a switch to RAWTEXT, RCDATA,
/// script data or PLAINTEXT, and `<![CDATA[` read as a CDATA section when
/// the sink says the adjusted current node is foreign; so html5ever's own
/// tree builder can be the sink. Parse errors, when asked for, arrive as
/// `ParseError` tokens holding the standard's code. Returns the sink. As
/// with [`tokenize`], only the first `u32::MAX` bytes of `input` are read.
///
/// ```
/// use std::cell::Cell;
/// use htmldict::html5ever::tokenizer::{Token, TokenSink, TokenSinkResult};
/// use htmldict::tokenizer::{TokenizerOptions, tokenize_into};
///
/// #[derive(Default)]
/// struct CountTags(Cell<usize>);
/// impl TokenSink for CountTags {
///     type Handle = ();
///     fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
///         if let Token::TagToken(_) = token {
///             self.0.set(self.0.get() + 1);
///         }
///         TokenSinkResult::Continue
///     }
/// }
/// let sink = tokenize_into("<p>a<b>c</b>", &TokenizerOptions::new(), CountTags::default());
/// assert_eq!(sink.0.get(), 3);
/// ```
pub fn tokenize_into<S: TokenSink>(input: &str, options: &TokenizerOptions, sink: S) -> S {
    run(ForSink(sink), &[input], options).0
}

/// An html5ever token sink as the tokenizer's consumer.
struct ForSink<S>(S);

impl<S: TokenSink> ForSink<S> {
    /// Hands `token` to the sink as html5ever's, its text shared with
    /// `chunk` where it was read from it; the sink's answer as the
    /// tokenizer's (a script handle is dropped: scripts are not run).
    fn send(&mut self, token: token::Token<'_, '_>, chunk: &StrTendril) -> Next {
        let token = match token {
            token::Token::Tag(tag) => {
                let attrs = tag
                    .attrs
                    .drain(..)
                    .map(|a| Attribute {
                        name: a.name,
                        value: shared(chunk, &a.value),
                    })
                    .collect();
                h5::TagToken(h5::Tag {
                    kind: tag.kind,
                    name: tag.name.clone(),
                    self_closing: tag.self_closing,
                    attrs,
                    had_duplicate_attributes: false,
                })
            }
            token::Token::Doctype(doctype) => h5::DoctypeToken(*doctype),
            token::Token::Text(text) => h5::CharacterTokens(shared(chunk, text)),
            token::Token::Null => h5::NullCharacterToken,
            token::Token::Comment(text) => h5::CommentToken(shared(chunk, text)),
            token::Token::Eof => h5::EOFToken,
        };
        match self.0.process_token(token, 1) {
            TokenSinkResult::Continue | TokenSinkResult::Script(_) => Next::Continue,
            TokenSinkResult::Plaintext => Next::Plaintext,
            TokenSinkResult::RawData(kind) => Next::Raw(kind),
            TokenSinkResult::EncodingIndicator(_) => Next::EncodingIndicator,
        }
    }
}

impl<S: TokenSink> TokenConsumer for ForSink<S> {
    fn token(&mut self, token: token::Token<'_, '_>) -> Next {
        self.send(token, &StrTendril::new())
    }

    fn token_in(&mut self, token: token::Token<'_, '_>, chunk: &StrTendril) -> Next {
        self.send(token, chunk)
    }

    fn error(&mut self, error: TokenizerError) {
        let _ = self
            .0
            .process_token(h5::ParseError(Cow::Borrowed(error.code.as_str())), 1);
    }

    fn in_foreign_content(&self) -> bool {
        self.0
            .adjusted_current_node_present_but_not_in_html_namespace()
    }

    fn end(&mut self) {
        self.0.end();
    }
}

/// `text` as a tendril: a sub-tendril of `chunk`, sharing its buffer, when
/// `text` lies in it; a copy otherwise.
fn shared(chunk: &StrTendril, text: &str) -> StrTendril {
    let base = chunk.as_ptr() as usize;
    let at = text.as_ptr() as usize;
    if at >= base && at + text.len() <= base + chunk.len() && !text.is_empty() {
        // Cannot truncate: within a tendril, whose length is a u32. A slice
        // of the chunk's text starts and ends at character boundaries.
        if let Ok(sub) = chunk.try_subtendril((at - base) as u32, text.len() as u32) {
            return sub;
        }
    }
    tendril(text)
}

/// Adds `token` to `tokens` in its public form.
fn collect(tokens: &mut Vec<Token>, token: token::Token<'_, '_>) {
    let text: &str = match token {
        token::Token::Text(text) => text,
        token::Token::Null => "\0",
        token::Token::Eof => return,
        token::Token::Comment(text) => return tokens.push(Token::Comment(text.to_string())),
        token::Token::Doctype(d) => {
            return tokens.push(Token::Doctype {
                name: d.name.map(|s| s.to_string()),
                public_id: d.public_id.map(|s| s.to_string()),
                system_id: d.system_id.map(|s| s.to_string()),
                force_quirks: d.force_quirks,
            });
        }
        token::Token::Tag(tag) => {
            return tokens.push(match tag.kind {
                h5::StartTag => Token::StartTag {
                    name: tag.name.to_string(),
                    attributes: tag
                        .attrs
                        .drain(..)
                        .map(|a| (a.name.local.to_string(), a.value.into_owned()))
                        .collect(),
                    self_closing: tag.self_closing,
                },
                h5::EndTag => Token::EndTag {
                    name: tag.name.to_string(),
                },
            });
        }
    };
    if text.is_empty() {
        return;
    }
    if let Some(Token::Characters(last)) = tokens.last_mut() {
        last.push_str(text);
    } else {
        tokens.push(Token::Characters(text.to_string()));
    }
}

/// Collects tokens in their public form, and errors with their positions.
#[derive(Default)]
struct Collector {
    tokens: Tokens,
}

impl TokenConsumer for Collector {
    fn token(&mut self, token: token::Token<'_, '_>) -> Next {
        collect(&mut self.tokens.tokens, token);
        Next::Continue
    }

    fn error(&mut self, error: TokenizerError) {
        self.tokens.errors.push(error);
    }

    fn in_foreign_content(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_past_the_tendril_limit_is_cut_at_a_character_boundary() {
        assert_eq!(within(&["ab", "cd"], 4), ["ab", "cd"]);
        assert_eq!(within(&["ab", "cd"], 3), ["ab", "c"]);
        assert_eq!(within(&["ab", "cd", "ef"], 2), ["ab", ""]);
        assert_eq!(within(&["a\u{e9}b"], 2), ["a"]);
        assert_eq!(within(&["\u{1F600}"], 3), [""]);
    }

    /// Inputs that go through every kind of state, with the states to
    /// start them in.
    const INPUTS: &[(&str, TokenizerState)] = &[
        (
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD\" 'x.dtd'><html lang=en>",
            TokenizerState::Data,
        ),
        (
            "<p class=\"a b\" id='c' data-x=1 hidden>t&amp;x&notit; &#x41;&#66&#0;</p>",
            TokenizerState::Data,
        ),
        (
            "<a href=\"?a=1&amp=2&ampx;&lt;\">&AElig&Aacute;&acE;</a>",
            TokenizerState::Data,
        ),
        (
            "<!-- c -- <!--x--!> --><!----><!---><!--a--b---!><?pi x><! bogus>",
            TokenizerState::Data,
        ),
        (
            "a < b <\0 </> </ x> <A B=C D E=F/><br/>\0x\r\ny\r",
            TokenizerState::Data,
        ),
        (
            "x<!--<script>--></script>a</scriptx></script >y",
            TokenizerState::ScriptData,
        ),
        (
            "<!--<script>x</script>--></script>z",
            TokenizerState::ScriptData,
        ),
        ("a</tItLe>b&amp;c</title/>", TokenizerState::Rcdata),
        ("a</style x=1>b", TokenizerState::Rawtext),
        ("x]]y]]]>z\0", TokenizerState::CdataSection),
        ("<![CDATA[x]]><!DOCTYPE>", TokenizerState::Data),
        (
            "<!doctype a system \"b\" x><!DOCTYPE b PUBLIC 'p' \"s\">",
            TokenizerState::Data,
        ),
        ("é€😀<p é=€ 😀>😀</p é>", TokenizerState::Data),
    ];

    fn options(state: TokenizerState) -> TokenizerOptions {
        let options = TokenizerOptions::new()
            .initial_state(state)
            .keep_errors(true);
        match state {
            TokenizerState::ScriptData => options.last_start_tag("script"),
            TokenizerState::Rcdata => options.last_start_tag("title"),
            TokenizerState::Rawtext => options.last_start_tag("style"),
            _ => options,
        }
    }

    /// The char boundaries of `input`.
    fn cuts(input: &str) -> Vec<usize> {
        (0..=input.len())
            .filter(|&i| input.is_char_boundary(i))
            .collect()
    }

    #[test]
    fn any_single_cut_gives_the_same_tokens_and_errors() {
        for &(input, state) in INPUTS {
            let options = options(state);
            let whole = tokenize(input, &options);
            for at in cuts(input) {
                let split = tokenize_pieces(&[&input[..at], &input[at..]], &options);
                assert_eq!(split, whole, "{input:?} cut at {at}");
            }
        }
    }

    #[test]
    fn pieces_read_in_place_give_the_same_tokens() {
        // Without errors, pieces are read in place (`Tokenizer::feed`), and
        // only what a lookahead leaves at a piece's end is kept.
        for &(input, state) in INPUTS {
            let options = options(state).keep_errors(false);
            let whole = tokenize(input, &options);
            let cuts = cuts(input);
            for (i, &a) in cuts.iter().enumerate() {
                for &b in &cuts[i..] {
                    let pieces = [&input[..a], &input[a..b], &input[b..]];
                    let config = Config {
                        initial_state: options.state,
                        last_start_tag: options.last_start_tag.clone(),
                        report_errors: false,
                    };
                    let mut tokenizer = Tokenizer::new(Collector::default(), config);
                    for piece in pieces {
                        let _ = tokenizer.feed(piece);
                    }
                    tokenizer.end();
                    let split = tokenizer.into_consumer().tokens;
                    assert_eq!(split, whole, "{input:?} cut at {a}, {b}");
                }
            }
        }
    }

    #[test]
    fn text_read_from_a_held_chunk_is_shared() {
        let chunk = StrTendril::from_slice("<p>a long enough text</p>");
        let shared_text = shared(&chunk, &chunk[3..21]);
        assert_eq!(&*shared_text, "a long enough text");
        let elsewhere = String::from("a long enough text");
        assert_eq!(&*shared(&chunk, &elsewhere), "a long enough text");
        assert_eq!(&*shared(&chunk, ""), "");
    }

    #[test]
    fn any_two_cuts_and_one_byte_pieces_give_the_same_tokens() {
        for &(input, state) in INPUTS {
            let options = options(state);
            let whole = tokenize(input, &options);
            let cuts = cuts(input);
            for (i, &a) in cuts.iter().enumerate() {
                for &b in &cuts[i..] {
                    let split =
                        tokenize_pieces(&[&input[..a], &input[a..b], &input[b..]], &options);
                    assert_eq!(split.tokens(), whole.tokens(), "{input:?} cut at {a}, {b}");
                }
            }
            let pieces: Vec<&str> = cuts.windows(2).map(|w| &input[w[0]..w[1]]).collect();
            assert_eq!(
                tokenize_pieces(&pieces, &options),
                whole,
                "{input:?} char by char"
            );
        }
    }
}
