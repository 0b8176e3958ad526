//! What htmldict's tests, examples, benches and fuzz targets share, kept in
//! one place instead of copied: for now the counting allocators that the
//! memory tests, the footprint and crawl examples and the fuzz targets'
//! peak-heap check install as their global allocator.
//!
//! Not published: the main crate depends on it only for development.

pub mod alloc;

/// The peak-heap bound of the README's "Limits" section, which the fuzz
/// targets' checks and the pathological table hold parses to: a parse holds
/// at most [`peak_bound`](bound::peak_bound) bytes more heap, at its peak,
/// than before it.
pub mod bound {
    /// Bytes of heap a parse may use per byte of input, ...
    pub const PER_INPUT_BYTE: usize = 32;
    /// ... plus this many per node of the tree it builds, ...
    pub const PER_NODE: usize = 128;
    /// ... plus this many.
    pub const FIXED: usize = 256 << 10;

    /// The bound for `input_bytes` of input building `nodes` nodes (for a
    /// parse a limit refused: the nodes of the same input parsed without
    /// limits, since a refused parse stops building where it fails).
    ///
    /// ```
    /// use htmldict_test_support::bound::peak_bound;
    /// assert_eq!(peak_bound(1000, 100), 32 * 1000 + 128 * 100 + 256 * 1024);
    /// ```
    pub fn peak_bound(input_bytes: usize, nodes: usize) -> usize {
        PER_INPUT_BYTE
            .saturating_mul(input_bytes)
            .saturating_add(PER_NODE.saturating_mul(nodes))
            .saturating_add(FIXED)
    }
}
