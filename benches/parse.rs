//! Parsing throughput: htmldict under every built-in dictionary strategy,
//! with `collect_ids` on and off, against html5ever's own floor and two
//! peers, on three input sets, in one criterion run.
//!
//! ```text
//! cargo bench --bench parse                      # everything (about 6 minutes)
//! cargo bench --bench parse -- parse-pages       # one input set
//! HTMLDICT_CORPUS=/path/to/pages cargo bench --bench parse
//! HTMLDICT_INTERLEAVED=21 cargo bench --bench parse   # the interleaved comparison only
//! HTMLDICT_CHECK_TREES=1 cargo bench --bench parse     # only the tree check below
//! HTMLDICT_CHECK_TREES=1 HTMLDICT_CORPUS=../shared/corpus/pages cargo bench --bench parse
//! ```
//!
//! Before anything is timed, every document of every set is parsed once
//! and its tree compared with html5ever's (markup5ever_rcdom's): the run
//! stops on a difference that no departure of html5ever's from the
//! standard explains (`htmldict_test_support::departures`).
//!
//! Input sets (each iteration parses the whole set, dropping every document
//! before the next one is parsed, as a crawler does):
//!
//! * `pages`: the real pages carried in `tests/data/pages`, or every `.html`
//!   file of the directory `$HTMLDICT_CORPUS` names;
//! * `novel`: generated modern-framework pages full of names no other page
//!   uses (Vue `data-v-` hashes, Angular `_ngcontent-` attributes, custom
//!   elements), from `test-support/src/synthetic.rs`;
//! * `small`: a stream of documents of about 2 KB, cut from generated pages.
//!
//! Parsers:
//!
//! * `floor`: html5ever's tokenizer and tree builder driving a sink that
//!   keeps only what the tree builder asks for (element names, template
//!   contents, the MathML annotation flag) and builds nothing. No DOM can be
//!   built faster on html5ever; htmldict's target is 1.10x its time.
//! * `htmldict <strategy> ids|no-ids`: `parse_html` with a dictionary of its
//!   own per benchmark (`global` is a fresh `GlobalDictionary`, not the
//!   process-wide one) and `collect_ids` on or off;
//! * `rcdom`: `markup5ever_rcdom`, html5ever's reference DOM;
//! * `scraper`: `scraper::Html::parse_document`.
//!
//! A last group, `threads`, parses the `pages` and `novel` sets on one thread
//! and on two, each thread parsing the whole set from its own starting page,
//! with the floor and with htmldict under `lru:4096`, `per-document` and
//! `global` (the threads share one dictionary), to show how throughput
//! scales.
//!
//! When criterion is done, the bench prints the medians of this run as
//! tables: MB/s (10^6 bytes), time relative to the floor and throughput
//! relative to scraper.
//!
//! Then, unless a filter was given, it runs the interleaved comparison (see
//! [`interleaved`]): every parser parses each set once per round, for 21
//! rounds, and the tables give the median of the per-round ratios to the
//! floor and to scraper. A change of load on the machine moves criterion's
//! ratios, measured seconds apart, more than these. `HTMLDICT_INTERLEAVED=N`
//! runs only this comparison, over N rounds.
//!
//! For profilers, `HTMLDICT_PROFILE=<set>/<parser id>` runs one parser over
//! one set instead (see [`profile`]):
//!
//! ```text
//! cargo bench --no-run
//! HTMLDICT_PROFILE="pages/htmldict lru:4096 ids" valgrind --tool=callgrind \
//!     --toggle-collect='*profiled_passes*' target/release/deps/parse-<hash>
//! ```

mod common;

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{BenchmarkGroup, Criterion, Throughput, measurement::WallTime};
use html5ever::tendril::{StrTendril, TendrilSink};
use htmldict::{ParseOptions, parse_html};

use common::{Results, Table, fixed};
use htmldict_test_support::departures::departures_for;
use htmldict_test_support::rcdom;
use htmldict_test_support::rng::XorShift64Star;
use htmldict_test_support::{strategy, synthetic};

