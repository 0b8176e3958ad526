//! Every limit gives a typed error naming the limit, its maximum and the
//! value met; within limits nothing changes.

use htmldict::{Limit, Limits, ParseError, ParseOptions, parse_fragment, parse_html};

fn with(limits: Limits) -> ParseOptions {
    ParseOptions::new().limits(limits)
}

fn expect_limit(result: Result<htmldict::Document, ParseError>, limit: Limit, max: u64) -> u64 {
    match result {
        Err(ParseError::LimitExceeded {
            limit: met,
            max: m,
            value,
        }) => {
            assert_eq!((met, m), (limit, max));
            assert!(value > max, "{value} <= {max}");
            value
        }
        other => panic!("expected {limit:?} to be exceeded, got {other:?}"),
    }
}

#[test]
fn input_bytes() {
    let options = with(Limits {
        max_input_bytes: 10,
        ..Limits::default()
    });
    assert_eq!(
        expect_limit(parse_html("<p>0123456789", &options), Limit::InputBytes, 10),
        13
    );
    assert_eq!(
        expect_limit(
            parse_fragment("td", "<p>0123456789", &options),
            Limit::InputBytes,
            10
        ),
        13
    );
    assert!(parse_html("<p>0123456", &options).is_ok());
}

#[test]
fn nodes() {
    let options = with(Limits {
        max_nodes: 50,
        ..Limits::default()
    });
    let page = "<p>a</p>".repeat(30);
    expect_limit(parse_html(&page, &options), Limit::Nodes, 50);
    assert!(parse_html(&"<p>a</p>".repeat(10), &options).is_ok());
}

#[test]
fn attributes_per_element() {
    let options = with(Limits {
        max_attributes_per_element: 3,
        ..Limits::default()
    });
    let value = expect_limit(
        parse_html("<p a=1 b=2 c=3 d=4>", &options),
        Limit::AttributesPerElement,
        3,
    );
    assert_eq!(value, 4);
    assert!(parse_html("<p a=1 b=2 c=3>", &options).is_ok());
    // Attributes merged into <html> by a second <html> tag count too.
    let value = expect_limit(
        parse_html("<html a=1 b=2><html c=3 d=4>", &options),
        Limit::AttributesPerElement,
        3,
    );
    assert_eq!(value, 4);
}

#[test]
fn depth() {
    let options = with(Limits {
        max_depth: 10,
        ..Limits::default()
    });
    // html and body take two levels.
    assert!(parse_html(&"<div>".repeat(8), &options).is_ok());
    assert_eq!(
        expect_limit(parse_html(&"<div>".repeat(9), &options), Limit::Depth, 10),
        11
    );
    for nested in [
        "<ul><li>",
        "<a><b>",
        "<table><tr><td>",
        "<template>",
        "<svg><g>",
        "<math><mrow>",
    ] {
        expect_limit(parse_html(&nested.repeat(100), &options), Limit::Depth, 10);
    }
}

#[test]
fn deep_nesting_stops_early_with_the_default_limit() {
    // 512 KB of nested lists: html5ever alone takes minutes on this.
    let page = "<ul><li>".repeat(512 * 1024 / 8);
    let value = expect_limit(parse_html(&page, &ParseOptions::new()), Limit::Depth, 512);
    assert_eq!(value, 513);
}

#[test]
fn name_bytes() {
    let options = with(Limits {
        max_name_bytes: 100,
        ..Limits::default()
    });
    let page: String = (0..20)
        .map(|i| format!("<custom-element-{i:02}>"))
        .collect();
    expect_limit(parse_html(&page, &options), Limit::NameBytes, 100);
    // Repeating one name costs its bytes once.
    assert!(parse_html(&"<custom-element></custom-element>".repeat(1000), &options).is_ok());
}

#[test]
fn no_limits_parses_what_the_defaults_refuse() {
    let page = "<div>".repeat(2_000);
    expect_limit(parse_html(&page, &ParseOptions::new()), Limit::Depth, 512);
    let doc = parse_html(&page, &with(Limits::none())).unwrap();
    assert_eq!(
        doc.root()
            .descendants()
            .filter(|n| n.local_name() == Some("div"))
            .count(),
        2_000
    );
}

#[test]
fn errors_name_the_limit() {
    let err = parse_html(&"<div>".repeat(600), &ParseOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "limit exceeded: depth reached 513, the maximum is 512"
    );
}

