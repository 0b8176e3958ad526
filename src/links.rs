//! The URLs a page links to, resolved as a browser resolves them.
//!
//! [`Document::links`] walks the tree once, in tree order, and resolves the
//! `href` of every HTML `a`, `area` and `link` element (and, when asked, the
//! `src` of `img` and `iframe` elements) against the document's base URL
//! with the [`url`] crate, which implements the URL standard: leading and
//! trailing C0 controls and spaces are trimmed, tabs and newlines anywhere
//! are removed, `../` cannot climb above the root, spaces and non-ASCII
//! characters are percent-encoded and hosts go through IDNA. A value that
//! does not parse is never a panic and never silently dropped: it is kept in
//! [`Links::skipped`] with the reason.

use std::collections::HashSet;

use url::{ParseError, Url};

use crate::dom::{Document, Namespace, NodeRef};

/// The element and attribute a link came from.
///
/// ```
/// use htmldict::{LinkSource, ParseOptions, Url, parse_html};
///
/// let doc = parse_html(r#"<link rel=icon href=/i.png><a href=/a>a</a>"#, &ParseOptions::new())?;
/// let page = Url::parse("https://example.com/").unwrap();
/// let sources: Vec<LinkSource> = doc.links(&page).iter().map(|l| l.source).collect();
/// assert_eq!(sources, [LinkSource::LinkElement, LinkSource::A]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LinkSource {
    /// `<a href>`.
    A,
    /// `<area href>`, in an image map.
    Area,
    /// `<link href>`, whatever its `rel` (stylesheet, icon, canonical, ...).
    LinkElement,
    /// `<img src>` (off by default: see [`LinkOptions::images`]).
    Img,
    /// `<iframe src>` (off by default: see [`LinkOptions::iframes`]).
    Iframe,
}

impl LinkSource {
    /// The local name of the element (`a`, `area`, `link`, `img`, `iframe`).
    ///
    /// ```
    /// use htmldict::LinkSource;
    /// assert_eq!(LinkSource::LinkElement.element(), "link");
    /// assert_eq!(LinkSource::Img.element(), "img");
    /// ```
    pub fn element(self) -> &'static str {
        match self {
            LinkSource::A => "a",
            LinkSource::Area => "area",
            LinkSource::LinkElement => "link",
            LinkSource::Img => "img",
            LinkSource::Iframe => "iframe",
        }
    }

    /// The attribute holding the URL: `href` or `src`.
    ///
    /// ```
    /// use htmldict::LinkSource;
    /// assert_eq!(LinkSource::A.attribute(), "href");
    /// assert_eq!(LinkSource::Iframe.attribute(), "src");
    /// ```
    pub fn attribute(self) -> &'static str {
        match self {
            LinkSource::A | LinkSource::Area | LinkSource::LinkElement => "href",
            LinkSource::Img | LinkSource::Iframe => "src",
        }
    }

    /// The source for an HTML element with this local name, if it is one.
    fn of_html_element(local_name: &str) -> Option<LinkSource> {
        Some(match local_name {
            "a" => LinkSource::A,
            "area" => LinkSource::Area,
            "link" => LinkSource::LinkElement,
            "img" => LinkSource::Img,
            "iframe" => LinkSource::Iframe,
            _ => return None,
        })
    }
}

/// Which links [`Document::links_with`] collects.
///
/// The defaults suit a crawler following a page's links: anchors (`a`,
/// `area`) and `link` elements, any scheme. Images and iframes are opt-in.
///
/// ```
/// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
///
/// let html = r#"<a href="/next">next</a><img src="/logo.png"><a href="mailto:me@example.com">mail</a>"#;
/// let doc = parse_html(html, &ParseOptions::new())?;
/// let page = Url::parse("https://example.com/").unwrap();
/// let options = LinkOptions::new().images(true).http_only(true);
/// let links = doc.links_with(&page, &options);
/// let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
/// assert_eq!(urls, ["https://example.com/next", "https://example.com/logo.png"]);
/// assert_eq!(links.skipped().len(), 1); // the mailto: link, filtered out
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkOptions {
    anchors: bool,
    link_elements: bool,
    images: bool,
    iframes: bool,
    http_only: bool,
    fragments: bool,
    unique: bool,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            anchors: true,
            link_elements: true,
            images: false,
            iframes: false,
            http_only: false,
            fragments: true,
            unique: false,
        }
    }
}

