//! CSS selectors: [`Selector`], [`Document::select`] and [`NodeRef::select`].
//!
//! Parsing and most of the matching are the `selectors` crate's (Servo's);
//! this module supplies the element interface over the arena, the
//! pseudo-classes, and a `:has()` that does not recurse. What is supported
//! is documented on [`Selector`], where users see it.

mod element;
mod error;
mod has;
mod impl_types;

use std::fmt;
use std::iter::FusedIterator;
use std::str::FromStr;

use selectors::OpaqueElement;
use selectors::matching::{
    self, MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags,
    SelectorCaches,
};
use selectors::parser::{Component, ParseRelative, SelectorList};

use crate::dom::{Descendants, Document, ElementRef, NodeRef, QuirksMode};
use element::El;
pub use error::{SelectorError, SelectorErrorKind};
use has::HasMemo;
use impl_types::{HookError, Impl, PseudoClass, SelectorParser};

/// A parsed CSS selector list, ready to match any number of documents.
///
/// Parse once, select many times: a `Selector` is `Send + Sync` and holds no
/// reference to a document or a dictionary. Parsing and most of the
/// matching are the `selectors` crate's (Servo's).
///
/// ```
/// use htmldict::{ParseOptions, Selector, parse_html};
///
/// let links = Selector::parse("a[href^='https:'], area[href]")?;
/// let doc = parse_html(r#"<a href="https://a.example/">a</a><a href="/b">b</a>"#, &ParseOptions::new())?;
/// let found: Vec<&str> = doc.select(&links).filter_map(|a| a.attr("href")).collect();
/// assert_eq!(found, ["https://a.example/"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # What is supported
///
/// * Type selectors (`div`, `clipPath`), `*`, `.class`, `#id`, selector
///   lists (`a, b`), and the combinators ` `, `>`, `+` and `~`.
/// * Attribute selectors with every operator (`[a]`, `=`, `~=`, `|=`, `^=`,
///   `$=`, `*=`) and the `i` and `s` flags; `[*|a]` and `[|a]` for the
///   namespace of the attribute.
/// * `:not()`, `:is()`, `:where()` (forgiving, as the standard says) and
///   `:has()` (not nested inside another `:has()`, as the standard says).
/// * `:nth-child()` and `:nth-last-child()` (with `of S`), `:nth-of-type()`,
///   `:nth-last-of-type()`, `:first-child`, `:last-child`, `:only-child`,
///   `:first-of-type`, `:last-of-type`, `:only-of-type`, `:empty` (no
///   element and no text children; comments do not count), `:root` and
///   `:scope` (the node [`NodeRef::select`] was called on; the root
///   element for [`Document::select`]).
/// * `:link` and `:any-link` (`a` and `area` elements with an `href`);
///   `:checked` (checkboxes and radio buttons with a `checked` attribute,
///   options with `selected`: the state the markup gives, since nothing here
///   runs a form); `:enabled` and `:disabled` (form controls, option groups,
///   options and fieldsets, with the HTML standard's rules for disabled
///   fieldsets and their first legend).
///
/// # What never matches
///
/// A parsed document has no user, no history and no focus. `:visited`,
/// `:hover`, `:active`, `:focus`, `:focus-visible`, `:focus-within` and
/// `:target` parse, so that selectors copied from a stylesheet work, and
/// match nothing. `:host(...)` parses and matches nothing (there are no
/// shadow trees).
///
/// # What is refused
///
/// Pseudo-elements (`::before`, `:after`), pseudo-classes not listed above,
/// namespace prefixes other than `*|` and `|` (a selector string cannot
/// declare one), more than [`MAX_NESTING`](Selector::MAX_NESTING) levels of
/// nested brackets and more than [`MAX_CHAIN`](Selector::MAX_CHAIN)
/// compound selectors along one chain of combinators (counting those inside
/// `:not()` and the like). These limits keep the recursion of the selectors
/// crate's parser and matcher, which follows the selector, within a small
/// stack; [`SelectorError`] says where the selector went wrong.
///
/// # Case
///
/// As in browsers: type selectors match HTML elements whatever the case
/// (`DIV` finds `div`) and other elements exactly (`clipPath` finds SVG's
/// `clipPath`, `clippath` does not); attribute names likewise. Attribute
/// values compare exactly, except with the `i` flag and, on HTML elements,
/// for the attributes the HTML standard lists (`type`, `lang`, `rel`, ...).
/// Classes and ids compare exactly, except in a document in quirks mode
/// ([`QuirksMode::Quirks`](crate::QuirksMode::Quirks), no doctype), where
/// they compare ASCII case-insensitively.
///
/// # The tree
///
/// Matches come in tree order, each element once. Matching sees the tree
/// through the same links as [`NodeRef::descendants`], so it never enters
/// template contents (calling [`NodeRef::select`] on a template's
/// [`template_contents`](NodeRef::template_contents) searches them). In a
/// fragment, the context element stands at the root, as
/// [`Document::fragment_root`] shows it.
///
/// # Stack and time
///
/// No walk recurses on the depth of the document, so a million nested
/// elements are matched on a small stack. The selectors crate matches right
/// to left, stepping to parents and siblings in loops (it recurses once per
/// compound selector, which [`MAX_CHAIN`](Selector::MAX_CHAIN) bounds), and
/// `:has()` is matched here, with loops as well. A [`Select`] keeps what it
/// learns for the length of its walk (`:nth-child()` indices, and the
/// answers of `:has(x)` and `:has(~ x)` for whole subtrees and runs of
/// siblings), so most selectors cost about one visit per element. A
/// descendant combinator looks at the ancestors of each candidate, as in
/// browsers, and the other shapes of `:has()` (`:has(a b)`, `:has(+ a > b)`)
/// search their part of the tree for each element they are asked about:
/// those two grow with the depth of pathologically deep documents.
///
/// ```
/// use htmldict::{ParseOptions, Selector, parse_html};
///
/// let doc = parse_html(
///     r#"<ul><li class="item sale">A<li class="item">B<li class="item sale">C</ul>"#,
///     &ParseOptions::new(),
/// )?;
/// let sale = Selector::parse("li.item.sale:not(:first-child)")?;
/// let texts: Vec<String> = doc.select(&sale).map(|li| li.text()).collect();
/// assert_eq!(texts, ["C"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Selector {
    list: SelectorList<Impl>,
    source: Box<str>,
}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Selector").field(&self.source).finish()
    }
}

