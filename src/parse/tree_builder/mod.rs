//! Tree construction (WHATWG HTML standard, section 13.2.6), writing the
//! arena directly.
//!
//! The tokenizer hands each token to [`TreeBuilder`] through the
//! [`TokenConsumer`] seam; the builder runs the tree construction
//! dispatcher (13.2.6) and the rules of the current insertion mode
//! (13.2.6.4) or of foreign content (13.2.6.5), and tells the tokenizer
//! when to switch state (RCDATA, RAWTEXT, script data, PLAINTEXT) or to
//! pause at a `<meta>` that declares an encoding. Elements are created
//! with their interned names and attributes moved in once; there is no
//! handle layer between the rules and the document.
//!
//! The parts, named after the standard's terms:
//!
//! * this module: the parser's state (13.2.4: insertion mode, original
//!   insertion mode, stack of template insertion modes, element pointers,
//!   frameset-ok, foster parenting, scripting), the dispatcher, and the
//!   algorithms the modes share: "the appropriate place for inserting a
//!   node" (13.2.6.1, with foster parenting), "insert an HTML element",
//!   "insert a foreign element", "insert a character", "insert a
//!   comment", "generate implied end tags", "reset the insertion mode
//!   appropriately" (13.2.4.1), "close a p element";
//! * [`modes`]: the insertion modes other than in body and the table
//!   modes (13.2.6.4.1 to 13.2.6.4.6, 13.2.6.4.8, 13.2.6.4.18 to
//!   13.2.6.4.23);
//! * [`in_body`]: "in body" (13.2.6.4.7);
//! * [`in_table`]: "in table", "in table text", "in caption", "in column
//!   group", "in table body", "in row", "in cell" (13.2.6.4.9 to
//!   13.2.6.4.15);
//! * [`in_foreign`]: the rules for parsing tokens in foreign content
//!   (13.2.6.5);
//! * [`adoption`]: the adoption agency algorithm (13.2.6.4.7) and
//!   "reconstruct the active formatting elements" (13.2.4.3);
//! * [`stack`]: the stack of open elements (13.2.4.3) and its scopes
//!   (13.2.4.2), indexed so that each check costs constant time;
//! * [`formatting`]: the list of active formatting elements (13.2.4.3),
//!   with the Noah's Ark clause and the adoption agency's lookups indexed;
//! * [`quirks`]: the document's mode from its DOCTYPE (13.2.6.4.1);
//! * [`foreign`]: foreign content's name and attribute adjustments and
//!   integration points (13.2.6.1, 13.2.6.5);
//! * [`node_set`]: node ids as bits, for the stack's and the list's
//!   membership questions;
//! * [`selected`]: cloning the selected `<option>` into `<selectedcontent>`
//!   when it is popped;
//! * [`writer`]: the document under construction.
//!
//! The fragment parsing algorithm (13.4) is [`TreeBuilder::for_fragment`].

mod adoption;
pub(crate) mod foreign;
pub(crate) mod formatting;
mod in_body;
mod in_foreign;
mod in_table;
mod modes;
mod node_set;
pub(crate) mod quirks;
mod selected;
pub(crate) mod stack;
pub(crate) mod writer;

use std::borrow::Cow;

use html5ever::tokenizer::TagKind;
use html5ever::tokenizer::states::RawKind;
use html5ever::{LocalName, QualName, local_name};

use super::tokenizer::token::{self, Attr, Tag, Token};
use super::tokenizer::{Next, TokenConsumer, TokenizerError, TokenizerState};
use crate::dom::{Document, Namespace, NodeId, QuirksMode};
use crate::encoding::DocumentEncoding;
use crate::error::ParseError;
use crate::markup_errors::MarkupError;
use crate::options::ParseOptions;
use formatting::ActiveFormatting;
use stack::{Open, OpenElements, Scope};
use writer::{DocumentFacts, Place, Writer};

/// The insertion modes (13.2.4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    InFrameset,
    AfterFrameset,
    AfterAfterBody,
    AfterAfterFrameset,
}

/// Whitespace as tree construction means it: tab, LF, FF, CR (which only
/// a character reference can still give) and space.
#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Whether `text` is all ASCII whitespace.
#[inline]
fn all_space(text: &str) -> bool {
    text.bytes().all(is_space)
}

/// The length of `text`'s leading whitespace.
fn leading_space(text: &str) -> usize {
    text.bytes().take_while(|&b| is_space(b)).count()
}