/// Generated pages in the `novel` set: enough for about 3 MB.
const NOVEL_BYTES: usize = 3_000_000;
/// The `small` set: this many documents of about this many bytes.
const SMALL_COUNT: usize = 1_000;
const SMALL_SIZE: usize = 2_048;
/// Seeds of the generated sets, fixed so that every run parses the same
/// bytes, and below 2^26 so that no two pages share a novel name.
const NOVEL_SEED: u64 = 1 << 20;
const SMALL_SEED: u64 = 1 << 21;

/// html5ever's floor: a sink that gives the tree builder what it needs to
/// make its decisions and nothing else.
mod floor {
    use std::borrow::Cow;
    use std::cell::{Cell, Ref, RefCell};

    use html5ever::tendril::{StrTendril, TendrilSink};
    use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
    use html5ever::{Attribute, ParseOpts, QualName, local_name, ns};

    /// Elements are indices into `Sink::elements`; every other node (the
    /// document, comments, template contents) gets a number with the top
    /// bit set, from a counter, so that `same_node` can tell them apart.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub struct Handle(u32);

    const NOT_ELEMENT: u32 = 1 << 31;

    struct Element {
        name: QualName,
        template_contents: Handle,
        mathml_integration_point: bool,
    }

    pub struct Sink {
        /// Index 0 is a placeholder answered for handles that are not
        /// elements (the tree builder never asks for those).
        elements: RefCell<Vec<Element>>,
        others: Cell<u32>,
    }

    impl Sink {
        fn new() -> Sink {
            Sink {
                elements: RefCell::new(vec![Element {
                    name: QualName::new(None, ns!(), local_name!("")),
                    template_contents: Handle(NOT_ELEMENT),
                    mathml_integration_point: false,
                }]),
                others: Cell::new(NOT_ELEMENT + 1),
            }
        }

        fn other(&self) -> Handle {
            let id = self.others.get();
            self.others.set(id + 1);
            Handle(id)
        }

        fn slot(handle: &Handle) -> usize {
            if handle.0 & NOT_ELEMENT == 0 {
                handle.0 as usize
            } else {
                0
            }
        }
    }

    impl TreeSink for Sink {
        type Handle = Handle;
        /// Elements created, so that nothing can be optimised away.
        type Output = usize;
        type ElemName<'a> = Ref<'a, QualName>;

        fn finish(self) -> usize {
            self.elements.into_inner().len() - 1
        }

        fn parse_error(&self, _msg: Cow<'static, str>) {}

        fn get_document(&self) -> Handle {
            Handle(NOT_ELEMENT)
        }

        fn elem_name<'a>(&'a self, target: &'a Handle) -> Ref<'a, QualName> {
            Ref::map(self.elements.borrow(), |elements| {
                &elements[Sink::slot(target)].name
            })
        }

        fn create_element(
            &self,
            name: QualName,
            _attrs: Vec<Attribute>,
            flags: ElementFlags,
        ) -> Handle {
            let template_contents = if flags.template {
                self.other()
            } else {
                Handle(NOT_ELEMENT)
            };
            let mut elements = self.elements.borrow_mut();
            let handle = Handle(elements.len() as u32);
            elements.push(Element {
                name,
                template_contents,
                mathml_integration_point: flags.mathml_annotation_xml_integration_point,
            });
            handle
        }

        fn create_comment(&self, _text: StrTendril) -> Handle {
            self.other()
        }

        fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
            self.other()
        }

        fn append(&self, _parent: &Handle, _child: NodeOrText<Handle>) {}

        fn append_based_on_parent_node(
            &self,
            _element: &Handle,
            _prev_element: &Handle,
            _child: NodeOrText<Handle>,
        ) {
        }

        fn append_doctype_to_document(
            &self,
            _name: StrTendril,
            _public_id: StrTendril,
            _system_id: StrTendril,
        ) {
        }

        fn get_template_contents(&self, target: &Handle) -> Handle {
            self.elements.borrow()[Sink::slot(target)].template_contents
        }

        fn same_node(&self, x: &Handle, y: &Handle) -> bool {
            x == y
        }

        fn set_quirks_mode(&self, _mode: QuirksMode) {}

