//! Documents, their elements and what a crawler takes from them.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use htmldict::{Document as CrateDocument, LinkOptions, NodeId, NodeRef, Selector, Url};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::dictionaries::Dictionary;
use crate::errors::{limit_exceeded, selector_error, url_error};

/// A parsed page. Immutable, usable from any thread; its nodes keep it
/// alive.
///
/// >>> import htmldict
/// >>> doc = htmldict.parse(b"<title>Shop</title><p id=cart class='box big'>3 items")
/// >>> doc.title
/// 'Shop'
/// >>> doc.get_element_by_id("cart").text()
/// '3 items'
/// >>> [p.classes for p in doc.css("p.box")]
/// [['box', 'big']]
#[pyclass(frozen, weakref, module = "htmldict")]
pub(crate) struct Document {
    pub(crate) inner: Arc<CrateDocument>,
    pub(crate) dictionary: Py<Dictionary>,
}

/// An element of a document.
///
/// Equal to another `Node` for the same element of the same document, and
/// hashable. It keeps its document alive.
///
/// >>> import htmldict
/// >>> doc = htmldict.parse("<ul><li class=a>one<li>two</ul>")
/// >>> first = doc.css_first("li")
/// >>> first.tag, first.get("class"), first.next.text()
/// ('li', 'a', 'two')
/// >>> first.parent == doc.css_first("ul")
/// True
#[pyclass(frozen, weakref, module = "htmldict")]
pub(crate) struct Node {
    doc: Arc<CrateDocument>,
    id: NodeId,
}

impl Node {
    fn new(doc: &Arc<CrateDocument>, node: NodeRef<'_>) -> Node {
        Node {
            doc: Arc::clone(doc),
            id: node.node_id(),
        }
    }

    fn node(&self) -> NodeRef<'_> {
        // Every `Node` is made from a node of `doc`, so the id is in range;
        // the document node stands in should that ever not hold.
        self.doc.node(self.id).unwrap_or_else(|| self.doc.root())
    }
}

fn compile(py: Python<'_>, selector: &str) -> PyResult<Selector> {
    Selector::parse(selector).map_err(|e| selector_error(py, e))
}

fn parse_url(page_url: &str) -> PyResult<Url> {
    Url::parse(page_url).map_err(|e| url_error(page_url, e))
}

/// The elements under `scope` (a document's root or an element) that match
/// `selector`, in document order; the GIL is released while they are found.
fn select_ids(
    py: Python<'_>,
    doc: &Arc<CrateDocument>,
    scope: NodeId,
    selector: &str,
    first: bool,
) -> PyResult<Vec<NodeId>> {
    let selector = compile(py, selector)?;
    Ok(py.detach(|| {
        let Some(scope) = doc.node(scope) else {
            return Vec::new();
        };
        let found = match scope.as_element() {
            Some(element) => element.select(&selector),
            None => doc.select(&selector),
        };
        let ids = found.map(|e| e.node().node_id());
        if first {
            ids.take(1).collect()
        } else {
            ids.collect()
        }
    }))
}

fn nodes(doc: &Arc<CrateDocument>, ids: Vec<NodeId>) -> Vec<Node> {
    ids.into_iter()
        .map(|id| Node {
            doc: Arc::clone(doc),
            id,
        })
        .collect()
}

/// The text of `node` as selectolax's `text()` gives it.
fn text_of(node: NodeRef<'_>, deep: bool, separator: &str, strip: bool) -> String {
    if deep && separator.is_empty() && !strip {
        return node.text();
    }
    let pieces: Box<dyn Iterator<Item = &str>> = if deep {
        Box::new(node.descendants().filter_map(|n| n.as_text()))
    } else {
        Box::new(node.children().filter_map(|n| n.as_text()))
    };
    let pieces: Vec<&str> = if strip {
        pieces.map(str::trim).filter(|t| !t.is_empty()).collect()
    } else {
        pieces.collect()
    };
    pieces.join(separator)
}

