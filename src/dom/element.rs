//! [`ElementRef`]: a node known to be an element, with the conveniences of
//! an element (its name without an `Option`, its `id` and classes, element
//! neighbours), as selectors and [`NodeRef::as_element`] hand it out.

use std::ops::Deref;

use super::{Namespace, NodeRef};

/// An element of a [`Document`](crate::Document): a [`NodeRef`] (every
/// node method is reachable through `Deref`) that is known to be an
/// element, so that its name needs no `unwrap`. `select` and
/// `select_first` yield these.
///
/// ```
/// use htmldict::{ParseOptions, Selector, parse_html};
/// let doc = parse_html(r#"<nav><a id=home class="nav active" href="/">Home</a></nav>"#, &ParseOptions::new())?;
/// let a = doc.select_first(&Selector::parse("a")?).unwrap();
/// assert_eq!(a.name(), "a");
/// assert_eq!(a.id(), Some("home"));
/// assert!(a.has_class("active"));
/// assert_eq!(a.parent_element().unwrap().name(), "nav");
/// assert_eq!(a.attr("href"), Some("/")); // a node method, through Deref
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ElementRef<'a> {
    node: NodeRef<'a>,
}

impl std::fmt::Debug for ElementRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.node.fmt(f)
    }
}

impl<'a> Deref for ElementRef<'a> {
    type Target = NodeRef<'a>;

    fn deref(&self) -> &NodeRef<'a> {
        &self.node
    }
}

impl<'a> From<ElementRef<'a>> for NodeRef<'a> {
    fn from(element: ElementRef<'a>) -> NodeRef<'a> {
        element.node
    }
}

impl<'a> PartialEq<NodeRef<'a>> for ElementRef<'a> {
    fn eq(&self, other: &NodeRef<'a>) -> bool {
        self.node == *other
    }
}

impl<'a> PartialEq<ElementRef<'a>> for NodeRef<'a> {
    fn eq(&self, other: &ElementRef<'a>) -> bool {
        *self == other.node
    }
}

impl<'a> NodeRef<'a> {
    /// This node as an element; `None` for text, comments, doctypes and
    /// documents.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>hi", &ParseOptions::new())?;
    /// let names: Vec<&str> = doc.root().descendants().filter_map(|n| n.as_element()).map(|e| e.name()).collect();
    /// assert_eq!(names, ["html", "head", "body", "p"]);
    /// assert!(doc.root().as_element().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_element(&self) -> Option<ElementRef<'a>> {
        self.is_element().then_some(ElementRef { node: *self })
    }

    /// The text of every text node below this one, in tree order, as the
    /// document holds it (no copy): [`text`](Self::text) without the
    /// `String`.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>Hello <b>big</b> world", &ParseOptions::new())?;
    /// let p = doc.root().descendants().find(|n| n.is_html_element("p")).unwrap();
    /// assert_eq!(p.texts().collect::<Vec<_>>(), ["Hello ", "big", " world"]);
    /// assert_eq!(p.texts().map(str::len).sum::<usize>(), p.text().len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn texts(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.descendants().filter_map(|node| node.as_text())
    }
}