impl LinkOptions {
    /// The defaults: see each setter.
    ///
    /// ```
    /// use htmldict::LinkOptions;
    /// assert_eq!(LinkOptions::new(), LinkOptions::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to collect `a[href]` and `area[href]`. Default: `true`.
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
    /// let doc = parse_html("<a href=/a>a</a><link href=/style.css>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links_with(&page, &LinkOptions::new().anchors(false));
    /// assert_eq!(links.iter().map(|l| l.url.path()).collect::<Vec<_>>(), ["/style.css"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn anchors(mut self, on: bool) -> Self {
        self.anchors = on;
        self
    }

    /// Whether to collect `link[href]` (stylesheets, icons, `canonical`,
    /// `alternate`, ...; the element is in [`Link::node`] for its `rel`).
    /// Default: `true`.
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
    /// let doc = parse_html("<a href=/a>a</a><link href=/style.css>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links_with(&page, &LinkOptions::new().link_elements(false));
    /// assert_eq!(links.iter().map(|l| l.url.path()).collect::<Vec<_>>(), ["/a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn link_elements(mut self, on: bool) -> Self {
        self.link_elements = on;
        self
    }

    /// Whether to collect `img[src]` (not `srcset`). Default: `false`.
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
    /// let doc = parse_html("<img src=/logo.png>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// assert!(doc.links(&page).is_empty());
    /// let links = doc.links_with(&page, &LinkOptions::new().images(true));
    /// assert_eq!(links.iter().map(|l| l.url.path()).collect::<Vec<_>>(), ["/logo.png"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn images(mut self, on: bool) -> Self {
        self.images = on;
        self
    }

    /// Whether to collect `iframe[src]`. Default: `false`.
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
    /// let doc = parse_html("<iframe src=/embed></iframe>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// assert!(doc.links(&page).is_empty());
    /// let links = doc.links_with(&page, &LinkOptions::new().iframes(true));
    /// assert_eq!(links.iter().map(|l| l.url.path()).collect::<Vec<_>>(), ["/embed"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iframes(mut self, on: bool) -> Self {
        self.iframes = on;
        self
    }

    /// Whether to keep only `http` and `https` URLs. The others
    /// (`javascript:`, `data:`, `mailto:`, `tel:`, `ftp:`, ...) then go to
    /// [`Links::skipped`] as [`SkipReason::NotHttp`]. Default: `false`, so
    /// that every link is seen and its scheme is the caller's to judge.
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, SkipReason, Url, parse_html};
    /// let doc = parse_html("<a href='javascript:void(0)'>x</a>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// assert_eq!(doc.links(&page)[0].url.scheme(), "javascript");
    /// let links = doc.links_with(&page, &LinkOptions::new().http_only(true));
    /// assert!(links.is_empty());
    /// assert_eq!(links.skipped()[0].reason, SkipReason::NotHttp);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_only(mut self, on: bool) -> Self {
        self.http_only = on;
        self
    }

    /// Whether to keep each URL's fragment (`#section`). Default: `true`.
    /// Off, fragments are removed, so that `/a#x` and `/a#y` are one URL
    /// (the same document for a crawler).
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
    /// let doc = parse_html("<a href=/a#top>a</a>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// assert_eq!(doc.links(&page)[0].url.as_str(), "https://example.com/a#top");
    /// let links = doc.links_with(&page, &LinkOptions::new().fragments(false));
    /// assert_eq!(links[0].url.as_str(), "https://example.com/a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fragments(mut self, on: bool) -> Self {
        self.fragments = on;
        self
    }

    /// Whether to keep only the first link to each URL (compared after
    /// fragments are removed, when they are). The later ones go to
    /// [`Links::skipped`] as [`SkipReason::Duplicate`]. Default: `false`.
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, SkipReason, Url, parse_html};
    /// let doc = parse_html("<a href=/a>1</a><a href=./a>2</a>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links_with(&page, &LinkOptions::new().unique(true));
    /// assert_eq!(links.len(), 1);
    /// assert_eq!(links[0].text(), "1");
    /// assert_eq!(links.skipped()[0].reason, SkipReason::Duplicate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unique(mut self, on: bool) -> Self {
        self.unique = on;
        self
    }

    /// The links a crawler follows: `a` and `area` only (not `link`
    /// elements, images or iframes), `http` and `https` only, fragments
    /// removed, each URL once (its first link, whose [`Link::rel`] tells
    /// whether it is `nofollow`).
    ///
    /// ```
    /// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
    /// let html = r#"<link rel=stylesheet href=/s.css><a href="/p#top">P</a>
    ///     <a href="mailto:me@example.com">mail</a><a rel="nofollow ugc" href="/p">again</a>
    ///     <a rel=sponsored href="https://ads.example.net/x">ad</a>"#;
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links_with(&page, &LinkOptions::crawl());
    /// let found: Vec<(&str, bool)> =
    ///     links.iter().map(|l| (l.url.as_str(), l.has_rel("sponsored"))).collect();
    /// assert_eq!(found, [("https://example.com/p", false), ("https://ads.example.net/x", true)]);
    /// assert_eq!(links.skipped().len(), 2); // mailto:, and /p again
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn crawl() -> Self {
        LinkOptions {
            anchors: true,
            link_elements: false,
            images: false,
            iframes: false,
            http_only: true,
            fragments: false,
            unique: true,
        }
    }

    /// Whether `a[href]` and `area[href]` are collected ([`anchors`](Self::anchors)).
    ///
    /// ```
    /// assert!(htmldict::LinkOptions::new().get_anchors());
    /// ```
    pub fn get_anchors(&self) -> bool {
        self.anchors
    }

    /// Whether `link[href]` is collected ([`link_elements`](Self::link_elements)).
    ///
    /// ```
    /// assert!(!htmldict::LinkOptions::crawl().get_link_elements());
    /// ```
    pub fn get_link_elements(&self) -> bool {
        self.link_elements
    }

    /// Whether `img[src]` is collected ([`images`](Self::images)).
    ///
    /// ```
    /// assert!(!htmldict::LinkOptions::new().get_images());
    /// ```
    pub fn get_images(&self) -> bool {
        self.images
    }

    /// Whether `iframe[src]` is collected ([`iframes`](Self::iframes)).
    ///
    /// ```
    /// assert!(!htmldict::LinkOptions::new().get_iframes());
    /// ```
    pub fn get_iframes(&self) -> bool {
        self.iframes
    }

    /// Whether only `http` and `https` URLs are kept ([`http_only`](Self::http_only)).
    ///
    /// ```
    /// assert!(htmldict::LinkOptions::crawl().get_http_only());
    /// ```
    pub fn get_http_only(&self) -> bool {
        self.http_only
    }

    /// Whether fragments are kept ([`fragments`](Self::fragments)).
    ///
    /// ```
    /// assert!(!htmldict::LinkOptions::crawl().get_fragments());
    /// ```
    pub fn get_fragments(&self) -> bool {
        self.fragments
    }

    /// Whether only the first link to each URL is kept ([`unique`](Self::unique)).
    ///
    /// ```
    /// assert!(htmldict::LinkOptions::crawl().get_unique());
    /// ```
    pub fn get_unique(&self) -> bool {
        self.unique
    }

    fn wants(&self, source: LinkSource) -> bool {
        match source {
            LinkSource::A | LinkSource::Area => self.anchors,
            LinkSource::LinkElement => self.link_elements,
            LinkSource::Img => self.images,
            LinkSource::Iframe => self.iframes,
        }
    }
}