/// An attribute's name as serialized: `prefix:name` for a foreign one.
fn qualified<'a>(prefix: Option<&str>, name: &'a str) -> Cow<'a, str> {
    match prefix {
        Some(prefix) => Cow::Owned(format!("{prefix}:{name}")),
        None => Cow::Borrowed(name),
    }
}

fn no_pickle(what: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "a htmldict {what} cannot be pickled: send the page's bytes (or what you \
         extracted from it) and parse it where it is needed"
    ))
}

#[pymethods]
impl Document {
    /// The root element (`<html>`); for a fragment, the `<html>` element the
    /// fragment algorithm puts the fragment's nodes in (it stands for the
    /// context element, and selectors such as `*` and `:root` see it; the
    /// context element itself is not in the tree). None only for a
    /// document with no element.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p>hi").root.tag
    /// 'html'
    #[getter]
    fn root(&self) -> Option<Node> {
        let root = match self.inner.fragment_root() {
            Some(root) => Some(root),
            None => self.inner.root().element_children().next(),
        };
        root.map(|node| Node::new(&self.inner, node))
    }

    /// The text of the first `<title>`, whitespace collapsed; None when
    /// there is none or it is empty.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<title>  Caf\u00e9\n notes </title>").title
    /// 'Café notes'
    /// >>> htmldict.parse("<title></title>").title is None
    /// True
    #[getter]
    fn title(&self) -> Option<String> {
        self.inner.title()
    }

