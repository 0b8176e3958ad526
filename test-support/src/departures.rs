//! Where html5ever 0.40's tree builder, the reference every htmldict tree
//! is compared with, departs from the WHATWG HTML standard, which htmldict
//! follows. Each departure is named, with the section of the standard it
//! departs from, a minimal input that shows it, and the inputs it can
//! touch: a comparison with html5ever that differs on such an input is
//! counted as that departure rather than failed. The html5lib suite, which
//! htmldict passes in full, is the arbiter where the two differ.
//!
//! The conditions are on the input text (ASCII case-insensitive) and the
//! fragment context, and err on the side of naming more inputs than the
//! departure can change; `tests/departures.rs` checks that each minimal
//! input differs, that the two parsers agree once the departure is out of
//! the way, and the differential test reports how many inputs each one
//! covered.

/// One way html5ever departs from the standard.
pub struct Departure {
    /// A short name.
    pub name: &'static str,
    /// The section of the HTML standard, and what it says.
    pub standard: &'static str,
    /// What html5ever does instead.
    pub html5ever: &'static str,
    /// A minimal input that shows it: the fragment context (if any) and the
    /// text.
    pub example: (Option<&'static str>, &'static str),
    /// Whether the departure can touch this input.
    applies: fn(Option<&str>, &str) -> bool,
}

impl Departure {
    /// Whether the departure can touch `html` parsed in `context`.
    pub fn applies(&self, context: Option<&str>, html: &str) -> bool {
        (self.applies)(context, &html.to_ascii_lowercase())
    }
}

/// The foreign elements the standard puts in the special category and in
/// the default scope's boundaries (MathML text integration points,
/// `annotation-xml`, SVG HTML integration points).
const FOREIGN_SPECIAL: [&str; 9] = [
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
    "title",
];

fn foreign_context(context: Option<&str>) -> bool {
    context.is_some_and(|c| c.starts_with("svg ") || c.starts_with("math "))
}

/// Every known departure.
pub static DEPARTURES: [Departure; 10] = [
    Departure {
        name: "search is special",
        standard: "13.2.4.2 (the special category) lists search",
        html5ever: "leaves search out of its special set: an end tag or the adoption agency walks past it",
        example: (None, "<b><search></b>x"),
        applies: |_, html| html.contains("<search"),
    },
    Departure {
        name: "isindex is not special",
        standard: "13.2.4.2 (the special category) no longer lists isindex",
        html5ever: "keeps isindex in its special set",
        example: (None, "<b><isindex></b>x"),
        applies: |_, html| html.contains("<isindex"),
    },
    Departure {
        name: "MathML and SVG special elements",
        standard: "13.2.4.2: MathML mi, mo, mn, ms, mtext, annotation-xml and SVG foreignObject, desc, title are special, and annotation-xml bounds the default scope",
        html5ever: "counts no foreign element as special, and leaves annotation-xml out of the default scope",
        example: (None, "<option><math><mn></option>x"),
        applies: |context, html| {
            let foreign =
                foreign_context(context) || html.contains("<svg") || html.contains("<math");
            let special = FOREIGN_SPECIAL.iter().any(|name| {
                html.contains(&format!("<{name}"))
                    || context.is_some_and(|c| c.ends_with(&format!(" {name}")))
            });
            foreign && special
        },
    },
    Departure {
        name: "table sections in table body",
        standard: "13.2.6.4.13: caption, col, colgroup, tbody, tfoot, thead start tags and </table> look for a tbody, thead or tfoot in table scope",
        html5ever: "looks for a table, tbody or tfoot instead, missing thead",
        example: (Some("table"), "<thead><thead>"),
        applies: |context, html| {
            html.contains("<thead")
                || matches!(context, Some("thead" | "tbody" | "tfoot" | "template"))
        },
    },
    Departure {
        name: "form context sets the form pointer",
        standard: "13.4 (fragment parsing): the form element pointer is set to the nearest form at or above the context element",
        html5ever: "leaves the pointer null, so a form start tag in a form fragment makes a form",
        example: (Some("form"), "<form>"),
        applies: |context, _| context == Some("form"),
    },
    Departure {
        name: "foreign end tag reaching the root",
        standard: "13.2.6.5 (any other end tag): when the walk down the stack reaches an HTML element, the root included, the token is processed in the insertion mode",
        html5ever: "stops at the root of a fragment without processing the token",
        example: (Some("svg path"), "<i><b></i><f></b><table>r"),
        applies: |context, html| foreign_context(context) && html.contains("</"),
    },
    Departure {
        name: "Silmaril quirks prefix",
        standard: "13.2.6.4.1: a public identifier starting +//Silmaril//dtd html Pro v0r11 19970101// makes quirks mode",
        html5ever: "lacks that prefix in its list",
        example: (
            None,
            "<!DOCTYPE html PUBLIC \"+//Silmaril//dtd html Pro v0r11 19970101//\"><p><table>",
        ),
        applies: |_, html| html.contains("silmaril"),
    },
    Departure {
        name: "DOCTYPE in table text",
        standard: "13.2.6.4.10: in \"in table text\" a DOCTYPE token is \"anything else\": the pending characters are inserted (or foster-parented) before it is reprocessed",
        html5ever: "drops a DOCTYPE outside the initial mode before the insertion mode sees it, so the pending characters stay pending and join those after it",
        example: (None, "<table><tr><td></td>x<!DOCTYPE html> <td>"),
        applies: |_, html| {
            html.match_indices("<!doctype")
                .any(|(at, _)| !html[..at].trim().is_empty())
        },
    },
    Departure {
        name: "template as the table's current node",
        standard: "13.2.6.4.9: a character token in \"in table\" whose current node is a template goes to \"in table text\" (the list is table, tbody, template, tfoot, thead, tr)",
        html5ever: "leaves template out of that list: whitespace there is foster-parented through \"in body\", which reopens formatting elements around it",
        example: (None, "<template><colgroup><b><caption></table>\n"),
        applies: |context, html| html.contains("<template") || context == Some("template"),
    },
    Departure {
        name: "selectedcontent",
        standard: "the option element's steps when popped (maybe clone an option into selectedcontent)",
        html5ever: "clones only on an explicit </option>",
        example: (None, "<select><button><selectedcontent></button><option>X"),
        applies: |_, html| html.contains("<selectedcontent"),
    },
];

/// The departures that can touch `html` parsed in `context`.
pub fn departures_for(context: Option<&str>, html: &str) -> Vec<&'static Departure> {
    let lower = html.to_ascii_lowercase();
    DEPARTURES
        .iter()
        .filter(|d| (d.applies)(context, &lower))
        .collect()
}
