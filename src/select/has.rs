//! `:has()`, matched without recursion.
//!
//! The selectors crate can match `:has()` itself, but it walks the subtree
//! of the candidate by recursing once per level, so a deep enough document
//! overflows the stack. Here `:has()` is one of our pseudo-classes: its
//! argument is parsed by the crate as a list of relative selectors (each
//! starts with an anchor and a combinator), and the search for a match is a
//! loop over sibling and parent links.
//!
//! Two common shapes, a single compound after a descendant combinator
//! (`:has(img)`, `:has(.price)`) or after `~`, are also memoised for the
//! length of one [`Select`](super::Select): the answer for every element of
//! the walked subtree (or sibling run) is kept, so selecting `div:has(span)`
//! over n nested `div`s costs O(n), not O(n²). Other shapes search the
//! region their combinators can reach, for each element they are asked
//! about.

use selectors::matching::{self, MatchingContext};
use selectors::parser::{Selector, SelectorList};

use super::element::{El, first_element_child, next_element_sibling, prev_element_sibling};
use super::impl_types::Impl;
use crate::dom::NodeRef;

/// The argument of one `:has()`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct HasSelector {
    /// The relative selectors, as the selectors crate parsed them.
    pub(crate) list: SelectorList<Impl>,
    /// What we know about each of them, in the same order.
    pub(crate) relatives: Box<[Relative]>,
}

/// The part of the tree that a relative selector's matches can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The element's children (`> a`).
    Children,
    /// Everything below the element (`a`, `> a b`).
    Subtree,
    /// The next element sibling (`+ a`).
    NextSibling,
    /// The next element sibling and everything below it (`+ a > b`).
    NextSiblingSubtree,
    /// The later element siblings (`~ a`, `+ a + b`).
    LaterSiblings,
    /// The later element siblings and everything below them (`~ a b`).
    LaterSiblingsSubtree,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Relative {
    pub(crate) reach: Reach,
    /// No combinator after the leading one: whether an element matches does
    /// not depend on the anchor, which is what makes memoising possible.
    pub(crate) single_compound: bool,
    /// This relative selector's memo, unique within its [`super::Selector`].
    pub(crate) slot: u32,
}

/// Answers already worked out, per relative selector, per node index.
#[derive(Default)]
pub(crate) struct HasMemo {
    slots: Vec<Vec<u8>>,
}

/// The node's answer is known.
const DONE: u8 = 1;
/// The node has a match (in its subtree, or among its later siblings).
/// Below a node not yet `DONE`, this collects its children's answers.
const FOUND: u8 = 2;

impl HasMemo {
    fn slot(&mut self, slot: u32, nodes: usize) -> &mut [u8] {
        let slot = slot as usize;
        if self.slots.len() <= slot {
            self.slots.resize_with(slot + 1, Vec::new);
        }
        let states = &mut self.slots[slot];
        if states.len() < nodes {
            states.resize(nodes, 0);
        }
        states
    }
}

/// Whether `element` matches `:has(selector)`.
pub(crate) fn matches(
    element: &NodeRef<'_>,
    selector: &HasSelector,
    context: &mut MatchingContext<'_, Impl>,
) -> bool {
    selector
        .list
        .slice()
        .iter()
        .zip(selector.relatives.iter())
        .any(|(relative_selector, relative)| {
            matches_relative(element, relative_selector, relative, context)
        })
}

fn matches_relative(
    element: &NodeRef<'_>,
    selector: &Selector<Impl>,
    relative: &Relative,
    context: &mut MatchingContext<'_, Impl>,
) -> bool {
    let memoisable =
        relative.single_compound && matches!(relative.reach, Reach::Subtree | Reach::LaterSiblings);
    if memoisable && let Some(memo) = context.extra_data.take() {
        let states = memo.slot(relative.slot, element.document().node_count());
        let found = context.nest(|context| {
            // With no anchor set, the anchor part of the relative selector
            // matches any element, and every node looked at here has one
            // where the combinator looks (the parent, or an earlier
            // sibling): matching the whole selector matches its one compound.
            let mut test = |node: &NodeRef<'_>| {
                matching::matches_selector(selector, 0, None, &El(*node), context)
            };
            if relative.reach == Reach::Subtree {
                subtree_has(element, states, &mut test)
            } else {
                later_siblings_have(element, states, &mut test)
            }
        });
        context.extra_data = Some(memo);
        return found;
    }
    let opaque = selectors::Element::opaque(&El(*element));
    context.nest_for_relative_selector(opaque, |context| {
        search(element, selector, relative.reach, context)
    })
}