    /// The document serialized as HTML.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p>a<b>b").html
    /// '<html><head></head><body><p>a<b>b</b></p></body></html>'
    #[getter]
    fn html(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.to_html())
    }

    /// How bytes input was decoded: an object with `name` (the WHATWG
    /// encoding name) and `source` ("bom", "transport", "meta", "detected"
    /// or "default"). None for text input.
    ///
    /// >>> import htmldict
    /// >>> enc = htmldict.parse(b"<meta charset=koi8-r><p>\xf0\xd2\xc9")
    /// >>> enc.encoding.name, enc.encoding.source
    /// ('KOI8-R', 'meta')
    /// >>> htmldict.parse("<p>text").encoding is None
    /// True
    #[getter]
    fn encoding(&self) -> Option<Encoding> {
        self.inner.encoding().map(|e| Encoding {
            name: e.name().to_owned(),
            source: e.source().as_str().to_owned(),
        })
    }

    /// With `truncate_on_limit=True`: the limit the page went past, as a
    /// `LimitExceeded` (not raised), the document holding what came before
    /// it. None when the page fit.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<p>" * 50, limits=htmldict.Limits(max_nodes=20),
    /// ...                      truncate_on_limit=True)
    /// >>> doc.truncated.limit, doc.truncated.maximum
    /// ('nodes', 20)
    #[getter]
    fn truncated<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.inner.truncated() {
            Some(error) => limit_exceeded(py, error),
            None => Ok(None),
        }
    }

    /// With `keep_errors=True`, the markup errors the parser recovered
    /// from (at most 2,048; see `errors_dropped`), in order; else empty.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<p a=1 a=2>", keep_errors=True)
    /// >>> e = doc.errors[0]
    /// >>> e.kind, e.code, e.line, e.column
    /// ('tokenizer', 'duplicate-attribute', 1, 9)
    #[getter]
    fn errors(&self) -> Vec<MarkupError> {
        self.inner
            .errors()
            .iter()
            .map(|e| MarkupError {
                kind: match e.kind {
                    htmldict::MarkupErrorKind::Tokenizer(_) => "tokenizer",
                    _ => "tree-construction",
                },
                code: e.kind.as_str().to_owned(),
                line: e.line,
                column: e.column,
            })
            .collect()
    }

    /// How many markup errors were met past the 2,048 kept.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("</x>" * 3000, keep_errors=True).errors_dropped > 0
    /// True
    #[getter]
    fn errors_dropped(&self) -> u64 {
        self.inner.errors_dropped()
    }

    /// The dictionary the document's names came from.
    ///
    /// >>> import htmldict
    /// >>> d = htmldict.PerDocumentDictionary()
    /// >>> htmldict.parse("<p>", dictionary=d).dictionary is d
    /// True
    #[getter]
    fn dictionary(&self, py: Python<'_>) -> Py<Dictionary> {
        self.dictionary.clone_ref(py)
    }

    /// Every element that matches a CSS selector, in document order.
    /// Raises SelectorError (a ValueError) for a selector that does not
    /// parse.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<a href=/x>x</a><a>y</a>")
    /// >>> [a.get("href") for a in doc.css("a[href]")]
    /// ['/x']
    fn css(&self, py: Python<'_>, selector: &str) -> PyResult<Vec<Node>> {
        let ids = select_ids(py, &self.inner, NodeId::DOCUMENT, selector, false)?;
        Ok(nodes(&self.inner, ids))
    }

    /// The first element that matches a CSS selector, or `default`.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<p>one<p>two")
    /// >>> doc.css_first("p").text()
    /// 'one'
    /// >>> doc.css_first("table", default="none")
    /// 'none'
    #[pyo3(signature = (selector, default = None))]
    fn css_first(
        &self,
        py: Python<'_>,
        selector: &str,
        default: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let ids = select_ids(py, &self.inner, NodeId::DOCUMENT, selector, true)?;
        first_or(py, &self.inner, ids, default)
    }

    /// The same as `css`, under lxml's name.
    ///
    /// >>> import htmldict
    /// >>> len(htmldict.parse("<p>one<p>two").cssselect("p"))
    /// 2
    fn cssselect(&self, py: Python<'_>, selector: &str) -> PyResult<Vec<Node>> {
        self.css(py, selector)
    }

    /// The first element whose `id` is `id`, or None (a hash lookup when
    /// the document was parsed with `collect_ids=True`, a scan otherwise).
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<div id=main>hi</div>").get_element_by_id("main").tag
    /// 'div'
    fn get_element_by_id(&self, id: &str) -> Option<Node> {
        self.inner
            .get_element_by_id(id)
            .map(|node| Node::new(&self.inner, node))
    }

    /// The document's text. By default every text node as it is (the DOM's
    /// `textContent`); `separator` joins text nodes, `strip` strips each
    /// and drops the empty ones; `deep=False` takes only the document
    /// node's own text children (none). For the text as a reader sees it,
    /// use `readable_text()`.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<p>Hello <b>big</b> world</p>")
    /// >>> doc.text()
    /// 'Hello big world'
    /// >>> doc.text(separator="|", strip=True)
    /// 'Hello|big|world'
    #[pyo3(signature = (deep = true, separator = "", strip = false))]
    fn text(&self, py: Python<'_>, deep: bool, separator: &str, strip: bool) -> String {
        py.detach(|| text_of(self.inner.root(), deep, separator, strip))
    }

    /// The text as a reader sees it: scripts, styles and templates left
    /// out, whitespace collapsed, blocks on lines of their own.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<title>News</title><ul><li>one<li>two</ul>").readable_text()
    /// 'News\none\ntwo'
    fn readable_text(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.readable_text())
    }

    /// The document's links, resolved against its base URL (`<base href>`
    /// resolved against `page_url`), as `Link` objects.
    ///
    /// With `crawl=True`, the links a crawler follows: `a` and `area`
    /// only, http and https only, without fragments, each URL once. With
    /// `crawl=False`, every link: `a`, `area`, `link`, `img` and `iframe`,
    /// any scheme, fragments kept, repeats kept. With `crawl=True`, the link
    /// kept for a URL met more than once is its first, with that first
    /// element's `rel`. Query strings are percent-encoded as UTF-8 (the
    /// `url` crate's rule; a browser encodes them in the page's encoding).
    /// Raises ValueError for a `page_url` that is not an absolute URL.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<a href=post#top>Post</a><a href=post rel=nofollow>again</a>"
    /// ...                      "<img src=pic.png>")
    /// >>> [(l.url, l.rel) for l in doc.links("https://example.com/blog/")]
    /// [('https://example.com/blog/post', ())]
    /// >>> len(doc.links("https://example.com/blog/", crawl=False))
    /// 3
    #[pyo3(signature = (page_url, crawl = true))]
    fn links(&self, py: Python<'_>, page_url: &str, crawl: bool) -> PyResult<Vec<Link>> {
        let url = parse_url(page_url)?;
        let options = if crawl {
            LinkOptions::crawl()
        } else {
            LinkOptions::new()
                .anchors(true)
                .link_elements(true)
                .images(true)
                .iframes(true)
                .http_only(false)
                .fragments(true)
                .unique(false)
        };
        let found = py.detach(|| {
            let links = self.inner.links_with(&url, &options);
            links
                .iter()
                .map(|link| LinkData {
                    url: link.url.to_string(),
                    rel: link.rel().map(str::to_owned).collect(),
                    text: link.text(),
                    tag: link.source.element(),
                    attribute: link.source.attribute(),
                    raw: link.raw.to_owned(),
                    node: link.node.node_id(),
                })
                .collect::<Vec<_>>()
        });
        Ok(found
            .into_iter()
            .map(|data| Link {
                data,
                doc: Arc::clone(&self.inner),
            })
            .collect())
    }

    /// What the page says about itself: canonical URL, robots directives
    /// (and noindex, nofollow), refresh, hreflang alternates, language and
    /// description, URLs resolved against `page_url`.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse('<html lang=en><link rel=canonical href=/a>'
    /// ...                      '<meta name=robots content="noindex">')
    /// >>> facts = doc.page_facts("https://example.com/a?x=1")
    /// >>> facts.canonical, facts.noindex, facts.language
    /// ('https://example.com/a', True, 'en')
    fn page_facts(&self, py: Python<'_>, page_url: &str) -> PyResult<PageFacts> {
        let url = parse_url(page_url)?;
        let facts = py.detach(|| self.inner.page_facts(&url));
        Ok(PageFacts {
            canonical: facts.canonical.as_ref().map(Url::to_string),
            noindex: facts.noindex(),
            nofollow: facts.nofollow(),
            robots: facts.robots,
            refresh: facts.refresh.map(|r| Refresh {
                delay: r.delay,
                url: r.url.as_ref().map(Url::to_string),
            }),
            hreflang: facts
                .alternates
                .into_iter()
                .map(|(lang, url)| (lang, url.to_string()))
                .collect(),
            language: facts.language,
            description: facts.description,
        })
    }

    /// The URL relative links resolve against: the first `<base href>`,
    /// resolved against `page_url`, or `page_url` itself.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<base href=/static/>").base_url("https://example.com/a/b")
    /// 'https://example.com/static/'
    fn base_url(&self, page_url: &str) -> PyResult<String> {
        let url = parse_url(page_url)?;
        Ok(self.inner.base_url(&url).to_string())
    }

    /// The heap the document holds, in bytes, by part: nodes, text,
    /// attributes, names (those it alone keeps alive), id_index, errors,
    /// and total.
    ///
    /// >>> import htmldict
    /// >>> usage = htmldict.parse("<p id=a>hello").memory_usage()
    /// >>> usage["total"] == sum(v for k, v in usage.items() if k != "total")
    /// True
    fn memory_usage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let usage = self.inner.memory_usage();
        let dict = PyDict::new(py);
        dict.set_item("nodes", usage.nodes)?;
        dict.set_item("text", usage.text)?;
        dict.set_item("attributes", usage.attributes)?;
        dict.set_item("names", usage.names)?;
        dict.set_item("id_index", usage.id_index)?;
        dict.set_item("errors", usage.errors)?;
        dict.set_item("total", usage.total())?;
        Ok(dict)
    }

    /// The tree in the format of html5lib's tree-construction tests.
    ///
    /// >>> import htmldict
    /// >>> print(htmldict.parse("<p>hi").html5lib_tree(), end="")
    /// | <html>
    /// |   <head>
    /// |   <body>
    /// |     <p>
    /// |       "hi"
    fn html5lib_tree(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.html5lib_tree())
    }

    fn __repr__(&self) -> String {
        format!(
            "<htmldict.Document {} nodes{}>",
            self.inner.node_count(),
            self.inner
                .title()
                .map(|t| {
                    let short: String = t.chars().take(60).collect();
                    let more = if short.len() < t.len() { "..." } else { "" };
                    format!(", title {short:?}{more}")
                })
                .unwrap_or_default()
        )
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(no_pickle("Document"))
    }

    /// A document is immutable: a copy is the document itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }
}

