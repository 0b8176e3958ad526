//! A long simulated crawl: parses a deterministic stream of pages once per
//! dictionary strategy and follows memory as it goes.
//!
//! ```text
//! cargo run --release --example crawl -- [--pages N] [--strategies LIST] [--input DIR]
//!                                        [--json] [--svg PATH] [--seed N] [--threads N]
//! ```
//!
//! The stream mixes the real pages carried in `tests/data/pages` (about one
//! page in 128) with generated pages from 2,000 sites built with Vue, Angular
//! or custom elements, whose names change whenever a site redeploys (see
//! `test-support/src/synthetic.rs`). `--input DIR` crawls the `.html` files of
//! a directory instead, round after round, so that you can measure your own
//! pages; the `HTMLDICT_CORPUS` environment variable names a default for it.
//!
//! Every page goes to `parse_html_bytes` as bytes, as a crawler has them:
//! the generated ones with the transport charset `utf-8` (as their server
//! would declare), the files of `--input` with none, so that their encoding
//! is sniffed or detected.
//!
//! Each strategy runs in turn in this process, from a dictionary of its own
//! (`global` is a fresh `GlobalDictionary`, not the process-wide one) that
//! two parsing threads share (`--threads`; page `i` goes to thread
//! `i % threads`). The crawler keeps the last [`WINDOW`] documents alive, as
//! one that hands pages on for extraction and then releases them: each thread
//! drops its oldest document as a new one arrives. Every N/50 pages the
//! threads stop and the crawl records the live heap, as counted by this
//! program's global allocator, the resident set size (from
//! `/proc/self/statm`, where there is one) and the dictionary's counters.
//!
//! While it runs, a progress bar per strategy on stderr shows the pages
//! parsed (only when stderr is a terminal). It prints a table, writes an SVG
//! chart of the live heap against pages, one line per strategy (and, below
//! it, the strategies other than `global` on a scale of their own), and
//! prints the chart's path. With `--json`, stdout
//! carries one JSON object per strategy per checkpoint instead, and the
//! tables go to stderr.
//!
//! Each JSON object has the keys `strategy`, `pages` (parsed so far),
//! `bytes_parsed`, `seconds` (parsing and dropping, per thread),
//! `heap_bytes` (the program's live heap), `heap_delta_bytes` (live heap
//! above the start of the strategy's run), `rss_bytes` (`null` without
//! `/proc`), and the dictionary's `dict_entries`, `dict_bytes`, `lookups`,
//! `hits`, `misses`, `not_stored` (misses handed to the document without
//! being stored: a full LRU dictionary's first sighting of a name, or a
//! second one that found the least recently used name in use), `evictions`
//! and `capacity` (`null` when unbounded).
//!
//! The generated pages are the same on every run; with one thread, so are all
//! the counters. With two, the threads' pages interleave differently from run
//! to run, which moves an LRU dictionary's hits and evictions by a few in ten
//! thousand.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use htmldict_test_support::alloc::{PerThreadCounting, per_thread_live_bytes};

use htmldict::{
    DictStats, Document, GlobalDictionary, NameDictionary, ParseOptions, parse_html_bytes,
};
use indicatif::{ProgressBar, ProgressStyle};

use htmldict_test_support::synthetic::{self, SyntheticCrawl};

// ---------------------------------------------------------------------------
// Live heap

#[global_allocator]
static ALLOCATOR: PerThreadCounting = PerThreadCounting;

/// Bytes currently allocated by the whole program. Exact when no other
/// thread is allocating (the crawl reads it between batches).
fn live_heap() -> usize {
    per_thread_live_bytes()
}

/// The resident set size, from `/proc/self/statm` (resident pages) and
/// `/proc/self/smaps`' page size when present; `None` where there is no
/// `/proc` (macOS, Windows).
fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * page_size())
}

/// The kernel's page size, read once from `/proc/self/smaps`
/// (`KernelPageSize:`), 4 KiB when it cannot be read.
fn page_size() -> u64 {
    static SIZE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *SIZE.get_or_init(|| {
        std::fs::read_to_string("/proc/self/smaps")
            .ok()
            .and_then(|smaps| {
                smaps
                    .lines()
                    .find_map(|line| line.strip_prefix("KernelPageSize:"))
                    .and_then(|rest| {
                        rest.trim()
                            .trim_end_matches("kB")
                            .trim()
                            .parse::<u64>()
                            .ok()
                    })
            })
            .map_or(4096, |kib| kib * 1024)
    })
}

