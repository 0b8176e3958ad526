//! Retained heap per document: htmldict under each dictionary strategy next
//! to html5ever's reference DOM (`markup5ever_rcdom`) and scraper, counted by
//! a global allocator that keeps a running total of live bytes.
//!
//! ```text
//! cargo run --release --example footprint -- [--input DIR] [--novel N]
//! ```
//!
//! * `--input DIR`: measure the `.html` files of `DIR` instead of the pages
//!   carried in `tests/data/pages` (`$HTMLDICT_CORPUS` names a default).
//! * `--novel N`: how many generated pages full of novel names (Vue, Angular,
//!   custom elements; `test-support/src/synthetic.rs`) make the second set.
//!   Default 100; 0 skips the set.
//!
//! For each parser, every page is first parsed once and dropped (a warm-up:
//! shared dictionaries then hold the names, lazily built tables exist), then
//! each page is parsed again and the growth of the live heap while its
//! document is alive is recorded: that is what a document retains. Only the
//! document is alive during the count; the input string is not counted.
//! Bytes are counted as requested from the allocator (`Layout::size`), not
//! as the allocator rounds them.
//!
//! What a shared dictionary holds is not any one document's: it is printed
//! separately, as the dictionary reports it after the run.
//!
//! The peak is the highest live heap during a parse, above the heap before
//! it. Besides the median in the table, each parser's lowest, median and
//! highest peak per input byte over the pages of 10 KB or more is printed
//! after it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use html5ever::tendril::{StrTendril, TendrilSink};
use htmldict::{
    GlobalDictionary, LruDictionary, MemoryUsage, NameDictionary, ParseOptions,
    PerDocumentDictionary, parse_html,
};
use htmldict_test_support::alloc::{Counting, live_bytes, peak_bytes, reset_peak};
use htmldict_test_support::synthetic;

/// Seed of the first novel page: the same pages as the `novel` set of
/// `benches/parse.rs`.
const NOVEL_SEED: u64 = 1 << 20;

// ---------------------------------------------------------------------------
// The counting allocator

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> usize {
    live_bytes()
}

fn peak() -> usize {
    peak_bytes()
}

// ---------------------------------------------------------------------------
// Parsers

/// A parser under measurement: parses a page and hands back whatever keeps
/// the document alive.
struct Parser {
    name: String,
    parse: Box<dyn Fn(&str) -> Parsed>,
    /// The shared dictionary, for htmldict.
    dictionary: Option<Arc<dyn NameDictionary>>,
}

/// A live document of any of the parsers.
enum Parsed {
    Htmldict(htmldict::Document),
    // Held, never read: they keep the peers' documents alive while counting.
    #[allow(dead_code)]
    RcDom(markup5ever_rcdom::RcDom),
    #[allow(dead_code)]
    Scraper(scraper::Html),
}

fn parsers() -> Vec<Parser> {
    let mut parsers = Vec::new();
    let strategies: [(&str, Arc<dyn NameDictionary>, bool); 5] = [
        ("global", Arc::new(GlobalDictionary::new()), true),
        ("per-document", Arc::new(PerDocumentDictionary::new()), true),
        ("lru:4096", Arc::new(LruDictionary::new(4096)), true),
        ("lru:64", Arc::new(LruDictionary::new(64)), true),
        ("lru:4096", Arc::new(LruDictionary::new(4096)), false),
    ];
    for (strategy, dictionary, ids) in strategies {
        let options = ParseOptions::new()
            .dictionary(dictionary.clone())
            .collect_ids(ids);
        parsers.push(Parser {
            name: format!("htmldict {strategy} {}", if ids { "ids" } else { "no-ids" }),
            parse: Box::new(move |html| {
                Parsed::Htmldict(parse_html(html, &options).expect("no limits are set"))
            }),
            dictionary: Some(dictionary),
        });
    }
    parsers.push(Parser {
        name: "rcdom".to_owned(),
        parse: Box::new(|html| {
            Parsed::RcDom(
                html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
                    .one(StrTendril::from(html)),
            )
        }),
        dictionary: None,
    });
    parsers.push(Parser {
        name: "scraper".to_owned(),
        parse: Box::new(|html| Parsed::Scraper(scraper::Html::parse_document(html))),
        dictionary: None,
    });
    parsers
}

// ---------------------------------------------------------------------------
// Measuring

/// What one parser retained over one set of pages.
struct Measured {
    name: String,
    /// Live-heap growth while each page's document is alive.
    retained: Vec<usize>,
    /// Highest live heap during each parse, above the heap before it.
    peak: Vec<usize>,
    /// htmldict's own accounting (`Document::memory_usage`), summed.
    reported: Option<MemoryUsage>,
    /// What the shared dictionary reports after the run.
    dictionary_bytes: Option<u64>,
}

fn measure(parser: &Parser, pages: &[String]) -> Measured {
    for html in pages {
        drop((parser.parse)(html));
    }
    let mut measured = Measured {
        name: parser.name.clone(),
        retained: Vec::with_capacity(pages.len()),
        peak: Vec::with_capacity(pages.len()),
        reported: None,
        dictionary_bytes: None,
    };
    for html in pages {
        let before = live();
        reset_peak();
        let document = (parser.parse)(html);
        let after = live();
        measured.peak.push(peak() - before);
        // An LRU dictionary may free evicted names during the parse; a
        // document never retains less than nothing.
        measured.retained.push(after.saturating_sub(before));
        if let Parsed::Htmldict(document) = &document {
            let usage = document.memory_usage();
            let sum = measured.reported.get_or_insert_with(MemoryUsage::default);
            sum.nodes += usage.nodes;
            sum.text += usage.text;
            sum.attributes += usage.attributes;
            sum.names += usage.names;
            sum.id_index += usage.id_index;
            sum.errors += usage.errors;
        }
        drop(document);
    }
    measured.dictionary_bytes = parser.dictionary.as_ref().map(|d| d.stats().bytes);
    measured
}