fn first_or(
    py: Python<'_>,
    doc: &Arc<CrateDocument>,
    ids: Vec<NodeId>,
    default: Option<Py<PyAny>>,
) -> PyResult<Py<PyAny>> {
    match ids.into_iter().next() {
        Some(id) => Ok(Py::new(
            py,
            Node {
                doc: Arc::clone(doc),
                id,
            },
        )?
        .into_any()),
        None => Ok(default.unwrap_or_else(|| py.None())),
    }
}

#[pymethods]
impl Node {
    /// The element's local name (lowercase for HTML elements).
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<DIV>").css_first("div").tag
    /// 'div'
    #[getter]
    fn tag(&self) -> &str {
        self.node().local_name().unwrap_or("")
    }

    /// The attributes, as a read-only mapping from name to value, in
    /// source order (a foreign attribute under its qualified name, such
    /// as `xlink:href`).
    ///
    /// >>> import htmldict
    /// >>> dict(htmldict.parse("<a href=/x title=X>").css_first("a").attrs)
    /// {'href': '/x', 'title': 'X'}
    #[getter]
    fn attrs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for attr in self.node().attrs() {
            dict.set_item(qualified(attr.prefix, attr.name), attr.value)?;
        }
        py.import("types")?
            .getattr("MappingProxyType")?
            .call1((dict,))
    }

    /// The same as `attrs`, under lxml's name.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<a href=/x>").css_first("a").attrib["href"]
    /// '/x'
    #[getter]
    fn attrib<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.attrs(py)
    }

    /// The value of an attribute, or `default`.
    ///
    /// >>> import htmldict
    /// >>> a = htmldict.parse("<a href=/x>").css_first("a")
    /// >>> a.get("href"), a.get("rel"), a.get("rel", "none")
    /// ('/x', None, 'none')
    #[pyo3(signature = (name, default = None))]
    fn get(&self, py: Python<'_>, name: &str, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        let node = self.node();
        // Attributes in no namespace by the crate's lookup; foreign ones
        // (`xlink:href`, `xmlns`) by the qualified names `attrs` shows.
        let value = node.attr(name).or_else(|| {
            node.attrs()
                .find(|attr| attr.prefix.is_some() && qualified(attr.prefix, attr.name) == name)
                .map(|attr| attr.value)
        });
        match value {
            Some(value) => Ok(value.into_pyobject(py)?.into_any().unbind()),
            None => Ok(default.unwrap_or_else(|| py.None())),
        }
    }

    /// The `id` attribute, or None.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p id=intro>").css_first("p").id
    /// 'intro'
    #[getter]
    fn id(&self) -> Option<&str> {
        self.node().as_element().and_then(|e| e.id())
    }

    /// The classes of the `class` attribute, in order.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p class=' a  b '>").css_first("p").classes
    /// ['a', 'b']
    #[getter]
    fn classes(&self) -> Vec<&str> {
        match self.node().as_element() {
            Some(element) => element.classes().collect(),
            None => Vec::new(),
        }
    }

    /// Whether the `class` attribute holds `name`.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p class='a b'>").css_first("p").has_class("b")
    /// True
    fn has_class(&self, name: &str) -> bool {
        self.node()
            .as_element()
            .is_some_and(|element| element.has_class(name))
    }

    /// The element's text. By default every text node below it as it is
    /// (the DOM's `textContent`); `separator` joins text nodes, `strip`
    /// strips each and drops the empty ones; `deep=False` takes only its
    /// own text children. For the text as a reader sees it, use
    /// `readable_text()`.
    ///
    /// >>> import htmldict
    /// >>> p = htmldict.parse("<p> Hello <b>big</b> world </p>").css_first("p")
    /// >>> p.text()
    /// ' Hello big world '
    /// >>> p.text(deep=False, strip=True, separator=" ")
    /// 'Hello world'
    #[pyo3(signature = (deep = true, separator = "", strip = false))]
    fn text(&self, py: Python<'_>, deep: bool, separator: &str, strip: bool) -> String {
        py.detach(|| text_of(self.node(), deep, separator, strip))
    }

    /// The text as a reader sees it (see `Document.readable_text`).
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<div><h1> Cart </h1><p>3  items</div>").css_first("div").readable_text()
    /// 'Cart\n3 items'
    fn readable_text(&self, py: Python<'_>) -> String {
        py.detach(|| self.node().readable_text())
    }

    /// The element serialized as HTML, itself included.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p class=a>hi <b>there</b>").css_first("p").html
    /// '<p class="a">hi <b>there</b></p>'
    #[getter]
    fn html(&self, py: Python<'_>) -> String {
        py.detach(|| self.node().outer_html())
    }

    /// What is inside the element, serialized as HTML.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p>hi <b>there</b>").css_first("p").inner_html
    /// 'hi <b>there</b>'
    #[getter]
    fn inner_html(&self, py: Python<'_>) -> String {
        py.detach(|| self.node().inner_html())
    }

    /// The parent element; None for the root element.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p><b>x").css_first("b").parent.tag
    /// 'p'
    /// >>> htmldict.parse("<p>").root.parent is None
    /// True
    #[getter]
    fn parent(&self) -> Option<Node> {
        let parent = self.node().parent()?;
        parent.is_element().then(|| Node::new(&self.doc, parent))
    }

    /// The child elements, in order.
    ///
    /// >>> import htmldict
    /// >>> [c.tag for c in htmldict.parse("<ul><li>a<li>b</ul>").css_first("ul").children]
    /// ['li', 'li']
    #[getter]
    fn children(&self) -> Vec<Node> {
        self.node()
            .element_children()
            .map(|child| Node::new(&self.doc, child))
            .collect()
    }

    /// The elements below this one, in document order.
    ///
    /// >>> import htmldict
    /// >>> [n.tag for n in htmldict.parse("<div><p><b>x</b></p><i>y</i></div>").css_first("div").iter()]
    /// ['p', 'b', 'i']
    fn iter<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let below: Vec<Node> = self
            .node()
            .descendants()
            .skip(1)
            .filter(NodeRef::is_element)
            .map(|node| Node::new(&self.doc, node))
            .collect();
        Ok(PyList::new(py, below)?.try_iter()?.into_any())
    }

    /// The next sibling element, or None.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p>a</p>text<div>b</div>").css_first("p").next.tag
    /// 'div'
    #[getter]
    fn next(&self) -> Option<Node> {
        let element = self.node().as_element()?.next_sibling_element()?;
        Some(Node::new(&self.doc, element.node()))
    }

    /// The previous sibling element, or None.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p>a</p><div>b</div>").css_first("div").prev.tag
    /// 'p'
    #[getter]
    fn prev(&self) -> Option<Node> {
        let element = self.node().as_element()?.prev_sibling_element()?;
        Some(Node::new(&self.doc, element.node()))
    }

    /// The nearest element, this one or above, that matches a selector.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<article id=a><p><b>x</b></p></article>")
    /// >>> doc.css_first("b").closest("article").id
    /// 'a'
    fn closest(&self, py: Python<'_>, selector: &str) -> PyResult<Option<Node>> {
        let selector = compile(py, selector)?;
        let found = self.node().as_element().and_then(|e| e.closest(&selector));
        Ok(found.map(|element| Node::new(&self.doc, element.node())))
    }

    /// Whether the element matches a selector.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<p class=a>").css_first("p").matches("p.a")
    /// True
    fn matches(&self, py: Python<'_>, selector: &str) -> PyResult<bool> {
        let selector = compile(py, selector)?;
        Ok(selector.matches(self.node()))
    }

    /// The elements below this one that match a selector, in order.
    ///
    /// >>> import htmldict
    /// >>> doc = htmldict.parse("<ul id=a><li>1<li>2</ul><ul><li>3</ul>")
    /// >>> [li.text() for li in doc.get_element_by_id("a").css("li")]
    /// ['1', '2']
    fn css(&self, py: Python<'_>, selector: &str) -> PyResult<Vec<Node>> {
        let ids = select_ids(py, &self.doc, self.id, selector, false)?;
        Ok(nodes(&self.doc, ids))
    }

    /// The first element below this one that matches, or `default`.
    ///
    /// >>> import htmldict
    /// >>> htmldict.parse("<ul><li>1<li>2</ul>").root.css_first("li").text()
    /// '1'
    #[pyo3(signature = (selector, default = None))]
    fn css_first(
        &self,
        py: Python<'_>,
        selector: &str,
        default: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let ids = select_ids(py, &self.doc, self.id, selector, true)?;
        first_or(py, &self.doc, ids, default)
    }

    /// The same as `css`, under lxml's name.
    ///
    /// >>> import htmldict
    /// >>> len(htmldict.parse("<ul><li>1<li>2</ul>").root.cssselect("li"))
    /// 2
    fn cssselect(&self, py: Python<'_>, selector: &str) -> PyResult<Vec<Node>> {
        self.css(py, selector)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Node>().is_ok_and(|other| {
            let other = other.get();
            Arc::ptr_eq(&self.doc, &other.doc) && self.id == other.id
        })
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        Arc::as_ptr(&self.doc).hash(&mut hasher);
        self.id.hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        let node = self.node();
        let mut repr = format!("<htmldict.Node {}", node.local_name().unwrap_or(""));
        if let Some(id) = node.attr("id") {
            repr.push_str(&format!(" id={id:?}"));
        }
        repr.push('>');
        repr
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(no_pickle("Node"))
    }

    /// A node is immutable: a copy is the node itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }
}

