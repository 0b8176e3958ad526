//! A crawl in miniature: parses a directory of real pages, round after round,
//! once per dictionary strategy, and prints throughput and dictionary counters
//! side by side.
//!
//! ```text
//! cargo run --release --example crawl -- [--strategies LIST] [--rounds N] [--input DIR]
//! ```
//!
//! * `--strategies LIST`: comma-separated dictionary names, as
//!   `htmldict::dict::from_spec` accepts them: `global`, `per-document`,
//!   `lru:N`. Default: `global,per-document,lru:64,lru:4096`. Each strategy
//!   starts from an empty dictionary of its own (`global` is a fresh
//!   `GlobalDictionary`, not the process-wide one), so rows do not influence
//!   each other.
//! * `--rounds N`: how many times every page is parsed per strategy. Default:
//!   enough rounds for each strategy to parse at least 50 MB.
//! * `--input DIR`: parse the `.html` files of `DIR` instead of the pages
//!   carried in `tests/data/pages` (the `HTMLDICT_CORPUS` environment variable
//!   names a default for it).
//!
//! Every document is dropped before the next page is parsed, as a crawler
//! that extracts what it needs and moves on would do. Besides the table, the
//! example prints how many distinct names the pages push into a dictionary,
//! which is what a bounded dictionary's capacity has to be compared with.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use htmldict::{DictStats, GlobalDictionary, NameDictionary, ParseOptions, parse_html};

const DEFAULT_STRATEGIES: &[&str] = &["global", "per-document", "lru:64", "lru:4096"];

/// Bytes each strategy parses when `--rounds` is not given: enough that
/// timer resolution and the first, cold round do not dominate the MB/s.
const TARGET_BYTES_PER_STRATEGY: u64 = 50_000_000;

const USAGE: &str = "\
usage: cargo run --release --example crawl -- [--strategies LIST] [--rounds N] [--input DIR]

  --strategies LIST  comma-separated: global, per-document, lru:N
                     (default: global,per-document,lru:64,lru:4096)
  --rounds N         times each page is parsed per strategy
                     (default: enough to parse at least 50 MB per strategy)
  --input DIR        parse the .html files of DIR (default: tests/data/pages,
                     or $HTMLDICT_CORPUS when set)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            let synopsis = USAGE.lines().next().unwrap_or_default();
            eprintln!("crawl: {message}\n{synopsis}\n(--help lists the defaults)");
            ExitCode::from(2)
        }
        Err(Failure::Run(message)) => {
            eprintln!("crawl: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    /// Bad command line: the usage text follows the message.
    Usage(String),
    /// Anything else (unreadable input, a parse that hit a limit).
    Run(String),
}

fn run() -> Result<(), Failure> {
    let Some(args) = Args::parse(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    // Check every strategy name before spending time on reading pages.
    let strategies = args
        .strategies
        .iter()
        .map(|spec| Strategy::new(spec))
        .collect::<Result<Vec<_>, _>>()?;

    let input = match &args.input {
        Some(dir) => dir.clone(),
        None => default_input(),
    };
    let pages = load_pages(&input)?;
    let round_bytes: u64 = pages.iter().map(|p| p.html.len() as u64).sum();
    let rounds = args
        .rounds
        .unwrap_or_else(|| TARGET_BYTES_PER_STRATEGY.div_ceil(round_bytes.max(1)) as u32);

    println!(
        "input: {} ({} pages, {:.1} MB per round), {rounds} round(s) per strategy",
        input.display(),
        pages.len(),
        megabytes(round_bytes),
    );
    let lossy = pages.iter().filter(|p| p.lossy).count();
    if lossy > 0 {
        println!("note: {lossy} page(s) were not valid UTF-8 and were decoded lossily");
    }

    let census = name_census(&pages)?;
    println!(
        "distinct names that reach a dictionary: {} ({} bytes in a global dictionary); \
         the default LRU dictionary holds {}",
        census.entries,
        census.bytes,
        htmldict::LruDictionary::shared_default().capacity(),
    );
    println!();

    let mut table = Table::new();
    for strategy in &strategies {
        let mut row = Row::default();
        row.time = crawl(&pages, rounds, strategy, |sample| row.observe(sample))?;
        // After the last document is gone: what the dictionary keeps.
        row.end = strategy.dictionary.stats();
        table.push(&strategy.name, &row);
    }
    print!("{table}");
    Ok(())
}

/// The command line, checked.
struct Args {
    strategies: Vec<String>,
    rounds: Option<u32>,
    input: Option<PathBuf>,
}

impl Args {
    /// `Ok(None)` when help was asked for.
    fn parse(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, Failure> {
        let mut args = Args {
            strategies: DEFAULT_STRATEGIES.iter().map(|s| s.to_string()).collect(),
            rounds: None,
            input: None,
        };
        while let Some(arg) = argv.next() {
            // Accept both `--flag value` and `--flag=value`.
            let (flag, inline_value) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value)),
                _ => (arg.clone(), None),
            };
            let mut value = || -> Result<String, Failure> {
                match inline_value {
                    Some(v) => Ok(v.to_owned()),
                    None => argv
                        .next()
                        .ok_or_else(|| Failure::Usage(format!("{flag} needs a value"))),
                }
            };
            match flag.as_str() {
                "-h" | "--help" => return Ok(None),
                "--strategies" => {
                    let list = value()?;
                    args.strategies = list
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                    if args.strategies.is_empty() {
                        return Err(Failure::Usage(
                            "--strategies needs at least one name".into(),
                        ));
                    }
                }
                "--rounds" => {
                    let text = value()?;
                    match text.parse::<u32>() {
                        Ok(n) if n > 0 => args.rounds = Some(n),
                        _ => {
                            return Err(Failure::Usage(format!(
                                "--rounds expects a whole number of at least 1, got {text:?}"
                            )));
                        }
                    }
                }
                "--input" => args.input = Some(PathBuf::from(value()?)),
                _ => return Err(Failure::Usage(format!("unknown argument {arg:?}"))),
            }
        }
        Ok(Some(args))
    }
}

