//! The counting allocator counts what a block costs, its peak, and nothing
//! once the block is freed.

use std::sync::{Arc, Barrier};

use htmldict_test_support::alloc::{
    Counting, counting_installed, live_blocks, live_bytes, peak_bytes, reset_peak,
    reset_thread_peak, thread_live_blocks, thread_live_bytes, thread_peak_bytes,
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

    // A thread's own balance moves with its own blocks, not another's.
    let (mine, my_blocks) = (thread_live_bytes(), thread_live_blocks());
    let kept = vec![0u8; 100];
    assert_eq!(
        (thread_live_bytes(), thread_live_blocks()),
        (mine + 100, my_blocks + 1)
    );
    let barrier = Arc::new(Barrier::new(2));
    let other = {
        let barrier = barrier.clone();
        std::thread::spawn(move || {
            barrier.wait();
            let start = thread_live_bytes();
            let leaked: &'static mut [u8] = std::hint::black_box(Vec::leak(vec![0u8; 1000]));
            let theirs = thread_live_bytes() - start;
            barrier.wait();
            (leaked.len(), theirs)
        })
    };
    let before = thread_live_bytes();
    reset_thread_peak();
    barrier.wait();
    barrier.wait();
    assert_eq!(thread_live_bytes(), before);
    // Nor does its peak move with another thread's blocks.
    assert_eq!(thread_peak_bytes(), before);
    drop(std::hint::black_box(vec![0u8; 500]));
    assert_eq!(thread_peak_bytes(), before + 500);
    drop(kept);
    assert_eq!(thread_live_bytes(), before - 100);
    let (len, theirs) = other.join().unwrap();
    assert_eq!(len, 1000);
    assert_eq!(theirs, 1000);
}
