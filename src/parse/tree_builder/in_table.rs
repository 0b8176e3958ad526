//! The table insertion modes: "in table" (13.2.6.4.9), "in table text"
//! (13.2.6.4.10), "in caption" (13.2.6.4.11), "in column group"
//! (13.2.6.4.12), "in table body" (13.2.6.4.13), "in row" (13.2.6.4.14)
//! and "in cell" (13.2.6.4.15).

use super::Tag;
use std::borrow::Cow;

use html5ever::tokenizer::TagKind::StartTag;
use html5ever::{LocalName, local_name};

use super::in_body::is_hidden_input;
use super::stack::Scope;
use super::{CELLS, Mode, Token, TreeBuilder, token};

static TABLE_SECTIONS: [LocalName; 3] = [
    local_name!("tbody"),
    local_name!("tfoot"),
    local_name!("thead"),
];

impl TreeBuilder {
    /// 13.2.6.4.9 The "in table" insertion mode.
    pub(super) fn in_table(&mut self, token: Token) {
        match token {
            Token::Text(_) | Token::Null => {
                let table_like = self.current().is_some_and(|c| {
                    c.is_html_any(&[
                        local_name!("table"),
                        local_name!("tbody"),
                        local_name!("template"),
                        local_name!("tfoot"),
                        local_name!("thead"),
                        local_name!("tr"),
                    ])
                });
                if table_like {
                    self.original_mode = self.mode;
                    self.reprocess(Mode::InTableText, token);
                } else {
                    self.in_table_anything_else(token);
                }
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.error("a DOCTYPE in a table"),
            Token::Tag(tag) if tag.kind == StartTag => match tag.name {
                local_name!("caption") => {
                    self.clear_back_to(&[local_name!("table")]);
                    self.formatting.push_marker();
                    self.insert_html(tag);
                    self.mode = Mode::InCaption;
                }
                local_name!("colgroup") => {
                    self.clear_back_to(&[local_name!("table")]);
                    self.insert_html(tag);
                    self.mode = Mode::InColumnGroup;
                }
                local_name!("col") => {
                    self.clear_back_to(&[local_name!("table")]);
                    self.insert_html_named(local_name!("colgroup"));
                    self.reprocess(Mode::InColumnGroup, Token::Tag(tag));
                }
                local_name!("tbody") | local_name!("tfoot") | local_name!("thead") => {
                    self.clear_back_to(&[local_name!("table")]);
                    self.insert_html(tag);
                    self.mode = Mode::InTableBody;
                }
                local_name!("td") | local_name!("th") | local_name!("tr") => {
                    self.clear_back_to(&[local_name!("table")]);
                    self.insert_html_named(local_name!("tbody"));
                    self.reprocess(Mode::InTableBody, Token::Tag(tag));
                }
                local_name!("table") => {
                    self.error("a table inside a table");
                    if self.in_scope(&local_name!("table"), Scope::Table) {
                        self.pop_until(&local_name!("table"));
                        let mode = self.reset_mode();
                        self.reprocess(mode, Token::Tag(tag));
                    }
                }
                local_name!("style") | local_name!("script") | local_name!("template") => {
                    self.in_head(Token::Tag(tag))
                }
                local_name!("input") if is_hidden_input(tag) => {
                    self.error("a hidden input in a table");
                    self.insert_void(tag);
                }
                local_name!("form") => {
                    self.error("a form in a table");
                    if self.template_open() || self.form.is_some() {
                        return;
                    }
                    let node = self.insert_html(tag);
                    self.form = Some(node);
                    self.pop();
                }
                _ => self.in_table_anything_else(Token::Tag(tag)),
            },
            Token::Tag(tag) => match tag.name {
                local_name!("table") => {
                    if !self.in_scope(&local_name!("table"), Scope::Table) {
                        self.error("an end tag table with no table open");
                        return;
                    }
                    self.pop_until(&local_name!("table"));
                    self.mode = self.reset_mode();
                }
                local_name!("body")
                | local_name!("caption")
                | local_name!("col")
                | local_name!("colgroup")
                | local_name!("html")
                | local_name!("tbody")
                | local_name!("td")
                | local_name!("tfoot")
                | local_name!("th")
                | local_name!("thead")
                | local_name!("tr") => self.error("an unexpected end tag in a table"),
                local_name!("template") => self.in_head(Token::Tag(tag)),
                _ => self.in_table_anything_else(Token::Tag(tag)),
            },
            Token::Eof => self.in_body(Token::Eof),
        }
    }

    /// "In table"'s anything else: the "in body" rules with foster
    /// parenting on.
    fn in_table_anything_else(&mut self, token: Token) {
        self.error("content in a table outside its cells");
        self.foster_parenting = true;
        self.in_body(token);
        self.foster_parenting = false;
    }

    /// 13.2.6.4.10 The "in table text" insertion mode.
    pub(super) fn in_table_text(&mut self, token: Token) {
        match token {
            Token::Null => self.error("a NUL character in a table"),
            Token::Text(text) => self.pending_table_text.push(text),
            token => {
                let (pending, not_space) = self.pending_table_text.take();
                if not_space {
                    // Foster parented through the "in body" rules, as
                    // "in table"'s anything else does.
                    self.error("text in a table outside its cells");
                    self.foster_parenting = true;
                    self.in_body(Token::Text(&mut Cow::Owned(pending)));
                    self.foster_parenting = false;
                } else {
                    self.insert_text(&pending);
                }
                let mode = self.original_mode;
                self.reprocess(mode, token);
            }
        }
    }

    /// Closes the caption, for 13.2.6.4.11's end tag `caption` and the
    /// tags that end a caption; false when there is none in table scope.
    fn close_caption(&mut self) -> bool {
        if !self.in_scope(&local_name!("caption"), Scope::Table) {
            self.error("a caption's end with no caption open");
            return false;
        }
        self.generate_implied_end_tags(None);
        self.close(&local_name!("caption"));
        self.formatting.clear_to_last_marker();
        self.mode = Mode::InTable;
        true
    }

    /// 13.2.6.4.11 The "in caption" insertion mode.
    pub(super) fn in_caption(&mut self, token: Token) {
        let Token::Tag(tag) = token else {
            return self.in_body(token);
        };
        let start = tag.kind == StartTag;
        match tag.name {
            local_name!("caption") if !start => {
                self.close_caption();
            }
            local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
                if start =>
            {
                if self.close_caption() {
                    self.reprocess(Mode::InTable, Token::Tag(tag));
                }
            }
            local_name!("table") if !start => {
                if self.close_caption() {
                    self.reprocess(Mode::InTable, Token::Tag(tag));
                }
            }
            local_name!("body")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("html")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
                if !start =>
            {
                self.error("an unexpected end tag in a caption")
            }
            _ => self.in_body(Token::Tag(tag)),
        }
    }

    /// 13.2.6.4.12 The "in column group" insertion mode.
    pub(super) fn in_column_group(&mut self, token: Token) {
        match token {
            Token::Text(text) => {
                if self.insert_leading_space(text) {
                    self.in_column_group_anything_else(Token::Text(text));
                }
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.error("a DOCTYPE in a column group"),
            Token::Tag(tag) if tag.kind == StartTag => match tag.name {
                local_name!("html") => self.in_body(Token::Tag(tag)),
                local_name!("col") => {
                    self.insert_void(tag);
                }
                local_name!("template") => self.in_head(Token::Tag(tag)),
                _ => self.in_column_group_anything_else(Token::Tag(tag)),
            },
            Token::Tag(tag) => match tag.name {
                local_name!("colgroup") => {
                    if !self.current_is(&local_name!("colgroup")) {
                        self.error("an end tag colgroup with no colgroup open");
                        return;
                    }
                    self.pop();
                    self.mode = Mode::InTable;
                }
                local_name!("col") => self.error("an end tag col"),
                local_name!("template") => self.in_head(Token::Tag(tag)),
                _ => self.in_column_group_anything_else(Token::Tag(tag)),
            },
            Token::Eof => self.in_body(Token::Eof),
            token => self.in_column_group_anything_else(token),
        }
    }

    fn in_column_group_anything_else(&mut self, token: Token) {
        if !self.current_is(&local_name!("colgroup")) {
            self.error("content in a column group");
            // Character tokens are ignored one by one: whitespace after
            // the ignored ones is still inserted.
            if let Token::Text(text) = token {
                let n = text.bytes().take_while(|&b| !super::is_space(b)).count();
                token::pop_front(text, n);
                if !text.is_empty() {
                    self.in_column_group(Token::Text(text));
                }
            }
            return;
        }
        self.pop();
        self.reprocess(Mode::InTable, token);
    }

    /// 13.2.6.4.13 The "in table body" insertion mode.
    pub(super) fn in_table_body(&mut self, token: Token) {
        let Token::Tag(tag) = token else {
            return self.in_table(token);
        };
        let start = tag.kind == StartTag;
        match tag.name {
            local_name!("tr") if start => {
                self.clear_back_to(&TABLE_SECTIONS);
                self.insert_html(tag);
                self.mode = Mode::InRow;
            }
            local_name!("th") | local_name!("td") if start => {
                self.error("a cell outside a row");
                self.clear_back_to(&TABLE_SECTIONS);
                self.insert_html_named(local_name!("tr"));
                self.reprocess(Mode::InRow, Token::Tag(tag));
            }
            local_name!("tbody") | local_name!("tfoot") | local_name!("thead") if !start => {
                if !self.in_scope(&tag.name, Scope::Table) {
                    self.error("an end tag for a table section that is not open");
                    return;
                }
                self.clear_back_to(&TABLE_SECTIONS);
                self.pop();
                self.mode = Mode::InTable;
            }
            local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("thead")
                if start =>
            {
                self.end_table_section(tag)
            }
            local_name!("table") if !start => self.end_table_section(tag),
            local_name!("body")
            | local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("html")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tr")
                if !start =>
            {
                self.error("an unexpected end tag in a table section")
            }
            _ => self.in_table(Token::Tag(tag)),
        }
    }

    /// Ends the open table section and reprocesses `tag` in table.
    fn end_table_section(&mut self, tag: &mut Tag) {
        if !self.stack.has_any_in_scope(&TABLE_SECTIONS, Scope::Table) {
            self.error("a table section's end with no section open");
            return;
        }
        self.clear_back_to(&TABLE_SECTIONS);
        self.pop();
        self.reprocess(Mode::InTable, Token::Tag(tag));
    }

    /// Ends the open row; false when there is no `tr` in table scope.
    fn end_row(&mut self) -> bool {
        if !self.in_scope(&local_name!("tr"), Scope::Table) {
            self.error("a row's end with no row open");
            return false;
        }
        self.clear_back_to(&[local_name!("tr")]);
        self.pop();
        self.mode = Mode::InTableBody;
        true
    }

    /// 13.2.6.4.14 The "in row" insertion mode.
    pub(super) fn in_row(&mut self, token: Token) {
        let Token::Tag(tag) = token else {
            return self.in_table(token);
        };
        let start = tag.kind == StartTag;
        match tag.name {
            local_name!("th") | local_name!("td") if start => {
                self.clear_back_to(&[local_name!("tr")]);
                self.insert_html(tag);
                self.mode = Mode::InCell;
                self.formatting.push_marker();
            }
            local_name!("tr") if !start => {
                self.end_row();
            }
            local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("thead")
            | local_name!("tr")
                if start =>
            {
                if self.end_row() {
                    self.reprocess(Mode::InTableBody, Token::Tag(tag));
                }
            }
            local_name!("table") if !start => {
                if self.end_row() {
                    self.reprocess(Mode::InTableBody, Token::Tag(tag));
                }
            }
            local_name!("tbody") | local_name!("tfoot") | local_name!("thead") if !start => {
                if !self.in_scope(&tag.name, Scope::Table) {
                    self.error("an end tag for a table section that is not open");
                    return;
                }
                if self.end_row() {
                    self.reprocess(Mode::InTableBody, Token::Tag(tag));
                }
            }
            local_name!("body")
            | local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("html")
            | local_name!("td")
            | local_name!("th")
                if !start =>
            {
                self.error("an unexpected end tag in a row")
            }
            _ => self.in_table(Token::Tag(tag)),
        }
    }

    /// 13.2.6.4.15 The "in cell" insertion mode.
    pub(super) fn in_cell(&mut self, token: Token) {
        let Token::Tag(tag) = token else {
            return self.in_body(token);
        };
        let start = tag.kind == StartTag;
        match tag.name {
            local_name!("td") | local_name!("th") if !start => {
                if !self.in_scope(&tag.name, Scope::Table) {
                    self.error("an end tag for a cell that is not open");
                    return;
                }
                self.generate_implied_end_tags(None);
                self.close(&tag.name);
                self.formatting.clear_to_last_marker();
                self.mode = Mode::InRow;
            }
            local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
                if start =>
            {
                if !self.stack.has_any_in_scope(&CELLS, Scope::Table) {
                    self.error("a table element's start tag with no cell open");
                    return;
                }
                self.close_cell();
                self.reprocess(Mode::InRow, Token::Tag(tag));
            }
            local_name!("body")
            | local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("html")
                if !start =>
            {
                self.error("an unexpected end tag in a cell")
            }
            local_name!("table")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("thead")
            | local_name!("tr")
                if !start =>
            {
                if !self.in_scope(&tag.name, Scope::Table) {
                    self.error("an end tag for a table element that is not open");
                    return;
                }
                self.close_cell();
                self.reprocess(Mode::InRow, Token::Tag(tag));
            }
            _ => self.in_body(Token::Tag(tag)),
        }
    }
}
