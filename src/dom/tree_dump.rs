//! The html5lib tree-construction test format (`| <html>` ...), written
//! without recursion.

use std::cmp::Ordering;
use std::fmt::Write;

use super::arena::NodeData;
use super::names::Namespace;
use super::{Document, NodeId};

/// Dumps the document's children, or a fragment's context element's children.
pub(crate) fn dump(doc: &Document) -> String {
    let arena = &doc.arena;
    let top = doc
        .fragment_root()
        .map_or(NodeId::DOCUMENT, |n| n.node_id());
    let mut out = String::new();
    // (next node to write, its depth); siblings follow through the links.
    let mut stack: Vec<(Option<NodeId>, usize)> = vec![(arena.node(top).first_child, 0)];
    while let Some(top) = stack.last_mut() {
        let (Some(id), depth) = *top else {
            stack.pop();
            continue;
        };
        top.0 = arena.node(id).next_sibling;
        let line = |out: &mut String, depth: usize| {
            out.push_str("| ");
            for _ in 0..depth {
                out.push_str("  ");
            }
        };
        line(&mut out, depth);
        match arena.node(id).data {
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                let entry = arena.name(name);
                let prefix = match entry.ns {
                    Namespace::Svg => "svg ",
                    Namespace::MathMl => "math ",
                    _ => "",
                };
                let _ = writeln!(out, "<{prefix}{}>", entry.local());
                let mut sorted: Vec<(String, &str)> = arena
                    .attrs_of(attrs)
                    .iter()
                    .map(|attr| {
                        let entry = arena.name(attr.name);
                        let ns = match entry.ns {
                            Namespace::XLink => "xlink ",
                            Namespace::Xml => "xml ",
                            Namespace::Xmlns => "xmlns ",
                            _ => "",
                        };
                        (format!("{ns}{}", entry.local()), arena.str(attr.value))
                    })
                    .collect();
                sorted.sort_by(|a, b| utf16_order(&a.0, &b.0));
                for (name, value) in sorted {
                    line(&mut out, depth + 1);
                    let _ = writeln!(out, "{name}=\"{value}\"");
                }
                match template_contents {
                    Some(contents) => {
                        line(&mut out, depth + 1);
                        out.push_str("content\n");
                        stack.push((arena.node(contents).first_child, depth + 2));
                    }
                    None => stack.push((arena.node(id).first_child, depth + 1)),
                }
            }
            NodeData::Text(span) => {
                let _ = writeln!(out, "\"{}\"", arena.str(span));
            }
            NodeData::Comment(span) => {
                let _ = writeln!(out, "<!-- {} -->", arena.str(span));
            }
            NodeData::Doctype { extra } => {
                // Cannot panic: a doctype's three spans follow `extra`.
                let part = |i: u32| arena.str(arena.extra[(extra + i) as usize]);
                let (name, public_id, system_id) = (part(0), part(1), part(2));
                if public_id.is_empty() && system_id.is_empty() {
                    let _ = writeln!(out, "<!DOCTYPE {name}>");
                } else {
                    let _ = writeln!(out, "<!DOCTYPE {name} \"{public_id}\" \"{system_id}\">");
                }
            }
            NodeData::Document | NodeData::Fragment => {
                out.push('\n');
                stack.push((arena.node(id).first_child, depth + 1));
            }
        }
    }
    out
}

/// Orders strings by UTF-16 code units, as the test format asks.
fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_order_differs_from_utf8_above_the_bmp() {
        // U+10000 sorts after U+FF61 in UTF-8 bytes but before it in UTF-16.
        assert_eq!(utf16_order("\u{10000}", "\u{FF61}"), Ordering::Less);
        assert!("\u{10000}" > "\u{FF61}");
        assert_eq!(utf16_order("a", "b"), Ordering::Less);
    }
}