        fn append_before_sibling(&self, _sibling: &Handle, _new_node: NodeOrText<Handle>) {}

        fn add_attrs_if_missing(&self, _target: &Handle, _attrs: Vec<Attribute>) {}

        fn remove_from_parent(&self, _target: &Handle) {}

        fn reparent_children(&self, _node: &Handle, _new_parent: &Handle) {}

        fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
            self.elements.borrow()[Sink::slot(handle)].mathml_integration_point
        }
    }

    /// Parses `html` as a document; returns the number of elements created.
    pub fn parse(html: &str) -> usize {
        html5ever::parse_document(Sink::new(), ParseOpts::default()).one(StrTendril::from(html))
    }
}

/// The two tokenizers alone, each feeding a sink that counts tokens and
/// asks for nothing (so neither switches to raw text: a script's contents
/// are tokenized as markup by both).
mod tokenizers {
    use std::cell::Cell;

    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };

    #[derive(Default)]
    pub struct Count(Cell<usize>);

    impl TokenSink for Count {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            self.0.set(self.0.get() + 1);
            drop(token);
            TokenSinkResult::Continue
        }
    }

    /// html5ever's tokenizer; returns the number of tokens.
    pub fn html5ever(html: &str) -> usize {
        let tokenizer = Tokenizer::new(Count::default(), TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from(html));
        while let markup5ever::TokenizerResult::Script(_) = tokenizer.feed(&input) {}
        tokenizer.end();
        tokenizer.sink.0.get()
    }

    /// htmldict's tokenizer; returns the number of tokens.
    pub fn htmldict(html: &str) -> usize {
        htmldict::tokenizer::tokenize_into(
            html,
            &htmldict::tokenizer::TokenizerOptions::new(),
            Count::default(),
        )
        .0
        .get()
    }
}

/// One input set.
struct InputSet {
    /// `pages`, `novel` or `small`: the group is `parse-<name>`.
    name: &'static str,
    description: String,
    documents: Vec<String>,
}

impl InputSet {
    fn bytes(&self) -> u64 {
        self.documents.iter().map(|d| d.len() as u64).sum()
    }

    fn group(&self) -> String {
        format!("parse-{}", self.name)
    }
}

fn input_sets() -> Vec<InputSet> {
    let (dir, real) = common::real_pages();
    let mut novel = Vec::new();
    let mut novel_bytes = 0;
    let mut seed = NOVEL_SEED;
    while novel_bytes < NOVEL_BYTES {
        let page = synthetic::novel_page(seed);
        novel_bytes += page.len();
        novel.push(page);
        seed += 1;
    }
    // The small documents come from other generated pages than the novel set.
    let sources: Vec<String> = (0..)
        .map(|i| synthetic::novel_page(SMALL_SEED + i))
        .scan(0, |bytes, page| {
            let enough = *bytes >= SMALL_COUNT * SMALL_SIZE * 11 / 10;
            *bytes += page.len();
            (!enough).then_some(page)
        })
        .collect();
    let small =
        common::cut_small_documents(sources.iter().map(String::as_str), SMALL_SIZE, SMALL_COUNT);
    vec![
        InputSet {
            name: "pages",
            description: format!("{} real pages from {}", real.len(), dir.display()),
            documents: real,
        },
        InputSet {
            name: "novel",
            description: format!("{} generated pages with novel names", novel.len()),
            documents: novel,
        },
        InputSet {
            name: "small",
            description: format!("{} documents of about 2 KB", small.len()),
            documents: small,
        },
    ]
}

/// A parser under benchmark: parses one document and drops it.
type Parse = Box<dyn Fn(&str) + Sync>;

