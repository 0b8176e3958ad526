//! HTML serialisation: the tree is walked with an explicit stack instead of
//! recursion, through html5ever's `Serialize` trait (so any `Serializer`,
//! html5ever's own included, can write a [`NodeRef`]), and written by
//! [`HtmlWriter`], linear in its output.

use std::io;

use markup5ever::serialize::{AttrRef, Serialize, Serializer, TraversalScope};
use markup5ever::{LocalName, QualName, local_name, ns};

use super::arena::{Arena, NodeData};
use super::{NodeId, NodeRef};

/// html5ever names for the document's name table, made on first use and
/// dropped with the serialisation (so no atom outlives it).
struct NameCache<'a> {
    arena: &'a Arena,
    names: Vec<Option<QualName>>,
}

impl<'a> NameCache<'a> {
    fn new(arena: &'a Arena) -> Self {
        NameCache {
            arena,
            names: vec![None; arena.names.len()],
        }
    }

    // Cannot panic: `index` is a name id of this arena, below
    // `arena.names.len()`, the cache's length.
    fn ensure(&mut self, index: u32) {
        let slot = &mut self.names[index as usize];
        if slot.is_none() {
            *slot = Some(self.arena.name(index).to_qual_name());
        }
    }

    // Cannot panic: every element's name is ensured as its start tag is
    // written, before its end tag asks for it.
    fn get(&self, index: u32) -> &QualName {
        self.names[index as usize]
            .as_ref()
            .expect("ensure() is called before get()")
    }
}

/// The node whose children an element shows: a template's contents, or itself.
fn child_holder(arena: &Arena, id: NodeId) -> NodeId {
    match arena.node(id).data {
        NodeData::Element {
            template_contents: Some(contents),
            ..
        } => contents,
        _ => id,
    }
}

