//! The `dump` example as an outside harness sees it: a separate process that
//! takes the document on stdin or from a file and answers on stdout, with
//! its exit status for errors.
//!
//! The whole html5lib tree-construction suite runs through it, with the
//! dictionary and `--no-collect-ids` flags rotated across cases, and so
//! does the whole tokenizer suite (`--format tokens --errors`, with
//! `--initial-state` and `--last-start-tag`); smaller tests pin the rest of
//! its command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use htmldict_test_support::tokenizer_suite::{TokenizerRun, all_tokenizer_runs};
use htmldict_test_support::tree_suite::{TreeCase, all_tree_cases};

/// Path of the `dump` example, built by cargo next to this test's binary:
/// `target/<profile>/deps/<test>` -> `target/<profile>/examples/dump`.
fn dump_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("path of the test binary");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test binary lives in target/<profile>/deps");
        let binary = profile_dir
            .join("examples")
            .join(format!("dump{}", std::env::consts::EXE_SUFFIX));
        // Under cargo the example is rebuilt whenever it is out of date (a
        // no-op when it is fresh), so that `cargo test --test dump_cli` never
        // checks a stale binary; otherwise it is only built when missing.
        if std::env::var_os("CARGO").is_some() || !binary.exists() {
            build_dump(profile_dir);
        }
        assert!(
            binary.exists(),
            "{} does not exist after building the dump example",
            binary.display()
        );
        binary
    })
}

/// Runs `cargo build --example dump` into the profile directory this test
/// binary was built in.
fn build_dump(profile_dir: &Path) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--quiet", "--example", "dump"]);
    // `<target-dir>/<profile>` is where the binary is looked for; with an
    // explicit `--target` triple the profile directory sits one level deeper,
    // and naming its parent as the target directory still lands the binary
    // in it.
    if let Some(target_dir) = profile_dir.parent() {
        command.arg("--target-dir").arg(target_dir);
    }
    match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => {}
        Some("release") => {
            command.arg("--release");
        }
        Some(profile) if !profile.is_empty() => {
            command.args(["--profile", profile]);
        }
        _ if cfg!(debug_assertions) => {}
        _ => {
            command.arg("--release");
        }
    }
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo to build the dump example: {e}"));
    assert!(
        status.success(),
        "building the dump example failed: {status}"
    );
}

/// Runs the dump example with `args`, feeding it `stdin`.
fn run_dump<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &[u8]) -> Output {
    let mut child = Command::new(dump_binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the dump example");
    let mut pipe = child.stdin.take().expect("stdin pipe");
    // Written from another thread so that a child that answers before it has
    // read everything cannot deadlock against us.
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // The child may exit without reading (a usage error): a broken
            // pipe here is its business, judged by its exit status.
            let _ = pipe.write_all(stdin);
        });
        child.wait_with_output().expect("wait for the dump example")
    })
}

fn stdout_of(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("stdout is UTF-8")
}

fn stderr_of(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).expect("stderr is UTF-8")
}

/// Asserts a successful run and returns its stdout.
fn success(output: Output) -> String {
    assert!(
        output.status.success(),
        "dump failed with {}: {}",
        output.status,
        stderr_of(&output)
    );
    assert_eq!(stderr_of(&output), "", "nothing on stderr on success");
    stdout_of(&output).to_owned()
}

// ---------------------------------------------------------------------------
// The html5lib suite through the binary.

/// The dictionary flag of the `i`-th run; `None` leaves the default.
const DICTIONARIES: [Option<&str>; 5] = [
    Some("global"),
    Some("per-document"),
    Some("lru:1"),
    Some("lru:4096"),
    None,
];

/// One invocation: a case under one scripting mode, with its rotated flags.
struct Run<'a> {
    case: &'a TreeCase,
    scripting: bool,
    args: Vec<String>,
}