/// A named dictionary strategy, with the dictionary it starts from.
struct Strategy {
    name: String,
    dictionary: Arc<dyn NameDictionary>,
}

impl Strategy {
    fn new(spec: &str) -> Result<Strategy, Failure> {
        let dictionary: Arc<dyn NameDictionary> = if spec == "global" {
            // A fresh one: the process-wide instance would carry names over
            // from earlier rows and from the census.
            Arc::new(GlobalDictionary::new())
        } else {
            htmldict::dict::from_spec(spec).map_err(|e| Failure::Usage(e.to_string()))?
        };
        Ok(Strategy {
            name: spec.to_owned(),
            dictionary,
        })
    }

    fn options(&self) -> ParseOptions {
        ParseOptions::new().dictionary(self.dictionary.clone())
    }
}

/// One input file.
struct Page {
    name: String,
    html: String,
    /// Whether invalid UTF-8 had to be replaced.
    lossy: bool,
}

fn default_input() -> PathBuf {
    match std::env::var_os("HTMLDICT_CORPUS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages"),
    }
}

/// The `.html` files of `dir`, in name order so that runs are repeatable.
fn load_pages(dir: &Path) -> Result<Vec<Page>, Failure> {
    let run_error = |what: &str, path: &Path, e: std::io::Error| {
        Failure::Run(format!("cannot {what} {}: {e}", path.display()))
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| run_error("read directory", dir, e))? {
        let path = entry
            .map_err(|e| run_error("read directory", dir, e))?
            .path();
        if path.extension().is_some_and(|ext| ext == "html") && path.is_file() {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(Failure::Run(format!("no .html files in {}", dir.display())));
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|e| run_error("read", &path, e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (html, lossy) = match String::from_utf8(bytes) {
                Ok(html) => (html, false),
                Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
            };
            Ok(Page { name, html, lossy })
        })
        .collect()
}

/// The counters of a fresh global dictionary after one pass over the pages:
/// its entries are the distinct names that reach any dictionary.
fn name_census(pages: &[Page]) -> Result<DictStats, Failure> {
    let census = Strategy {
        name: "census".to_owned(),
        dictionary: Arc::new(GlobalDictionary::new()),
    };
    crawl(pages, 1, &census, |_| {})?;
    Ok(census.dictionary.stats())
}

/// What the crawl loop reports after each page, while its document is still
/// alive: enough for a table row now, and for a memory curve over a long
/// crawl (keep one sample every N pages, add the live heap) later.
struct Sample<'a> {
    /// Pages parsed so far with this strategy, this one included.
    pages_done: u64,
    page: &'a Page,
    /// The dictionary's counters with this document alive.
    stats: DictStats,
}

