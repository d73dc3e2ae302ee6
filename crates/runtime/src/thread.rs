//! Threads (coroutines) as stackful coroutines on `corosensei`.
//!
//! Why stackful: a Lua coroutine may yield from anywhere its body reached — inside `pcall`, a
//! metamethod, a `table.sort` comparator, an iterator, and (later) JIT-compiled frames. Running
//! each coroutine on its own native stack makes every one of those yield points work without
//! rewriting native functions in continuation-passing style (PUC Lua's `lua_callk`) and without
//! the JIT having to materialise interpreter frames at yields. The price is one native stack per
//! live coroutine (reserved lazily by mmap, pages committed on touch) and a context switch per
//! resume/yield, which is cheap (a register save/restore).
//!
//! Each thread's *Lua* stack, frames and open upvalues live in [`State`] while it runs and are
//! swapped into its `Thread` object when it stops running.
use std::cell::UnsafeCell;

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};

use crate::func::UpVal;
use crate::gc::{GcObject, GcRef, ObjKind};
use crate::state::{CallInfo, LResult, LuaError, State, MIN_STACK, MULTRET};
use crate::value::Value;

/// Native stack size of a coroutine (reserved, not committed).
pub const COROUTINE_STACK_SIZE: usize = 16 << 20;

/// Finished coroutines' native stacks kept for reuse: creating a stack is an mmap plus page
/// faults on first touch, and a munmap when it is dropped; programs that create many short-lived
/// coroutines would otherwise spend most of their time in the kernel.
const STACK_POOL_MAX: usize = 32;

thread_local! {
    static STACK_POOL: std::cell::RefCell<Vec<DefaultStack>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn take_stack() -> std::io::Result<DefaultStack> {
    if let Some(s) = STACK_POOL.with(|p| p.borrow_mut().pop()) {
        return Ok(s);
    }
    DefaultStack::new(COROUTINE_STACK_SIZE)
}

thread_local! {
    /// Discard suspended coroutines without unwinding their native stacks (see [`discard`]).
    static NO_UNWIND: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Engines whose frames cannot be unwound through (JIT-compiled code has no unwind tables, and
/// its runtime helpers are `extern "C"`) call this once: from then on a suspended coroutine
/// that is collected or closed has its native stack discarded without unwinding, as PUC Lua
/// discards a coroutine's stack. Heap buffers owned by native frames suspended inside it (a
/// yield from inside `pcall`, a sort comparator, a metamethod) are then leaked rather than
/// dropped; Lua values on it are managed by the collector either way.
pub fn discard_without_unwinding() {
    NO_UNWIND.with(|c| c.set(true));
}

/// Drops a coroutine's native context (see [`discard_without_unwinding`]).
fn discard(co: Option<Coro>) {
    if let Some(mut c) = co {
        if c.started() && !c.done() && NO_UNWIND.with(|f| f.get()) {
            // SAFETY: the frames on this stack belong to engines that registered with
            // `discard_without_unwinding`; skipping their destructors only leaks memory.
            #[allow(unsafe_code)]
            unsafe {
                c.force_reset()
            };
        }
        drop(c);
    }
}

impl Drop for ThreadInner {
    fn drop(&mut self) {
        discard(self.co.take());
    }
}

fn recycle(co: Coro) {
    if co.done() {
        let stack = co.into_stack();
        STACK_POOL.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() < STACK_POOL_MAX {
                p.push(stack);
            }
        });
    }
}

/// Status of a coroutine (`coroutine.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoStatus {
    /// Created or yielded.
    Suspended,
    /// Running now.
    Running,
    /// Resumed another coroutine.
    Normal,
    /// Finished or failed.
    Dead,
}

type CoIn = (*mut State, usize);
type Coro = Coroutine<CoIn, usize, LResult<usize>, DefaultStack>;

/// The saved execution state of a thread that is not running.
pub(crate) struct ThreadInner {
    pub(crate) stack: Vec<Value>,
    pub(crate) top: usize,
    pub(crate) frames: Vec<CallInfo>,
    pub(crate) open_upvals: Vec<GcRef<UpVal>>,
    pub(crate) tbc: Vec<usize>,
    pub(crate) n_ccalls: u32,
    pub(crate) nny: u32,
    /// Cached native stack bounds for JIT calls (`State::jit_limit`).
    pub(crate) jit_limit: (usize, usize),
    pub(crate) status: CoStatus,
    co: Option<Coro>,
    yielder: *const Yielder<CoIn, usize>,
    pub(crate) is_main: bool,
    /// Error object of a coroutine that died in error (until `coroutine.close`).
    pub(crate) error: Value,
}

/// A Lua thread.
pub struct Thread {
    inner: UnsafeCell<ThreadInner>,
}

