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
    let (mut passed, mut failed) = (0usize, 0usize);
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
    println!("{passed} passed, {failed} failed");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every run of every case: none skipped. 10 configurations; a case
    // runs once per scripting mode it allows.
    let runs: usize = cases.iter().map(|c| c.scripting_modes().len()).sum();
    assert_eq!(passed, runs * 10);
}

#[test]
fn the_selectedcontent_cases_pass() {
    // webkit02.dat 44 and 45: an option's children copied into the
    // select's selectedcontent when the option is popped at the end.
    let cases = all_tree_cases();
    let selected: Vec<_> = cases
        .iter()
        .filter(|c| c.file == "webkit02.dat" && (c.index == 44 || c.index == 45))
        .collect();
    assert_eq!(selected.len(), 2);
    for case in selected {
        assert!(case.data.contains("<selectedcontent>"));
        let actual = parse(case, &ParseOptions::new()).html5lib_tree();
        assert_eq!(actual, case.expected, "{}", case.name());
    }
}
