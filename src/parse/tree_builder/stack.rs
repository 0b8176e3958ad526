//! The stack of open elements (HTML standard, section 13.2.4.3), its
//! scopes ("has an element in scope", 13.2.4.2) and the special category
//! (13.2.4.2's list of special elements).
//!
//! The standard states every scope check as a walk down the stack from the
//! current node, stopping at the target or at an element of the scope's
//! boundary set. Walked as written, a page of n nested `<div>`s inside a
//! `<p>` costs n walks of up to n entries: every `<div>` start tag asks
//! whether a `p` is in button scope. Here each entry records where the
//! nearest boundary of each scope lies at or below it, and each HTML
//! element type keeps the positions of its entries, so a check compares
//! the topmost entry of the type with the topmost boundary: constant time.
//! An element type the standard defines is found by its kind
//! ([`Kind`], a small number) in arrays: its topmost entry and the scopes
//! it bounds; any other name, in hash maps and the standard's lists.
//! The same holds for "any other end tag" in body, which walks down to the
//! first special element. Pushing and popping keep this in constant time;
//! inserting or removing an entry inside the stack (the adoption agency)
//! costs the entries above it, as moving them does anyway.

use std::sync::OnceLock;

use html5ever::{LocalName, local_name};
use rustc_hash::FxHashMap;

use super::super::known::{KINDS, Kind};
use super::node_set::NodeSet;

use crate::dom::{Namespace, NodeId};

/// One open element: its node and its expanded name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Open {
    pub(crate) node: NodeId,
    pub(crate) ns: Namespace,
    pub(crate) name: LocalName,
    /// For MathML `annotation-xml`: whether it is an HTML integration
    /// point (its `encoding` said HTML).
    pub(crate) html_annotation: bool,
    /// The kind of an HTML element's name ([`Kind::OTHER`] for a foreign
    /// element), found once.
    kind: Kind,
}

impl Open {
    /// The entry of the element `node`, named `name` in `ns`.
    pub(crate) fn new(node: NodeId, ns: Namespace, name: LocalName, html_annotation: bool) -> Open {
        Open::make(ns, name, html_annotation, |_, _| node)
    }

    /// An entry for an element `make` creates, given the name and its
    /// kind.
    #[inline]
    pub(crate) fn make(
        ns: Namespace,
        name: LocalName,
        html_annotation: bool,
        make: impl FnOnce(&LocalName, Kind) -> NodeId,
    ) -> Open {
        let kind = if ns == Namespace::Html {
            Kind::of(&name)
        } else {
            Kind::OTHER
        };
        Open {
            node: make(&name, kind),
            ns,
            name,
            html_annotation,
            kind,
        }
    }

    /// Whether this is the HTML element `name`.
    #[inline]
    pub(crate) fn is_html(&self, name: &LocalName) -> bool {
        self.ns == Namespace::Html && self.name == *name
    }

    /// Whether this is an HTML element named one of `names`.
    #[inline]
    pub(crate) fn is_html_any(&self, names: &[LocalName]) -> bool {
        self.ns == Namespace::Html && names.contains(&self.name)
    }
}

/// The scopes of section 13.2.4.2, by the element types that bound them,
/// and the special category, which bounds "any other end tag" in body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// "has an element in scope".
    Default,
    /// "in list item scope": the default boundaries, `ol` and `ul`.
    ListItem,
    /// "in button scope": the default boundaries and `button`.
    Button,
    /// "in table scope": `html`, `table` and `template`.
    Table,
    /// The special category.
    Special,
    /// Not a scope: the HTML namespace, which ends the walk of an end tag
    /// in foreign content (13.2.6.5).
    Html,
}

const SCOPES: usize = 6;

