//! `ElementRef`'s conveniences and `Document::title`, on every carried page,
//! against scraper's tree of the same page: both trees come from html5ever's
//! tree builder, so the n-th element in tree order (template contents left
//! out) is the same element in both, and each answer can be compared by
//! that position.

use std::collections::HashMap;

use htmldict::{Document, ElementRef, NodeId, NodeRef, ParseOptions, Selector, parse_html};
use htmldict_test_support::data::carried_pages;

/// Selectors `closest` is tried with from every element.
const CLOSEST: &[&str] = &[
    "div",
    "a[href]",
    "li, td",
    "section > *",
    "[class]",
    "body > *",
    ":is(nav, header, footer, main, article)",
    "p:first-child",
];

/// Our elements in tree order, outside template contents.
fn our_elements(doc: &Document) -> Vec<ElementRef<'_>> {
    doc.root()
        .descendants()
        .filter_map(|n| n.as_element())
        .collect()
}

/// scraper's elements in tree order, outside template contents.
fn their_elements(html: &scraper::Html) -> Vec<scraper::ElementRef<'_>> {
    html.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| !e.ancestors().any(|a| a.value().is_fragment()))
        .collect()
}

/// The position of an element in tree order, for each tree.
fn our_positions(elements: &[ElementRef<'_>]) -> HashMap<NodeId, usize> {
    elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.node_id(), i))
        .collect()
}

#[test]
fn element_conveniences_agree_with_scraper_on_the_carried_pages() {
    let mut checked = 0;
    for (name, html) in carried_pages() {
        let doc = parse_html(&html, &ParseOptions::new()).unwrap();
        let theirs = scraper::Html::parse_document(&html);
        let ours = our_elements(&doc);
        let them = their_elements(&theirs);
        assert_eq!(ours.len(), them.len(), "{name}: element counts");
        let position = our_positions(&ours);
        let their_position: HashMap<_, usize> =
            them.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
        let their_pos = |e: Option<scraper::ElementRef<'_>>| e.map(|e| their_position[&e.id()]);
        let our_pos = |e: Option<ElementRef<'_>>| e.map(|e| position[&e.node_id()]);
        let quirks = doc.quirks_mode() == htmldict::QuirksMode::Quirks;
        let case = if quirks {
            scraper::CaseSensitivity::AsciiCaseInsensitive
        } else {
            scraper::CaseSensitivity::CaseSensitive
        };

        for (i, (our, their)) in ours.iter().zip(&them).enumerate() {
            let at = format!("{name}: element {i} <{}>", our.name());
            assert_eq!(our.name(), &*their.value().name.local, "{at}");
            let namespace = match &*their.value().name.ns {
                "http://www.w3.org/1999/xhtml" => htmldict::Namespace::Html,
                "http://www.w3.org/2000/svg" => htmldict::Namespace::Svg,
                _ => htmldict::Namespace::MathMl,
            };
            assert_eq!(our.namespace(), namespace, "{at}");
            assert_eq!(our.id(), their.value().attr("id"), "{at}");
            assert_eq!(
                our.classes().collect::<Vec<_>>(),
                their
                    .value()
                    .attr("class")
                    .map_or(vec![], |c| c.split_ascii_whitespace().collect()),
                "{at}"
            );
            for class in their.value().classes().chain(["x", "Active", "active"]) {
                assert_eq!(
                    our.has_class(class),
                    their.value().has_class(class, case),
                    "{at}: has_class({class:?})"
                );
            }
            assert_eq!(
                our_pos(our.parent_element()),
                their_pos(their.parent().and_then(scraper::ElementRef::wrap)),
                "{at}"
            );
            let our_up: Vec<usize> = our
                .ancestor_elements()
                .map(|e| position[&e.node_id()])
                .collect();
            let their_up: Vec<usize> = their
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .map(|e| their_position[&e.id()])
                .collect();
            assert_eq!(our_up, their_up, "{at}: ancestors");
            assert_eq!(
                our_pos(our.next_sibling_element()),
                their_pos(their.next_siblings().find_map(scraper::ElementRef::wrap)),
                "{at}"
            );
            assert_eq!(
                our_pos(our.prev_sibling_element()),
                their_pos(their.prev_siblings().find_map(scraper::ElementRef::wrap)),
                "{at}"
            );
            assert_eq!(
                our.next_sibling_elements().count(),
                their
                    .next_siblings()
                    .filter_map(scraper::ElementRef::wrap)
                    .count(),
                "{at}"
            );
            assert_eq!(
                our.prev_sibling_elements().count(),
                their
                    .prev_siblings()
                    .filter_map(scraper::ElementRef::wrap)
                    .count(),
                "{at}"
            );
            // Text nodes, without copies; scraper's include template
            // contents, which ours leave out, so elements holding a
            // template are skipped.
            if !our.descendants().any(|n| n.is_html_element("template")) {
                assert_eq!(
                    our.texts().collect::<Vec<_>>(),
                    their.text().collect::<Vec<_>>(),
                    "{at}: texts"
                );
            }
            checked += 1;
        }

        for selector in CLOSEST {
            let our_selector = Selector::parse(selector).unwrap();
            let their_selector = scraper::Selector::parse(selector).unwrap();
            for (our, their) in ours.iter().zip(&them) {
                let expected = std::iter::once(*their)
                    .chain(their.ancestors().filter_map(scraper::ElementRef::wrap))
                    .find(|e| their_selector.matches(e));
                assert_eq!(
                    our_pos(our.closest(&our_selector)),
                    their_pos(expected),
                    "{name}: closest({selector:?}) from <{}>",
                    our.name()
                );
            }
        }
    }
    assert!(checked > 10_000, "only {checked} elements checked");
}

/// `Document::title` by the standard's rule, from scraper's tree: the first
/// HTML `title` element outside template contents, its text node children
/// concatenated, ASCII whitespace stripped and collapsed; none when that is
/// empty.
#[test]
fn titles_agree_with_the_standard_on_the_carried_pages() {
    let html_ns = "http://www.w3.org/1999/xhtml";
    let mut titled = 0;
    for (name, html) in carried_pages() {
        let theirs = scraper::Html::parse_document(&html);
        let expected = their_elements(&theirs)
            .into_iter()
            .find(|e| &*e.value().name.local == "title" && &*e.value().name.ns == html_ns)
            .map(|title| {
                let text: String = title
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
            })
            .filter(|title| !title.is_empty());
        let doc = parse_html(&html, &ParseOptions::new()).unwrap();
        assert_eq!(doc.title(), expected, "{name}");
        titled += usize::from(expected.is_some());
    }
    assert!(titled >= 20, "only {titled} carried pages have a title");
}

/// Every element that selectors hand out is the element the node walk
/// finds, and its name needs no `Option`.
#[test]
fn selected_elements_are_the_walks_elements() {
    for (name, html) in carried_pages() {
        let doc = parse_html(&html, &ParseOptions::new()).unwrap();
        let all = Selector::parse("*").unwrap();
        let selected: Vec<NodeRef<'_>> = doc.select(&all).map(|e| e.node()).collect();
        let walked: Vec<NodeRef<'_>> = our_elements(&doc).iter().map(|e| e.node()).collect();
        assert_eq!(selected, walked, "{name}");
        for element in doc.select(&all) {
            assert_eq!(Some(element.name()), element.local_name());
            assert_eq!(element.node().as_element(), Some(element));
        }
    }
}