/// Why a parse failed: the selectors crate's error, or a limit of ours.
#[derive(Debug, PartialEq)]
enum Failure {
    Parse(cssparser::ParseErrorKind<HookError>),
    TooDeep,
    TooLong,
}

/// Where a parse failed, as far as the parse itself can tell.
enum Place {
    /// At this byte.
    Exact(usize),
    /// Somewhere in this top-level list item.
    Item(std::ops::Range<usize>),
    /// Somewhere.
    Unknown,
}

impl Failure {
    fn kind(&self) -> SelectorErrorKind {
        match self {
            Failure::Parse(cssparser::ParseErrorKind::Custom(error)) => error.kind(),
            Failure::Parse(cssparser::ParseErrorKind::Basic(kind)) => match kind {
                cssparser::BasicParseErrorKind::EndOfInput => SelectorErrorKind::UnexpectedEnd,
                cssparser::BasicParseErrorKind::TooManyNestedBlocks => Failure::TooDeep.kind(),
                _ => SelectorErrorKind::UnexpectedToken,
            },
            Failure::TooDeep => SelectorErrorKind::TooDeep {
                max: Selector::MAX_NESTING,
            },
            Failure::TooLong => SelectorErrorKind::TooLong {
                max: Selector::MAX_CHAIN,
            },
        }
    }
}

impl Selector {
    /// How deep brackets (`:not(`, `:is(`, `[`, ...) may nest in a selector.
    ///
    /// ```
    /// use htmldict::Selector;
    /// let nested = |n: usize| format!("{}a{}", ":not(".repeat(n), ")".repeat(n));
    /// assert!(Selector::parse(&nested(Selector::MAX_NESTING)).is_ok());
    /// assert!(Selector::parse(&nested(Selector::MAX_NESTING + 1)).is_err());
    /// ```
    pub const MAX_NESTING: usize = 32;

    /// How many compound selectors one chain may hold: `a b > c` is a chain
    /// of three, and the chains inside `:not()`, `:is()`, `:where()`,
    /// `:has()` and `:nth-child(... of S)` add to the chain they sit in.
    ///
    /// ```
    /// use htmldict::Selector;
    /// let chain = |n: usize| vec!["div"; n].join(" > ");
    /// assert!(Selector::parse(&chain(Selector::MAX_CHAIN)).is_ok());
    /// assert!(Selector::parse(&chain(Selector::MAX_CHAIN + 1)).is_err());
    /// ```
    pub const MAX_CHAIN: usize = 256;

