//! Parsing: the options, one-shot parses and the streaming parser.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, mpsc};

use htmldict::{
    Limits as CrateLimits, ParseError, ParseOptions, Parser as CrateParser,
    parse_fragment as crate_fragment, parse_html, parse_html_bytes,
};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::dictionaries::{Dictionary, default_dictionary};
use crate::document::Document;
use crate::errors::parse_error;

/// Bounds on what one parse may build. A field not given keeps its
/// default; `Limits.none()` lifts them all.
///
/// >>> import htmldict
/// >>> limits = htmldict.Limits(max_nodes=100_000)
/// >>> limits.max_nodes, limits.max_depth == htmldict.Limits().max_depth
/// (100000, True)
/// >>> htmldict.parse("<div>" * 10, limits=htmldict.Limits(max_depth=5))
/// Traceback (most recent call last):
/// ...
/// htmldict.LimitExceeded: limit exceeded: depth reached 6, the maximum is 5
#[pyclass(get_all, set_all, module = "htmldict")]
#[derive(Clone)]
pub(crate) struct Limits {
    /// Bytes of input (64 MiB by default).
    max_input_bytes: u64,
    /// Nodes in one document.
    max_nodes: u64,
    /// Attributes on one element.
    max_attributes_per_element: u64,
    /// Depth of an element below the document.
    max_depth: u64,
    /// Bytes of one element or attribute name.
    max_name_bytes: u64,
}

impl Limits {
    fn from_crate(limits: CrateLimits) -> Limits {
        Limits {
            max_input_bytes: limits.max_input_bytes,
            max_nodes: limits.max_nodes,
            max_attributes_per_element: limits.max_attributes_per_element,
            max_depth: limits.max_depth,
            max_name_bytes: limits.max_name_bytes,
        }
    }

    fn to_crate(&self) -> CrateLimits {
        CrateLimits {
            max_input_bytes: self.max_input_bytes,
            max_nodes: self.max_nodes,
            max_attributes_per_element: self.max_attributes_per_element,
            max_depth: self.max_depth,
            max_name_bytes: self.max_name_bytes,
        }
    }
}

#[pymethods]
impl Limits {
    #[new]
    #[pyo3(signature = (*, max_input_bytes = None, max_nodes = None, max_attributes_per_element = None, max_depth = None, max_name_bytes = None))]
    fn new(
        max_input_bytes: Option<u64>,
        max_nodes: Option<u64>,
        max_attributes_per_element: Option<u64>,
        max_depth: Option<u64>,
        max_name_bytes: Option<u64>,
    ) -> Limits {
        let default = Limits::from_crate(CrateLimits::default());
        Limits {
            max_input_bytes: max_input_bytes.unwrap_or(default.max_input_bytes),
            max_nodes: max_nodes.unwrap_or(default.max_nodes),
            max_attributes_per_element: max_attributes_per_element
                .unwrap_or(default.max_attributes_per_element),
            max_depth: max_depth.unwrap_or(default.max_depth),
            max_name_bytes: max_name_bytes.unwrap_or(default.max_name_bytes),
        }
    }

    /// No limits at all: for trusted input only.
    ///
    /// >>> import htmldict
    /// >>> htmldict.Limits.none().max_nodes == 2**64 - 1
    /// True
    #[staticmethod]
    fn none() -> Limits {
        Limits::from_crate(CrateLimits::none())
    }

    fn __repr__(&self) -> String {
        format!(
            "Limits(max_input_bytes={}, max_nodes={}, max_attributes_per_element={}, \
             max_depth={}, max_name_bytes={})",
            self.max_input_bytes,
            self.max_nodes,
            self.max_attributes_per_element,
            self.max_depth,
            self.max_name_bytes
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Limits>>()
            .is_ok_and(|other| self.to_crate() == other.to_crate())
    }
}

/// The options every entry point takes, gathered from its keywords.
pub(crate) struct Options {
    options: ParseOptions,
    dictionary: Py<Dictionary>,
}

impl Options {
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        dictionary: Option<Bound<'_, Dictionary>>,
        collect_ids: bool,
        scripting: bool,
        charset: Option<&str>,
        page_host: Option<&str>,
        limits: Option<PyRef<'_, Limits>>,
        truncate_on_limit: bool,
        keep_errors: bool,
    ) -> PyResult<Options> {
        let dictionary: Py<Dictionary> = match dictionary {
            Some(dictionary) => dictionary.unbind(),
            None => default_dictionary(py)?.into_bound(py).into_super().unbind(),
        };
        let mut options = ParseOptions::new()
            .dictionary(Arc::clone(&dictionary.get().inner))
            .collect_ids(collect_ids)
            .scripting(scripting)
            .truncate_on_limit(truncate_on_limit)
            .keep_errors(keep_errors);
        if let Some(charset) = charset {
            options = options.transport_charset(charset);
        }
        if let Some(host) = page_host {
            options = options.page_host(host);
        }
        if let Some(limits) = limits {
            options = options.limits(limits.to_crate());
        }
        Ok(Options {
            options,
            dictionary,
        })
    }

