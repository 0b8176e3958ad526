//! Entry points: whole documents and fragments, from `&str`.

mod sink;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{LocalName, ParseOpts, QualName, ns};

use crate::dom::Document;
use crate::error::{Error, Limit};
use crate::options::ParseOptions;
use sink::Sink;

/// Largest input the arena's 32-bit offsets can address.
const MAX_INPUT: u64 = u32::MAX as u64;

/// Input is handed to html5ever in pieces of this many bytes, so that a parse
/// that has run into a limit stops within one piece instead of finishing a
/// page that may cost minutes (deep nesting is quadratic in html5ever).
const CHUNK_BYTES: usize = 16 * 1024;

fn html5ever_options(options: &ParseOptions) -> ParseOpts {
    ParseOpts {
        tokenizer: TokenizerOpts::default(),
        tree_builder: TreeBuilderOpts {
            scripting_enabled: options.scripting,
            ..TreeBuilderOpts::default()
        },
    }
}

fn check_input(input: &str, options: &ParseOptions) -> Result<(), Error> {
    let max = options.limits.max_input_bytes.min(MAX_INPUT);
    if input.len() as u64 > max {
        return Err(Error::LimitExceeded {
            limit: Limit::InputBytes,
            max,
            value: input.len() as u64,
        });
    }
    Ok(())
}

/// Feeds `input` to `parser` piece by piece, stopping at the first limit.
fn run(mut parser: html5ever::driver::Parser<Sink>, input: &str) -> Result<Document, Error> {
    let mut rest = input;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        parser.process(StrTendril::from(&rest[..cut]));
        rest = &rest[cut..];
        if parser.tokenizer.sink.sink.failed() {
            break;
        }
    }
    // `finish` reports a limit met on the way as the error.
    parser.finish()
}

/// Parses a whole HTML document, as a browser would.
///
/// Parsing never fails on any input: the only errors are limits.
///
/// ```
/// use htmldict::{ParseOptions, parse_html};
///
/// let doc = parse_html("<table><tr><td>cell</table><app-cart-drawer open>", &ParseOptions::new())?;
/// let td = doc.root().descendants().find(|n| n.local_name() == Some("td")).unwrap();
/// assert_eq!(td.ancestors().filter_map(|a| a.local_name()).collect::<Vec<_>>(),
///            ["tr", "tbody", "table", "body", "html"]);
/// # Ok::<(), htmldict::Error>(())
/// ```
pub fn parse_html(input: &str, options: &ParseOptions) -> Result<Document, Error> {
    check_input(input, options)?;
    let sink = Sink::new(options, input.len(), false);
    run(
        html5ever::driver::parse_document(sink, html5ever_options(options)),
        input,
    )
}

/// The context element a fragment is parsed in: `td`, or `svg path` /
/// `math mi` for foreign elements, as the html5lib suite writes them.
fn context_name(context: &str) -> Result<QualName, Error> {
    let invalid = || Error::InvalidContext(context.to_owned());
    let (ns, local) = match context.split_once(' ') {
        Some(("svg", local)) => (ns!(svg), local.to_owned()),
        Some(("math", local)) => (ns!(mathml), local.to_owned()),
        Some(_) => return Err(invalid()),
        None => (ns!(html), context.to_ascii_lowercase()),
    };
    if local.is_empty() || local.contains(|c: char| c.is_whitespace()) {
        return Err(invalid());
    }
    Ok(QualName::new(None, ns, LocalName::from(local)))
}

/// Parses `input` as the inner HTML of a `context` element, with the HTML
/// fragment parsing algorithm.
///
/// `context` is an HTML local name (`td`, `select`), or `svg NAME` /
/// `math NAME` for SVG and MathML contexts. The parsed nodes become children
/// of [`Document::fragment_root`].
///
/// ```
/// use htmldict::{ParseOptions, parse_fragment};
///
/// let frag = parse_fragment("td", "<b>bold</b> text", &ParseOptions::new())?;
/// assert_eq!(frag.to_html(), "<b>bold</b> text");
/// let svg = parse_fragment("svg g", "<path/>", &ParseOptions::new())?;
/// assert_eq!(svg.html5lib_tree(), "| <svg path>\n");
/// # Ok::<(), htmldict::Error>(())
/// ```
pub fn parse_fragment(
    context: &str,
    input: &str,
    options: &ParseOptions,
) -> Result<Document, Error> {
    check_input(input, options)?;
    let context = context_name(context)?;
    let sink = Sink::new(options, input.len(), true);
    let parser = html5ever::driver::parse_fragment(
        sink,
        html5ever_options(options),
        context,
        Vec::new(),
        options.scripting,
    );
    run(parser, input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::local_name;

    #[test]
    fn context_names() {
        assert_eq!(context_name("TD").unwrap().local, local_name!("td"));
        assert_eq!(context_name("svg foreignObject").unwrap().ns, ns!(svg));
        assert_eq!(context_name("math mi").unwrap().ns, ns!(mathml));
        for bad in ["", "svg ", "foo bar", "svg a b"] {
            assert!(context_name(bad).is_err(), "{bad:?}");
        }
    }
}
