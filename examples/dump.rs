//! Parses one HTML document (or fragment) and prints it back: as HTML, as an
//! html5lib tree-construction dump, or as its text; or prints its tokens.
//!
//! ```text
//! cargo run --release --example dump -- [--format html|tree|text|readable|tokens]
//!     [--dictionary global|per-document|lru:N] [--no-collect-ids]
//!     [--scripting on|off] [--fragment CONTEXT] [--no-limits]
//!     [--bytes] [--charset LABEL] [--select CSS]
//!     [--initial-state STATE] [--last-start-tag NAME] [--errors] [FILE]
//! ```
//!
//! * `FILE` is read whole; without it, or when it is `-`, standard input is
//!   read. Without `--bytes` the input is taken as UTF-8, and bytes that are
//!   not valid UTF-8 become U+FFFD.
//! * `--bytes` decodes the input as the HTML standard says (a byte order
//!   mark, the `<meta>` prescan of the first 1,024 bytes, a later `<meta>`,
//!   else detection from the bytes, windows-1252 if they are all ASCII),
//!   with [`parse_html_bytes`]. The first line on
//!   standard error is then the encoding used and where it came from,
//!   exactly `encoding: NAME (bom|transport|meta|detected|default)` with the
//!   WHATWG name (`encoding: windows-1252 (default)`, `encoding: Shift_JIS
//!   (meta)`, `encoding: UTF-8 (detected)`).
//!   The line is printed for every parsed document; a refused parse prints
//!   only its error.
//! * `--charset LABEL` gives the transport charset, the `charset` of a
//!   `Content-Type` header, which a byte order mark alone overrides; it
//!   implies `--bytes`. The library ignores a label that names no encoding,
//!   as the standard says; on the command line that is more likely a typo,
//!   so it is a usage error.
//! * `--format html` (the default) prints [`Document::to_html`], `tree` prints
//!   [`Document::html5lib_tree`], `text` prints the text content (for a
//!   fragment, the text of the parsed nodes) and `readable` the readable
//!   text, as a reader sees it ([`Document::readable_text`]). Each is written exactly as the
//!   library returns it: no newline is added at the end, so a `tree` dump ends
//!   in the newline of its last line and `html`/`text` end however the
//!   document does.
//! * `--format tokens` runs the tokenizer alone ([`tokenize`]) and prints
//!   its tokens as one JSON array in the format of html5lib's tokenizer
//!   tests: `["StartTag", name, {attributes}]` (with a fourth item `true`
//!   when self-closing), `["EndTag", name]`, `["Comment", data]`,
//!   `["Character", data]` with adjacent characters merged, and
//!   `["DOCTYPE", name, public, system, correctness]`. `--initial-state
//!   STATE` starts it in `Data state`, `PLAINTEXT state`, `RCDATA state`,
//!   `RAWTEXT state`, `Script data state` or `CDATA section state`;
//!   `--last-start-tag NAME` gives the last start tag for end tags in raw
//!   text; with `--errors` the output is `{"output": [...], "errors":
//!   [{"code": ..., "line": ..., "col": ...}]}` instead. The input is text:
//!   `--format tokens` cannot be combined with `--fragment`, `--bytes`,
//!   `--charset` or `--select`, and the three tokenizer options need it.
//! * `--dictionary` chooses where names are interned (`global`,
//!   `per-document`, `lru:N` with 1 <= N <= 16777216, or `lru:N:always`
//!   for a plain LRU that stores every miss); without it the library's
//!   default dictionary is used.
//! * `--no-collect-ids` parses without an index of `id` values.
//! * `--no-limits` lifts the library's default limits (depth 512, 2,000,000
//!   nodes, ...); without it a page past a limit is refused with status 2.
//! * `--scripting on|off` sets the HTML scripting flag (default `on`).
//! * `--fragment CONTEXT` parses the input as the inner HTML of a `CONTEXT`
//!   element: `td`, or `svg path` / `math mi` for SVG and MathML contexts.
//!   Fragments are parsed from text, so it cannot be combined with
//!   `--bytes` or `--charset`.
//! * `--select CSS` prints the elements that match the CSS selector instead
//!   of the document, in tree order, each on its own line: its outer HTML
//!   with `--format html` (the default), its text with `--format text`.
//!   `--format tree` cannot be combined with it. A selector that does not
//!   parse is refused with status 2, before the input is read.
//! * Options may come in any order, each at most once as `--flag VALUE` or
//!   `--flag=VALUE`; `--` ends the options, so that a file named `-x` can
//!   follow it. `--help` (or `-h`) prints the usage and exits.
//!
//! Exit status: 0 on success, 1 for bad usage or an input/output error, 2 when
//! the library refuses the parse or an argument (a limit was exceeded, an
//! invalid fragment context or CSS selector). Messages go to standard error.
//!
//! Examples:
//!
//! ```text
//! $ echo '<p class=a>x' | cargo run -q --release --example dump -- --format tree
//! | <html>
//! |   <head>
//! |   <body>
//! |     <p>
//! |       class="a"
//! |       "x"
//! $ echo -n '<td>a<td>b' | cargo run -q --release --example dump -- --fragment tr
//! <td>a</td><td>b</td>
//! $ cargo run -q --release --example dump -- --format text --scripting off page.html
//! $ printf '<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4' | cargo run -q --release --example dump -- --bytes --format text
//! encoding: KOI8-R (meta)
//! Привет
//! ```
//!
//! (The encoding line goes to standard error, the text to standard output.)
//!
//! ```text
//! $ echo '<ul><li><a href=/a>A</a><li class=x><a href=/b>B</a></ul>' | cargo run -q --release --example dump -- --select 'li.x a, li:first-child'
//! <li><a href="/a">A</a></li>
//! <a href="/b">B</a>
//! ```

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use htmldict::dict::{NameDictionary, from_spec};
use htmldict::encoding_rs::Encoding;
use htmldict::tokenizer::{Token, TokenizerOptions, TokenizerState, Tokens, tokenize};
use htmldict::{
    Document, Limits, ParseOptions, Selector, parse_fragment, parse_html, parse_html_bytes,
};

