//! Native stack bounds (OS thread / coroutine stack -> **remaining-stack check**).
//!
//! The tree-walker recurses on the native stack for Lua-to-Lua calls, so deep Lua recursion
//! must turn into Lua's catchable "stack overflow" before the native stack runs out. Every
//! executor invocation computes a *limit* address; a Lua call made with the stack pointer below
//! it fails. The limit leaves [`SLACK`] bytes for the natives, message handlers and `__close`
//! methods that may still run at the deepest point.
//!
//! * Main thread: the real bounds of the OS thread (`pthread_getattr_np`), cached per thread.
//! * Coroutines run on their own native stacks of
//!   [`COROUTINE_STACK_SIZE`] bytes. The first
//!   executor entry on a coroutine happens near the top of that stack (below at most a few
//!   native frames, bounded by [`TOP_MARGIN`]); its limit is derived from the stack pointer
//!   there and remembered in the coroutine's Lua stack slot 0 (the function slot of its base
//!   pseudo-frame, which nothing else uses) as a light userdata, so nested entries reuse it.
//!   An entry whose stack pointer is not inside that coroutine's native stack (a `__close`
//!   method run by `coroutine.close` on the caller's stack) uses the limit of the executor
//!   activation that is running on this native stack ([`set_current`]: each invocation
//!   publishes its limit on entry and after every call out of it that may have switched native
//!   stacks), or a small budget below the stack pointer if there is none.
//!
//! Engines that recurse on the native stack for Lua calls use it: the tree-walker for every
//! call, the JIT for calls between compiled functions ([`jit_bounds`]).
use std::cell::Cell;

use crate::thread::COROUTINE_STACK_SIZE;
use crate::{State, Value};

/// Bytes kept free below the limit for natives (string formatting, sorting, pattern
/// matching), message handlers and error handling that may run at the deepest Lua call.
pub const SLACK: usize = 256 << 10;
/// Bytes of a coroutine's native stack assumed used above its first executor entry
/// (corosensei's trampoline, `resume`, and any natives the coroutine body started with).
const TOP_MARGIN: usize = 512 << 10;
/// Budget for entries whose stack cannot be identified (see the module docs): well inside the
/// [`SLACK`] that the enclosing executor guaranteed when it last checked.
const UNKNOWN_BUDGET: usize = 96 << 10;

/// An approximation of the stack pointer: the address of a local in the caller's frame.
#[inline(always)]
pub fn stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

thread_local! {
    /// Cached `(low, high)` bounds of the current OS thread's stack; `(0, 0)` = not computed.
    static OS_BOUNDS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    /// Limit of the executor activation running on the active native stack (0: none).
    static CURRENT: Cell<usize> = const { Cell::new(0) };
}

/// Publishes the limit of the executor activation now running on this native stack.
#[inline(always)]
pub fn set_current(limit: usize) {
    CURRENT.with(|c| c.set(limit));
}

/// The limit published last (0: none).
#[inline(always)]
pub fn current() -> usize {
    CURRENT.with(|c| c.get())
}

/// The limit for an entry on a native stack that the state's thread does not own.
fn foreign(sp: usize) -> usize {
    match current() {
        0 => sp.saturating_sub(UNKNOWN_BUDGET),
        limit => limit,
    }
}

/// Bounds `(low, high)` of the current OS thread's stack, if the platform tells them.
fn os_thread_bounds() -> Option<(usize, usize)> {
    let cached = OS_BOUNDS.with(|b| b.get());
    if cached.1 != 0 {
        return Some(cached);
    }
    let bounds = query_os_bounds()?;
    OS_BOUNDS.with(|b| b.set(bounds));
    Some(bounds)
}

#[cfg(target_os = "linux")]
#[allow(
    unsafe_code,
    reason = "pthread FFI: the only way to learn a thread's stack bounds"
)]
fn query_os_bounds() -> Option<(usize, usize)> {
    // SAFETY: `attr` is initialised by `pthread_getattr_np` before it is read and destroyed
    // exactly once; `pthread_attr_getstack` writes the two out-parameters.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 || addr.is_null() || size == 0 {
            return None;
        }
        let low = addr as usize;
        Some((low, low + size))
    }
}

#[cfg(not(target_os = "linux"))]
fn query_os_bounds() -> Option<(usize, usize)> {
    None
}

/// The stack limit for an executor invocation that starts now (see the module docs).
pub fn entry_limit(st: &mut State) -> usize {
    let sp = stack_pointer();
    if st.current.is_main() {
        return match os_thread_bounds() {
            // a guard page and the OS's own reservations sit at the low end: SLACK covers them
            Some((low, high)) if low < sp && sp <= high => low + SLACK,
            // unknown platform: assume the common 8 MiB main-thread stack around here
            _ => sp.saturating_sub((8 << 20) - TOP_MARGIN - SLACK),
        };
    }
    // coroutine: the remembered limit, if we are on that coroutine's stack
    if let Some(Value::LightUserData(limit)) = st.stack.first().copied() {
        let low = limit.saturating_sub(SLACK);
        if low <= sp && sp < low + COROUTINE_STACK_SIZE {
            return limit;
        }
        return foreign(sp);
    }
    // first entry on this coroutine? (no Lua frame below the one about to run)
    let n = st.frames.len();
    let nested = n >= 2 && st.frames[1..n - 1].iter().rev().any(|ci| ci.is_lua());
    if nested || st.stack.is_empty() {
        return foreign(sp);
    }
    let limit = (sp + TOP_MARGIN).saturating_sub(COROUTINE_STACK_SIZE) + SLACK;
    st.stack[0] = Value::LightUserData(limit);
    limit
}

/// Bounds `(limit, high)` for a Lua call made now from compiled code: calls are allowed while
/// `limit <= sp < high`. `high` is the top of the native stack the running Lua thread owns,
/// so a cached pair stays valid for that thread; on a stack the thread does not own (see the
/// module docs) `high` is the current stack pointer's neighbourhood and must not be cached
/// (`cacheable` false).
pub fn jit_bounds(st: &mut State) -> (usize, usize, bool) {
    let sp = stack_pointer();
    let limit = entry_limit(st);
    if st.current.is_main() {
        if let Some((low, high)) = os_thread_bounds() {
            if low < sp && sp <= high {
                return (limit, high, true);
            }
        }
        return (limit, sp + TOP_MARGIN, false);
    }
    if let Some(Value::LightUserData(l)) = st.stack.first().copied() {
        if l == limit {
            let low = limit.saturating_sub(SLACK);
            return (limit, low + COROUTINE_STACK_SIZE, true);
        }
    }
    (limit, sp + TOP_MARGIN, false)
}
