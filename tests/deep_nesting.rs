//! docs/ARCHITECTURE.md invariant 9: no recursion on input-controlled depth.
//!
//! Each shape below is nested 20,000 times with every limit off, and the
//! page is parsed (html5ever's tree builder and the sink), walked,
//! serialised, searched (selectors, `get_element_by_id`) and dropped on a thread whose stack is 256 KiB: a
//! recursion with even a 16-byte frame would overflow it at 20,000 levels.
//!
//! 20,000 is the depth the tests can afford: html5ever's tree builder scans
//! the stack of open elements for most start tags, so its cost grows with
//! the square of the depth (20,000 nested `<ul><li>`, 40,000 levels, take
//! about 3 s in release). Deeper pages are the depth limit's job, which
//! `tests/limits.rs` covers (512 KB of nested `<ul><li>` stop at level 513).

use htmldict::{Document, Limits, NodeKind, NodeRef, ParseOptions, Selector, parse_html};

/// Repetitions of each shape.
const REPS: usize = 20_000;

/// Depth at which the html5lib dump is checked. Its indentation makes it
/// grow with the square of the depth (about 25 MB at 5,000 levels, 400 MB
/// at 20,000), so it gets a shallower document of the same shape; 5,000
/// levels still overflow a 256 KiB stack for any recursive frame of more
/// than 52 bytes.
const DUMP_DEPTH: usize = 5_000;

const SMALL_STACK: usize = 256 * 1024;

/// One nested shape.
struct Shape {
    /// Markup before the repetitions.
    prefix: &'static str,
    /// Markup repeated `reps` times.
    repeated: &'static str,
    /// Markup after the repetitions: the deepest element, with `id="deepest"`
    /// and the text `deep`.
    innermost: &'static str,
    /// Levels one repetition adds (a template's contents count as one).
    levels_per_rep: usize,
    /// Depth of the deepest element for `reps` repetitions, counted from the
    /// document node (`<html>` is at 1, a template's contents one below the
    /// template).
    depth: fn(usize) -> usize,
    /// The serialisation for `reps` repetitions.
    html: fn(usize) -> String,
    /// Whether the deepest element sits inside template contents (then it
    /// is outside the document tree: no ancestors beyond the contents, no
    /// `get_element_by_id`, no document text).
    in_template: bool,
}

impl Shape {
    fn page(&self, reps: usize) -> String {
        let mut page = self.prefix.to_owned();
        page.push_str(&self.repeated.repeat(reps));
        page.push_str(self.innermost);
        page
    }
}

fn run_on_small_stack(name: &str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| panic!("{name}: the small-stack thread panicked"));
}

fn no_limits() -> ParseOptions {
    ParseOptions::new().limits(Limits::none())
}

/// The element children of `node`, or of its template contents.
fn element_children<'a>(node: NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    node.template_contents()
        .unwrap_or(node)
        .children()
        .filter(|c| c.is_element())
}

/// Follows the last element child that has element children (or else the
/// last element child) down to a leaf: the deepest element of these shapes.
/// Returns it and its depth, template contents counting as a level.
fn walk_down(doc: &Document) -> (NodeRef<'_>, usize) {
    let mut node = doc.root();
    let mut depth = 0;
    loop {
        let children: Vec<NodeRef<'_>> = element_children(node).collect();
        let next = children
            .iter()
            .rev()
            .find(|c| element_children(**c).next().is_some())
            .or(children.last());
        let Some(&next) = next else {
            return (node, depth);
        };
        depth += if node.template_contents().is_some() {
            2
        } else {
            1
        };
        node = next;
    }
}

/// Every node, template contents included, counted with an explicit stack.
fn count_all_nodes(doc: &Document) -> usize {
    let mut count = 0;
    let mut stack = vec![doc.root()];
    while let Some(node) = stack.pop() {
        count += 1;
        stack.extend(node.children());
        stack.extend(node.template_contents());
    }
    count
}

fn check(shape: &'static Shape) {
    run_on_small_stack(shape.repeated, move || check_on_this_thread(shape));
}