    fn document(&self, py: Python<'_>, inner: htmldict::Document) -> Document {
        Document {
            inner: Arc::new(inner),
            dictionary: self.dictionary.clone_ref(py),
        }
    }
}

/// What `parse` and `Parser.feed` take: bytes to decode, or text.
enum Input<'a> {
    Bytes(Cow<'a, [u8]>),
    Text(Cow<'a, str>),
}

impl<'a> Input<'a> {
    fn from_object(data: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Input<'a>> {
        if let Ok(bytes) = data.cast::<PyBytes>() {
            return Ok(Input::Bytes(Cow::Borrowed(bytes.as_bytes())));
        }
        if let Ok(text) = data.cast::<PyString>() {
            return Ok(Input::Text(text.to_cow()?));
        }
        if let Ok(array) = data.cast::<PyByteArray>() {
            return Ok(Input::Bytes(Cow::Owned(array.to_vec())));
        }
        if data.is_instance_of::<pyo3::types::PyMemoryView>() {
            let copy = data
                .py()
                .import("builtins")?
                .getattr("bytes")?
                .call1((data,))?;
            let copy = copy.cast::<PyBytes>()?;
            return Ok(Input::Bytes(Cow::Owned(copy.as_bytes().to_vec())));
        }
        Err(PyTypeError::new_err(format!(
            "{what} takes bytes, bytearray, memoryview or str, not {}",
            data.get_type().name()?
        )))
    }
}

/// Parses a page into a `Document`.
///
/// `data` is the page's bytes (decoded as the HTML standard says: a byte
/// order mark, else `charset`, the transport charset from the
/// Content-Type header, else a `<meta>` declaration, else detection from
/// the bytes, with `page_host` as a hint) or its text.
///
/// Keywords:
///
/// * `dictionary`: where names are interned (default: the process-wide
///   `LruDictionary` of 4,096 names, `default_dictionary()`);
/// * `collect_ids`: index `id`s for `get_element_by_id` (default True);
/// * `scripting`: parse `<noscript>` as a browser with scripts does
///   (default True);
/// * `charset`: the transport charset; a label that names no encoding is
///   ignored, as the standard says (default None);
/// * `page_host`: the page's host, for detection (default None);
/// * `limits`: a `Limits` (default `Limits()`);
/// * `truncate_on_limit`: past a limit, return the document so far marked
///   `truncated` instead of raising `LimitExceeded` (default False);
/// * `keep_errors`: keep markup errors in `Document.errors` (default
///   False).
///
/// The GIL is released while parsing.
///
/// >>> import htmldict
/// >>> doc = htmldict.parse(b"<meta charset=windows-1251><p>\xcc\xe8\xf0")
/// >>> doc.css_first("p").text(), doc.encoding.name
/// ('Мир', 'windows-1251')
/// >>> htmldict.parse("<p>text").css_first("p").text()
/// 'text'
/// >>> htmldict.parse(42)
/// Traceback (most recent call last):
/// ...
/// TypeError: parse() takes bytes, bytearray, memoryview or str, not int
#[pyfunction]
#[pyo3(signature = (data, *, dictionary = None, collect_ids = true, scripting = true, charset = None, page_host = None, limits = None, truncate_on_limit = false, keep_errors = false))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    dictionary: Option<Bound<'_, Dictionary>>,
    collect_ids: bool,
    scripting: bool,
    charset: Option<&str>,
    page_host: Option<&str>,
    limits: Option<PyRef<'_, Limits>>,
    truncate_on_limit: bool,
    keep_errors: bool,
) -> PyResult<Document> {
    let options = Options::new(
        py,
        dictionary,
        collect_ids,
        scripting,
        charset,
        page_host,
        limits,
        truncate_on_limit,
        keep_errors,
    )?;
    let input = Input::from_object(data, "parse()")?;
    let parsed = py.detach(|| match &input {
        Input::Bytes(bytes) => parse_html_bytes(bytes, &options.options),
        Input::Text(text) => parse_html(text, &options.options),
    });
    match parsed {
        Ok(doc) => Ok(options.document(py, doc)),
        Err(error) => Err(parse_error(py, error)),
    }
}

