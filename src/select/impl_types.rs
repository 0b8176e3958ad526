//! The types the `selectors` crate is generic over, and the parser hooks that
//! decide which pseudo-classes exist.

use std::cell::Cell;
use std::fmt;
use std::hash::Hasher;

use cssparser::{CowRcStr, ToCss, match_ignore_ascii_case};
use markup5ever::LocalName;
use precomputed_hash::PrecomputedHash;
use selectors::parser::{self, Combinator, ParseRelative, SelectorList, SelectorParseErrorKind};

use super::error::SelectorErrorKind;
use super::has::{HasMemo, HasSelector, Reach, Relative};
use crate::dom::{NameEntry, Namespace};

/// The selector implementation: which string types selectors hold and which
/// pseudo-classes exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Impl;

impl parser::SelectorImpl for Impl {
    type ExtraMatchingData<'a> = Option<&'a mut HasMemo>;
    type AttrValue = CssString;
    type Identifier = CssIdent;
    type LocalName = CssIdent;
    type NamespaceUrl = NsUrl;
    type NamespacePrefix = CssIdent;
    type BorrowedNamespaceUrl = NsUrl;
    type BorrowedLocalName = CssIdent;
    type NonTSPseudoClass = PseudoClass;
    type PseudoElement = PseudoElement;
}

fn hash_str(text: &str) -> u32 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish() as u32
}

/// An identifier (element name, class, id, attribute name) owned by a
/// selector. Its text is its own: a selector puts nothing in string_cache's
/// global set. Names that html5ever holds as static or inline atoms (which
/// cost nothing to make) also keep that atom, so that comparing them with a
/// document's names is comparing two integers.
#[derive(Clone, Debug)]
pub(crate) struct CssIdent {
    text: Box<str>,
    hash: u32,
    atom: Option<LocalName>,
}

/// The longest name string_cache packs inside an atom.
const INLINE_MAX: usize = 7;

impl CssIdent {
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether a document's name has this text.
    pub(crate) fn is_name_of(&self, name: &NameEntry) -> bool {
        match (name.atom(), &self.atom) {
            (Some(theirs), Some(ours)) => theirs == ours,
            (None, None) => name.local() == &*self.text,
            // html5ever makes an atom of a name exactly when we do.
            _ => false,
        }
    }
}

/// The matcher compares a type selector's name with its lowercase form on
/// every element it tries, so equality avoids comparing text when it can.
impl PartialEq for CssIdent {
    fn eq(&self, other: &CssIdent) -> bool {
        self.hash == other.hash
            && match (&self.atom, &other.atom) {
                (Some(ours), Some(theirs)) => ours == theirs,
                _ => self.text == other.text,
            }
    }
}

impl Eq for CssIdent {}

impl From<&str> for CssIdent {
    fn from(text: &str) -> CssIdent {
        let atom = LocalName::try_static(text)
            .or_else(|| (text.len() <= INLINE_MAX).then(|| LocalName::from(text)));
        CssIdent {
            text: text.into(),
            hash: hash_str(text),
            atom,
        }
    }
}

impl Default for CssIdent {
    fn default() -> CssIdent {
        CssIdent::from("")
    }
}

impl PrecomputedHash for CssIdent {
    fn precomputed_hash(&self) -> u32 {
        self.hash
    }
}

impl ToCss for CssIdent {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.text, dest)
    }
}

/// An attribute value in a selector (`[type="text"]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CssString(Box<str>);

impl From<&str> for CssString {
    fn from(text: &str) -> CssString {
        CssString(text.into())
    }
}

impl AsRef<str> for CssString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for CssString {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_string(&self.0, dest)
    }
}

/// A namespace in a selector. Only the empty one ever appears (`|p`, and
/// attribute selectors without a prefix): selector strings cannot declare
/// namespace prefixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NsUrl(pub(crate) Namespace);

impl Default for NsUrl {
    fn default() -> NsUrl {
        NsUrl(Namespace::None)
    }
}

impl PrecomputedHash for NsUrl {
    fn precomputed_hash(&self) -> u32 {
        self.0 as u32
    }
}

/// Pseudo-elements: none are supported, so this has no values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PseudoElement {}

impl parser::PseudoElement for PseudoElement {}

impl ToCss for PseudoElement {
    fn to_css<W: fmt::Write>(&self, _dest: &mut W) -> fmt::Result {
        match *self {}
    }
}

