//! The name dictionaries: one abstract base class holding the crate's
//! dictionary, one subclass per kind.

use std::sync::Arc;

use htmldict::dict::{LRU_MAX_CAPACITY, from_spec as crate_from_spec};
use htmldict::{
    Admission, DictStats, GlobalDictionary as CrateGlobal, LruDictionary as CrateLru,
    NameDictionary, PerDocumentDictionary as CratePerDocument,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

use crate::errors::spec_error;

/// A store of interned element and attribute names, shared by every parse
/// given it, from any thread.
///
/// Not made directly: use `GlobalDictionary`, `PerDocumentDictionary`,
/// `LruDictionary` or `from_spec`.
///
/// >>> import htmldict
/// >>> isinstance(htmldict.LruDictionary(64), htmldict.Dictionary)
/// True
#[pyclass(subclass, frozen, module = "htmldict")]
pub(crate) struct Dictionary {
    pub(crate) inner: Arc<dyn NameDictionary>,
    spec: String,
}

#[pymethods]
impl Dictionary {
    #[new]
    fn new() -> PyResult<Self> {
        Err(PyTypeError::new_err(
            "Dictionary is abstract: use GlobalDictionary, PerDocumentDictionary, \
             LruDictionary or from_spec",
        ))
    }

    /// The spec that makes a dictionary of this kind and size with
    /// `from_spec`: "global", "per-document", "lru:N" or "lru:N:always".
    ///
    /// >>> import htmldict
    /// >>> htmldict.LruDictionary(512, admission="always").spec
    /// 'lru:512:always'
    #[getter]
    fn spec(&self) -> &str {
        &self.spec
    }

    /// What the dictionary holds and how it was used, as a dict: entries,
    /// bytes (the heap it holds: stored names, and for an LRU dictionary
    /// its table, allocated up front), lookups, hits, misses,
    /// not_stored (misses handed a private copy), evictions, and capacity
    /// (None when unbounded). Counters only grow; entries and bytes are now.
    /// Only names that would cost an allocation are looked up: html5ever's
    /// built-in names (`div`, `href`, `aria-label`, ...) and names of 7
    /// bytes or less never reach a dictionary.
    ///
    /// >>> import htmldict
    /// >>> d = htmldict.LruDictionary(64)
    /// >>> _ = htmldict.parse("<app-cart-drawer>", dictionary=d)
    /// >>> stats = d.stats()
    /// >>> stats["lookups"], stats["misses"], stats["entries"], stats["capacity"]
    /// (1, 1, 1, 64)
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        stats_dict(py, self.inner.stats())
    }

    fn __repr__(&self) -> String {
        let stats = self.inner.stats();
        format!(
            "<htmldict dictionary {:?}: {} entries, {} lookups>",
            self.spec, stats.entries, stats.lookups
        )
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "a dictionary cannot be pickled: make one in each process (from_spec)",
        ))
    }
}

fn stats_dict(py: Python<'_>, stats: DictStats) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("entries", stats.entries)?;
    dict.set_item("bytes", stats.bytes)?;
    dict.set_item("lookups", stats.lookups)?;
    dict.set_item("hits", stats.hits)?;
    dict.set_item("misses", stats.misses)?;
    dict.set_item("not_stored", stats.not_stored)?;
    dict.set_item("evictions", stats.evictions)?;
    dict.set_item("capacity", stats.capacity)?;
    Ok(dict)
}

/// One dictionary for every document, never shrinking: libxml2's way, here
/// to compare with.
///
/// >>> import htmldict
/// >>> d = htmldict.GlobalDictionary()
/// >>> _ = htmldict.parse("<x-widget-one>", dictionary=d)
/// >>> _ = htmldict.parse("<x-widget-two>", dictionary=d)
/// >>> d.stats()["entries"]
/// 2
#[pyclass(extends = Dictionary, frozen, module = "htmldict")]
pub(crate) struct GlobalDictionary;