const USAGE: &str = "\
usage: dump [--format html|tree|text|readable|tokens] [--dictionary global|per-document|lru:N]
            [--no-collect-ids] [--scripting on|off] [--fragment CONTEXT]
            [--no-limits] [--bytes] [--charset LABEL] [--select CSS]
            [--initial-state STATE] [--last-start-tag NAME] [--errors] [FILE]

Parses FILE (standard input when absent or `-`) as HTML and prints it.

options:
  --format html|tree|text|readable|tokens
                            what to print: the serialised HTML (default), the
                            html5lib tree-construction dump, the text, the
                            readable text (blocks on lines of their own,
                            whitespace collapsed, scripts and styles left
                            out), or the tokenizer's tokens as a JSON array
                            (html5lib's tokenizer test format)
  --initial-state STATE     with --format tokens: the state to start in (Data
                            state, PLAINTEXT state, RCDATA state, RAWTEXT
                            state, Script data state, CDATA section state)
  --last-start-tag NAME     with --format tokens: the last start tag's name
  --errors                  with --format tokens: print a JSON object with
                            the tokens as output and the parse errors
                            (code, line, col) as errors
  --dictionary SPEC         global, per-document, lru:N or lru:N:always
                            (1 <= N <= 16777216; `always`: a plain LRU
                            that stores every miss); default: the
                            library's default dictionary
  --no-collect-ids          do not build the index of id values
  --no-limits               lift the default limits (depth, nodes, ...)
  --scripting on|off        the HTML scripting flag (default: on)
  --fragment CONTEXT        parse as the inner HTML of a CONTEXT element
                            (td, svg path, math mi, ...); text input only
  --bytes                   decode the input as the HTML standard says (byte
                            order mark, <meta>, else detected from the bytes,
                            windows-1252 if all ASCII) instead of as UTF-8,
                            and print the encoding used as the first line on
                            standard error:
                            encoding: NAME (bom|transport|meta|detected|default)
  --charset LABEL           the transport charset (the charset of a
                            Content-Type header); implies --bytes. A LABEL
                            that names no encoding is a usage error
  --select CSS              print the elements matching the CSS selector,
                            one per line (outer HTML, or text with
                            --format text)
  -h, --help                print this help and exit

Output is written exactly as produced, with no newline added (--select ends
each match with one).
Exit status: 0 on success, 1 on bad usage or an I/O error, 2 when the parse
or an argument is refused (a limit exceeded, an invalid fragment context or
CSS selector).
";

/// What to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Html,
    Tree,
    Text,
    Readable,
    Tokens,
}

/// Where the input comes from.
#[derive(Debug)]
enum Input {
    Stdin,
    File(PathBuf),
}