/// Parses `html` as the content of a `context` element (its local name:
/// "div", "td", "template", or "svg path" / "math mi" for foreign
/// elements), as `innerHTML` does. The document's `root` holds the
/// fragment's nodes. Raises ContextError (a ValueError) for a context
/// that names no element. Keywords as for `parse`.
///
/// >>> import htmldict
/// >>> doc = htmldict.parse_fragment("tr", "<td>a<td>b")
/// >>> [td.text() for td in doc.root.children]
/// ['a', 'b']
#[pyfunction]
#[pyo3(signature = (context, html, *, dictionary = None, collect_ids = true, scripting = true, limits = None, truncate_on_limit = false, keep_errors = false))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse_fragment(
    py: Python<'_>,
    context: &str,
    html: &str,
    dictionary: Option<Bound<'_, Dictionary>>,
    collect_ids: bool,
    scripting: bool,
    limits: Option<PyRef<'_, Limits>>,
    truncate_on_limit: bool,
    keep_errors: bool,
) -> PyResult<Document> {
    let options = Options::new(
        py,
        dictionary,
        collect_ids,
        scripting,
        None,
        None,
        limits,
        truncate_on_limit,
        keep_errors,
    )?;
    match py.detach(|| crate_fragment(context, html, &options.options)) {
        Ok(doc) => Ok(options.document(py, doc)),
        Err(error) => Err(parse_error(py, error)),
    }
}

/// A streaming parser: `feed` it the page in pieces as they arrive (all
/// bytes, or all text), then `close` it for the `Document`, the same one
/// `parse` gives for the whole page. Keywords as for `parse`.
///
/// >>> import htmldict
/// >>> parser = htmldict.Parser(charset="utf-8")
/// >>> for piece in [b"<ul><li>caf", b"\xc3", b"\xa9<li>two</ul>"]:
/// ...     parser.feed(piece)
/// >>> [li.text() for li in parser.close().css("li")]
/// ['café', 'two']
///
/// Each parser works on a thread of its own, which ends with it: it can be
/// fed from any thread (one piece at a time; concurrent calls wait their
/// turn), the GIL is released while a piece is parsed, and what it holds
/// is freed wherever the parser is dropped.
#[pyclass(frozen, module = "htmldict")]
pub(crate) struct Parser {
    /// `None` once closed.
    state: Mutex<Option<Streaming>>,
}

/// An open parse: the thread that holds the crate's parser, and what the
/// document will carry.
struct Streaming {
    requests: mpsc::Sender<Request>,
    replies: mpsc::Receiver<Reply>,
    options: Options,
}

/// What a parser's thread is asked to do.
enum Request {
    Bytes(Vec<u8>),
    Text(String),
    Finish,
}

/// What it answers.
enum Reply {
    Fed(Result<(), ParseError>),
    Finished(Box<Result<htmldict::Document, ParseError>>),
}

/// The loop of a parser's thread. The crate's streaming parser holds
/// non-atomic buffers (it is not `Send`), so it lives and dies on this one
/// thread; pieces and the document cross by channel.
fn serve(options: ParseOptions, requests: mpsc::Receiver<Request>, replies: mpsc::Sender<Reply>) {
    let mut parser = CrateParser::new(&options);
    while let Ok(request) = requests.recv() {
        let fed = match request {
            Request::Bytes(bytes) => parser.feed_bytes(&bytes),
            Request::Text(text) => parser.feed_str(&text),
            Request::Finish => {
                // The caller may be gone; nothing is left to do either way.
                let _ = replies.send(Reply::Finished(Box::new(parser.finish())));
                return;
            }
        };
        if replies.send(Reply::Fed(fed)).is_err() {
            return;
        }
    }
    // The Python parser was dropped without `close`: the parser is freed
    // here, on its own thread.
}