/// Drops `text`'s leading whitespace ("ignore the token" for each such
/// character token); whether any text is left.
fn drop_leading_space(text: &mut Cow<'_, str>) -> bool {
    token::pop_front(text, leading_space(text));
    !text.is_empty()
}

/// A start tag with no attributes (for elements the rules make up, and
/// for `</br>` and `</p>` handled as start tags).
fn start_tag(name: LocalName) -> Tag<'static> {
    Tag {
        kind: TagKind::StartTag,
        name,
        self_closing: false,
        attrs: Vec::new(),
    }
}

/// The element types "generate implied end tags" pops (13.2.6.3).
static IMPLIED_END: [LocalName; 10] = [
    local_name!("dd"),
    local_name!("dt"),
    local_name!("li"),
    local_name!("optgroup"),
    local_name!("option"),
    local_name!("p"),
    local_name!("rb"),
    local_name!("rp"),
    local_name!("rt"),
    local_name!("rtc"),
];

/// The further types "generate all implied end tags thoroughly" pops.
static IMPLIED_END_THOROUGH: [LocalName; 8] = [
    local_name!("caption"),
    local_name!("colgroup"),
    local_name!("tbody"),
    local_name!("td"),
    local_name!("tfoot"),
    local_name!("th"),
    local_name!("thead"),
    local_name!("tr"),
];

static HEADINGS: [LocalName; 6] = [
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
];

static CELLS: [LocalName; 2] = [local_name!("td"), local_name!("th")];

/// The character tokens "in table text" holds back (the standard's
/// "pending table character tokens"), and whether any is not whitespace.
#[derive(Default)]
struct PendingTableText {
    /// The tokens' text, one after the other (inserted, they would join
    /// into one text node anyway).
    text: String,
    not_space: bool,
}

impl PendingTableText {
    fn push(&mut self, text: &str) {
        if !self.not_space && !all_space(text) {
            self.not_space = true;
        }
        self.text.push_str(text);
    }

    /// The text held back, and whether any of it is not whitespace; empties
    /// it.
    fn take(&mut self) -> (String, bool) {
        let not_space = std::mem::take(&mut self.not_space);
        (std::mem::take(&mut self.text), not_space)
    }
}

/// What the builder has to tell others after a token: the tokenizer's next
/// state (RCDATA, RAWTEXT, script data, PLAINTEXT) or a pause at a `<meta>`
/// that declares an encoding, and that encoding, for the parse.
#[derive(Default)]
struct Signals {
    tokenizer: Option<Next>,
    declared: Option<&'static encoding_rs::Encoding>,
    /// Whether a `<meta>` that declares an encoding pauses the parse: only
    /// while the encoding of bytes input is tentative (13.2.6.4.4, "a
    /// start tag whose tag name is meta"). Text input has no encoding to
    /// change, and a pause would make the tokenizer copy what is left of
    /// its chunk.
    report_meta: bool,
}

impl Signals {
    /// What the tokenizer is to do next (continue, unless told otherwise).
    fn next_state(&mut self) -> Next {
        self.tokenizer.take().unwrap_or(Next::Continue)
    }
}

/// The tree builder: the parser's state while it builds one document.
pub(crate) struct TreeBuilder {
    writer: Writer,
    mode: Mode,
    /// The original insertion mode (for "text" and "in table text").
    original_mode: Mode,
    template_modes: Vec<Mode>,
    stack: OpenElements,
    formatting: ActiveFormatting,
    head: Option<NodeId>,
    form: Option<NodeId>,
    frameset_ok: bool,
    /// Set while "in table"'s anything-else rule runs the "in body" rules.
    foster_parenting: bool,
    scripting: bool,
    quirks: QuirksMode,
    /// The context element, for a fragment.
    context: Option<Open>,
    /// The character tokens "in table text" holds back.
    pending_table_text: PendingTableText,
    /// A newline right after `<pre>`, `<listing>` or `<textarea>` is
    /// dropped.
    ignore_lf: bool,
    /// Whether the start tag being processed had its self-closing flag
    /// acknowledged (for the error when not).
    acknowledged: bool,
    keep_errors: bool,
    /// What the builder has to tell the tokenizer and the parse.
    signals: Signals,
    selected: selected::SelectedContent,
    /// The token to process again in the (new) insertion mode.
    reprocessed: Option<token::Owned>,
}