impl Serialize for NodeRef<'_> {
    /// Serialises this node (`IncludeNode`) or its children (`ChildrenOnly`).
    /// A `<template>`'s children are its contents, as the HTML standard's
    /// fragment serialisation says.
    fn serialize<S: Serializer>(
        &self,
        serializer: &mut S,
        scope: TraversalScope,
    ) -> io::Result<()> {
        let arena = &self.document().arena;
        let mut names = NameCache::new(arena);
        // Open elements, each with the next child still to write.
        let mut stack: Vec<(NodeId, Option<NodeId>)> = Vec::new();
        let root_frame = match scope {
            TraversalScope::IncludeNode => {
                open(arena, &mut names, serializer, &mut stack, self.node_id())?;
                false
            }
            TraversalScope::ChildrenOnly(_) => {
                let holder = child_holder(arena, self.node_id());
                stack.push((self.node_id(), arena.node(holder).first_child));
                true
            }
        };
        while let Some(top) = stack.last_mut() {
            match top.1 {
                Some(child) => {
                    top.1 = arena.node(child).next_sibling;
                    open(arena, &mut names, serializer, &mut stack, child)?;
                }
                None => {
                    // The loop saw a top frame: the stack is not empty.
                    let Some((element, _)) = stack.pop() else {
                        break;
                    };
                    if root_frame && stack.is_empty() {
                        break;
                    }
                    if let NodeData::Element { name, .. } = arena.node(element).data {
                        serializer.end_elem(names.get(name).clone())?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Writes `id`; an element is opened and pushed so its children follow.
fn open<S: Serializer>(
    arena: &Arena,
    names: &mut NameCache<'_>,
    serializer: &mut S,
    stack: &mut Vec<(NodeId, Option<NodeId>)>,
    id: NodeId,
) -> io::Result<()> {
    match arena.node(id).data {
        NodeData::Element { name, attrs, .. } => {
            names.ensure(name);
            let attrs = arena.attrs_of(attrs);
            for attr in attrs {
                names.ensure(attr.name);
            }
            let names = &*names;
            serializer.start_elem(
                names.get(name).clone(),
                attrs
                    .iter()
                    .map(|attr| (names.get(attr.name), arena.str(attr.value))),
            )?;
            stack.push((id, arena.node(child_holder(arena, id)).first_child));
        }
        NodeData::Text(span) => serializer.write_text(arena.str(span))?,
        NodeData::Comment(span) => serializer.write_comment(arena.str(span))?,
        NodeData::Doctype { extra } => {
            // Cannot panic: a doctype's three spans follow `extra`.
            serializer.write_doctype(arena.str(arena.extra[extra as usize]))?
        }
        NodeData::Document | NodeData::Fragment => {
            // Only reachable as the root of a walk: write its children.
            stack.push((id, arena.node(id).first_child));
        }
    }
    Ok(())
}

/// Serialises `node` (with itself, or only its children) to a string, with
/// the scripting flag the document was parsed with.
pub(crate) fn to_string(node: NodeRef<'_>, include_self: bool) -> String {
    if include_self {
        write(node, TraversalScope::IncludeNode)
    } else {
        children_to_string(node, node.node_id())
    }
}

/// Serialises the children of `node` as the inner HTML of the element
/// `context`, whose name decides whether their text is escaped (not inside
/// `<script>`, `<style>`, `<plaintext>`, ...). For a fragment, `node` is
/// the `html` element holding the parsed nodes and `context` the context
/// element the fragment was parsed in.
pub(crate) fn children_to_string(node: NodeRef<'_>, context: NodeId) -> String {
    let doc = node.document();
    let context = match doc.arena.node(context).data {
        NodeData::Element { name, .. } => Some(doc.arena.name(name).to_qual_name()),
        _ => None,
    };
    write(node, TraversalScope::ChildrenOnly(context))
}

fn write(node: NodeRef<'_>, scope: TraversalScope) -> String {
    let doc = node.document();
    let mut writer = HtmlWriter::new(doc.scripting, &scope);
    // Writing into a Vec cannot fail.
    let _ = node.serialize(&mut writer, scope);
    String::from_utf8(writer.out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What the writer knows of an open element.
struct Open {
    /// The local name of an HTML element, which decides how its text is
    /// written.
    html_name: Option<LocalName>,
    /// A void element: neither its children nor its end tag are written.
    void: bool,
}

/// The HTML standard's fragment serialisation algorithm ("Serializing HTML
/// fragments", section 13.3), writing what html5ever's `HtmlSerializer`
/// writes, byte for byte, in time linear in the output: escaping is one pass
/// over each text or value (html5ever's searches from each escaped `&` to
/// the end of the value for the next `<`, `>` or quote, so a long value full
/// of `&` cost the square of its length).
struct HtmlWriter {
    out: Vec<u8>,
    scripting: bool,
    stack: Vec<Open>,
}

impl HtmlWriter {
    fn new(scripting: bool, scope: &TraversalScope) -> HtmlWriter {
        // The context of a fragment decides how its top-level text is
        // written, whatever its namespace (as in html5ever).
        let html_name = match scope {
            TraversalScope::ChildrenOnly(Some(context)) => Some(context.local.clone()),
            _ => None,
        };
        HtmlWriter {
            out: Vec::with_capacity(1024),
            scripting,
            stack: vec![Open {
                html_name,
                void: false,
            }],
        }
    }

    fn parent_is_void(&self) -> bool {
        self.stack.last().is_some_and(|open| open.void)
    }
}

/// Appends `text` to `out` with `&`, U+00A0, `<` and `>` escaped, and `"`
/// too in an attribute value.
fn escape(out: &mut Vec<u8>, text: &str, attribute: bool) {
    let bytes = text.as_bytes();
    let mut done = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (replacement, len): (&[u8], usize) = match bytes[at] {
            b'&' => (b"&amp;", 1),
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            b'"' if attribute => (b"&quot;", 1),
            0xC2 if bytes.get(at + 1) == Some(&0xA0) => (b"&nbsp;", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        // Cannot panic: `done <= at < bytes.len()` (the loop's condition).
        out.extend_from_slice(&bytes[done..at]);
        out.extend_from_slice(replacement);
        at += len;
        done = at;
    }
    out.extend_from_slice(&bytes[done..]);
}

impl Serializer for HtmlWriter {
    fn start_elem<'a, AttrIter>(&mut self, name: QualName, attrs: AttrIter) -> io::Result<()>
    where
        AttrIter: Iterator<Item = AttrRef<'a>>,
    {
        let html = name.ns == ns!(html);
        let open = Open {
            html_name: html.then(|| name.local.clone()),
            void: html && is_void(&name.local),
        };
        if self.parent_is_void() {
            // Inside a void element nothing is written, however deep.
            self.stack.push(Open { void: true, ..open });
            return Ok(());
        }
        self.out.push(b'<');
        self.out.extend_from_slice(name.local.as_bytes());
        for (name, value) in attrs {
            self.out.push(b' ');
            let prefix: &[u8] = match name.ns {
                ns!() => b"",
                ns!(xml) => b"xml:",
                ns!(xmlns) if name.local != local_name!("xmlns") => b"xmlns:",
                ns!(xmlns) => b"",
                ns!(xlink) => b"xlink:",
                _ => b"unknown_namespace:",
            };
            self.out.extend_from_slice(prefix);
            self.out.extend_from_slice(name.local.as_bytes());
            self.out.extend_from_slice(b"=\"");
            escape(&mut self.out, value, true);
            self.out.push(b'"');
        }
        self.out.push(b'>');
        self.stack.push(open);
        Ok(())
    }

    fn end_elem(&mut self, name: QualName) -> io::Result<()> {
        let open = self.stack.pop();
        if open.is_some_and(|open| open.void) {
            return Ok(());
        }
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.local.as_bytes());
        self.out.push(b'>');
        Ok(())
    }

    fn write_text(&mut self, text: &str) -> io::Result<()> {
        let raw = match self.stack.last().and_then(|open| open.html_name.as_ref()) {
            Some(
                &local_name!("style")
                | &local_name!("script")
                | &local_name!("xmp")
                | &local_name!("iframe")
                | &local_name!("noembed")
                | &local_name!("noframes")
                | &local_name!("plaintext"),
            ) => true,
            Some(&local_name!("noscript")) => self.scripting,
            _ => false,
        };
        if self.parent_is_void() {
            return Ok(());
        }
        if raw {
            self.out.extend_from_slice(text.as_bytes());
        } else {
            escape(&mut self.out, text, false);
        }
        Ok(())
    }

    fn write_comment(&mut self, text: &str) -> io::Result<()> {
        if !self.parent_is_void() {
            self.out.extend_from_slice(b"<!--");
            self.out.extend_from_slice(text.as_bytes());
            self.out.extend_from_slice(b"-->");
        }
        Ok(())
    }

    fn write_doctype(&mut self, name: &str) -> io::Result<()> {
        self.out.extend_from_slice(b"<!DOCTYPE ");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
        Ok(())
    }

    fn write_processing_instruction(&mut self, target: &str, data: &str) -> io::Result<()> {
        if !self.parent_is_void() {
            self.out.extend_from_slice(b"<?");
            self.out.extend_from_slice(target.as_bytes());
            self.out.push(b' ');
            self.out.extend_from_slice(data.as_bytes());
            self.out.push(b'>');
        }
        Ok(())
    }
}

/// The HTML elements that have no end tag and whose children are not
/// written.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_text_and_values() {
        let mut out = Vec::new();
        escape(&mut out, "a&b<c>\"d\u{a0}e\u{c2}\u{a9}", false);
        assert_eq!(out, "a&amp;b&lt;c&gt;\"d&nbsp;e\u{c2}\u{a9}".as_bytes());
        out.clear();
        escape(&mut out, "\"'&", true);
        assert_eq!(out, b"&quot;'&amp;");
    }
}