    /// Parses a selector list (`div.item > a[href], li:nth-child(2n+1)`).
    ///
    /// A selector that does not parse, or uses something unsupported (see
    /// [`Selector`]), gives [`SelectorError`]
    /// with the line and column of the token where it went wrong. No input
    /// makes this panic.
    ///
    /// ```
    /// use htmldict::{Selector, SelectorErrorKind};
    ///
    /// assert!(Selector::parse("div > p.note, #main :is(h1, h2)").is_ok());
    /// let err = Selector::parse("p::before").unwrap_err();
    /// assert_eq!((err.line, err.column), (1, 4));
    /// assert_eq!(err.kind, SelectorErrorKind::PseudoElement);
    /// ```
    pub fn parse(selector: &str) -> Result<Selector, SelectorError> {
        match parse_list(selector) {
            Ok(list) => Ok(Selector {
                list,
                source: selector.into(),
            }),
            Err((failure, place)) => {
                let (line, column) = locate(selector, &failure, place);
                Err(SelectorError {
                    selector: selector.to_owned(),
                    line,
                    column,
                    kind: failure.kind(),
                })
            }
        }
    }

    /// Whether `node` (a [`NodeRef`] or an [`ElementRef`]) matches this
    /// selector (`false` for anything but an element). `:scope` stands for the root element here.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html(r#"<p class="lead">x</p><p>y</p>"#, &ParseOptions::new())?;
    /// let lead = Selector::parse("body > .lead")?;
    /// let matched: Vec<bool> = doc.select(&Selector::parse("p")?).map(|p| lead.matches(p)).collect();
    /// assert_eq!(matched, [true, false]);
    /// assert!(!lead.matches(doc.root()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matches<'a>(&self, node: impl Into<NodeRef<'a>>) -> bool {
        let node = node.into();
        node.is_element()
            && self.matches_element(
                node,
                None,
                quirks_of(node.document()),
                &mut SelectorCaches::default(),
                None,
            )
    }

    fn matches_element(
        &self,
        element: NodeRef<'_>,
        scope: Option<OpaqueElement>,
        quirks: matching::QuirksMode,
        caches: &mut SelectorCaches,
        memo: Option<&mut HasMemo>,
    ) -> bool {
        let mut context = MatchingContext::new(
            MatchingMode::Normal,
            None,
            caches,
            quirks,
            NeedsSelectorFlags::No,
            MatchingForInvalidation::No,
        );
        context.scope_element = scope;
        context.extra_data = memo;
        matching::matches_selector_list(&self.list, &El(element), &mut context)
    }
}

impl FromStr for Selector {
    type Err = SelectorError;

    /// The same as [`Selector::parse`].
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let first: Selector = "ul > li:first-child".parse()?;
    /// let doc = parse_html("<ul><li>a<li>b</ul>", &ParseOptions::new())?;
    /// assert_eq!(doc.select_first(&first).unwrap().text(), "a");
    /// assert!("li::marker".parse::<Selector>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(selector: &str) -> Result<Selector, SelectorError> {
        Selector::parse(selector)
    }
}

fn quirks_of(doc: &Document) -> matching::QuirksMode {
    match doc.quirks_mode() {
        QuirksMode::Quirks => matching::QuirksMode::Quirks,
        QuirksMode::LimitedQuirks => matching::QuirksMode::LimitedQuirks,
        QuirksMode::NoQuirks => matching::QuirksMode::NoQuirks,
    }
}

// The nesting limit is given to cssparser as a u8, plus one.
const _: () = assert!(Selector::MAX_NESTING < u8::MAX as usize);

/// Parses `input`, or says why and where it fails.
fn parse_list(input: &str) -> Result<SelectorList<Impl>, (Failure, Place)> {
    if let Some(offset) = too_deep(input) {
        return Err((Failure::TooDeep, Place::Exact(offset)));
    }
    let mut css = cssparser::Parser::new(input);
    // Cannot truncate: MAX_NESTING is checked below 255 at compile time.
    css.set_nested_block_limit(Selector::MAX_NESTING as u8);
    let parser = SelectorParser::default();
    match SelectorList::parse(&parser, &mut css, ParseRelative::No) {
        Ok(list) => {
            if list
                .slice()
                .iter()
                .any(|s| chain_length(s) > Selector::MAX_CHAIN)
            {
                Err((Failure::TooLong, Place::Unknown))
            } else {
                Ok(list)
            }
        }
        Err(error) => {
            // The list parser gives up at the end of the item that failed.
            let end = css.position().byte_index();
            Err((
                Failure::Parse(error.kind),
                Place::Item(item_start(input, end)..end),
            ))
        }
    }
}