// ---------------------------------------------------------------------------
// Command line

/// Pages per strategy when `--pages` is not given.
const DEFAULT_PAGES: u64 = 100_000;

/// Strategies when `--strategies` is not given: the unbounded extremes, the
/// default capacity `ParseOptions::new()` uses (4,096) and a quarter of it.
const DEFAULT_STRATEGIES: &[&str] = &["global", "per-document", "lru:1024", "lru:4096"];

/// Seed of the generated stream when `--seed` is not given.
const DEFAULT_SEED: u64 = 2024;

/// Parsing threads when `--threads` is not given: two, or one on a machine
/// with a single core.
fn default_threads() -> u64 {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2) as u64)
}

/// The most parsing threads `--threads` accepts.
const MAX_THREADS: u64 = 64;

/// Documents alive at once: each new page pushes out the oldest.
const WINDOW: usize = 8;

/// Checkpoints per strategy (one every `pages / CHECKPOINTS` pages).
const CHECKPOINTS: u64 = 50;

/// Where the chart goes when `--svg` is not given (relative to the current
/// directory).
const DEFAULT_SVG: &str = "target/crawl-heap.svg";

const USAGE: &str = "\
usage: cargo run --release --example crawl -- [--pages N] [--strategies LIST] [--input DIR] [--json] [--svg PATH] [--seed N] [--threads N]

  --pages N          pages parsed per strategy (default: 100000)
  --strategies LIST  comma-separated: global, per-document, lru:N, lru:N:always
                     (default: global,per-document,lru:1024,lru:4096)
  --input DIR        cycle through the .html files of DIR instead of the
                     generated stream (default: $HTMLDICT_CORPUS when set)
  --json             one JSON object per strategy per checkpoint on stdout;
                     the table goes to stderr
  --svg PATH         where to write the heap chart (default: target/crawl-heap.svg)
  --seed N           seed of the generated stream (default: 2024)
  --threads N        parsing threads sharing the dictionary (default: 2, or 1
                     on a single core)";

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
    /// Anything else (unreadable input, a parse that hit a limit, the chart).
    Run(String),
}

/// The command line, checked.
struct Args {
    pages: u64,
    strategies: Vec<String>,
    input: Option<PathBuf>,
    json: bool,
    svg: PathBuf,
    seed: u64,
    threads: u64,
}

impl Args {
    /// `Ok(None)` when help was asked for.
    fn parse(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, Failure> {
        let mut args = Args {
            pages: DEFAULT_PAGES,
            strategies: DEFAULT_STRATEGIES.iter().map(|s| s.to_string()).collect(),
            input: None,
            json: false,
            svg: PathBuf::from(DEFAULT_SVG),
            seed: DEFAULT_SEED,
            threads: default_threads(),
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
            let number = |text: String, least: u64| -> Result<u64, Failure> {
                match text.parse::<u64>() {
                    Ok(n) if n >= least => Ok(n),
                    _ => Err(Failure::Usage(format!(
                        "{flag} expects a whole number of at least {least}, got {text:?}"
                    ))),
                }
            };
            match flag.as_str() {
                "-h" | "--help" => return Ok(None),
                "--pages" => args.pages = number(value()?, 1)?,
                "--seed" => args.seed = number(value()?, 0)?,
                "--threads" => args.threads = number(value()?, 1)?.min(MAX_THREADS),
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
                "--input" => args.input = Some(PathBuf::from(value()?)),
                "--svg" => args.svg = PathBuf::from(value()?),
                "--json" if inline_value.is_none() => args.json = true,
                _ => return Err(Failure::Usage(format!("unknown argument {arg:?}"))),
            }
        }
        if args.input.is_none() {
            args.input = std::env::var_os("HTMLDICT_CORPUS")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from);
        }
        Ok(Some(args))
    }
}

