//! Time on hostile pages: each page is parsed at size n and 4n, with the
//! default limits and with limits off, and the ratio of the times printed.
//! A cost linear in the input gives a ratio near 4, a quadratic one near 16.
//!
//! ```text
//! cargo run --release --example pathological            # the table in BENCHMARKS.md
//! cargo run --release --example pathological -- --quick # sizes / 16, one sample each
//! cargo run --release --example pathological -- text     # only cases whose name has "text"
//! ```
//!
//! Each size is timed in five fresh processes of this example, taking
//! turns with the other size, so that no measurement runs on a heap another
//! one shaped; the fastest process counts. In each, the time is the median
//! of up to five samples (fewer once a case has taken three seconds); a run
//! under 10 ms is repeated within a sample until the sample lasts about
//! 10 ms. Only parsing is timed (or `to_html`, where the case says so):
//! building the page and dropping the document are not. The outcome column
//! says whether the parse gave a document or which limit stopped it (with
//! the value met), at size 4n. The output is a Markdown table.
//!
//! Before timing, each process measures one parse's peak heap (and
//! serialisation's, where that is timed) with a counting allocator, which
//! then stops counting so as not to slow the timed runs: the table gives it
//! at 4n, per input byte, and as a share of the bound the README's "Limits"
//! section states (`htmldict_test_support::bound`), for which a page that a
//! limit refused counts the nodes of the same page parsed without limits.
//!
//! `tests/pathological.rs` and `tests/deep_nesting.rs` check what each page
//! gives; this example only measures.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use htmldict::{Limits, ParseError, ParseOptions, Parser, parse_html};
use htmldict_test_support::alloc::{Counting, live_bytes, peak_bytes, reset_peak, stop_counting};
use htmldict_test_support::bound::peak_bound;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One hostile page, built for a size parameter.
struct Case {
    name: &'static str,
    /// The size parameter for n (4n is four times it).
    n: usize,
    /// The page for a size parameter.
    page: fn(usize) -> String,
    /// What is timed.
    then: Then,
    /// Whether to run with limits off too (not for pages that take
    /// html5ever minutes without the limit).
    limits_off: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Then {
    /// Time the parse.
    Parse,
    /// Time `to_html` on the parsed document instead of the parse.
    Serialise,
    /// Time a streaming parse fed one character at a time.
    Stream,
}

/// Parses `page` as `then` says: whole, or fed to a [`Parser`] one
/// character at a time.
fn parse(page: &str, options: &ParseOptions, then: Then) -> Result<htmldict::Document, ParseError> {
    if then != Then::Stream {
        return parse_html(page, options);
    }
    let mut parser = Parser::new(options);
    let mut at = 0;
    while at < page.len() {
        let next = page[at..].chars().next().map_or(1, char::len_utf8);
        parser.feed_str(&page[at..at + next])?;
        at += next;
    }
    parser.finish()
}

/// `pattern` repeated up to `bytes` bytes (cut at a character boundary).
fn filler(pattern: &str, bytes: usize) -> String {
    let mut out = pattern.repeat(bytes / pattern.len() + 1);
    let mut cut = bytes;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

fn cases() -> Vec<Case> {
    const MB: usize = 1 << 20;
    // Pages that only copy bytes are measured at 2 MB and 8 MB, both past
    // the 2 MiB second-level cache of the machine of BENCHMARKS.md with
    // their copies (the caller's string, the tokenizer's, the arena's): at
    // 1 MB and 4 MB, or less, the smaller one's copies stayed in that cache
    // and the larger one's did not, which alone made its bytes cost up to
    // half as much again.
    vec![
        Case {
            name: "attribute value of n bytes",
            n: 2 * MB,
            page: |n| format!("<div title=\"{}\">x</div>", filler("0123456789 é€ ,;", n)),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n copies of one attribute",
            n: 25_000,
            page: |n| {
                let attrs: String = (0..n).map(|i| format!(" data-x={i}")).collect();
                format!("<div{attrs}>")
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n distinct attributes",
            n: 25_000,
            page: |n| {
                let attrs: String = (0..n).map(|i| format!(" a{i}={i}")).collect();
                format!("<div{attrs}>")
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n bytes of text, no tags",
            n: 2 * MB + MB / 2,
            page: |n| filler("Lorem ipsum, dolor sit amet; été\n", n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n unclosed `<p>`",
            // One element per three bytes: at 50,000 the smaller tree (2 MB
            // of nodes) fitted the second-level cache and the larger one
            // did not, which alone put the ratio at 5.0 to 5.3.
            n: 200_000,
            page: |n| "<p>".repeat(n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n stray `</div>`",
            n: 250_000,
            page: |n| "</div>".repeat(n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n NUL bytes in text",
            n: 250_000,
            page: |n| "a\0".repeat(n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n NUL bytes in an attribute value",
            n: 250_000,
            page: |n| format!("<p title=\"{}\">", "\0".repeat(n)),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "unclosed comment, n bytes",
            n: 2 * MB,
            page: |n| format!("<!--{}", filler(" <p class=a>text</p> <b>&amp;</b>\n", n)),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "unclosed `<![CDATA[` in HTML, n bytes",
            n: 2 * MB,
            page: |n| format!("<![CDATA[{}", filler(" text &amp; ]] <b <p\n", n)),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "unclosed `<![CDATA[` in SVG, n bytes",
            n: 2 * MB,
            page: |n| {
                format!(
                    "<svg><![CDATA[{}",
                    filler(" <p class=a>text</p> <b>&amp;</b>\n", n)
                )
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "unclosed `<script>`, n bytes",
            n: MB,
            page: |n| {
                format!(
                    "<script>{}",
                    filler(" if (a < b) { x = '<p>'; } <!-- <script> --> <b>\n", n)
                )
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "unclosed `<textarea>`, n bytes",
            n: MB,
            page: |n| {
                format!(
                    "<textarea>{}",
                    filler(" <p class=a>text</p> <b>&amp;</b>\n", n)
                )
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n distinct unknown references `&fooN;`",
            n: 250_000,
            page: |n| (0..n).map(|i| format!("&foo{i};")).collect(),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n text and `<b>` foster-parented out of a `<table>`",
            n: 50_000,
            page: |n| format!("<table>{}", "x<b>y</b>".repeat(n)),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n `<html>` tags after one with 1,000 attributes",
            n: 250_000,
            page: |n| {
                let attrs: String = (0..1000).map(|i| format!(" a{i}=v")).collect();
                format!("<html{attrs}>{}", "<html>".repeat(n))
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n `<html bN><p x>` (attributes merged into `<html>`)",
            n: 12_000,
            page: |n| (0..n).map(|i| format!("<html b{i}><p x>")).collect(),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n `<p id=x>` sharing one id",
            n: 50_000,
            page: |n| "<p id=x>".repeat(n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n `<a><div>` (misnested `<a>`, nesting)",
            n: 2_500,
            page: |n| "<a><div>".repeat(n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n `<font aN>x` in a `<table>` (distinct formatting elements, foster-parented)",
            n: 1_000,
            page: |n| {
                let fonts: String = (0..n).map(|i| format!("<font a{i}>x")).collect();
                format!("<table>{fonts}")
            },
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n reopened `<p><b id=N></p>` (output grows with n²)",
            n: 250,
            page: |n| (0..n).map(|i| format!("<p><b id={i}></p>")).collect(),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n nested `<b id=N>` (distinct formatting elements)",
            n: 2_500,
            page: |n| (0..n).map(|i| format!("<b id={i}>")).collect(),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n nested `<div>`",
            n: 5_000,
            page: |n| "<div>".repeat(n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "n nested SVG `<g>`, then n stray end tags (foreign content)",
            n: 5_000,
            page: |n| format!("<svg>{}{}", "<g>".repeat(n), "</x>".repeat(n)),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "nested `<ul><li>`, n bytes",
            n: 128 * 1024,
            page: |n| "<ul><li>".repeat(n / 8),
            then: Then::Parse,
            // 512 KB of it takes html5ever about 35 s.
            limits_off: false,
        },
        Case {
            name: "flat `<ul><li></li></ul>`, n bytes (for comparison)",
            // Larger than its nested sibling: at 128 KB the whole tree of
            // the smaller size stayed in the second-level cache.
            n: MB / 2,
            page: |n| filler("<ul><li></li></ul>", n),
            then: Then::Parse,
            limits_off: true,
        },
        Case {
            name: "attribute value of n bytes, fed one character at a time",
            n: MB / 4,
            page: |n| {
                format!(
                    "<div title=\"{}\">x</div>",
                    filler("0123456789 é€ ,;&amp;", n)
                )
            },
            then: Then::Stream,
            limits_off: false,
        },
        Case {
            name: "comment of n bytes, fed one character at a time",
            n: MB / 4,
            page: |n| {
                format!(
                    "<!--{}-->",
                    filler(" <p class=a>text</p> - -- <b>&amp;</b>\n", n)
                )
            },
            then: Then::Stream,
            limits_off: false,
        },
        Case {
            name: "text and tags, n bytes, fed one character at a time",
            n: MB / 4,
            page: |n| filler("Lorem <b class=x>ipsum</b> &amp; dolor\r\n<p>", n),
            then: Then::Stream,
            limits_off: false,
        },
        Case {
            name: "`to_html`, text full of `&amp;`",
            n: MB,
            page: |n| format!("<p>{}", filler("&amp;&amp;x", n)),
            then: Then::Serialise,
            limits_off: true,
        },
        Case {
            name: "`to_html`, attribute value full of `&amp;`",
            n: 64 * 1024,
            page: |n| format!("<p title=\"{}\">", filler("&amp;x", n)),
            then: Then::Serialise,
            limits_off: true,
        },
    ]
}

/// What a parse gave, for the table.
fn describe(result: &Result<htmldict::Document, ParseError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(ParseError::LimitExceeded { limit, value, .. }) => format!("{limit} limit ({value})"),
        Err(other) => format!("error: {other}"),
    }
}

/// The time of one parse (or one `to_html`) of `page`, averaged over
/// `repeat` back-to-back runs, and the outcome.
fn sample(page: &str, options: &ParseOptions, then: Then, repeat: u32) -> (Duration, String) {
    match then {
        Then::Parse | Then::Stream => {
            let mut outcome = String::new();
            let mut total = Duration::ZERO;
            for _ in 0..repeat {
                let start = Instant::now();
                let result = parse(page, options, then);
                total += start.elapsed();
                outcome = describe(&result);
                drop(result);
            }
            (total / repeat, outcome)
        }
        Then::Serialise => {
            let result = parse_html(page, options);
            let Ok(doc) = &result else {
                return (Duration::ZERO, describe(&result));
            };
            let start = Instant::now();
            for _ in 0..repeat {
                std::hint::black_box(doc.to_html());
            }
            (start.elapsed() / repeat, describe(&result))
        }
    }
}

/// The median of up to `runs` samples, stopping once three seconds are
/// spent. A parse under 10 ms is repeated within each sample until the
/// sample lasts about 10 ms, so that timer and scheduling noise stay small.
fn time(page: &str, options: &ParseOptions, then: Then, runs: usize) -> (Duration, String) {
    let budget = Instant::now();
    let (first, outcome) = sample(page, options, then, 1);
    let target = Duration::from_millis(10);
    let repeat = if first >= target {
        1
    } else {
        (target.as_secs_f64() / first.as_secs_f64().max(1e-6)).ceil() as u32
    };
    let mut times = vec![first];
    if repeat > 1 {
        // The first run warmed up; measure again with repetitions.
        times.clear();
    }
    while times.len() < runs && (times.is_empty() || budget.elapsed() < Duration::from_secs(3)) {
        times.push(sample(page, options, then, repeat.min(1000)).0);
    }
    times.sort();
    (times[times.len() / 2], outcome)
}

fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.0} µs", ms * 1e3)
    }
}

fn format_bytes(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// One measurement, as a child process reports it: nanoseconds, the
/// page's length and the outcome, tab-separated.
fn measure_here(case: &Case, size: usize, limits_off: bool, runs: usize) {
    let page = (case.page)(size);
    let options = if limits_off {
        ParseOptions::new().limits(Limits::none())
    } else {
        ParseOptions::new()
    };
    // The peak heap of one parse (and serialisation) above what the page
    // itself holds, before any timing.
    let before = live_bytes();
    reset_peak();
    let result = parse(&page, &options, case.then);
    if case.then == Then::Serialise
        && let Ok(doc) = &result
    {
        std::hint::black_box(doc.to_html());
    }
    let nodes = result.as_ref().map(|doc| doc.node_count()).ok();
    drop(result);
    let peak = peak_bytes() - before;
    // A refused parse built no more than the same page without limits.
    let nodes = nodes.unwrap_or_else(|| {
        parse_html(&page, &ParseOptions::new().limits(Limits::none()))
            .map_or(0, |doc| doc.node_count())
    });
    // The counters would slow the timed parses down.
    stop_counting();
    let (elapsed, outcome) = time(&page, &options, case.then, runs);
    println!(
        "{}\t{}\t{peak}\t{nodes}\t{outcome}",
        elapsed.as_nanos(),
        page.len()
    );
}

/// Fresh processes each size is measured in; the fastest is kept.
const PROCESSES: usize = 5;

/// Measures one size in [`PROCESSES`] fresh processes, the sizes taking
/// turns, and keeps the fastest: the noise of a shared machine only ever
/// adds time.
fn measure_sizes(index: usize, sizes: [usize; 2], limits_off: bool, runs: usize) -> [Measured; 2] {
    let mut best: [Option<Measured>; 2] = [None, None];
    for _ in 0..PROCESSES {
        for (slot, &size) in best.iter_mut().zip(&sizes) {
            let measured = measure(index, size, limits_off, runs);
            if slot.as_ref().is_none_or(|b| measured.time < b.time) {
                *slot = Some(measured);
            }
        }
    }
    best.map(|m| m.expect("at least one process"))
}

/// Runs one measurement in a fresh process of this example, so that no
/// measurement inherits the allocator state another left. (glibc's malloc
/// maps fresh pages for any block above the largest it has freed so far;
/// in one process, whichever size ran second would be measured with a
/// different heap, which matters for the cases that do little more than
/// copy bytes.) The child keeps the memory it frees instead of giving it
/// back to the system at once (glibc's mmap and trim thresholds raised), so
/// that a large page's time is not mostly page faults on every run.
fn measure(index: usize, size: usize, limits_off: bool, runs: usize) -> Measured {
    let output = std::process::Command::new(std::env::current_exe().expect("own path"))
        .env(
            "GLIBC_TUNABLES",
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=17179869184",
        )
        .args([
            "--measure".to_owned(),
            index.to_string(),
            size.to_string(),
            limits_off.to_string(),
            runs.to_string(),
        ])
        .output()
        .expect("run a measurement");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut fields = text.trim_end().splitn(5, '\t');
    let (Some(nanos), Some(bytes), Some(peak), Some(nodes), Some(outcome)) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        panic!(
            "measurement {index} at {size} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    Measured {
        time: Duration::from_nanos(nanos.parse().expect("nanoseconds")),
        bytes: bytes.parse().expect("bytes"),
        peak: peak.parse().expect("peak bytes"),
        nodes: nodes.parse().expect("nodes"),
        outcome: outcome.to_owned(),
    }
}

/// What one measurement gave.
struct Measured {
    time: Duration,
    /// The page's length.
    bytes: usize,
    /// The peak heap of a parse (and serialisation, where timed), above
    /// what was live before it.
    peak: usize,
    /// The nodes the parse built (of the page without limits, when a limit
    /// refused it).
    nodes: usize,
    outcome: String,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        let [index, size, limits_off, runs] = &args[1..] else {
            return ExitCode::from(2);
        };
        let (Ok(index), Ok(size), Ok(limits_off), Ok(runs)) = (
            index.parse::<usize>(),
            size.parse(),
            limits_off.parse(),
            runs.parse(),
        ) else {
            return ExitCode::from(2);
        };
        measure_here(&cases()[index], size, limits_off, runs);
        return ExitCode::SUCCESS;
    }
    let mut quick = false;
    let mut filter = None;
    for arg in args {
        match arg.as_str() {
            "--quick" => quick = true,
            _ if !arg.starts_with('-') && filter.is_none() => filter = Some(arg),
            _ => {
                eprintln!("usage: pathological [--quick] [WORD]");
                return ExitCode::from(2);
            }
        }
    }
    let (divisor, runs) = if quick { (16, 1) } else { (1, 5) };

    println!(
        "| case | limits | n bytes | t(n) | t(4n) | t(4n) / t(n) | peak heap at 4n | per input byte | of the bound | outcome at 4n |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (index, case) in cases().iter().enumerate() {
        if let Some(word) = &filter
            && !case.name.contains(word.as_str())
        {
            continue;
        }
        let n = (case.n / divisor).max(1);
        for limits_off in [false, true] {
            if limits_off && !case.limits_off {
                continue;
            }
            let [small, large] = measure_sizes(index, [n, 4 * n], limits_off, runs);
            let outcome = if small.outcome == large.outcome {
                large.outcome
            } else {
                format!("{} (n: {})", large.outcome, small.outcome)
            };
            println!(
                "| {} | {} | {} | {} | {} | {:.1} | {} | {:.1} | {:.0}% | {outcome} |",
                case.name,
                if limits_off { "off" } else { "default" },
                format_bytes(small.bytes),
                format_duration(small.time),
                format_duration(large.time),
                large.time.as_secs_f64() / small.time.as_secs_f64().max(1e-9),
                format_bytes(large.peak),
                large.peak as f64 / large.bytes.max(1) as f64,
                100.0 * large.peak as f64 / peak_bound(large.bytes, large.nodes) as f64,
            );
        }
    }
    ExitCode::SUCCESS
}