fn check_on_this_thread(shape: &Shape) {
    let page = shape.page(REPS);
    let expected_depth = (shape.depth)(REPS);
    assert!(expected_depth >= REPS);
    for collect_ids in [true, false] {
        let doc = parse_html(&page, &no_limits().collect_ids(collect_ids)).unwrap();

        // The depth reached.
        let (deepest, depth) = walk_down(&doc);
        assert_eq!(depth, expected_depth, "{}", shape.repeated);
        assert_eq!(deepest.attr("id"), Some("deepest"));
        let ancestors: Vec<NodeRef<'_>> = deepest.ancestors().collect();
        let top = ancestors.last().expect("the deepest element has a parent");
        if shape.in_template {
            // Ancestors stop at the innermost template's contents.
            assert_eq!(top.kind(), NodeKind::DocumentFragment);
            assert!(ancestors.len() < depth);
        } else {
            assert_eq!(top.kind(), NodeKind::Document);
            assert_eq!(ancestors.len(), depth);
        }

        // Serialisation and text.
        let html = doc.to_html();
        let expected = (shape.html)(REPS);
        assert_eq!(html.len(), expected.len());
        assert!(html == expected, "{}", shape.repeated);
        let name = deepest.local_name().unwrap();
        assert_eq!(
            deepest.outer_html(),
            format!("<{name} id=\"deepest\">deep</{name}>")
        );
        let text = doc.text();
        assert_eq!(text, if shape.in_template { "" } else { "deep" });
        assert_eq!(deepest.text(), "deep");

        // Traversal.
        let all = count_all_nodes(&doc);
        assert_eq!(all, doc.node_count());
        let in_tree = doc.root().descendants().count();
        if shape.in_template {
            assert!(in_tree < all);
        } else {
            assert_eq!(in_tree, all);
        }
        assert_eq!(
            doc.root().descendants().filter(|n| n.is_text()).count(),
            usize::from(!shape.in_template)
        );

        // The id on the deepest element, through the index or the scan.
        assert_eq!(doc.has_id_index(), collect_ids);
        let found = doc.get_element_by_id("deepest");
        if shape.in_template {
            assert_eq!(found, None);
        } else {
            assert_eq!(found, Some(deepest));
        }
        assert_eq!(doc.get_element_by_id("missing"), None);

        // Selectors: an ancestor walk from the deepest element, `:has()`
        // over the whole depth, and a test on every element.
        let by_id = Selector::parse("#deepest").unwrap();
        assert!(by_id.matches(deepest));
        let under_html = Selector::parse("html #deepest").unwrap();
        let in_tree_match = (!shape.in_template).then_some(deepest);
        assert_eq!(
            doc.select_first(&under_html).map(NodeRef::from),
            in_tree_match
        );
        let has = Selector::parse(":root:has(#deepest)").unwrap();
        assert_eq!(doc.select(&has).count(), usize::from(!shape.in_template));
        // Template contents are searched from the contents themselves.
        assert_eq!(top.select_first(&by_id).map(NodeRef::from), Some(deepest));
        // Every element of the tree is tested against a structural
        // pseudo-class (most nested elements are first children).
        let first_children = Selector::parse(":first-child").unwrap();
        let first_count = doc.select(&first_children).count();
        if shape.in_template {
            // The tree holds the templates; each one's contents are apart.
            assert!(first_count >= 1);
            assert!(top.select(&first_children).any(|n| n == deepest));
        } else {
            assert!(first_count >= REPS / 2, "{first_count}");
        }
        assert_eq!(doc.readable_text(), text);

        // Memory accounting: at least five 4-byte links a node.
        let usage = doc.memory_usage();
        assert!(usage.nodes >= doc.node_count() * 20, "{usage:?}");
        assert_eq!(usage.id_index > 0, collect_ids && !shape.in_template);

        // Dropped here, on the small stack too.
        drop(doc);
    }

    // The html5lib dump, on a shallower document of the same shape.
    let reps = DUMP_DEPTH.div_ceil(shape.levels_per_rep);
    let doc = parse_html(&shape.page(reps), &no_limits()).unwrap();
    let depth = (shape.depth)(reps);
    assert!(depth >= DUMP_DEPTH);
    let dump = doc.html5lib_tree();
    let attr_line = format!("| {}id=\"deepest\"", "  ".repeat(depth));
    let text_line = format!("| {}\"deep\"", "  ".repeat(depth));
    assert!(
        dump.lines().any(|l| l == attr_line) && dump.lines().any(|l| l == text_line),
        "{}: no line for the deepest element at depth {depth}",
        shape.repeated
    );
    // A line a node but the document node (a template's contents are its
    // `content` line), and one for the attribute.
    assert_eq!(dump.lines().count(), doc.node_count());
    drop(doc);
}

/// `<html><head></head><body>{body}</body></html>`
fn in_body(body: String) -> String {
    format!("<html><head></head><body>{body}</body></html>")
}

/// `open` `reps` times, the deepest element, `close` `reps` times.
fn nested(open: &str, innermost: &str, close: &str, reps: usize) -> String {
    let mut out = open.repeat(reps);
    out.push_str(innermost);
    out.push_str(&close.repeat(reps));
    out
}

#[test]
fn nested_divs() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<div>",
        innermost: "<div id=deepest>deep",
        levels_per_rep: 1,
        // html, body, the divs and the innermost one.
        depth: |reps| reps + 3,
        html: |reps| {
            in_body(nested(
                "<div>",
                "<div id=\"deepest\">deep</div>",
                "</div>",
                reps,
            ))
        },
        in_template: false,
    };
    check(&SHAPE);
}

