//! markup5ever_rcdom as a reference: its trees of the same input, serialised
//! as the HTML standard says and dumped in the html5lib test format, so that
//! htmldict's `to_html()` and `html5lib_tree()` can be compared with them.
//!
//! rcdom's own serialiser leaves out a `<template>`'s contents, while the
//! standard (and htmldict) serialise them as the element's children; the
//! [`StandardSerialization`] adapter walks rcdom's tree the standard way.

use std::cmp::Ordering;
use std::fmt::Write as _;
use std::io;

use html5ever::serialize::{Serialize, SerializeOpts, Serializer, TraversalScope, serialize};
use html5ever::tendril::TendrilSink;
use html5ever::{LocalName, ParseOpts, QualName, ns};
use markup5ever_rcdom::{Handle, NodeData, RcDom, SerializableHandle};

/// An rcdom node serialised as the HTML standard says: a `<template>`'s
/// children are its template contents. Walks with an explicit stack.
pub struct StandardSerialization(pub Handle);

/// The nodes whose serialisation makes up `handle`'s children.
fn shown_children(handle: &Handle) -> Vec<Handle> {
    if let NodeData::Element {
        template_contents, ..
    } = &handle.data
        && let Some(contents) = template_contents.borrow().as_ref()
    {
        return contents.children.borrow().clone();
    }
    handle.children.borrow().clone()
}

enum Step {
    Open(Handle),
    Close(QualName),
}

impl Serialize for StandardSerialization {
    fn serialize<S: Serializer>(
        &self,
        serializer: &mut S,
        scope: TraversalScope,
    ) -> io::Result<()> {
        let mut stack: Vec<Step> = match scope {
            TraversalScope::IncludeNode => vec![Step::Open(self.0.clone())],
            TraversalScope::ChildrenOnly(_) => shown_children(&self.0)
                .into_iter()
                .rev()
                .map(Step::Open)
                .collect(),
        };
        while let Some(step) = stack.pop() {
            let handle = match step {
                Step::Close(name) => {
                    serializer.end_elem(name)?;
                    continue;
                }
                Step::Open(handle) => handle,
            };
            match &handle.data {
                NodeData::Element { name, attrs, .. } => {
                    serializer.start_elem(
                        name.clone(),
                        attrs.borrow().iter().map(|a| (&a.name, &*a.value)),
                    )?;
                    stack.push(Step::Close(name.clone()));
                    stack.extend(shown_children(&handle).into_iter().rev().map(Step::Open));
                }
                NodeData::Document => {
                    stack.extend(shown_children(&handle).into_iter().rev().map(Step::Open));
                }
                NodeData::Doctype { name, .. } => serializer.write_doctype(name)?,
                NodeData::Text { contents } => serializer.write_text(&contents.borrow())?,
                NodeData::Comment { contents } => serializer.write_comment(contents)?,
                NodeData::ProcessingInstruction { target, contents } => {
                    serializer.write_processing_instruction(target, contents)?
                }
            }
        }
        Ok(())
    }
}

/// html5ever's options with this scripting flag, and without its own byte
/// order mark removal: html5ever 0.40 drops a U+FEFF at the start of every
/// call of its tokenizer, which is also the first character after each
/// `</script>` (the tokenizer stops there and is called again), so
/// `<script></script>\u{feff}x` would lose a character of text. [`input`]
/// drops the one leading U+FEFF instead, as the HTML standard (and htmldict)
/// do.
fn parse_opts(scripting: bool) -> ParseOpts {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = scripting;
    opts.tokenizer.discard_bom = false;
    opts
}

/// The input without one leading byte order mark.
fn input(html: &str) -> &str {
    html.strip_prefix('\u{feff}').unwrap_or(html)
}

/// rcdom's tree of a whole document.
pub fn parse(html: &str, scripting: bool) -> RcDom {
    html5ever::parse_document(RcDom::default(), parse_opts(scripting)).one(input(html))
}

/// The context element htmldict's `parse_fragment` makes of `context`: an
/// HTML local name, or `svg NAME` / `math NAME`.
pub fn context_name(context: &str) -> QualName {
    match context.split_once(' ') {
        Some(("svg", local)) => QualName::new(None, ns!(svg), LocalName::from(local)),
        Some(("math", local)) => QualName::new(None, ns!(mathml), LocalName::from(local)),
        Some(_) => panic!("not a context htmldict accepts: {context:?}"),
        None => QualName::new(
            None,
            ns!(html),
            LocalName::from(context.to_ascii_lowercase()),
        ),
    }
}

/// rcdom's tree of `html` parsed as the inner HTML of `context`, as htmldict
/// parses it: no context attributes, the context allowing scripting when
/// the scripting flag is on.
pub fn parse_fragment(context: &str, html: &str, scripting: bool) -> RcDom {
    html5ever::parse_fragment(
        RcDom::default(),
        parse_opts(scripting),
        context_name(context),
        Vec::new(),
        scripting,
    )
    .one(input(html))
}

/// The element a fragment's nodes are children of: the `html` element rcdom
/// puts under its document.
pub fn fragment_root(dom: &RcDom) -> Handle {
    dom.document.children.borrow()[0].clone()
}

fn to_string(node: &impl Serialize, opts: SerializeOpts) -> String {
    let mut out = Vec::new();
    serialize(&mut out, node, opts).expect("writing to a Vec");
    String::from_utf8(out).expect("the serializer writes UTF-8")
}

/// rcdom's tree serialised with template contents (scripting on, as
/// htmldict's default).
pub fn standard_html(dom: &RcDom) -> String {
    standard_html_with(dom, true)
}