/// Reads the next token, comments and whitespace included: where it starts,
/// and whether it opens a block (a function, `(`, `[` or `{`) that
/// `parse_nested_block` can enter. `None` at the end of the input.
fn next_token(css: &mut cssparser::Parser<'_>) -> Option<(usize, bool)> {
    let start = css.position().byte_index();
    let opens_block = matches!(
        css.next_including_whitespace_and_comments().ok()?,
        cssparser::Token::Function(_)
            | cssparser::Token::ParenthesisBlock
            | cssparser::Token::SquareBracketBlock
            | cssparser::Token::CurlyBracketBlock
    );
    Some((start, opens_block))
}

/// Where the first bracket nested deeper than [`Selector::MAX_NESTING`]
/// opens, if one does. cssparser has a nesting limit of its own, but inside
/// the forgiving `:is()` and `:where()` going past it shows up as some other
/// error; checking first gives the true reason and the exact place.
fn too_deep(input: &str) -> Option<usize> {
    fn scan(css: &mut cssparser::Parser<'_>, depth: usize) -> Option<usize> {
        loop {
            let (start, opens_block) = next_token(css)?;
            if !opens_block {
                continue;
            }
            if depth == Selector::MAX_NESTING {
                return Some(start);
            }
            // Recursion stops at the limit.
            let inner = css.parse_nested_block(|css| {
                let found = scan(css, depth + 1);
                while css.next_including_whitespace_and_comments().is_ok() {}
                Ok::<_, cssparser::ParseError<()>>(found)
            });
            if let Ok(Some(offset)) = inner {
                return Some(offset);
            }
        }
    }
    let mut css = cssparser::Parser::new(input);
    css.set_nested_block_limit(0); // no limit: `scan` keeps its own
    scan(&mut css, 0)
}

/// The longest chain of compound selectors in `selector`, with the chains of
/// nested selector lists added to the chain they appear in. Recursion here
/// follows bracket nesting, which the parser has capped.
fn chain_length(selector: &selectors::parser::Selector<Impl>) -> usize {
    let longest = |list: &[selectors::parser::Selector<Impl>]| {
        list.iter().map(chain_length).max().unwrap_or(0)
    };
    let mut compounds = 1;
    let mut nested = 0;
    for component in selector.iter_raw_match_order() {
        let inner = match component {
            Component::Combinator(_) => {
                compounds += 1;
                0
            }
            Component::Negation(list) | Component::Is(list) | Component::Where(list) => {
                longest(list.slice())
            }
            Component::NthOf(nth) => longest(nth.selectors()),
            Component::Host(Some(inner)) | Component::Slotted(inner) => chain_length(inner),
            Component::NonTSPseudoClass(PseudoClass::Has(has)) => longest(has.list.slice()),
            _ => 0,
        };
        nested = nested.max(inner);
    }
    compounds + nested
}

/// Where the top-level list item that ends at `end` starts: just after the
/// last top-level comma before `end`.
fn item_start(input: &str, end: usize) -> usize {
    // Cannot panic: `end` is a position cssparser reached in `input`.
    let mut css = cssparser::Parser::new(&input[..end]);
    let mut start = 0;
    while let Ok(token) = css.next_including_whitespace_and_comments() {
        if matches!(token, cssparser::Token::Comma) {
            start = css.position().byte_index();
        }
    }
    start
}

