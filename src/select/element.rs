//! [`NodeRef`] as a `selectors::Element`: what the selectors crate asks of a
//! node while it matches. Every walk here follows sibling or parent links in
//! a loop; nothing recurses on the depth of the tree, and nothing allocates.

use markup5ever::{LocalName, local_name};
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::matching::{ElementSelectorFlags, MatchingContext};
use selectors::{Element, OpaqueElement};

use super::has;
use super::impl_types::{CssIdent, CssString, Impl, NsUrl, PseudoClass, PseudoElement};
use crate::dom::{Namespace, NodeKind, NodeRef};

/// An element as the selectors crate sees it. A wrapper, so that the
/// `selectors::Element` implementation stays out of the public API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct El<'a>(pub(crate) NodeRef<'a>);

/// Element navigation that skips text, comments and the like.
pub(crate) fn first_element_child<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.children().find(NodeRef::is_element)
}

pub(crate) fn next_element_sibling<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut sibling = node.next_sibling();
    while let Some(candidate) = sibling {
        if candidate.is_element() {
            return Some(candidate);
        }
        sibling = candidate.next_sibling();
    }
    None
}

pub(crate) fn prev_element_sibling<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut sibling = node.prev_sibling();
    while let Some(candidate) = sibling {
        if candidate.is_element() {
            return Some(candidate);
        }
        sibling = candidate.prev_sibling();
    }
    None
}

/// The value of the no-namespace attribute with this name, a static atom.
fn attr<'a>(node: &NodeRef<'a>, name: &LocalName) -> Option<&'a str> {
    node.attr_entries()
        .find(|(entry, _)| entry.ns == Namespace::None && entry.atom() == Some(name))
        .map(|(_, value)| value)
}

/// True for an HTML element with one of these names (atoms of html5ever's
/// static set, so each comparison is one integer compare).
fn is_html(node: &NodeRef<'_>, names: &[LocalName]) -> bool {
    node.element_name().is_some_and(|name| {
        name.ns == Namespace::Html && name.atom().is_some_and(|atom| names.contains(atom))
    })
}

/// `a` and `area` elements with an `href`: the HTML standard's links.
fn is_hyperlink(node: &NodeRef<'_>) -> bool {
    is_html(node, &[local_name!("a"), local_name!("area")])
        && attr(node, &local_name!("href")).is_some()
}

/// `:checked`, from the markup: checkboxes and radio buttons with a
/// `checked` attribute, options with a `selected` attribute.
fn is_checked(node: &NodeRef<'_>) -> bool {
    if is_html(node, &[local_name!("input")]) {
        let kind = attr(node, &local_name!("type")).unwrap_or("");
        (kind.eq_ignore_ascii_case("checkbox") || kind.eq_ignore_ascii_case("radio"))
            && attr(node, &local_name!("checked")).is_some()
    } else {
        is_html(node, &[local_name!("option")]) && attr(node, &local_name!("selected")).is_some()
    }
}

/// The elements `:enabled` and `:disabled` are about.
fn can_be_disabled(node: &NodeRef<'_>) -> bool {
    is_html(
        node,
        &[
            local_name!("button"),
            local_name!("input"),
            local_name!("select"),
            local_name!("textarea"),
            local_name!("optgroup"),
            local_name!("option"),
            local_name!("fieldset"),
        ],
    )
}

/// The HTML standard's "actually disabled", for an element that
/// [`can_be_disabled`].
fn is_disabled(node: &NodeRef<'_>) -> bool {
    if attr(node, &local_name!("disabled")).is_some() {
        return true;
    }
    match node.local_name() {
        Some("optgroup") => false,
        // An option in a disabled optgroup.
        Some("option") => node.parent().is_some_and(|p| {
            is_html(&p, &[local_name!("optgroup")]) && attr(&p, &local_name!("disabled")).is_some()
        }),
        // A control or fieldset inside a disabled fieldset, unless it sits
        // in that fieldset's first legend.
        _ => {
            let mut child = *node;
            for ancestor in node.ancestors() {
                if is_html(&ancestor, &[local_name!("fieldset")])
                    && attr(&ancestor, &local_name!("disabled")).is_some()
                {
                    let first_legend = ancestor
                        .element_children()
                        .find(|c| is_html(c, &[local_name!("legend")]));
                    if first_legend != Some(child) {
                        return true;
                    }
                }
                child = ancestor;
            }
            false
        }
    }
}

