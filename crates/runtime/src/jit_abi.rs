//! The contract between JIT-compiled code and the engines that run it.
//!
//! Compiled code of a prototype is a [`JitCode`](crate::func::JitCode):
//! `extern "C" fn(st: *mut State, regs: *mut Value, pc: u32) -> u64`. It runs the frame on
//! top of `st.frames` from bytecode index `pc` (0 = function entry; any other pc = on-stack
//! replacement or re-entry), reading and writing the frame's registers in place at `regs`
//! (which it reloads from [`State::stack_ptr`](crate::State::stack_ptr) after every runtime
//! call that may move the stack), and returns one of the statuses below. Compiled frames keep
//! `CallInfo::pc` current before every runtime call, so errors, tracebacks and the debug
//! library see them exactly like interpreted frames.

/// Leave compiled code: the interpreter continues the frame at the low 32 bits (a pc).
pub const STATUS_EXIT: u64 = 1 << 33;
/// The frame returned: its results are at its function slot and it was popped; bit 0 is set
/// when the popped frame had `CI_FRESH` (the executor invocation that ran it must return).
pub const STATUS_RETURN: u64 = 1 << 34;
/// The frame made a tail call to a Lua function: the new frame replaced it on top of
/// `st.frames` and must be run next.
pub const STATUS_TAILCALL: u64 = 1 << 35;
/// A Lua error was raised; it is in `State::jit_error`.
pub const STATUS_ERROR: u64 = 1 << 36;
/// The frame returned its results by storing them at its function slot (`n` = the low bits, 0
/// or 1: RETURN0 / RETURN1 without anything to close); the frame is still on the stack and the
/// receiver finishes the return with [`finish_return`].
pub const STATUS_RETURN_N: u64 = 1 << 37;
/// Exits from speculative code of a prototype after which it is recompiled with the wider
/// types it has seen (no speculation where guards failed: `FB_EXIT` feedback); at twice this,
/// recompiled without speculation (so a function whose guards keep failing does not keep
/// paying for the exits).
pub const DEOPT_LIMIT: u32 = 100;

/// Counts an exit (`status`) of the compiled code of the frame on top of the stack back to
/// the interpreter and records where it happened (`FB_EXIT` feedback); at [`DEOPT_LIMIT`] and
/// twice that, its code is dropped so the next entry recompiles it.
pub fn note_deopt(st: &crate::State, status: u64) {
    if status & STATUS_NO_ENTRY != 0 {
        return;
    }
    st.stats.jit_exits.set(st.stats.jit_exits.get() + 1);
    if let Some(ci) = st.frames.last() {
        if let crate::Value::LuaFn(c) = st.stack[ci.func] {
            let p = &c.proto;
            let d = p.deopts.get().saturating_add(1);
            p.deopts.set(d);
            p.note_feedback(status as u32 as usize, crate::func::FB_EXIT);
            if (d == DEOPT_LIMIT || d == 2 * DEOPT_LIMIT) && st.jit_compile.is_some() {
                // the old code stays mapped: frames further up may still be running it
                p.jit_code.set(0);
            }
        }
    }
}

/// With [`STATUS_EXIT`]: the pc is not an entry point of the compiled code (the interpreter
/// goes on there; not a failed speculation).
pub const STATUS_NO_ENTRY: u64 = 1 << 32;
/// Statuses are at least this value; smaller values returned by runtime helpers are results.
pub const STATUS_MIN: u64 = STATUS_EXIT;

/// Finishes a [`STATUS_RETURN_N`] return of `n` results (0 or 1) already at the frame's function
/// slot: pops the frame and adjusts the results to what the caller wanted. Returns whether the
/// popped frame was the entry frame of its executor (`CI_FRESH`).
#[inline(always)]
pub fn finish_return(st: &mut crate::State, n: usize) -> bool {
    let ci = st.frames.pop().expect("frame");
    let res = ci.func;
    if ci.nresults < 0 {
        st.top = res + n;
    } else {
        let wanted = ci.nresults as usize;
        for j in n..wanted {
            st.stack[res + j] = crate::Value::Nil;
        }
        st.top = res + wanted;
    }
    ci.flags & crate::state::CI_FRESH != 0
}

