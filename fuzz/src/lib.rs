//! The checks the fuzz targets run, in a library so that the regression
//! test of the main crate (`tests/fuzz_regressions.rs`) runs the very same
//! code on the inputs kept in `tests/data/fuzz-regressions/`.

pub mod checks;
pub mod differential;

// The main crate's tag-soup generator and rcdom adapter, as its tests use
// them.
#[path = "../../tests/support/rcdom.rs"]
#[allow(dead_code)]
pub mod rcdom;
#[path = "../../tests/support/soup.rs"]
#[allow(dead_code)]
pub mod soup;
