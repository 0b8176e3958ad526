//! 13.2.6.4.7 The "in body" insertion mode, with `<select>` as the
//! current standard parses it (in body, with `option`, `optgroup` and
//! `hr` closing what they must inside a `select`).

use super::Tag;
use html5ever::tokenizer::TagKind::StartTag;
use html5ever::tokenizer::states::RawKind;
use html5ever::{LocalName, local_name};

use super::foreign;
use super::formatting::Formatting;
use super::stack::{Scope, is_special};
use super::{CELLS, HEADINGS, Mode, Next, Token, TreeBuilder, all_space, start_tag};
use crate::dom::{Namespace, QuirksMode};

impl TreeBuilder {
    pub(super) fn in_body(&mut self, token: Token) {
        match token {
            Token::Null => self.error("a NUL character in body"),
            Token::Text(text) => {
                self.reconstruct_formatting();
                if self.frameset_ok && !all_space(text) {
                    self.frameset_ok = false;
                }
                self.insert_text(text);
            }
            Token::Comment(text) => self.insert_comment(text),
            Token::Doctype(_) => self.error("a DOCTYPE in body"),
            Token::Tag(tag) if tag.kind == StartTag => self.in_body_start_tag(tag),
            Token::Tag(tag) => self.in_body_end_tag(tag),
            Token::Eof => {
                if !self.template_modes.is_empty() {
                    self.in_template(Token::Eof);
                }
            }
        }
    }