/// `<a><b>` again and again: each `<a>` runs the adoption agency on the
/// previous one, which closes it and reopens the `<b>` it held outside it.
/// The reopened `<b>`s nest, one more a repetition: the Noah's Ark clause
/// caps identical entries in the list of active formatting elements at
/// three, not the depth.
#[test]
fn adoption_agency() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<a><b>",
        innermost: "<b id=deepest>deep",
        levels_per_rep: 1,
        // html, body, one reopened <b> a repetition but the first, the
        // last <a> and its <b>, the innermost <b>.
        depth: |reps| reps + 4,
        html: |reps| {
            let mut body = String::from("<a><b></b></a>");
            body.push_str(&"<b><a><b></b></a>".repeat(reps - 2));
            body.push_str("<b><a><b><b id=\"deepest\">deep</b></b></a>");
            body.push_str(&"</b>".repeat(reps - 1));
            in_body(body)
        },
        in_template: false,
    };
    check(&SHAPE);
}

#[test]
fn nested_tables() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<table><tr><td>",
        innermost: "<table><tr><td id=deepest>deep",
        levels_per_rep: 4,
        // html, body, then table, tbody, tr and td a repetition and for the
        // innermost.
        depth: |reps| 4 * reps + 6,
        html: |reps| {
            in_body(nested(
                "<table><tbody><tr><td>",
                "<table><tbody><tr><td id=\"deepest\">deep</td></tr></tbody></table>",
                "</td></tr></tbody></table>",
                reps,
            ))
        },
        in_template: false,
    };
    check(&SHAPE);
}

#[test]
fn nested_templates() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<template>",
        innermost: "<p id=deepest>deep",
        levels_per_rep: 2,
        // html, head, a template and its contents a repetition, the <p>.
        depth: |reps| 2 * reps + 3,
        html: |reps| {
            format!(
                "<html><head>{}</head><body></body></html>",
                nested(
                    "<template>",
                    "<p id=\"deepest\">deep</p>",
                    "</template>",
                    reps
                )
            )
        },
        in_template: true,
    };
    check(&SHAPE);
}

#[test]
fn nested_svg() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<svg><g>",
        innermost: "<g id=deepest>deep",
        levels_per_rep: 2,
        depth: |reps| 2 * reps + 3,
        html: |reps| {
            in_body(nested(
                "<svg><g>",
                "<g id=\"deepest\">deep</g>",
                "</g></svg>",
                reps,
            ))
        },
        in_template: false,
    };
    check(&SHAPE);
}

#[test]
fn nested_math() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<math><mrow>",
        innermost: "<mrow id=deepest>deep",
        levels_per_rep: 2,
        depth: |reps| 2 * reps + 3,
        html: |reps| {
            in_body(nested(
                "<math><mrow>",
                "<mrow id=\"deepest\">deep</mrow>",
                "</mrow></math>",
                reps,
            ))
        },
        in_template: false,
    };
    check(&SHAPE);
}

/// The slowest shape for html5ever: both `<ul>` and `<li>` look for a `<p>`
/// in button scope through the whole stack of open elements.
#[test]
fn nested_lists() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<ul><li>",
        innermost: "<ul><li id=deepest>deep",
        levels_per_rep: 2,
        depth: |reps| 2 * reps + 4,
        html: |reps| {
            in_body(nested(
                "<ul><li>",
                "<ul><li id=\"deepest\">deep</li></ul>",
                "</li></ul>",
                reps,
            ))
        },
        in_template: false,
    };
    check(&SHAPE);
}

/// Deep HTML inside a template inside an SVG `<foreignObject>`.
#[test]
fn divs_in_a_template_in_foreign_object() {
    static SHAPE: Shape = Shape {
        prefix: "<svg><foreignObject><template>",
        repeated: "<div>",
        innermost: "<div id=deepest>deep",
        levels_per_rep: 1,
        // html, body, svg, foreignObject, template, its contents, the divs
        // and the innermost one.
        depth: |reps| reps + 7,
        html: |reps| {
            in_body(format!(
                "<svg><foreignObject><template>{}</template></foreignObject></svg>",
                nested("<div>", "<div id=\"deepest\">deep</div>", "</div>", reps)
            ))
        },
        in_template: true,
    };
    check(&SHAPE);
}

/// SVG, HTML and template contents in turn: each repetition leaves foreign
/// content through an integration point and enters a template.
#[test]
fn foreign_objects_and_templates_in_turn() {
    static SHAPE: Shape = Shape {
        prefix: "",
        repeated: "<svg><foreignObject><template>",
        innermost: "<div id=deepest>deep",
        levels_per_rep: 4,
        // html, body, then svg, foreignObject, template and its contents a
        // repetition, the <div>.
        depth: |reps| 4 * reps + 3,
        html: |reps| {
            in_body(nested(
                "<svg><foreignObject><template>",
                "<div id=\"deepest\">deep</div>",
                "</template></foreignObject></svg>",
                reps,
            ))
        },
        in_template: true,
    };
    check(&SHAPE);
}
