//! `<selectedcontent>`: when an `option` element is popped off the stack
//! of open elements, the standard's "maybe clone an option into
//! selectedcontent" copies the selected option's children into its
//! select's enabled `selectedcontent` element (HTML standard, the
//! `option` element's steps when popped, and the `select` element's
//! selectedness setting algorithm).
//!
//! While parsing, the selected option of a select without `multiple` is
//! the last one with a `selected` attribute, or, while none has one, the
//! first that is not disabled.

use rustc_hash::FxHashMap;

use super::writer::Writer;
use crate::dom::NodeId;

#[derive(Default)]
pub(crate) struct SelectedContent {
    /// Whether the document has a `selectedcontent` element at all: only
    /// then is a popped option looked at.
    seen: bool,
    /// Each select's selected option so far, and whether it was chosen by
    /// its `selected` attribute.
    chosen: FxHashMap<NodeId, (NodeId, bool)>,
}

impl SelectedContent {
    /// A `selectedcontent` element was made.
    pub(crate) fn element_made(&mut self) {
        self.seen = true;
    }

    /// The `option` element `option` was popped.
    pub(crate) fn option_popped(&mut self, writer: &mut Writer, option: NodeId) {
        if !self.seen {
            return;
        }
        let Some(select) = writer.ancestor_named(option, "select") else {
            return;
        };
        if writer.has_attribute(select, "multiple") {
            return;
        }
        let Some(content) = writer.descendant_named(select, "selectedcontent") else {
            return;
        };
        let by_attribute = writer.has_attribute(option, "selected");
        let selected = match self.chosen.get(&select) {
            _ if by_attribute => true,
            Some(_) => false,
            None => !writer.has_attribute(option, "disabled"),
        };
        if !selected {
            return;
        }
        self.chosen.insert(select, (option, by_attribute));
        writer.replace_children_with_copies(option, content);
    }
}