/// Everything the command line decided.
#[derive(Debug)]
struct Config {
    format: Format,
    /// `None`: the library's default dictionary.
    dictionary: Option<Arc<dyn NameDictionary>>,
    collect_ids: bool,
    limits: bool,
    scripting: bool,
    fragment: Option<String>,
    /// Decode the input by sniffing instead of as UTF-8.
    bytes: bool,
    /// The transport charset label, known to name an encoding.
    charset: Option<String>,
    /// A CSS selector whose matches are printed instead of the document.
    select: Option<String>,
    /// For `--format tokens`.
    initial_state: Option<TokenizerState>,
    last_start_tag: Option<String>,
    errors: bool,
    input: Input,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            format: Format::Html,
            dictionary: None,
            collect_ids: true,
            limits: true,
            scripting: true,
            fragment: None,
            bytes: false,
            charset: None,
            select: None,
            initial_state: None,
            last_start_tag: None,
            errors: false,
            input: Input::Stdin,
        }
    }
}

impl Config {
    fn parse_options(&self) -> ParseOptions {
        let mut options = ParseOptions::new()
            .collect_ids(self.collect_ids)
            .scripting(self.scripting);
        if let Some(dictionary) = &self.dictionary {
            options = options.dictionary(dictionary.clone());
        }
        if !self.limits {
            options = options.limits(Limits::none());
        }
        if let Some(label) = &self.charset {
            options = options.transport_charset(label);
        }
        options
    }
}

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Help,
    Run(Config),
}

/// Which options (and the input file) were already given.
#[derive(Default)]
struct Seen {
    format: bool,
    dictionary: bool,
    collect_ids: bool,
    limits: bool,
    scripting: bool,
    fragment: bool,
    bytes: bool,
    charset: bool,
    select: bool,
    initial_state: bool,
    last_start_tag: bool,
    errors: bool,
    input: bool,
}

fn once(seen: &mut bool, flag: &str) -> Result<(), String> {
    if std::mem::replace(seen, true) {
        Err(format!("{flag} given more than once"))
    } else {
        Ok(())
    }
}

fn parse_format(value: &str) -> Result<Format, String> {
    match value {
        "html" => Ok(Format::Html),
        "tree" => Ok(Format::Tree),
        "text" => Ok(Format::Text),
        "readable" => Ok(Format::Readable),
        "tokens" => Ok(Format::Tokens),
        _ => Err(format!(
            "invalid --format {value:?}: expected html, tree, text, readable or tokens"
        )),
    }
}

fn parse_switch(flag: &str, value: &str) -> Result<bool, String> {
    match value {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("invalid {flag} {value:?}: expected on or off")),
    }
}

fn parse_dictionary(value: &str) -> Result<Arc<dyn NameDictionary>, String> {
    from_spec(value).map_err(|e| format!("invalid --dictionary: {e}"))
}

fn parse_charset(value: &str) -> Result<String, String> {
    match Encoding::for_label(value.as_bytes()) {
        Some(_) => Ok(value.to_owned()),
        None => Err(format!(
            "invalid --charset {value:?}: not a label of the Encoding standard (utf-8, shift_jis, windows-1251, ...)"
        )),
    }
}

