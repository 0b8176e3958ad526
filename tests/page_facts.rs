//! `Document::page_facts` on every carried page, against the same facts
//! read from scraper's tree with CSS attribute selectors (`~=` for `rel`
//! tokens, the `i` flag for names compared without case), template
//! contents and non-HTML elements left out.

use htmldict::{ParseOptions, Url, parse_html};
use htmldict_test_support::data::carried_pages;

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// scraper's HTML elements matching `selector`, outside template contents.
fn matching<'a>(html: &'a scraper::Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter(|e| &*e.value().name.ns == HTML_NS)
        .filter(|e| !e.ancestors().any(|a| a.value().is_fragment()))
        .collect()
}

#[test]
fn page_facts_agree_with_a_reference_on_the_carried_pages() {
    let page = Url::parse("https://pages.example.com/dir/page.html").unwrap();
    let (mut canonicals, mut descriptions, mut languages) = (0, 0, 0);
    for (name, html) in carried_pages() {
        let doc = parse_html(&html, &ParseOptions::new()).unwrap();
        let facts = doc.page_facts(&page);
        let theirs = scraper::Html::parse_document(&html);
        let base = doc.base_url(&page);
        let resolve = |href: &str| Url::options().base_url(Some(&base)).parse(href).ok();

        let canonical = matching(&theirs, "link[rel~=canonical i][href]")
            .first()
            .and_then(|e| resolve(e.value().attr("href").unwrap()));
        assert_eq!(facts.canonical, canonical, "{name}: canonical");

        let description = matching(&theirs, "meta[name=description i][content]")
            .first()
            .map(|e| {
                let content = e.value().attr("content").unwrap();
                content
                    .split_ascii_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        assert_eq!(facts.description, description, "{name}: description");

        let robots: Vec<String> = matching(&theirs, "meta[name=robots i][content]")
            .iter()
            .flat_map(|e| e.value().attr("content").unwrap().split(','))
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        assert_eq!(facts.robots, robots, "{name}: robots");
        let has = |d: &str| robots.iter().any(|r| r == d || r == "none");
        assert_eq!(facts.noindex(), has("noindex"), "{name}");
        assert_eq!(facts.nofollow(), has("nofollow"), "{name}");

        let alternates: Vec<(String, Url)> =
            matching(&theirs, "link[rel~=alternate i][hreflang][href]")
                .iter()
                .filter_map(|e| {
                    let url = resolve(e.value().attr("href").unwrap())?;
                    Some((e.value().attr("hreflang").unwrap().to_owned(), url))
                })
                .collect();
        assert_eq!(facts.alternates, alternates, "{name}: alternates");

        let language = theirs
            .root_element()
            .value()
            .attr("lang")
            .map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace()).to_owned())
            .filter(|l| !l.is_empty());
        assert_eq!(facts.language, language, "{name}: language");

        canonicals += usize::from(canonical.is_some());
        descriptions += usize::from(description.is_some());
        languages += usize::from(language.is_some());
    }
    // The carried pages exercise each fact.
    assert!(canonicals >= 5, "{canonicals} canonical URLs");
    assert!(descriptions >= 5, "{descriptions} descriptions");
    assert!(languages >= 5, "{languages} languages");
}