fn suite_runs(cases: &[TreeCase]) -> Vec<Run<'_>> {
    let mut runs = Vec::new();
    for case in cases {
        for scripting in case.scripting_modes() {
            let i = runs.len();
            let mut args = vec![
                "--format".to_owned(),
                "tree".to_owned(),
                "--scripting".to_owned(),
                if scripting { "on" } else { "off" }.to_owned(),
            ];
            if let Some(context) = &case.fragment {
                args.extend(["--fragment".to_owned(), context.clone()]);
            }
            // 5 dictionaries and 2 id settings, coprime: every pair occurs.
            if let Some(dictionary) = DICTIONARIES[i % DICTIONARIES.len()] {
                args.extend(["--dictionary".to_owned(), dictionary.to_owned()]);
            }
            if i % 2 == 1 {
                args.push("--no-collect-ids".to_owned());
            }
            // Flags may come in any order: every other block of ten runs
            // gives them back to front (each flag stays next to its value).
            if (i / 10) % 2 == 1 {
                let mut pairs: Vec<Vec<String>> = Vec::new();
                for arg in args {
                    match pairs.last_mut() {
                        Some(last) if last.len() == 1 && last[0] != "--no-collect-ids" => {
                            last.push(arg)
                        }
                        _ => pairs.push(vec![arg]),
                    }
                }
                args = pairs.into_iter().rev().flatten().collect();
            }
            runs.push(Run {
                case,
                scripting,
                args,
            });
        }
    }
    runs
}

enum Verdict {
    Passed,
    Failed(String),
}

fn judge(run: &Run<'_>) -> Verdict {
    let output = run_dump(&run.args, run.case.data.as_bytes());
    let actual = String::from_utf8_lossy(&output.stdout);
    if output.status.success() && output.stderr.is_empty() && actual == run.case.expected {
        Verdict::Passed
    } else {
        Verdict::Failed(format!(
            "{} [scripting={}] dump {}\nexit: {}\nstderr: {}\n#data\n{}\n#expected\n{}#actual\n{}",
            run.case.name(),
            run.scripting,
            run.args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr),
            run.case.data,
            run.case.expected,
            actual
        ))
    }
}

/// Runs `judge` on every item with two workers (the machine has two cores)
/// taking items in turn, and returns the verdicts in the items' order.
fn judge_all<T: Sync, V: Send>(items: &[T], judge: impl Fn(&T) -> V + Sync) -> Vec<V> {
    let next = AtomicUsize::new(0);
    let mut verdicts: Vec<(usize, V)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut verdicts = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        verdicts.push((i, judge(item)));
                    }
                    verdicts
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    });
    verdicts.sort_by_key(|v| v.0);
    verdicts.into_iter().map(|v| v.1).collect()
}

/// What `dump --format tokens --errors` printed for a tokenizer run, and
/// what it should have.
fn judge_tokens(run: &TokenizerRun) -> Option<String> {
    let mut args = vec![
        "--format".to_owned(),
        "tokens".to_owned(),
        "--errors".to_owned(),
        "--initial-state".to_owned(),
        run.state_name.clone(),
    ];
    if let Some(tag) = &run.last_start_tag {
        args.extend(["--last-start-tag".to_owned(), tag.clone()]);
    }
    let output = run_dump(&args, run.input.as_bytes());
    let printed = String::from_utf8_lossy(&output.stdout);
    let expected = serde_json::json!({
        "output": run.output,
        "errors": run
            .errors
            .iter()
            .map(|(code, line, col)| serde_json::json!({"code": code, "line": line, "col": col}))
            .collect::<Vec<_>>(),
    });
    match serde_json::from_str::<serde_json::Value>(&printed) {
        Ok(got) if output.status.success() && output.stderr.is_empty() && got == expected => None,
        _ => Some(format!(
            "{}: dump {}\nexit: {}\nstderr: {}\ninput: {:?}\nexpected: {expected}\nprinted: {printed}",
            run.name,
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr),
            run.input,
        )),
    }
}

