//! Global allocators that forward to the system allocator and count what is
//! live.
//!
//! Install one in a binary (a test file, an example, a fuzz target) with
//!
//! ```
//! use htmldict_test_support::alloc::{Counting, live_bytes, peak_bytes, reset_peak};
//!
//! #[global_allocator]
//! static ALLOCATOR: Counting = Counting;
//!
//! reset_peak();
//! let before = live_bytes();
//! drop(vec![0u8; 4096]);
//! assert_eq!(live_bytes(), before);
//! assert!(peak_bytes() >= before + 4096);
//! ```
//!
//! and read it with the free functions of this module. [`Counting`] keeps
//! one set of counters (live bytes, live blocks, the peak): exact, but every
//! thread updates the same cache lines; and, for tests that run beside
//! others, each thread's own balance of bytes and blocks
//! ([`thread_live_bytes`]) and its peak ([`thread_peak_bytes`]).
//! [`PerThreadCounting`] keeps live
//! bytes in one counter per thread, for programs that measure parsing
//! threads' speed while they count; it has no peak.
//!
//! Both count the sizes asked for (`Layout::size`), not what the system
//! allocator rounds them up to.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// Live bytes counted by [`Counting`].
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Live blocks counted by [`Counting`].
static BLOCKS: AtomicUsize = AtomicUsize::new(0);
/// The highest [`LIVE`] since the last [`reset_peak`].
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Whether [`Counting`] counts; see [`stop_counting`].
static COUNTING: AtomicBool = AtomicBool::new(true);

thread_local! {
    // Bytes and blocks this thread allocated minus those it freed, under
    // [`Counting`]. Const-initialised and without a destructor: safe to use
    // from inside the allocator, at any point of a thread's life.
    static THREAD_BYTES: Cell<isize> = const { Cell::new(0) };
    static THREAD_BLOCKS: Cell<isize> = const { Cell::new(0) };
    // The highest `THREAD_BYTES` since the thread's last
    // [`reset_thread_peak`].
    static THREAD_PEAK: Cell<isize> = const { Cell::new(0) };
}

/// One set of counters for the whole program (live bytes, live blocks and
/// the peak of live bytes), and one per thread of what the thread itself
/// allocated and freed.
pub struct Counting;

/// Adds `bytes` and `blocks` to the calling thread's counters (nothing once
/// the thread's locals are gone).
fn on_this_thread(bytes: isize, blocks: isize) {
    if let Ok(live) = THREAD_BYTES.try_with(|c| {
        c.set(c.get() + bytes);
        c.get()
    }) {
        let _ = THREAD_PEAK.try_with(|peak| peak.set(peak.get().max(live)));
    }
    let _ = THREAD_BLOCKS.try_with(|c| c.set(c.get() + blocks));
}

fn grew(bytes: usize) {
    if !COUNTING.load(Ordering::Relaxed) {
        return;
    }
    on_this_thread(bytes as isize, 1);
    BLOCKS.fetch_add(1, Ordering::Relaxed);
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        on_this_thread(-(bytes as isize), -1);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
        LIVE.fetch_sub(bytes, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards its arguments unchanged to `System`, which
// upholds the `GlobalAlloc` contract; the counters are atomics that never
// allocate and never affect what is returned.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `layout` are `System.alloc`'s.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller passes a block this allocator (that is, `System`)
        // returned, with the layout it was allocated with.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller passes a block `System` returned, its layout and
        // a valid non-zero new size, as `System.realloc` requires.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // On failure the old block is untouched and still counted.
            shrank(layout.size());
            grew(new_size);
        }
        new
    }
}

/// Live bytes, as [`Counting`] counts them (0 if it is not installed).
pub fn live_bytes() -> usize {
    LIVE.load(Ordering::SeqCst)
}

/// Live blocks, as [`Counting`] counts them.
pub fn live_blocks() -> usize {
    BLOCKS.load(Ordering::SeqCst)
}

/// Bytes the calling thread allocated minus the bytes it freed, under
/// [`Counting`]. Unlike [`live_bytes`], other threads do not move it (the
/// test harness's own threads, for one), so a test that allocates and
/// frees on its own thread can compare two readings exactly while other
/// tests run; a block freed by another thread than the one that allocated
/// it counts on both.
///
/// ```
/// use htmldict_test_support::alloc::{Counting, thread_live_bytes};
///
/// #[global_allocator]
/// static ALLOCATOR: Counting = Counting;
///
/// let before = thread_live_bytes();
/// let kept = vec![0u8; 100];
/// assert_eq!(thread_live_bytes(), before + 100);
/// drop(kept);
/// assert_eq!(thread_live_bytes(), before);
/// ```
pub fn thread_live_bytes() -> isize {
    THREAD_BYTES.try_with(Cell::get).unwrap_or(0)
}