/// Whether some element below `root` passes `test`, filling in the answer
/// for every element of the subtree on the way (each element is tested
/// once, whichever element asks first). A post-order walk over links.
fn subtree_has(
    root: &NodeRef<'_>,
    states: &mut [u8],
    test: &mut dyn FnMut(&NodeRef<'_>) -> bool,
) -> bool {
    // Indexing `states` cannot panic: it holds an entry per node of the
    // document (`HasMemo::slot`), and node indices are below that count.
    let root_index = root.node_id().index();
    if states[root_index] & DONE != 0 {
        return states[root_index] & FOUND != 0;
    }
    let Some(mut node) = first_element_child(root) else {
        states[root_index] |= DONE;
        return false;
    };
    loop {
        // Going down: into the first child, unless this node is known.
        if states[node.node_id().index()] & DONE == 0
            && let Some(child) = first_element_child(&node)
        {
            node = child;
            continue;
        }
        // Coming back up: settle `node`, then go to its next sibling or up.
        loop {
            let index = node.node_id().index();
            let found = states[index] & FOUND != 0 || test(&node);
            states[index] |= DONE;
            // Cannot panic: the walk stays strictly below `root` (it stops on
            // coming back up to it), so `node` has a parent.
            let parent = node.parent().expect("below the root");
            if found {
                states[parent.node_id().index()] |= FOUND;
            }
            if let Some(next) = next_element_sibling(&node) {
                node = next;
                break;
            }
            node = parent;
            if node == *root {
                states[root_index] |= DONE;
                return states[root_index] & FOUND != 0;
            }
        }
    }
}

/// Whether some later element sibling of `element` passes `test`, filling
/// in the answer for each sibling on the way.
fn later_siblings_have(
    element: &NodeRef<'_>,
    states: &mut [u8],
    test: &mut dyn FnMut(&NodeRef<'_>) -> bool,
) -> bool {
    let state = states[element.node_id().index()];
    if state & DONE != 0 {
        return state & FOUND != 0;
    }
    // Forward to the last sibling, or to one whose answer is known.
    let mut last = *element;
    let mut found = false;
    while let Some(next) = next_element_sibling(&last) {
        let next_state = states[next.node_id().index()];
        if next_state & DONE != 0 {
            found = next_state & FOUND != 0 || test(&next);
            break;
        }
        last = next;
    }
    // Back, settling each sibling: later siblings of the one before `node`
    // are `node` and the later siblings of `node`.
    let mut node = last;
    loop {
        states[node.node_id().index()] = DONE | if found { FOUND } else { 0 };
        if node == *element {
            return found;
        }
        found = found || test(&node);
        // Cannot panic: `node` is `element` or one of its later siblings, and
        // `element` was met above when it is `node`.
        node = prev_element_sibling(&node).expect("walking back towards the element");
    }
}

/// The search for any shape: every element the relative selector could
/// match, tested with the anchor set to `element`.
fn search(
    element: &NodeRef<'_>,
    selector: &Selector<Impl>,
    reach: Reach,
    context: &mut MatchingContext<'_, Impl>,
) -> bool {
    let mut test = |node: NodeRef<'_>| {
        node.is_element() && matching::matches_selector(selector, 0, None, &El(node), context)
    };
    match reach {
        Reach::Children => element.children().any(test),
        Reach::Subtree => element.descendants().skip(1).any(test),
        Reach::NextSibling => next_element_sibling(element).is_some_and(test),
        Reach::NextSiblingSubtree => {
            next_element_sibling(element).is_some_and(|next| next.descendants().any(test))
        }
        Reach::LaterSiblings => {
            let mut sibling = next_element_sibling(element);
            while let Some(node) = sibling {
                if test(node) {
                    return true;
                }
                sibling = next_element_sibling(&node);
            }
            false
        }
        Reach::LaterSiblingsSubtree => {
            let mut sibling = next_element_sibling(element);
            while let Some(node) = sibling {
                if node.descendants().any(&mut test) {
                    return true;
                }
                sibling = next_element_sibling(&node);
            }
            false
        }
    }
}