#[test]
fn html5lib_tokenizer_suite_through_the_binary() {
    let start = Instant::now();
    let (runs, _) = all_tokenizer_runs();
    assert_eq!(runs.len(), 7028);
    dump_binary();
    let failures: Vec<String> = judge_all(&runs, judge_tokens)
        .into_iter()
        .flatten()
        .collect();
    println!(
        "{} tokenizer runs through dump in {:.1} s",
        runs.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} runs failed; the first:\n{}",
        failures.len(),
        runs.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
fn html5lib_suite_through_the_binary() {
    let start = Instant::now();
    let cases = all_tree_cases();
    assert_eq!(cases.len(), 1775, "the carried suite has 1,775 cases");
    let runs = suite_runs(&cases);
    dump_binary();
    let verdicts = judge_all(&runs, judge);
    let passed = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::Passed))
        .count();
    let failures: Vec<&str> = verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Failed(report) => Some(report.as_str()),
            _ => None,
        })
        .collect();
    println!("{passed} passed, {} failed", failures.len());
    eprintln!(
        "{} runs of the dump example in {:.1?}",
        runs.len(),
        start.elapsed()
    );
    let first: Vec<&str> = failures.iter().take(5).copied().collect();
    assert!(
        failures.is_empty(),
        "{} runs failed; the first:\n\n{}",
        failures.len(),
        first.join("\n\n")
    );
    // Every run passed: none skipped.
    assert_eq!(passed, runs.len());
}

#[test]
fn suite_runs_exercise_every_flag() {
    let cases = all_tree_cases();
    let runs = suite_runs(&cases);
    let has = |run: &Run<'_>, flag: &str, value: &str| {
        run.args.windows(2).any(|w| w[0] == flag && w[1] == value)
    };
    for dictionary in DICTIONARIES.iter().flatten() {
        for no_ids in [false, true] {
            assert!(
                runs.iter().any(|r| has(r, "--dictionary", dictionary)
                    && r.args.iter().any(|a| a == "--no-collect-ids") == no_ids),
                "{dictionary} with no_collect_ids={no_ids}"
            );
        }
    }
    assert!(
        runs.iter()
            .any(|r| !r.args.iter().any(|a| a == "--dictionary"))
    );
    assert!(runs.iter().any(|r| has(r, "--scripting", "off")));
    assert!(runs.iter().any(|r| has(r, "--scripting", "on")));
    assert!(
        runs.iter()
            .any(|r| r.args.iter().any(|a| a == "--fragment"))
    );
    assert!(runs.iter().any(|r| r.args[0] != "--format"));
    // Every flag keeps its value next to it, whatever the order.
    for run in &runs {
        for (i, arg) in run.args.iter().enumerate() {
            if ["--format", "--scripting", "--fragment", "--dictionary"].contains(&arg.as_str()) {
                assert!(i + 1 < run.args.len(), "{:?}", run.args);
            }
        }
        assert!(has(run, "--format", "tree"), "{:?}", run.args);
    }
}

// ---------------------------------------------------------------------------
// The rest of the command line.

const PAGE: &str = r#"<title>Hi</title><p id="x">Hello <b>world</b>"#;
const PAGE_HTML: &str =
    r#"<html><head><title>Hi</title></head><body><p id="x">Hello <b>world</b></p></body></html>"#;

/// A file in the system's temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "htmldict-dump-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, contents).expect("write a temporary file");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn html_is_the_default_format() {
    assert_eq!(success(run_dump::<&str>(&[], PAGE.as_bytes())), PAGE_HTML);
    assert_eq!(
        success(run_dump(&["--format", "html"], PAGE.as_bytes())),
        PAGE_HTML
    );
    assert_eq!(
        success(run_dump(&["--format=html", "-"], PAGE.as_bytes())),
        PAGE_HTML
    );
}

#[test]
fn text_format() {
    assert_eq!(
        success(run_dump(&["--format", "text"], PAGE.as_bytes())),
        "HiHello world"
    );
    // No newline is added, and none is removed.
    assert_eq!(
        success(run_dump(&["--format", "text"], b"<p>a</p>\n")),
        "a\n"
    );
}

#[test]
fn readable_format() {
    assert_eq!(
        success(run_dump(
            &["--format", "readable"],
            b"<h1>\n  Title\n</h1><p>one  <b>two</b><script>x</script><p>three"
        )),
        "Title\none two\nthree"
    );
    assert_eq!(
        success(run_dump(
            &["--format", "readable", "--select", "p"],
            b"<p> a\n b <p>c"
        )),
        "a b\nc\n"
    );
}

#[test]
fn tree_format_is_the_html5lib_dump_only() {
    assert_eq!(
        success(run_dump(&["--format", "tree"], b"<p class=a>x")),
        "| <html>\n|   <head>\n|   <body>\n|     <p>\n|       class=\"a\"\n|       \"x\"\n"
    );
}

