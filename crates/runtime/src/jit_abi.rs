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
/// Statuses are at least this value; smaller values returned by runtime helpers are results.
pub const STATUS_MIN: u64 = STATUS_EXIT;