/// The line and column (both from 1) at which `input` fails with `failure`.
///
/// cssparser's errors carry no position, so this finds one from the outside.
/// The parser reads its input left to right, so cutting the input anywhere
/// after the offending token leaves the same failure. The answer is the
/// shortest such prefix of the failing list item, found by walking back
/// from the item's end one character at a time (for items up to
/// [`SHORT_ITEM`] bytes), or by bisection (for longer ones, where it is one
/// such prefix rather than surely the shortest). The reported place is the start of the token holding the last
/// character of that prefix (the item's start, for an empty item).
fn locate(input: &str, failure: &Failure, place: Place) -> (u32, u32) {
    // Slicing `input` below cannot panic: every offset is a cssparser
    // position in it, its length, or a character boundary found by
    // `char_indices` or `middle_boundary`.
    let fails_alike = |end: usize| match parse_list(&input[..end]) {
        Ok(_) => false,
        Err((other, _)) => other == *failure,
    };
    let (low, mut high) = match place {
        Place::Exact(offset) => return location(input, offset),
        Place::Item(range) if fails_alike(range.end) => (range.start, range.end),
        _ => (0, input.len()),
    };
    let offset = if low == high {
        low
    } else {
        if high - low <= SHORT_ITEM {
            // Walk back while the prefix still fails alike.
            while let Some((previous, _)) = input[low..high].char_indices().next_back() {
                let previous = low + previous;
                if previous == low || !fails_alike(previous) {
                    break;
                }
                high = previous;
            }
        } else {
            // Bisect. Invariant: the prefix ending at `high` fails alike;
            // the one ending at `low` is taken not to.
            let mut low = low;
            while let Some(mid) = middle_boundary(input, low, high) {
                if fails_alike(mid) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
        }
        let last = input[..high]
            .char_indices()
            .next_back()
            .map_or(0, |(index, _)| index);
        let mut css = cssparser::Parser::new(input);
        css.set_nested_block_limit(Selector::MAX_NESTING as u8 + 1);
        token_start(&mut css, last).unwrap_or(last)
    };
    location(input, offset)
}

/// The line and column (both from 1) of byte `offset`, as cssparser counts
/// them.
fn location(input: &str, offset: usize) -> (u32, u32) {
    let mut css = cssparser::Parser::new(&input[..offset]);
    css.set_nested_block_limit(0);
    while css.next_including_whitespace_and_comments().is_ok() {}
    let location = css.current_source_location();
    (location.line + 1, location.column)
}

/// The start of the innermost token that covers byte `offset`, or `None`
/// when the tokens end before it. Recursion follows bracket nesting, capped
/// by the parser's nesting limit.
fn token_start(css: &mut cssparser::Parser<'_>, offset: usize) -> Option<usize> {
    loop {
        let (start, opens_block) = next_token(css)?;
        if offset < css.position().byte_index() {
            return Some(start);
        }
        if opens_block {
            let inner = css.parse_nested_block(|css| {
                let found = token_start(css, offset);
                while css.next_including_whitespace_and_comments().is_ok() {}
                Ok::<_, cssparser::ParseError<()>>(found)
            });
            match inner {
                Ok(Some(found)) => return Some(found),
                Ok(None) if offset < css.position().byte_index() => {
                    // The closing bracket.
                    return Some(css.position().byte_index() - 1);
                }
                Ok(None) => {}
                Err(_) => return Some(start),
            }
        }
    }
}

/// The longest list item, in bytes, that [`locate`] walks back through one
/// character at a time; it bisects longer ones.
const SHORT_ITEM: usize = 256;

/// A character boundary strictly between `low` and `high`, near the middle.
fn middle_boundary(input: &str, low: usize, high: usize) -> Option<usize> {
    let mut mid = low + (high - low) / 2;
    while mid > low && !input.is_char_boundary(mid) {
        mid -= 1;
    }
    if mid > low {
        return Some(mid);
    }
    let mut mid = low + 1;
    while mid < high && !input.is_char_boundary(mid) {
        mid += 1;
    }
    (mid < high).then_some(mid)
}

/// The elements below a node that match a [`Selector`], in tree order.
///
/// Made by [`Document::select`] and [`NodeRef::select`]. It keeps the
/// selectors crate's caches (`:nth-child` indices) and the `:has()` answers
/// for the length of the walk, so a whole walk costs about one visit per
/// node.
///
/// ```
/// use htmldict::{ParseOptions, Selector, parse_html};
/// let doc = parse_html("<ol><li>1<li>2<li>3</ol>", &ParseOptions::new())?;
/// let odd = Selector::parse("li:nth-child(odd)")?;
/// let mut select = doc.select(&odd);
/// assert_eq!(select.next().map(|li| li.text()), Some("1".to_owned()));
/// assert_eq!(select.next().map(|li| li.text()), Some("3".to_owned()));
/// assert!(select.next().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Select<'a, 's> {
    selector: &'s Selector,
    walk: Descendants<'a>,
    scope: Option<OpaqueElement>,
    quirks: matching::QuirksMode,
    caches: SelectorCaches,
    memo: HasMemo,
}

impl<'a, 's> Select<'a, 's> {
    fn new(under: NodeRef<'a>, selector: &'s Selector, scope: Option<OpaqueElement>) -> Self {
        let mut walk = under.descendants();
        walk.next(); // not the node itself
        Select {
            selector,
            walk,
            scope,
            quirks: quirks_of(under.document()),
            caches: SelectorCaches::default(),
            memo: HasMemo::default(),
        }
    }
}