#[test]
fn reads_a_file() {
    let file = TempFile::new("page.html", PAGE.as_bytes());
    let output = Command::new(dump_binary())
        .arg(&file.0)
        .stdin(Stdio::null())
        .output()
        .expect("run dump");
    assert_eq!(success(output), PAGE_HTML);
    // Options after the file name are still options.
    let output = Command::new(dump_binary())
        .arg(&file.0)
        .args(["--format", "text"])
        .stdin(Stdio::null())
        .output()
        .expect("run dump");
    assert_eq!(success(output), "HiHello world");
}

#[test]
fn invalid_utf8_is_decoded_lossily() {
    assert_eq!(
        success(run_dump(&["--format", "text"], b"<p>a\xffb\xc3</p>")),
        "a\u{fffd}b\u{fffd}"
    );
}

#[test]
fn fragment_td() {
    let input = b"<b>bold</b> text<td>not a cell";
    assert_eq!(
        success(run_dump(&["--fragment", "td"], input)),
        "<b>bold</b> textnot a cell"
    );
    assert_eq!(
        success(run_dump(&["--fragment", "td", "--format", "tree"], input)),
        "| <b>\n|   \"bold\"\n| \" textnot a cell\"\n"
    );
    assert_eq!(
        success(run_dump(&["--format", "text", "--fragment", "td"], input)),
        "bold textnot a cell"
    );
    assert_eq!(
        success(run_dump(&["--fragment", "tr"], b"<td>a<td>b")),
        "<td>a</td><td>b</td>"
    );
    assert_eq!(
        success(run_dump(
            &["--fragment", "svg g", "--format", "tree"],
            b"<path/>"
        )),
        "| <svg path>\n"
    );
}

#[test]
fn scripting_switch() {
    let input = b"<body><noscript><p>enable JS</p></noscript>";
    let on = success(run_dump(&["--format", "tree"], input));
    assert!(on.contains("\"<p>enable JS</p>\""), "{on}");
    assert_eq!(
        success(run_dump(&["--format", "tree", "--scripting", "on"], input)),
        on
    );
    let off = success(run_dump(&["--scripting", "off", "--format", "tree"], input));
    assert!(off.contains("|       <p>\n"), "{off}");
}

#[test]
fn every_dictionary_gives_the_same_bytes() {
    let input = br#"<div data-v-7ba5bd90 _ngcontent-ng-c1 id=cart><app-cart-drawer open>3"#;
    let expected = success(run_dump::<&str>(&[], input));
    assert!(expected.contains("<app-cart-drawer open=\"\">3</app-cart-drawer>"));
    for dictionary in [
        "global",
        "per-document",
        "lru:1",
        "lru:4096",
        "lru:65536",
        "lru:1:always",
        "lru:4096:always",
    ] {
        for ids in [None, Some("--no-collect-ids")] {
            let mut args = vec!["--dictionary", dictionary];
            args.extend(ids);
            assert_eq!(success(run_dump(&args, input)), expected, "{args:?}");
        }
    }
}

/// Asserts exit status 1 with `message` and the usage on stderr, nothing on
/// stdout.
fn assert_usage_error(args: &[&str], message: &str) {
    let output = run_dump(args, b"<p>");
    assert_eq!(output.status.code(), Some(1), "{args:?}");
    assert_eq!(stdout_of(&output), "", "{args:?}");
    let stderr = stderr_of(&output);
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(stderr.contains("usage: dump"), "{args:?}: {stderr}");
    // The message and the synopsis, not the whole help.
    assert!(stderr.lines().count() <= 8, "{args:?}: {stderr}");
    assert!(
        stderr.ends_with("run `dump --help` for the options\n"),
        "{args:?}: {stderr}"
    );
}

#[test]
fn unknown_flag() {
    assert_usage_error(&["--bogus"], "unknown option \"--bogus\"");
    assert_usage_error(&["--format", "tree", "-x"], "unknown option \"-x\"");
    assert_usage_error(&["--bogus=1"], "unknown option \"--bogus\"");
}

