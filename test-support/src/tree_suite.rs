//! html5lib's tree-construction tests (`tests/data/html5lib-tests/tree-construction`),
//! read from their `.dat` files as cases.

use std::path::{Path, PathBuf};

use crate::data::data_dir;

/// One html5lib tree-construction case.
#[derive(Clone, Debug)]
pub struct TreeCase {
    pub file: String,
    /// 0-based position in its file.
    pub index: usize,
    pub data: String,
    pub fragment: Option<String>,
    /// `Some` when the case fixes the scripting flag; `None` means both.
    pub scripting: Option<bool>,
    /// The expected dump, each line ending in `\n`.
    pub expected: String,
}

impl TreeCase {
    /// The scripting settings this case must pass under.
    pub fn scripting_modes(&self) -> Vec<bool> {
        match self.scripting {
            Some(on) => vec![on],
            None => vec![true, false],
        }
    }

    pub fn name(&self) -> String {
        format!("{}#{}", self.file, self.index)
    }
}

#[derive(PartialEq)]
enum Section {
    Data,
    Errors,
    Fragment,
    Document,
}

/// Reads every case of one `.dat` file.
pub fn read_tree_cases(path: &Path) -> Vec<TreeCase> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut cases = Vec::new();
    let mut current: Option<(TreeCase, Vec<&str>, Vec<&str>)> = None;
    let mut section = Section::Data;
    let mut previous_blank = true;
    let finish = |cases: &mut Vec<TreeCase>, current: Option<(TreeCase, Vec<&str>, Vec<&str>)>| {
        if let Some((mut case, data, mut document)) = current {
            while document.last() == Some(&"") {
                document.pop();
            }
            case.data = data.join("\n");
            case.expected = document.iter().map(|l| format!("{l}\n")).collect();
            cases.push(case);
        }
    };
    for line in text.split('\n') {
        let starts_case = line == "#data"
            && previous_blank
            && (current.is_none() || section == Section::Document);
        previous_blank = line.is_empty();
        if starts_case {
            finish(&mut cases, current.take());
            let index = cases.len();
            current = Some((
                TreeCase {
                    file: file.clone(),
                    index,
                    data: String::new(),
                    fragment: None,
                    scripting: None,
                    expected: String::new(),
                },
                Vec::new(),
                Vec::new(),
            ));
            section = Section::Data;
            continue;
        }
        let Some((case, data, document)) = current.as_mut() else {
            continue;
        };
        match (&section, line) {
            (Section::Document, _) => document.push(line),
            (_, "#errors") | (_, "#new-errors") => section = Section::Errors,
            (Section::Data, _) => data.push(line),
            (_, "#document-fragment") => section = Section::Fragment,
            (_, "#script-on") => case.scripting = Some(true),
            (_, "#script-off") => case.scripting = Some(false),
            (_, "#document") => section = Section::Document,
            (Section::Fragment, _) => case.fragment = Some(line.to_owned()),
            (Section::Errors, _) => {}
        }
    }
    finish(&mut cases, current);
    cases
}

/// Every case of the carried tree-construction suite, in file order.
pub fn all_tree_cases() -> Vec<TreeCase> {
    let dir = data_dir().join("html5lib-tests/tree-construction");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "dat"))
        .collect();
    files.sort();
    files.iter().flat_map(|f| read_tree_cases(f)).collect()
}
