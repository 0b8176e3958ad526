//! Borrowed views of nodes: [`NodeRef`] and what it hands out.

use super::arena::{Attr, Node, NodeData};
use super::names::Namespace;
use super::traverse::{Ancestors, Children, Descendants};
use super::{Document, NodeId};

/// What a node is.
///
/// ```
/// use htmldict::{NodeKind, ParseOptions, parse_html};
/// let doc = parse_html("<!DOCTYPE html><!-- built 2024-05-01 --><p>", &ParseOptions::new())?;
/// let kinds: Vec<NodeKind> = doc.root().children().map(|n| n.kind()).collect();
/// assert_eq!(kinds, [NodeKind::Doctype, NodeKind::Comment, NodeKind::Element]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// The document node.
    Document,
    /// The contents of a `<template>` element (see [`NodeRef::template_contents`]).
    DocumentFragment,
    /// `<!DOCTYPE ...>`.
    Doctype,
    /// An element.
    Element,
    /// A run of text.
    Text,
    /// `<!-- ... -->`, and what the HTML parser reads as a comment
    /// (`<?xml ...?>`, `<!x>`, `</ x>`).
    Comment,
}

/// A node of a [`Document`], borrowed from it. Cheap to copy.
///
/// ```
/// use htmldict::{NodeKind, ParseOptions, parse_html};
///
/// let doc = parse_html("<ul><li>a<li>b</ul>", &ParseOptions::new())?;
/// let ul = doc.root().descendants().find(|n| n.local_name() == Some("ul")).unwrap();
/// let items: Vec<String> = ul.children().map(|li| li.text()).collect();
/// assert_eq!(items, ["a", "b"]);
/// assert_eq!(ul.parent().unwrap().local_name(), Some("body"));
/// assert_eq!(ul.first_child().unwrap().kind(), NodeKind::Element);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct NodeRef<'a> {
    doc: &'a Document,
    id: NodeId,
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.doc, other.doc) && self.id == other.id
    }
}

impl Eq for NodeRef<'_> {}

impl std::fmt::Debug for NodeRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.local_name() {
            Some(name) => write!(f, "NodeRef({:?}, <{}>)", self.id, name),
            None => write!(f, "NodeRef({:?}, {:?})", self.id, self.kind()),
        }
    }
}

/// One attribute of an element, borrowed from the document.
///
/// ```
/// use htmldict::{Namespace, ParseOptions, parse_html};
/// let doc = parse_html(r##"<svg xlink:href="#a" viewBox="0 0 1 1">"##, &ParseOptions::new())?;
/// let svg = doc.root().descendants().find(|n| n.local_name() == Some("svg")).unwrap();
/// let attrs: Vec<_> = svg.attrs().map(|a| (a.prefix, a.name, a.namespace, a.value)).collect();
/// assert_eq!(attrs, [
///     (Some("xlink"), "href", Namespace::XLink, "#a"),
///     (None, "viewBox", Namespace::None, "0 0 1 1"),
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// The local name (`href` for `xlink:href`).
    pub name: &'a str,
    /// The attribute's namespace ([`Namespace::None`] for ordinary attributes).
    pub namespace: Namespace,
    /// The prefix of a foreign attribute (`xlink`, `xml`, `xmlns`).
    pub prefix: Option<&'static str>,
    /// The value, with character references resolved.
    pub value: &'a str,
}