impl TreeBuilder {
    /// A builder for a whole document.
    pub(crate) fn new(options: &ParseOptions, input_hint: usize) -> TreeBuilder {
        TreeBuilder {
            writer: Writer::new(options, input_hint),
            mode: Mode::Initial,
            original_mode: Mode::Initial,
            template_modes: Vec::new(),
            stack: OpenElements::default(),
            formatting: ActiveFormatting::default(),
            head: None,
            form: None,
            frameset_ok: true,
            foster_parenting: false,
            scripting: options.scripting,
            quirks: QuirksMode::NoQuirks,
            context: None,
            pending_table_text: PendingTableText::default(),
            ignore_lf: false,
            acknowledged: false,
            keep_errors: options.keep_errors,
            signals: Signals::default(),
            selected: selected::SelectedContent::default(),
            reprocessed: None,
        }
    }

    /// A builder for a fragment in the context element `context` (the
    /// fragment parsing algorithm, 13.4), and the state the tokenizer
    /// starts in.
    pub(crate) fn for_fragment(
        options: &ParseOptions,
        input_hint: usize,
        context: &QualName,
    ) -> (TreeBuilder, TokenizerState) {
        let mut builder = TreeBuilder::new(options, input_hint);
        let ns = Namespace::from_atom(&context.ns);
        // The context element is made first (it is never part of the tree;
        // its name decides how the fragment serialises).
        let writer = &mut builder.writer;
        let context = Open::make(ns, context.local.clone(), false, |name, kind| {
            writer.create_element(&context.ns, name, kind, &mut Vec::new(), false, false)
        });
        let state = if ns == Namespace::Html {
            match context.name {
                local_name!("title") | local_name!("textarea") => TokenizerState::Rcdata,
                local_name!("style")
                | local_name!("xmp")
                | local_name!("iframe")
                | local_name!("noembed")
                | local_name!("noframes") => TokenizerState::Rawtext,
                local_name!("script") => TokenizerState::ScriptData,
                local_name!("noscript") if options.scripting => TokenizerState::Rawtext,
                local_name!("plaintext") => TokenizerState::Plaintext,
                _ => TokenizerState::Data,
            }
        } else {
            TokenizerState::Data
        };
        let root = builder.create(Namespace::Html, local_name!("html"), &mut Vec::new());
        builder
            .writer
            .insert(Place::last_child_of(NodeId::DOCUMENT), root.node);
        builder.stack.push(root);
        if context.is_html(&local_name!("template")) {
            builder.template_modes.push(Mode::InTemplate);
        }
        if context.is_html(&local_name!("form")) {
            builder.form = Some(context.node);
        }
        builder.context = Some(context);
        builder.mode = builder.reset_mode();
        (builder, state)
    }

    // -----------------------------------------------------------------
    // What the parse asks of the builder

    /// Whether a limit refused the parse.
    pub(crate) fn failed(&self) -> bool {
        self.writer.refused()
    }

    /// The first limit the parse ran into, if any.
    pub(crate) fn failure(&self) -> Option<&ParseError> {
        self.writer.failure()
    }

    /// Marks the document truncated at `error`: [`finish`](Self::finish)
    /// then builds it even though a limit was met.
    pub(crate) fn set_truncated(&mut self, error: Option<ParseError>) {
        self.writer.set_truncated(error);
    }

    /// Records what the input was decoded with, for the document.
    pub(crate) fn set_encoding(&mut self, encoding: Option<DocumentEncoding>) {
        self.writer.set_encoding(encoding);
    }