/// Blocks the calling thread allocated minus the blocks it freed, under
/// [`Counting`] (see [`thread_live_bytes`]).
pub fn thread_live_blocks() -> isize {
    THREAD_BLOCKS.try_with(Cell::get).unwrap_or(0)
}

/// Starts a new peak of the calling thread: from now on
/// [`thread_peak_bytes`] is the highest [`thread_live_bytes`] reached since
/// this call. Like [`thread_live_bytes`], other threads do not move it, so
/// a test can measure the peak of its own parse while other tests run.
///
/// ```
/// use htmldict_test_support::alloc::{
///     Counting, reset_thread_peak, thread_live_bytes, thread_peak_bytes,
/// };
///
/// #[global_allocator]
/// static ALLOCATOR: Counting = Counting;
///
/// let before = thread_live_bytes();
/// reset_thread_peak();
/// drop(vec![0u8; 4096]);
/// assert_eq!(thread_peak_bytes(), before + 4096);
/// ```
pub fn reset_thread_peak() {
    let live = thread_live_bytes();
    let _ = THREAD_PEAK.try_with(|peak| peak.set(live));
}

/// The highest [`thread_live_bytes`] of the calling thread since its last
/// [`reset_thread_peak`].
pub fn thread_peak_bytes() -> isize {
    THREAD_PEAK.try_with(Cell::get).unwrap_or(0)
}

/// Starts a new peak: from now on [`peak_bytes`] is the highest live byte
/// count reached since this call.
pub fn reset_peak() {
    PEAK.store(live_bytes(), Ordering::SeqCst);
}

/// The highest live byte count since the last [`reset_peak`] (exact when one
/// thread allocates at a time).
pub fn peak_bytes() -> usize {
    PEAK.load(Ordering::SeqCst)
}

/// Whether [`Counting`] is the global allocator and counting: true once it
/// has counted an allocation, which any program makes before `main`.
pub fn counting_installed() -> bool {
    COUNTING.load(Ordering::SeqCst) && (live_blocks() > 0 || peak_bytes() > 0)
}

/// Makes [`Counting`] stop counting for the rest of the program, so that
/// what it then times does not pay for the counters (each allocation and
/// free otherwise updates shared atomics, which slows an allocation-heavy
/// parse by up to a half). The counters keep the values they had.
pub fn stop_counting() {
    COUNTING.store(false, Ordering::SeqCst);
}

/// Counters of [`PerThreadCounting`]: threads beyond this many share.
const SLOTS: usize = 16;

/// One counter, alone on its cache line.
#[repr(align(128))]
struct Slot(AtomicIsize);

static SLOTTED: [Slot; SLOTS] = [const { Slot(AtomicIsize::new(0)) }; SLOTS];

/// Hands out slots to threads in turn.
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Const-initialised and without a destructor: safe to use from inside
    // the allocator, at any point of a thread's life.
    static MY_SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// This thread's counter.
fn slot() -> &'static AtomicIsize {
    let index = MY_SLOT
        .try_with(|mine| {
            if mine.get() == usize::MAX {
                mine.set(NEXT_SLOT.fetch_add(1, Ordering::Relaxed) % SLOTS);
            }
            mine.get()
        })
        .unwrap_or(0);
    &SLOTTED[index].0
}

/// Live bytes in one counter per thread, so that parsing threads do not
/// contend on one cache line. A block freed by another thread than the one
/// that allocated it makes one counter go down and another up; only the sum
/// ([`per_thread_live_bytes`]) means anything.
pub struct PerThreadCounting;

// SAFETY: every method forwards its arguments unchanged to `System`, which
// upholds the `GlobalAlloc` contract; the counters are only bookkeeping and
// never affect what is returned.
unsafe impl GlobalAlloc for PerThreadCounting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `layout` are passed on as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            slot().fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            slot().fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was returned by this allocator, that is by `System`,
        // for this `layout`, as the caller guarantees.
        unsafe { System.dealloc(ptr, layout) };
        slot().fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` and `layout` describe a block `System` allocated, and
        // `new_size` meets the caller's guarantees, passed on as is.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            slot().fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        new
    }
}

/// Bytes live under [`PerThreadCounting`], summed over threads. Exact when
/// no other thread is allocating.
pub fn per_thread_live_bytes() -> usize {
    SLOTTED
        .iter()
        .map(|slot| slot.0.load(Ordering::Relaxed))
        .sum::<isize>()
        .max(0) as usize
}
