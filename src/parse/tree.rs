//! [`Tree`]: one attempt at building a document, the tokenizer feeding
//! html5ever's tree builder, which drives the [`Sink`].

use html5ever::QualName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink, create_element};

use super::sink::{Handle, Sink};
use super::tokenizer::{Config, Outcome, TokenConsumer, Tokenizer, TokenizerError, TokenizerState};
use crate::dom::Document;
use crate::encoding::DocumentEncoding;
use crate::error::ParseError;
use crate::options::ParseOptions;

/// The tree builder as the tokenizer's consumer.
struct Builder {
    tree: TreeBuilder<Handle, Sink>,
}

impl TokenConsumer for Builder {
    type Handle = Handle;

    #[inline]
    fn token(&mut self, token: Token) -> TokenSinkResult<Handle> {
        // Lines are not tracked: the sink keeps no positions.
        self.tree.process_token(token, 1)
    }

    fn error(&mut self, error: TokenizerError) {
        self.tree.sink.markup_error(error.into());
    }

    fn position(&mut self, line: u64, column: u64) {
        self.tree.sink.set_position(line, column);
    }

    fn in_foreign_content(&self) -> bool {
        self.tree
            .adjusted_current_node_present_but_not_in_html_namespace()
    }

    #[inline]
    fn stopped(&self) -> bool {
        self.tree.sink.failed()
    }

    fn end(&mut self) {
        self.tree.end();
    }
}

/// One attempt at building a document.
pub(super) struct Tree {
    tokenizer: Tokenizer<Builder>,
}

impl Tree {
    pub(super) fn new(
        options: &ParseOptions,
        input_hint: usize,
        context: Option<&QualName>,
    ) -> Tree {
        let sink = Sink::new(options, input_hint, context.is_some());
        let opts = TreeBuilderOpts {
            scripting_enabled: options.scripting,
            ..TreeBuilderOpts::default()
        };
        let (tree, initial_state) = match context {
            None => (TreeBuilder::new(sink, opts), TokenizerState::Data),
            Some(context) => {
                let element = create_element(&sink, context.clone(), Vec::new());
                let tree = TreeBuilder::new_for_fragment(sink, element, None, opts);
                let state = tree.tokenizer_state_for_context_elem(options.scripting);
                (tree, TokenizerState::from_html5ever(state))
            }
        };
        let config = Config {
            initial_state,
            last_start_tag: None,
            report_errors: options.keep_errors,
        };
        Tree {
            tokenizer: Tokenizer::new(Builder { tree }, config),
        }
    }

    pub(super) fn sink(&self) -> &Sink {
        &self.tokenizer.consumer().tree.sink
    }

    /// Queues `text` for the tokenizer.
    pub(super) fn push(&mut self, text: &str) {
        // Cannot panic (tendrils hold at most u32::MAX bytes): the engine
        // refuses input over u32::MAX bytes in all before any reaches here.
        self.tokenizer.push(StrTendril::from_slice(text));
    }

    /// Tokenizes the queued text. With `report_meta`, stops at a `<meta>`
    /// that declares an encoding and returns that encoding; the rest of the
    /// text stays queued for the next call.
    pub(super) fn run(&mut self, report_meta: bool) -> Option<&'static encoding_rs::Encoding> {
        loop {
            match self.tokenizer.run() {
                Outcome::Done | Outcome::Stopped => return None,
                Outcome::EncodingIndicator => {
                    let declared = self.sink().take_meta_encoding();
                    if report_meta && declared.is_some() {
                        return declared;
                    }
                }
            }
        }
    }

    /// Ends the input and returns the document, decoded with `encoding`
    /// (`None` for text input), or the limit met on the way; with
    /// `truncated`, the document as it is, marked with that limit.
    pub(super) fn finish(
        mut self,
        encoding: Option<DocumentEncoding>,
        truncated: Option<ParseError>,
    ) -> Result<Document, ParseError> {
        self.sink().set_encoding(encoding);
        if truncated.is_some() {
            self.sink().set_truncated(truncated);
        } else if !self.sink().failed() {
            self.tokenizer.end();
        }
        let Builder { tree } = self.tokenizer.into_consumer();
        tree.sink.finish()
    }
}
