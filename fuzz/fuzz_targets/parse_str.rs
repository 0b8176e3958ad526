#![no_main]

use libfuzzer_sys::fuzz_target;

// Counts the heap, for the peak-heap bound the checks hold parses to.
#[global_allocator]
static ALLOCATOR: htmldict_test_support::alloc::Counting = htmldict_test_support::alloc::Counting;

fuzz_target!(|data: &[u8]| htmldict_test_support::checks::parse_str(data));