fn run() -> Result<(), Failure> {
    let Some(args) = Args::parse(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    // Check every strategy name before spending time on reading pages.
    for spec in &args.strategies {
        new_dictionary(spec)?;
    }
    // Human-readable output goes to stderr when stdout carries JSON.
    let say = |text: &str| {
        if args.json {
            eprintln!("{text}");
        } else {
            println!("{text}");
        }
    };

    let sources = match &args.input {
        Some(dir) => {
            let files = load_pages(dir)?;
            let bytes: usize = files.iter().map(|f| f.html.len()).sum();
            say(&format!(
                "input: {} ({} pages, {:.1} MB), cycled to {} pages per strategy",
                dir.display(),
                files.len(),
                megabytes(bytes as u64),
                args.pages
            ));
            say(
                "each file's bytes go to parse_html_bytes with no transport charset, as a \
                 server that sends none: the encoding is sniffed from the page or detected",
            );
            let files = Arc::new(files);
            (0..args.threads)
                .map(|_| Source::Files(files.clone()))
                .collect::<Vec<_>>()
        }
        None => {
            let carried_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
            let carried: Vec<String> = match load_pages(&carried_dir) {
                Ok(pages) => pages
                    .into_iter()
                    .map(|p| String::from_utf8_lossy(&p.html).into_owned())
                    .collect(),
                Err(Failure::Run(message) | Failure::Usage(message)) => {
                    say(&format!(
                        "note: generated pages only, no carried pages ({message})"
                    ));
                    Vec::new()
                }
            };
            say(&format!(
                "input: generated stream (seed {}) from {} sites, with {} carried pages \
                 mixed in, {} pages per strategy",
                args.seed,
                synthetic::SITES,
                carried.len(),
                args.pages
            ));
            (0..args.threads)
                .map(|_| Source::Stream(SyntheticCrawl::new(args.seed, carried.clone())))
                .collect()
        }
    };
    let mut workers: Vec<Worker> = sources
        .into_iter()
        .map(|source| Worker {
            source,
            window: VecDeque::new(),
            busy: Duration::ZERO,
            bytes: 0,
        })
        .collect();
    say(&format!(
        "{} parsing thread(s) sharing each dictionary, {} live documents at a time, \
         a checkpoint every {} pages",
        args.threads,
        WINDOW,
        checkpoint_every(args.pages)
    ));
    say("");

    let started = Instant::now();
    let mut runs = Vec::new();
    for spec in &args.strategies {
        // Progress on stderr at every checkpoint; indicatif draws nothing
        // when stderr is not a terminal.
        let progress = ProgressBar::new(args.pages).with_prefix(spec.clone());
        progress.set_style(
            ProgressStyle::with_template("{prefix:>16} [{bar:40}] {pos}/{len} pages, {elapsed}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        let run = crawl(&mut workers, spec, args.pages, |checkpoint| {
            progress.set_position(checkpoint.pages);
            if args.json {
                println!("{}", checkpoint.json(spec));
            }
        })?;
        progress.finish_and_clear();
        runs.push(run);
    }
    let elapsed = started.elapsed();

    say(&heap_table(&runs).to_string());
    say(&summary_table(&runs).to_string());
    say(&format!(
        "pages/s, MB/s: {} thread(s) together, counting the time spent parsing and dropping \
         (not generating pages)\n\
         not stored: misses handed to the document without being stored (a full LRU \
         dictionary stores a name on its second sighting, in place of one not used since)\n\
         heap: live bytes above the heap when the strategy's run began, its dictionary \
         included ({WINDOW} documents alive); after: once the last documents are dropped\n\
         pages/s varies by tens of percent from run to run on a shared machine: compare \
         strategies within one run, and speed with `cargo bench` (BENCHMARKS.md)\n\
         MB: HTML parsed; entries, dict bytes: what the dictionary holds at the end, by its \
         own stats (bytes measured or counted, see NameDictionary::stats); lookups, hit \
         rate, evictions: its counters over the run\n\
         RSS: resident memory of the whole process at the end of the strategy's run (every \
         run so far, the page generator and what the allocator keeps), not this \
         strategy's heap",
        args.threads
    ));
    draw_chart(&args.svg, &runs, args.pages)?;
    say(&format!("chart: {}", args.svg.display()));
    say(&format!("total time: {:.1} s", elapsed.as_secs_f64()));
    Ok(())
}

// ---------------------------------------------------------------------------
// Pages

/// One input file, as its bytes.
struct Page {
    name: String,
    html: Vec<u8>,
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
            Ok(Page { name, html: bytes })
        })
        .collect()
}

/// Where pages come from: the generated stream or a directory, cycled.
enum Source {
    Stream(SyntheticCrawl),
    Files(Arc<Vec<Page>>),
}

