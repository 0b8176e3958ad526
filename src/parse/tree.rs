//! [`Tree`]: one attempt at building a document, the tokenizer feeding
//! the [`TreeBuilder`].

use html5ever::QualName;

use super::tokenizer::{Config, Outcome, Tokenizer, TokenizerState};
use super::tree_builder::TreeBuilder;
use crate::dom::Document;
use crate::encoding::DocumentEncoding;
use crate::error::ParseError;
use crate::options::ParseOptions;

/// One attempt at building a document.
pub(super) struct Tree {
    tokenizer: Tokenizer<TreeBuilder>,
}

impl Tree {
    pub(super) fn new(
        options: &ParseOptions,
        input_hint: usize,
        context: Option<&QualName>,
    ) -> Tree {
        let (builder, initial_state) = match context {
            None => (TreeBuilder::new(options, input_hint), TokenizerState::Data),
            Some(context) => TreeBuilder::for_fragment(options, input_hint, context),
        };
        let config = Config {
            initial_state,
            last_start_tag: None,
            report_errors: options.keep_errors,
        };
        Tree {
            tokenizer: Tokenizer::new(builder, config),
        }
    }

    pub(super) fn builder(&self) -> &TreeBuilder {
        self.tokenizer.consumer()
    }

    /// Tokenizes `text`, after what is left of earlier text. With
    /// `report_meta`, stops at a `<meta>` that declares an encoding and
    /// returns that encoding; the rest of the text is kept for the next
    /// call.
    pub(super) fn feed(
        &mut self,
        text: &str,
        report_meta: bool,
    ) -> Option<&'static encoding_rs::Encoding> {
        self.tokenizer.consumer_mut().set_report_meta(report_meta);
        let outcome = self.tokenizer.feed(text);
        self.follow(outcome, report_meta)
    }

    /// Tokenizes what is left of the text given so far, as [`Tree::feed`].
    pub(super) fn run(&mut self, report_meta: bool) -> Option<&'static encoding_rs::Encoding> {
        self.tokenizer.consumer_mut().set_report_meta(report_meta);
        let outcome = self.tokenizer.run();
        self.follow(outcome, report_meta)
    }

    /// Goes on after the tokenizer stopped with `outcome`: past a `<meta>`
    /// when it is not to be reported.
    fn follow(
        &mut self,
        mut outcome: Outcome,
        report_meta: bool,
    ) -> Option<&'static encoding_rs::Encoding> {
        loop {
            match outcome {
                Outcome::Done | Outcome::Stopped => return None,
                Outcome::EncodingIndicator => {
                    let declared = self.tokenizer.consumer_mut().take_meta_encoding();
                    if report_meta && declared.is_some() {
                        return declared;
                    }
                    outcome = self.tokenizer.run();
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
        self.tokenizer.consumer_mut().set_encoding(encoding);
        if truncated.is_some() {
            self.tokenizer.consumer_mut().set_truncated(truncated);
        } else if !self.builder().failed() {
            self.tokenizer.end();
        }
        self.tokenizer.into_consumer().finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `<meta>` that declares an encoding stops the tokenizer only when
    /// the parse asks for it (bytes input whose encoding is tentative): a
    /// stop makes the tokenizer copy what is left of the piece it was
    /// reading in place, to go on from later.
    #[test]
    fn a_declaring_meta_stops_the_tokenizer_only_when_asked_to() {
        let options = ParseOptions::new();
        let text = "<meta charset=windows-1252><p>text after the meta</p>";
        for report in [true, false] {
            let mut tree = Tree::new(&options, text.len(), None);
            tree.tokenizer.consumer_mut().set_report_meta(report);
            let outcome = tree.tokenizer.feed(text);
            if report {
                assert_eq!(outcome, Outcome::EncodingIndicator);
                assert_eq!(
                    tree.tokenizer.consumer_mut().take_meta_encoding(),
                    Some(encoding_rs::WINDOWS_1252)
                );
            } else {
                assert_eq!(outcome, Outcome::Done);
                assert_eq!(tree.tokenizer.consumer_mut().take_meta_encoding(), None);
            }
        }
    }
}