    fn in_body_start_tag(&mut self, tag: &mut Tag) {
        match tag.name {
            local_name!("html") => {
                self.error("a second html element");
                if !self.template_open()
                    && let Some(root) = self.stack.get(0).map(|o| o.node)
                {
                    self.add_missing_attributes(root, &mut tag.attrs);
                }
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
            | local_name!("title") => self.in_head(Token::Tag(tag)),
            local_name!("body") => {
                self.error("a second body element");
                let body = self
                    .stack
                    .get(1)
                    .filter(|o| o.is_html(&local_name!("body")))
                    .map(|o| o.node);
                if let Some(body) = body
                    && !self.template_open()
                {
                    self.frameset_ok = false;
                    self.add_missing_attributes(body, &mut tag.attrs);
                }
            }
            local_name!("frameset") => {
                self.error("a frameset in body");
                let body = self
                    .stack
                    .get(1)
                    .filter(|o| o.is_html(&local_name!("body")))
                    .map(|o| o.node);
                let Some(body) = body else { return };
                if !self.frameset_ok {
                    return;
                }
                self.writer.detach(body);
                self.pop_to(1);
                self.insert_html(tag);
                self.mode = Mode::InFrameset;
            }
            local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("search")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul") => {
                self.close_p_in_button_scope();
                self.insert_html(tag);
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => {
                self.close_p_in_button_scope();
                if self.current().is_some_and(|c| c.is_html_any(&HEADINGS)) {
                    self.error("a heading inside a heading");
                    self.pop();
                }
                self.insert_html(tag);
            }
            local_name!("pre") | local_name!("listing") => {
                self.close_p_in_button_scope();
                self.insert_html(tag);
                self.ignore_lf = true;
                self.frameset_ok = false;
            }
            local_name!("form") => {
                let template = self.template_open();
                if self.form.is_some() && !template {
                    self.error("a form inside a form");
                    return;
                }
                self.close_p_in_button_scope();
                let node = self.insert_html(tag);
                if !template {
                    self.form = Some(node);
                }
            }
            local_name!("li") => {
                self.frameset_ok = false;
                self.close_list_item(&[local_name!("li")]);
                self.close_p_in_button_scope();
                self.insert_html(tag);
            }
            local_name!("dd") | local_name!("dt") => {
                self.frameset_ok = false;
                self.close_list_item(&[local_name!("dd"), local_name!("dt")]);
                self.close_p_in_button_scope();
                self.insert_html(tag);
            }
            local_name!("plaintext") => {
                self.close_p_in_button_scope();
                self.insert_html(tag);
                self.signals.tokenizer = Some(Next::Plaintext);
            }
            local_name!("button") => {
                if self.in_scope(&local_name!("button"), Scope::Default) {
                    self.error("a button inside a button");
                    self.generate_implied_end_tags(None);
                    self.pop_until(&local_name!("button"));
                }
                self.reconstruct_formatting();
                self.insert_html(tag);
                self.frameset_ok = false;
            }
            local_name!("a") => {
                let open_a = self
                    .formatting
                    .last_named(&local_name!("a"))
                    .map(|e| e.node);
                if let Some(node) = open_a {
                    self.error("an a element inside an a element");
                    self.adoption_agency(&local_name!("a"));
                    self.formatting.remove(node);
                    self.remove_from_stack(node);
                }
                self.reconstruct_formatting();
                self.insert_formatting(tag);
            }
            local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u") => {
                self.reconstruct_formatting();
                self.insert_formatting(tag);
            }
            local_name!("nobr") => {
                self.reconstruct_formatting();
                if self.in_scope(&local_name!("nobr"), Scope::Default) {
                    self.error("a nobr inside a nobr");
                    self.adoption_agency(&local_name!("nobr"));
                    self.reconstruct_formatting();
                }
                self.insert_formatting(tag);
            }
            local_name!("applet") | local_name!("marquee") | local_name!("object") => {
                self.reconstruct_formatting();
                self.insert_html(tag);
                self.formatting.push_marker();
                self.frameset_ok = false;
            }
            local_name!("table") => {
                if self.quirks != QuirksMode::Quirks {
                    self.close_p_in_button_scope();
                }
                self.insert_html(tag);
                self.frameset_ok = false;
                self.mode = Mode::InTable;
            }
            local_name!("area")
            | local_name!("br")
            | local_name!("embed")
            | local_name!("img")
            | local_name!("keygen")
            | local_name!("wbr") => {
                self.reconstruct_formatting();
                self.insert_void(tag);
                self.frameset_ok = false;
            }
            local_name!("input") => {
                if self.context_is(&local_name!("select")) {
                    self.error("an input in a select fragment");
                }
                if self.in_scope(&local_name!("select"), Scope::Default) {
                    self.error("an input inside a select");
                    self.pop_until(&local_name!("select"));
                }
                let hidden = is_hidden_input(tag);
                self.reconstruct_formatting();
                self.insert_void(tag);
                if !hidden {
                    self.frameset_ok = false;
                }
            }
            local_name!("param") | local_name!("source") | local_name!("track") => {
                self.insert_void(tag);
            }
            local_name!("hr") => {
                self.close_p_in_button_scope();
                if self.in_scope(&local_name!("select"), Scope::Default) {
                    self.generate_implied_end_tags(None);
                    if self.in_scope(&local_name!("option"), Scope::Default)
                        || self.in_scope(&local_name!("optgroup"), Scope::Default)
                    {
                        self.error("an hr inside an option");
                    }
                }
                self.insert_void(tag);
                self.frameset_ok = false;
            }
            local_name!("image") => {
                self.error("an image start tag (read as img)");
                tag.name = local_name!("img");
                self.in_body_start_tag(tag);
            }
            local_name!("textarea") => {
                self.insert_html(tag);
                self.ignore_lf = true;
                self.signals.tokenizer = Some(Next::Raw(RawKind::Rcdata));
                self.original_mode = self.mode;
                self.frameset_ok = false;
                self.mode = Mode::Text;
            }
            local_name!("xmp") => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting();
                self.frameset_ok = false;
                self.parse_raw_text(tag, RawKind::Rawtext);
            }
            local_name!("iframe") => {
                self.frameset_ok = false;
                self.parse_raw_text(tag, RawKind::Rawtext);
            }
            local_name!("noembed") => self.parse_raw_text(tag, RawKind::Rawtext),
            local_name!("noscript") if self.scripting => self.parse_raw_text(tag, RawKind::Rawtext),
            local_name!("select") => {
                if self.context_is(&local_name!("select")) {
                    self.error("a select in a select fragment");
                } else if self.in_scope(&local_name!("select"), Scope::Default) {
                    self.error("a select inside a select");
                    self.pop_until(&local_name!("select"));
                } else {
                    self.reconstruct_formatting();
                    self.insert_html(tag);
                    self.frameset_ok = false;
                }
            }
            local_name!("option") => {
                if self.in_scope(&local_name!("select"), Scope::Default) {
                    self.generate_implied_end_tags(Some(&local_name!("optgroup")));
                    if self.in_scope(&local_name!("option"), Scope::Default) {
                        self.error("an option inside an option");
                    }
                } else if self.current_is(&local_name!("option")) {
                    self.pop();
                }
                self.reconstruct_formatting();
                self.insert_html(tag);
            }
            local_name!("optgroup") => {
                if self.in_scope(&local_name!("select"), Scope::Default) {
                    self.generate_implied_end_tags(None);
                    if self.in_scope(&local_name!("option"), Scope::Default)
                        || self.in_scope(&local_name!("optgroup"), Scope::Default)
                    {
                        self.error("an optgroup inside an option");
                    }
                } else if self.current_is(&local_name!("option")) {
                    self.pop();
                }
                self.reconstruct_formatting();
                self.insert_html(tag);
            }
            local_name!("rb") | local_name!("rtc") => {
                if self.in_scope(&local_name!("ruby"), Scope::Default) {
                    self.generate_implied_end_tags(None);
                    if !self.current_is(&local_name!("ruby")) {
                        self.error("a ruby annotation outside ruby");
                    }
                }
                self.insert_html(tag);
            }
            local_name!("rp") | local_name!("rt") => {
                if self.in_scope(&local_name!("ruby"), Scope::Default) {
                    self.generate_implied_end_tags(Some(&local_name!("rtc")));
                    if !self.current_is(&local_name!("rtc"))
                        && !self.current_is(&local_name!("ruby"))
                    {
                        self.error("a ruby annotation outside ruby");
                    }
                }
                self.insert_html(tag);
            }
            local_name!("math") => {
                self.reconstruct_formatting();
                foreign::adjust_mathml_tag(tag);
                self.insert_foreign(tag, Namespace::MathMl);
            }
            local_name!("svg") => {
                self.reconstruct_formatting();
                foreign::adjust_svg_tag(tag, false);
                self.insert_foreign(tag, Namespace::Svg);
            }
            local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("frame")
            | local_name!("head")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr") => self.error("a table or head element's start tag in body"),
            _ => {
                self.reconstruct_formatting();
                self.insert_html(tag);
            }
        }
    }

    /// Whether this is a fragment whose context is the HTML element `name`.
    fn context_is(&self, name: &LocalName) -> bool {
        self.context.as_ref().is_some_and(|c| c.is_html(name))
    }

    /// The loop of the `li`, `dd` and `dt` start tags: closes the nearest
    /// open element named one of `names`, unless a special element other
    /// than `address`, `div` and `p` stands above it.
    fn close_list_item(&mut self, names: &[LocalName]) {
        let Some(target) = names.iter().filter_map(|n| self.stack.topmost(n)).max() else {
            return;
        };
        let mut found = None;
        for (i, open) in self.stack.iter_from_top().enumerate() {
            let index = self.stack.len() - 1 - i;
            if index == target {
                found = Some(open.name.clone());
                break;
            }
            if is_special(open.ns, &open.name)
                && !open.is_html_any(&[
                    local_name!("address"),
                    local_name!("div"),
                    local_name!("p"),
                ])
            {
                return;
            }
        }
        if let Some(name) = found {
            self.generate_implied_end_tags(Some(&name));
            self.close(&name);
        }
    }

    /// Inserts an HTML element for `tag` and pushes it onto the list of
    /// active formatting elements.
    fn insert_formatting(&mut self, tag: &mut Tag) {
        let name = tag.name.clone();
        let open = self.create(Namespace::Html, name.clone(), &mut tag.attrs);
        let node = self.insert_and_push(open);
        self.formatting
            .push(Formatting::new(node, name), &self.writer);
    }

    fn in_body_end_tag(&mut self, tag: &mut Tag) {
        match tag.name {
            local_name!("template") => self.in_head(Token::Tag(tag)),
            local_name!("body") => {
                if !self.in_scope(&local_name!("body"), Scope::Default) {
                    self.error("an end tag body with no body open");
                    return;
                }
                self.check_body_end();
                self.mode = Mode::AfterBody;
            }
            local_name!("html") => {
                if !self.in_scope(&local_name!("body"), Scope::Default) {
                    self.error("an end tag html with no body open");
                    return;
                }
                self.check_body_end();
                self.reprocess(Mode::AfterBody, Token::Tag(tag));
            }
            local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("button")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("listing")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("pre")
            | local_name!("search")
            | local_name!("section")
            | local_name!("select")
            | local_name!("summary")
            | local_name!("ul") => {
                if !self.in_scope(&tag.name, Scope::Default) {
                    self.error("an end tag with no such element open");
                    return;
                }
                self.generate_implied_end_tags(None);
                self.close(&tag.name);
            }
            local_name!("form") => self.end_form(),
            local_name!("p") => {
                if !self.in_scope(&local_name!("p"), Scope::Button) {
                    self.error("an end tag p with no p open");
                    self.insert_html_named(local_name!("p"));
                }
                self.close_p();
            }
            local_name!("li") => {
                if !self.in_scope(&local_name!("li"), Scope::ListItem) {
                    self.error("an end tag li with no li open");
                    return;
                }
                self.generate_implied_end_tags(Some(&local_name!("li")));
                self.close(&local_name!("li"));
            }
            local_name!("dd") | local_name!("dt") => {
                if !self.in_scope(&tag.name, Scope::Default) {
                    self.error("an end tag dd or dt with no such element open");
                    return;
                }
                self.generate_implied_end_tags(Some(&tag.name));
                self.close(&tag.name);
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => {
                if !self.stack.has_any_in_scope(&HEADINGS, Scope::Default) {
                    self.error("an end tag heading with no heading open");
                    return;
                }
                self.generate_implied_end_tags(None);
                if !self.current_is(&tag.name) {
                    self.error("a heading closed by another heading's end tag");
                }
                self.pop_until_any(&HEADINGS);
            }
            local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u") => self.adoption_agency(&tag.name),
            local_name!("applet") | local_name!("marquee") | local_name!("object") => {
                if !self.in_scope(&tag.name, Scope::Default) {
                    self.error("an end tag with no such element open");
                    return;
                }
                self.generate_implied_end_tags(None);
                self.close(&tag.name);
                self.formatting.clear_to_last_marker();
            }
            local_name!("br") => {
                self.error("an end tag br (read as a start tag)");
                self.in_body_start_tag(&mut start_tag(local_name!("br")));
            }
            _ => self.any_other_end_tag(&tag.name),
        }
    }

    /// An end tag `form` in body.
    fn end_form(&mut self) {
        if self.template_open() {
            if !self.in_scope(&local_name!("form"), Scope::Default) {
                self.error("an end tag form with no form open");
                return;
            }
            self.generate_implied_end_tags(None);
            self.close(&local_name!("form"));
            return;
        }
        let Some(node) = self.form.take() else {
            self.error("an end tag form with no form open");
            return;
        };
        if !self.stack.has_node_in_scope(node, Scope::Default) {
            self.error("an end tag form with the form out of scope");
            return;
        }
        self.generate_implied_end_tags(None);
        if self.current().is_none_or(|c| c.node != node) {
            self.error("a form closed with others still open inside it");
        }
        self.remove_from_stack(node);
    }

    /// "Any other end tag" in body: closes the nearest open HTML element
    /// of that name, unless a special element stands above it.
    pub(super) fn any_other_end_tag(&mut self, name: &LocalName) {
        let Some(index) = self.stack.topmost(name) else {
            self.error("an end tag with no such element open");
            return;
        };
        if !self.stack.reaches(index, Scope::Special) {
            self.error("an end tag with a special element open inside its element");
            return;
        }
        self.generate_implied_end_tags(Some(name));
        if index + 1 != self.stack.len() {
            self.error("an element closed with others still open inside it");
        }
        self.pop_to(index);
    }

    /// The check of the `body` and `html` end tags: an error when an
    /// element other than those that may stay open is open.
    fn check_body_end(&mut self) {
        if !self.keep_errors {
            return;
        }
        let open_ok = |name: &LocalName| {
            matches!(
                *name,
                local_name!("dd")
                    | local_name!("dt")
                    | local_name!("li")
                    | local_name!("optgroup")
                    | local_name!("option")
                    | local_name!("p")
                    | local_name!("rb")
                    | local_name!("rp")
                    | local_name!("rt")
                    | local_name!("rtc")
                    | local_name!("tbody")
                    | local_name!("td")
                    | local_name!("tfoot")
                    | local_name!("th")
                    | local_name!("thead")
                    | local_name!("tr")
                    | local_name!("body")
                    | local_name!("html")
            )
        };
        if self
            .stack
            .iter()
            .any(|o| o.ns != Namespace::Html || !open_ok(&o.name))
        {
            self.error("an element left open at the end of the body");
        }
    }

    /// Closes the cell that is open (13.2.6.4.15, "close the cell").
    pub(super) fn close_cell(&mut self) {
        self.generate_implied_end_tags(None);
        if !self.current().is_some_and(|c| c.is_html_any(&CELLS)) {
            self.error("a cell closed with others still open inside it");
        }
        self.pop_until_any(&CELLS);
        self.formatting.clear_to_last_marker();
        self.mode = Mode::InRow;
    }
}

/// Whether `tag` has a `type` attribute of `hidden` (ASCII
/// case-insensitive).
pub(super) fn is_hidden_input(tag: &Tag) -> bool {
    tag.attrs
        .iter()
        .find(|a| a.name.local == local_name!("type"))
        .is_some_and(|a| a.value.eq_ignore_ascii_case("hidden"))
}
