//! What a crawler wants to know about a page besides its links, read from
//! its `<link>` and `<meta>` elements and the root element's `lang`:
//! [`Document::page_facts`].
//!
//! The rules: a canonical URL is the `href` of a `link` whose `rel` has
//! the `canonical` token (RFC 6596); robots directives are the
//! comma-separated tokens of `<meta name=robots>` (as search engines read
//! them; `none` means `noindex, nofollow`); a refresh is parsed as the HTML
//! standard's "shared declarative refresh steps" parse a `<meta
//! http-equiv=refresh>` content; alternates are `link rel=alternate` with
//! an `hreflang`. URLs are resolved against the document's base URL, as
//! links are. Only HTML elements outside template contents count.

use url::Url;

use crate::dom::{Document, NodeRef};

/// The facts of one page; see [`Document::page_facts`].
///
/// ```
/// # use htmldict::{PageFacts, ParseOptions, Url, parse_html};
/// let doc = parse_html("<p>a page that says nothing of itself", &ParseOptions::new())?;
/// let facts: PageFacts = doc.page_facts(&Url::parse("https://example.com/")?);
/// assert_eq!(facts, PageFacts::default());
/// assert!(!facts.noindex() && facts.canonical.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageFacts {
    /// The first `link rel=canonical` with an `href` that resolves.
    pub canonical: Option<Url>,
    /// Every `<meta name=robots>` directive, lower-cased, in order.
    pub robots: Vec<String>,
    /// The first `<meta http-equiv=refresh>` whose content parses.
    pub refresh: Option<Refresh>,
    /// Each `link rel=alternate hreflang=...` whose `href` resolves, in
    /// order: the language as given and the URL.
    pub alternates: Vec<(String, Url)>,
    /// The root element's `lang`, trimmed, if not empty.
    pub language: Option<String>,
    /// The first `<meta name=description>` content, whitespace collapsed.
    pub description: Option<String>,
}

/// A `<meta http-equiv=refresh>`: reload or go elsewhere after a delay.
///
/// ```
/// # use htmldict::{ParseOptions, Refresh, Url, parse_html};
/// let doc = parse_html("<meta http-equiv=Refresh content=30>", &ParseOptions::new())?;
/// let refresh = doc.page_facts(&Url::parse("https://example.com/")?).refresh;
/// assert_eq!(refresh, Some(Refresh { delay: 30, url: None })); // reload in 30 s
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refresh {
    /// Whole seconds (the fraction, if any, is dropped, as browsers do).
    pub delay: u64,
    /// Where to go; `None` reloads the page (or names a URL that does not
    /// resolve).
    pub url: Option<Url>,
}

impl PageFacts {
    /// Whether the robots directives forbid indexing (`noindex` or
    /// `none`).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Url, parse_html};
    /// let doc = parse_html("<meta name=ROBOTS content='None'>", &ParseOptions::new())?;
    /// let facts = doc.page_facts(&Url::parse("https://example.com/")?);
    /// assert!(facts.noindex() && facts.nofollow());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn noindex(&self) -> bool {
        self.robots.iter().any(|d| d == "noindex" || d == "none")
    }

    /// Whether the robots directives forbid following the page's links
    /// (`nofollow` or `none`).
    ///
    /// ```
    /// # use htmldict::{ParseOptions, Url, parse_html};
    /// let doc = parse_html("<meta name=robots content='index, nofollow'>", &ParseOptions::new())?;
    /// let facts = doc.page_facts(&Url::parse("https://example.com/")?);
    /// assert!(facts.nofollow() && !facts.noindex());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nofollow(&self) -> bool {
        self.robots.iter().any(|d| d == "nofollow" || d == "none")
    }
}

/// Whether `rel` holds `token`, ASCII case-insensitively.
fn has_token(rel: Option<&str>, token: &str) -> bool {
    rel.unwrap_or_default()
        .split_ascii_whitespace()
        .any(|t| t.eq_ignore_ascii_case(token))
}

/// The delay and URL of a refresh content, by the HTML standard's shared
/// declarative refresh steps (the parsing part): `None` when it does not
/// start with a number.
fn parse_refresh(content: &str) -> Option<(u64, Option<&str>)> {
    let rest = content.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let delay = if digits == 0 {
        if !rest.starts_with('.') {
            return None;
        }
        0
    } else {
        // Too many digits for a u64: as long a delay as there is. (Slicing
        // at `digits` cannot panic: it ends a run of ASCII digits.)
        rest[..digits].parse().unwrap_or(u64::MAX)
    };
    let rest = rest[digits..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.starts_with(|c: char| !(c == ';' || c == ',' || c.is_ascii_whitespace())) {
        return None;
    }
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let rest = rest.strip_prefix([';', ',']).unwrap_or(rest);
    let mut url = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if let Some((head, tail)) = url.split_at_checked(3)
        && head.eq_ignore_ascii_case("url")
    {
        url = tail.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(after) = url.strip_prefix('=') {
            url = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        }
    }
    let url = match url.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            // Cannot panic: the quote is one byte, and `find` gives a
            // character boundary.
            let inner = &url[1..];
            inner.find(quote).map_or(inner, |end| &inner[..end])
        }
        _ => url,
    };
    let url = url.trim_end_matches(|c: char| c.is_ascii_whitespace());
    Some((delay, (!url.is_empty()).then_some(url)))
}

