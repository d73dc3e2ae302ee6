//! A counting global allocator (bytes in use drive GC pacing and `collectgarbage("count")`).
//!
//! Install it in a binary with `#[global_allocator] static A: CountingAlloc = CountingAlloc;`.
//! Without it the collector paces itself on an estimate from object sizes.
use mimalloc::MiMalloc as System;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

#[inline]
fn grew(n: usize) {
    let now = ALLOCATED.fetch_add(n, Ordering::Relaxed) + n;
    TOTAL.fetch_add(n, Ordering::Relaxed);
    if now > PEAK.load(Ordering::Relaxed) {
        PEAK.store(now, Ordering::Relaxed);
    }
}

/// Wraps the system allocator and counts live bytes.
pub struct CountingAlloc;

// SAFETY: forwards every call to `System` unchanged, only updating a counter.
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
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
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
            ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

/// Bytes currently allocated through [`CountingAlloc`] (0 if it is not installed).
pub fn allocated_bytes() -> usize {
    ALLOCATED.load(Ordering::Relaxed)
}

/// Highest number of bytes in use at once so far.
pub fn peak_bytes() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Bytes allocated in total so far (never decreases).
pub fn total_allocated_bytes() -> usize {
    TOTAL.load(Ordering::Relaxed)
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
