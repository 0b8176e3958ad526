//! Which mode a DOCTYPE puts a document in: the "initial" insertion mode's
//! rules (HTML standard, section 13.2.6.4.1). Identifiers compare ASCII
//! case-insensitively; a missing identifier is not an empty one.

use crate::dom::QuirksMode;

/// Public identifiers that begin a quirks-mode DOCTYPE.
const QUIRKS_PUBLIC_PREFIXES: [&str; 55] = [
    "+//silmaril//dtd html pro v0r11 19970101//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//",
    "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//",
    "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//",
    "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//",
    "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//",
    "-//w3c//dtd html 3.2 final//",
    "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//",
];

/// Public identifiers that are quirks-mode DOCTYPEs when matched whole.
const QUIRKS_PUBLIC: [&str; 3] = [
    "-//w3o//dtd w3 html strict 3.0//en//",
    "-/w3c/dtd html 4.0 transitional/en",
    "html",
];

/// The system identifier that makes a quirks-mode DOCTYPE.
const QUIRKS_SYSTEM: &str = "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd";

/// HTML 4.01's frameset and transitional DTDs: quirks without a system
/// identifier, limited quirks with one.
const HTML401_PREFIXES: [&str; 2] = [
    "-//w3c//dtd html 4.01 frameset//",
    "-//w3c//dtd html 4.01 transitional//",
];

/// XHTML 1.0's frameset and transitional DTDs: limited quirks.
const LIMITED_QUIRKS_PREFIXES: [&str; 2] = [
    "-//w3c//dtd xhtml 1.0 frameset//",
    "-//w3c//dtd xhtml 1.0 transitional//",
];

fn starts_with_any(id: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| {
        id.as_bytes()
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
    })
}

/// The document's mode for a DOCTYPE token with this name, public and
/// system identifier (each `None` when missing) and force-quirks flag.
pub(crate) fn mode(
    name: Option<&str>,
    public: Option<&str>,
    system: Option<&str>,
    force_quirks: bool,
) -> QuirksMode {
    let is = |id: Option<&str>, whole: &str| id.is_some_and(|id| id.eq_ignore_ascii_case(whole));
    let quirks = force_quirks
        || name != Some("html")
        || QUIRKS_PUBLIC.iter().any(|whole| is(public, whole))
        || is(system, QUIRKS_SYSTEM)
        || public.is_some_and(|p| starts_with_any(p, &QUIRKS_PUBLIC_PREFIXES))
        || (system.is_none() && public.is_some_and(|p| starts_with_any(p, &HTML401_PREFIXES)));
    if quirks {
        return QuirksMode::Quirks;
    }
    let limited = public.is_some_and(|p| starts_with_any(p, &LIMITED_QUIRKS_PREFIXES))
        || (system.is_some() && public.is_some_and(|p| starts_with_any(p, &HTML401_PREFIXES)));
    if limited {
        QuirksMode::LimitedQuirks
    } else {
        QuirksMode::NoQuirks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use html5ever::tree_builder::QuirksMode as Oracle;
    use markup5ever_rcdom::RcDom;

    /// The mode html5ever's tree builder, the oracle, gives a document that
    /// starts with `doctype`.
    fn oracle(doctype: &str) -> QuirksMode {
        let dom = html5ever::parse_document(RcDom::default(), Default::default())
            .one(format!("{doctype}<p>"));
        match dom.quirks_mode.get() {
            Oracle::Quirks => QuirksMode::Quirks,
            Oracle::LimitedQuirks => QuirksMode::LimitedQuirks,
            Oracle::NoQuirks => QuirksMode::NoQuirks,
        }
    }

    /// The mode htmldict gives the same document.
    fn ours(doctype: &str) -> QuirksMode {
        crate::parse_html(&format!("{doctype}<p>"), &crate::ParseOptions::new())
            .unwrap()
            .quirks_mode()
    }

    /// Where html5ever 0.40 departs from section 13.2.6.4.1: its list of
    /// quirks prefixes lacks the standard's first, so it parses such a
    /// document in no-quirks mode.
    const HTML5EVER_MISSES: [&str; 1] = ["+//silmaril//dtd html pro v0r11 19970101//"];

    #[test]
    fn every_prefix_makes_quirks_as_the_oracle_says() {
        for prefix in QUIRKS_PUBLIC_PREFIXES {
            // In another case, and with something after the prefix.
            let public = format!("{}EN", prefix.to_ascii_uppercase());
            assert_eq!(
                mode(Some("html"), Some(&public), None, false),
                QuirksMode::Quirks
            );
            let doctype = format!("<!DOCTYPE html PUBLIC \"{public}\">");
            let expected = if HTML5EVER_MISSES.contains(&prefix) {
                QuirksMode::NoQuirks
            } else {
                QuirksMode::Quirks
            };
            assert_eq!(oracle(&doctype), expected, "{doctype}");
            assert_eq!(ours(&doctype), QuirksMode::Quirks, "{doctype}");
        }
    }

    #[test]
    fn the_modes_of_common_doctypes_agree_with_the_oracle() {
        let cases: &[(&str, Option<&str>, Option<&str>, bool)] = &[
            ("<!DOCTYPE html>", None, None, false),
            ("<!doctype HTML>", None, None, false),
            ("<!DOCTYPE svg>", None, None, false),
            (
                r#"<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">"#,
                Some("-//W3C//DTD HTML 4.01 Transitional//EN"),
                None,
                false,
            ),
            (
                r#"<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">"#,
                Some("-//W3C//DTD HTML 4.01 Transitional//EN"),
                Some("http://www.w3.org/TR/html4/loose.dtd"),
                false,
            ),
            (
                r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">"#,
                Some("-//W3C//DTD XHTML 1.0 Transitional//EN"),
                Some("http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"),
                false,
            ),
            (
                r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">"#,
                Some("-//W3C//DTD XHTML 1.0 Strict//EN"),
                Some("http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"),
                false,
            ),
            (
                r#"<!DOCTYPE html PUBLIC "HTML">"#,
                Some("HTML"),
                None,
                false,
            ),
            (
                r#"<!DOCTYPE html SYSTEM "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd">"#,
                None,
                Some("http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"),
                false,
            ),
            (r#"<!DOCTYPE html PUBLIC "">"#, Some(""), None, false),
            ("<!DOCTYPE>", None, None, true),
        ];
        for &(doctype, public, system, force) in cases {
            let name = doctype
                .trim_start_matches(|c| c != ' ' && c != '>')
                .split([' ', '>'])
                .find(|s| !s.is_empty())
                .map(str::to_ascii_lowercase);
            let ours = mode(name.as_deref(), public, system, force);
            assert_eq!(ours, oracle(doctype), "{doctype}");
        }
    }
}