#[pymethods]
impl GlobalDictionary {
    #[new]
    fn new() -> PyClassInitializer<Self> {
        wrap(Arc::new(CrateGlobal::new()), "global".to_owned()).add_subclass(GlobalDictionary)
    }

    /// The process-wide global dictionary (what `from_spec("global")`
    /// gives).
    ///
    /// >>> import htmldict
    /// >>> htmldict.GlobalDictionary.shared().spec
    /// 'global'
    /// >>> htmldict.from_spec("global") is htmldict.GlobalDictionary.shared()
    /// True
    #[staticmethod]
    fn shared(py: Python<'_>) -> PyResult<Py<GlobalDictionary>> {
        static SHARED: PyOnceLock<Py<GlobalDictionary>> = PyOnceLock::new();
        let shared = SHARED.get_or_try_init(py, || {
            let init = wrap(CrateGlobal::shared(), "global".to_owned());
            Py::new(py, init.add_subclass(GlobalDictionary))
        })?;
        Ok(shared.clone_ref(py))
    }
}

/// Each document keeps its own names, freed with it: nothing is shared and
/// nothing stays behind.
///
/// >>> import htmldict
/// >>> d = htmldict.PerDocumentDictionary()
/// >>> doc = htmldict.parse("<x-widget-one>", dictionary=d)
/// >>> d.stats()["entries"]  # while the document lives
/// 1
/// >>> del doc
/// >>> d.stats()["entries"]
/// 0
#[pyclass(extends = Dictionary, frozen, module = "htmldict")]
pub(crate) struct PerDocumentDictionary;

#[pymethods]
impl PerDocumentDictionary {
    #[new]
    fn new() -> PyClassInitializer<Self> {
        wrap(Arc::new(CratePerDocument::new()), "per-document".to_owned())
            .add_subclass(PerDocumentDictionary)
    }
}

/// A bounded cache of the most recently used names: memory stays flat over
/// a crawl of any length.
///
/// `capacity` is the number of names (1 to 16,777,216). `admission` says
/// when a full cache stores a missed name: "second-sighting" (the default)
/// only the second time it is missed, so that names seen once do not push
/// out the common ones; "always" on every miss (a plain LRU cache).
///
/// >>> import htmldict
/// >>> d = htmldict.LruDictionary(2)
/// >>> for name in ["x-widget-one", "x-widget-two", "x-widget-three"]:
/// ...     _ = htmldict.parse(f"<{name}>", dictionary=d)
/// >>> d.stats()["entries"], d.capacity
/// (2, 2)
#[pyclass(extends = Dictionary, frozen, module = "htmldict")]
pub(crate) struct LruDictionary {
    capacity: usize,
    admission: Admission,
}

#[pymethods]
impl LruDictionary {
    #[new]
    #[pyo3(
        signature = (capacity = htmldict::dict::LRU_DEFAULT_CAPACITY, admission = "second-sighting"),
        text_signature = "(capacity=4096, admission='second-sighting')"
    )]
    fn new(capacity: usize, admission: &str) -> PyResult<PyClassInitializer<Self>> {
        let admission = match admission {
            "second-sighting" => Admission::OnSecondSighting,
            "always" => Admission::Always,
            other => {
                return Err(PyValueError::new_err(format!(
                    "admission must be \"second-sighting\" or \"always\", not {other:?}"
                )));
            }
        };
        if !(1..=LRU_MAX_CAPACITY).contains(&capacity) {
            return Err(PyValueError::new_err(format!(
                "an LRU capacity of {capacity}, expected 1 <= capacity <= {LRU_MAX_CAPACITY}"
            )));
        }
        let dict = Arc::new(CrateLru::with_admission(capacity, admission));
        Ok(lru(dict, capacity, admission))
    }

    /// The process-wide default dictionary: an LRU of 4,096 names, what a
    /// parse without `dictionary=` uses.
    ///
    /// >>> import htmldict
    /// >>> htmldict.LruDictionary.shared_default().capacity
    /// 4096
    #[staticmethod]
    fn shared_default(py: Python<'_>) -> PyResult<Py<LruDictionary>> {
        // One Python object for the process-wide dictionary: every parse
        // without `dictionary=` hands it to its document.
        static DEFAULT: PyOnceLock<Py<LruDictionary>> = PyOnceLock::new();
        let default = DEFAULT.get_or_try_init(py, || {
            let dict = CrateLru::shared_default();
            let capacity = dict.capacity();
            Py::new(py, lru(dict, capacity, Admission::OnSecondSighting))
        })?;
        Ok(default.clone_ref(py))
    }

    /// The number of names it holds at most.
    ///
    /// >>> import htmldict
    /// >>> htmldict.LruDictionary(100).capacity
    /// 100
    #[getter]
    fn capacity(&self) -> usize {
        self.capacity
    }

    /// "second-sighting" or "always".
    ///
    /// >>> import htmldict
    /// >>> htmldict.LruDictionary().admission
    /// 'second-sighting'
    #[getter]
    fn admission(&self) -> &'static str {
        admission_name(self.admission)
    }
}