impl Source {
    /// Page `i`, as bytes.
    fn page(&mut self, i: u64) -> Cow<'_, [u8]> {
        match self {
            Source::Stream(crawl) => Cow::Owned(crawl.page(i).into_bytes()),
            Source::Files(files) => Cow::Borrowed(&files[(i % files.len() as u64) as usize].html),
        }
    }

    /// Page `i`, for error messages.
    fn label(&self, i: u64) -> String {
        match self {
            Source::Stream(_) => format!("page {i}"),
            Source::Files(files) => files[(i % files.len() as u64) as usize].name.clone(),
        }
    }
}

// ---------------------------------------------------------------------------
// The crawl

/// A fresh dictionary for a strategy name.
fn new_dictionary(spec: &str) -> Result<Arc<dyn NameDictionary>, Failure> {
    if spec == "global" {
        // A fresh one: the process-wide instance would carry names over from
        // earlier runs.
        Ok(Arc::new(GlobalDictionary::new()))
    } else {
        htmldict::dict::from_spec(spec).map_err(|e| Failure::Usage(e.to_string()))
    }
}

fn checkpoint_every(pages: u64) -> u64 {
    (pages / CHECKPOINTS).max(1)
}

/// The state of one strategy's run after some pages.
#[derive(Clone)]
struct Checkpoint {
    pages: u64,
    /// HTML bytes parsed so far.
    bytes: u64,
    /// Time spent parsing and dropping so far, per thread (the threads'
    /// total divided by their number).
    busy: Duration,
    /// Live heap of the whole program.
    heap: usize,
    /// Live heap minus the heap when this strategy's run began.
    heap_delta: i64,
    rss: Option<u64>,
    stats: DictStats,
}

impl Checkpoint {
    fn json(&self, strategy: &str) -> String {
        let s = &self.stats;
        let rss = self
            .rss
            .map_or_else(|| "null".to_owned(), |r| r.to_string());
        let capacity = s
            .capacity
            .map_or_else(|| "null".to_owned(), |c| c.to_string());
        format!(
            "{{\"strategy\":{},\"pages\":{},\"bytes_parsed\":{},\"seconds\":{:.3},\
             \"heap_bytes\":{},\"heap_delta_bytes\":{},\"rss_bytes\":{rss},\
             \"dict_entries\":{},\"dict_bytes\":{},\"lookups\":{},\"hits\":{},\"misses\":{},\
             \"not_stored\":{},\"evictions\":{},\"capacity\":{capacity}}}",
            json_string(strategy),
            self.pages,
            self.bytes,
            self.busy.as_secs_f64(),
            self.heap,
            self.heap_delta,
            s.entries,
            s.bytes,
            s.lookups,
            s.hits,
            s.misses,
            s.not_stored,
            s.evictions,
        )
    }
}

/// Everything one strategy's run recorded.
struct Run {
    strategy: String,
    checkpoints: Vec<Checkpoint>,
    /// Live heap above the start once the last documents were dropped, the
    /// dictionary still alive.
    after: i64,
}

/// One parsing thread: its own page source, the documents it keeps alive,
/// and its running totals.
struct Worker {
    source: Source,
    window: VecDeque<Document>,
    busy: Duration,
    bytes: u64,
}

impl Worker {
    /// Parses the pages of `pages` that fall to this worker (every
    /// `stride`-th from `first`), keeping the last `keep` documents.
    fn crawl(
        &mut self,
        pages: std::ops::Range<u64>,
        first: u64,
        stride: u64,
        keep: usize,
        options: &ParseOptions,
        spec: &str,
    ) -> Result<(), Failure> {
        // The generated pages are UTF-8 and served as such, as a server's
        // `Content-Type: text/html; charset=utf-8` says; files come with no
        // charset.
        let stream_options;
        let page_options = match self.source {
            Source::Stream(_) => {
                stream_options = options.clone().transport_charset("utf-8");
                &stream_options
            }
            Source::Files(_) => options,
        };
        let start = pages.start + (first + stride - pages.start % stride) % stride;
        for i in (start..pages.end).step_by(stride as usize) {
            let html = self.source.page(i);
            let begin = Instant::now();
            let parsed = parse_html_bytes(&html, page_options);
            let bytes = html.len() as u64;
            drop(html);
            let document = parsed
                .map_err(|e| Failure::Run(format!("{} [{spec}]: {e}", self.source.label(i))))?;
            self.window.push_back(document);
            if self.window.len() > keep {
                // Freeing a document is part of what a page costs a crawler.
                drop(self.window.pop_front());
            }
            self.busy += begin.elapsed();
            self.bytes += bytes;
        }
        Ok(())
    }
}

