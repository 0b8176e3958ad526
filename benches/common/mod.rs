//! What both benchmarks share: loading the input pages, finding criterion's
//! results, and printing the summary tables (medians and ratios measured in
//! the same run) once criterion is done.

#![allow(dead_code)] // each bench uses part of this module

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The carried pages, or every `.html` file of `$HTMLDICT_CORPUS` when set,
/// in name order. Pages that are not valid UTF-8 are decoded lossily.
pub fn real_pages() -> (PathBuf, Vec<String>) {
    let dir = match std::env::var_os("HTMLDICT_CORPUS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages"),
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "html") && path.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .html files in {}", dir.display());
    let pages = paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
        .collect();
    (dir, pages)
}

/// Cuts `markup` into pieces of about `size` bytes, each ending just before
/// a `<`, until `count` pieces are cut. Each piece is parsed as a whole
/// document: the parser supplies the `html`, `head` and `body` it lacks and
/// closes what it leaves open, as it would for a snippet fetched on its own.
pub fn cut_small_documents<'a>(
    markup: impl IntoIterator<Item = &'a str>,
    size: usize,
    count: usize,
) -> Vec<String> {
    let mut pieces = Vec::with_capacity(count);
    for source in markup {
        let mut start = 0;
        while start < source.len() && pieces.len() < count {
            let probe = (start + size).min(source.len());
            let end = source[probe..]
                .find('<')
                .map_or(source.len(), |i| probe + i);
            // Skip tails too short to count as a document of their own.
            if end - start >= size / 2 {
                pieces.push(source[start..end].to_owned());
            }
            start = end;
        }
        if pieces.len() == count {
            break;
        }
    }
    pieces
}

/// Where criterion writes its results: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else `criterion` in the target directory
/// that holds this bench executable. Passed to criterion explicitly, so the
/// summary reads the files criterion wrote.
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // target/<profile>/deps/<bench>-<hash>
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target"))
        .join("criterion")
}

/// The directory name criterion gives an id.
fn file_safe(id: &str) -> String {
    id.replace(['?', '"', '/', '\\', '*', '<', '>', ':', '|', '^'], "_")
}

/// Reads back what criterion measured in this run.
pub struct Results {
    dir: PathBuf,
    since: SystemTime,
}

impl Results {
    /// Results written under `dir` after `since` (older files are ignored,
    /// so a filtered run never mixes in an earlier run's numbers).
    pub fn new(dir: PathBuf, since: SystemTime) -> Results {
        Results { dir, since }
    }

    /// The median time of one iteration of `group`/`id`, in seconds.
    pub fn median(&self, group: &str, id: &str) -> Option<f64> {
        let path = self
            .dir
            .join(file_safe(group))
            .join(file_safe(id))
            .join("new/estimates.json");
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        if modified < self.since {
            return None;
        }
        let json = std::fs::read_to_string(&path).ok()?;
        // {"mean":{...},"median":{"confidence_interval":{...},"point_estimate":N,...},...}
        let median = &json[json.find("\"median\"")?..];
        let value = &median[median.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
        let end = value.find([',', '}'])?;
        let nanoseconds: f64 = value[..end].trim().parse().ok()?;
        Some(nanoseconds * 1e-9)
    }
}

/// A plain-text table with right-aligned columns after the first.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as Markdown, aligned for reading in a terminal too.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(String::len).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.len());
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::from("|");
            for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
                if i == 0 {
                    let _ = write!(out, " {cell:<width$} |");
                } else {
                    let _ = write!(out, " {cell:>width$} |");
                }
            }
            out.push('\n');
            out
        };
        let mut out = line(&self.header);
        out.push('|');
        for (i, width) in widths.iter().enumerate() {
            let dashes = "-".repeat(*width);
            if i == 0 {
                let _ = write!(out, " {dashes} |");
            } else {
                let _ = write!(out, " {}: |", &dashes[1..]);
            }
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

/// `x` with `digits` decimals.
pub fn fixed(x: f64, digits: usize) -> String {
    format!("{x:.digits$}")
}
