//! The counting allocator counts what a block costs, its peak, and nothing
//! once the block is freed.

use htmldict_test_support::alloc::{
    Counting, counting_installed, live_blocks, live_bytes, peak_bytes, reset_peak,
};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn counts_live_bytes_blocks_and_the_peak() {
    assert!(counting_installed());
    // Other tests of this binary do not run concurrently: there is one.
    let (bytes, blocks) = (live_bytes(), live_blocks());
    reset_peak();
    let mut v: Vec<u8> = Vec::with_capacity(1000);
    assert_eq!(live_bytes(), bytes + 1000);
    assert_eq!(live_blocks(), blocks + 1);
    v.reserve_exact(3000);
    assert_eq!(live_bytes(), bytes + 3000);
    v.shrink_to(10);
    assert_eq!(live_bytes(), bytes + 10);
    drop(v);
    assert_eq!((live_bytes(), live_blocks()), (bytes, blocks));
    assert_eq!(peak_bytes(), bytes + 3000);
    reset_peak();
    assert_eq!(peak_bytes(), bytes);
}