/// Byte offsets with which compiled code calls a compiled Lua function without a runtime call:
/// it pushes the callee's [`CallInfo`](crate::state::CallInfo) onto `State::frames` itself,
/// jumps to the callee's code and pops the frame on [`STATUS_RETURN_N`]. Offsets of `State`
/// fields are from the state's address, of prototype and closure fields from the object
/// address (`GcRef::addr`). A `Vec`'s (pointer, capacity, length) order is not fixed by Rust,
/// so it is probed.
#[derive(Debug, Clone, Copy)]
pub struct CallLayout {
    /// `State::frames`: data pointer, length, capacity.
    pub frames_ptr: i32,
    /// See `frames_ptr`.
    pub frames_len: i32,
    /// See `frames_ptr`.
    pub frames_cap: i32,
    /// `State::stack`'s length (slots).
    pub stack_len: i32,
    /// `State::top`.
    pub top: i32,
    /// `State::hooks_active` (a byte).
    pub hooks_active: i32,
    /// `State::jit_locals_changed` (a byte).
    pub locals_changed: i32,
    /// `State::stats.enabled` (a byte).
    pub stats_enabled: i32,
    /// `State::jit_limit`: lowest and highest native stack address for compiled calls.
    pub jit_limit_low: i32,
    /// See `jit_limit_low`.
    pub jit_limit_high: i32,
    /// Size of a `CallInfo`.
    pub ci_size: i64,
    /// `CallInfo` fields.
    pub ci_func: i32,
    /// See `ci_func`.
    pub ci_base: i32,
    /// See `ci_func`.
    pub ci_top: i32,
    /// See `ci_func`.
    pub ci_pc: i32,
    /// See `ci_func` (an i32).
    pub ci_nresults: i32,
    /// See `ci_func` (a u32).
    pub ci_n_extra: i32,
    /// See `ci_func` (a byte).
    pub ci_flags: i32,
    /// `LuaClosure::proto` (a pointer).
    pub closure_proto: i32,
    /// `FnProto::jit_code` (a pointer-sized word).
    pub proto_jit_code: i32,
    /// `FnProto::is_vararg` (a byte).
    pub proto_is_vararg: i32,
    /// `FnProto::num_params` (a byte).
    pub proto_num_params: i32,
    /// `FnProto::max_stack` (a byte).
    pub proto_max_stack: i32,
    /// The data pointer of `State::tm_names` (metamethod names, indexed by `Tm`).
    pub tm_names_ptr: i32,
}

/// Word offset of the data pointer in a `Vec<T>` (any `T`).
fn vec_ptr_word<T>() -> usize {
    let v: Vec<T> = Vec::with_capacity(7);
    const { assert!(std::mem::size_of::<Vec<u8>>() == 3 * std::mem::size_of::<usize>()) };
    #[allow(unsafe_code)]
    // SAFETY: as in `vec_words`: three machine words, copied out without moving the vector.
    let words: [usize; 3] = unsafe { std::mem::transmute_copy(&v) };
    let p = v.as_ptr() as usize;
    assert!(p > 7, "allocated");
    words.iter().position(|&y| y == p).expect("Vec word") * std::mem::size_of::<usize>()
}

/// Word offsets of (data pointer, length, capacity) in a `Vec<T>`.
pub(crate) fn vec_words<T: Default>() -> (usize, usize, usize) {
    let mut v: Vec<T> = Vec::with_capacity(7);
    v.push(T::default());
    const { assert!(std::mem::size_of::<Vec<u8>>() == 3 * std::mem::size_of::<usize>()) };
    #[allow(unsafe_code)]
    // SAFETY: a `Vec` is three machine words (data pointer, capacity, length, in some order;
    // size asserted above); copying them out does not move or drop the vector.
    let words: [usize; 3] = unsafe { std::mem::transmute_copy(&v) };
    let w = std::mem::size_of::<usize>();
    let find = |x: usize| words.iter().position(|&y| y == x).expect("Vec word") * w;
    let ptr = find(v.as_ptr() as usize);
    let len = find(1);
    let cap = find(v.capacity());
    assert!(ptr != len && len != cap && ptr != cap);
    (ptr, len, cap)
}

impl CallLayout {
    /// The offsets of this build.
    pub fn probe() -> CallLayout {
        use crate::func::{FnProto, LuaClosure};
        use crate::gc::GcBox;
        use crate::state::{CallInfo, State};
        use std::mem::offset_of;
        let (fp, fl, fc) = vec_words::<CallInfo>();
        let (_, sl, _) = vec_words::<crate::Value>();
        let frames = offset_of!(State, frames);
        let stack = offset_of!(State, stack);
        let proto = |o: usize| (offset_of!(GcBox<FnProto>, value) + o) as i32;
        CallLayout {
            frames_ptr: (frames + fp) as i32,
            frames_len: (frames + fl) as i32,
            frames_cap: (frames + fc) as i32,
            stack_len: (stack + sl) as i32,
            top: offset_of!(State, top) as i32,
            hooks_active: offset_of!(State, hooks_active) as i32,
            locals_changed: offset_of!(State, jit_locals_changed) as i32,
            stats_enabled: (offset_of!(State, stats) + offset_of!(crate::state::Stats, enabled))
                as i32,
            jit_limit_low: offset_of!(State, jit_limit.0) as i32,
            jit_limit_high: offset_of!(State, jit_limit.1) as i32,
            ci_size: std::mem::size_of::<CallInfo>() as i64,
            ci_func: offset_of!(CallInfo, func) as i32,
            ci_base: offset_of!(CallInfo, base) as i32,
            ci_top: offset_of!(CallInfo, top) as i32,
            ci_pc: offset_of!(CallInfo, pc) as i32,
            ci_nresults: offset_of!(CallInfo, nresults) as i32,
            ci_n_extra: offset_of!(CallInfo, n_extra) as i32,
            ci_flags: offset_of!(CallInfo, flags) as i32,
            closure_proto: (offset_of!(GcBox<LuaClosure>, value) + offset_of!(LuaClosure, proto))
                as i32,
            proto_jit_code: proto(offset_of!(FnProto, jit_code)),
            proto_is_vararg: proto(offset_of!(FnProto, is_vararg)),
            proto_num_params: proto(offset_of!(FnProto, num_params)),
            proto_max_stack: proto(offset_of!(FnProto, max_stack)),
            tm_names_ptr: (offset_of!(State, tm_names)
                + vec_ptr_word::<crate::gc::GcRef<crate::string::LuaStr>>())
                as i32,
        }
    }
}