/// The element types that bound the default scope (and, with others, the
/// list item and button scopes). `select` is among them since the standard
/// parses `<select>` in body.
fn default_boundary(entry: &Open) -> bool {
    match entry.ns {
        Namespace::Html => matches!(
            entry.name,
            local_name!("applet")
                | local_name!("caption")
                | local_name!("html")
                | local_name!("table")
                | local_name!("td")
                | local_name!("th")
                | local_name!("marquee")
                | local_name!("object")
                | local_name!("select")
                | local_name!("template")
        ),
        Namespace::MathMl => matches!(
            entry.name,
            local_name!("mi")
                | local_name!("mo")
                | local_name!("mn")
                | local_name!("ms")
                | local_name!("mtext")
                | local_name!("annotation-xml")
        ),
        Namespace::Svg => matches!(
            entry.name,
            local_name!("foreignObject") | local_name!("desc") | local_name!("title")
        ),
        _ => false,
    }
}

/// Whether an element is in the special category (13.2.4.2).
pub(crate) fn is_special(ns: Namespace, name: &LocalName) -> bool {
    match ns {
        Namespace::Html => matches!(
            *name,
            local_name!("address")
                | local_name!("applet")
                | local_name!("area")
                | local_name!("article")
                | local_name!("aside")
                | local_name!("base")
                | local_name!("basefont")
                | local_name!("bgsound")
                | local_name!("blockquote")
                | local_name!("body")
                | local_name!("br")
                | local_name!("button")
                | local_name!("caption")
                | local_name!("center")
                | local_name!("col")
                | local_name!("colgroup")
                | local_name!("dd")
                | local_name!("details")
                | local_name!("dir")
                | local_name!("div")
                | local_name!("dl")
                | local_name!("dt")
                | local_name!("embed")
                | local_name!("fieldset")
                | local_name!("figcaption")
                | local_name!("figure")
                | local_name!("footer")
                | local_name!("form")
                | local_name!("frame")
                | local_name!("frameset")
                | local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6")
                | local_name!("head")
                | local_name!("header")
                | local_name!("hgroup")
                | local_name!("hr")
                | local_name!("html")
                | local_name!("iframe")
                | local_name!("img")
                | local_name!("input")
                | local_name!("keygen")
                | local_name!("li")
                | local_name!("link")
                | local_name!("listing")
                | local_name!("main")
                | local_name!("marquee")
                | local_name!("menu")
                | local_name!("meta")
                | local_name!("nav")
                | local_name!("noembed")
                | local_name!("noframes")
                | local_name!("noscript")
                | local_name!("object")
                | local_name!("ol")
                | local_name!("p")
                | local_name!("param")
                | local_name!("plaintext")
                | local_name!("pre")
                | local_name!("script")
                | local_name!("search")
                | local_name!("section")
                | local_name!("select")
                | local_name!("source")
                | local_name!("style")
                | local_name!("summary")
                | local_name!("table")
                | local_name!("tbody")
                | local_name!("td")
                | local_name!("template")
                | local_name!("textarea")
                | local_name!("tfoot")
                | local_name!("th")
                | local_name!("thead")
                | local_name!("title")
                | local_name!("tr")
                | local_name!("track")
                | local_name!("ul")
                | local_name!("wbr")
                | local_name!("xmp")
        ),
        Namespace::MathMl => matches!(
            *name,
            local_name!("mi")
                | local_name!("mo")
                | local_name!("mn")
                | local_name!("ms")
                | local_name!("mtext")
                | local_name!("annotation-xml")
        ),
        Namespace::Svg => matches!(
            *name,
            local_name!("foreignObject") | local_name!("desc") | local_name!("title")
        ),
        _ => false,
    }
}

/// The scopes an element bounds, as bits by [`Scope`]:
/// read from a table for an HTML element with a kind of its own (every
/// element type the standard's lists name has one), worked out from the
/// lists for any other.
#[inline]
fn classes_of(open: &Open) -> u8 {
    static CLASSES: OnceLock<[u8; KINDS]> = OnceLock::new();
    let kind = open.kind;
    if kind == Kind::OTHER {
        return classes_by_lists(open);
    }
    let table = CLASSES.get_or_init(|| {
        let mut table = [0; KINDS];
        for (kind, name) in Kind::all() {
            table[kind.index()] = classes_by_lists(&Open::new(
                NodeId::DOCUMENT,
                Namespace::Html,
                name.clone(),
                false,
            ));
        }
        table
    });
    table[kind.index()]
}