/// How bytes input was decoded.
///
/// >>> import htmldict
/// >>> htmldict.parse(b"\xef\xbb\xbf<p>").encoding.source
/// 'bom'
#[pyclass(frozen, get_all, module = "htmldict")]
pub(crate) struct Encoding {
    /// The WHATWG name of the encoding ("UTF-8", "windows-1252", ...).
    name: String,
    /// What decided it: "bom", "transport", "meta", "detected", "default".
    source: String,
}

#[pymethods]
impl Encoding {
    fn __repr__(&self) -> String {
        format!("<htmldict.Encoding {} ({})>", self.name, self.source)
    }
}

/// A markup error the parser recovered from: a record, not an exception.
/// `kind` is "tokenizer" (with the HTML standard's code in `code`) or
/// "tree-construction" (with the tree builder's description in `code`);
/// `line` and `column` count from 1.
///
/// >>> import htmldict
/// >>> [(e.kind, e.line) for e in htmldict.parse("<!DOCTYPE html>\n</b>", keep_errors=True).errors]
/// [('tree-construction', 2)]
#[pyclass(frozen, get_all, module = "htmldict")]
pub(crate) struct MarkupError {
    /// "tokenizer" or "tree-construction".
    kind: &'static str,
    /// The standard's code, or the tree builder's description.
    code: String,
    /// The line, from 1.
    line: u64,
    /// The column, from 1, in UTF-16 code units.
    column: u64,
}