    /// The encoding declared by the `<meta>` the builder processed last,
    /// by the standard's rules for a `meta` start tag in head: a `charset`
    /// attribute naming an encoding, else `http-equiv="Content-Type"` with
    /// a `content` attribute that names one.
    pub(crate) fn take_meta_encoding(&mut self) -> Option<&'static encoding_rs::Encoding> {
        self.signals.declared.take()
    }

    /// Whether a `<meta>` that declares an encoding is to pause the parse
    /// and be given by [`Self::take_meta_encoding`] (off at first).
    pub(crate) fn set_report_meta(&mut self, report: bool) {
        self.signals.report_meta = report;
    }

    /// The finished document, or the limit that refused it.
    pub(crate) fn finish(self) -> Result<Document, ParseError> {
        let facts = DocumentFacts {
            quirks: self.quirks,
            scripting: self.scripting,
            is_fragment: self.context.is_some(),
            fragment_context: self.context.as_ref().map(|c| c.node),
        };
        self.writer.finish(facts)
    }

    // -----------------------------------------------------------------
    // The dispatcher (13.2.6)

    /// The tree construction dispatcher: the insertion mode's rules or
    /// foreign content's. Always inlined into the token call (it has no
    /// other caller), which saves a call and a copy of the token per token.
    #[inline(always)]
    fn dispatch(&mut self, token: Token) {
        if self.html_rules_apply(&token) {
            self.process(self.mode, token);
        } else {
            self.foreign_content(token);
        }
    }

    /// Whether the tree construction dispatcher sends `token` to the rules
    /// of the insertion mode (rather than those of foreign content).
    fn html_rules_apply(&self, token: &Token) -> bool {
        let Some(node) = self.adjusted_current_node() else {
            return true;
        };
        if node.ns == Namespace::Html {
            return true;
        }
        let start = match token {
            Token::Tag(tag) if tag.kind == TagKind::StartTag => Some(&tag.name),
            Token::Text(_) | Token::Null => None,
            Token::Eof => return true,
            _ => return false,
        };
        if foreign::is_mathml_text_integration_point(node.ns, &node.name) {
            match start {
                Some(name)
                    if *name != local_name!("mglyph") && *name != local_name!("malignmark") =>
                {
                    return true;
                }
                None => return true,
                _ => {}
            }
        }
        if node.ns == Namespace::MathMl
            && node.name == local_name!("annotation-xml")
            && start == Some(&local_name!("svg"))
        {
            return true;
        }
        match node.ns {
            Namespace::MathMl => node.html_annotation,
            _ => foreign::is_html_integration_point(node.ns, &node.name, None),
        }
    }

    /// Processes `token` by the rules of insertion mode `mode`, then any
    /// token those rules handed on to another mode ([`Self::reprocess`]).
    #[inline]
    fn process(&mut self, mode: Mode, token: Token) {
        self.step(mode, token);
        if self.reprocessed.is_some() {
            self.process_held();
        }
    }

    /// The tokens handed on to another mode, one after the other.
    fn process_held(&mut self) {
        while let Some(mut held) = self.reprocessed.take() {
            self.step(self.mode, held.token());
        }
    }

    fn step(&mut self, mode: Mode, token: Token) {
        match mode {
            Mode::Initial => self.initial(token),
            Mode::BeforeHtml => self.before_html(token),
            Mode::BeforeHead => self.before_head(token),
            Mode::InHead => self.in_head(token),
            Mode::InHeadNoscript => self.in_head_noscript(token),
            Mode::AfterHead => self.after_head(token),
            Mode::InBody => self.in_body(token),
            Mode::Text => self.text(token),
            Mode::InTable => self.in_table(token),
            Mode::InTableText => self.in_table_text(token),
            Mode::InCaption => self.in_caption(token),
            Mode::InColumnGroup => self.in_column_group(token),
            Mode::InTableBody => self.in_table_body(token),
            Mode::InRow => self.in_row(token),
            Mode::InCell => self.in_cell(token),
            Mode::InTemplate => self.in_template(token),
            Mode::AfterBody => self.after_body(token),
            Mode::InFrameset => self.in_frameset(token),
            Mode::AfterFrameset => self.after_frameset(token),
            Mode::AfterAfterBody => self.after_after_body(token),
            Mode::AfterAfterFrameset => self.after_after_frameset(token),
        }
    }

    /// Switches to `mode` and processes `token` in it ("reprocess the
    /// token"), once the rules that call this return: always their last
    /// step. A loop rather than a call, so that the end of the input
    /// closing 20,000 nested templates takes no stack per template.
    fn reprocess(&mut self, mode: Mode, token: Token) {
        self.mode = mode;
        self.reprocessed = Some(token.into_owned());
    }

    // -----------------------------------------------------------------
    // Errors

    /// A tree-construction parse error (kept only when errors are kept).
    #[inline]
    fn error(&mut self, message: &'static str) {
        if self.keep_errors && !self.writer.refused() {
            self.writer
                .errors()
                .tree_construction(Cow::Borrowed(message));
        }
    }

    // -----------------------------------------------------------------
    // The stack

    /// The current node.
    #[inline]
    fn current(&self) -> Option<&Open> {
        self.stack.current()
    }

    /// Whether the current node is the HTML element `name`.
    #[inline]
    fn current_is(&self, name: &LocalName) -> bool {
        self.stack.current().is_some_and(|c| c.is_html(name))
    }

    /// The adjusted current node: the context element when the stack
    /// holds only the root of a fragment, else the current node.
    fn adjusted_current_node(&self) -> Option<&Open> {
        match &self.context {
            Some(context) if self.stack.len() == 1 => Some(context),
            _ => self.stack.current(),
        }
    }

    #[inline]
    fn in_scope(&self, name: &LocalName, scope: Scope) -> bool {
        self.stack.has_in_scope(name, scope)
    }

    /// Pops the current node.
    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.popped(&open);
        }
    }

    /// Pops every entry from `index` up; how many were popped.
    fn pop_to(&mut self, index: usize) -> usize {
        let mut count = 0;
        while self.stack.len() > index {
            self.pop();
            count += 1;
        }
        count
    }

    /// Pops until an HTML element `name` has been popped; how many were
    /// popped (0 when there was none).
    fn pop_until(&mut self, name: &LocalName) -> usize {
        match self.stack.topmost(name) {
            Some(index) => self.pop_to(index),
            None => 0,
        }
    }

    /// Pops until an HTML element named one of `names` has been popped.
    fn pop_until_any(&mut self, names: &[LocalName]) -> usize {
        match names.iter().filter_map(|n| self.stack.topmost(n)).max() {
            Some(index) => self.pop_to(index),
            None => 0,
        }
    }

    /// Pops until the HTML element `name` has been popped, with an error
    /// when it was not the current node.
    fn close(&mut self, name: &LocalName) {
        if !self.current_is(name) {
            self.error("an element closed with others still open inside it");
        }
        self.pop_until(name);
    }

    /// Removes `node` from the stack, wherever it is.
    fn remove_from_stack(&mut self, node: NodeId) {
        if let Some(open) = self.stack.remove(node) {
            self.popped(&open);
        }
    }

    /// What happens when an element leaves the stack: an `option` may be
    /// cloned into its select's `selectedcontent`.
    #[inline]
    fn popped(&mut self, open: &Open) {
        if open.is_html(&local_name!("option")) {
            self.selected.option_popped(&mut self.writer, open.node);
        }
    }

    /// "Generate implied end tags", except for `except`.
    fn generate_implied_end_tags(&mut self, except: Option<&LocalName>) {
        while let Some(current) = self.stack.current() {
            if current.ns != Namespace::Html
                || !IMPLIED_END.contains(&current.name)
                || except == Some(&current.name)
            {
                return;
            }
            self.pop();
        }
    }

    /// "Generate all implied end tags thoroughly".
    fn generate_implied_end_tags_thoroughly(&mut self) {
        while let Some(current) = self.stack.current() {
            if current.ns != Namespace::Html
                || !(IMPLIED_END.contains(&current.name)
                    || IMPLIED_END_THOROUGH.contains(&current.name))
            {
                return;
            }
            self.pop();
        }
    }

    /// "Close a p element".
    fn close_p(&mut self) {
        self.generate_implied_end_tags(Some(&local_name!("p")));
        self.close(&local_name!("p"));
    }

    /// Closes a `p` element in button scope, if there is one.
    fn close_p_in_button_scope(&mut self) {
        if self.in_scope(&local_name!("p"), Scope::Button) {
            self.close_p();
        }
    }

    /// Pops until the current node is an HTML element named one of `names`
    /// or `html` (the table contexts of 13.2.6.4.9, 13.2.6.4.13 and
    /// 13.2.6.4.14; `template` is in each).
    fn clear_back_to(&mut self, names: &[LocalName]) {
        while let Some(current) = self.stack.current() {
            if current.ns == Namespace::Html
                && (names.contains(&current.name)
                    || current.name == local_name!("html")
                    || current.name == local_name!("template"))
            {
                return;
            }
            self.pop();
        }
    }

    /// "Reset the insertion mode appropriately" (13.2.4.1).
    fn reset_mode(&self) -> Mode {
        let len = self.stack.len();
        for (i, open) in self.stack.iter_from_top().enumerate() {
            let last = i + 1 == len;
            let node = match (&self.context, last) {
                (Some(context), true) => context,
                _ => open,
            };
            if node.ns != Namespace::Html {
                if last {
                    return Mode::InBody;
                }
                continue;
            }
            match node.name {
                local_name!("td") | local_name!("th") if !last => return Mode::InCell,
                local_name!("tr") => return Mode::InRow,
                local_name!("tbody") | local_name!("thead") | local_name!("tfoot") => {
                    return Mode::InTableBody;
                }
                local_name!("caption") => return Mode::InCaption,
                local_name!("colgroup") => return Mode::InColumnGroup,
                local_name!("table") => return Mode::InTable,
                local_name!("template") => {
                    return self.template_modes.last().copied().unwrap_or(Mode::InBody);
                }
                local_name!("head") if !last => return Mode::InHead,
                local_name!("body") => return Mode::InBody,
                local_name!("frameset") => return Mode::InFrameset,
                local_name!("html") => {
                    return if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    };
                }
                _ if last => return Mode::InBody,
                _ => {}
            }
        }
        Mode::InBody
    }

    // -----------------------------------------------------------------
    // Inserting nodes (13.2.6.1)

    /// "The appropriate place for inserting a node", with `target` as the
    /// override target (else the current node).
    fn place(&self, target: Option<&Open>) -> Place {
        let Some(target) = target.or_else(|| self.stack.current()) else {
            return Place::last_child_of(NodeId::DOCUMENT);
        };
        let fosters = self.foster_parenting
            && target.ns == Namespace::Html
            && matches!(
                target.name,
                local_name!("table")
                    | local_name!("tbody")
                    | local_name!("tfoot")
                    | local_name!("thead")
                    | local_name!("tr")
            );
        if !fosters {
            if target.is_html(&local_name!("template")) {
                return Place::last_child_of(self.writer.template_contents(target.node));
            }
            return Place::last_child_of(target.node);
        }
        let last_template = self.stack.topmost(&local_name!("template"));
        let last_table = self.stack.topmost(&local_name!("table"));
        if let Some(template) = last_template
            && last_table.is_none_or(|table| template > table)
        {
            let node = self.stack.get(template).map_or(target.node, |o| o.node);
            return Place::last_child_of(self.writer.template_contents(node));
        }
        let Some(table_index) = last_table else {
            // The fragment case: the root element.
            let root = self.stack.get(0).map_or(target.node, |o| o.node);
            return Place::last_child_of(root);
        };
        let table = self.stack.get(table_index).map_or(target.node, |o| o.node);
        match self.writer.parent(table) {
            Some(parent) => Place {
                parent,
                before: Some(table),
            },
            None => {
                let previous = table_index
                    .checked_sub(1)
                    .and_then(|i| self.stack.get(i))
                    .map_or(table, |o| o.node);
                Place::last_child_of(previous)
            }
        }
    }

    /// "Create an element for a token" in namespace `ns` (not inserted).
    fn create(&mut self, ns: Namespace, name: LocalName, attrs: &mut Vec<Attr>) -> Open {
        let template = ns == Namespace::Html && name == local_name!("template");
        let html_annotation = ns == Namespace::MathMl
            && name == local_name!("annotation-xml")
            && attrs.iter().any(|a| {
                a.name.local == local_name!("encoding")
                    && (a.value.eq_ignore_ascii_case("text/html")
                        || a.value.eq_ignore_ascii_case("application/xhtml+xml"))
            });
        if ns == Namespace::Html && name == local_name!("selectedcontent") {
            self.selected.element_made();
        }
        let writer = &mut self.writer;
        Open::make(ns, name, html_annotation, |name, kind| {
            writer.create_element(&ns.to_atom(), name, kind, attrs, template, html_annotation)
        })
    }

    /// Inserts `open` at the appropriate place and pushes it.
    fn insert_and_push(&mut self, open: Open) -> NodeId {
        let place = self.place(None);
        let node = open.node;
        self.writer.insert(place, node);
        self.stack.push(open);
        node
    }

    /// "Insert an HTML element" for `tag`.
    fn insert_html(&mut self, tag: &mut Tag) -> NodeId {
        let open = self.create(Namespace::Html, tag.name.clone(), &mut tag.attrs);
        self.insert_and_push(open)
    }

    /// Inserts an HTML element `name` with no attributes (one the rules
    /// make up: `html`, `head`, `body`, `tbody`, `tr`, `colgroup`, `p`).
    fn insert_html_named(&mut self, name: LocalName) -> NodeId {
        self.insert_html(&mut start_tag(name))
    }

    /// Inserts an HTML element for `tag` and pops it at once (void
    /// elements), acknowledging its self-closing flag.
    fn insert_void(&mut self, tag: &mut Tag) -> NodeId {
        let node = self.insert_html(tag);
        self.pop();
        self.acknowledged = true;
        node
    }

    /// "Insert a foreign element" for `tag` in `ns`, its name and
    /// attributes adjusted as the caller says; pops it at once when it
    /// closes itself.
    fn insert_foreign(&mut self, tag: &mut Tag, ns: Namespace) {
        let self_closing = tag.self_closing;
        let open = self.create(ns, tag.name.clone(), &mut tag.attrs);
        self.insert_and_push(open);
        if self_closing {
            self.pop();
            self.acknowledged = true;
        }
    }

    /// The generic raw text and RCDATA element parsing algorithms
    /// (13.2.6.2).
    fn parse_raw_text(&mut self, tag: &mut Tag, kind: RawKind) {
        self.insert_html(tag);
        self.signals.tokenizer = Some(Next::Raw(kind));
        self.original_mode = self.mode;
        self.mode = Mode::Text;
    }

    /// "Insert a character" for each character of `text`.
    fn insert_text(&mut self, text: &str) {
        let place = self.place(None);
        if place.parent == NodeId::DOCUMENT {
            return;
        }
        self.writer.insert_text(place, text);
    }

    /// Inserts `text`'s leading whitespace and drops it from `text`, as the
    /// modes around the head and the column group do; whether any text is
    /// left, for their "anything else".
    fn insert_leading_space(&mut self, text: &mut Cow<'_, str>) -> bool {
        // Cannot panic: the first `n` bytes are ASCII whitespace, so `n` is
        // a character boundary.
        let n = leading_space(text);
        if n > 0 {
            self.insert_text(&text[..n]);
            token::pop_front(text, n);
        }
        !text.is_empty()
    }

    /// "Insert a comment" at the appropriate place.
    fn insert_comment(&mut self, text: &str) {
        let place = self.place(None);
        self.insert_comment_at(text, place);
    }

    fn insert_comment_at(&mut self, text: &str, place: Place) {
        let node = self.writer.create_comment(text);
        self.writer.insert(place, node);
    }

    /// Adds to the element `node` the attributes of `attrs` it lacks.
    fn add_missing_attributes(&mut self, node: NodeId, attrs: &mut Vec<Attr>) {
        self.writer.add_attrs_if_missing(node, attrs);
    }

    /// Whether the stack has a `template` element.
    fn template_open(&self) -> bool {
        self.stack.has_html(&local_name!("template"))
    }
}