/// The pseudo-classes the crate handles itself (the tree-structural ones,
/// `:not()`, `:is()` and `:where()` belong to the selectors crate).
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum PseudoClass {
    /// `:link`: `a` and `area` elements with an `href` (a crawler has no
    /// history, so every link is unvisited).
    Link,
    /// `:any-link`: the same elements.
    AnyLink,
    /// `:checked`: checkboxes and radio buttons with `checked`, options with
    /// `selected`.
    Checked,
    /// `:disabled`: form controls that are actually disabled.
    Disabled,
    /// `:enabled`: form controls that are not.
    Enabled,
    /// A state a parsed document never is in (`:hover`, `:visited`, ...):
    /// parses, never matches. Holds the lowercase name.
    Never(&'static str),
    /// `:has(...)`, matched without recursion (see `has.rs`).
    Has(Box<HasSelector>),
}

impl PseudoClass {
    fn name(&self) -> &'static str {
        match self {
            PseudoClass::Link => "link",
            PseudoClass::AnyLink => "any-link",
            PseudoClass::Checked => "checked",
            PseudoClass::Disabled => "disabled",
            PseudoClass::Enabled => "enabled",
            PseudoClass::Never(name) => name,
            PseudoClass::Has(_) => "has",
        }
    }
}

impl parser::NonTSPseudoClass for PseudoClass {
    fn is_active_or_hover(&self) -> bool {
        matches!(self, PseudoClass::Never("hover" | "active"))
    }

    fn is_user_action_state(&self) -> bool {
        matches!(
            self,
            PseudoClass::Never("hover" | "active" | "focus" | "focus-visible" | "focus-within")
        )
    }
}

impl ToCss for PseudoClass {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        dest.write_char(':')?;
        dest.write_str(self.name())?;
        if let PseudoClass::Has(has) = self {
            dest.write_char('(')?;
            has.list.to_css(dest)?;
            dest.write_char(')')?;
        }
        Ok(())
    }
}

/// Why a selector was refused, beyond what the selectors crate reports.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum HookError {
    /// An error the selectors crate found.
    Syntax(SelectorParseErrorKind),
    /// `::before`, `:after`, ...
    PseudoElement,
    /// A pseudo-class nobody implements here.
    UnknownPseudoClass,
    /// `:has()` inside `:has()`, which the standard forbids.
    NestedHas,
}

impl From<SelectorParseErrorKind> for HookError {
    fn from(kind: SelectorParseErrorKind) -> HookError {
        HookError::Syntax(kind)
    }
}

impl HookError {
    /// The public kind this error reports as.
    pub(crate) fn kind(&self) -> SelectorErrorKind {
        use SelectorErrorKind as E;
        use SelectorParseErrorKind as K;
        match self {
            HookError::PseudoElement => E::PseudoElement,
            HookError::UnknownPseudoClass => E::UnknownPseudoClass,
            HookError::NestedHas => E::NestedHas,
            HookError::Syntax(kind) => match kind {
                K::NoQualifiedNameInAttributeSelector => E::ExpectedAttributeName,
                K::EmptySelector => E::ExpectedSelector,
                K::DanglingCombinator => E::DanglingCombinator,
                K::NonCompoundSelector => E::ExpectedCompoundSelector,
                K::NonPseudoElementAfterSlotted
                | K::InvalidPseudoElementAfterSlotted
                | K::InvalidPseudoElementInsideWhere
                | K::PseudoElementExpectedColon => E::PseudoElement,
                K::InvalidState => E::NotAllowedHere,
                K::UnexpectedTokenInAttributeSelector => E::ExpectedAttributeOperator,
                K::PseudoElementExpectedIdent | K::NoIdentForPseudo => E::ExpectedPseudoClassName,
                K::UnsupportedPseudoClassOrElement => E::UnknownPseudoClass,
                K::UnexpectedIdent => E::UnexpectedIdent,
                K::ExpectedNamespace => E::UnknownNamespacePrefix,
                K::ExpectedBarInAttr => E::ExpectedNamespaceBar,
                K::BadValueInAttr => E::InvalidAttributeValue,
                K::InvalidQualNameInAttr => E::InvalidAttributeName,
                K::ExplicitNamespaceUnexpectedToken => E::UnexpectedTokenAfterNamespace,
                K::ClassNeedsIdent => E::ExpectedClassName,
            },
        }
    }
}