/// One resolved link.
///
/// ```
/// use htmldict::{LinkSource, ParseOptions, Url, parse_html};
///
/// let doc = parse_html(r#"<a rel=nofollow href=" ../b?q=1 ">b</a>"#, &ParseOptions::new())?;
/// let page = Url::parse("https://example.com/dir/a.html").unwrap();
/// let links = doc.links(&page);
/// let link = &links[0];
/// assert_eq!(link.url.as_str(), "https://example.com/b?q=1");
/// assert_eq!(link.source, LinkSource::A);
/// assert_eq!(link.raw, " ../b?q=1 ");
/// assert_eq!(link.node.attr("rel"), Some("nofollow"));
/// assert_eq!(link.node.text(), "b");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link<'a> {
    /// The resolved, absolute URL.
    pub url: Url,
    /// Which element and attribute it came from.
    pub source: LinkSource,
    /// The element, for its other attributes (`rel`, `hreflang`) or text.
    pub node: NodeRef<'a>,
    /// The attribute value as the page gave it (character references
    /// resolved, nothing trimmed).
    pub raw: &'a str,
}

impl Link<'_> {
    /// The element's `rel` tokens (split on ASCII whitespace, as given):
    /// `nofollow`, `ugc`, `sponsored`, `noopener`, `stylesheet`, ...
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    /// let doc = parse_html("<a rel=' nofollow\tUGC ' href=/a>a</a>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links(&page);
    /// assert_eq!(links[0].rel().collect::<Vec<_>>(), ["nofollow", "UGC"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rel(&self) -> impl Iterator<Item = &str> {
        self.node.attr("rel").unwrap_or("").split_ascii_whitespace()
    }

    /// Whether `token` is one of the [`rel`](Self::rel) tokens, compared
    /// ASCII case-insensitively (as the HTML standard compares them).
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    /// let doc = parse_html("<a rel='NoFollow ugc' href=/a>a</a><a href=/b>b</a>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links(&page);
    /// assert!(links[0].has_rel("nofollow") && links[0].has_rel("ugc"));
    /// assert!(!links[1].has_rel("nofollow"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_rel(&self, token: &str) -> bool {
        self.rel().any(|t| t.eq_ignore_ascii_case(token))
    }

    /// The anchor text: the element's readable text (see
    /// [`NodeRef::readable_text`]); for `area`, `link`, `img` and
    /// `iframe`, which hold no text, empty.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    /// let doc = parse_html("<a href=/a>Read <b>more</b>\n about it</a>", &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// assert_eq!(doc.links(&page)[0].text(), "Read more about it");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self) -> String {
        self.node.readable_text()
    }
}