#[test]
fn bad_dictionary() {
    assert_usage_error(&["--dictionary", "lru:0"], "\"lru:0\"");
    assert_usage_error(&["--dictionary", "lru:"], "\"lru:\"");
    assert_usage_error(&["--dictionary", "shared"], "\"shared\"");
    assert_usage_error(&["--dictionary", "lru:8:never"], "\"lru:8:never\"");
    assert_usage_error(&["--dictionary", "lru:0:always"], "\"lru:0:always\"");
    // A capacity the dictionary would reserve memory for up front.
    assert_usage_error(
        &["--dictionary", "lru:18446744073709551615"],
        "1 <= N <= 16777216",
    );
}

#[test]
fn other_usage_errors() {
    assert_usage_error(&["--format"], "--format needs a value");
    assert_usage_error(&["--format", "json"], "invalid --format \"json\"");
    assert_usage_error(&["--scripting", "yes"], "invalid --scripting \"yes\"");
    assert_usage_error(&["--fragment"], "--fragment needs a value");
    assert_usage_error(&["a.html", "b.html"], "more than one input file");
    assert_usage_error(&["--format", "tree", "--format", "html"], "more than once");
    assert_usage_error(&["--no-collect-ids=yes"], "takes no value");
}

#[test]
fn missing_file() {
    let output = run_dump(&["/nonexistent/htmldict/page.html"], b"");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout_of(&output), "");
    assert!(
        stderr_of(&output).contains("cannot read /nonexistent/htmldict/page.html"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn invalid_fragment_context_exits_with_2() {
    for context in ["", "svg ", "foo bar"] {
        let output = run_dump(&["--fragment", context], b"<td>");
        assert_eq!(output.status.code(), Some(2), "{context:?}");
        assert_eq!(stdout_of(&output), "");
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains(&format!("invalid fragment context element: {context:?}")),
            "{stderr}"
        );
        assert!(!stderr.contains("usage"), "{stderr}");
    }
}

#[test]
fn help() {
    for flag in ["--help", "-h"] {
        let output = run_dump(&["--format", "tree", flag], b"");
        let usage = success(output);
        assert!(usage.starts_with("usage: dump"), "{usage}");
        for option in [
            "--format html|tree|text",
            "--dictionary",
            "global",
            "per-document",
            "lru:N",
            "--no-collect-ids",
            "--scripting on|off",
            "--fragment CONTEXT",
            "--bytes",
            "--charset LABEL",
            "encoding: NAME (bom|transport|meta|detected|default)",
            "FILE",
        ] {
            assert!(usage.contains(option), "{option} missing from {usage}");
        }
    }
}

#[test]
fn double_dash_ends_the_options() {
    // A relative file name that looks like an option.
    let dir = std::env::temp_dir();
    let name = format!("-htmldict-dump-{}.html", std::process::id());
    let file = TempFile(dir.join(&name));
    std::fs::write(&file.0, b"<p>dash").expect("write a temporary file");
    let output = Command::new(dump_binary())
        .current_dir(&dir)
        .args(["--format", "text", "--", &name])
        .stdin(Stdio::null())
        .output()
        .expect("run dump");
    assert_eq!(success(output), "dash");
    let output = Command::new(dump_binary())
        .current_dir(&dir)
        .args(["--format", "text", &name])
        .stdin(Stdio::null())
        .output()
        .expect("run dump");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("unknown option"));
}

#[test]
fn a_limit_exits_2_and_no_limits_lifts_it() {
    let deep = "<div>".repeat(600);
    let refused = run_dump(&["--format", "text"], deep.as_bytes());
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(stdout_of(&refused), "");
    assert_eq!(
        stderr_of(&refused).trim_end(),
        "dump: limit exceeded: depth reached 513, the maximum is 512"
    );
    let tree = success(run_dump(
        &["--no-limits", "--format", "tree"],
        deep.as_bytes(),
    ));
    assert_eq!(
        tree.lines()
            .filter(|l| l.trim_start_matches("| ").trim() == "<div>")
            .count(),
        600
    );
}

// ---------------------------------------------------------------------------
// Byte input: --bytes and --charset.

/// Asserts a successful run in bytes mode: stderr is exactly the encoding
/// line. Returns stdout.
fn success_with_encoding(output: Output, encoding: &str) -> String {
    assert!(
        output.status.success(),
        "dump failed with {}: {}",
        output.status,
        stderr_of(&output)
    );
    assert_eq!(stderr_of(&output), format!("encoding: {encoding}\n"));
    stdout_of(&output).to_owned()
}