/// The parsers benchmarked on every set, by id, in the order they run.
/// Each htmldict configuration starts from a dictionary of its own.
fn parsers() -> Vec<(String, Parse)> {
    let mut parsers: Vec<(String, Parse)> = vec![(
        "floor".to_owned(),
        Box::new(|html| {
            black_box(floor::parse(html));
        }),
    )];
    for spec in ["global", "per-document", "lru:4096", "lru:64"] {
        for ids in [true, false] {
            let id = format!("htmldict {spec} {}", if ids { "ids" } else { "no-ids" });
            let options = ParseOptions::new()
                .dictionary(strategy(spec))
                .collect_ids(ids);
            parsers.push((
                id,
                Box::new(move |html| {
                    drop(black_box(
                        parse_html(html, &options).expect("no limits are set"),
                    ));
                }),
            ));
        }
    }
    parsers.push((
        "rcdom".to_owned(),
        Box::new(|html| {
            let dom =
                html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
                    .one(StrTendril::from(html));
            drop(black_box(dom));
        }),
    ));
    parsers.push((
        "scraper".to_owned(),
        Box::new(|html| drop(black_box(scraper::Html::parse_document(html)))),
    ));
    parsers.push((
        "tokenizer html5ever".to_owned(),
        Box::new(|html| {
            black_box(tokenizers::html5ever(html));
        }),
    ));
    parsers.push((
        "tokenizer htmldict".to_owned(),
        Box::new(|html| {
            black_box(tokenizers::htmldict(html));
        }),
    ));
    parsers
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
}

fn bench_set(c: &mut Criterion, set: &InputSet) {
    let mut group = c.benchmark_group(set.group());
    configure(&mut group);
    group.throughput(Throughput::Bytes(set.bytes()));
    for (id, parse) in parsers() {
        group.bench_function(&id, |b| {
            b.iter(|| {
                for html in &set.documents {
                    parse(html);
                }
            })
        });
    }
    group.finish();
}

/// Thread counts of the `threads` group.
const THREADS: [usize; 2] = [1, 2];

/// Parses every document of `documents` on each of `threads` threads. Thread
/// `t` starts at document `t * len / threads` and wraps around, so that the
/// threads do not parse the same page at the same moment.
fn on_threads(threads: usize, documents: &[String], parse: &(dyn Fn(&str) + Sync)) {
    std::thread::scope(|scope| {
        for thread in 0..threads {
            scope.spawn(move || {
                let (first, second) = documents.split_at(thread * documents.len() / threads);
                for html in second.iter().chain(first) {
                    parse(html);
                }
            });
        }
    });
}

/// The parsers of the `threads` group, as ids of [`parsers`].
const THREADED: [&str; 4] = [
    "floor",
    "htmldict lru:4096 ids",
    "htmldict per-document ids",
    "htmldict global ids",
];

fn bench_threads(c: &mut Criterion, sets: &[InputSet]) {
    let mut group = c.benchmark_group("threads");
    configure(&mut group);
    for set in sets.iter().filter(|s| s.name != "small") {
        // Fresh parsers per set: the threads of a benchmark share one
        // dictionary.
        for (id, parse) in parsers()
            .into_iter()
            .filter(|(id, _)| THREADED.contains(&id.as_str()))
        {
            for threads in THREADS {
                group.throughput(Throughput::Bytes(set.bytes() * threads as u64));
                group.bench_function(threads_id(set, &id, threads), |b| {
                    b.iter(|| on_threads(threads, &set.documents, &*parse))
                });
            }
        }
    }
    group.finish();
}

fn threads_id(set: &InputSet, parser: &str, threads: usize) -> String {
    format!("{} {parser} {threads}t", set.name)
}

/// Rounds of the interleaved comparison, after one round not counted.
const INTERLEAVED_ROUNDS: usize = 21;

