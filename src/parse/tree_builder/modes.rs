//! The insertion modes other than "in body" and the table modes: before
//! and in the head (13.2.6.4.1 to 13.2.6.4.6), "text" (13.2.6.4.8), "in
//! template" (13.2.6.4.18) and the modes after the body and the frameset
//! (13.2.6.4.19 to 13.2.6.4.23).

use super::Tag;
use html5ever::local_name;
use html5ever::tokenizer::TagKind::{EndTag, StartTag};
use html5ever::tokenizer::states::RawKind;

use super::writer::Place;
use super::{Attr, Mode, Next, Token, TreeBuilder, all_space, drop_leading_space, quirks};
use crate::dom::{NodeId, QuirksMode};

impl TreeBuilder {
    /// A DOCTYPE token anywhere but in the initial mode: a parse error,
    /// ignored.
    fn stray_doctype(&mut self) {
        self.error("a DOCTYPE after the document started");
    }

    /// 13.2.6.4.1 The "initial" insertion mode.
    pub(super) fn initial(&mut self, token: Token) {
        match token {
            Token::Text(text) => {
                if drop_leading_space(text) {
                    self.initial_anything_else(Token::Text(text));
                }
            }
            Token::Comment(text) => {
                self.insert_comment_at(text, Place::last_child_of(NodeId::DOCUMENT))
            }
            Token::Doctype(doctype) => {
                let name = doctype.name.as_deref();
                let public = doctype.public_id.as_deref();
                let system = doctype.system_id.as_deref();
                let wellformed = name == Some("html")
                    && public.is_none()
                    && (system.is_none() || system == Some("about:legacy-compat"));
                if !wellformed {
                    self.error("a DOCTYPE other than <!DOCTYPE html>");
                }
                self.writer.append_doctype(
                    name.unwrap_or(""),
                    public.unwrap_or(""),
                    system.unwrap_or(""),
                );
                self.quirks = quirks::mode(name, public, system, doctype.force_quirks);
                self.mode = Mode::BeforeHtml;
            }
            token => self.initial_anything_else(token),
        }
    }

    fn initial_anything_else(&mut self, token: Token) {
        self.error("no DOCTYPE before the document");
        self.quirks = QuirksMode::Quirks;
        self.reprocess(Mode::BeforeHtml, token);
    }

    /// 13.2.6.4.2 The "before html" insertion mode.
    pub(super) fn before_html(&mut self, token: Token) {
        match token {
            Token::Doctype(_) => self.stray_doctype(),
            Token::Comment(text) => {
                self.insert_comment_at(text, Place::last_child_of(NodeId::DOCUMENT))
            }
            Token::Text(text) => {
                if drop_leading_space(text) {
                    self.before_html_anything_else(Token::Text(text));
                }
            }
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("html") => {
                self.create_root(&mut tag.attrs);
                self.mode = Mode::BeforeHead;
            }
            Token::Tag(tag)
                if tag.kind == EndTag
                    && !matches!(
                        tag.name,
                        local_name!("head")
                            | local_name!("body")
                            | local_name!("html")
                            | local_name!("br")
                    ) =>
            {
                self.error("an end tag before the html element");
            }
            token => self.before_html_anything_else(token),
        }
    }

    fn before_html_anything_else(&mut self, token: Token) {
        self.create_root(&mut Vec::new());
        self.reprocess(Mode::BeforeHead, token);
    }

    /// Creates the `html` element, appends it to the document and pushes it.
    fn create_root(&mut self, attrs: &mut Vec<Attr>) {
        let open = self.create(crate::dom::Namespace::Html, local_name!("html"), attrs);
        self.writer
            .insert(Place::last_child_of(NodeId::DOCUMENT), open.node);
        self.stack.push(open);
    }

