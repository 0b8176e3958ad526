//! `Document::links` and `Document::base_url`: a table of small pages, each
//! with the URLs a browser would resolve, written out by hand.

use htmldict::url::ParseError;
use htmldict::{LinkOptions, LinkSource, ParseOptions, SkipReason, Url, parse_html};

const PAGE: &str = "https://ex.com/a/b.html";

/// Which [`LinkOptions`] a case uses.
#[derive(Clone, Copy, Debug)]
enum Opts {
    Default,
    /// Images and iframes too.
    All,
    HttpOnly,
}

impl Opts {
    fn options(self) -> LinkOptions {
        match self {
            Opts::Default => LinkOptions::new(),
            Opts::All => LinkOptions::new().images(true).iframes(true),
            Opts::HttpOnly => LinkOptions::new().http_only(true),
        }
    }
}

struct Case {
    name: &'static str,
    page: &'static str,
    html: &'static str,
    opts: Opts,
    /// The resolved URLs, in tree order.
    links: &'static [&'static str],
    /// The values left out, in tree order, with why.
    skipped: &'static [(&'static str, SkipReason)],
}

const fn case(
    name: &'static str,
    html: &'static str,
    links: &'static [&'static str],
    skipped: &'static [(&'static str, SkipReason)],
) -> Case {
    Case {
        name,
        page: PAGE,
        html,
        opts: Opts::Default,
        links,
        skipped,
    }
}

const fn on(page: &'static str, c: Case) -> Case {
    Case { page, ..c }
}

const fn with(opts: Opts, c: Case) -> Case {
    Case { opts, ..c }
}

use SkipReason::{Empty, NotHttp, Unparseable};