/// Reads the command line (without the program name).
fn parse_args<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = OsString>,
{
    let mut args = args.into_iter();
    let mut config = Config::default();
    let mut seen = Seen::default();
    let mut options_done = false;
    while let Some(arg) = args.next() {
        let positional = options_done || arg == "-" || !arg.to_string_lossy().starts_with('-');
        if positional {
            once(&mut seen.input, "FILE")
                .map_err(|_| "more than one input file given".to_owned())?;
            config.input = if arg == "-" {
                Input::Stdin
            } else {
                Input::File(PathBuf::from(arg))
            };
            continue;
        }
        let Some(arg) = arg.to_str() else {
            return Err(format!("unknown option {:?}", arg.to_string_lossy()));
        };
        // `--flag=value` or `--flag value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg, None),
        };
        let takes_value = matches!(
            flag,
            "--format"
                | "--dictionary"
                | "--scripting"
                | "--fragment"
                | "--charset"
                | "--select"
                | "--initial-state"
                | "--last-start-tag"
        );
        let is_switch = matches!(
            flag,
            "-h" | "--help" | "--" | "--no-collect-ids" | "--no-limits" | "--bytes" | "--errors"
        );
        if !takes_value && !is_switch {
            return Err(format!("unknown option {flag:?}"));
        }
        let value = if takes_value {
            match inline {
                Some(value) => value,
                None => match args.next() {
                    Some(value) => value
                        .into_string()
                        .map_err(|_| format!("the value of {flag} is not valid UTF-8"))?,
                    None => return Err(format!("{flag} needs a value")),
                },
            }
        } else {
            if inline.is_some() {
                return Err(format!("{flag} takes no value"));
            }
            String::new()
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--" => options_done = true,
            "--format" => {
                once(&mut seen.format, flag)?;
                config.format = parse_format(&value)?;
            }
            "--dictionary" => {
                once(&mut seen.dictionary, flag)?;
                config.dictionary = Some(parse_dictionary(&value)?);
            }
            "--no-limits" => {
                once(&mut seen.limits, flag)?;
                config.limits = false;
            }
            "--no-collect-ids" => {
                once(&mut seen.collect_ids, flag)?;
                config.collect_ids = false;
            }
            "--scripting" => {
                once(&mut seen.scripting, flag)?;
                config.scripting = parse_switch(flag, &value)?;
            }
            "--fragment" => {
                once(&mut seen.fragment, flag)?;
                config.fragment = Some(value);
            }
            "--bytes" => {
                once(&mut seen.bytes, flag)?;
                config.bytes = true;
            }
            "--charset" => {
                once(&mut seen.charset, flag)?;
                config.charset = Some(parse_charset(&value)?);
                config.bytes = true;
            }
            "--select" => {
                once(&mut seen.select, flag)?;
                config.select = Some(value);
            }
            "--initial-state" => {
                once(&mut seen.initial_state, flag)?;
                config.initial_state =
                    Some(TokenizerState::from_html5lib_name(&value).ok_or_else(|| {
                        format!(
                            "invalid --initial-state {value:?}: expected Data state, PLAINTEXT state, \
                             RCDATA state, RAWTEXT state, Script data state or CDATA section state"
                        )
                    })?);
            }
            "--last-start-tag" => {
                once(&mut seen.last_start_tag, flag)?;
                config.last_start_tag = Some(value);
            }
            "--errors" => {
                once(&mut seen.errors, flag)?;
                config.errors = true;
            }
            _ => return Err(format!("unknown option {flag:?}")),
        }
    }
    if config.fragment.is_some() && config.bytes {
        return Err(
            "--fragment parses text: it cannot be combined with --bytes or --charset".to_owned(),
        );
    }
    if config.select.is_some() && config.format == Format::Tree {
        return Err("--select prints elements: use --format html or text with it".to_owned());
    }
    let tokens = config.format == Format::Tokens;
    if tokens && (config.fragment.is_some() || config.bytes || config.select.is_some()) {
        return Err(
            "--format tokens reads text: it cannot be combined with --fragment, --bytes, \
             --charset or --select"
                .to_owned(),
        );
    }
    if !tokens
        && (config.initial_state.is_some() || config.last_start_tag.is_some() || config.errors)
    {
        return Err(
            "--initial-state, --last-start-tag and --errors go with --format tokens".to_owned(),
        );
    }
    Ok(Command::Run(config))
}

/// Reads the whole input as bytes.
fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(bytes)
        }
        Input::File(path) => {
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
        }
    }
}

/// Turns the input bytes into text without `--bytes`: invalid UTF-8
/// sequences become U+FFFD.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

fn render(doc: &Document, format: Format, selector: Option<&Selector>) -> String {
    if let Some(selector) = selector {
        let mut out = String::new();
        for element in doc.select(selector) {
            match format {
                Format::Text => out.push_str(&element.text()),
                Format::Readable => out.push_str(&element.readable_text()),
                _ => out.push_str(&element.outer_html()),
            }
            out.push('\n');
        }
        return out;
    }
    match format {
        Format::Html => doc.to_html(),
        Format::Tree => doc.html5lib_tree(),
        Format::Text => match doc.fragment_root() {
            Some(root) => root.text(),
            None => doc.text(),
        },
        Format::Readable => match doc.fragment_root() {
            Some(root) => root.readable_text(),
            None => doc.readable_text(),
        },
        Format::Tokens => unreachable!("tokens are printed without a parse"),
    }
}

/// `text` as a JSON string.
fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An optional string as JSON.
fn json_option(text: &Option<String>, out: &mut String) {
    match text {
        Some(text) => json_string(text, out),
        None => out.push_str("null"),
    }
}

