//! A counting global allocator (bytes in use drive GC pacing and `collectgarbage("count")`).
//!
//! Install it in a binary with `#[global_allocator] static A: CountingAlloc = CountingAlloc;`.
//! Without it the collector paces itself on an estimate from object sizes.
//!
//! The counts are per thread: a `State` and its coroutines live on one thread, so its
//! collector sees what its own thread allocated (several states on several threads pace
//! themselves independently), and counting costs no atomic read-modify-write — those cost more
//! than mimalloc's allocation itself.
use mimalloc::MiMalloc as System;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// This thread's allocation counts.
struct Counts {
    /// Bytes allocated minus bytes freed (negative when the thread frees memory another one
    /// allocated).
    live: Cell<isize>,
    peak: Cell<usize>,
    total: Cell<usize>,
}

thread_local! {
    // const-initialised and without a destructor: usable from the allocator at any time,
    // thread start-up and tear-down included
    static COUNTS: Counts = const {
        Counts { live: Cell::new(0), peak: Cell::new(0), total: Cell::new(0) }
    };
}

#[inline]
fn grew(n: usize) {
    let _ = COUNTS.try_with(|c| {
        let now = c.live.get().wrapping_add(n as isize);
        c.live.set(now);
        c.total.set(c.total.get().wrapping_add(n));
        if now > 0 && now as usize > c.peak.get() {
            c.peak.set(now as usize);
        }
    });
}

#[inline]
fn shrank(n: usize) {
    let _ = COUNTS.try_with(|c| c.live.set(c.live.get().wrapping_sub(n as isize)));
}

/// Wraps the system allocator and counts live bytes.
pub struct CountingAlloc;

// SAFETY: forwards every call to `System` unchanged, only updating this thread's counters.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as System.alloc.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as System.dealloc.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as System.alloc_zeroed.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as System.realloc.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            grew(new_size);
            shrank(layout.size());
        }
        p
    }
}

/// Bytes currently allocated by this thread through [`CountingAlloc`] (0 if it is not
/// installed).
pub fn allocated_bytes() -> usize {
    COUNTS
        .try_with(|c| c.live.get().max(0) as usize)
        .unwrap_or(0)
}

/// Highest number of bytes this thread had in use at once so far.
pub fn peak_bytes() -> usize {
    COUNTS.try_with(|c| c.peak.get()).unwrap_or(0)
}

/// Bytes this thread allocated in total so far (never decreases).
pub fn total_allocated_bytes() -> usize {
    COUNTS.try_with(|c| c.total.get()).unwrap_or(0)
}

/// Allocator settings for a language runtime, applied once (by `State::new_bare`): freed
/// memory is kept for reuse rather than returned to the system after a delay, and no
/// transparent huge pages are requested. With mimalloc's defaults, a collector that frees and
/// reallocates megabytes per cycle paid, in some runs, a page fault and a page clear for every
/// page again (up to 40% of the run time of allocation-heavy programs, as system time).
pub fn tune() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // mimalloc's `mi_option_t` value of `mi_option_purge_delay` (mimalloc.h, v3)
        const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;
        // SAFETY: `mi_option_set` (linked from libmimalloc-sys) only stores an option value;
        // -1 is the documented "never purge" setting. `prctl(PR_SET_THP_DISABLE, 1)` only
        // sets a flag of this process (its arenas were reserved, with huge pages allowed,
        // before `main`: the flag also applies to them).
        unsafe {
            mi_option_set(MI_OPTION_PURGE_DELAY, -1);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    });
}

unsafe extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}