const CASES: &[Case] = &[
    // The base URL.
    case(
        "no base: the page URL",
        r#"<a href="c.html">x</a><a href="/root">y</a>"#,
        &["https://ex.com/a/c.html", "https://ex.com/root"],
        &[],
    ),
    case(
        "relative base",
        r#"<base href="/dir/"><a href="x">x</a><a href="/root">y</a>"#,
        &["https://ex.com/dir/x", "https://ex.com/root"],
        &[],
    ),
    case(
        "base relative to the page's directory",
        r#"<base href="sub/"><a href="p">x</a>"#,
        &["https://ex.com/a/sub/p"],
        &[],
    ),
    case(
        "absolute base",
        r#"<base href="https://cdn.ex.org/x/"><a href="y.html">x</a><a href="/z">y</a>"#,
        &["https://cdn.ex.org/x/y.html", "https://cdn.ex.org/z"],
        &[],
    ),
    case(
        "base without a trailing slash",
        r#"<base href="https://cdn.ex.org/x"><a href="y">x</a>"#,
        &["https://cdn.ex.org/y"],
        &[],
    ),
    case(
        "two bases: the first wins",
        r#"<base href="/first/"><base href="/second/"><a href="p">x</a>"#,
        &["https://ex.com/first/p"],
        &[],
    ),
    case(
        "a base without href is ignored",
        r#"<base target="_blank"><base href="/second/"><a href="p">x</a>"#,
        &["https://ex.com/second/p"],
        &[],
    ),
    case(
        "an unparseable base href falls back to the page URL",
        r#"<base href="http://[::1"><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    case(
        "a later base does not replace an unparseable first one",
        r#"<base href="https://exa mple/"><base href="/second/"><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    case(
        "a data: base falls back to the page URL",
        r#"<base href="data:text/html,x"><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    case(
        "a javascript: base falls back to the page URL",
        r#"<base href="javascript:void(0)"><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    case(
        "a base after the links still applies to them",
        r#"<a href="p">x</a><base href="/late/">"#,
        &["https://ex.com/late/p"],
        &[],
    ),
    case(
        "an empty base href is the page URL",
        r#"<base href=""><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    case(
        "a base in template contents does not count",
        r#"<template><base href="/t/"></template><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    case(
        "an SVG base does not count",
        r#"<svg><base href="/svg/"/></svg><a href="p">x</a>"#,
        &["https://ex.com/a/p"],
        &[],
    ),
    // Schemes.
    case(
        "protocol-relative",
        r#"<a href="//other.org/p">x</a>"#,
        &["https://other.org/p"],
        &[],
    ),
    on(
        "http://ex.com/",
        case(
            "protocol-relative on an http page",
            r#"<a href="//other.org/p?q">x</a>"#,
            &["http://other.org/p?q"],
            &[],
        ),
    ),
    case(
        "javascript: is a URL",
        r#"<a href="javascript:void(0)">x</a><a href="JavaScript:go('a b')">y</a>"#,
        &["javascript:void(0)", "javascript:go('a b')"],
        &[],
    ),
    case(
        "data: is a URL",
        r#"<a href="data:text/html,hi">x</a>"#,
        &["data:text/html,hi"],
        &[],
    ),
    case(
        "mailto: and tel:",
        r#"<a href="mailto:a@ex.com?subject=hi">x</a><a href="tel:+1-555">y</a>"#,
        &["mailto:a@ex.com?subject=hi", "tel:+1-555"],
        &[],
    ),
    case(
        "an unknown scheme",
        r#"<a href="web+thing:x/y">x</a>"#,
        &["web+thing:x/y"],
        &[],
    ),
    with(
        Opts::HttpOnly,
        case(
            "http_only filters other schemes, apart from unparseable values",
            r#"<a href="javascript:void(0)">1</a><a href="http://ex.org/">2</a>
               <a href="data:,x">3</a><a href="mailto:a@ex.com">4</a><a href="/rel">5</a>
               <a href="ftp://ex.com/f">6</a><a href="https://">7</a>"#,
            &["http://ex.org/", "https://ex.com/rel"],
            &[
                ("javascript:void(0)", NotHttp),
                ("data:,x", NotHttp),
                ("mailto:a@ex.com", NotHttp),
                ("ftp://ex.com/f", NotHttp),
                ("https://", Unparseable(ParseError::EmptyHost)),
            ],
        ),
    ),
    // Whitespace and control characters.
    case(
        "spaces and newlines around and inside",
        "<a href=\"  /a\n/b  \">x</a><a href=\"\n\t/c\t\r\n\">y</a>",
        &["https://ex.com/a/b", "https://ex.com/c"],
        &[],
    ),
    case(
        "tabs and newlines inside are removed, spaces encoded",
        "<a href=\"/p a\tt\nh?q=a b\t\">x</a>",
        &["https://ex.com/p%20ath?q=a%20b"],
        &[],
    ),
    case(
        "C0 controls at the ends are trimmed",
        r#"<a href="&#x1;/ctl&#x1F;">x</a>"#,
        &["https://ex.com/ctl"],
        &[],
    ),
    case(
        "a no-break space is not trimmed",
        r#"<a href="&nbsp;x">x</a>"#,
        &["https://ex.com/a/%C2%A0x"],
        &[],
    ),
    case(
        "an empty href links to the base URL",
        r#"<a href="">x</a><a href="   ">y</a>"#,
        &["https://ex.com/a/b.html", "https://ex.com/a/b.html"],
        &[],
    ),
    on(
        "https://ex.com/a/b.html?q=1#frag",
        case(
            "an empty href keeps the query and drops the fragment",
            r#"<a href="">x</a>"#,
            &["https://ex.com/a/b.html?q=1"],
            &[],
        ),
    ),
    // Unparseable values.
    case(
        "unparseable values are skipped and counted",
        r#"<a href="http://[::1">1</a><a href="http://exa mple.com">2</a><a href="https://">3</a>
           <a href="http://ex.com:99999/">4</a><a href="http://1.2.3.256/">5</a><a href="/ok">6</a>"#,
        &["https://ex.com/ok"],
        &[
            ("http://[::1", Unparseable(ParseError::InvalidIpv6Address)),
            ("http://exa mple.com", Unparseable(ParseError::IdnaError)),
            ("https://", Unparseable(ParseError::EmptyHost)),
            ("http://ex.com:99999/", Unparseable(ParseError::InvalidPort)),
            (
                "http://1.2.3.256/",
                Unparseable(ParseError::InvalidIpv4Address),
            ),
        ],
    ),
    on(
        "data:text/html,page",
        case(
            "relative values on a page that cannot be a base",
            r#"<a href="x">1</a><a href="https://ex.org/">2</a>"#,
            &["https://ex.org/"],
            &[(
                "x",
                Unparseable(ParseError::RelativeUrlWithCannotBeABaseBase),
            )],
        ),
    ),
    // Relative references.
    case(
        "fragment only",
        r##"<a href="#top">x</a>"##,
        &["https://ex.com/a/b.html#top"],
        &[],
    ),
    on(
        "https://ex.com/a/b.html?x=1#old",
        case(
            "a fragment replaces the page's",
            r##"<a href="#top">x</a>"##,
            &["https://ex.com/a/b.html?x=1#top"],
            &[],
        ),
    ),
    case(
        "query only",
        r#"<a href="?q=1">x</a>"#,
        &["https://ex.com/a/b.html?q=1"],
        &[],
    ),
    case(
        "../ cannot climb above the root",
        r#"<a href="../../../../x">1</a><a href="/../y">2</a><a href="../z">3</a>"#,
        &["https://ex.com/x", "https://ex.com/y", "https://ex.com/z"],
        &[],
    ),
    case(
        "dot segments",
        r#"<a href="/p/./q/../r">1</a><a href="./s">2</a><a href=".">3</a>"#,
        &[
            "https://ex.com/p/r",
            "https://ex.com/a/s",
            "https://ex.com/a/",
        ],
        &[],
    ),
    case(
        "backslashes are slashes in http URLs",
        r#"<a href="\p\q">x</a><a href="\\other.org\r">y</a>"#,
        &["https://ex.com/p/q", "https://other.org/r"],
        &[],
    ),
    // Encoding.
    case(
        "non-ASCII and spaces are percent-encoded",
        r#"<a href="/ü ber?q=ü ber#ü ber">x</a>"#,
        &["https://ex.com/%C3%BC%20ber?q=%C3%BC%20ber#%C3%BC%20ber"],
        &[],
    ),
    case(
        "existing percent-escapes are kept",
        r#"<a href="/a%20b/%zz?x=%41">x</a>"#,
        &["https://ex.com/a%20b/%zz?x=%41"],
        &[],
    ),
    case(
        "character references are resolved first",
        r#"<a href="/s?x=1&amp;y=2">1</a><a href="/s?x=1&copy=2">2</a><a href="/&#252;">3</a>"#,
        &[
            "https://ex.com/s?x=1&y=2",
            "https://ex.com/s?x=1&copy=2",
            "https://ex.com/%C3%BC",
        ],
        &[],
    ),
    case(
        "IDNA hosts",
        r#"<a href="https://bücher.de/x">1</a><a href="HTTPS://EX.COM:443/Path">2</a>"#,
        &["https://xn--bcher-kva.de/x", "https://ex.com/Path"],
        &[],
    ),
    // Elements.
    case(
        "area and link elements",
        r#"<link rel="stylesheet" href="/s.css"><map name="m"><area href="/area" alt="a"></map>
           <link rel="canonical" href="https://ex.com/canon">"#,
        &[
            "https://ex.com/s.css",
            "https://ex.com/area",
            "https://ex.com/canon",
        ],
        &[],
    ),
    case(
        "img and iframe are not asked for by default",
        r#"<img src="/i.png"><iframe src="/f"></iframe><a href="/a">x</a>"#,
        &["https://ex.com/a"],
        &[],
    ),
    with(
        Opts::All,
        case(
            "img and iframe when asked",
            r#"<img src="/i.png"><iframe src="/f"></iframe><a href="/a">x</a><img alt="no src">"#,
            &[
                "https://ex.com/i.png",
                "https://ex.com/f",
                "https://ex.com/a",
            ],
            &[],
        ),
    ),
    with(
        Opts::All,
        case(
            "an empty src or link href fetches nothing",
            r#"<img src=""><iframe src=""></iframe><link href=""><a href="">x</a><img src=" ">"#,
            &["https://ex.com/a/b.html", "https://ex.com/a/b.html"],
            &[("", Empty), ("", Empty), ("", Empty)],
        ),
    ),
    case(
        "uppercase names",
        r#"<A HREF="/up">x</A><LINK Href="/l">"#,
        &["https://ex.com/up", "https://ex.com/l"],
        &[],
    ),
    case(
        "template contents are not included",
        r#"<template><a href="/in-template">x</a></template><a href="/out">y</a>"#,
        &["https://ex.com/out"],
        &[],
    ),
    case(
        "SVG and MathML links are not included",
        r#"<svg><a href="/svg-a"><text>x</text></a></svg><math><a href="/m">m</a></math>"#,
        &[],
        &[],
    ),
    case(
        "anchors without href are not links",
        r#"<a name="x">x</a><a id="y">y</a><area alt="z"><link rel="preconnect">"#,
        &[],
        &[],
    ),
    case(
        "duplicates are kept in tree order",
        r#"<a href="/d">1</a><a href="/e">2</a><a href="/d">3</a>"#,
        &["https://ex.com/d", "https://ex.com/e", "https://ex.com/d"],
        &[],
    ),
    case(
        "links in noscript markup with scripting on are raw text",
        r#"<noscript><a href="/ns">x</a></noscript><a href="/after">y</a>"#,
        &["https://ex.com/after"],
        &[],
    ),
];

