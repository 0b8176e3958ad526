//! Readable text: the words a reader would see, without script, style and
//! the like, with whitespace made regular.

use super::names::Namespace;
use super::{Document, NodeRef};

/// What an element does to the readable text around and inside it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Contributes nothing, itself or below (`script`, `style`, ...).
    Hidden,
    /// Starts and ends a line (`p`, `div`, `li`, `br`, headings, ...).
    Line,
    /// Separates the words on either side (`td`, `th`).
    Word,
    /// Neither: text flows through it (`span`, `a`, `b`, unknown elements).
    Inline,
}

fn role(node: NodeRef<'_>) -> Role {
    let (Some(ns), Some(name)) = (node.namespace(), node.local_name()) else {
        return Role::Inline;
    };
    match ns {
        Namespace::Html => match name {
            "script" | "style" | "template" | "noscript" => Role::Hidden,
            "td" | "th" => Role::Word,
            "address" | "article" | "aside" | "blockquote" | "body" | "br" | "caption"
            | "center" | "dd" | "details" | "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset"
            | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "head" | "header" | "hgroup" | "hr" | "html" | "legend" | "li" | "listing"
            | "main" | "menu" | "nav" | "ol" | "optgroup" | "option" | "p" | "plaintext"
            | "pre" | "search" | "section" | "summary" | "table" | "tbody" | "tfoot" | "thead"
            | "title" | "tr" | "ul" | "xmp" => Role::Line,
            _ => Role::Inline,
        },
        // SVG has its own script and style elements; their contents are code
        // as much as HTML's are.
        Namespace::Svg => match name {
            "script" | "style" => Role::Hidden,
            _ => Role::Inline,
        },
        _ => Role::Inline,
    }
}

/// Whitespace owed between the last word written and the next one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
}

/// Builds readable text a word at a time, writing a gap only between two
/// words, so the result never starts or ends with whitespace and never holds
/// two separators in a row.
struct Readable {
    out: String,
    gap: Gap,
}

impl Readable {
    fn owe(&mut self, gap: Gap) {
        self.gap = self.gap.max(gap);
    }

    fn push_text(&mut self, text: &str) {
        let mut rest = text;
        loop {
            let trimmed = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if trimmed.len() != rest.len() {
                self.owe(Gap::Space);
            }
            if trimmed.is_empty() {
                return;
            }
            let end = trimmed
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(trimmed.len());
            // Cannot panic: `end` is where `find` met a character, or the
            // length, both character boundaries.
            self.push_word(&trimmed[..end]);
            rest = &trimmed[end..];
        }
    }

    fn push_word(&mut self, word: &str) {
        if !self.out.is_empty() {
            match self.gap {
                Gap::None => {}
                Gap::Space => self.out.push(' '),
                Gap::Line => self.out.push('\n'),
            }
        }
        self.gap = Gap::None;
        self.out.push_str(word);
    }
}

/// The readable text of `root`'s subtree, walking it without recursion:
/// down through first children, across through next siblings, and back up
/// through parents, leaving each element on the way up.
fn readable_text(root: NodeRef<'_>) -> String {
    let mut text = Readable {
        out: String::new(),
        gap: Gap::None,
    };
    let gap_of = |role: Role| match role {
        Role::Line => Gap::Line,
        Role::Word => Gap::Space,
        Role::Inline | Role::Hidden => Gap::None,
    };
    let mut node = root;
    'walk: loop {
        let entered = role(node);
        if let Some(t) = node.as_text() {
            text.push_text(t);
        }
        text.owe(gap_of(entered));
        if entered != Role::Hidden
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        // `node` has no children to visit: leave it, and every ancestor whose
        // last child it closes, until a next sibling turns up.
        loop {
            text.owe(gap_of(role(node)));
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    text.out
}

impl<'a> NodeRef<'a> {
    /// The text a reader would see in this node and its descendants: the
    /// words of the text nodes in tree order, without the contents of
    /// elements that hold code or inert markup, and with whitespace made
    /// regular. [`text`](Self::text) is the raw concatenation instead.
    ///
    /// What is left out: the contents of HTML `script`, `style`, `template`
    /// and `noscript` elements, and of SVG `script` and `style` elements
    /// (with the scripting flag on, `noscript` content is one raw-text node;
    /// with it off, it is markup: either way it is left out). Comments,
    /// attribute values (`alt`, `title`) and template contents are not text
    /// nodes of the tree and never appear. Everything else is kept,
    /// including the document's `<title>` and any other text in `<head>`.
    ///
    /// Whitespace, exactly:
    ///
    /// * Text is split into words at runs of ASCII whitespace (tab, line
    ///   feed, form feed, carriage return, space), in `<pre>` as elsewhere.
    ///   Other characters, such as the no-break space U+00A0, are part of
    ///   words and kept as they are.
    /// * Words are joined by one line feed if the start or end of a
    ///   line-breaking element lies between them, else by one space if
    ///   whitespace or the start or end of a `td` or `th` lies between
    ///   them, else by nothing (`a<b>b</b>` gives `ab`).
    /// * The line-breaking elements are HTML `address`, `article`, `aside`,
    ///   `blockquote`, `body`, `br`, `caption`, `center`, `dd`, `details`,
    ///   `dialog`, `dir`, `div`, `dl`, `dt`, `fieldset`, `figcaption`,
    ///   `figure`, `footer`, `form`, `h1` to `h6`, `head`, `header`,
    ///   `hgroup`, `hr`, `html`, `legend`, `li`, `listing`, `main`, `menu`,
    ///   `nav`, `ol`, `optgroup`, `option`, `p`, `plaintext`, `pre`,
    ///   `search`, `section`, `summary`, `table`, `tbody`, `tfoot`,
    ///   `thead`, `title`, `tr`, `ul` and `xmp`.
    /// * The result neither starts nor ends with whitespace and never holds
    ///   two separators in a row (no blank lines).
    ///
    /// The walk uses no recursion, so depth cannot exhaust the stack.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let html = "<title>Shop</title><style>p{}</style>\
    ///             <h1>Cart</h1><p>3  items,\n<b>2</b> on sale<script>track()</script></p>\
    ///             <table><tr><td>pen<td>2 €</table>";
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// let body = doc.root().descendants().find(|n| n.local_name() == Some("body")).unwrap();
    /// assert_eq!(body.readable_text(), "Cart\n3 items, 2 on sale\npen 2 €");
    /// assert_eq!(body.text(), "Cart3  items,\n2 on saletrack()pen2 €");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn readable_text(&self) -> String {
        readable_text(*self)
    }
}

impl Document {
    /// The readable text of the whole document, `<title>` included: see
    /// [`NodeRef::readable_text`] for what is left out and how whitespace is
    /// treated.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let html = "<title>News</title><noscript>Enable JavaScript</noscript>\
    ///             <ul><li>one<li>two</ul><template><p>later</p></template>";
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// assert_eq!(doc.readable_text(), "News\none\ntwo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn readable_text(&self) -> String {
        readable_text(self.root())
    }
}
