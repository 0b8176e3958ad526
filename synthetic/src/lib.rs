//! Deterministic generated pages for crawl simulations, shared by htmldict's
//! tests, examples and benches (through its test support) and by the Python
//! package, whose memory example runs the same stream of pages as the Rust
//! crawl example.
//!
//! * [`synthetic`]: a crawl of sites built with front-end frameworks whose
//!   names change with every build, and pages whose names are all new;
//! * [`rng`]: the small generators that do the choosing.
//!
//! ```
//! use htmldict_synthetic::synthetic::{SyntheticCrawl, novel_page};
//! assert_ne!(novel_page(1), novel_page(2));
//! let mut crawl = SyntheticCrawl::new(42, Vec::new());
//! assert_eq!(crawl.page(7), SyntheticCrawl::new(42, Vec::new()).page(7));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod rng;
pub mod synthetic;
