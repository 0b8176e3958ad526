//! [`Kind`]: a small number for each HTML element name the standard
//! defines (its index of elements, section 4's elements, and the obsolete
//! ones tree construction still names, 13.2.6.4.7), so that the tables
//! tree construction consults for every element (the scopes an element
//! bounds, the stack's topmost entry of each element type, the document's
//! id for the name) are arrays indexed by the number rather than hash maps
//! keyed by the atom. Any other name (a custom element, a typo) is
//! [`Kind::OTHER`], and those tables fall back to their maps for it.
//!
//! The number is found once per element, through an open-addressing table
//! (linear probing) slotted by the atom's own hash, built on first use and
//! shared by every parse.

use std::sync::OnceLock;

use html5ever::{LocalName, local_name};

/// The HTML element names with a number: `NAMES[k - 1]` is the name of
/// `Kind(k)`.
static NAMES: [LocalName; 135] = [
    local_name!("a"),
    local_name!("abbr"),
    local_name!("address"),
    local_name!("applet"),
    local_name!("area"),
    local_name!("article"),
    local_name!("aside"),
    local_name!("audio"),
    local_name!("b"),
    local_name!("base"),
    local_name!("basefont"),
    local_name!("bdi"),
    local_name!("bdo"),
    local_name!("bgsound"),
    local_name!("big"),
    local_name!("blockquote"),
    local_name!("body"),
    local_name!("br"),
    local_name!("button"),
    local_name!("canvas"),
    local_name!("caption"),
    local_name!("center"),
    local_name!("cite"),
    local_name!("code"),
    local_name!("col"),
    local_name!("colgroup"),
    local_name!("data"),
    local_name!("datalist"),
    local_name!("dd"),
    local_name!("del"),
    local_name!("details"),
    local_name!("dfn"),
    local_name!("dialog"),
    local_name!("dir"),
    local_name!("div"),
    local_name!("dl"),
    local_name!("dt"),
    local_name!("em"),
    local_name!("embed"),
    local_name!("fieldset"),
    local_name!("figcaption"),
    local_name!("figure"),
    local_name!("font"),
    local_name!("footer"),
    local_name!("form"),
    local_name!("frame"),
    local_name!("frameset"),
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
    local_name!("head"),
    local_name!("header"),
    local_name!("hgroup"),
    local_name!("hr"),
    local_name!("html"),
    local_name!("i"),
    local_name!("iframe"),
    local_name!("img"),
    local_name!("input"),
    local_name!("ins"),
    local_name!("kbd"),
    local_name!("keygen"),
    local_name!("label"),
    local_name!("legend"),
    local_name!("li"),
    local_name!("link"),
    local_name!("listing"),
    local_name!("main"),
    local_name!("map"),
    local_name!("mark"),
    local_name!("marquee"),
    local_name!("menu"),
    local_name!("meta"),
    local_name!("meter"),
    local_name!("nav"),
    local_name!("nobr"),
    local_name!("noembed"),
    local_name!("noframes"),
    local_name!("noscript"),
    local_name!("object"),
    local_name!("ol"),
    local_name!("optgroup"),
    local_name!("option"),
    local_name!("output"),
    local_name!("p"),
    local_name!("param"),
    local_name!("picture"),
    local_name!("plaintext"),
    local_name!("pre"),
    local_name!("progress"),
    local_name!("q"),
    local_name!("rb"),
    local_name!("rp"),
    local_name!("rt"),
    local_name!("rtc"),
    local_name!("ruby"),
    local_name!("s"),
    local_name!("samp"),
    local_name!("script"),
    local_name!("search"),
    local_name!("section"),
    local_name!("select"),
    local_name!("selectedcontent"),
    local_name!("slot"),
    local_name!("small"),
    local_name!("source"),
    local_name!("span"),
    local_name!("strike"),
    local_name!("strong"),
    local_name!("style"),
    local_name!("sub"),
    local_name!("summary"),
    local_name!("sup"),
    local_name!("table"),
    local_name!("tbody"),
    local_name!("td"),
    local_name!("template"),
    local_name!("textarea"),
    local_name!("tfoot"),
    local_name!("th"),
    local_name!("thead"),
    local_name!("time"),
    local_name!("title"),
    local_name!("tr"),
    local_name!("track"),
    local_name!("tt"),
    local_name!("u"),
    local_name!("ul"),
    local_name!("var"),
    local_name!("video"),
    local_name!("wbr"),
    local_name!("xmp"),
];

