//! `Document::get_element_by_id` returns the first element in tree order
//! with that id, with `collect_ids` on (index) and off (scan) alike, however
//! the parser moved elements around.

use std::collections::BTreeSet;

use htmldict::{Document, Namespace, NodeId, NodeRef, ParseOptions, parse_html};
use htmldict_test_support::checks::all_nodes;
use htmldict_test_support::data::carried_pages;
use htmldict_test_support::tree_suite::all_tree_cases;

fn parse(html: &str, collect_ids: bool) -> Document {
    let doc = parse_html(html, &ParseOptions::new().collect_ids(collect_ids)).unwrap();
    assert_eq!(doc.has_id_index(), collect_ids);
    doc
}

fn has_id(node: &NodeRef<'_>, id: &str) -> bool {
    node.is_element()
        && node
            .attrs()
            .any(|a| a.namespace == Namespace::None && a.name == "id" && a.value == id)
}

/// The DOM's answer, by brute force: the first element in tree order (template
/// contents are not in the tree) whose `id` is `id`; never one for "".
fn first_in_tree_order<'a>(doc: &'a Document, id: &str) -> Option<NodeRef<'a>> {
    if id.is_empty() {
        return None;
    }
    doc.root().descendants().find(|node| has_id(node, id))
}

/// Checks `get_element_by_id(id)` on the same page parsed with `collect_ids`
/// on and off: each agrees with the brute-force scan, and both find the same
/// node. Returns that node's id.
fn check_pair(on: &Document, off: &Document, id: &str, context: &str) -> Option<NodeId> {
    let mut answers = Vec::new();
    for doc in [on, off] {
        let found = doc.get_element_by_id(id);
        let expected = first_in_tree_order(doc, id);
        assert_eq!(
            found.map(|n| n.node_id()),
            expected.map(|n| n.node_id()),
            "{context}: get_element_by_id({id:?}) with collect_ids={} found {found:?}, \
             the first element in tree order is {expected:?}",
            doc.has_id_index()
        );
        if let Some(node) = found {
            assert_eq!(node.attr("id"), Some(id), "{context}");
        }
        answers.push(found.map(|n| (n.node_id(), n.local_name())));
    }
    assert_eq!(
        answers[0], answers[1],
        "{context}: {id:?} with collect_ids on and off"
    );
    answers[0].map(|(node, _)| node)
}

/// Parses `html` both ways, checks the lookup of `id`, and returns the found
/// element's HTML.
fn lookup(html: &str, id: &str) -> Option<String> {
    let on = parse(html, true);
    let off = parse(html, false);
    check_pair(&on, &off, id, html).map(|node| on.node(node).unwrap().outer_html())
}

/// Like [`lookup`], for an element whose whole HTML is too long to spell
/// out: its local name.
fn lookup_name(html: &str, id: &str) -> Option<String> {
    let on = parse(html, true);
    let off = parse(html, false);
    check_pair(&on, &off, id, html)
        .map(|node| on.node(node).unwrap().local_name().unwrap().to_owned())
}

/// How many elements in the tree carry `id` (for checking that a case
/// really has the duplicates it is about).
fn count_in_tree(html: &str, id: &str) -> usize {
    let doc = parse(html, false);
    doc.root().descendants().filter(|n| has_id(n, id)).count()
}

/// Every `id` value in the document, template contents included.
fn all_id_values(doc: &Document) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for node in all_nodes(doc) {
        if let Some(id) = node.attr("id").filter(|_| node.is_element()) {
            ids.insert(id.to_owned());
        }
    }
    ids
}