/// A refused page is thrown away whole: once a limit is met, the names on
/// the rest of the page never reach the (shared) dictionary, so a hostile
/// page cannot empty a bounded cache of the names real pages share.
#[test]
fn a_refused_page_leaves_the_dictionary_alone() {
    use htmldict::LruDictionary;
    use std::fmt::Write;
    use std::sync::Arc;

    let dict = Arc::new(LruDictionary::new(4096));
    let options = ParseOptions::new().dictionary(dict.clone());
    // One element with 20,000 distinct long attribute names: refused by the
    // default limit of 1,024 attributes per element before any is interned.
    let mut page = String::from("<div");
    for i in 0..20_000 {
        write!(page, " data-tracking-attribute-{i:05}").unwrap();
    }
    page.push('>');
    expect_limit(
        parse_html(&page, &options),
        Limit::AttributesPerElement,
        1024,
    );
    assert_eq!(dict.stats().lookups, 0, "{:?}", dict.stats());

    // Past the depth limit, the novel element and attribute names that follow
    // are not asked for either.
    let mut page = "<div>".repeat(600);
    for i in 0..500 {
        write!(
            page,
            "<app-widget-{i:04} data-v-{i:08x}></app-widget-{i:04}>"
        )
        .unwrap();
    }
    expect_limit(parse_html(&page, &options), Limit::Depth, 512);
    assert_eq!(dict.stats().lookups, 0, "{:?}", dict.stats());
}

/// The adoption agency algorithm moves elements together with their
/// children, so a tree can grow deeper after its nodes were placed:
/// `<i><b><div>x</i>` repeated nests about two levels deeper each time while
/// the parser's stack of open elements stays short. The limit still holds
/// for the finished tree.
#[test]
fn depth_gained_by_moved_subtrees_is_caught() {
    fn deepest(doc: &htmldict::Document) -> usize {
        doc.root()
            .descendants()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap()
    }
    let page = "<i><b><div>x</i>".repeat(30);
    let deep = parse_html(&page, &with(Limits::none())).unwrap();
    assert!(deepest(&deep) > 50, "{}", deepest(&deep));
    let value = expect_limit(
        parse_html(
            &page,
            &with(Limits {
                max_depth: 5,
                ..Limits::default()
            }),
        ),
        Limit::Depth,
        5,
    );
    assert_eq!(value, 6);
    // With the default limit of 512: 1,000 repetitions (16 KB) would reach
    // a depth near 2,000.
    let page = "<i><b><div>x</i>".repeat(1000);
    expect_limit(parse_html(&page, &ParseOptions::new()), Limit::Depth, 512);
    // Within the limit nothing changes.
    let page = "<i><b><div>x</i>".repeat(100);
    let doc = parse_html(&page, &ParseOptions::new()).unwrap();
    assert!(deepest(&doc) <= 512);
    assert_eq!(
        doc.to_html(),
        parse_html(&page, &with(Limits::none())).unwrap().to_html()
    );
}

/// Every node of a page full of different kinds of node is, in turn, the one
/// over the node limit, and every level the one over the depth limit: text
/// (appended, foster-parented, merged), comments, a doctype, a processing
/// instruction made bogus comment, template contents, SVG, reparented and
/// adopted elements. Each refused parse names the limit; none panics, and
/// the value met is always one past the maximum.
#[test]
fn every_node_in_turn_is_one_too_many() {
    let page = "<!DOCTYPE html><!--c--><html><head><title>t</title></head><body>\
                <?pi x?>a<b>b<i>c</b>d</i><table>e<tr><td>f</td>g</tr></table>\
                <template><p>h</p><td>i</td></template><svg><g>j</g></svg>\
                <a><div>k</a>l</div><select><option>m</select><p>n<p>o</body>p";
    let total = parse_html(page, &ParseOptions::new()).unwrap().node_count() as u64;
    assert!(total > 40, "{total}");
    for max in 1..total {
        for context in [None, Some("td")] {
            let options = with(Limits {
                max_nodes: max,
                ..Limits::default()
            });
            let result = match context {
                Some(context) => parse_fragment(context, page, &options),
                None => parse_html(page, &options),
            };
            if context.is_none() {
                assert_eq!(expect_limit(result, Limit::Nodes, max), max + 1);
            } else if let Err(error) = result {
                assert!(matches!(
                    error,
                    ParseError::LimitExceeded {
                        limit: Limit::Nodes,
                        ..
                    }
                ));
            }
        }
    }
    assert!(
        parse_html(
            page,
            &with(Limits {
                max_nodes: total,
                ..Limits::default()
            })
        )
        .is_ok()
    );
    for max in 0..12 {
        let options = with(Limits {
            max_depth: max,
            ..Limits::default()
        });
        if let Err(error) = parse_html(page, &options) {
            assert_eq!(
                error,
                ParseError::LimitExceeded {
                    limit: Limit::Depth,
                    max,
                    value: max + 1
                }
            );
        }
    }
}