/// rcdom's tree serialised with template contents, with the scripting flag
/// the serialiser uses for `<noscript>` text.
pub fn standard_html_with(dom: &RcDom, scripting: bool) -> String {
    to_string(
        &StandardSerialization(dom.document.clone()),
        SerializeOpts {
            scripting_enabled: scripting,
            traversal_scope: TraversalScope::ChildrenOnly(None),
            create_missing_parent: false,
        },
    )
}

/// A fragment's nodes serialised with template contents, as the inner HTML
/// of `context` (which decides whether text directly inside is escaped).
pub fn fragment_standard_html(dom: &RcDom, context: &str, scripting: bool) -> String {
    to_string(
        &StandardSerialization(fragment_root(dom)),
        SerializeOpts {
            scripting_enabled: scripting,
            traversal_scope: TraversalScope::ChildrenOnly(Some(context_name(context))),
            create_missing_parent: false,
        },
    )
}

/// rcdom's tree serialised by rcdom itself (template contents left out).
pub fn own_html(dom: &RcDom) -> String {
    to_string(
        &SerializableHandle::from(dom.document.clone()),
        SerializeOpts::default(),
    )
}

/// How many `<template>` elements (with their contents searched too) the tree has.
pub fn templates(dom: &RcDom) -> usize {
    let mut count = 0;
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element {
            template_contents, ..
        } = &node.data
            && let Some(contents) = template_contents.borrow().as_ref()
        {
            count += 1;
            stack.push(contents.clone());
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    count
}

/// A whole document's tree in the html5lib tree-construction format.
pub fn html5lib_tree(dom: &RcDom) -> String {
    dump(&dom.document)
}

/// A fragment's nodes in the html5lib tree-construction format.
pub fn fragment_html5lib_tree(dom: &RcDom) -> String {
    dump(&fragment_root(dom))
}

/// The children of `top` in the html5lib format (one `| `-led line per node,
/// two spaces of indent per level, attributes sorted in UTF-16 order,
/// template contents under a `content` line), without recursion.
fn dump(top: &Handle) -> String {
    let mut out = String::new();
    let mut stack: Vec<(Handle, usize)> = top
        .children
        .borrow()
        .iter()
        .rev()
        .map(|c| (c.clone(), 0))
        .collect();
    while let Some((node, depth)) = stack.pop() {
        let line = |out: &mut String, depth: usize| {
            out.push_str("| ");
            for _ in 0..depth {
                out.push_str("  ");
            }
        };
        line(&mut out, depth);
        let mut children = depth + 1;
        match &node.data {
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                let prefix = if name.ns == ns!(svg) {
                    "svg "
                } else if name.ns == ns!(mathml) {
                    "math "
                } else {
                    ""
                };
                let _ = writeln!(out, "<{prefix}{}>", name.local);
                let mut sorted: Vec<(String, String)> = attrs
                    .borrow()
                    .iter()
                    .map(|attr| {
                        let ns = if attr.name.ns == ns!(xlink) {
                            "xlink "
                        } else if attr.name.ns == ns!(xml) {
                            "xml "
                        } else if attr.name.ns == ns!(xmlns) {
                            "xmlns "
                        } else {
                            ""
                        };
                        (format!("{ns}{}", attr.name.local), attr.value.to_string())
                    })
                    .collect();
                sorted.sort_by(|a, b| utf16_order(&a.0, &b.0));
                for (name, value) in sorted {
                    line(&mut out, depth + 1);
                    let _ = writeln!(out, "{name}=\"{value}\"");
                }
                if let Some(contents) = template_contents.borrow().as_ref() {
                    line(&mut out, depth + 1);
                    out.push_str("content\n");
                    let inner = contents.children.borrow();
                    stack.extend(inner.iter().rev().map(|c| (c.clone(), depth + 2)));
                    children = usize::MAX;
                }
            }
            NodeData::Text { contents } => {
                let _ = writeln!(out, "\"{}\"", contents.borrow());
            }
            NodeData::Comment { contents } => {
                let _ = writeln!(out, "<!-- {contents} -->");
            }
            NodeData::Doctype {
                name,
                public_id,
                system_id,
            } => {
                if public_id.is_empty() && system_id.is_empty() {
                    let _ = writeln!(out, "<!DOCTYPE {name}>");
                } else {
                    let _ = writeln!(out, "<!DOCTYPE {name} \"{public_id}\" \"{system_id}\">");
                }
            }
            NodeData::ProcessingInstruction { target, contents } => {
                let _ = writeln!(out, "<?{target} {contents}>");
            }
            NodeData::Document => out.push('\n'),
        }
        if children != usize::MAX {
            let inner = node.children.borrow();
            stack.extend(inner.iter().rev().map(|c| (c.clone(), children)));
        }
    }
    out
}

/// Orders strings by UTF-16 code units, as the test format asks.
fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The first byte offset where `a` and `b` differ, with some context, for
/// failure messages that fit on a screen.
pub fn first_difference(a: &str, b: &str) -> String {
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let window = |s: &str| {
        let mut start = at.saturating_sub(80).min(s.len());
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 80).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s[start..end].to_owned()
    };
    format!(
        "lengths {} and {}, first difference at byte {at}:\n  {:?}\n  {:?}",
        a.len(),
        b.len(),
        window(a),
        window(b)
    )
}

/// Panics with the first difference when `expected` and `actual` differ.
pub fn assert_same(what: &str, expected: &str, actual: &str) {
    assert!(
        expected == actual,
        "{what}: {}",
        first_difference(expected, actual)
    );
}