#[pymethods]
impl MarkupError {
    fn __repr__(&self) -> String {
        format!(
            "<htmldict.MarkupError {} {:?} at {}:{}>",
            self.kind, self.code, self.line, self.column
        )
    }
}

struct LinkData {
    url: String,
    rel: Vec<String>,
    text: String,
    tag: &'static str,
    attribute: &'static str,
    raw: String,
    node: NodeId,
}

/// A link of a document (see `Document.links`).
///
/// >>> import htmldict
/// >>> link = htmldict.parse("<a href='/a ' rel='NoFollow ugc'>A <b>b</b></a>").links("https://x.org/")[0]
/// >>> link.url, link.rel, link.text, link.tag, link.attribute, link.raw
/// ('https://x.org/a', ('NoFollow', 'ugc'), 'A b', 'a', 'href', '/a ')
#[pyclass(frozen, module = "htmldict")]
pub(crate) struct Link {
    data: LinkData,
    doc: Arc<CrateDocument>,
}

#[pymethods]
impl Link {
    /// The absolute URL.
    #[getter]
    fn url(&self) -> &str {
        &self.data.url
    }

    /// The `rel` tokens, as written, in order (compare them ignoring
    /// case: `"nofollow" in map(str.lower, link.rel)`).
    #[getter]
    fn rel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.data.rel)
    }

    /// Whether `rel` holds `token`, ignoring ASCII case.
    ///
    /// >>> import htmldict
    /// >>> link = htmldict.parse("<a href=/a rel=NoFollow>a</a>").links("https://x.org/")[0]
    /// >>> link.has_rel("nofollow"), link.has_rel("ugc")
    /// (True, False)
    fn has_rel(&self, token: &str) -> bool {
        self.data.rel.iter().any(|t| t.eq_ignore_ascii_case(token))
    }

    /// The readable text of an `a`; empty for the other elements.
    #[getter]
    fn text(&self) -> &str {
        &self.data.text
    }

    /// The element: "a", "area", "link", "img" or "iframe".
    #[getter]
    fn tag(&self) -> &str {
        self.data.tag
    }

    /// The attribute the URL came from: "href" or "src".
    #[getter]
    fn attribute(&self) -> &str {
        self.data.attribute
    }

    /// The attribute's value as written.
    #[getter]
    fn raw(&self) -> &str {
        &self.data.raw
    }

    /// The element, as a `Node`.
    #[getter]
    fn node(&self) -> Node {
        Node {
            doc: Arc::clone(&self.doc),
            id: self.data.node,
        }
    }

    fn __repr__(&self) -> String {
        format!("<htmldict.Link {} {:?}>", self.data.tag, self.data.url)
    }
}