impl Document {
    /// The page's canonical URL, robots directives, refresh, language
    /// alternates, language and description, with URLs resolved against
    /// [`base_url`](Self::base_url) (`page_url` and the first `<base
    /// href>`).
    ///
    /// ```
    /// use htmldict::{ParseOptions, Url, parse_html};
    /// let html = r#"<html lang=" en-GB "><head>
    ///     <link rel="Canonical" href="/tea?ref=nav">
    ///     <link rel=alternate hreflang=fr href="https://example.fr/the">
    ///     <meta name=robots content="noarchive, NOFOLLOW">
    ///     <meta http-equiv=refresh content="5; URL='/moved'">
    ///     <meta name=description content="  All about
    ///         tea. ">"#;
    /// let doc = parse_html(html, &ParseOptions::new())?;
    /// let facts = doc.page_facts(&Url::parse("https://example.com/shop/")?);
    /// assert_eq!(facts.canonical.as_ref().unwrap().as_str(), "https://example.com/tea?ref=nav");
    /// assert_eq!(facts.alternates[0].0, "fr");
    /// assert_eq!(facts.robots, ["noarchive", "nofollow"]);
    /// assert!(facts.nofollow() && !facts.noindex());
    /// let refresh = facts.refresh.as_ref().unwrap();
    /// assert_eq!((refresh.delay, refresh.url.as_ref().unwrap().as_str()), (5, "https://example.com/moved"));
    /// assert_eq!(facts.language.as_deref(), Some("en-GB"));
    /// assert_eq!(facts.description.as_deref(), Some("All about tea."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn page_facts(&self, page_url: &Url) -> PageFacts {
        let base = self.base_url(page_url);
        let resolve = |href: &str| Url::options().base_url(Some(&base)).parse(href).ok();
        let mut facts = PageFacts {
            language: self
                .root()
                .children()
                .find_map(|n| n.as_element())
                .and_then(|root| root.attr("lang"))
                .map(|lang| lang.trim_matches(|c: char| c.is_ascii_whitespace()))
                .filter(|lang| !lang.is_empty())
                .map(str::to_owned),
            ..PageFacts::default()
        };
        let html_elements = self
            .root()
            .descendants()
            .filter(|n: &NodeRef<'_>| n.namespace() == Some(crate::dom::Namespace::Html));
        for node in html_elements {
            match node.local_name() {
                Some("link") => {
                    let (rel, href) = (node.attr("rel"), node.attr("href"));
                    let Some(href) = href else { continue };
                    if facts.canonical.is_none() && has_token(rel, "canonical") {
                        facts.canonical = resolve(href);
                    }
                    if has_token(rel, "alternate")
                        && let Some(lang) = node.attr("hreflang")
                        && let Some(url) = resolve(href)
                    {
                        facts.alternates.push((lang.to_owned(), url));
                    }
                }
                Some("meta") => {
                    let Some(content) = node.attr("content") else {
                        continue;
                    };
                    let name = node.attr("name").unwrap_or_default();
                    if name.eq_ignore_ascii_case("robots") {
                        facts.robots.extend(
                            content
                                .split(',')
                                .map(|d| d.trim().to_ascii_lowercase())
                                .filter(|d| !d.is_empty()),
                        );
                    } else if name.eq_ignore_ascii_case("description") {
                        if facts.description.is_none() {
                            let words: Vec<&str> = content.split_ascii_whitespace().collect();
                            facts.description = Some(words.join(" "));
                        }
                    } else if facts.refresh.is_none()
                        && node
                            .attr("http-equiv")
                            .is_some_and(|h| h.eq_ignore_ascii_case("refresh"))
                        && let Some((delay, url)) = parse_refresh(content)
                    {
                        facts.refresh = Some(Refresh {
                            delay,
                            url: url.and_then(resolve),
                        });
                    }
                }
                _ => {}
            }
        }
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::parse_refresh;

    #[test]
    fn refresh_contents() {
        for (content, expected) in [
            ("5", Some((5, None))),
            ("  0;url=/x", Some((0, Some("/x")))),
            ("3.9, URL = '/a b' ", Some((3, Some("/a b")))),
            ("1; \"/q\"", Some((1, Some("/q")))),
            ("2;url='/unclosed", Some((2, Some("/unclosed")))),
            (".5; /half", Some((0, Some("/half")))),
            ("10 ; urlx", Some((10, Some("x")))),
            ("4 /direct", Some((4, Some("/direct")))),
            ("5x; /no", None),
            ("1; é/x", Some((1, Some("é/x")))),
            ("1;", Some((1, None))),
            (
                "99999999999999999999999; /far",
                Some((u64::MAX, Some("/far"))),
            ),
            ("x; url=/no", None),
            ("", None),
        ] {
            assert_eq!(parse_refresh(content), expected, "{content:?}");
        }
    }
}