/// The interleaved comparison: in each round every parser parses `set` once,
/// one after the other, in an order shuffled afresh each round. A parser
/// runs on the heap the one before it left (its free lists, its fragments):
/// with a fixed order each parser would always follow the same one, and that
/// neighbour's effect would be counted as its own. A parser's
/// time in a round is divided by the floor's and scraper's times in the
/// same round, and the median of those ratios over the rounds is reported.
/// Criterion measures one parser for seconds before the next, so a change
/// in the machine's load between two parsers moves their ratio; here the
/// parsers of a round run within a second of each other.
fn interleaved(set: &InputSet, rounds: usize) -> Vec<(String, f64, f64)> {
    let parsers = parsers();
    let pass = |parse: &Parse| {
        let start = std::time::Instant::now();
        for html in &set.documents {
            parse(html);
        }
        start.elapsed().as_secs_f64()
    };
    for (_, parse) in &parsers {
        pass(parse);
    }
    let mut times = vec![Vec::with_capacity(rounds); parsers.len()];
    let mut order: Vec<usize> = (0..parsers.len()).collect();
    let mut rng = XorShift64Star::new(0x005E_ED0F_0DE2);
    for _ in 0..rounds {
        rng.shuffle(&mut order);
        for &i in &order {
            times[i].push(pass(&parsers[i].1));
        }
    }
    let position = |id: &str| parsers.iter().position(|(p, _)| p == id).expect("parser");
    let (floor, scraper) = (position("floor"), position("scraper"));
    let median_ratio = |i: usize, base: usize, invert: bool| {
        let mut ratios: Vec<f64> = (0..rounds)
            .map(|r| {
                let ratio = times[i][r] / times[base][r];
                if invert { 1.0 / ratio } else { ratio }
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios[rounds / 2]
    };
    parsers
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            (
                id.clone(),
                median_ratio(i, floor, false),
                median_ratio(i, scraper, true),
            )
        })
        .collect()
}

/// The interleaved comparison of every set, as tables.
fn interleaved_summary(sets: &[InputSet], rounds: usize) -> String {
    let mut out = String::new();
    for set in sets {
        let mut table = Table::new(&["parser", "time / floor", "MB/s / scraper"]);
        for (id, to_floor, to_scraper) in interleaved(set, rounds) {
            table.row(vec![id, fixed(to_floor, 3), fixed(to_scraper, 3)]);
        }
        out += &format!(
            "\n{} interleaved: median ratio of {rounds} rounds, each parsing the set once with every parser\n\n{}",
            set.group(),
            table.render()
        );
    }
    out
}

fn megabytes_per_second(bytes: u64, seconds: f64) -> f64 {
    bytes as f64 / seconds / 1e6
}

/// The tables of this run, from criterion's medians.
fn summary(results: &Results, sets: &[InputSet]) -> String {
    let mut out = String::new();
    for set in sets {
        let group = set.group();
        let floor = results.median(&group, "floor");
        let scraper = results.median(&group, "scraper");
        let mut table = Table::new(&[
            "parser",
            "median ms",
            "MB/s",
            "time / floor",
            "MB/s / scraper",
        ]);
        for (id, _) in parsers() {
            let Some(time) = results.median(&group, &id) else {
                continue;
            };
            let ratio = |base: Option<f64>, f: fn(f64, f64) -> f64| {
                base.map_or_else(|| "-".to_owned(), |base| fixed(f(time, base), 2))
            };
            table.row(vec![
                id.clone(),
                fixed(time * 1e3, 2),
                fixed(megabytes_per_second(set.bytes(), time), 1),
                ratio(floor, |t, base| t / base),
                ratio(scraper, |t, base| base / t),
            ]);
        }
        if !table.is_empty() {
            out += &format!(
                "\n{group}: {} ({:.2} MB)\n\n{}",
                set.description,
                set.bytes() as f64 / 1e6,
                table.render()
            );
        }
    }

    let mut table = Table::new(&[
        "set",
        "parser",
        "pages/s, 1 thread",
        "pages/s, 2 threads",
        "scaling",
    ]);
    for set in sets {
        for parser in THREADED {
            let pages_per_second = |threads: usize| {
                results
                    .median("threads", &threads_id(set, parser, threads))
                    .map(|time| (set.documents.len() * threads) as f64 / time)
            };
            if let (Some(one), Some(two)) = (pages_per_second(1), pages_per_second(2)) {
                table.row(vec![
                    set.name.to_owned(),
                    parser.to_owned(),
                    fixed(one, 1),
                    fixed(two, 1),
                    format!("{}x", fixed(two / one, 2)),
                ]);
            }
        }
    }
    if !table.is_empty() {
        out += &format!(
            "\nthreads: each thread parses the whole set, from its own starting page; the threads of an htmldict row share one dictionary\n\n{}",
            table.render()
        );
    }
    out
}

