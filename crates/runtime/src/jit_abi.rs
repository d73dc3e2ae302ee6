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
