#![no_main]

use libfuzzer_sys::fuzz_target;

// Counts the heap, as every target's allocator does (the checks share it).
#[global_allocator]
static ALLOCATOR: htmldict_test_support::alloc::Counting = htmldict_test_support::alloc::Counting;

fuzz_target!(|data: &[u8]| htmldict_test_support::differential::tree(data));
