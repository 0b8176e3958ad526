//! `NodeRef::text` and `readable_text`: what each keeps, how readable text
//! treats whitespace, and that neither recurses on depth.

use htmldict::{Limits, ParseOptions, parse_html};
use htmldict_test_support::rcdom::assert_same;

fn readable(html: &str, scripting: bool) -> String {
    let doc = parse_html(html, &ParseOptions::new().scripting(scripting)).unwrap();
    doc.readable_text()
}

/// (page, readable text), the same with the scripting flag on and off.
const READABLE: &[(&str, &str)] = &[
    ("", ""),
    ("   \n\t ", ""),
    ("a<b>b</b>c", "abc"),
    ("<span>a</span><span>b</span><x-tag>c</x-tag>", "abc"),
    ("a <b> b </b> c", "a b c"),
    ("  lead\n\t and  \n\n trail  ", "lead and trail"),
    ("<p>a</p><p>b</p>", "a\nb"),
    ("<p>a</p>\n\n<p>b</p>", "a\nb"),
    ("<div><div><p>deep</p></div></div>x", "deep\nx"),
    ("<div>a<div>b</div>c</div>", "a\nb\nc"),
    ("<div> <p> a </p> </div> <div> b </div>", "a\nb"),
    ("a<br>b", "a\nb"),
    ("a<br><br><br>b", "a\nb"),
    ("a <br> b", "a\nb"),
    ("<p></p><p></p><p>only</p><p></p>", "only"),
    ("<h1>Title</h1>body<h2>Sub</h2>", "Title\nbody\nSub"),
    (
        "<ul><li>one<li>two</ul><ol><li>three</ol>",
        "one\ntwo\nthree",
    ),
    ("<dl><dt>term<dd>definition</dl>", "term\ndefinition"),
    (
        "<table><caption>Prices</caption><tr><th>item<th>price<tr><td>pen<td>2</table>",
        "Prices\nitem price\npen 2",
    ),
    (
        "<table><tr><td>a</td><td></td><td>b</td></tr></table>",
        "a b",
    ),
    (
        "x<td>not a cell outside a table</td>y",
        "xnot a cell outside a tabley",
    ),
    ("<pre>  keep\n  lines?\n</pre>", "keep lines?"),
    ("<textarea>  typed\n text </textarea>", "typed text"),
    ("<select><option>one<option>two</select>", "one\ntwo"),
    // Only ASCII whitespace separates words.
    ("a&nbsp;b a&nbsp; b", "a\u{a0}b a\u{a0} b"),
    ("a\u{3000}b\u{2003}c", "a\u{3000}b\u{2003}c"),
    ("a\u{c}b\r\nc\rd", "a b c d"),
    // Left out.
    ("a<script>var x = 1;</script>b", "ab"),
    ("a <script>x</script> b", "a b"),
    ("a<SCRIPT>x</SCRIPT>b", "ab"),
    ("<style>p { color: red }</style>text", "text"),
    (
        "<head><style>h</style><script>s</script></head><body>b",
        "b",
    ),
    ("a<template><p>inert</p></template>b", "ab"),
    ("<template>t</template><p>after", "after"),
    ("a<noscript><p>enable JS</p></noscript>b", "ab"),
    ("<head><noscript><style>n</style></noscript></head>x", "x"),
    (
        "<svg><script>s()</script><style>c</style><text>drawn</text></svg>",
        "drawn",
    ),
    ("<math><mi>x</mi><mo>=</mo><mn>1</mn></math>", "x=1"),
    ("a<!-- comment -->b", "ab"),
    ("a<img alt=picture title=tip>b", "ab"),
    // Kept: head text such as the title, and raw-text elements that render.
    ("<title>Page</title><p>body", "Page\nbody"),
    ("<title> spaced   title </title>", "spaced title"),
    ("<xmp><b>shown</b></xmp>", "<b>shown</b>"),
    (
        "<p>before<iframe>fallback</iframe>after",
        "beforefallbackafter",
    ),
];

