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
const MAX_INPUT: usize = u32::MAX as usize;

fn html5ever_options(options: &ParseOptions) -> ParseOpts {
    ParseOpts {
        tokenizer: TokenizerOpts::default(),
        tree_builder: TreeBuilderOpts {
            scripting_enabled: options.scripting,
            ..TreeBuilderOpts::default()
        },
    }
}

fn check_input(input: &str) -> Result<(), Error> {
    if input.len() > MAX_INPUT {
        return Err(Error::LimitExceeded {
            limit: Limit::InputBytes,
            max: MAX_INPUT as u64,
            value: input.len() as u64,
        });
    }
    Ok(())
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
    check_input(input)?;
    let sink = Sink::new(options, input.len(), false);
    html5ever::driver::parse_document(sink, html5ever_options(options)).one(StrTendril::from(input))
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
    check_input(input)?;
    let context = context_name(context)?;
    let sink = Sink::new(options, input.len(), true);
    let parser = html5ever::driver::parse_fragment(
        sink,
        html5ever_options(options),
        context,
        Vec::new(),
        options.scripting,
    );
    parser.one(StrTendril::from(input))
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