    /// 13.2.6.4.3 The "before head" insertion mode.
    pub(super) fn before_head(&mut self, token: Token) {
        match token {
            Token::Text(text) => {
                if drop_leading_space(text) {
                    self.before_head_anything_else(Token::Text(text));
                }
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.stray_doctype(),
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("html") => {
                self.in_body(Token::Tag(tag))
            }
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("head") => {
                self.head = Some(self.insert_html(tag));
                self.mode = Mode::InHead;
            }
            Token::Tag(tag)
                if tag.kind == EndTag
                    && !matches!(
                        tag.name,
                        local_name!("head")
                            | local_name!("body")
                            | local_name!("html")
                            | local_name!("br")
                    ) =>
            {
                self.error("an end tag before the head element");
            }
            token => self.before_head_anything_else(token),
        }
    }

    fn before_head_anything_else(&mut self, token: Token) {
        self.head = Some(self.insert_html_named(local_name!("head")));
        self.reprocess(Mode::InHead, token);
    }

    /// 13.2.6.4.4 The "in head" insertion mode.
    pub(super) fn in_head(&mut self, token: Token) {
        match token {
            Token::Text(text) => {
                if self.insert_leading_space(text) {
                    self.in_head_anything_else(Token::Text(text));
                }
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.stray_doctype(),
            Token::Tag(tag) if tag.kind == StartTag => self.in_head_start_tag(tag),
            Token::Tag(tag) => match tag.name {
                local_name!("head") => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                }
                local_name!("body") | local_name!("html") | local_name!("br") => {
                    self.in_head_anything_else(Token::Tag(tag))
                }
                local_name!("template") => self.end_template(),
                _ => self.error("an unexpected end tag in head"),
            },
            token => self.in_head_anything_else(token),
        }
    }

    fn in_head_start_tag(&mut self, tag: &mut Tag) {
        match tag.name {
            local_name!("html") => self.in_body(Token::Tag(tag)),
            local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("link") => {
                self.insert_void(tag);
            }
            local_name!("meta") => {
                let declared = if self.signals.report_meta {
                    meta_declaration(&tag.attrs)
                } else {
                    None
                };
                self.insert_void(tag);
                if let Some(encoding) = declared {
                    self.signals.declared = Some(encoding);
                    self.signals.tokenizer = Some(Next::EncodingIndicator);
                }
            }
            local_name!("title") => self.parse_raw_text(tag, RawKind::Rcdata),
            local_name!("noscript") if !self.scripting => {
                self.insert_html(tag);
                self.mode = Mode::InHeadNoscript;
            }
            local_name!("noscript") | local_name!("noframes") | local_name!("style") => {
                self.parse_raw_text(tag, RawKind::Rawtext)
            }
            local_name!("script") => self.parse_raw_text(tag, RawKind::ScriptData),
            local_name!("template") => {
                self.insert_html(tag);
                self.formatting.push_marker();
                self.frameset_ok = false;
                self.mode = Mode::InTemplate;
                self.template_modes.push(Mode::InTemplate);
            }
            local_name!("head") => self.error("a second head element"),
            _ => self.in_head_anything_else(Token::Tag(tag)),
        }
    }

    /// An end tag `template` in head.
    pub(super) fn end_template(&mut self) {
        if !self.template_open() {
            self.error("an end tag template with no template open");
            return;
        }
        self.generate_implied_end_tags_thoroughly();
        self.close(&local_name!("template"));
        self.formatting.clear_to_last_marker();
        self.template_modes.pop();
        self.mode = self.reset_mode();
    }

    fn in_head_anything_else(&mut self, token: Token) {
        self.pop();
        self.reprocess(Mode::AfterHead, token);
    }

    /// 13.2.6.4.5 The "in head noscript" insertion mode.
    pub(super) fn in_head_noscript(&mut self, token: Token) {
        match token {
            Token::Doctype(_) => self.stray_doctype(),
            Token::Text(text) => {
                if self.insert_leading_space(text) {
                    self.in_head_noscript_anything_else(Token::Text(text));
                }
            }
            Token::Comment(_) => self.in_head(token),
            Token::Tag(tag) if tag.kind == StartTag => match tag.name {
                local_name!("html") => self.in_body(Token::Tag(tag)),
                local_name!("basefont")
                | local_name!("bgsound")
                | local_name!("link")
                | local_name!("meta")
                | local_name!("noframes")
                | local_name!("style") => self.in_head(Token::Tag(tag)),
                local_name!("head") | local_name!("noscript") => {
                    self.error("an unexpected start tag in noscript in head")
                }
                _ => self.in_head_noscript_anything_else(Token::Tag(tag)),
            },
            Token::Tag(tag) => match tag.name {
                local_name!("noscript") => {
                    self.pop();
                    self.mode = Mode::InHead;
                }
                local_name!("br") => self.in_head_noscript_anything_else(Token::Tag(tag)),
                _ => self.error("an unexpected end tag in noscript in head"),
            },
            token => self.in_head_noscript_anything_else(token),
        }
    }

    fn in_head_noscript_anything_else(&mut self, token: Token) {
        self.error("unexpected content in noscript in head");
        self.pop();
        self.reprocess(Mode::InHead, token);
    }

    /// 13.2.6.4.6 The "after head" insertion mode.
    pub(super) fn after_head(&mut self, token: Token) {
        match token {
            Token::Text(text) => {
                if self.insert_leading_space(text) {
                    self.after_head_anything_else(Token::Text(text));
                }
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.stray_doctype(),
            Token::Tag(tag) if tag.kind == StartTag => match tag.name {
                local_name!("html") => self.in_body(Token::Tag(tag)),
                local_name!("body") => {
                    self.insert_html(tag);
                    self.frameset_ok = false;
                    self.mode = Mode::InBody;
                }
                local_name!("frameset") => {
                    self.insert_html(tag);
                    self.mode = Mode::InFrameset;
                }
                local_name!("base")
                | local_name!("basefont")
                | local_name!("bgsound")
                | local_name!("link")
                | local_name!("meta")
                | local_name!("noframes")
                | local_name!("script")
                | local_name!("style")
                | local_name!("template")
                | local_name!("title") => {
                    self.error("a head element's start tag after the head");
                    let Some(head) = self.head else {
                        return self.in_head(Token::Tag(tag));
                    };
                    let open = super::stack::Open::new(
                        head,
                        crate::dom::Namespace::Html,
                        local_name!("head"),
                        false,
                    );
                    self.stack.push(open);
                    self.in_head(Token::Tag(tag));
                    self.remove_from_stack(head);
                }
                local_name!("head") => self.error("a second head element"),
                _ => self.after_head_anything_else(Token::Tag(tag)),
            },
            Token::Tag(tag) => match tag.name {
                local_name!("template") => self.in_head(Token::Tag(tag)),
                local_name!("body") | local_name!("html") | local_name!("br") => {
                    self.after_head_anything_else(Token::Tag(tag))
                }
                _ => self.error("an unexpected end tag after the head"),
            },
            token => self.after_head_anything_else(token),
        }
    }

    fn after_head_anything_else(&mut self, token: Token) {
        self.insert_html_named(local_name!("body"));
        self.reprocess(Mode::InBody, token);
    }

    /// 13.2.6.4.8 The "text" insertion mode.
    pub(super) fn text(&mut self, token: Token) {
        match token {
            Token::Text(text) => self.insert_text(text),
            Token::Eof => {
                self.error("the end of the input in raw text");
                self.pop();
                let mode = self.original_mode;
                self.reprocess(mode, Token::Eof);
            }
            Token::Tag(tag) if tag.kind == EndTag => {
                self.pop();
                self.mode = self.original_mode;
            }
            // The tokenizer gives nothing else in the raw text states.
            _ => {}
        }
    }

    /// 13.2.6.4.18 The "in template" insertion mode.
    pub(super) fn in_template(&mut self, token: Token) {
        match token {
            Token::Text(_) | Token::Null | Token::Comment(_) | Token::Doctype(_) => {
                self.in_body(token)
            }
            Token::Tag(tag) if tag.kind == StartTag => {
                let mode = match tag.name {
                    local_name!("base")
                    | local_name!("basefont")
                    | local_name!("bgsound")
                    | local_name!("link")
                    | local_name!("meta")
                    | local_name!("noframes")
                    | local_name!("script")
                    | local_name!("style")
                    | local_name!("template")
                    | local_name!("title") => return self.in_head(Token::Tag(tag)),
                    local_name!("caption")
                    | local_name!("colgroup")
                    | local_name!("tbody")
                    | local_name!("tfoot")
                    | local_name!("thead") => Mode::InTable,
                    local_name!("col") => Mode::InColumnGroup,
                    local_name!("tr") => Mode::InTableBody,
                    local_name!("td") | local_name!("th") => Mode::InRow,
                    _ => Mode::InBody,
                };
                self.template_modes.pop();
                self.template_modes.push(mode);
                self.reprocess(mode, Token::Tag(tag));
            }
            Token::Tag(tag) => {
                if tag.name == local_name!("template") {
                    self.in_head(Token::Tag(tag));
                } else {
                    self.error("an unexpected end tag in a template");
                }
            }
            Token::Eof => {
                if !self.template_open() {
                    return;
                }
                self.error("the end of the input in a template");
                self.pop_until(&local_name!("template"));
                self.formatting.clear_to_last_marker();
                self.template_modes.pop();
                let mode = self.reset_mode();
                self.reprocess(mode, Token::Eof);
            }
        }
    }

    /// 13.2.6.4.19 The "after body" insertion mode.
    pub(super) fn after_body(&mut self, token: Token) {
        match token {
            Token::Text(ref text) if all_space(text) => self.in_body(token),
            Token::Comment(text) => {
                let root = self.stack.get(0).map_or(NodeId::DOCUMENT, |o| o.node);
                self.insert_comment_at(text, Place::last_child_of(root));
            }
            Token::Doctype(_) => self.stray_doctype(),
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("html") => {
                self.in_body(Token::Tag(tag))
            }
            Token::Tag(tag) if tag.kind == EndTag && tag.name == local_name!("html") => {
                if self.context.is_some() {
                    self.error("an end tag html in a fragment");
                } else {
                    self.mode = Mode::AfterAfterBody;
                }
            }
            Token::Eof => {}
            token => {
                self.error("content after the body");
                self.reprocess(Mode::InBody, token);
            }
        }
    }

    /// 13.2.6.4.20 The "in frameset" insertion mode.
    pub(super) fn in_frameset(&mut self, token: Token) {
        match token {
            Token::Text(text) => self.insert_frameset_space(text),
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.stray_doctype(),
            Token::Tag(tag) if tag.kind == StartTag => match tag.name {
                local_name!("html") => self.in_body(Token::Tag(tag)),
                local_name!("frameset") => {
                    self.insert_html(tag);
                }
                local_name!("frame") => {
                    self.insert_void(tag);
                }
                local_name!("noframes") => self.in_head(Token::Tag(tag)),
                _ => self.error("an unexpected start tag in a frameset"),
            },
            Token::Tag(tag) if tag.name == local_name!("frameset") => {
                if self.stack.len() <= 1 {
                    self.error("an end tag frameset closing the root");
                    return;
                }
                self.pop();
                if self.context.is_none() && !self.current_is(&local_name!("frameset")) {
                    self.mode = Mode::AfterFrameset;
                }
            }
            Token::Eof => {}
            _ => self.error("unexpected content in a frameset"),
        }
    }

    /// Inserts the whitespace of `text`; the other characters are parse
    /// errors, ignored (the frameset modes).
    fn insert_frameset_space(&mut self, text: &str) {
        if all_space(text) {
            self.insert_text(text);
            return;
        }
        self.error("text in a frameset");
        let space: String = text
            .chars()
            .filter(|&c| c.is_ascii() && super::is_space(c as u8))
            .collect();
        if !space.is_empty() {
            self.insert_text(&space);
        }
    }

    /// 13.2.6.4.21 The "after frameset" insertion mode.
    pub(super) fn after_frameset(&mut self, token: Token) {
        match token {
            Token::Text(text) => self.insert_frameset_space(text),
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.stray_doctype(),
            Token::Tag(tag) if tag.kind == StartTag => match tag.name {
                local_name!("html") => self.in_body(Token::Tag(tag)),
                local_name!("noframes") => self.in_head(Token::Tag(tag)),
                _ => self.error("an unexpected start tag after a frameset"),
            },
            Token::Tag(tag) if tag.name == local_name!("html") => {
                self.mode = Mode::AfterAfterFrameset;
            }
            Token::Eof => {}
            _ => self.error("unexpected content after a frameset"),
        }
    }

    /// 13.2.6.4.22 The "after after body" insertion mode.
    pub(super) fn after_after_body(&mut self, token: Token) {
        match token {
            Token::Comment(text) => {
                self.insert_comment_at(text, Place::last_child_of(NodeId::DOCUMENT))
            }
            Token::Doctype(_) => self.in_body(token),
            Token::Text(ref text) if all_space(text) => self.in_body(token),
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("html") => {
                self.in_body(Token::Tag(tag))
            }
            Token::Eof => {}
            token => {
                self.error("content after the end of the document");
                self.reprocess(Mode::InBody, token);
            }
        }
    }

    /// 13.2.6.4.23 The "after after frameset" insertion mode.
    pub(super) fn after_after_frameset(&mut self, token: Token) {
        match token {
            Token::Comment(text) => {
                self.insert_comment_at(text, Place::last_child_of(NodeId::DOCUMENT))
            }
            Token::Doctype(_) => self.in_body(token),
            Token::Text(ref text) if all_space(text) => self.in_body(token),
            Token::Text(text) => self.insert_frameset_space(text),
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("html") => {
                self.in_body(Token::Tag(tag))
            }
            Token::Tag(tag) if tag.kind == StartTag && tag.name == local_name!("noframes") => {
                self.in_head(Token::Tag(tag))
            }
            Token::Eof => {}
            _ => self.error("content after the end of a frameset document"),
        }
    }
}

/// What a `meta` element's attributes declare: a `charset` naming an
/// encoding, else `http-equiv="Content-Type"` with a `content` naming one
/// (13.2.6.4.4, "A start tag whose tag name is meta").
fn meta_declaration(attrs: &[Attr]) -> Option<&'static encoding_rs::Encoding> {
    let get = |name: html5ever::LocalName| {
        attrs
            .iter()
            .find(|a| a.name.local == name)
            .map(|a| &*a.value)
    };
    if let Some(encoding) =
        get(local_name!("charset")).and_then(|v| encoding_rs::Encoding::for_label(v.as_bytes()))
    {
        return Some(encoding);
    }
    let pragma =
        get(local_name!("http-equiv")).is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
    if pragma {
        get(local_name!("content"))
            .and_then(|v| super::super::encoding::extract_from_content(v.as_bytes()))
    } else {
        None
    }
}