#[test]
fn readable_text_table() {
    let mut failures = Vec::new();
    for (html, expected) in READABLE {
        for scripting in [true, false] {
            let got = readable(html, scripting);
            if got != *expected {
                failures.push(format!(
                    "{html:?} (scripting {scripting}): got {got:?}, expected {expected:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn readable_text_has_no_stray_whitespace() {
    for (html, _) in READABLE {
        let got = readable(html, true);
        assert_eq!(
            got.trim_matches(|c: char| c.is_ascii_whitespace()),
            got,
            "{html:?}"
        );
        assert!(
            !got.contains("  ") && !got.contains("\n\n"),
            "{html:?}: {got:?}"
        );
        assert!(
            !got.contains(" \n") && !got.contains("\n "),
            "{html:?}: {got:?}"
        );
        assert!(!got.contains(['\t', '\r', '\u{c}']), "{html:?}: {got:?}");
    }
}

#[test]
fn noscript_is_left_out_whatever_the_scripting_flag() {
    let html = "<p>a<noscript><img src=x><b>no JS</b></noscript>b";
    for (scripting, text) in [(true, "a<img src=x><b>no JS</b>b"), (false, "ano JSb")] {
        let doc = parse_html(html, &ParseOptions::new().scripting(scripting)).unwrap();
        assert_eq!(doc.text(), text, "scripting {scripting}");
        assert_eq!(doc.readable_text(), "ab", "scripting {scripting}");
    }
    // With scripting on the content is one raw-text node, markup and all.
    let doc = parse_html(html, &ParseOptions::new().scripting(true)).unwrap();
    let noscript = doc
        .root()
        .descendants()
        .find(|n| n.local_name() == Some("noscript"))
        .unwrap();
    assert_eq!(noscript.text(), "<img src=x><b>no JS</b>");
    assert_eq!(noscript.readable_text(), "");
}

#[test]
fn readable_text_of_any_node() {
    let html = "<p id=p>one <i>two</i><script>x</script></p><template id=t><p>in</p> <p>side</p></template>";
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    let p = doc.get_element_by_id("p").unwrap();
    assert_eq!(p.readable_text(), "one two");
    // A text node: its own words.
    let one = p.first_child().unwrap();
    assert_eq!(one.readable_text(), "one");
    // A left-out element called directly gives nothing.
    let script = p.last_child().unwrap();
    assert_eq!(script.local_name(), Some("script"));
    assert_eq!(script.readable_text(), "");
    assert_eq!(script.text(), "x");
    // The template element gives nothing; its contents, reached explicitly, do.
    let template = doc.get_element_by_id("t").unwrap();
    assert_eq!(template.readable_text(), "");
    assert_eq!(
        template.template_contents().unwrap().readable_text(),
        "in\nside"
    );
}

#[test]
fn text_is_the_raw_concatenation() {
    let html = "<title>T</title><style>s</style><p> a\n<b>b</b></p><!--c--><script>x</script>";
    let doc = parse_html(html, &ParseOptions::new()).unwrap();
    assert_eq!(doc.text(), "Ts a\nbx");
    let all: String = doc
        .root()
        .descendants()
        .filter_map(|n| n.as_text())
        .collect();
    assert_eq!(doc.text(), all);
}

#[test]
fn fragments_have_readable_text() {
    let doc = htmldict::parse_fragment(
        "tr",
        "<td>a<script>s</script></td><td>b</td>",
        &ParseOptions::new(),
    )
    .unwrap();
    assert_eq!(doc.readable_text(), "a b");
    assert_eq!(doc.text(), "asb");
}

/// Runs `f` on a thread with a 256 KiB stack: deep enough recursion on the
/// tree's depth would overflow it.
fn on_small_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn_scoped(scope, f)
            .unwrap()
            .join()
            .unwrap()
    })
}

#[test]
fn deep_nesting_does_not_recurse() {
    const DEPTH: usize = 20_000;
    let options = ParseOptions::new().limits(Limits::none());

    // Each level opens with a word; the innermost ends the run, and a word
    // follows every closing level on the way out.
    let html = format!("{}x{}y", "<div>a".repeat(DEPTH), "</div>".repeat(DEPTH));
    let doc = parse_html(&html, &options).unwrap();
    let (readable, text) = on_small_stack(|| (doc.readable_text(), doc.text()));
    // The innermost word and "x" are one text node.
    let expected = format!("{}ax\ny", "a\n".repeat(DEPTH - 1));
    assert_same("readable_text", &expected, &readable);
    assert_same("text", &format!("{}xy", "a".repeat(DEPTH)), &text);

    // Inline nesting joins the words; a script at the bottom is left out.
    let html = format!(
        "{}<script>s</script>{}b",
        "<span>a".repeat(DEPTH),
        "</span>".repeat(DEPTH)
    );
    let doc = parse_html(&html, &options).unwrap();
    let readable = on_small_stack(|| doc.readable_text());
    assert_same(
        "readable_text",
        &format!("{}b", "a".repeat(DEPTH)),
        &readable,
    );
}