/// The thread answered what it was not asked, or ended: not expected, but
/// said rather than hidden.
fn thread_lost() -> PyErr {
    PyRuntimeError::new_err("the Parser's thread ended unexpectedly")
}

#[pymethods]
impl Parser {
    #[new]
    #[pyo3(signature = (*, dictionary = None, collect_ids = true, scripting = true, charset = None, page_host = None, limits = None, truncate_on_limit = false, keep_errors = false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        dictionary: Option<Bound<'_, Dictionary>>,
        collect_ids: bool,
        scripting: bool,
        charset: Option<&str>,
        page_host: Option<&str>,
        limits: Option<PyRef<'_, Limits>>,
        truncate_on_limit: bool,
        keep_errors: bool,
    ) -> PyResult<Parser> {
        let options = Options::new(
            py,
            dictionary,
            collect_ids,
            scripting,
            charset,
            page_host,
            limits,
            truncate_on_limit,
            keep_errors,
        )?;
        let (requests, incoming) = mpsc::channel();
        let (outgoing, replies) = mpsc::channel();
        let crate_options = options.options.clone();
        std::thread::Builder::new()
            .name("htmldict-parser".to_owned())
            .spawn(move || serve(crate_options, incoming, outgoing))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start a Parser's thread: {e}")))?;
        Ok(Parser {
            state: Mutex::new(Some(Streaming {
                requests,
                replies,
                options,
            })),
        })
    }

    /// Takes the next piece of the page: bytes (any cut, even inside a
    /// character) or text, but not both in one parse (MixedInputError).
    /// Raises LimitExceeded as soon as a limit is passed (unless
    /// `truncate_on_limit`), and ValueError once closed.
    fn feed(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let request = match Input::from_object(data, "Parser.feed()")? {
            Input::Bytes(bytes) => Request::Bytes(bytes.into_owned()),
            Input::Text(text) => Request::Text(text.into_owned()),
        };
        // Waiting for the lock without the GIL: a call in progress in
        // another thread needs the GIL back to finish.
        let reply = py.detach(|| {
            let state = self.state.lock().map_err(|_| Failure::Poisoned)?;
            let streaming = state.as_ref().ok_or(Failure::Closed)?;
            streaming
                .requests
                .send(request)
                .map_err(|_| Failure::Lost)?;
            streaming.replies.recv().map_err(|_| Failure::Lost)
        });
        match reply.map_err(Failure::into_error)? {
            Reply::Fed(fed) => fed.map_err(|error| parse_error(py, error)),
            Reply::Finished(_) => Err(thread_lost()),
        }
    }

    /// Ends the input and returns the `Document`. The parser cannot be
    /// used afterwards (ValueError).
    fn close(&self, py: Python<'_>) -> PyResult<Document> {
        let finished = py.detach(|| {
            let streaming = self
                .state
                .lock()
                .map_err(|_| Failure::Poisoned)?
                .take()
                .ok_or(Failure::Closed)?;
            streaming
                .requests
                .send(Request::Finish)
                .map_err(|_| Failure::Lost)?;
            let reply = streaming.replies.recv().map_err(|_| Failure::Lost)?;
            Ok((reply, streaming.options))
        });
        match finished.map_err(Failure::into_error)? {
            (Reply::Finished(result), options) => match *result {
                Ok(doc) => Ok(options.document(py, doc)),
                Err(error) => Err(parse_error(py, error)),
            },
            (Reply::Fed(_), _) => Err(thread_lost()),
        }
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err("a htmldict Parser cannot be pickled"))
    }
}

/// Why a call on a `Parser` could not be made, found without the GIL.
enum Failure {
    Closed,
    Poisoned,
    Lost,
}

impl Failure {
    fn into_error(self) -> PyErr {
        match self {
            Failure::Closed => PyValueError::new_err("this Parser is closed: close() was called"),
            // Only a panic while the lock was held poisons it; the crate
            // has none, so this is not expected either.
            Failure::Poisoned => PyRuntimeError::new_err("this Parser failed earlier"),
            Failure::Lost => thread_lost(),
        }
    }
}