impl GcObject for Thread {
    const KIND: ObjKind = ObjKind::Thread;
}

impl Thread {
    pub(crate) fn new_main() -> Thread {
        Thread {
            inner: UnsafeCell::new(ThreadInner {
                stack: Vec::new(),
                top: 0,
                frames: Vec::new(),
                open_upvals: Vec::new(),
                tbc: Vec::new(),
                n_ccalls: 0,
                nny: 0,
                jit_limit: (0, 0),
                status: CoStatus::Running,
                co: None,
                yielder: std::ptr::null(),
                is_main: true,
                error: Value::Nil,
            }),
        }
    }

    #[allow(clippy::mut_from_ref, reason = "interior mutability of GC objects")]
    pub(crate) fn inner(&self) -> &mut ThreadInner {
        // SAFETY: single-threaded; callers never hold two of these at once across calls.
        unsafe { &mut *self.inner.get() }
    }

    /// Status.
    pub fn status(&self) -> CoStatus {
        self.inner().status
    }

    /// True for the main thread.
    pub fn is_main(&self) -> bool {
        self.inner().is_main
    }
}

impl State {
    /// Creates a coroutine running `f`.
    pub fn new_thread(&mut self, f: Value) -> GcRef<Thread> {
        let mut stack = vec![Value::Nil; 2 * MIN_STACK + 8];
        stack[1] = f;
        let t = Thread {
            inner: UnsafeCell::new(ThreadInner {
                stack,
                top: 2,
                frames: vec![CallInfo {
                    func: 0,
                    base: 1,
                    top: 1 + MIN_STACK,
                    ..Default::default()
                }],
                open_upvals: Vec::new(),
                tbc: Vec::new(),
                n_ccalls: 0,
                nny: 0,
                jit_limit: (0, 0),
                status: CoStatus::Suspended,
                co: None,
                yielder: std::ptr::null(),
                is_main: false,
                error: Value::Nil,
            }),
        };
        self.heap.alloc(t)
    }

    /// Exchanges the running thread's state with `t`'s saved state.
    fn swap_thread(&mut self, t: GcRef<Thread>) {
        let inner = t.inner();
        std::mem::swap(&mut self.stack, &mut inner.stack);
        std::mem::swap(&mut self.top, &mut inner.top);
        std::mem::swap(&mut self.frames, &mut inner.frames);
        std::mem::swap(&mut self.open_upvals, &mut inner.open_upvals);
        std::mem::swap(&mut self.tbc, &mut inner.tbc);
        std::mem::swap(&mut self.n_ccalls, &mut inner.n_ccalls);
        std::mem::swap(&mut self.nny, &mut inner.nny);
        std::mem::swap(&mut self.jit_limit, &mut inner.jit_limit);
        self.stack_ptr = self.stack.as_mut_ptr();
    }

    /// Switches the running thread to `to` (saving the current one).
    fn switch_to(&mut self, to: GcRef<Thread>) {
        let from = self.current;
        self.swap_thread(from); // save current into its object
        self.swap_thread(to); // load target
        self.current = to;
    }