#[test]
fn links_table() {
    let mut failures = Vec::new();
    for case in CASES {
        let doc = parse_html(case.html, &ParseOptions::new()).unwrap();
        let page = Url::parse(case.page).unwrap();
        let links = doc.links_with(&page, &case.opts.options());
        let got: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        let skipped: Vec<(&str, SkipReason)> =
            links.skipped().iter().map(|s| (s.raw, s.reason)).collect();
        if got != case.links || skipped != case.skipped {
            failures.push(format!(
                "{} ({:?}):\n  links   {got:?}\n  wanted  {:?}\n  skipped {skipped:?}\n  wanted  {:?}",
                case.name, case.opts, case.links, case.skipped
            ));
        }
        let unparseable = case
            .skipped
            .iter()
            .filter(|(_, r)| matches!(r, Unparseable(_)))
            .count();
        let skipped_unparseable = links
            .skipped()
            .iter()
            .filter(|s| matches!(s.reason, Unparseable(_)))
            .count();
        assert_eq!(skipped_unparseable, unparseable, "{}", case.name);
        // Every link's element is an HTML element carrying the raw value.
        for link in &links {
            assert_eq!(link.node.local_name(), Some(link.source.element()));
            assert_eq!(link.node.attr(link.source.attribute()), Some(link.raw));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn base_url_agrees_with_links() {
    for case in CASES {
        let doc = parse_html(case.html, &ParseOptions::new()).unwrap();
        let page = Url::parse(case.page).unwrap();
        let links = doc.links_with(&page, &case.opts.options());
        assert_eq!(&doc.base_url(&page), links.base(), "{}", case.name);
    }
}

#[test]
fn link_elements_and_sources() {
    let html = r#"<link rel="icon" href="/i"><p><a href="/a" rel="nofollow">anchor <b>text</b></a>
                  <img src="/img"><iframe src="/if"></iframe><map><area href="/ar"></map>"#;
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    let page = Url::parse(PAGE).unwrap();
    let links = doc.links_with(&page, &LinkOptions::new().images(true).iframes(true));
    let sources: Vec<LinkSource> = links.iter().map(|l| l.source).collect();
    assert_eq!(
        sources,
        [
            LinkSource::LinkElement,
            LinkSource::A,
            LinkSource::Img,
            LinkSource::Iframe,
            LinkSource::Area
        ]
    );
    let a = &links[1];
    assert_eq!(a.node.attr("rel"), Some("nofollow"));
    assert_eq!(a.node.readable_text(), "anchor text");

    let only_anchors = doc.links_with(&page, &LinkOptions::new().link_elements(false));
    let paths: Vec<&str> = only_anchors.iter().map(|l| l.url.path()).collect();
    assert_eq!(paths, ["/a", "/ar"]);
    let no_anchors = doc.links_with(&page, &LinkOptions::new().anchors(false));
    let paths: Vec<&str> = no_anchors.iter().map(|l| l.url.path()).collect();
    assert_eq!(paths, ["/i"]);
}

#[test]
fn unique_links_keep_first_appearance() {
    let html = r##"<a href="/b">1</a><a href="/a">2</a><a href="b">3</a><a href="/b">4</a><a href="/b#x">5</a>"##;
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    let page = Url::parse("https://ex.com/").unwrap();
    assert_eq!(doc.links(&page).len(), 5);
    let found = |options: &LinkOptions| {
        let links = doc.links_with(&page, options);
        let kept: Vec<(String, String)> = links
            .iter()
            .map(|l| (l.url.to_string(), l.text()))
            .collect();
        let duplicates: Vec<String> = links
            .skipped()
            .iter()
            .inspect(|s| assert_eq!(s.reason, SkipReason::Duplicate))
            .map(|s| s.node.text())
            .collect();
        (kept, duplicates)
    };
    let pair = |url: &str, text: &str| (url.to_owned(), text.to_owned());
    assert_eq!(
        found(&LinkOptions::new().unique(true)),
        (
            vec![
                pair("https://ex.com/b", "1"),
                pair("https://ex.com/a", "2"),
                pair("https://ex.com/b#x", "5")
            ],
            vec!["3".to_owned(), "4".to_owned()]
        )
    );
    // Without fragments, /b#x is /b again.
    assert_eq!(
        found(&LinkOptions::new().unique(true).fragments(false)),
        (
            vec![pair("https://ex.com/b", "1"), pair("https://ex.com/a", "2")],
            vec!["3".to_owned(), "4".to_owned(), "5".to_owned()]
        )
    );
}

#[test]
fn hostile_values_never_panic() {
    // Long, odd and broken values: each either resolves or is skipped.
    let long = format!("/{}", "a/".repeat(50_000));
    let many_dots = "../".repeat(10_000);
    let values = [
        long.as_str(),
        many_dots.as_str(),
        "http://",
        "http:",
        "https:x",
        "//",
        "///",
        "http://[",
        "http://[]/",
        "http://%zz/",
        "http://xn--/",
        "http://a\u{0}b/",
        "\u{0}",
        "%",
        ":",
        "::::",
        "http://ex.com:/",
        "http://user:pass@ex.com/",
        "http://@/",
        "http://ex.com:-1/",
        "http://\u{200b}/",
        "http://ex..com/",
        "\u{feff}/x",
    ];
    let html: String = values
        .iter()
        .map(|v| format!("<a href=\"{}\">x</a>", v.replace('"', "&quot;")))
        .collect();
    let doc = parse_html(&html, &ParseOptions::new()).unwrap();
    let page = Url::parse(PAGE).unwrap();
    let links = doc.links(&page);
    assert_eq!(links.len() + links.skipped().len(), values.len());
    assert!(
        links
            .skipped()
            .iter()
            .all(|s| matches!(s.reason, Unparseable(_)))
    );
}

#[test]
fn fragments_have_links() {
    let doc = htmldict::parse_fragment(
        "div",
        r#"<base href="/b/"><a href="x">x</a>"#,
        &ParseOptions::new(),
    )
    .unwrap();
    let page = Url::parse(PAGE).unwrap();
    let urls: Vec<String> = doc.links(&page).iter().map(|l| l.url.to_string()).collect();
    assert_eq!(urls, ["https://ex.com/b/x"]);
}

/// The crawl preset on every carried page, against links worked out from
/// scraper's tree by the standard's rules: the base URL from the first HTML
/// `base` with an `href` (unless it does not parse or is `data:` or
/// `javascript:`), then each HTML `a[href]` and `area[href]` outside
/// template contents, resolved against it, `http` and `https` only,
/// without the fragment, the first of each URL with its `rel`.
#[test]
fn the_crawl_preset_agrees_with_a_reference_on_the_carried_pages() {
    let html_ns = "http://www.w3.org/1999/xhtml";
    let page = Url::parse("https://pages.example.com/dir/page.html").unwrap();
    let base_selector = scraper::Selector::parse("base[href]").unwrap();
    let anchor_selector = scraper::Selector::parse("a[href], area[href]").unwrap();
    let (mut total, mut texts) = (0, 0);
    for (name, html) in htmldict_test_support::data::carried_pages() {
        let theirs = scraper::Html::parse_document(&html);
        let outside_templates = |element: &scraper::ElementRef<'_>| {
            &*element.value().name.ns == html_ns
                && !element.ancestors().any(|a| a.value().is_fragment())
        };
        let base = theirs
            .select(&base_selector)
            .find(|e| outside_templates(e))
            .and_then(|e| e.value().attr("href"))
            .and_then(|href| Url::options().base_url(Some(&page)).parse(href).ok())
            .filter(|url| !matches!(url.scheme(), "data" | "javascript"))
            .unwrap_or_else(|| page.clone());
        let mut seen = std::collections::HashSet::new();
        let mut expected = Vec::new();
        let mut expected_texts = Vec::new();
        for element in theirs.select(&anchor_selector).filter(outside_templates) {
            let href = element.value().attr("href").unwrap();
            let Ok(mut url) = Url::options().base_url(Some(&base)).parse(href) else {
                continue;
            };
            if !matches!(url.scheme(), "http" | "https") {
                continue;
            }
            url.set_fragment(None);
            if seen.insert(url.to_string()) {
                let rel = element.value().attr("rel").unwrap_or("");
                let nofollow = rel
                    .split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("nofollow"));
                let text: String = element.text().collect();
                let text = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                let plain = !element.descendants().any(|n| {
                    n.value().as_element().is_some_and(|e| {
                        matches!(
                            e.name(),
                            "script"
                                | "style"
                                | "noscript"
                                | "template"
                                | "br"
                                | "div"
                                | "p"
                                | "li"
                                | "ul"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "h4"
                                | "img"
                                | "svg"
                        )
                    })
                });
                expected_texts.push(plain.then_some(text));
                expected.push((url.to_string(), rel.to_owned(), nofollow));
            }
        }

        let doc = parse_html(&html, &ParseOptions::new()).unwrap();
        let links = doc.links_with(&page, &LinkOptions::crawl());
        let got: Vec<(String, String, bool)> = links
            .iter()
            .map(|l| {
                let rel = l.node.attr("rel").unwrap_or("").to_owned();
                (l.url.to_string(), rel, l.has_rel("nofollow"))
            })
            .collect();
        assert_eq!(got, expected, "{name}");
        assert_eq!(links.base(), &base, "{name}");
        // `rel()` gives the attribute's tokens; `text()` the anchor text,
        // compared for anchors holding only text and inline markup.
        for (link, (_, rel, _)) in links.iter().zip(&expected) {
            assert_eq!(
                link.rel().collect::<Vec<_>>(),
                rel.split_ascii_whitespace().collect::<Vec<_>>()
            );
        }
        for (link, text) in links.iter().zip(&expected_texts) {
            if let Some(text) = text {
                assert_eq!(&link.text(), text, "{name}: {}", link.url);
                texts += 1;
            }
        }
        total += got.len();
    }
    assert!(total > 1000, "only {total} links on the carried pages");
    assert!(texts > 500, "only {texts} anchor texts compared");
}