/// A `<meta http-equiv=refresh>`: reload or go elsewhere after `delay`
/// seconds; `url` is None for a reload.
///
/// >>> import htmldict
/// >>> r = htmldict.parse("<meta http-equiv=refresh content='5; url=/next'>").page_facts("https://x.org/").refresh
/// >>> r.delay, r.url
/// (5, 'https://x.org/next')
#[pyclass(frozen, get_all, module = "htmldict")]
#[derive(Clone, Debug)]
pub(crate) struct Refresh {
    /// Whole seconds.
    delay: u64,
    /// Where to go, or None to reload.
    url: Option<String>,
}

/// What a page says about itself (see `Document.page_facts`).
///
/// >>> import htmldict
/// >>> facts = htmldict.parse('<meta name=description content=" A  shop ">').page_facts("https://x.org/")
/// >>> facts.description, facts.canonical, facts.robots
/// ('A shop', None, [])
#[pyclass(frozen, get_all, module = "htmldict")]
pub(crate) struct PageFacts {
    /// The first `link rel=canonical` that resolves, absolute.
    canonical: Option<String>,
    /// Every `<meta name=robots>` directive, lowercased, in order.
    robots: Vec<String>,
    /// Whether the robots directives forbid indexing.
    noindex: bool,
    /// Whether they forbid following the links.
    nofollow: bool,
    /// The first `<meta http-equiv=refresh>` that parses.
    refresh: Option<Refresh>,
    /// `link rel=alternate hreflang=...`: (language, absolute URL) pairs.
    hreflang: Vec<(String, String)>,
    /// The root element's `lang`.
    language: Option<String>,
    /// The first `<meta name=description>`, whitespace collapsed.
    description: Option<String>,
}

#[pymethods]
impl Refresh {
    fn __repr__(&self) -> String {
        format!("<htmldict.Refresh delay={} url={:?}>", self.delay, self.url)
    }
}

#[pymethods]
impl PageFacts {
    fn __repr__(&self) -> String {
        format!(
            "<htmldict.PageFacts canonical={:?} robots={:?} language={:?}>",
            self.canonical, self.robots, self.language
        )
    }
}