/// Why a link was left out of [`Links`].
///
/// ```
/// use htmldict::{LinkOptions, ParseOptions, SkipReason, Url, parse_html};
/// use htmldict::url::ParseError;
///
/// let html = r#"<a href="http://exa mple.com/">x</a><img src=""><a href="ftp://example.com/">y</a>"#;
/// let doc = parse_html(html, &ParseOptions::new())?;
/// let page = Url::parse("https://example.com/").unwrap();
/// let links = doc.links_with(&page, &LinkOptions::new().images(true).http_only(true));
/// let reasons: Vec<SkipReason> = links.skipped().iter().map(|s| s.reason).collect();
/// assert_eq!(reasons, [
///     SkipReason::Unparseable(ParseError::IdnaError),
///     SkipReason::Empty,
///     SkipReason::NotHttp,
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// The value does not parse as a URL, even relative to the base.
    Unparseable(ParseError),
    /// An empty `src` (on `img`, `iframe`) or `href` on `link`: browsers
    /// fetch nothing for these. An empty `href` on `a` or `area` is not
    /// skipped: it is a link to the base URL, as in a browser.
    Empty,
    /// A scheme other than `http` or `https`, with
    /// [`LinkOptions::http_only`] on.
    NotHttp,
    /// A URL an earlier link already gave, with [`LinkOptions::unique`] on.
    Duplicate,
}

/// A link value that was left out, and why.
///
/// ```
/// use htmldict::{LinkSource, ParseOptions, SkipReason, Url, parse_html};
/// use htmldict::url::ParseError;
///
/// let doc = parse_html(r#"<a href="https://">x</a>"#, &ParseOptions::new())?;
/// let page = Url::parse("https://example.com/").unwrap();
/// let links = doc.links(&page);
/// let skipped = &links.skipped()[0];
/// assert_eq!(skipped.raw, "https://");
/// assert_eq!(skipped.source, LinkSource::A);
/// assert_eq!(skipped.reason, SkipReason::Unparseable(ParseError::EmptyHost));
/// assert_eq!(skipped.node.text(), "x");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedLink<'a> {
    /// Which element and attribute it came from.
    pub source: LinkSource,
    /// The element.
    pub node: NodeRef<'a>,
    /// The attribute value as the page gave it.
    pub raw: &'a str,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// The links of a document, in tree order, with those left out and the base