fn admission_name(admission: Admission) -> &'static str {
    match admission {
        Admission::Always => "always",
        _ => "second-sighting",
    }
}

fn wrap(inner: Arc<dyn NameDictionary>, spec: String) -> PyClassInitializer<Dictionary> {
    PyClassInitializer::from(Dictionary { inner, spec })
}

fn lru(
    dict: Arc<CrateLru>,
    capacity: usize,
    admission: Admission,
) -> PyClassInitializer<LruDictionary> {
    let spec = match admission {
        Admission::Always => format!("lru:{capacity}:always"),
        _ => format!("lru:{capacity}"),
    };
    wrap(dict, spec).add_subclass(LruDictionary {
        capacity,
        admission,
    })
}

/// The dictionary a spec names: "global" (the process-wide global
/// dictionary), "per-document", "lru:N" or "lru:N:always" (a new LRU
/// dictionary of N names). Raises DictionarySpecError (a ValueError) for
/// anything else.
///
/// >>> import htmldict
/// >>> d = htmldict.from_spec("lru:4096")
/// >>> type(d).__name__, d.capacity
/// ('LruDictionary', 4096)
/// >>> htmldict.from_spec("lru:0")
/// Traceback (most recent call last):
/// ...
/// htmldict.DictionarySpecError: invalid dictionary "lru:0": an LRU capacity of 0, expected 1 <= N <= 16777216
#[pyfunction]
pub(crate) fn from_spec(py: Python<'_>, spec: &str) -> PyResult<Py<PyAny>> {
    // The crate decides what a spec means; the kind only picks the class.
    let dict = crate_from_spec(spec).map_err(|e| spec_error(py, spec, e))?;
    if spec == "global" {
        return Ok(GlobalDictionary::shared(py)?.into_any());
    }
    if spec == "per-document" {
        let init = wrap(dict, spec.to_owned()).add_subclass(PerDocumentDictionary);
        return Ok(Py::new(py, init)?.into_any());
    }
    let capacity = dict
        .stats()
        .capacity
        .and_then(|c| usize::try_from(c).ok())
        .unwrap_or(htmldict::dict::LRU_DEFAULT_CAPACITY);
    let admission = if spec.ends_with(":always") {
        Admission::Always
    } else {
        Admission::OnSecondSighting
    };
    let init = wrap(dict, spec.to_owned()).add_subclass(LruDictionary {
        capacity,
        admission,
    });
    Ok(Py::new(py, init)?.into_any())
}

/// The process-wide default dictionary (`LruDictionary.shared_default()`),
/// what a parse without `dictionary=` uses.
///
/// >>> import htmldict
/// >>> htmldict.default_dictionary().spec
/// 'lru:4096'
/// >>> htmldict.parse("<p>").dictionary is htmldict.default_dictionary()
/// True
#[pyfunction]
pub(crate) fn default_dictionary(py: Python<'_>) -> PyResult<Py<LruDictionary>> {
    LruDictionary::shared_default(py)
}