impl<'a> ElementRef<'a> {
    /// The element as a node.
    ///
    /// ```
    /// # use htmldict::{NodeRef, ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<p>hi", &ParseOptions::new())?;
    /// let p = doc.select_first(&Selector::parse("p")?).unwrap();
    /// let node: NodeRef<'_> = p.node();
    /// assert_eq!(node.as_element(), Some(p));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn node(&self) -> NodeRef<'a> {
        self.node
    }

    /// The local name, lower case for HTML elements and in the standard's
    /// case for SVG and MathML ones (`clipPath`).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<DIV><svg><clippath/></svg></DIV>", &ParseOptions::new())?;
    /// let names: Vec<&str> = doc.select(&Selector::parse("div, div *")?).map(|e| e.name()).collect();
    /// assert_eq!(names, ["div", "svg", "clipPath"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self) -> &'a str {
        self.node.local_name().unwrap_or_default()
    }

    /// The namespace: HTML, SVG or MathML.
    ///
    /// ```
    /// # use htmldict::{Namespace, ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<p><svg></svg>", &ParseOptions::new())?;
    /// let svg = doc.select_first(&Selector::parse("svg")?).unwrap();
    /// assert_eq!(svg.namespace(), Namespace::Svg);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn namespace(&self) -> Namespace {
        self.node.namespace().unwrap_or(Namespace::Html)
    }

    /// The `id` attribute (of any element, empty or not). Not to be taken
    /// for [`NodeRef::node_id`], the node's place in its document.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<p id=intro>a<p>b", &ParseOptions::new())?;
    /// let ids: Vec<Option<&str>> = doc.select(&Selector::parse("p")?).map(|p| p.id()).collect();
    /// assert_eq!(ids, [Some("intro"), None]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> Option<&'a str> {
        self.node.attr("id")
    }

    /// The tokens of the `class` attribute, split on ASCII whitespace, as
    /// written (duplicates included).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<p class=' card\tcard--wide  Featured '>", &ParseOptions::new())?;
    /// let p = doc.select_first(&Selector::parse("p")?).unwrap();
    /// assert_eq!(p.classes().collect::<Vec<_>>(), ["card", "card--wide", "Featured"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn classes(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.node
            .attr("class")
            .unwrap_or_default()
            .split_ascii_whitespace()
    }

    /// Whether `class` is one of the [`classes`](Self::classes): compared
    /// exactly, or ASCII case-insensitively in a quirks-mode document, as
    /// the `.class` selector matches.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<!DOCTYPE html><p class='card Featured'>", &ParseOptions::new())?;
    /// let p = doc.select_first(&Selector::parse("p")?).unwrap();
    /// assert!(p.has_class("Featured") && !p.has_class("featured") && !p.has_class("car"));
    /// let quirks = parse_html("<p class='card Featured'>", &ParseOptions::new())?;
    /// assert!(quirks.select_first(&Selector::parse("p")?).unwrap().has_class("featured"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_class(&self, class: &str) -> bool {
        if self.node.document().quirks_mode() == crate::QuirksMode::Quirks {
            self.classes().any(|c| c.eq_ignore_ascii_case(class))
        } else {
            self.classes().any(|c| c == class)
        }
    }

    /// The parent, if it is an element (not for the root `html` element,
    /// whose parent is the document).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<ul><li>a</ul>", &ParseOptions::new())?;
    /// let li = doc.select_first(&Selector::parse("li")?).unwrap();
    /// assert_eq!(li.parent_element().unwrap().name(), "ul");
    /// let html = doc.select_first(&Selector::parse("html")?).unwrap();
    /// assert!(html.parent_element().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parent_element(&self) -> Option<ElementRef<'a>> {
        self.node.parent()?.as_element()
    }

    /// The element ancestors, nearest first (the element itself not
    /// included).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<main><p><b>x</b>", &ParseOptions::new())?;
    /// let b = doc.select_first(&Selector::parse("b")?).unwrap();
    /// let names: Vec<&str> = b.ancestor_elements().map(|e| e.name()).collect();
    /// assert_eq!(names, ["p", "main", "body", "html"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ancestor_elements(&self) -> impl Iterator<Item = ElementRef<'a>> + use<'a> {
        self.node.ancestors().map_while(|n| n.as_element())
    }

    /// The next sibling that is an element, skipping text and comments.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<h2>A</h2> text <!-- c --> <p>B</p><p>C</p>", &ParseOptions::new())?;
    /// let h2 = doc.select_first(&Selector::parse("h2")?).unwrap();
    /// assert_eq!(h2.next_sibling_element().unwrap().text(), "B");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_sibling_element(&self) -> Option<ElementRef<'a>> {
        self.next_sibling_elements().next()
    }

    /// The previous sibling that is an element, skipping text and comments.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<h2>A</h2> text <p>B</p>", &ParseOptions::new())?;
    /// let p = doc.select_first(&Selector::parse("p")?).unwrap();
    /// assert_eq!(p.prev_sibling_element().unwrap().name(), "h2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prev_sibling_element(&self) -> Option<ElementRef<'a>> {
        self.prev_sibling_elements().next()
    }

    /// The element siblings after this one, nearest first.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<dl><dt>a<dd>1<dd>2<dt>b</dl>", &ParseOptions::new())?;
    /// let dt = doc.select_first(&Selector::parse("dt")?).unwrap();
    /// let after: Vec<String> = dt.next_sibling_elements().take_while(|e| e.name() == "dd").map(|e| e.text()).collect();
    /// assert_eq!(after, ["1", "2"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_sibling_elements(&self) -> impl Iterator<Item = ElementRef<'a>> + use<'a> {
        std::iter::successors(self.node.next_sibling(), |n| n.next_sibling())
            .filter_map(|n| n.as_element())
    }

    /// The element siblings before this one, nearest first.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<ol><li>1<li>2<li id=three>3</ol>", &ParseOptions::new())?;
    /// let three = doc.select_first(&Selector::parse("#three")?).unwrap();
    /// let before: Vec<String> = three.prev_sibling_elements().map(|e| e.text()).collect();
    /// assert_eq!(before, ["2", "1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prev_sibling_elements(&self) -> impl Iterator<Item = ElementRef<'a>> + use<'a> {
        std::iter::successors(self.node.prev_sibling(), |n| n.prev_sibling())
            .filter_map(|n| n.as_element())
    }
}