/// URL they were resolved against.
///
/// It reads as a slice of [`Link`]s (`len`, `iter`, indexing, `for link in
/// &links`) and gives them up with `into_iter`. By default duplicates are
/// kept, each with its own element, so that anchor text and `rel` of each
/// stay at hand; [`LinkOptions::unique`] (on in [`LinkOptions::crawl`])
/// keeps the first of each URL.
///
/// ```
/// use htmldict::{LinkOptions, ParseOptions, Url, parse_html};
///
/// let html = r#"<a href=/a>1</a><a href=/b>2</a><a href="/a">3</a><a href="http://[::1">4</a>"#;
/// let doc = parse_html(html, &ParseOptions::new())?;
/// let page = Url::parse("https://example.com/").unwrap();
/// let links = doc.links(&page);
/// assert_eq!(links.len(), 3);
/// assert_eq!(links.skipped().len(), 1);
/// for link in &links {
///     assert_eq!(link.url.host_str(), Some("example.com"));
/// }
/// let unique = doc.links_with(&page, &LinkOptions::new().unique(true));
/// let urls: Vec<&str> = unique.iter().map(|l| l.url.path()).collect();
/// assert_eq!(urls, ["/a", "/b"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links<'a> {
    base: Url,
    links: Vec<Link<'a>>,
    skipped: Vec<SkippedLink<'a>>,
}

impl<'a> Links<'a> {
    /// The URL relative values were resolved against: see
    /// [`Document::base_url`].
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    /// let doc = parse_html(r#"<base href="/static/"><a href=x>x</a>"#, &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/page").unwrap();
    /// let links = doc.links(&page);
    /// assert_eq!(links.base().as_str(), "https://example.com/static/");
    /// assert_eq!(links[0].url.as_str(), "https://example.com/static/x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The values left out, in tree order, each with its reason.
    ///
    /// ```
    /// use htmldict::{ParseOptions, SkipReason, Url, parse_html};
    /// let doc = parse_html(r#"<a href="http://[::1">x</a><a href=/ok>y</a>"#, &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let links = doc.links(&page);
    /// assert_eq!(links.skipped()[0].raw, "http://[::1");
    /// let unparseable = links.skipped().iter().filter(|s| matches!(s.reason, SkipReason::Unparseable(_)));
    /// assert_eq!(unparseable.count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn skipped(&self) -> &[SkippedLink<'a>] {
        &self.skipped
    }
}

/// The resolved links, as a slice: `len`, `is_empty`, `iter`, indexing.
impl<'a> std::ops::Deref for Links<'a> {
    type Target = [Link<'a>];

    fn deref(&self) -> &[Link<'a>] {
        &self.links
    }
}

impl<'a> IntoIterator for Links<'a> {
    type Item = Link<'a>;
    type IntoIter = std::vec::IntoIter<Link<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.links.into_iter()
    }
}

impl<'l, 'a> IntoIterator for &'l Links<'a> {
    type Item = &'l Link<'a>;
    type IntoIter = std::slice::Iter<'l, Link<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.links.iter()
    }
}

/// The frozen base URL of a `base` element's `href`, as the HTML standard
/// sets it: the value parsed against the page URL, unless that fails or
/// gives a `data:` or `javascript:` URL.
fn frozen_base_url(href: &str, page_url: &Url) -> Option<Url> {
    Url::options()
        .base_url(Some(page_url))
        .parse(href)
        .ok()
        .filter(|url| !matches!(url.scheme(), "data" | "javascript"))
}

impl Document {
    /// The document base URL: the `href` of the first HTML `base` element
    /// that has one, in tree order, resolved against `page_url`; or
    /// `page_url` itself when there is no such element, or when its `href`
    /// does not parse or gives a `data:` or `javascript:` URL (as the HTML
    /// standard says). A later `base` never counts, even when the first one
    /// is unusable.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    /// let page = Url::parse("https://example.com/a/b.html").unwrap();
    /// let base_of = |html: &str| {
    ///     parse_html(html, &ParseOptions::new()).unwrap().base_url(&page).to_string()
    /// };
    /// assert_eq!(base_of("<p>no base"), "https://example.com/a/b.html");
    /// assert_eq!(base_of("<base href=../x/>"), "https://example.com/x/");
    /// assert_eq!(base_of("<base target=_top><base href=https://cdn.example.org/>"), "https://cdn.example.org/");
    /// assert_eq!(base_of("<base href='http://[::1'><base href=/other/>"), "https://example.com/a/b.html");
    /// ```
    pub fn base_url(&self, page_url: &Url) -> Url {
        let href = self
            .root()
            .descendants()
            .filter(|node| node.is_html_element("base"))
            .find_map(|base| base.attr("href"));
        href.and_then(|href| frozen_base_url(href, page_url))
            .unwrap_or_else(|| page_url.clone())
    }