/// Parses pages `0..pages` with a fresh dictionary for `spec` on `workers`
/// threads (page `i` to worker `i % threads`), keeping the last [`WINDOW`]
/// documents alive between them, and calls `report` at every checkpoint.
fn crawl(
    workers: &mut [Worker],
    spec: &str,
    pages: u64,
    mut report: impl FnMut(&Checkpoint),
) -> Result<Run, Failure> {
    let every = checkpoint_every(pages);
    let threads = workers.len() as u64;
    let keep = (WINDOW / workers.len()).max(1);
    for worker in workers.iter_mut() {
        worker.busy = Duration::ZERO;
        worker.bytes = 0;
    }
    let start_heap = live_heap();
    let dictionary = new_dictionary(spec)?;
    let options = ParseOptions::new().dictionary(dictionary.clone());
    let mut checkpoints = Vec::with_capacity(CHECKPOINTS as usize + 1);
    let mut done = 0;
    while done < pages {
        let end = (done + every).min(pages);
        if workers.len() == 1 {
            workers[0].crawl(done..end, 0, 1, keep, &options, spec)?;
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = workers
                    .iter_mut()
                    .enumerate()
                    .map(|(t, worker)| {
                        let options = &options;
                        scope.spawn(move || {
                            worker.crawl(done..end, t as u64, threads, keep, options, spec)
                        })
                    })
                    .collect();
                // Leaving the scope joins any thread not joined here.
                handles.into_iter().try_for_each(|handle| {
                    handle.join().unwrap_or_else(|_| {
                        Err(Failure::Run(format!("a parsing thread panicked [{spec}]")))
                    })
                })
            })?;
        }
        done = end;
        let heap = live_heap();
        let checkpoint = Checkpoint {
            pages: done,
            bytes: workers.iter().map(|w| w.bytes).sum(),
            busy: workers.iter().map(|w| w.busy).sum::<Duration>() / workers.len() as u32,
            heap,
            heap_delta: heap as i64 - start_heap as i64,
            rss: rss_bytes(),
            stats: dictionary.stats(),
        };
        report(&checkpoint);
        checkpoints.push(checkpoint);
    }
    for worker in workers.iter_mut() {
        worker.window.clear();
    }
    let after = live_heap() as i64 - start_heap as i64;
    Ok(Run {
        strategy: spec.to_owned(),
        checkpoints,
        after,
    })
}

// ---------------------------------------------------------------------------
// Reports

