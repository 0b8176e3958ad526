//! The data the project carries in `tests/data`.

use std::path::{Path, PathBuf};

/// `tests/data` of the main crate.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data")
}

/// The real pages the project carries, as (file name, contents).
pub fn carried_pages() -> Vec<(String, String)> {
    let dir = data_dir().join("pages");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 10,
        "expected at least 10 carried pages in {}",
        dir.display()
    );
    pages
}