    /// The links of the document with the default [`LinkOptions`]: the
    /// `href` of every HTML `a`, `area` and `link` element in tree order,
    /// resolved against [`base_url`](Self::base_url).
    ///
    /// Every scheme is kept (`javascript:`, `data:` and `mailto:` links are
    /// URLs, and their scheme shows in [`Link::url`]); an empty `href` on
    /// `a` or `area` links to the base URL, as in a browser. Values that do
    /// not parse are in [`Links::skipped`]. Only HTML elements count: an
    /// `a` inside `<svg>` or `<math>` does not, nor does anything in
    /// `<template>` contents. Resolution treats the page as UTF-8: non-ASCII
    /// characters in a query are percent-encoded as UTF-8 bytes.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    ///
    /// let html = r#"<base href="https://cdn.example.org/x/">
    ///     <a href="page.html">rel</a> <a href="//other.org/p">proto</a>
    ///     <a href="javascript:void(0)">js</a> <a href="http://exa mple.com/">bad</a>"#;
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/a/b.html").unwrap();
    /// let links = doc.links(&page);
    /// let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
    /// assert_eq!(urls, [
    ///     "https://cdn.example.org/x/page.html",
    ///     "https://other.org/p",
    ///     "javascript:void(0)",
    /// ]);
    /// assert_eq!(links.skipped().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn links(&self, page_url: &Url) -> Links<'_> {
        self.links_with(page_url, &LinkOptions::default())
    }

    /// The links of the document, from the sources `options` asks for; see
    /// [`links`](Self::links) for how they are resolved.
    ///
    /// ```
    /// use htmldict::{LinkOptions, LinkSource, ParseOptions, Url, parse_html};
    ///
    /// let html = r#"<a href=/a>a</a><img src=/i.png><iframe src=/f></iframe><link href=/s.css>"#;
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// let page = Url::parse("https://example.com/").unwrap();
    /// let options = LinkOptions::new().images(true).iframes(true).link_elements(false);
    /// let links = doc.links_with(&page, &options);
    /// let found: Vec<(LinkSource, &str)> = links.iter().map(|l| (l.source, l.url.path())).collect();
    /// assert_eq!(found, [(LinkSource::A, "/a"), (LinkSource::Img, "/i.png"), (LinkSource::Iframe, "/f")]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn links_with(&self, page_url: &Url, options: &LinkOptions) -> Links<'_> {
        // One walk: the first base href may come after links that use it.
        let mut base_href = None;
        let mut found: Vec<(LinkSource, NodeRef<'_>, &str)> = Vec::new();
        for node in self.root().descendants() {
            if node.namespace() != Some(Namespace::Html) {
                continue;
            }
            let Some(name) = node.local_name() else {
                continue;
            };
            if name == "base" {
                if base_href.is_none() {
                    base_href = node.attr("href");
                }
                continue;
            }
            if let Some(source) = LinkSource::of_html_element(name)
                && options.wants(source)
                && let Some(raw) = node.attr(source.attribute())
            {
                found.push((source, node, raw));
            }
        }

        let base = base_href
            .and_then(|href| frozen_base_url(href, page_url))
            .unwrap_or_else(|| page_url.clone());
        let parser = Url::options().base_url(Some(&base));
        let mut links = Vec::with_capacity(found.len());
        let mut skipped = Vec::new();
        let mut seen = HashSet::new();
        for (source, node, raw) in found {
            let resolved = if raw.is_empty() && !matches!(source, LinkSource::A | LinkSource::Area)
            {
                Err(SkipReason::Empty)
            } else {
                match parser.parse(raw) {
                    Ok(url) if options.http_only && !matches!(url.scheme(), "http" | "https") => {
                        Err(SkipReason::NotHttp)
                    }
                    Ok(mut url) => {
                        if !options.fragments {
                            url.set_fragment(None);
                        }
                        if options.unique && !seen.insert(url.to_string()) {
                            Err(SkipReason::Duplicate)
                        } else {
                            Ok(url)
                        }
                    }
                    Err(error) => Err(SkipReason::Unparseable(error)),
                }
            };
            match resolved {
                Ok(url) => links.push(Link {
                    url,
                    source,
                    node,
                    raw,
                }),
                Err(reason) => skipped.push(SkippedLink {
                    source,
                    node,
                    raw,
                    reason,
                }),
            }
        }
        Links {
            base,
            links,
            skipped,
        }
    }
}