/// Aligned columns, first column left-aligned.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(headers: &[&str]) -> Table {
        Table {
            rows: vec![headers.iter().map(|h| h.to_string()).collect()],
        }
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.len());
            }
        }
        for (i, row) in self.rows.iter().enumerate() {
            let mut line = String::new();
            for (column, (cell, &width)) in row.iter().zip(&widths).enumerate() {
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

/// Live heap above each run's start at every tenth of the crawl, in MB.
fn heap_table(runs: &[Run]) -> Table {
    let Some(first) = runs.first() else {
        return Table::new(&[]);
    };
    // Every fifth checkpoint, and the last one.
    let columns: Vec<usize> = (0..first.checkpoints.len())
        .filter(|&k| (k + 1) % 5 == 0 || k + 1 == first.checkpoints.len())
        .collect();
    let mut headers = vec!["heap MB at page".to_owned()];
    headers.extend(
        columns
            .iter()
            .map(|&k| first.checkpoints[k].pages.to_string()),
    );
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::new(&headers);
    for run in runs {
        let mut row = vec![run.strategy.clone()];
        row.extend(columns.iter().map(|&k| {
            run.checkpoints
                .get(k)
                .map_or_else(String::new, |c| format!("{:.2}", c.heap_delta as f64 / 1e6))
        }));
        table.rows.push(row);
    }
    table
}

/// One row per strategy: throughput, the dictionary at the end, memory.
fn summary_table(runs: &[Run]) -> Table {
    let mut table = Table::new(&[
        "strategy",
        "pages",
        "MB",
        "pages/s",
        "MB/s",
        "entries",
        "dict bytes",
        "lookups",
        "hit rate",
        "not stored",
        "evictions",
        "heap first",
        "heap last",
        "heap peak",
        "after",
        "RSS",
    ]);
    for run in runs {
        let (Some(first), Some(last)) = (run.checkpoints.first(), run.checkpoints.last()) else {
            continue;
        };
        let seconds = last.busy.as_secs_f64().max(1e-9);
        let peak = run
            .checkpoints
            .iter()
            .map(|c| c.heap_delta)
            .max()
            .unwrap_or(0);
        let s = &last.stats;
        table.rows.push(vec![
            run.strategy.clone(),
            last.pages.to_string(),
            format!("{:.0}", megabytes(last.bytes)),
            format!("{:.0}", last.pages as f64 / seconds),
            format!("{:.1}", megabytes(last.bytes) / seconds),
            s.entries.to_string(),
            s.bytes.to_string(),
            s.lookups.to_string(),
            format!("{:.1}%", 100.0 * s.hit_rate()),
            s.not_stored.to_string(),
            s.evictions.to_string(),
            signed_megabytes(first.heap_delta),
            signed_megabytes(last.heap_delta),
            signed_megabytes(peak),
            signed_megabytes(run.after),
            last.rss
                .map_or_else(|| "n/a".to_owned(), |r| format!("{:.1} MB", megabytes(r))),
        ]);
    }
    table
}

/// `n` with a comma every three digits: 100,000.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, digit) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn signed_megabytes(bytes: i64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the chart of live heap (above each run's start) against pages.
fn draw_chart(path: &Path, runs: &[Run], pages: u64) -> Result<(), Failure> {
    use plotters::prelude::*;

    let fail = |e: &dyn std::fmt::Display| {
        Failure::Run(format!("cannot write the chart {}: {e}", path.display()))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
    }
    let all: Vec<(usize, &Run)> = runs.iter().enumerate().collect();
    // The bounded strategies on a scale of their own, so that lines a few
    // hundred KB apart can be read next to a global dictionary's megabytes.
    let bounded: Vec<(usize, &Run)> = all
        .iter()
        .copied()
        .filter(|(_, run)| run.strategy != "global")
        .collect();
    let two_panels = bounded.len() < all.len() && !bounded.is_empty();
    let height = if two_panels { 960 } else { 540 };
    let root = SVGBackend::new(path, (960, height)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let caption = "htmldict: live heap over a simulated crawl, by dictionary strategy";
    if two_panels {
        let (top, bottom) = root.split_vertically(540);
        draw_panel(&top, &all, pages, caption).map_err(|e| fail(&e))?;
        draw_panel(
            &bottom,
            &bounded,
            pages,
            "the bounded strategies alone, on their own scale",
        )
        .map_err(|e| fail(&e))?;
    } else {
        draw_panel(&root, &all, pages, caption).map_err(|e| fail(&e))?;
    }
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

/// One chart of the live heap against pages for `runs` (each with its
/// index, which picks its colour in every panel).
fn draw_panel<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    runs: &[(usize, &Run)],
    pages: u64,
    caption: &str,
) -> Result<(), String> {
    use plotters::prelude::*;

    let error = |e: &dyn std::fmt::Display| e.to_string();
    let values = runs
        .iter()
        .flat_map(|(_, r)| &r.checkpoints)
        .map(|c| c.heap_delta as f64 / 1e6);
    let (low, high) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let high = (high * 1.08).max(0.1);
    let low = if low < 0.0 { low * 1.08 } else { 0.0 };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 20))
        .margin(16)
        .margin_right(36)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(0u64..pages, low..high)
        .map_err(|e| error(&e))?;
    chart
        .configure_mesh()
        .x_desc("pages parsed")
        .y_desc("live heap above the start of the run (MB)")
        .x_label_formatter(&|x| thousands(*x))
        .y_label_formatter(&|y| format!("{y:.2}"))
        .draw()
        .map_err(|e| error(&e))?;
    const COLOURS: [RGBColor; 6] = [
        RGBColor(200, 40, 40),
        RGBColor(40, 110, 200),
        RGBColor(30, 150, 70),
        RGBColor(150, 80, 190),
        RGBColor(220, 140, 20),
        RGBColor(90, 90, 90),
    ];
    for &(k, run) in runs {
        let colour = COLOURS[k % COLOURS.len()];
        let points = std::iter::once((0u64, 0.0)).chain(
            run.checkpoints
                .iter()
                .map(|c| (c.pages, c.heap_delta as f64 / 1e6)),
        );
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))
            .map_err(|e| error(&e))?
            .label(match run.checkpoints.last() {
                Some(last) => format!(
                    "{}: {:.2} MB after {} pages",
                    run.strategy,
                    last.heap_delta as f64 / 1e6,
                    thousands(last.pages)
                ),
                None => run.strategy.clone(),
            })
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| error(&e))?;
    Ok(())
}