/// The scopes an element bounds, as bits by [`Scope`]: what
/// the standard's lists (13.2.4.2) say of it, in one pass.
fn classes_by_lists(open: &Open) -> u8 {
    let bit = |scope: Scope| 1u8 << scope as u8;
    let mut bits = 0;
    if default_boundary(open) {
        bits |= bit(Scope::Default) | bit(Scope::ListItem) | bit(Scope::Button);
    }
    if is_special(open.ns, &open.name) {
        bits |= bit(Scope::Special);
    }
    if open.ns == Namespace::Html {
        bits |= bit(Scope::Html);
        match open.name {
            local_name!("ol") | local_name!("ul") => bits |= bit(Scope::ListItem),
            local_name!("button") => bits |= bit(Scope::Button),
            local_name!("html") | local_name!("table") | local_name!("template") => {
                bits |= bit(Scope::Table)
            }
            _ => {}
        }
    }
    bits
}

/// An entry; per scope, one past the index of the nearest boundary at or below
/// it (0: none); and one past the index of the entry below it found by the
/// same [`Key`] (0: none).
#[derive(Clone, Debug)]
struct Entry {
    open: Open,
    classes: u8,
    bounds: [u32; SCOPES],
    below_same: u32,
}

/// What the entries of one element type are found by: an HTML element's
/// kind, or, without one, its name; a foreign element's name in ASCII
/// lowercase (as an end tag in foreign content matches them).
enum Key {
    Known(Kind),
    Html(LocalName),
    Foreign(LocalName),
}

impl Key {
    #[inline]
    fn of(open: &Open) -> Key {
        if open.ns != Namespace::Html {
            Key::Foreign(lowercase(&open.name))
        } else if open.kind == Kind::OTHER {
            Key::Html(open.name.clone())
        } else {
            Key::Known(open.kind)
        }
    }
}

/// The index of each element type's topmost entry, by [`Key`].
#[derive(Debug)]
struct Topmost {
    /// By kind: one past the index (0: none).
    known: [u32; KINDS],
    html: FxHashMap<LocalName, u32>,
    foreign: FxHashMap<LocalName, u32>,
}

impl Default for Topmost {
    fn default() -> Topmost {
        Topmost {
            known: [0; KINDS],
            html: FxHashMap::default(),
            foreign: FxHashMap::default(),
        }
    }
}

impl Topmost {
    #[inline]
    fn get(&self, key: &Key) -> Option<u32> {
        match key {
            Key::Known(kind) => self.known[kind.index()].checked_sub(1),
            Key::Html(name) => self.html.get(name).copied(),
            Key::Foreign(name) => self.foreign.get(name).copied(),
        }
    }

    /// Makes `index` the topmost of `key`; the topmost before, if any.
    #[inline]
    fn set(&mut self, key: Key, index: u32) -> Option<u32> {
        match key {
            Key::Known(kind) => {
                std::mem::replace(&mut self.known[kind.index()], index + 1).checked_sub(1)
            }
            Key::Html(name) => self.html.insert(name, index),
            Key::Foreign(name) => self.foreign.insert(name, index),
        }
    }

    #[inline]
    fn remove(&mut self, key: &Key) {
        match key {
            Key::Known(kind) => self.known[kind.index()] = 0,
            Key::Html(name) => {
                self.html.remove(name);
            }
            Key::Foreign(name) => {
                self.foreign.remove(name);
            }
        }
    }

    /// The topmost HTML element `name`.
    #[inline]
    fn html(&self, name: &LocalName) -> Option<u32> {
        match Kind::of(name) {
            Kind::OTHER => self.html.get(name).copied(),
            kind => self.known[kind.index()].checked_sub(1),
        }
    }
}

/// The stack of open elements, bottom (the `html` element) first.
#[derive(Debug, Default)]
pub(crate) struct OpenElements {
    entries: Vec<Entry>,
    topmost: Topmost,
    /// The nodes on the stack.
    nodes: NodeSet,
}

impl OpenElements {
    /// The number of open elements.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The current node: the entry on top.
    #[inline]
    pub(crate) fn current(&self) -> Option<&Open> {
        self.entries.last().map(|e| &e.open)
    }