impl<'a> Element for El<'a> {
    type Impl = Impl;

    fn opaque(&self) -> OpaqueElement {
        // The node's slot in the arena: one address per node, stable while
        // the document is borrowed.
        OpaqueElement::new(self.0.document().arena.node(self.0.node_id()))
    }

    fn parent_element(&self) -> Option<Self> {
        self.0.parent().filter(NodeRef::is_element).map(El)
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        prev_element_sibling(&self.0).map(El)
    }

    fn next_sibling_element(&self) -> Option<Self> {
        next_element_sibling(&self.0).map(El)
    }

    fn first_element_child(&self) -> Option<Self> {
        first_element_child(&self.0).map(El)
    }

    fn is_html_element_in_html_document(&self) -> bool {
        // Every htmldict document is an HTML document.
        self.0.namespace() == Some(Namespace::Html)
    }

    fn has_local_name(&self, local_name: &CssIdent) -> bool {
        self.0
            .element_name()
            .is_some_and(|name| local_name.is_name_of(name))
    }

    fn has_namespace(&self, ns: &NsUrl) -> bool {
        self.0.namespace() == Some(ns.0)
    }

    fn is_same_type(&self, other: &Self) -> bool {
        self.0.local_name() == other.0.local_name() && self.0.namespace() == other.0.namespace()
    }

    fn attr_matches(
        &self,
        ns: &NamespaceConstraint<&NsUrl>,
        local_name: &CssIdent,
        operation: &AttrSelectorOperation<&CssString>,
    ) -> bool {
        self.0.attr_entries().any(|(name, value)| {
            local_name.is_name_of(name)
                && match ns {
                    NamespaceConstraint::Any => true,
                    NamespaceConstraint::Specific(url) => name.ns == url.0,
                }
                && operation.eval_str(value)
        })
    }

    fn match_non_ts_pseudo_class(
        &self,
        pc: &PseudoClass,
        context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match pc {
            PseudoClass::Link | PseudoClass::AnyLink => is_hyperlink(&self.0),
            PseudoClass::Checked => is_checked(&self.0),
            PseudoClass::Disabled => can_be_disabled(&self.0) && is_disabled(&self.0),
            PseudoClass::Enabled => can_be_disabled(&self.0) && !is_disabled(&self.0),
            PseudoClass::Never(_) => false,
            PseudoClass::Has(selector) => has::matches(&self.0, selector, context),
        }
    }

    fn match_pseudo_element(
        &self,
        pe: &PseudoElement,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match *pe {}
    }

    fn apply_selector_flags(&self, _flags: ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        is_hyperlink(&self.0)
    }

    fn is_html_slot_element(&self) -> bool {
        is_html(&self.0, &[local_name!("slot")])
    }

    fn has_id(&self, id: &CssIdent, case_sensitivity: CaseSensitivity) -> bool {
        self.0
            .attr_id_value()
            .is_some_and(|value| case_sensitivity.eq(value.as_bytes(), id.as_str().as_bytes()))
    }

    fn has_class(&self, name: &CssIdent, case_sensitivity: CaseSensitivity) -> bool {
        let wanted = name.as_str().as_bytes();
        self.0
            .attr_entries()
            .find(|(name, _)| {
                name.ns == Namespace::None && name.atom() == Some(&local_name!("class"))
            })
            .is_some_and(|(_, value)| {
                value
                    .split(|c: char| c.is_ascii_whitespace())
                    .any(|class| case_sensitivity.eq(class.as_bytes(), wanted))
            })
    }

    fn has_custom_state(&self, _name: &CssIdent) -> bool {
        false
    }

    fn imported_part(&self, _name: &CssIdent) -> Option<CssIdent> {
        None
    }

    fn is_part(&self, _name: &CssIdent) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        !self
            .0
            .children()
            .any(|child| child.is_element() || child.as_text().is_some_and(|t| !t.is_empty()))
    }

    fn is_root(&self) -> bool {
        self.0
            .parent()
            .is_some_and(|parent| parent.kind() == NodeKind::Document)
    }

    fn add_element_unique_hashes(&self, _filter: &mut BloomFilter) -> bool {
        false
    }
}
