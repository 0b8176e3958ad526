//! The adoption agency algorithm (13.2.6.4.7, for the end tags of
//! formatting elements) and "reconstruct the active formatting elements"
//! (13.2.4.3).

use html5ever::LocalName;

use super::formatting::Formatting;
use super::stack::Scope;
use super::writer::Place;
use super::{Open, TreeBuilder};
use crate::dom::{Namespace, NodeId};

/// Where the adoption agency's new element goes in the list of active
/// formatting elements: in the formatting element's place, or just after
/// an entry.
enum Bookmark {
    Replace,
    After(NodeId),
}

impl TreeBuilder {
    /// "Create an element for the token for which" the formatting element
    /// `entry` "was created": the same name and attributes, not inserted.
    fn make_again(&mut self, entry: &Formatting) -> (Open, Formatting) {
        let node = self.writer.create_element_like(entry.node);
        let open = Open::new(node, Namespace::Html, entry.name.clone(), false);
        (open, Formatting::like(node, entry))
    }

    /// "Reconstruct the active formatting elements".
    pub(super) fn reconstruct_formatting(&mut self) {
        // Rewind to the entry after the last one that is a marker or open,
        // then make each entry from there again, in order, in its place.
        let stack = &self.stack;
        let Some(first) = self.formatting.reopen_from(|node| stack.contains(node)) else {
            return;
        };
        let mut index = first;
        while let Some(old) = self.formatting.at(index).cloned() {
            let (open, entry) = self.make_again(&old);
            self.insert_and_push(open);
            self.formatting.replace_at(index, entry);
            index += 1;
        }
    }

    /// The adoption agency algorithm for an end tag `subject`.
    pub(super) fn adoption_agency(&mut self, subject: &LocalName) {
        // Step 2: the current node is the element, and not a formatting
        // element in the list.
        if let Some(current) = self.current()
            && current.is_html(subject)
            && !self.formatting.contains(current.node)
        {
            self.pop();
            return;
        }
        for _ in 0..8 {
            let Some(format_entry) = self.formatting.last_named(subject).cloned() else {
                return self.any_other_end_tag(subject);
            };
            let format_node = format_entry.node;
            let Some(format_index) = self.stack.position(format_node) else {
                self.error("a formatting element closed that is no longer open");
                self.formatting.remove(format_node);
                return;
            };
            if !self.stack.reaches(format_index, Scope::Default) {
                self.error("a formatting element closed out of scope");
                return;
            }
            if format_index + 1 != self.stack.len() {
                self.error("a formatting element closed with others open inside it");
            }
            // The furthest block: the first special element above the
            // formatting element.
            let furthest = self.stack.first_special_above(format_index);
            let Some((furthest_index, furthest_block)) = furthest else {
                self.pop_to(format_index);
                self.formatting.remove(format_node);
                return;
            };
            let Some(common_ancestor) = format_index
                .checked_sub(1)
                .and_then(|i| self.stack.get(i))
                .cloned()
            else {
                return;
            };
            let mut bookmark = Bookmark::Replace;
            let mut last_node = furthest_block;
            let mut node_index = furthest_index;
            let mut inner = 0;
            loop {
                inner += 1;
                node_index -= 1;
                let Some(node) = self.stack.get(node_index).map(|o| o.node) else {
                    break;
                };
                if node == format_node {
                    break;
                }
                if inner > 3 && self.formatting.contains(node) {
                    self.formatting.remove(node);
                }
                let Some(entry) = self.formatting.get(node).cloned() else {
                    self.remove_from_stack(node);
                    continue;
                };
                let (open, new_entry) = self.make_again(&entry);
                let new_node = open.node;
                self.formatting.replace(node, new_entry, &self.writer);
                self.stack.replace(node_index, new_node);
                if last_node == furthest_block {
                    bookmark = Bookmark::After(new_node);
                }
                self.writer
                    .insert(Place::last_child_of(new_node), last_node);
                last_node = new_node;
            }
            let place = self.place(Some(&common_ancestor));
            self.writer.insert(place, last_node);
            let (open, new_entry) = self.make_again(&format_entry);
            let new_element = open.node;
            self.writer.reparent_children(furthest_block, new_element);
            self.writer
                .insert(Place::last_child_of(furthest_block), new_element);
            match bookmark {
                Bookmark::Replace => {
                    self.formatting
                        .replace(format_node, new_entry, &self.writer);
                }
                Bookmark::After(after) => {
                    self.formatting.insert_after(after, new_entry, &self.writer);
                    self.formatting.remove(format_node);
                }
            }
            self.remove_from_stack(format_node);
            let furthest_now = self
                .stack
                .position(furthest_block)
                .unwrap_or(furthest_index.saturating_sub(1));
            self.stack.insert(furthest_now + 1, open);
        }
    }
}
