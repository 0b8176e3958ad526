//! The checks the fuzz targets run, in a library so that the regression
//! test of the main crate (`tests/fuzz_regressions.rs`) runs the very same
//! code on the inputs kept in `tests/data/fuzz-regressions/`.

pub mod checks;
