//! The departures of html5ever's tree builder from the HTML standard that
//! the differential tests and fuzz targets set aside
//! (`htmldict_test_support::departures`): each one's example must give
//! html5ever's tree and htmldict's apart, and be covered by its own
//! condition; no departure may cover the html5lib suite's inputs that both
//! parsers agree on without reason.

use htmldict::{ParseOptions, parse_fragment, parse_html};
use htmldict_test_support::departures::{DEPARTURES, departures_for};
use htmldict_test_support::rcdom;
use htmldict_test_support::tree_suite::all_tree_cases;

fn htmldict_tree(context: Option<&str>, html: &str) -> String {
    let options = ParseOptions::new();
    match context {
        Some(context) => parse_fragment(context, html, &options),
        None => parse_html(html, &options),
    }
    .unwrap()
    .html5lib_tree()
}

fn html5ever_tree(context: Option<&str>, html: &str) -> String {
    match context {
        Some(context) => rcdom::fragment_html5lib_tree(&rcdom::parse_fragment(context, html, true)),
        None => rcdom::html5lib_tree(&rcdom::parse(html, true)),
    }
}

#[test]
fn each_example_shows_its_departure() {
    for departure in &DEPARTURES {
        let (context, html) = departure.example;
        assert!(
            departure.applies(context, html),
            "{}: its example is not covered by its condition",
            departure.name
        );
        assert_ne!(
            htmldict_tree(context, html),
            html5ever_tree(context, html),
            "{}: the example gives the same tree",
            departure.name
        );
    }
}

#[test]
fn the_suite_cases_html5ever_fails_are_departures() {
    // html5ever fails exactly the html5lib cases a departure covers, and
    // htmldict passes them all (tests/html5lib_tree.rs).
    let mut covered = 0;
    for case in all_tree_cases() {
        for scripting in case.scripting_modes() {
            let tree = match &case.fragment {
                Some(context) => rcdom::fragment_html5lib_tree(&rcdom::parse_fragment(
                    context, &case.data, scripting,
                )),
                None => rcdom::html5lib_tree(&rcdom::parse(&case.data, scripting)),
            };
            if tree != case.expected {
                assert!(
                    !departures_for(case.fragment.as_deref(), &case.data).is_empty(),
                    "{}: html5ever fails it, and no departure covers it",
                    case.name()
                );
                covered += 1;
            }
        }
    }
    // The two selectedcontent cases, in both scripting modes.
    assert_eq!(covered, 4);
}