    /// The entry at `index`, counted from the bottom.
    pub(crate) fn get(&self, index: usize) -> Option<&Open> {
        self.entries.get(index).map(|e| &e.open)
    }

    /// The entries, top first.
    pub(crate) fn iter_from_top(&self) -> impl Iterator<Item = &Open> + '_ {
        self.entries.iter().rev().map(|e| &e.open)
    }

    /// The entries, bottom first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Open> + '_ {
        self.entries.iter().map(|e| &e.open)
    }

    /// The first entry above `index` (towards the top) that is special:
    /// its index and node (the adoption agency's furthest block).
    pub(crate) fn first_special_above(&self, index: usize) -> Option<(usize, NodeId)> {
        let bit = 1 << Scope::Special as u8;
        self.entries
            .iter()
            .enumerate()
            .skip(index + 1)
            .find(|(_, e)| e.classes & bit != 0)
            .map(|(i, e)| (i, e.open.node))
    }

    /// Pushes `open` on top.
    pub(crate) fn push(&mut self, open: Open) {
        let index = self.entries.len();
        let below = self.entries.last().map(|e| e.bounds);
        self.nodes.insert(open.node);
        let classes = classes_of(&open);
        let below_same = self
            .topmost
            .set(Key::of(&open), index as u32)
            .map_or(0, |i| i + 1);
        self.entries.push(Entry {
            bounds: bounds_of(classes, index, below),
            open,
            classes,
            below_same,
        });
    }

    /// Pops the current node.
    pub(crate) fn pop(&mut self) -> Option<Open> {
        let entry = self.entries.pop()?;
        self.nodes.remove(entry.open.node);
        self.restore_topmost(Key::of(&entry.open), entry.below_same);
        Some(entry.open)
    }

    /// Inserts `open` at `index` (the adoption agency puts its new element
    /// just above the furthest block). An index past the top pushes.
    pub(crate) fn insert(&mut self, index: usize, open: Open) {
        if index >= self.entries.len() {
            self.push(open);
            return;
        }
        self.forget_from(index, Some(&open));
        self.nodes.insert(open.node);
        let classes = classes_of(&open);
        self.entries.insert(
            index,
            Entry {
                open,
                classes,
                bounds: [0; SCOPES],
                below_same: 0,
            },
        );
        self.rebuild_from(index);
    }

    /// Removes `node`'s entry, wherever it is; its entry if it had one.
    pub(crate) fn remove(&mut self, node: NodeId) -> Option<Open> {
        let index = self.position(node)?;
        self.forget_from(index, None);
        let entry = self.entries.remove(index);
        self.nodes.remove(entry.open.node);
        self.rebuild_from(index);
        Some(entry.open)
    }

    /// Replaces the node of the entry at `index` (the adoption agency's new
    /// element in place of an old one, with the same name).
    pub(crate) fn replace(&mut self, index: usize, node: NodeId) {
        if let Some(entry) = self.entries.get_mut(index) {
            self.nodes.remove(entry.open.node);
            entry.open.node = node;
            self.nodes.insert(node);
        }
    }

    /// Whether `node` is on the stack.
    #[inline]
    pub(crate) fn contains(&self, node: NodeId) -> bool {
        self.nodes.contains(node)
    }

    /// Where `node` stands, counted from the bottom.
    pub(crate) fn position(&self, node: NodeId) -> Option<usize> {
        if !self.nodes.contains(node) {
            return None;
        }
        self.entries
            .iter()
            .rposition(|entry| entry.open.node == node)
    }

    /// Whether an HTML element `name` is on the stack at all.
    #[inline]
    pub(crate) fn has_html(&self, name: &LocalName) -> bool {
        self.topmost.html(name).is_some()
    }

    /// The index of the topmost HTML element `name`.
    #[inline]
    pub(crate) fn topmost(&self, name: &LocalName) -> Option<usize> {
        self.topmost.html(name).map(|i| i as usize)
    }

    /// Whether the entry at `index` is reached from the top before any
    /// boundary of `scope` (an entry that is itself a boundary counts as
    /// reached).
    #[inline]
    pub(crate) fn reaches(&self, index: usize, scope: Scope) -> bool {
        let top = self.entries.last().map_or(0, |e| e.bounds[scope as usize]);
        index + 1 >= top as usize
    }

    /// "Has an element in `scope`" for the HTML element type `name`.
    #[inline]
    pub(crate) fn has_in_scope(&self, name: &LocalName, scope: Scope) -> bool {
        self.topmost(name).is_some_and(|i| self.reaches(i, scope))
    }

    /// The same for any of the HTML element types `names` (`h1` to `h6`,
    /// `td` or `th`).
    pub(crate) fn has_any_in_scope(&self, names: &[LocalName], scope: Scope) -> bool {
        names
            .iter()
            .filter_map(|name| self.topmost(name))
            .max()
            .is_some_and(|i| self.reaches(i, scope))
    }

    /// "Has `node` in scope": the check for one particular element.
    pub(crate) fn has_node_in_scope(&self, node: NodeId, scope: Scope) -> bool {
        self.position(node).is_some_and(|i| self.reaches(i, scope))
    }

    /// The entry of `key` on top of its others is gone: the one below it
    /// (`below_same`, one past its index, 0 for none) is the topmost now.
    #[inline]
    fn restore_topmost(&mut self, key: Key, below_same: u32) {
        match below_same.checked_sub(1) {
            Some(below) => {
                self.topmost.set(key, below);
            }
            None => self.topmost.remove(&key),
        }
    }

    /// The topmost foreign element whose name in ASCII lowercase is `name`
    /// (lowercase), above every HTML element: the one an end tag `name` in
    /// foreign content closes (13.2.6.5, any other end tag).
    pub(crate) fn foreign_to_close(&self, name: &LocalName) -> Option<usize> {
        let index = *self.topmost.foreign.get(name)? as usize;
        let nearest_html = self
            .entries
            .last()
            .map_or(0, |e| e.bounds[Scope::Html as usize]);
        (index + 1 > nearest_html as usize).then_some(index)
    }

    /// Before the entries from `index` up change (an insertion there, of
    /// `inserted`, or a removal): each HTML element type among them gets,
    /// as its topmost entry, its topmost below `index`.
    fn forget_from(&mut self, index: usize, inserted: Option<&Open>) {
        let keys = self.entries[index..]
            .iter()
            .map(|e| Key::of(&e.open))
            .chain(inserted.map(Key::of))
            .collect::<Vec<_>>();
        for key in keys {
            let mut top = self.topmost.get(&key).map(|i| i as usize);
            while let Some(i) = top.filter(|&i| i >= index) {
                top = self.entries[i]
                    .below_same
                    .checked_sub(1)
                    .map(|b| b as usize);
            }
            match top {
                // Cannot truncate: an index of the stack, whose entries
                // are counted in u32.
                Some(i) => {
                    self.topmost.set(key, i as u32);
                }
                None => self.topmost.remove(&key),
            }
        }
    }

    /// Recomputes the bounds and the same-name links of the entries from
    /// `index` up, after [`forget_from`](Self::forget_from) and the change.
    fn rebuild_from(&mut self, index: usize) {
        let mut below = index
            .checked_sub(1)
            .and_then(|i| self.entries.get(i))
            .map(|e| e.bounds);
        for i in index..self.entries.len() {
            let entry = &mut self.entries[i];
            entry.bounds = bounds_of(entry.classes, i, below);
            below = Some(entry.bounds);
            entry.below_same = self
                .topmost
                .set(Key::of(&entry.open), i as u32)
                .map_or(0, |b| b + 1);
        }
    }
}