/// The attributes of an element, in source order, from
/// [`NodeRef::attrs`]. When a tag repeats an attribute, the first one wins
/// and the others are dropped, as the HTML standard says.
///
/// ```
/// use htmldict::{ParseOptions, parse_html};
/// let doc = parse_html(r#"<a id=l href="/a" class=x href="/b">"#, &ParseOptions::new())?;
/// let attrs = doc.get_element_by_id("l").unwrap().attrs();
/// assert_eq!(attrs.len(), 3);
/// let pairs: Vec<(&str, &str)> = attrs.map(|a| (a.name, a.value)).collect();
/// assert_eq!(pairs, [("id", "l"), ("href", "/a"), ("class", "x")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Attributes<'a> {
    doc: &'a Document,
    inner: std::slice::Iter<'a, Attr>,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Attribute<'a>;

    fn next(&mut self) -> Option<Attribute<'a>> {
        let attr = self.inner.next()?;
        let arena = &self.doc.arena;
        let name = arena.name(attr.name);
        Some(Attribute {
            name: name.local(),
            namespace: name.ns,
            prefix: name.prefix.map(|p| p.as_str()),
            value: arena.str(attr.value),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Attributes<'_> {}

/// The name and identifiers of a `<!DOCTYPE>`, from [`NodeRef::as_doctype`].
///
/// ```
/// use htmldict::{Doctype, ParseOptions, parse_html};
/// let html = r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
///     "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><p>"#;
/// let doc = parse_html(html, &ParseOptions::new())?;
/// let doctype = doc.root().first_child().unwrap().as_doctype().unwrap();
/// assert_eq!((doctype.name, doctype.public_id), ("html", "-//W3C//DTD XHTML 1.0 Strict//EN"));
/// assert!(doctype.system_id.ends_with("/xhtml1-strict.dtd"));
///
/// let doc = parse_html("<!doctype HTML><p>", &ParseOptions::new())?;
/// let html5 = Doctype { name: "html", public_id: "", system_id: "" }; // the name is lowercased
/// assert_eq!(doc.root().first_child().unwrap().as_doctype(), Some(html5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doctype<'a> {
    /// `html` for `<!DOCTYPE html>`.
    pub name: &'a str,
    /// The public identifier, empty if none.
    pub public_id: &'a str,
    /// The system identifier, empty if none.
    pub system_id: &'a str,
}

impl<'a> NodeRef<'a> {
    pub(crate) fn new(doc: &'a Document, id: NodeId) -> NodeRef<'a> {
        NodeRef { doc, id }
    }

    fn node(&self) -> &'a Node {
        self.doc.arena.node(self.id)
    }

    fn wrap(&self, id: Option<NodeId>) -> Option<NodeRef<'a>> {
        id.map(|id| NodeRef::new(self.doc, id))
    }

    /// This node's id in its document (not its `id` attribute: see
    /// [`ElementRef::id`](crate::ElementRef::id)). An id borrows nothing, so
    /// it can be stored and turned back into a node with [`Document::node`].
    ///
    /// ```
    /// # use htmldict::{NodeId, ParseOptions, parse_html};
    /// let doc = parse_html("<p>one<p>two", &ParseOptions::new())?;
    /// let paragraphs: Vec<NodeId> =
    ///     doc.root().descendants().filter(|n| n.is_html_element("p")).map(|n| n.node_id()).collect();
    /// assert_eq!(doc.node(paragraphs[1]).unwrap().text(), "two");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn node_id(&self) -> NodeId {
        self.id
    }

    /// The document this node belongs to: a node is enough to reach the rest
    /// of its document.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=intro>Hi <b id=name>you</b>", &ParseOptions::new())?;
    /// let b = doc.get_element_by_id("name").unwrap();
    /// assert!(std::ptr::eq(b.document(), &doc));
    /// assert_eq!(b.document().get_element_by_id("intro").unwrap().text(), "Hi you");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn document(&self) -> &'a Document {
        self.doc
    }

    /// What kind of node this is.
    ///
    /// ```
    /// # use htmldict::{NodeKind, ParseOptions, parse_html};
    /// let doc = parse_html("<p>a<!-- note --><b>b</b>", &ParseOptions::new())?;
    /// let count = |kind| doc.root().descendants().filter(|n| n.kind() == kind).count();
    /// assert_eq!(count(NodeKind::Document), 1);
    /// assert_eq!(count(NodeKind::Element), 5); // html, head, body, p, b
    /// assert_eq!((count(NodeKind::Text), count(NodeKind::Comment)), (2, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> NodeKind {
        match self.node().data {
            NodeData::Document => NodeKind::Document,
            NodeData::Fragment => NodeKind::DocumentFragment,
            NodeData::Doctype { .. } => NodeKind::Doctype,
            NodeData::Element { .. } => NodeKind::Element,
            NodeData::Text(_) => NodeKind::Text,
            NodeData::Comment(_) => NodeKind::Comment,
        }
    }

    /// True for element nodes.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=p>Hello <b>you</b>!", &ParseOptions::new())?;
    /// let p = doc.get_element_by_id("p").unwrap();
    /// let flags: Vec<bool> = p.children().map(|n| n.is_element()).collect();
    /// assert_eq!(flags, [false, true, false]);
    /// assert!(!doc.root().is_element()); // the document node is not an element
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_element(&self) -> bool {
        matches!(self.node().data, NodeData::Element { .. })
    }

    /// True for text nodes. The parser merges adjacent text, character
    /// references included, into one node.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=p>Fish &amp; chips", &ParseOptions::new())?;
    /// let p = doc.get_element_by_id("p").unwrap();
    /// assert_eq!(p.children().count(), 1);
    /// assert!(p.first_child().unwrap().is_text());
    /// assert!(!p.is_text());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_text(&self) -> bool {
        matches!(self.node().data, NodeData::Text(_))
    }

    /// The parent node (`None` for the document node, a template's contents
    /// and nodes the parser left out of the tree).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>Price: <b id=b>3 €</b>", &ParseOptions::new())?;
    /// let b = doc.get_element_by_id("b").unwrap();
    /// assert_eq!(b.parent().unwrap().local_name(), Some("p"));
    /// assert!(doc.root().parent().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parent(&self) -> Option<NodeRef<'a>> {
        self.wrap(self.node().parent)
    }

    /// The first child, whatever its kind (text and comments included).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=p><!-- ad --><b>Sale</b> today", &ParseOptions::new())?;
    /// let p = doc.get_element_by_id("p").unwrap();
    /// assert_eq!(p.first_child().unwrap().as_comment(), Some(" ad "));
    /// let text = p.last_child().unwrap();
    /// assert!(text.first_child().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_child(&self) -> Option<NodeRef<'a>> {
        self.wrap(self.node().first_child)
    }

    /// The last child, whatever its kind.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<ul id=list><li>first<li>last</ul>", &ParseOptions::new())?;
    /// let list = doc.get_element_by_id("list").unwrap();
    /// assert_eq!(list.last_child().unwrap().text(), "last");
    /// assert_eq!(doc.root().last_child().unwrap().local_name(), Some("html"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_child(&self) -> Option<NodeRef<'a>> {
        self.wrap(self.node().last_child)
    }

    /// The next sibling: the node after this one under the same parent.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<h2 id=h>Specs</h2><p>one</p><p>two</p>", &ParseOptions::new())?;
    /// let heading = doc.get_element_by_id("h").unwrap();
    /// let section = std::iter::successors(heading.next_sibling(), |n| n.next_sibling());
    /// assert_eq!(section.map(|n| n.text()).collect::<Vec<_>>(), ["one", "two"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_sibling(&self) -> Option<NodeRef<'a>> {
        self.wrap(self.node().next_sibling)
    }

    /// The previous sibling: the node before this one under the same parent.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<dt>Price</dt><dd id=price>3 €</dd>", &ParseOptions::new())?;
    /// let price = doc.get_element_by_id("price").unwrap();
    /// assert_eq!(price.prev_sibling().unwrap().text(), "Price");
    /// assert!(price.prev_sibling().unwrap().prev_sibling().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prev_sibling(&self) -> Option<NodeRef<'a>> {
        self.wrap(self.node().prev_sibling)
    }

    /// The children, first to last: one level down, where
    /// [`descendants`](Self::descendants) goes all the way.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<div id=d><p>a</p><p>b <i>c</i></p></div>", &ParseOptions::new())?;
    /// let div = doc.get_element_by_id("d").unwrap();
    /// assert_eq!(div.children().count(), 2); // the two <p>
    /// assert_eq!(div.descendants().count(), 7); // div, p, "a", p, "b ", i, "c"
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn children(&self) -> Children<'a> {
        Children::new(self.doc, self.node().first_child)
    }

    /// This node and everything below it, in tree order (pre-order), without
    /// recursion. Template contents are not entered (see
    /// [`template_contents`](Self::template_contents)).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>a<b>b</b>c</p>", &ParseOptions::new())?;
    /// let names: Vec<_> = doc.root().descendants().filter_map(|n| n.local_name()).collect();
    /// assert_eq!(names, ["html", "head", "body", "p", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn descendants(&self) -> Descendants<'a> {
        Descendants::new(self.doc, self.id)
    }

    /// The parent, its parent, and so on up to the document node (this node
    /// itself is not included).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<nav><ul><li><a id=home href=/>Home</a></ul></nav>", &ParseOptions::new())?;
    /// let link = doc.get_element_by_id("home").unwrap();
    /// let path: Vec<&str> = link.ancestors().filter_map(|n| n.local_name()).collect();
    /// assert_eq!(path, ["li", "ul", "nav", "body", "html"]);
    /// assert!(link.ancestors().any(|n| n.is_html_element("nav"))); // a navigation link
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ancestors(&self) -> Ancestors<'a> {
        Ancestors::new(self.doc, self.node().parent)
    }

    /// The element children only, skipping text (such as the whitespace
    /// between tags) and comments.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<ul id=u>\n  <li>a</li>\n  <li>b</li>\n</ul>", &ParseOptions::new())?;
    /// let list = doc.get_element_by_id("u").unwrap();
    /// assert_eq!(list.children().count(), 5); // three runs of whitespace too
    /// assert_eq!(list.element_children().count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn element_children(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        self.children().filter(|c| c.is_element())
    }

    pub(crate) fn element_name(&self) -> Option<&'a super::NameEntry> {
        match self.node().data {
            NodeData::Element { name, .. } => Some(self.doc.arena.name(name)),
            _ => None,
        }
    }

    /// An element's local name (`div`, `clipPath`, `my-widget`); `None` for
    /// other nodes. HTML names are lowercased; SVG names take the mixed case
    /// the standard gives them, however the source spells them.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<DIV>text<svg><CLIPPATH/></svg><My-Widget>", &ParseOptions::new())?;
    /// let names: Vec<&str> = doc.root().descendants().filter_map(|n| n.local_name()).collect();
    /// assert_eq!(names, ["html", "head", "body", "div", "svg", "clipPath", "my-widget"]);
    /// assert_eq!(doc.root().local_name(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn local_name(&self) -> Option<&'a str> {
        self.element_name().map(|name| name.local())
    }

    /// An element's namespace; `None` for other nodes. An `<a>` inside
    /// `<svg>` is an SVG element, not an HTML link.
    ///
    /// ```
    /// # use htmldict::{Namespace, ParseOptions, parse_html};
    /// let doc = parse_html(r#"<a href="/x">x</a><svg><a href="/y">y</a></svg>"#, &ParseOptions::new())?;
    /// let links = doc.root().descendants().filter(|n| n.local_name() == Some("a"));
    /// let namespaces: Vec<_> = links.map(|n| n.namespace()).collect();
    /// assert_eq!(namespaces, [Some(Namespace::Html), Some(Namespace::Svg)]);
    /// assert_eq!(doc.root().namespace(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn namespace(&self) -> Option<Namespace> {
        self.element_name().map(|name| name.ns)
    }

    /// True for an HTML element with this local name.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>", &ParseOptions::new())?;
    /// assert!(doc.root().first_child().unwrap().is_html_element("html"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_html_element(&self, local_name: &str) -> bool {
        self.element_name()
            .is_some_and(|name| name.ns == Namespace::Html && name.local() == local_name)
    }

    /// An element's attributes in source order (empty for other nodes), with
    /// character references in values resolved.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html(r#"<img alt="Tom &amp; Jerry" src=/t.png loading=lazy>"#, &ParseOptions::new())?;
    /// let img = doc.root().descendants().find(|n| n.is_html_element("img")).unwrap();
    /// let attrs: Vec<(&str, &str)> = img.attrs().map(|a| (a.name, a.value)).collect();
    /// assert_eq!(attrs, [("alt", "Tom & Jerry"), ("src", "/t.png"), ("loading", "lazy")]);
    /// assert_eq!(doc.root().attrs().len(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn attrs(&self) -> Attributes<'a> {
        let slice: &'a [Attr] = match self.node().data {
            NodeData::Element { attrs, .. } => self.doc.arena.attrs_of(attrs),
            _ => &[],
        };
        Attributes {
            doc: self.doc,
            inner: slice.iter(),
        }
    }

    /// The value of the attribute with this local name and no namespace.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html(r#"<a href="/x" data-v-1a2b3c4d>"#, &ParseOptions::new())?;
    /// let a = doc.root().descendants().find(|n| n.local_name() == Some("a")).unwrap();
    /// assert_eq!(a.attr("href"), Some("/x"));
    /// assert_eq!(a.attr("data-v-1a2b3c4d"), Some(""));
    /// assert_eq!(a.attr("title"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs()
            .find(|a| a.namespace == Namespace::None && a.name == name)
            .map(|a| a.value)
    }

    /// The `id` attribute, if this is an element that has a non-empty one.
    pub(crate) fn attr_id_value(&self) -> Option<&'a str> {
        let NodeData::Element { attrs, .. } = self.node().data else {
            return None;
        };
        let arena = &self.doc.arena;
        arena
            .attrs_of(attrs)
            .iter()
            .find(|a| arena.name(a.name).is_id_attribute())
            .map(|a| arena.str(a.value))
            .filter(|v| !v.is_empty())
    }

    /// An element's attributes with their name entries, for comparing names
    /// without going through their text.
    pub(crate) fn attr_entries(
        &self,
    ) -> impl Iterator<Item = (&'a super::NameEntry, &'a str)> + use<'a> {
        let arena = &self.doc.arena;
        let slice: &'a [Attr] = match self.node().data {
            NodeData::Element { attrs, .. } => arena.attrs_of(attrs),
            _ => &[],
        };
        slice
            .iter()
            .map(move |a| (arena.name(a.name), arena.str(a.value)))
    }

    /// A text node's text, as it is (whitespace kept, character references
    /// resolved); `None` for other nodes.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p id=p>Fish &amp; chips\n<b>£5</b>", &ParseOptions::new())?;
    /// let p = doc.get_element_by_id("p").unwrap();
    /// let texts: Vec<&str> = p.descendants().filter_map(|n| n.as_text()).collect();
    /// assert_eq!(texts, ["Fish & chips\n", "£5"]);
    /// assert_eq!(p.as_text(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_text(&self) -> Option<&'a str> {
        match self.node().data {
            NodeData::Text(span) => Some(self.doc.arena.str(span)),
            _ => None,
        }
    }

    /// A comment's text, without `<!--` and `-->`; `None` for other nodes.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<!-- cache: hit --><p>x<!--ad-->", &ParseOptions::new())?;
    /// let comments: Vec<&str> = doc.root().descendants().filter_map(|n| n.as_comment()).collect();
    /// assert_eq!(comments, [" cache: hit ", "ad"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_comment(&self) -> Option<&'a str> {
        match self.node().data {
            NodeData::Comment(span) => Some(self.doc.arena.str(span)),
            _ => None,
        }
    }

    /// A doctype's name and identifiers; `None` for other nodes.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<!DOCTYPE html><p>", &ParseOptions::new())?;
    /// assert_eq!(doc.root().first_child().unwrap().as_doctype().unwrap().name, "html");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_doctype(&self) -> Option<Doctype<'a>> {
        let NodeData::Doctype { extra } = self.node().data else {
            return None;
        };
        let arena = &self.doc.arena;
        // Cannot panic: a doctype's `extra` is followed by its three spans,
        // stored together (`append_doctype_to_document`).
        let span = |i: u32| arena.str(arena.extra[(extra + i) as usize]);
        Some(Doctype {
            name: span(0),
            public_id: span(1),
            system_id: span(2),
        })
    }

    /// For a `<template>` element, the fragment holding its contents (the
    /// parser puts a template's children there, not under the element).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<template><b>x</b></template>", &ParseOptions::new())?;
    /// let template = doc.root().descendants().find(|n| n.local_name() == Some("template")).unwrap();
    /// assert!(template.first_child().is_none());
    /// assert_eq!(template.template_contents().unwrap().text(), "x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn template_contents(&self) -> Option<NodeRef<'a>> {
        match self.node().data {
            NodeData::Element {
                template_contents, ..
            } => self.wrap(template_contents),
            _ => None,
        }
    }

    /// The text of this node and its descendants, concatenated in tree order
    /// (a text node's own text; the DOM's `textContent`). Nothing is left
    /// out and whitespace is kept as it is; see
    /// [`readable_text`](Self::readable_text) for what a reader would see.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>a <b>b</b><script>c</script>\n", &ParseOptions::new())?;
    /// let p = doc.root().descendants().find(|n| n.local_name() == Some("p")).unwrap();
    /// assert_eq!(p.text(), "a bc\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self) -> String {
        let mut out = String::new();
        for node in self.descendants() {
            if let Some(text) = node.as_text() {
                out.push_str(text);
            }
        }
        out
    }

    /// This node serialised as HTML, itself included: attribute values are
    /// quoted, void elements have no end tag and text is escaped.
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p class=note>a &lt; b<br></p>", &ParseOptions::new())?;
    /// let p = doc.root().descendants().find(|n| n.is_html_element("p")).unwrap();
    /// assert_eq!(p.outer_html(), r#"<p class="note">a &lt; b<br></p>"#);
    /// assert_eq!(p.first_child().unwrap().outer_html(), "a &lt; b");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outer_html(&self) -> String {
        super::serialize::to_string(*self, true)
    }

    /// The children of this node serialised as HTML (for a `<template>`, its
    /// contents).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, parse_html};
    /// let doc = parse_html("<p>a &amp; <i>b</i>", &ParseOptions::new())?;
    /// let p = doc.root().descendants().find(|n| n.local_name() == Some("p")).unwrap();
    /// assert_eq!(p.inner_html(), "a &amp; <i>b</i>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inner_html(&self) -> String {
        super::serialize::to_string(*self, false)
    }
}