    /// Resumes `co` with the `nargs` values on top of the running stack. Returns the values it
    /// yielded or returned (pushed on the running stack, count returned), or its error.
    pub fn resume(&mut self, co: GcRef<Thread>, nargs: usize) -> Result<usize, LuaError> {
        let status = co.inner().status;
        if status != CoStatus::Suspended {
            let msg = if status == CoStatus::Dead {
                "cannot resume dead coroutine"
            } else {
                "cannot resume non-suspended coroutine"
            };
            self.top -= nargs;
            let v = self.str_value(msg.as_bytes());
            return Err(LuaError::new(v));
        }
        if self.n_ccalls >= crate::state::MAX_CCALLS - 2 {
            self.top -= nargs;
            let v = self.str_value(b"C stack overflow");
            return Err(LuaError::new(v));
        }
        let mut args = std::mem::take(&mut self.xfer);
        args.clear();
        args.extend_from_slice(&self.stack[self.top - nargs..self.top]);
        self.top -= nargs;
        let from = self.current;
        let depth = self.n_ccalls;
        from.inner().status = CoStatus::Normal;
        self.switch_to(co);
        if co.inner().co.is_none() {
            // first resume: the coroutine's native nesting starts at the resumer's (its body's
            // call adds the one level PUC Lua counts per resume)
            self.n_ccalls = depth;
        }
        co.inner().status = CoStatus::Running;
        // push the arguments on the coroutine's stack
        if self
            .ensure_stack(self.top + args.len() + MIN_STACK)
            .is_err()
        {
            self.switch_to(from);
            from.inner().status = CoStatus::Running;
            co.inner().status = CoStatus::Suspended;
            let v = self.str_value(b"stack overflow");
            return Err(LuaError::new(v));
        }
        for a in &args {
            self.stack[self.top] = *a;
            self.top += 1;
        }
        let mut vals = args;
        let st_ptr: *mut State = self;
        let inner = co.inner();
        if inner.co.is_none() {
            let stack = match take_stack() {
                Ok(s) => s,
                Err(_) => {
                    self.switch_to(from);
                    from.inner().status = CoStatus::Running;
                    co.inner().status = CoStatus::Dead;
                    let v = self.str_value(b"not enough memory");
                    return Err(LuaError::new(v));
                }
            };
            {
                use corosensei::stack::Stack;
                // compiled code's Lua calls recurse on this native stack: bound them
                let low = stack.limit().get() + crate::native_stack::SLACK;
                self.jit_limit = (low, stack.base().get());
            }
            inner.co = Some(Coroutine::with_stack(
                stack,
                move |y: &Yielder<CoIn, usize>, input: CoIn| {
                    // SAFETY: the State outlives every coroutine it runs (threads are freed by the
                    // State's heap), and only one context runs at a time.
                    let st = unsafe { &mut *input.0 };
                    st.current.inner().yielder = y as *const _;
                    st.call(1, MULTRET)?;
                    Ok(st.top - 1)
                },
            ));
        }
        let coro = inner.co.as_mut().expect("coroutine");
        let r = coro.resume((st_ptr, nargs));
        // back on the resumer's native stack; the running state is still `co`'s
        let (result, dead) = match r {
            CoroutineResult::Yield(n) | CoroutineResult::Return(Ok(n)) => {
                vals.clear();
                vals.extend_from_slice(&self.stack[self.top - n..self.top]);
                self.top -= n;
                (Ok(()), matches!(r, CoroutineResult::Return(_)))
            }
            CoroutineResult::Return(Err(e)) => {
                co.inner().error = e.value;
                (Err(e), true)
            }
        };
        co.inner().status = if dead {
            CoStatus::Dead
        } else {
            CoStatus::Suspended
        };
        if dead {
            // the native stack is no longer needed
            if let Some(c) = co.inner().co.take() {
                recycle(c);
            }
            self.close_upvals(0);
        }
        self.switch_to(from);
        self.n_ccalls = depth;
        from.inner().status = CoStatus::Running;
        result?;
        self.ensure_stack(self.top + vals.len() + MIN_STACK)?;
        for v in &vals {
            self.stack[self.top] = *v;
            self.top += 1;
        }
        let n = vals.len();
        self.xfer = vals;
        Ok(n)
    }

    /// Yields the `n` values on top of the running coroutine's stack; returns the number of
    /// values passed to the next `resume` (on top of the stack).
    pub fn yield_(&mut self, n: usize) -> LResult<usize> {
        let cur = self.current;
        let y = cur.inner().yielder;
        if cur.inner().is_main || y.is_null() {
            return Err(self.rt_error("attempt to yield from outside a coroutine"));
        }
        if self.nny > 0 {
            return Err(self.rt_error("attempt to yield across a C-call boundary"));
        }
        // SAFETY: the yielder lives at the base of this coroutine's native stack, which exists
        // while the coroutine runs (we are running on it now).
        let yielder = unsafe { &*y };
        let (_, nargs) = yielder.suspend(n);
        Ok(nargs)
    }

    /// True if the running code can yield.
    pub fn is_yieldable(&self) -> bool {
        !self.current.inner().is_main
    }

    /// `coroutine.close`: closes a suspended or dead coroutine's pending to-be-closed variables.
    /// Returns the error object if closing raised one (or the coroutine had died in error).
    pub fn close_thread(&mut self, co: GcRef<Thread>) -> LResult<Option<Value>> {
        let from = self.current;
        let pending = std::mem::take(&mut co.inner().error);
        let had_error =
            !pending.is_nil() || co.inner().frames.len() > 1 && co.status() == CoStatus::Dead;
        self.switch_to(co);
        // the __close handlers run on the caller's native stack: they cannot yield, and the
        // coroutine cannot be resumed meanwhile
        let old_status = co.inner().status;
        co.inner().status = CoStatus::Running;
        self.nny += 1;
        let r = self.close_all(0, if had_error { Some(pending) } else { None });
        self.nny -= 1;
        let _ = old_status;
        self.switch_to(from);
        let inner = co.inner();
        inner.status = CoStatus::Dead;
        discard(inner.co.take()); // unwinds (or discards) a suspended coroutine's native stack
        inner.frames.truncate(1);
        inner.top = 1;
        match r {
            Ok(Some(e)) => Ok(Some(e)),
            Ok(None) => Ok(None),
            Err(e) => Ok(Some(e.value)),
        }
    }
}