#[test]
fn bytes_without_a_declaration_are_detected() {
    let output = run_dump(&["--bytes", "--format", "text"], b"<p>caf\xe9 \x80");
    assert_eq!(
        success_with_encoding(output, "windows-1252 (detected)"),
        "caf\u{e9} \u{20ac}"
    );
    let output = run_dump(&["--bytes", "--format", "text"], "<p>café €".as_bytes());
    assert_eq!(
        success_with_encoding(output, "UTF-8 (detected)"),
        "caf\u{e9} \u{20ac}"
    );
    // All ASCII: nothing to detect, the standard's default.
    let output = run_dump(&["--bytes", "--format", "text"], b"<p>cafe");
    assert_eq!(
        success_with_encoding(output, "windows-1252 (default)"),
        "cafe"
    );
    // Without --bytes the same input is taken as UTF-8, as before.
    assert_eq!(
        success(run_dump(&["--format", "text"], b"<p>caf\xe9 \x80")),
        "caf\u{fffd} \u{fffd}"
    );
}

#[test]
fn bytes_follow_a_meta() {
    let page = b"<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b";
    let output = run_dump(&["--format", "text", "--bytes"], page);
    assert_eq!(
        success_with_encoding(output, "Shift_JIS (meta)"),
        "\u{65e5}\u{672c}"
    );
    let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcc\xe8\xf0";
    let output = run_dump(&["--bytes", "--format=tree"], page);
    let tree = success_with_encoding(output, "windows-1251 (meta)");
    assert!(
        tree.ends_with("|       \"\u{41c}\u{438}\u{440}\"\n"),
        "{tree}"
    );
}

#[test]
fn bytes_with_a_bom() {
    let output = run_dump(&["--bytes"], b"\xef\xbb\xbf<p>\xc3\xa9");
    assert_eq!(
        success_with_encoding(output, "UTF-8 (bom)"),
        "<html><head></head><body><p>\u{e9}</p></body></html>"
    );
    let output = run_dump(&["--bytes", "--format", "text"], b"\xff\xfe<\0p\0>\0\xe9\0");
    assert_eq!(success_with_encoding(output, "UTF-16LE (bom)"), "\u{e9}");
}

#[test]
fn charset_is_the_transport_charset() {
    let page = b"<meta charset=utf-8><p>\xcc\xe8\xf0";
    let output = run_dump(&["--charset", "windows-1251", "--format", "text"], page);
    assert_eq!(
        success_with_encoding(output, "windows-1251 (transport)"),
        "\u{41c}\u{438}\u{440}"
    );
    // Labels are matched as the Encoding standard says; --bytes may be given too.
    let output = run_dump(
        &["--bytes", "--charset= Latin1 ", "--format", "text"],
        b"<p>\xe9",
    );
    assert_eq!(
        success_with_encoding(output, "windows-1252 (transport)"),
        "\u{e9}"
    );
    // A byte order mark still wins.
    let output = run_dump(
        &["--charset=koi8-r", "--format", "text"],
        b"\xef\xbb\xbf\xc3\xa9",
    );
    assert_eq!(success_with_encoding(output, "UTF-8 (bom)"), "\u{e9}");
}

#[test]
fn bytes_from_a_file() {
    let file = TempFile::new(
        "legacy.html",
        b"<title>\xa3\xf3d\xbc</title><meta charset=iso-8859-2>",
    );
    let output = Command::new(dump_binary())
        .args(["--bytes", "--format", "text"])
        .arg(&file.0)
        .stdin(Stdio::null())
        .output()
        .expect("run dump");
    assert_eq!(
        success_with_encoding(output, "ISO-8859-2 (meta)"),
        "\u{141}\u{f3}d\u{17a}"
    );
}

#[test]
fn bytes_usage_errors() {
    assert_usage_error(
        &["--charset", "no-such-charset"],
        "invalid --charset \"no-such-charset\"",
    );
    assert_usage_error(&["--charset"], "--charset needs a value");
    assert_usage_error(&["--bytes=yes"], "--bytes takes no value");
    assert_usage_error(&["--bytes", "--bytes"], "more than once");
    assert_usage_error(&["--charset=utf-8", "--charset=utf-8"], "more than once");
    assert_usage_error(&["--fragment", "td", "--bytes"], "cannot be combined");
    assert_usage_error(
        &["--charset", "utf-8", "--fragment", "td"],
        "cannot be combined",
    );
}

