//! The html5lib tree-construction suite, in process, under every built-in
//! dictionary strategy, with `collect_ids` on and off, and with each scripting
//! mode the case allows.

use htmldict::{Document, ParseOptions, parse_fragment, parse_html};
use htmldict_test_support::strategies;
use htmldict_test_support::tree_suite::{TreeCase, all_tree_cases};

fn parse(case: &TreeCase, options: &ParseOptions) -> Document {
    match &case.fragment {
        Some(context) => parse_fragment(context, &case.data, options),
        None => parse_html(&case.data, options),
    }
    .unwrap_or_else(|e| panic!("{}: {e}", case.name()))
}

#[test]
fn every_case_under_every_strategy() {
    let cases = all_tree_cases();
    assert_eq!(cases.len(), 1775, "the carried suite has 1,775 cases");
    let (mut passed, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for (strategy, dictionary) in strategies() {
        for collect_ids in [true, false] {
            for case in &cases {
                for scripting in case.scripting_modes() {
                    let options = ParseOptions::new()
                        .dictionary(dictionary.clone())
                        .collect_ids(collect_ids)
                        .scripting(scripting);
                    let actual = parse(case, &options).html5lib_tree();
                    if actual == case.expected {
                        passed += 1;
                    } else if case.is_known_unsupported() {
                        skipped += 1;
                    } else {
                        failed += 1;
                        if failures.len() < 10 {
                            failures.push(format!(
                                "{} [{strategy}, collect_ids={collect_ids}, scripting={scripting}]\n#data\n{}\n#expected\n{}#actual\n{}",
                                case.name(),
                                case.data,
                                case.expected,
                                actual
                            ));
                        }
                    }
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed, {skipped} skipped");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Only the two selectedcontent cases may fail, under each of the 10
    // configurations and each scripting mode they run in.
    assert!(skipped <= 2 * 2 * 10, "{skipped} known-unsupported runs");
}

#[test]
fn known_unsupported_cases_are_the_selectedcontent_ones() {
    let cases = all_tree_cases();
    let known: Vec<_> = cases.iter().filter(|c| c.is_known_unsupported()).collect();
    assert_eq!(known.len(), 2);
    assert!(known.iter().all(|c| c.data.contains("<selectedcontent>")));
}