/// How many kinds there are, [`Kind::OTHER`] included: the length of an
/// array indexed by [`Kind::index`].
pub(crate) const KINDS: usize = NAMES.len() + 1;
const _: () = assert!(KINDS <= u8::MAX as usize + 1);

/// Slots of the lookup table (a power of two, about four per name, so that
/// a lookup seldom probes past its first slot).
const SLOTS: usize = 512;
const _: () = assert!(SLOTS.is_power_of_two() && SLOTS >= 2 * KINDS);

/// The number of an HTML element name (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Kind(u8);

/// The lookup table: each slot a name and its kind's number, 0 for an
/// empty slot (which ends a probe).
type Table = [(LocalName, u8); SLOTS];

static TABLE: OnceLock<Box<Table>> = OnceLock::new();

/// The first slot probed for `name`: its atom's hash (precomputed for
/// static and dynamic atoms, the packed bytes of an inline one), mixed so
/// that its top bits depend on all of it.
#[inline]
fn first_slot(name: &LocalName) -> usize {
    let mixed = name.get_hash().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // Below SLOTS, a power of two: indexing a table with it cannot panic.
    (mixed >> (64 - SLOTS.trailing_zeros())) as usize
}

fn build() -> Box<Table> {
    let mut table: Box<Table> = Box::new(std::array::from_fn(|_| (local_name!(""), 0)));
    for (i, name) in NAMES.iter().enumerate() {
        let mut at = first_slot(name);
        while table[at].1 != 0 {
            at = (at + 1) % SLOTS;
        }
        // Cannot truncate: KINDS fits in a u8 (checked above).
        table[at] = (name.clone(), (i + 1) as u8);
    }
    table
}

impl Kind {
    /// Any name without a number of its own.
    pub(crate) const OTHER: Kind = Kind(0);

    /// The kind of the HTML element name `name`.
    #[inline]
    pub(crate) fn of(name: &LocalName) -> Kind {
        let table = TABLE.get_or_init(build);
        let mut at = first_slot(name);
        // Ends: the table has empty slots (SLOTS > KINDS), and the probe
        // moves through every slot in turn.
        loop {
            let (slot_name, kind) = &table[at];
            if *kind == 0 {
                return Kind::OTHER;
            }
            if slot_name == name {
                return Kind(*kind);
            }
            at = (at + 1) % SLOTS;
        }
    }

    /// The kind's index in an array of [`KINDS`] entries: always below
    /// [`KINDS`] (a kind is made only from an index of the names, plus
    /// one, or is [`Kind::OTHER`]), so indexing such an array with it
    /// cannot panic.
    #[inline]
    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Every kind but [`Kind::OTHER`], with its name.
    pub(crate) fn all() -> impl Iterator<Item = (Kind, &'static LocalName)> {
        // Cannot truncate: KINDS fits in a u8.
        NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| (Kind((i + 1) as u8), name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_has_its_own_kind() {
        let mut seen = [false; KINDS];
        for (kind, name) in Kind::all() {
            assert_eq!(Kind::of(name), kind, "{name}");
            assert!(!seen[kind.index()], "{name} listed twice");
            seen[kind.index()] = true;
        }
        assert!(!seen[Kind::OTHER.index()]);
    }

    #[test]
    fn any_other_name_is_other() {
        for name in [
            "",
            "x",
            "my-element",
            "DIV",
            "svg",
            "math",
            "foreignObject",
            "image",
        ] {
            assert_eq!(Kind::of(&LocalName::from(name)), Kind::OTHER, "{name}");
        }
        // Many names at once probe through filled runs of the table.
        for i in 0..2000 {
            let name = LocalName::from(format!("x{i}"));
            assert_eq!(Kind::of(&name), Kind::OTHER);
        }
    }
}