/// The tokens as html5lib's tokenizer tests write them, and the errors
/// when `with_errors`.
fn tokens_json(found: &Tokens, with_errors: bool) -> String {
    let mut out = String::new();
    if with_errors {
        out.push_str("{\"output\": ");
    }
    out.push('[');
    for (i, token) in found.tokens().iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match token {
            Token::Doctype {
                name,
                public_id,
                system_id,
                force_quirks,
            } => {
                out.push_str("[\"DOCTYPE\", ");
                json_option(name, &mut out);
                out.push_str(", ");
                json_option(public_id, &mut out);
                out.push_str(", ");
                json_option(system_id, &mut out);
                let _ = write!(out, ", {}]", !force_quirks);
            }
            Token::StartTag {
                name,
                attributes,
                self_closing,
            } => {
                out.push_str("[\"StartTag\", ");
                json_string(name, &mut out);
                out.push_str(", {");
                for (j, (key, value)) in attributes.iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    json_string(key, &mut out);
                    out.push_str(": ");
                    json_string(value, &mut out);
                }
                out.push('}');
                if *self_closing {
                    out.push_str(", true");
                }
                out.push(']');
            }
            Token::EndTag { name } => {
                out.push_str("[\"EndTag\", ");
                json_string(name, &mut out);
                out.push(']');
            }
            Token::Comment(text) => {
                out.push_str("[\"Comment\", ");
                json_string(text, &mut out);
                out.push(']');
            }
            Token::Characters(text) => {
                out.push_str("[\"Character\", ");
                json_string(text, &mut out);
                out.push(']');
            }
        }
    }
    out.push(']');
    if with_errors {
        out.push_str(", \"errors\": [");
        for (i, error) in found.errors().iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str("{\"code\": ");
            json_string(error.code.as_str(), &mut out);
            let _ = write!(
                out,
                ", \"line\": {}, \"col\": {}}}",
                error.line, error.column
            );
        }
        out.push_str("]}");
    }
    out
}

/// Writes to standard error, ignoring failures (there is nowhere left to
/// report them).
fn complain(message: &str) {
    let _ = writeln!(io::stderr().lock(), "dump: {message}");
}

/// Says what was wrong, with the synopsis of the usage (its lines up to
/// the first blank one) and where the rest is.
fn usage_error(message: &str) -> ExitCode {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "dump: {message}");
    for line in USAGE.lines().take_while(|line| !line.is_empty()) {
        let _ = writeln!(stderr, "{line}");
    }
    let _ = writeln!(stderr, "run `dump --help` for the options");
    ExitCode::from(1)
}

fn run(config: &Config) -> ExitCode {
    let selector = match config.select.as_deref().map(Selector::parse).transpose() {
        Ok(selector) => selector,
        Err(e) => {
            complain(&e.to_string());
            return ExitCode::from(2);
        }
    };
    let bytes = match read_input(&config.input) {
        Ok(bytes) => bytes,
        Err(message) => {
            complain(&message);
            return ExitCode::from(1);
        }
    };
    if config.format == Format::Tokens {
        let mut options = TokenizerOptions::new()
            .initial_state(config.initial_state.unwrap_or_default())
            .keep_errors(config.errors);
        if let Some(tag) = &config.last_start_tag {
            options = options.last_start_tag(tag);
        }
        let found = tokenize(&decode(&bytes), &options);
        return write_output(&tokens_json(&found, config.errors));
    }
    let options = config.parse_options();
    let parsed = if config.bytes {
        parse_html_bytes(&bytes, &options)
    } else {
        match &config.fragment {
            Some(context) => parse_fragment(context, &decode(&bytes), &options),
            None => parse_html(&decode(&bytes), &options),
        }
    };
    let doc = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            complain(&e.to_string());
            return ExitCode::from(2);
        }
    };
    if let Some(encoding) = doc.encoding() {
        // `NAME (SOURCE)`; written before anything else.
        let _ = writeln!(io::stderr().lock(), "encoding: {encoding}");
    }
    write_output(&render(&doc, config.format, selector.as_ref()))
}

/// Writes the output and says how that went.
fn write_output(output: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`dump page.html | head`) is not an error
        // worth a message, but the output is incomplete.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            complain(&format!("cannot write output: {e}"));
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Help) => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(USAGE.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(1),
            }
        }
        Ok(Command::Run(config)) => run(&config),
        Err(message) => usage_error(&message),
    }
}
