#![no_main]

use libfuzzer_sys::fuzz_target;

// Counts the heap, as every target does (the checks of this one do not
// read it).
#[global_allocator]
static ALLOCATOR: htmldict_test_support::alloc::Counting = htmldict_test_support::alloc::Counting;

fuzz_target!(|data: &[u8]| htmldict_test_support::checks::tokens(data));