#[test]
fn a_refused_byte_parse_prints_only_its_error() {
    let deep = "<div>".repeat(600);
    let refused = run_dump(&["--bytes", "--format", "text"], deep.as_bytes());
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(stdout_of(&refused), "");
    assert_eq!(
        stderr_of(&refused),
        "dump: limit exceeded: depth reached 513, the maximum is 512\n"
    );
    let output = run_dump(
        &["--bytes", "--no-limits", "--format", "text"],
        deep.as_bytes(),
    );
    assert_eq!(success_with_encoding(output, "windows-1252 (default)"), "");
}

// ---------------------------------------------------------------------------
// --select

const SELECT_PAGE: &[u8] =
    b"<ul id=nav><li><a href=/a>A</a><li class=x><a href='/b?q=1&amp;r'>B &amp; C</a></ul><p>x";

#[test]
fn select_prints_each_match_on_its_own_line_in_tree_order() {
    // The list's first item comes before the link of the second, whatever
    // the order inside the selector list.
    let output = run_dump(&["--select", "li.x a, li:first-child"], SELECT_PAGE);
    assert_eq!(
        success(output),
        "<li><a href=\"/a\">A</a></li>\n<a href=\"/b?q=1&amp;r\">B &amp; C</a>\n"
    );
    let output = run_dump(&["--select=a", "--format", "text"], SELECT_PAGE);
    assert_eq!(success(output), "A\nB & C\n");
    // No match prints nothing and is not an error.
    assert_eq!(success(run_dump(&["--select", "table"], SELECT_PAGE)), "");
}

#[test]
fn select_works_with_bytes_and_fragments() {
    let output = run_dump(
        &["--select", "p", "--bytes", "--format", "text"],
        b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4",
    );
    assert_eq!(success_with_encoding(output, "KOI8-R (meta)"), "Привет\n");
    let output = run_dump(&["--fragment", "tr", "--select", "td + td"], b"<td>a<td>b");
    assert_eq!(success(output), "<td>b</td>\n");
}

#[test]
fn an_invalid_selector_exits_with_2_before_reading_input() {
    for (selector, message) in [
        ("p[", "invalid selector \"p[\" at line 1"),
        ("", "invalid selector \"\""),
        ("::before", "invalid selector \"::before\""),
    ] {
        // The input file does not exist: the selector is refused first.
        let output = run_dump(&["--select", selector, "/nonexistent/page.html"], b"");
        assert_eq!(output.status.code(), Some(2), "{selector:?}");
        assert_eq!(stdout_of(&output), "");
        let stderr = stderr_of(&output);
        assert!(stderr.contains(message), "{selector:?}: {stderr}");
        assert!(!stderr.contains("usage"), "{stderr}");
    }
    assert_usage_error(&["--select"], "--select needs a value");
    assert_usage_error(
        &["--select", "p", "--format", "tree"],
        "--select prints elements",
    );
    assert_usage_error(&["--select", "p", "--select", "a"], "more than once");
}

/// The late-`<meta>` pages through `dump --bytes`: exit 0, and the encoding
/// of the `<meta>` on stderr (a panic exited 101).
#[test]
fn late_meta_pages_through_the_binary() {
    use htmldict_test_support::late_meta::{ENCODINGS, SIZES, page};
    for size in SIZES {
        for (label, phrase) in ENCODINGS {
            let page = page(size, label, phrase, true);
            let file = TempFile::new("late-meta.html", &page.bytes);
            let output = Command::new(dump_binary())
                .args(["--bytes", "--format", "text"])
                .arg(&file.0)
                .stdin(Stdio::null())
                .output()
                .expect("run the dump example");
            assert!(output.status.success(), "{}: {}", page.name, output.status);
            assert_eq!(
                stderr_of(&output),
                format!("encoding: {} (meta)\n", page.encoding),
                "{}",
                page.name
            );
            assert_eq!(stdout_of(&output), page.text, "{}", page.name);
        }
    }
}