#[test]
fn first_of_duplicate_ids() {
    let html = "<div id=a>1</div><span id=a>2</span><p id=a>3";
    assert_eq!(count_in_tree(html, "a"), 3);
    assert_eq!(lookup(html, "a").as_deref(), Some(r#"<div id="a">1</div>"#));

    // Head before body.
    let html = "<title id=t>T</title><p id=t>p";
    assert_eq!(
        lookup(html, "t").as_deref(),
        Some(r#"<title id="t">T</title>"#)
    );

    // Nested duplicates: the outer one comes first.
    let html = "<section id=n><div id=n>inner</div></section>";
    assert_eq!(lookup_name(html, "n").as_deref(), Some("section"));

    assert_eq!(lookup(html, "missing"), None);
}

#[test]
fn id_values_match_exactly() {
    let html = r#"<div id=Foo>case</div><div ID=up>upper</div><div id=" a b ">space</div>
                  <div id="x&amp;y">ref</div><div id="é日本">utf8</div>"#;
    assert_eq!(lookup(html, "foo"), None);
    assert_eq!(
        lookup(html, "Foo").as_deref(),
        Some(r#"<div id="Foo">case</div>"#)
    );
    assert_eq!(
        lookup(html, "up").as_deref(),
        Some(r#"<div id="up">upper</div>"#)
    );
    assert_eq!(lookup(html, "UP"), None);
    assert_eq!(lookup(html, "a"), None);
    assert_eq!(
        lookup(html, " a b ").as_deref(),
        Some(r#"<div id=" a b ">space</div>"#)
    );
    assert_eq!(
        lookup(html, "x&y").as_deref(),
        Some(r#"<div id="x&amp;y">ref</div>"#)
    );
    assert_eq!(lookup(html, "x&amp;y"), None);
    assert_eq!(
        lookup(html, "é日本").as_deref(),
        Some(r#"<div id="é日本">utf8</div>"#)
    );
}

#[test]
fn empty_id_is_never_found() {
    let html = r#"<div id="">e</div><p id>f</p><span id=s></span>"#;
    let doc = parse(html, false);
    let empty = doc
        .root()
        .descendants()
        .filter(|n| n.attr("id") == Some(""))
        .count();
    assert_eq!(empty, 2, "the page has two elements with an empty id");
    for collect_ids in [true, false] {
        let doc = parse(html, collect_ids);
        assert!(
            doc.get_element_by_id("").is_none(),
            "collect_ids={collect_ids}"
        );
    }
    assert_eq!(lookup(html, ""), None);
    assert_eq!(
        lookup(html, "s").as_deref(),
        Some(r#"<span id="s"></span>"#)
    );
}

#[test]
fn ids_moved_by_the_adoption_agency() {
    // The <b> is reconstructed inside the second <p> as a copy carrying the
    // same id; the original, in the first <p>, comes first.
    let html = "<p id=a><b id=b>x<p id=c>y</b>z";
    assert_eq!(count_in_tree(html, "b"), 2);
    assert_eq!(lookup(html, "b").as_deref(), Some(r#"<b id="b">x</b>"#));
    assert_eq!(
        lookup(html, "a").as_deref(),
        Some(r#"<p id="a"><b id="b">x</b></p>"#)
    );
    assert_eq!(
        lookup(html, "c").as_deref(),
        Some(r#"<p id="c"><b id="b">y</b>z</p>"#)
    );

    // The <div> is moved out of the <a>, and a copy of the <a> made inside it.
    let html = "<a id=x><div id=y>text</a>";
    assert_eq!(count_in_tree(html, "x"), 2);
    assert_eq!(lookup(html, "x").as_deref(), Some(r#"<a id="x"></a>"#));
    assert_eq!(
        lookup(html, "y").as_deref(),
        Some(r#"<div id="y"><a id="x">text</a></div>"#)
    );

    // The furthest block moves; the formatting element is cloned into it.
    let html = "<b id=1>1<p id=2>2</b>3</p>";
    assert_eq!(lookup(html, "1").as_deref(), Some(r#"<b id="1">1</b>"#));
    assert_eq!(
        lookup(html, "2").as_deref(),
        Some(r#"<p id="2"><b id="1">2</b>3</p>"#)
    );

    // Several formatting elements and blocks, each carrying ids.
    let html = "<a id=o><b id=p><div id=q><i id=r>1</a>2<p id=s>3</b>4</i>5";
    for id in ["o", "p", "q", "r", "s"] {
        assert!(lookup(html, id).is_some(), "{id}");
        assert!(count_in_tree(html, id) >= 1);
    }
    assert!(count_in_tree(html, "r") >= 2, "the <i> was cloned");
}

#[test]
fn ids_on_foster_parented_elements() {
    let html = "<table><div id=f>fostered</div><tr><td id=cell>c</td></tr></table>";
    let doc = parse(html, true);
    let fostered = doc.get_element_by_id("f").unwrap();
    assert_eq!(fostered.parent().unwrap().local_name(), Some("body"));
    assert_eq!(fostered.next_sibling().unwrap().local_name(), Some("table"));
    assert_eq!(
        lookup(html, "f").as_deref(),
        Some(r#"<div id="f">fostered</div>"#)
    );
    assert_eq!(
        lookup(html, "cell").as_deref(),
        Some(r#"<td id="cell">c</td>"#)
    );

    // Text and a formatting element fostered out of a table.
    let html = "<table id=t>x<b id=fb>bold<tr><td id=d>d</td></tr></table>";
    assert_eq!(
        lookup(html, "fb").as_deref(),
        Some(r#"<b id="fb">bold</b>"#)
    );
    assert_eq!(lookup_name(html, "t").as_deref(), Some("table"));
}

#[test]
fn a_later_duplicate_that_ends_up_earlier_wins() {
    // The <div> comes after the <td> in the source, but is fostered in
    // front of the table.
    let html = "<table><tr><td id=d>cell</td></tr><div id=d>fostered</div></table>";
    assert_eq!(count_in_tree(html, "d"), 2);
    assert_eq!(
        lookup(html, "d").as_deref(),
        Some(r#"<div id="d">fostered</div>"#)
    );

    let html = "<table><tr><td id=e>1</td></tr><b id=e>2</b></table>";
    assert_eq!(count_in_tree(html, "e"), 2);
    assert_eq!(lookup(html, "e").as_deref(), Some(r#"<b id="e">2</b>"#));

    // A second <body> or <html> tag gives its attributes to the element that
    // is already open, before everything in tree order.
    let html = "<p id=h>para</p><body id=h>";
    assert_eq!(count_in_tree(html, "h"), 2);
    assert_eq!(lookup_name(html, "h").as_deref(), Some("body"));
    let html = "<div id=r></div><html id=r>";
    assert_eq!(count_in_tree(html, "r"), 2);
    assert_eq!(lookup_name(html, "r").as_deref(), Some("html"));
}

#[test]
fn ids_inside_template_contents_are_not_found() {
    let html = "<template><div id=t1>in</div></template>";
    let doc = parse(html, true);
    assert!(
        all_id_values(&doc).contains("t1"),
        "the id is in the document"
    );
    assert_eq!(lookup(html, "t1"), None);

    let html = "<template><p id=both>in</p></template><p id=both>out</p>";
    assert_eq!(
        lookup(html, "both").as_deref(),
        Some(r#"<p id="both">out</p>"#)
    );
    let html = "<p id=both>out</p><template><p id=both>in</p></template>";
    assert_eq!(
        lookup(html, "both").as_deref(),
        Some(r#"<p id="both">out</p>"#)
    );

    // The template element itself is in the tree; nested contents are not.
    let html = "<template id=tpl><p id=tp>x<template><b id=deep>y</b></template></p></template>";
    assert_eq!(lookup_name(html, "tpl").as_deref(), Some("template"));
    assert_eq!(lookup(html, "tp"), None);
    assert_eq!(lookup(html, "deep"), None);

    // A template inside a table.
    let html = "<table><template><tr><td id=tt>c</td></tr></template></table><div id=tt>out</div>";
    assert_eq!(
        lookup(html, "tt").as_deref(),
        Some(r#"<div id="tt">out</div>"#)
    );
}

#[test]
fn ids_in_foreign_content() {
    let html = r#"<svg id=s viewBox="0 0 1 1"><g id=g1><circle id=c1 r=1 /></g>
        <foreignObject><div id=fo>html</div></foreignObject></svg>
        <math><mi id=m1>x</mi></math><p id=c1>later</p>"#;
    let doc = parse(html, true);
    let expectations = [
        ("s", "svg", Namespace::Svg),
        ("g1", "g", Namespace::Svg),
        ("c1", "circle", Namespace::Svg),
        ("fo", "div", Namespace::Html),
        ("m1", "mi", Namespace::MathMl),
    ];
    for (id, name, namespace) in expectations {
        let node = doc.get_element_by_id(id).unwrap();
        assert_eq!(node.local_name(), Some(name), "{id}");
        assert_eq!(node.namespace(), Some(namespace), "{id}");
        assert_eq!(lookup_name(html, id).as_deref(), Some(name));
    }
}

#[test]
fn ids_left_out_of_the_tree_are_not_found() {
    // A <frameset> replaces the body the parser had opened, with its children.
    let html = "<div id=gone></div><frameset id=fs></frameset>";
    let doc = parse(html, true);
    assert!(
        doc.root()
            .descendants()
            .any(|n| n.local_name() == Some("frameset")),
        "{}",
        doc.html5lib_tree()
    );
    assert!(doc.node_count() > doc.root().descendants().count());
    assert_eq!(lookup(html, "gone"), None);
    assert_eq!(lookup_name(html, "fs").as_deref(), Some("frameset"));
}

#[test]
fn every_id_on_the_carried_pages() {
    let mut checked = 0;
    let mut found = 0;
    let mut only_in_templates = 0;
    let mut duplicated = 0;
    for (page, html) in carried_pages() {
        let on = parse(&html, true);
        let off = parse(&html, false);
        let ids = all_id_values(&on);
        assert_eq!(ids, all_id_values(&off), "{page}");
        for id in &ids {
            let result = check_pair(&on, &off, id, &page);
            checked += 1;
            match result {
                Some(_) => found += 1,
                None => only_in_templates += 1,
            }
            if on.root().descendants().filter(|n| has_id(n, id)).count() > 1 {
                duplicated += 1;
            }
        }
        // And ids no element has.
        for absent in ["", "no-such-id-anywhere", "\u{0}"] {
            assert!(check_pair(&on, &off, absent, &page).is_none(), "{page}");
        }
    }
    println!(
        "{checked} ids checked: {found} found, {only_in_templates} not found (only in templates, or empty), \
         {duplicated} duplicated"
    );
    assert!(checked >= 200, "only {checked} ids on the carried pages");
    assert!(found >= 200);
}

#[test]
fn every_id_in_the_html5lib_documents() {
    // The tree-construction suite is full of misnested markup; whatever it
    // builds, both lookups agree with the tree.
    let mut checked = 0;
    for case in all_tree_cases() {
        if case.fragment.is_some() {
            continue;
        }
        let on = parse(&case.data, true);
        let off = parse(&case.data, false);
        for id in all_id_values(&on) {
            check_pair(&on, &off, &id, &case.name());
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} ids in the suite");
}

#[test]
fn ids_copied_into_selectedcontent() {
    // The option's children are copied into the select's selectedcontent,
    // which comes first in tree order: its copy of the <b> is the one found,
    // with the index and without.
    let html = "<select><button><selectedcontent></button><option><b id=x>X</b></option></select>";
    assert_eq!(count_in_tree(html, "x"), 2);
    let on = parse(html, true);
    let off = parse(html, false);
    let found = check_pair(&on, &off, "x", "selectedcontent").unwrap();
    let node = on.node(found).unwrap();
    assert_eq!(
        node.parent().and_then(|p| p.local_name()),
        Some("selectedcontent")
    );
    // A later selected option replaces the copies: the first copy's id is
    // no longer in the tree.
    let html = "<select><button><selectedcontent></button>\
                <option><b id=a>A</b></option><option selected><i id=b>B</i></option></select>";
    assert_eq!(count_in_tree(html, "a"), 1);
    assert_eq!(count_in_tree(html, "b"), 2);
    let (on, off) = (parse(html, true), parse(html, false));
    check_pair(&on, &off, "a", "replaced copies");
    check_pair(&on, &off, "b", "replaced copies");
}