impl TokenConsumer for TreeBuilder {
    fn token(&mut self, mut token: Token<'_, '_>) -> Next {
        let ignore_lf = std::mem::take(&mut self.ignore_lf);
        // The token is looked at in place and handed on whole: taken apart
        // and put together again, it would be written field by field just
        // before the dispatcher copies it, a copy that then waits for those
        // writes (a failed store-to-load forward).
        let mut self_closing = false;
        match &mut token {
            Token::Tag(tag) => {
                self_closing = tag.self_closing && tag.kind == TagKind::StartTag;
                self.acknowledged = false;
            }
            Token::Text(text) => {
                if ignore_lf && text.starts_with('\n') {
                    token::pop_front(text, 1);
                }
                if text.is_empty() {
                    return Next::Continue;
                }
            }
            _ => {}
        }
        self.dispatch(token);
        if self_closing && !self.acknowledged {
            self.error("a non-void element's start tag closed itself");
        }
        self.signals.next_state()
    }

    fn error(&mut self, error: TokenizerError) {
        if !self.writer.refused() {
            self.writer.errors().keep(MarkupError::from(error));
        }
    }

    fn position(&mut self, line: u64, column: u64) {
        self.writer.errors().at(line, column);
    }

    fn in_foreign_content(&self) -> bool {
        self.adjusted_current_node()
            .is_some_and(|node| node.ns != Namespace::Html)
    }

    #[inline]
    fn stopped(&self) -> bool {
        self.writer.refused()
    }

    /// "Stop parsing" (13.2.7): every element left open is popped.
    fn end(&mut self) {
        self.pop_to(0);
    }
}
