//! HTML serialisation through html5ever's `Serialize` trait, walking the tree
//! with an explicit stack instead of recursion.

use std::io;

use markup5ever::QualName;
use markup5ever::serialize::{Serialize, Serializer, TraversalScope};

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

    fn ensure(&mut self, index: u32) {
        let slot = &mut self.names[index as usize];
        if slot.is_none() {
            *slot = Some(self.arena.name(index).to_qual_name());
        }
    }

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
                open(arena, &mut names, serializer, &mut stack, self.id())?;
                false
            }
            TraversalScope::ChildrenOnly(_) => {
                let holder = child_holder(arena, self.id());
                stack.push((self.id(), arena.node(holder).first_child));
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
                    let (element, _) = stack.pop().expect("stack is not empty");
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
        NodeData::Text(span) => write_text(serializer, arena.str(span))?,
        NodeData::Comment(span) => serializer.write_comment(arena.str(span))?,
        NodeData::Doctype { extra } => {
            serializer.write_doctype(arena.str(arena.extra[extra as usize]))?
        }
        NodeData::ProcessingInstruction { extra } => serializer.write_processing_instruction(
            arena.str(arena.extra[extra as usize]),
            arena.str(arena.extra[extra as usize + 1]),
        )?,
        NodeData::Document | NodeData::Fragment => {
            // Only reachable as the root of a walk: write its children.
            stack.push((id, arena.node(id).first_child));
        }
    }
    Ok(())
}

/// Bytes of text handed to the serializer at a time.
const TEXT_PIECE: usize = 256;

/// Writes `text` in pieces of at most [`TEXT_PIECE`] bytes, cut at character
/// boundaries. From each `&` (or byte 0xC2) it escapes, html5ever's
/// serializer searches for the next `<` or `>` up to the end of the string it
/// was given, so a long text full of `&` and free of `<` and `>` cost the
/// square of its length (serialising a million `&fooN;` references, 11 MB,
/// took over six minutes). Pieces bound each search; escaping is per
/// character, so the output is the same.
fn write_text<S: Serializer>(serializer: &mut S, mut text: &str) -> io::Result<()> {
    while text.len() > TEXT_PIECE {
        let mut cut = TEXT_PIECE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        serializer.write_text(&text[..cut])?;
        text = &text[cut..];
    }
    serializer.write_text(text)
}

/// Serialises `node` (with itself, or only its children) to a string, with
/// the scripting flag the document was parsed with.
pub(crate) fn to_string(node: NodeRef<'_>, include_self: bool) -> String {
    if include_self {
        write(node, TraversalScope::IncludeNode)
    } else {
        children_to_string(node, node.id())
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
    let opts = html5ever::serialize::SerializeOpts {
        scripting_enabled: doc.scripting,
        traversal_scope: scope,
        create_missing_parent: false,
    };
    let mut out = Vec::with_capacity(1024);
    // Writing into a Vec cannot fail.
    let _ = html5ever::serialize::serialize(&mut out, &node, opts);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