/// `name` in ASCII lowercase (the same atom when it has no upper case, as
/// all but a few SVG names).
fn lowercase(name: &LocalName) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        name.clone()
    }
}

/// The bounds of an entry of `classes` at `index`, over those of the entry
/// below.
#[inline]
fn bounds_of(classes: u8, index: usize, below: Option<[u32; SCOPES]>) -> [u32; SCOPES] {
    let mut bounds = below.unwrap_or([0; SCOPES]);
    if classes != 0 {
        for (scope, bound) in bounds.iter_mut().enumerate() {
            if classes & (1 << scope) != 0 {
                *bound = index as u32 + 1;
            }
        }
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_SCOPES: [Scope; SCOPES] = [
        Scope::Default,
        Scope::ListItem,
        Scope::Button,
        Scope::Table,
        Scope::Special,
        Scope::Html,
    ];

    /// The standard's definition of each scope's boundaries, as written,
    /// which the entries' classes are held to.
    impl Scope {
        /// Whether `entry` bounds this scope.
        fn bounded_by(self, entry: &Open) -> bool {
            match self {
                Scope::Default => default_boundary(entry),
                Scope::ListItem => {
                    default_boundary(entry)
                        || entry.is_html(&local_name!("ol"))
                        || entry.is_html(&local_name!("ul"))
                }
                Scope::Button => default_boundary(entry) || entry.is_html(&local_name!("button")),
                Scope::Table => {
                    entry.ns == Namespace::Html
                        && matches!(
                            entry.name,
                            local_name!("html") | local_name!("table") | local_name!("template")
                        )
                }
                Scope::Special => is_special(entry.ns, &entry.name),
                Scope::Html => entry.ns == Namespace::Html,
            }
        }
    }

    fn node(n: u32) -> NodeId {
        NodeId::from_index(n as usize)
    }

    fn html(n: u32, name: &str) -> Open {
        Open::new(node(n), Namespace::Html, LocalName::from(name), false)
    }

    fn svg(n: u32, name: &str) -> Open {
        Open::new(node(n), Namespace::Svg, LocalName::from(name), false)
    }

    /// Pops until the HTML element `name` has been popped; how many.
    fn pop_until(s: &mut OpenElements, name: &LocalName) -> usize {
        let Some(index) = s.topmost(name) else {
            return 0;
        };
        let count = s.len() - index;
        for _ in 0..count {
            s.pop();
        }
        count
    }

    fn stack(entries: Vec<Open>) -> OpenElements {
        let mut stack = OpenElements::default();
        for entry in entries {
            stack.push(entry);
        }
        stack
    }

    /// The standard's walk, as written, to hold the indexed one to.
    fn walked(stack: &OpenElements, name: &str, scope: Scope) -> bool {
        for entry in stack.iter_from_top() {
            if entry.is_html(&LocalName::from(name)) {
                return true;
            }
            if scope.bounded_by(entry) {
                return false;
            }
        }
        false
    }

    #[test]
    fn classes_are_the_scopes_each_element_bounds() {
        let names = [
            "html", "table", "template", "td", "th", "ol", "ul", "button", "p", "div", "select",
            "applet", "caption", "marquee", "object", "span", "b",
        ];
        for name in names {
            for open in [html(1, name), svg(2, name)] {
                let expected = ALL_SCOPES
                    .iter()
                    .filter(|scope| scope.bounded_by(&open))
                    .fold(0, |bits, &scope| bits | 1 << scope as u8);
                assert_eq!(classes_of(&open), expected, "{name}");
            }
        }
        for name in ["foreignObject", "desc", "title", "circle"] {
            let open = svg(3, name);
            let expected = ALL_SCOPES
                .iter()
                .filter(|scope| scope.bounded_by(&open))
                .fold(0, |bits, &scope| bits | 1 << scope as u8);
            assert_eq!(classes_of(&open), expected, "{name}");
        }
    }

    #[test]
    fn scopes_stop_at_their_boundaries() {
        let s = stack(vec![
            html(1, "html"),
            html(2, "body"),
            html(3, "p"),
            html(4, "button"),
            html(5, "span"),
        ]);
        assert!(s.has_in_scope(&local_name!("p"), Scope::Default));
        assert!(!s.has_in_scope(&local_name!("p"), Scope::Button));
        assert!(s.has_in_scope(&local_name!("button"), Scope::Button));
        assert!(!s.has_in_scope(&local_name!("div"), Scope::Default));
        assert!(s.has_in_scope(&local_name!("button"), Scope::Special));
        assert!(!s.has_in_scope(&local_name!("p"), Scope::Special));
        let t = stack(vec![html(1, "html"), html(2, "table"), html(3, "td")]);
        assert!(!t.has_in_scope(&local_name!("table"), Scope::Default));
        assert!(t.has_in_scope(&local_name!("td"), Scope::Default));
        assert!(t.has_in_scope(&local_name!("table"), Scope::Table));
        let f = stack(vec![html(1, "html"), html(2, "p"), svg(3, "foreignObject")]);
        assert!(!f.has_in_scope(&local_name!("p"), Scope::Default));
        let l = stack(vec![html(1, "html"), html(2, "li"), html(3, "ul")]);
        assert!(l.has_in_scope(&local_name!("li"), Scope::Default));
        assert!(!l.has_in_scope(&local_name!("li"), Scope::ListItem));
    }

    #[test]
    fn indexed_checks_agree_with_the_walk_through_any_changes() {
        let names = [
            "html", "p", "div", "table", "td", "button", "li", "ul", "option", "span", "b",
        ];
        let mut s = OpenElements::default();
        let mut next = 1u32;
        // A fixed walk of pushes, pops, inserts and removals.
        let mut state = 0x9E37_79B9u32;
        for _ in 0..6_000 {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let pick = (state >> 16) as usize;
            match pick % 6 {
                0 | 1 => {
                    s.push(html(next, names[pick / 6 % names.len()]));
                    next += 1;
                }
                2 => {
                    s.pop();
                }
                3 => {
                    let at = if s.len() == 0 { 0 } else { pick / 6 % s.len() };
                    s.insert(at, html(next, names[pick / 7 % names.len()]));
                    next += 1;
                }
                4 => {
                    if s.len() > 0 {
                        let victim = s.get(pick / 6 % s.len()).unwrap().node;
                        assert!(s.remove(victim).is_some());
                        assert!(!s.contains(victim));
                    }
                }
                _ => {
                    pop_until(&mut s, &LocalName::from(names[pick / 6 % names.len()]));
                }
            }
            for name in names {
                for scope in ALL_SCOPES {
                    assert_eq!(
                        s.has_in_scope(&LocalName::from(name), scope),
                        walked(&s, name, scope),
                        "{name} in {scope:?}"
                    );
                }
                let top = s
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.is_html(&LocalName::from(name)))
                    .map(|(i, _)| i)
                    .last();
                assert_eq!(s.topmost(&LocalName::from(name)), top);
            }
            for (i, entry) in s.iter().enumerate() {
                assert!(s.contains(entry.node));
                assert_eq!(s.position(entry.node), Some(i));
            }
        }
    }

    #[test]
    fn pops_and_removals_keep_the_stack_in_order() {
        let mut s = stack(vec![
            html(1, "html"),
            html(2, "p"),
            html(3, "b"),
            html(4, "i"),
        ]);
        assert_eq!(pop_until(&mut s, &local_name!("div")), 0);
        assert_eq!(s.len(), 4);
        assert_eq!(pop_until(&mut s, &local_name!("p")), 3);
        assert_eq!(s.current(), Some(&html(1, "html")));
        assert!(!s.has_html(&local_name!("p")));
        let mut t = stack(vec![html(1, "html"), html(2, "b"), html(3, "i")]);
        assert_eq!(t.remove(node(2)).map(|o| o.node), Some(node(2)));
        assert!(t.remove(node(9)).is_none());
        assert_eq!(t.position(node(3)), Some(1));
    }

    #[test]
    fn a_deep_stack_answers_in_constant_time() {
        let mut s = OpenElements::default();
        s.push(html(1, "html"));
        s.push(html(2, "p"));
        for n in 3..200_003 {
            s.push(html(n, "span"));
        }
        // 200,000 checks of an element at the bottom of a 200,000-deep
        // stack: quadratic if each walked.
        for _ in 0..200_000 {
            assert!(s.has_in_scope(&local_name!("p"), Scope::Button));
            assert!(!s.has_in_scope(&local_name!("div"), Scope::Button));
            // `p` is itself special, and no special element stands above.
            assert!(s.has_in_scope(&local_name!("p"), Scope::Special));
            assert!(!s.has_in_scope(&local_name!("html"), Scope::Special));
        }
    }
}