impl fmt::Debug for Select<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Select")
            .field("selector", self.selector)
            .finish_non_exhaustive()
    }
}

impl<'a> Iterator for Select<'a, '_> {
    type Item = ElementRef<'a>;

    fn next(&mut self) -> Option<ElementRef<'a>> {
        let Select {
            selector,
            walk,
            scope,
            quirks,
            caches,
            memo,
        } = self;
        walk.find_map(|node| {
            let element = node.as_element()?;
            selector
                .matches_element(node, *scope, *quirks, caches, Some(&mut *memo))
                .then_some(element)
        })
    }
}

impl FusedIterator for Select<'_, '_> {}

impl Document {
    /// The elements of the document that match `selector`, in tree order
    /// (`querySelectorAll`). Template contents are not searched.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html(
    ///     r#"<div id="a"><p id="b"></p></div><template><p id="c"></p></template>"#,
    ///     &ParseOptions::new(),
    /// )?;
    /// let ids: Vec<_> = doc.select(&Selector::parse("p, div")?).filter_map(|n| n.attr("id")).collect();
    /// assert_eq!(ids, ["a", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select<'a, 's>(&'a self, selector: &'s Selector) -> Select<'a, 's> {
        Select::new(self.root(), selector, None)
    }

    /// The first element of the document, in tree order, that matches
    /// `selector` (`querySelector`).
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html("<h1>Title</h1><h2>Sub</h2>", &ParseOptions::new())?;
    /// let heading = doc.select_first(&Selector::parse("h2, h1")?).unwrap();
    /// assert_eq!(heading.text(), "Title");
    /// assert!(doc.select_first(&Selector::parse("h3")?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select_first(&self, selector: &Selector) -> Option<ElementRef<'_>> {
        self.select(selector).next()
    }
}

impl<'a> NodeRef<'a> {
    /// The elements below this node that match `selector`, in tree order
    /// (`element.querySelectorAll`): this node itself is never among them,
    /// though the selector may look at it and above it (`div p` finds the
    /// `p`s of a node inside a `div`). `:scope` stands for this node.
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html(
    ///     r#"<div id="outer"><div id="inner"><p id="p"></p></div></div>"#,
    ///     &ParseOptions::new(),
    /// )?;
    /// let outer = doc.get_element_by_id("outer").unwrap();
    /// let divs = Selector::parse("div")?;
    /// let ids: Vec<_> = outer.select(&divs).filter_map(|n| n.attr("id")).collect();
    /// assert_eq!(ids, ["inner"]);
    /// let children = Selector::parse(":scope > div")?;
    /// assert_eq!(outer.select(&children).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select<'s>(&self, selector: &'s Selector) -> Select<'a, 's> {
        let scope = self
            .is_element()
            .then(|| selectors::Element::opaque(&El(*self)));
        Select::new(*self, selector, scope)
    }

    /// The first element below this node, in tree order, that matches
    /// `selector` (`element.querySelector`).
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html(r#"<p id="a">x <b>y</b></p><b>z</b>"#, &ParseOptions::new())?;
    /// let p = doc.get_element_by_id("a").unwrap();
    /// assert_eq!(p.select_first(&Selector::parse("b")?).unwrap().text(), "y");
    /// assert!(p.select_first(&Selector::parse("p")?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select_first(&self, selector: &Selector) -> Option<ElementRef<'a>> {
        self.select(selector).next()
    }
}

impl<'a> ElementRef<'a> {
    /// The nearest element, starting with this one and going up through
    /// its ancestors, that matches `selector` (`element.closest`).
    ///
    /// ```
    /// use htmldict::{ParseOptions, Selector, parse_html};
    /// let doc = parse_html(r#"<article id=post><p><a href=/x>x</a></p></article>"#, &ParseOptions::new())?;
    /// let a = doc.select_first(&Selector::parse("a")?).unwrap();
    /// assert_eq!(a.closest(&Selector::parse("article")?).unwrap().id(), Some("post"));
    /// assert_eq!(a.closest(&Selector::parse("a, p")?).unwrap().name(), "a");
    /// assert!(a.closest(&Selector::parse("table")?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn closest(&self, selector: &Selector) -> Option<ElementRef<'a>> {
        std::iter::once(*self)
            .chain(self.ancestor_elements())
            .find(|element| selector.matches(*element))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Selector>();
    }
}
