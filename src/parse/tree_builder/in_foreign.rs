//! 13.2.6.5 The rules for parsing tokens in foreign content.

use super::Tag;
use html5ever::local_name;
use html5ever::tokenizer::TagKind::StartTag;

use super::{Token, TreeBuilder, all_space, foreign};
use crate::dom::Namespace;

impl TreeBuilder {
    pub(super) fn foreign_content(&mut self, token: Token) {
        match token {
            Token::Null => {
                self.error("a NUL character in foreign content");
                self.insert_text("\u{FFFD}");
            }
            Token::Text(text) => {
                if self.frameset_ok && !all_space(text) {
                    self.frameset_ok = false;
                }
                self.insert_text(text);
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.error("a DOCTYPE in foreign content"),
            Token::Tag(tag) if tag.kind == StartTag => {
                let breaks_out = foreign::breaks_out_of_foreign_content(&tag.name)
                    || (tag.name == local_name!("font")
                        && tag.attrs.iter().any(|a| {
                            matches!(
                                a.name.local,
                                local_name!("color") | local_name!("face") | local_name!("size")
                            )
                        }));
                if breaks_out {
                    self.break_out_of_foreign_content(tag);
                } else {
                    self.foreign_start_tag(tag);
                }
            }
            Token::Tag(tag) => {
                if matches!(tag.name, local_name!("br") | local_name!("p")) {
                    self.break_out_of_foreign_content(tag);
                } else {
                    self.foreign_end_tag(tag);
                }
            }
            // The dispatcher sends the end of the input to the insertion
            // mode.
            Token::Eof => {}
        }
    }

    /// An HTML start tag (or `</br>`, `</p>`) in foreign content: pops out
    /// to HTML content and processes the tag there.
    fn break_out_of_foreign_content(&mut self, tag: &mut Tag) {
        self.error("an HTML tag in foreign content");
        while let Some(current) = self.current() {
            let html_again = current.ns == Namespace::Html
                || foreign::is_mathml_text_integration_point(current.ns, &current.name)
                || (current.ns == Namespace::MathMl && current.html_annotation)
                || (current.ns == Namespace::Svg
                    && foreign::is_html_integration_point(current.ns, &current.name, None));
            if html_again {
                break;
            }
            self.pop();
        }
        self.process(self.mode, Token::Tag(tag));
    }

    /// "Any other start tag" in foreign content.
    fn foreign_start_tag(&mut self, tag: &mut Tag) {
        let Some(ns) = self.adjusted_current_node().map(|n| n.ns) else {
            return;
        };
        match ns {
            Namespace::MathMl => foreign::adjust_mathml_tag(tag),
            Namespace::Svg => foreign::adjust_svg_tag(tag, true),
            _ => {}
        }
        self.insert_foreign(tag, ns);
    }

    /// "Any other end tag" in foreign content (and `</script>` in SVG,
    /// which needs nothing more here: scripts are not run). The standard's
    /// walk down the stack, from the current node to the first HTML
    /// element, answered by the stack's index of foreign elements by
    /// lowercase name, so that end tags in deep foreign content cost the
    /// same as anywhere.
    fn foreign_end_tag(&mut self, tag: &mut Tag) {
        if let Some(current) = self.current()
            && !current.name.eq_ignore_ascii_case(&tag.name)
        {
            self.error("an end tag in foreign content that does not match");
        }
        if self.stack.len() <= 1 {
            // The current node is the topmost element (the fragment case).
            return;
        }
        match self.stack.foreign_to_close(&tag.name) {
            Some(index) if index > 0 => {
                self.pop_to(index);
            }
            // The walk reaches an HTML element first (the root, at worst).
            _ => self.process(self.mode, Token::Tag(tag)),
        }
    }
}