/// The parser hooks. `:has()` is parsed here rather than by the selectors
/// crate, so that matching it is ours (the crate's own `:has()` matching
/// recurses once per tree level).
#[derive(Default)]
pub(crate) struct SelectorParser {
    /// Set while the argument of a `:has()` is being parsed.
    in_has: Cell<bool>,
    /// The next free memo slot (one per relative selector).
    next_slot: Cell<u32>,
}

impl<'i> parser::Parser<'i> for SelectorParser {
    type Impl = Impl;
    type Error = HookError;

    fn parse_nth_child_of(&self) -> bool {
        true
    }

    fn parse_is_and_where(&self) -> bool {
        true
    }

    fn parse_has(&self) -> bool {
        false
    }

    fn parse_non_ts_pseudo_class(
        &self,
        name: CowRcStr<'i>,
    ) -> Result<PseudoClass, cssparser::ParseError<HookError>> {
        Ok(match_ignore_ascii_case! { &name,
            "link" => PseudoClass::Link,
            "any-link" => PseudoClass::AnyLink,
            "checked" => PseudoClass::Checked,
            "disabled" => PseudoClass::Disabled,
            "enabled" => PseudoClass::Enabled,
            "visited" => PseudoClass::Never("visited"),
            "hover" => PseudoClass::Never("hover"),
            "active" => PseudoClass::Never("active"),
            "focus" => PseudoClass::Never("focus"),
            "focus-visible" => PseudoClass::Never("focus-visible"),
            "focus-within" => PseudoClass::Never("focus-within"),
            "target" => PseudoClass::Never("target"),
            _ => return Err(cssparser::ParseError::custom(HookError::UnknownPseudoClass)),
        })
    }

    fn parse_non_ts_functional_pseudo_class(
        &self,
        name: CowRcStr<'i>,
        input: &mut cssparser::Parser<'i>,
        _after_part: bool,
    ) -> Result<PseudoClass, cssparser::ParseError<HookError>> {
        if !name.eq_ignore_ascii_case("has") {
            return Err(cssparser::ParseError::custom(HookError::UnknownPseudoClass));
        }
        if self.in_has.get() {
            return Err(cssparser::ParseError::custom(HookError::NestedHas));
        }
        self.in_has.set(true);
        let list = SelectorList::parse_disallow_pseudo(self, input, ParseRelative::ForHas);
        self.in_has.set(false);
        let list = list?;
        let relatives = list
            .slice()
            .iter()
            .map(|selector| {
                let slot = self.next_slot.get();
                self.next_slot.set(slot.saturating_add(1));
                relative_shape(selector, slot)
            })
            .collect();
        Ok(PseudoClass::Has(Box::new(HasSelector { list, relatives })))
    }

    fn parse_pseudo_element(
        &self,
        _name: CowRcStr<'i>,
    ) -> Result<PseudoElement, cssparser::ParseError<HookError>> {
        Err(cssparser::ParseError::custom(HookError::PseudoElement))
    }

    fn parse_functional_pseudo_element(
        &self,
        _name: CowRcStr<'i>,
        _arguments: &mut cssparser::Parser<'i>,
    ) -> Result<PseudoElement, cssparser::ParseError<HookError>> {
        Err(cssparser::ParseError::custom(HookError::PseudoElement))
    }
}

/// Where the matches of one relative selector (`> a`, `+ b ~ c`, `p span`)
/// can be, from its combinators. The parse puts the anchor and the leading
/// combinator first.
fn relative_shape(selector: &parser::Selector<Impl>, slot: u32) -> Relative {
    let leading = selector.combinator_at_parse_order(1);
    let mut downward = false;
    let mut sideways = false;
    for combinator in selector
        .iter_raw_parse_order_from(2)
        .filter_map(|c| c.as_combinator())
    {
        match combinator {
            Combinator::Descendant | Combinator::Child => downward = true,
            Combinator::NextSibling | Combinator::LaterSibling => sideways = true,
            Combinator::PseudoElement | Combinator::Part | Combinator::SlotAssignment => {}
        }
    }
    let reach = match (leading, downward, sideways) {
        (Combinator::Child, false, _) => Reach::Children,
        (Combinator::NextSibling, false, false) => Reach::NextSibling,
        (Combinator::NextSibling, true, false) => Reach::NextSiblingSubtree,
        (Combinator::NextSibling | Combinator::LaterSibling, false, _) => Reach::LaterSiblings,
        (Combinator::NextSibling | Combinator::LaterSibling, true, _) => {
            Reach::LaterSiblingsSubtree
        }
        _ => Reach::Subtree,
    };
    Relative {
        reach,
        single_compound: !downward && !sideways,
        slot,
    }
}