/// With `truncate_on_limit`, every carried page cut at half its nodes gives
/// the document built so far: marked with the node limit, within it, its
/// text the start of the whole page's text; fed in pieces, the same tree.
#[test]
fn truncation_keeps_the_start_of_every_carried_page() {
    for (name, html) in htmldict_test_support::data::carried_pages() {
        let whole = parse_html(&html, &ParseOptions::new()).unwrap();
        let max = whole.node_count() as u64 / 2;
        let options = with(Limits {
            max_nodes: max,
            ..Limits::default()
        })
        .truncate_on_limit(true);
        let kept = parse_html(&html, &options).unwrap();
        assert!(
            matches!(
                kept.truncated(),
                Some(ParseError::LimitExceeded { limit: Limit::Nodes, max: m, .. }) if *m == max
            ),
            "{name}: {:?}",
            kept.truncated()
        );
        assert!(kept.node_count() as u64 <= max, "{name}");
        assert!(whole.text().starts_with(&kept.text()), "{name}: text");
        assert!(
            kept.text().len() < whole.text().len(),
            "{name}: nothing cut"
        );

        let mut parser = htmldict::Parser::new(&options);
        let mut rest = html.as_str();
        while !rest.is_empty() {
            let mut cut = rest.len().min(4096);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            parser.feed_str(&rest[..cut]).unwrap();
            rest = &rest[cut..];
        }
        let fed = parser.finish().unwrap();
        assert_eq!(fed.truncated(), kept.truncated(), "{name}");
        assert!(
            fed.html5lib_tree() == kept.html5lib_tree(),
            "{name}: trees differ"
        );
    }
}

/// The input-bytes limit keeps the input up to the limit (the earlier
/// pieces and the part of the crossing one that fits), and ignores the rest.
#[test]
fn truncation_at_the_input_limit_keeps_the_input_up_to_it() {
    let options = with(Limits {
        max_input_bytes: 30,
        ..Limits::default()
    })
    .truncate_on_limit(true);
    let mut parser = htmldict::Parser::new(&options);
    parser.feed_bytes(b"<title>kept</title><p>one").unwrap();
    parser.feed_bytes(b" two, over the limit").unwrap();
    parser.feed_bytes(b" and more").unwrap();
    let doc = parser.finish().unwrap();
    assert_eq!(doc.title().as_deref(), Some("kept"));
    // 25 bytes, then 5 of the next piece.
    assert_eq!(doc.text(), "keptone two,");
    assert_eq!(
        doc.encoding().unwrap().to_string(),
        "windows-1252 (default)"
    );
    assert!(matches!(
        doc.truncated(),
        Some(ParseError::LimitExceeded {
            limit: Limit::InputBytes,
            max: 30,
            ..
        })
    ));
    // Not a limit: still an error.
    let mut parser = htmldict::Parser::new(&options);
    parser.feed_bytes(b"<p>").unwrap();
    assert!(matches!(
        parser.feed_str("<p>"),
        Err(ParseError::MixedInput)
    ));
}

/// An element refused by the node limit is not indexed by its `id`: a
/// truncated document whose last element carried one has no index entry
/// for a node it does not hold.
#[test]
fn an_element_refused_by_the_node_limit_is_not_indexed() {
    let options = with(Limits {
        max_nodes: 4,
        ..Limits::default()
    })
    .truncate_on_limit(true);
    for html in ["<p id=a>x", "<div><p id=a>x", "<template id=t>"] {
        let kept = parse_html(html, &options).unwrap();
        assert!(kept.truncated().is_some(), "{html}");
        assert!(kept.get_element_by_id("a").is_none(), "{html}");
        assert!(kept.get_element_by_id("t").is_none(), "{html}");
    }
}

/// A second `<html>` tag whose attributes would take the first past a
/// limit adds none of them: the truncated document keeps within every
/// limit, and the error names the count the merge would have made.
#[test]
fn a_truncated_merge_adds_no_attribute_past_the_limits() {
    let limits = Limits {
        max_attributes_per_element: 3,
        max_name_bytes: 20,
        ..Limits::default()
    };
    let options = with(limits).truncate_on_limit(true);
    let doc = parse_html("<html a=1><html b=2 c=3 d=4 e=5>", &options).unwrap();
    assert_eq!(
        doc.truncated(),
        Some(&ParseError::LimitExceeded {
            limit: Limit::AttributesPerElement,
            max: 3,
            value: 5
        })
    );
    let html = doc.root().first_child().unwrap();
    assert_eq!(html.attrs().count(), 1);
    // The name bytes run out while the names are read.
    let doc = parse_html("x<html aaaaaaaaa bbbbbbbbb ccccccccc d e>", &options).unwrap();
    assert!(matches!(
        doc.truncated(),
        Some(ParseError::LimitExceeded {
            limit: Limit::NameBytes,
            ..
        })
    ));
    let html = doc.root().first_child().unwrap();
    assert!(html.attrs().count() <= 3);
}