/// Parses every page `rounds` times with the strategy's dictionary, calling
/// `observe` after each parse and dropping the document before the next one.
/// Returns the time spent parsing and dropping, observers excluded.
fn crawl(
    pages: &[Page],
    rounds: u32,
    strategy: &Strategy,
    mut observe: impl FnMut(&Sample),
) -> Result<Duration, Failure> {
    let options = strategy.options();
    let mut busy = Duration::ZERO;
    let mut pages_done = 0;
    for _ in 0..rounds {
        for page in pages {
            let start = Instant::now();
            let document = parse_html(&page.html, &options)
                .map_err(|e| Failure::Run(format!("{} [{}]: {e}", page.name, strategy.name)))?;
            busy += start.elapsed();
            pages_done += 1;
            observe(&Sample {
                pages_done,
                page,
                stats: strategy.dictionary.stats(),
            });
            // Freeing a document is part of what a page costs a crawler.
            let start = Instant::now();
            drop(document);
            busy += start.elapsed();
        }
    }
    Ok(busy)
}

/// Totals for one table row.
#[derive(Default)]
struct Row {
    pages: u64,
    bytes: u64,
    time: Duration,
    /// The dictionary's counters once every document is dropped.
    end: DictStats,
    /// The most bytes the dictionary reported with a document alive.
    peak_bytes: u64,
}

impl Row {
    fn observe(&mut self, sample: &Sample) {
        self.pages = sample.pages_done;
        self.bytes += sample.page.html.len() as u64;
        self.peak_bytes = self.peak_bytes.max(sample.stats.bytes);
    }
}

/// The report, formatted as aligned columns.
struct Table {
    rows: Vec<[String; 12]>,
}

const HEADERS: [&str; 12] = [
    "strategy",
    "pages",
    "MB",
    "MB/s",
    "entries",
    "dict bytes",
    "peak bytes",
    "lookups",
    "hits",
    "misses",
    "hit rate",
    "evictions",
];

impl Table {
    fn new() -> Table {
        Table {
            rows: vec![HEADERS.map(str::to_owned)],
        }
    }

    fn push(&mut self, strategy: &str, row: &Row) {
        let seconds = row.time.as_secs_f64();
        let rate = if seconds > 0.0 {
            megabytes(row.bytes) / seconds
        } else {
            0.0
        };
        let s = &row.end;
        self.rows.push([
            strategy.to_owned(),
            row.pages.to_string(),
            format!("{:.1}", megabytes(row.bytes)),
            format!("{rate:.1}"),
            s.entries.to_string(),
            s.bytes.to_string(),
            row.peak_bytes.to_string(),
            s.lookups.to_string(),
            s.hits.to_string(),
            s.misses.to_string(),
            format!("{:.1}%", 100.0 * s.hit_rate()),
            s.evictions.to_string(),
        ]);
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut widths = [0; 12];
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.len());
            }
        }
        for (i, row) in self.rows.iter().enumerate() {
            let mut line = String::new();
            for (column, (cell, width)) in row.iter().zip(widths).enumerate() {
                if column == 0 {
                    let _ = write!(line, "{cell:<width$}");
                } else {
                    let _ = write!(line, "  {cell:>width$}");
                }
            }
            writeln!(f, "{line}")?;
            if i == 0 {
                writeln!(f, "{}", "-".repeat(line.len()))?;
            }
        }
        Ok(())
    }
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