fn median(values: &[usize]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        sorted[n / 2] as f64
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
    }
}

/// Pages shorter than this are left out of the peak per input byte: the
/// fixed cost of a parse would dominate their ratio.
const PEAK_MIN_PAGE_BYTES: usize = 10_000;

/// Prints, for each parser, the lowest, median and highest peak heap per
/// input byte over the pages of at least [`PEAK_MIN_PAGE_BYTES`].
fn peak_per_input_byte(pages: &[String], results: &[Measured]) {
    let large: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].len() >= PEAK_MIN_PAGE_BYTES)
        .collect();
    if large.is_empty() {
        return;
    }
    println!(
        "peak heap per input byte, the {} pages of {PEAK_MIN_PAGE_BYTES} bytes or more \
         (lowest, median, highest):",
        large.len()
    );
    for m in results {
        let mut ratios: Vec<f64> = large
            .iter()
            .map(|&i| m.peak[i] as f64 / pages[i].len() as f64)
            .collect();
        ratios.sort_unstable_by(f64::total_cmp);
        let n = ratios.len();
        let median = if n % 2 == 1 {
            ratios[n / 2]
        } else {
            (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0
        };
        println!(
            "  {}: {:.1}, {:.1}, {:.1}",
            m.name,
            ratios[0],
            median,
            ratios[n - 1]
        );
    }
    println!();
}

fn report(title: &str, pages: &[String], results: &[Measured]) {
    let input: usize = pages.iter().map(String::len).sum();
    println!(
        "{title}: {} pages, {} bytes (median page {} bytes)\n",
        pages.len(),
        input,
        median(&pages.iter().map(String::len).collect::<Vec<_>>()) as u64
    );
    let scraper = results.iter().find(|m| m.name == "scraper");
    let (scraper_median, scraper_total) = scraper.map_or((f64::NAN, f64::NAN), |m| {
        (median(&m.retained), m.retained.iter().sum::<usize>() as f64)
    });
    let header = [
        "parser",
        "median bytes",
        "total bytes",
        "per input byte",
        "median / scraper",
        "total / scraper",
        "median peak",
    ];
    let rows: Vec<[String; 7]> = results
        .iter()
        .map(|m| {
            let total = m.retained.iter().sum::<usize>() as f64;
            [
                m.name.clone(),
                format!("{:.0}", median(&m.retained)),
                format!("{total:.0}"),
                format!("{:.2}", total / input as f64),
                format!("{:.2}", median(&m.retained) / scraper_median),
                format!("{:.2}", total / scraper_total),
                format!("{:.0}", median(&m.peak)),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let print_row = |cells: &[String]| {
        let mut line = format!("| {:<w$} |", cells[0], w = widths[0]);
        for (cell, width) in cells.iter().zip(widths).skip(1) {
            line += &format!(" {cell:>width$} |");
        }
        println!("{line}");
    };
    print_row(&header.map(str::to_owned));
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            if i == 0 {
                "-".repeat(w)
            } else {
                format!("{}:", "-".repeat(w - 1))
            }
        })
        .collect();
    print_row(&rule);
    for row in &rows {
        print_row(row);
    }
    println!();
    peak_per_input_byte(pages, results);
    for m in results {
        if let Some(bytes) = m.dictionary_bytes {
            print!("{}: dictionary holds {bytes} bytes", m.name);
            if let Some(usage) = m.reported {
                let reported = usage.total();
                let counted: usize = m.retained.iter().sum();
                print!(
                    "; documents report {reported} bytes in all (counted {counted}): \
                     nodes {}, text {}, attributes {}, names {}, id index {}",
                    usage.nodes, usage.text, usage.attributes, usage.names, usage.id_index
                );
            }
            println!();
        }
    }
    println!();
}

// ---------------------------------------------------------------------------
// Command line and input

const USAGE: &str = "\
usage: cargo run --release --example footprint -- [--input DIR] [--novel N]

  --input DIR  measure the .html files of DIR (default: tests/data/pages,
               or $HTMLDICT_CORPUS when set)
  --novel N    generated pages with novel names in the second set (default 100)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("footprint: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut input = match std::env::var_os("HTMLDICT_CORPUS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages"),
    };
    let mut novel = 100u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--input" => input = PathBuf::from(value()?),
            "--novel" => {
                novel = value()?
                    .parse()
                    .map_err(|_| format!("--novel takes a number\n{USAGE}"))?
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }

    let pages = load_pages(&input)?;
    let results: Vec<Measured> = parsers().iter().map(|p| measure(p, &pages)).collect();
    report(&format!("{}", input.display()), &pages, &results);

    if novel > 0 {
        let pages: Vec<String> = (0..novel)
            .map(|i| synthetic::novel_page(NOVEL_SEED + i))
            .collect();
        let results: Vec<Measured> = parsers().iter().map(|p| measure(p, &pages)).collect();
        report("generated pages with novel names", &pages, &results);
    }
    Ok(())
}

/// The `.html` files of `dir`, in name order; invalid UTF-8 is replaced.
fn load_pages(dir: &Path) -> Result<Vec<String>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "html") && path.is_file())
        .collect();
    if paths.is_empty() {
        return Err(format!("no .html files in {}", dir.display()));
    }
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        })
        .collect()
}
