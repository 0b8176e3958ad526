//! The Python package `htmldict`: a thin layer over the Rust crate of the
//! same name. Each Python call is one call of the crate's public API; what
//! is here is conversion (options from keywords, nodes as handles on a
//! shared document, the crate's errors as exceptions) and releasing the GIL
//! around parses and selector matching.
//!
//! * `parse.rs`: `parse`, `parse_fragment`, `Parser`, `Limits`;
//! * `document.rs`: `Document`, `Node` and what they give;
//! * `dictionaries.rs`: the name dictionaries and `from_spec`;
//! * `errors.rs`: the crate's errors as the exceptions of `_errors.py`.

#![forbid(unsafe_code)]

mod dictionaries;
mod document;
mod errors;
mod parse;

use pyo3::prelude::*;

/// A generated page whose 48 framework names (Vue `data-v-*`, Angular
/// `_nghost-*` and `_ngcontent-*`, custom elements) and ids are all new:
/// different from those of any other seed below 2**26. About 18 KB.
///
/// >>> from htmldict.synthetic import novel_page
/// >>> novel_page(1) == novel_page(1), novel_page(1) == novel_page(2)
/// (True, False)
#[pyfunction]
fn novel_page(seed: u64) -> String {
    htmldict_synthetic::synthetic::novel_page(seed)
}

/// Page `i` of the simulated crawl `seed` of the Rust crawl example: 2,000
/// sites on front-end frameworks whose names change with each redeploy,
/// 5 to 20 KB a page.
///
/// >>> from htmldict.synthetic import crawl_page
/// >>> crawl_page(42, 7) == crawl_page(42, 7)
/// True
#[pyfunction]
fn crawl_page(seed: u64, i: u64) -> String {
    htmldict_synthetic::synthetic::SyntheticCrawl::new(seed, Vec::new()).page(i)
}

#[pymodule]
fn _htmldict(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<dictionaries::Dictionary>()?;
    m.add_class::<dictionaries::GlobalDictionary>()?;
    m.add_class::<dictionaries::PerDocumentDictionary>()?;
    m.add_class::<dictionaries::LruDictionary>()?;
    m.add_function(wrap_pyfunction!(dictionaries::from_spec, m)?)?;
    m.add_function(wrap_pyfunction!(dictionaries::default_dictionary, m)?)?;
    m.add_class::<parse::Limits>()?;
    m.add_class::<parse::Parser>()?;
    m.add_function(wrap_pyfunction!(parse::parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse::parse_fragment, m)?)?;
    m.add_class::<document::Document>()?;
    m.add_class::<document::Node>()?;
    m.add_class::<document::Encoding>()?;
    m.add_class::<document::MarkupError>()?;
    m.add_class::<document::Link>()?;
    m.add_class::<document::PageFacts>()?;
    m.add_class::<document::Refresh>()?;
    m.add_function(wrap_pyfunction!(novel_page, m)?)?;
    m.add_function(wrap_pyfunction!(crawl_page, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
