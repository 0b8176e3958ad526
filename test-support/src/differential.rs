//! The `soup` target's check: generated tag soup with fuzzer bytes spliced
//! in, parsed by htmldict and by markup5ever_rcdom, must give the same
//! serialisation and the same html5lib dump.
//!
//! Uses the tag-soup generator ([`soup`](mod@crate::soup)) and the rcdom reference
//! ([`rcdom`]).

use htmldict::{Document, Limits, parse_fragment, parse_html};

use crate::checks::{self, Setup};
use crate::departures::departures_for;
use crate::{rcdom, soup};

/// Target `soup`: bytes 0-7 seed the generator (little-endian); byte 8
/// chooses a fragment (bit 0) and the scripting flag (bit 1), its bits 2-6
/// the rest of the options as [`Setup::from_byte`] reads them, without
/// limits; byte 9 where, among the generated pieces, the rest of the input
/// (lossy UTF-8) goes in.
pub fn soup(data: &[u8]) {
    let mut seed = [0u8; 8];
    for (to, from) in seed.iter_mut().zip(data) {
        *to = *from;
    }
    let seed = u64::from_le_bytes(seed);
    let flags = data.get(8).copied().unwrap_or(0);
    let fragment = flags & 1 != 0;
    let scripting = flags & 2 != 0;
    let mut setup = Setup::from_byte(flags >> 2);
    setup.scripting = scripting;
    setup.limits = Limits::none();
    let at = data.get(9).copied().unwrap_or(0) as usize;
    let spliced = String::from_utf8_lossy(data.get(10..).unwrap_or_default());

    let (context, mut pieces) = if fragment {
        let (context, pieces) = soup::fragment(seed);
        (Some(context), pieces)
    } else {
        (None, soup::document(seed))
    };
    pieces.insert(at % (pieces.len() + 1), spliced.into_owned());
    let html = pieces.concat();

    let options = setup.options();
    let (doc, peak) = checks::peak_of(|| match context {
        Some(context) => parse_fragment(context, &html, &options),
        None => parse_html(&html, &options),
    });
    let doc = doc.expect("no limits, no error");
    checks::check_peak(peak, html.len(), doc.node_count());
    checks::check_document(&doc, &setup);
    assert_same_as_rcdom(&doc, context, &html, scripting);
}

/// Target `tree`: byte 0 chooses a fragment (bit 0) and the scripting
/// flag (bit 1), byte 1 the fragment's context (one of the `parse_str`
/// target's); the rest, as lossy UTF-8, is parsed with no limits. The tree
/// and serialisation must be html5ever's (markup5ever_rcdom's) for the same
/// input, except where html5ever departs from the standard
/// ([`departures`](crate::departures)), and the same when the input comes
/// through the streaming parser cut in two.
pub fn tree(data: &[u8]) {
    let flags = data.first().copied().unwrap_or(0);
    let scripting = flags & 2 != 0;
    let context = (flags & 1 != 0).then(|| {
        checks::CONTEXTS[data.get(1).copied().unwrap_or(0) as usize % checks::CONTEXTS.len()]
    });
    let html = String::from_utf8_lossy(data.get(2..).unwrap_or_default());
    let options = htmldict::ParseOptions::new()
        .limits(Limits::none())
        .scripting(scripting);
    let doc = match context {
        Some(context) => parse_fragment(context, &html, &options),
        None => parse_html(&html, &options),
    }
    .expect("no limits, no error");
    assert_same_as_rcdom(&doc, context, &html, scripting);
    if context.is_none() {
        let mut cut = html.len() / 2;
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut parser = htmldict::Parser::new(&options);
        parser.feed_str(&html[..cut]).expect("no limits");
        parser.feed_str(&html[cut..]).expect("no limits");
        let streamed = parser.finish().expect("no limits");
        assert_eq!(
            streamed.html5lib_tree(),
            doc.html5lib_tree(),
            "streamed in two pieces"
        );
    }
}

/// markup5ever_rcdom's tree of `html` (a document, or a fragment in
/// `context`) with this scripting flag, as `(serialisation, html5lib dump)`
/// in the forms htmldict's `to_html` and `html5lib_tree` take. Like
/// htmldict's text parsers, the reference drops one leading U+FEFF.
pub fn rcdom_output(context: Option<&str>, html: &str, scripting: bool) -> (String, String) {
    match context {
        Some(context) => {
            let dom = rcdom::parse_fragment(context, html, scripting);
            (
                rcdom::fragment_standard_html(&dom, context, scripting),
                rcdom::fragment_html5lib_tree(&dom),
            )
        }
        None => {
            let dom = rcdom::parse(html, scripting);
            (
                rcdom::standard_html_with(&dom, scripting),
                rcdom::html5lib_tree(&dom),
            )
        }
    }
}

/// Panics, with the first difference, unless `doc`'s html5lib dump and
/// serialisation are markup5ever_rcdom's for the same text ([`rcdom_output`]),
/// or the input is one where html5ever departs from the standard
/// ([`departures`](crate::departures)).
pub fn assert_same_as_rcdom(doc: &Document, context: Option<&str>, html: &str, scripting: bool) {
    let (reference_html, reference_tree) = rcdom_output(context, html, scripting);
    let tree = doc.html5lib_tree();
    let own = doc.to_html();
    if (tree != reference_tree || own != reference_html)
        && !departures_for(context, html).is_empty()
    {
        return;
    }
    assert!(
        tree == reference_tree,
        "html5lib dump differs from rcdom's: {}",
        rcdom::first_difference(&reference_tree, &tree)
    );
    assert!(
        own == reference_html,
        "serialisation differs from rcdom's: {}",
        rcdom::first_difference(&reference_html, &own)
    );
}
