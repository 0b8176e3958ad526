//! Every public item has a doc test: each `pub fn`, `pub struct`, `pub enum`,
//! `pub trait`, `pub const` and `pub type` under `src/`, methods in `impl`
//! blocks included, must carry a `///` doc comment with a code example that
//! rustdoc compiles (a fence with no language, `rust`, or only doctest
//! attributes such as `no_run`; not `ignore` or `text`).
//!
//! The scan reads the source as lines, as a reviewer would: an item is a line
//! that starts with `pub ` (so `pub(crate)` and `pub(super)` items are not
//! public and are skipped), and its doc comment is the run of `///` lines
//! right above it, attributes in between allowed. Block doc comments
//! (`/** */`) and `#[doc = "..."]` are not recognised; the crate uses
//! neither.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Public items that need no doc test because no user can reach them (for
/// example a `pub fn` in the `impl` of a `pub(crate)` type), as
/// (path under the crate root, item name). Each entry needs a comment saying
/// why the item is unreachable; an entry that no longer matches an item
/// without an example makes the test fail, so the list cannot go stale.
///
/// Empty: every `pub` item under `src/` is reachable from the crate root.
const ALLOWED: &[(&str, &str)] = &[];

/// Item kinds that must have a doc test.
const KINDS: &[&str] = &["fn", "struct", "enum", "trait", "const", "type"];

/// Words that may come between `pub` and `fn` (`pub const fn`,
/// `pub unsafe extern "C" fn`).
const QUALIFIERS: &[&str] = &["const", "async", "unsafe", "extern", "\"C\"", "\"Rust\""];

/// Doctest attributes rustdoc accepts in a fence's info string; a fence
/// whose words are all among these (or that has none) is compiled, and run
/// unless `no_run` says otherwise.
const DOCTEST_ATTRIBUTES: &[&str] = &["rust", "no_run", "should_panic"];

#[derive(Debug, PartialEq, Eq)]
struct Item {
    file: String,
    line: usize,
    kind: &'static str,
    name: String,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: pub {} {}",
            self.file, self.line, self.kind, self.name
        )
    }
}

/// The kind and name of the public item declared on `line`, if any.
fn public_item(line: &str) -> Option<(&'static str, String)> {
    let rest = line.trim_start().strip_prefix("pub ")?;
    let mut words = rest.split_whitespace();
    let mut word = words.next()?;
    loop {
        if let Some(&kind) = KINDS.iter().find(|&&k| k == word) {
            // `pub const fn` is a function; `pub const NAME` a constant.
            let next = words.next()?;
            if kind == "const" && next == "fn" {
                word = next;
                continue;
            }
            let name: String = next
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            return (!name.is_empty()).then_some((kind, name));
        }
        if !QUALIFIERS.contains(&word) {
            // `pub use`, `pub mod`, a struct field (`pub name: T`), ...
            return None;
        }
        word = words.next()?;
    }
}

/// The `///` lines documenting the item on line `index`, nearest first,
/// stepping over attributes (one line or several).
fn doc_comment<'a>(lines: &[&'a str], index: usize) -> Vec<&'a str> {
    let mut doc = Vec::new();
    let mut j = index;
    while j > 0 {
        j -= 1;
        let line = lines[j].trim();
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text);
        } else if !doc.is_empty() {
            break;
        } else if line.starts_with("#[") {
            // A one-line attribute.
        } else if line.ends_with(']') {
            // The last line of an attribute spread over several lines: step
            // back to where it opens.
            while j > 0 && !lines[j].trim().starts_with("#[") {
                j -= 1;
            }
        } else {
            break;
        }
    }
    doc
}

/// True when `doc` holds a fenced block that rustdoc compiles as a test.
fn has_doc_test(doc: &[&str]) -> bool {
    doc.iter().any(|line| {
        let Some(info) = line.trim().strip_prefix("```") else {
            return false;
        };
        info.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|word| !word.is_empty())
            .all(|word| DOCTEST_ATTRIBUTES.contains(&word) || word.starts_with("edition"))
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// Every public item under `src/`, and whether it has a doc test.
fn scan() -> Vec<(Item, bool)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut items = Vec::new();
    for path in files {
        let source =
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = path
            .strip_prefix(root)
            .expect("under the crate root")
            .to_string_lossy()
            .replace('\\', "/");
        let lines: Vec<&str> = source.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            if let Some((kind, name)) = public_item(line) {
                let documented = has_doc_test(&doc_comment(&lines, index));
                let item = Item {
                    file: file.clone(),
                    line: index + 1,
                    kind,
                    name,
                };
                items.push((item, documented));
            }
        }
    }
    items
}

#[test]
fn every_public_item_has_a_doc_test() {
    let items = scan();
    // A scanner that finds nothing would pass vacuously.
    for (file, name) in [
        ("src/parse/mod.rs", "parse_html"),
        ("src/dom/node.rs", "NodeRef"),
        ("src/dict/mod.rs", "NameDictionary"),
        ("src/dict/lru_bounded.rs", "MAX_CAPACITY"),
    ] {
        assert!(
            items.iter().any(|(i, _)| i.file == file && i.name == name),
            "the scan did not find {name} in {file}"
        );
    }

    let allowed = |item: &Item| ALLOWED.contains(&(item.file.as_str(), item.name.as_str()));
    let missing: Vec<String> = items
        .iter()
        .filter(|(item, documented)| !documented && !allowed(item))
        .map(|(item, _)| item.to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "{} public items have no doc test (a ``` example rustdoc compiles, in their /// comment):\n{}",
        missing.len(),
        missing.join("\n")
    );

    let stale: Vec<_> = ALLOWED
        .iter()
        .filter(|(file, name)| {
            !items
                .iter()
                .any(|(i, documented)| !documented && i.file == *file && i.name == *name)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "allow-list entries that match nothing to excuse: {stale:?}"
    );
}

#[test]
fn scanner_recognises_items_docs_and_fences() {
    assert_eq!(
        public_item("    pub fn new() -> Self {"),
        Some(("fn", "new".into()))
    );
    assert_eq!(
        public_item("pub const fn len(&self)"),
        Some(("fn", "len".into()))
    );
    assert_eq!(
        public_item("pub const MAX: usize = 1;"),
        Some(("const", "MAX".into()))
    );
    assert_eq!(
        public_item("pub struct NodeRef<'a> {"),
        Some(("struct", "NodeRef".into()))
    );
    assert_eq!(
        public_item("pub unsafe extern \"C\" fn f()"),
        Some(("fn", "f".into()))
    );
    assert_eq!(public_item("pub(crate) fn hidden()"), None);
    assert_eq!(public_item("    pub name: &'a str,"), None);
    assert_eq!(public_item("pub use dom::NodeRef;"), None);
    assert_eq!(public_item("/// pub fn in prose"), None);

    let source = [
        "/// Text.",
        "///",
        "/// ```",
        "/// assert!(true);",
        "/// ```",
        "#[derive(",
        "    Clone,",
        ")]",
        "#[non_exhaustive]",
        "pub struct A;",
    ];
    let doc = doc_comment(&source, 9);
    assert_eq!(doc.len(), 5);
    assert!(has_doc_test(&doc));

    assert!(has_doc_test(&[" ```no_run"]));
    assert!(has_doc_test(&[" ```rust,edition2024"]));
    assert!(!has_doc_test(&[" ```text"]));
    assert!(!has_doc_test(&[" ```ignore"]));
    assert!(!has_doc_test(&[" No example."]));
}