/// Profiling mode: `HTMLDICT_PROFILE=<set>/<parser id>` (for instance
/// `pages/htmldict lru:4096 ids`) skips criterion, parses that set once to
/// warm up, then `$HTMLDICT_PROFILE_PASSES` more times (default 1) inside
/// [`profiled_passes`], on `$HTMLDICT_PROFILE_THREADS` threads (default 1)
/// as the `threads` group does. Under callgrind, `--toggle-collect='*profiled_passes*'`
/// counts the instructions of those passes only.
fn profile(spec: &str, sets: &[InputSet]) {
    let (set_name, id) = spec
        .split_once('/')
        .expect("HTMLDICT_PROFILE is <set>/<parser id>");
    let set = sets
        .iter()
        .find(|s| s.name == set_name)
        .unwrap_or_else(|| panic!("no input set {set_name:?}: pages, novel or small"));
    let (_, parse) = parsers()
        .into_iter()
        .find(|(parser, _)| parser == id)
        .unwrap_or_else(|| panic!("no parser {id:?}"));
    let passes = std::env::var("HTMLDICT_PROFILE_PASSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let threads = std::env::var("HTMLDICT_PROFILE_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    for html in &set.documents {
        parse(html);
    }
    profiled_passes(&set.documents, &*parse, passes, threads);
}

#[inline(never)]
fn profiled_passes(
    documents: &[String],
    parse: &(dyn Fn(&str) + Sync),
    passes: usize,
    threads: usize,
) {
    for _ in 0..passes {
        if threads == 1 {
            // On this thread: callgrind's --toggle-collect follows the calls
            // of the thread that entered this function only.
            for html in documents {
                parse(html);
            }
        } else {
            on_threads(threads, documents, parse);
        }
    }
}

/// Every document of every set must give html5ever's tree (through
/// markup5ever_rcdom), except where a departure of html5ever's from the
/// standard covers it (`htmldict_test_support::departures`): what is timed
/// is the right tree. Prints how many were compared.
fn check_trees(sets: &[InputSet]) {
    for set in sets {
        let (mut same, mut departures) = (0, 0);
        for (i, html) in set.documents.iter().enumerate() {
            let ours = parse_html(html, &ParseOptions::new().limits(htmldict::Limits::none()))
                .expect("no limits")
                .html5lib_tree();
            let reference = rcdom::html5lib_tree(&rcdom::parse(html, true));
            if ours == reference {
                same += 1;
            } else if !departures_for(None, html).is_empty() {
                departures += 1;
            } else {
                panic!(
                    "{} document {i}: the tree differs from html5ever's: {}",
                    set.name,
                    rcdom::first_difference(&reference, &ours)
                );
            }
        }
        println!(
            "{}: {} documents, {same} trees identical to html5ever's, {departures} where html5ever departs from the standard",
            set.name,
            set.documents.len()
        );
    }
}

fn main() {
    if std::env::var_os("HTMLDICT_CHECK_TREES").is_some() {
        check_trees(&input_sets());
        return;
    }
    if let Ok(spec) = std::env::var("HTMLDICT_PROFILE") {
        profile(&spec, &input_sets());
        return;
    }
    if let Ok(rounds) = std::env::var("HTMLDICT_INTERLEAVED") {
        let rounds = rounds.parse().unwrap_or(INTERLEAVED_ROUNDS).max(1);
        print!("{}", interleaved_summary(&input_sets(), rounds));
        return;
    }
    let started = SystemTime::now();
    check_trees(&input_sets());
    let dir = common::criterion_dir();
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    let sets = input_sets();
    for set in &sets {
        bench_set(&mut criterion, set);
    }
    bench_threads(&mut criterion, &sets);
    criterion.final_summary();

    let summary = summary(&Results::new(dir, started), &sets);
    if !summary.is_empty() {
        println!("\nSummary of this run (medians; MB = 10^6 bytes){summary}");
    }
    // A filter (`cargo bench --bench parse -- parse-pages`) asks for part of
    // the run: the interleaved comparison of every set is left out then.
    let filtered = std::env::args().skip(1).any(|arg| !arg.starts_with('-'));
    if !filtered {
        print!("{}", interleaved_summary(&sets, INTERLEAVED_ROUNDS));
    }
}
