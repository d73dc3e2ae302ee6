//! The walker (resolved tree -> **execution**).
//!
//! `run_lua` runs the Lua frame on top of `st.frames` (pushed by `State::precall`) by walking
//! its function's resolved tree, then pops it and leaves its results at its function slot, as
//! every executor must. A Lua-to-Lua call recurses into `run_lua` on the native stack (checked
//! against the invocation's stack limit, see `stack`), while a proper tail call returns to
//! `run_lua`'s loop, which reuses the frame, so tail recursion runs in constant native stack.
//!
//! Frame layout, varargs, upvalues, to-be-closed variables, errors and coroutines are the
//! runtime's, exactly as the VM uses them: locals live in `st.stack[base + reg]`; at rest
//! `st.top` is the frame top (`base + frame_size`), so metamethod calls made by the runtime
//! (`State::arith`, `index`, ...) land above every live register; values a node must keep
//! while evaluating another operand sit in its `tmp` register. Errors are returned with `?`
//! without unwinding frames: `pcall`/`resume`/the CLI restore the stack, as for the VM.
//! All semantics beyond inline integer/float/plain-table fast paths are the runtime's
//! (`State::arith`, `less_than`, `equals`, `concat`, `len_of`, `index`, `set_index`, `precall`).
use lunar_runtime::func::{LuaClosure, UpVal};
use lunar_runtime::meta::{self, arith_fast, ArithOp, Src};
use lunar_runtime::number::{self, Number, F2I};
use lunar_runtime::state::{
    CallInfo, LResult, LuaError, State, CI_FRESH, CI_LUA, CI_TAIL, MULTRET,
};
use lunar_runtime::stdlib::debug::{HookEvent, MASK_CALL, MASK_COUNT, MASK_LINE, MASK_RET};
use lunar_runtime::string::LuaStr;
use lunar_runtime::{GcRef, Value};

use crate::ir::*;
use crate::stack;

/// How a statement or block finished.
///
/// Aligned to 8 so that `LResult<Flow>` keeps it at an aligned offset (copies of a packed
/// layout caused store-forwarding stalls on every statement).
#[derive(Debug, Clone, Copy)]
#[repr(align(8))]
pub(crate) enum Flow {
    /// Fell through.
    Normal,
    /// `break` (to the innermost loop).
    Break,
    /// `goto` a label of an enclosing block.
    Goto(LabelId),
    /// `return`: `n` values from register `first`.
    Return { first: u32, n: u32 },
    /// `return f(args)`: function in register `func` with `nargs` arguments above it.
    TailCall { func: u32, nargs: u32 },
}

/// The walker's internal error marker: the error itself waits in `Frame::err` while the
/// marker propagates. A zero-sized error keeps `Result<Value, Halt>` at the size of a value
/// (16 bytes, copied whole), where `LResult<Value>` would carry a 40-byte error.
pub(crate) struct Halt;

/// Results inside one activation.
type X<T> = Result<T, Halt>;

/// `stress-gc` feature: a full collection at every safe point of the walker (tests that
/// every live value is rooted there).
const STRESS_GC: bool = cfg!(feature = "stress-gc");

/// A safe point: collects garbage if due (always under `stress-gc`).
#[inline(always)]
fn collect(st: &mut State) -> LResult<()> {
    if STRESS_GC {
        st.full_gc();
    }
    st.gc_check()
}

/// The operands of a binary operator node `$b`, in the bytecode's order: a local first
/// operand is read after the second operand is evaluated (when the instruction executes).
/// (A macro rather than a function returning a pair: moving pairs of values through
/// `Result`s made the compiler copy them through memory in ways that stall.)
macro_rules! operands {
    ($self:ident, $st:ident, $b:expr) => {{
        let b = $b;
        if let Expr::Local(r) = b.a {
            let y = $self.value($st, &b.b)?;
            ($self.get($st, r), y)
        } else {
            let x = $self.value($st, &b.a)?;
            if b.tmp != NO_REG {
                $self.set($st, b.tmp, x);
            }
            let y = $self.value($st, &b.b)?;
            (x, y)
        }
    }};
}

/// The resolved function of a prototype (`None` for bytecode prototypes).
#[inline]
fn func_of(cl: GcRef<LuaClosure>) -> Option<&'static Func> {
    // the prototype stays alive while its closure occupies the running frame's function slot,
    // which is as long as the walker uses the reference
    let body: &'static dyn std::any::Any = &**cl.proto.as_static().ast.as_ref()?;
    body.downcast_ref::<Func>()
}

/// Runs the Lua frame on top of `st.frames` to completion (see the module docs). `limit` is
/// the native stack limit of this executor invocation.
pub(crate) fn run_lua(st: &mut State, limit: usize) -> LResult<()> {
    run_lua_from(st, limit, None)
}

/// `run_lua` whose first frame's closure and resolved function the caller already knows.
fn run_lua_from(
    st: &mut State,
    limit: usize,
    mut known: Option<(GcRef<LuaClosure>, &'static Func)>,
) -> LResult<()> {
    loop {
        let ci_idx = st.frames.len() - 1;
        let (cl, f) = match known.take() {
            Some(k) => k,
            None => {
                let func_slot = st.frames[ci_idx].func;
                let cl = match st.stack[func_slot] {
                    Value::LuaFn(c) => c,
                    _ => return Err(st.rt_error("internal error: frame is not a Lua function")),
                };
                let Some(f) = func_of(cl) else {
                    // a bytecode prototype (a precompiled chunk): the VM runs it until it
                    // returns
                    st.frames[ci_idx].flags |= CI_FRESH;
                    return lunar_vm::execute(st);
                };
                (cl, f)
            }
        };
        if f.is_vararg {
            vararg_prep(st, ci_idx, f)?;
        }
        let ci = st.frames[ci_idx];
        let base = ci.base;
        let ci_top = base + f.frame_size;
        st.top = ci_top;
        let mut fr = Frame {
            base,
            ci_idx,
            ci_top,
            cl,
            limit,
            vararg_from: ci.func - ci.n_extra as usize,
            nextra: ci.n_extra as usize,
            last_line: if st.hooks_active { -1 } else { UNKNOWN_LINE },
            force_line: false,
            countdown: 0,
            err: None,
        };
        match fr.activate(st, f) {
            Ok(true) => continue,
            Ok(false) => return Ok(()),
            Err(Halt) => return Err(fr.take_err(st)),
        }
    }
}

/// `VARARGPREP`: moves the function and its fixed parameters above the actual arguments, so
/// the extra arguments stay below the frame (`ci.func - n_extra .. ci.func`).
fn vararg_prep(st: &mut State, ci_idx: usize, f: &Func) -> LResult<()> {
    st.adjust_varargs(ci_idx, f.nparams, f.frame_size)
}

/// One activation of a resolved function.
struct Frame {
    base: usize,
    ci_idx: usize,
    ci_top: usize,
    cl: GcRef<LuaClosure>,
    limit: usize,
    /// First extra (vararg) argument.
    vararg_from: usize,
    nextra: usize,
    /// Line of the last line-hook point (`UNKNOWN_LINE`: hooks were off so far).
    last_line: i64,
    /// A loop jumped back: the next line-hook point reports its line even if unchanged.
    force_line: bool,
    /// Count-hook countdown.
    countdown: i64,
    /// The error a `Halt` stands for.
    err: Option<LuaError>,
}

/// `Frame::last_line` before any hook point ran with hooks on.
const UNKNOWN_LINE: i64 = i64::MIN;

/// What `forprep` decided.
enum ForPrep {
    Skip,
    Int { init: i64, step: i64, count: u64 },
    Float { init: f64, limit: f64, step: f64 },
}

/// `forprep` of lvm.c: checks and converts the control values of a numeric loop and, for an
/// integer loop, precomputes the iteration count so the loop cannot overflow.
fn for_prep(st: &mut State, init: Value, limit: Value, step: Value) -> LResult<ForPrep> {
    if let (Value::Int(init), Value::Int(step)) = (init, step) {
        if step == 0 {
            return Err(st.rt_error("'for' step is zero"));
        }
        let mode = if step < 0 { F2I::Ceil } else { F2I::Floor };
        let lim = match limit {
            Value::Int(l) => l,
            _ => {
                let as_int = match meta::to_number(&limit) {
                    Some(Number::Int(i)) => Some(i),
                    Some(Number::Float(f)) => number::float_to_int(f, mode),
                    None => return Err(st.for_error(&limit, "limit")),
                };
                match as_int {
                    Some(l) => l,
                    None => {
                        // the limit is a float out of the integer range
                        let fl = meta::to_float(&limit).unwrap_or(0.0);
                        if fl > 0.0 {
                            if step < 0 {
                                return Ok(ForPrep::Skip);
                            }
                            i64::MAX
                        } else {
                            if step > 0 {
                                return Ok(ForPrep::Skip);
                            }
                            i64::MIN
                        }
                    }
                }
            }
        };
        if if step > 0 { init > lim } else { init < lim } {
            return Ok(ForPrep::Skip);
        }
        let count: u64 = if step > 0 {
            let c = (lim as u64).wrapping_sub(init as u64);
            if step != 1 {
                c / step as u64
            } else {
                c
            }
        } else {
            let c = (init as u64).wrapping_sub(lim as u64);
            c / ((-(step + 1)) as u64 + 1)
        };
        return Ok(ForPrep::Int { init, step, count });
    }
    let Some(flimit) = meta::to_float(&limit) else {
        return Err(st.for_error(&limit, "limit"));
    };
    let Some(fstep) = meta::to_float(&step) else {
        return Err(st.for_error(&step, "step"));
    };
    let Some(finit) = meta::to_float(&init) else {
        return Err(st.for_error(&init, "initial value"));
    };
    if fstep == 0.0 {
        return Err(st.rt_error("'for' step is zero"));
    }
    if if 0.0 < fstep {
        flimit < finit
    } else {
        finit < flimit
    } {
        return Ok(ForPrep::Skip);
    }
    Ok(ForPrep::Float {
        init: finit,
        limit: flimit,
        step: fstep,
    })
}

impl Frame {
    // -- Activation ----------------------------------------------------------------------

    /// Runs the function's body and returns from it; true when a tail call replaced the frame
    /// by another Lua frame for `run_lua` to run.
    fn activate(&mut self, st: &mut State, f: &Func) -> X<bool> {
        if st.hooks_active {
            self.hook_call(st)?;
        }
        match self.exec_block(st, &f.body)? {
            Flow::Return { first, n } => {
                self.finish(st, f, self.base + first as usize, n as usize)?;
                Ok(false)
            }
            Flow::TailCall { func, nargs } => {
                self.tail_call(st, f, self.base + func as usize, nargs as usize)
            }
            _ => {
                if st.hooks_active {
                    self.line_event(st, f.ret_site)?;
                }
                self.finish(st, f, self.base, 0)?;
                Ok(false)
            }
        }
    }

    /// After a call out of the walker that may have run on (or switched) native stacks:
    /// publishes this invocation's stack limit again (see `stack::set_current`).
    #[inline(always)]
    fn resync(&self) {
        stack::set_current(self.limit);
    }

    /// Records an error; returns the marker that propagates it.
    #[cold]
    #[inline(never)]
    fn raise(&mut self, e: LuaError) -> Halt {
        self.err = Some(e);
        Halt
    }

    /// A runtime result inside the activation (the runtime call may have run Lua code or
    /// natives that switched native stacks: the stack limit is published again).
    #[inline(always)]
    fn ok<T>(&mut self, r: LResult<T>) -> X<T> {
        self.resync();
        match r {
            Ok(v) => Ok(v),
            Err(e) => Err(self.raise(e)),
        }
    }

    /// The error a `Halt` stood for.
    #[cold]
    fn take_err(&mut self, st: &mut State) -> LuaError {
        match self.err.take() {
            Some(e) => e,
            None => st.rt_error("internal error: lost error"),
        }
    }

    // -- Frame access --------------------------------------------------------------------

    #[inline(always)]
    fn get(&self, st: &State, r: Reg) -> Value {
        st.stack[self.base + r as usize]
    }

    #[inline(always)]
    fn set(&mut self, st: &mut State, r: Reg, v: Value) {
        st.stack[self.base + r as usize] = v;
    }

    /// Saves the current site in the frame (`savepc`): lines and names of errors and calls.
    #[inline(always)]
    fn set_pc(&mut self, st: &mut State, site: Site) {
        st.frames[self.ci_idx].pc = site as usize + 1;
    }

    /// A loop back-edge: a safe point every 1024 iterations of the function's loops (loops
    /// that only grow existing tables reach no allocation point otherwise).
    #[inline]
    fn backedge(&mut self, st: &mut State) -> X<()> {
        let c = &self.cl.proto.backedge_count;
        let n = c.get().wrapping_add(1);
        c.set(n);
        if STRESS_GC || n & 0x3ff == 0 && st.gc_due() {
            st.top = self.ci_top;
            self.ok(collect(st))?;
        }
        Ok(())
    }

    /// A safe point after an allocation whose result is in a register below `top_reg` (every
    /// live value of the frame is below it).
    #[inline]
    fn gc_point(&mut self, st: &mut State, top_reg: Reg, site: Site) -> X<()> {
        if st.gc_due() || STRESS_GC {
            self.set_pc(st, site);
            st.top = self.base + top_reg as usize;
            self.ok(collect(st))?;
            st.top = self.ci_top;
        }
        Ok(())
    }

    /// Leaving the scope of the locals at and above `level`: closes their upvalues and calls
    /// pending `__close` methods.
    fn close_block(&mut self, st: &mut State, level: Reg, site: Site) -> X<()> {
        let lvl = self.base + level as usize;
        st.close_upvals(lvl);
        if st.tbc.last().is_some_and(|&i| i >= lvl) {
            self.set_pc(st, site);
            st.top = self.ci_top;
            self.ok(st.close_all(lvl, None))?;
            st.top = self.ci_top;
        }
        Ok(())
    }

    // -- Debug hooks ---------------------------------------------------------------------

    /// The call event of a function that starts running.
    #[cold]
    #[inline(never)]
    fn hook_call(&mut self, st: &mut State) -> X<()> {
        if st.hook_mask() & MASK_CALL != 0 {
            let ev = if st.frames[self.ci_idx].flags & CI_TAIL != 0 {
                HookEvent::TailCall
            } else {
                HookEvent::Call
            };
            st.top = self.ci_top;
            self.ok(st.hook_event(ev, -1))?;
        }
        Ok(())
    }

    /// A line-hook point (a statement start, a loop test or back-edge) at `site`: reports
    /// a line event when the line changed or a loop jumped back (`luaG_traceexec`), and
    /// counts for the count hook.
    #[cold]
    #[inline(never)]
    fn line_event(&mut self, st: &mut State, site: Site) -> X<()> {
        let proto = self.cl.proto;
        if self.last_line == UNKNOWN_LINE {
            // hooks were just turned on in this frame: the line being executed is current
            let pc = st.frames[self.ci_idx].pc;
            self.last_line = if pc > 0 { proto.line_at(pc - 1) } else { -1 };
        }
        let line = proto.line_at(site as usize);
        let mask = st.hook_mask();
        self.set_pc(st, site);
        if st.top < self.ci_top {
            st.top = self.ci_top;
        }
        if mask & MASK_COUNT != 0 {
            if self.countdown <= 0 {
                self.countdown = st.hook_count();
            }
            self.countdown -= 1;
            if self.countdown == 0 {
                self.ok(st.hook_event(HookEvent::Count, -1))?;
            }
        }
        if mask & MASK_LINE != 0 && (line != self.last_line || self.force_line) {
            self.last_line = line;
            self.force_line = false;
            self.ok(st.hook_event(HookEvent::Line, line))?;
        }
        self.last_line = line;
        self.force_line = false;
        Ok(())
    }

    /// The return event of the running function (results from `first` to `top`).
    #[cold]
    #[inline(never)]
    fn hook_return(&mut self, st: &mut State, site: Site, top: usize) -> X<()> {
        if st.hook_mask() & MASK_RET != 0 {
            self.set_pc(st, site);
            st.top = top.max(self.ci_top);
            self.ok(st.hook_event(HookEvent::Return, -1))?;
        }
        Ok(())
    }

    // -- Returns and calls ---------------------------------------------------------------

    /// Returns `n` values from `first`: closes the frame's upvalues and to-be-closed
    /// variables, pops the frame and moves the results to its function slot.
    fn finish(&mut self, st: &mut State, f: &Func, first: usize, n: usize) -> X<()> {
        if f.has_tbc {
            self.set_pc(st, f.ret_site);
            st.top = (first + n).max(self.ci_top);
            self.ok(st.close_all(self.base, None))?;
        } else {
            st.close_upvals(self.base);
        }
        if st.hooks_active {
            self.hook_return(st, f.ret_site, first + n)?;
        }
        let ci = st.frames.pop().expect("frame");
        let res = if f.is_vararg {
            ci.func - ci.n_extra as usize - f.nparams - 1
        } else {
            ci.func
        };
        st.move_results(res, first, n, ci.nresults);
        Ok(())
    }

    /// `return f(args)`: replaces the frame by a call of the function in `func`. Returns true
    /// when the new frame is a Lua frame for `run_lua` to run, false when the call is done.
    fn tail_call(&mut self, st: &mut State, f: &Func, func: usize, mut nargs: usize) -> X<bool> {
        st.close_upvals(self.base);
        let delta = if f.is_vararg {
            self.nextra + f.nparams + 1
        } else {
            0
        };
        loop {
            match st.stack[func] {
                Value::LuaFn(cl2) => {
                    let p2 = cl2.proto;
                    let newfunc = st.frames[self.ci_idx].func - delta;
                    for j in 0..=nargs {
                        st.stack[newfunc + j] = st.stack[func + j];
                    }
                    let nparams = p2.num_params as usize;
                    let fsize = p2.max_stack as usize;
                    self.ok(st.ensure_stack(newfunc + 1 + fsize.max(nargs) + 1))?;
                    for j in nargs..nparams {
                        st.stack[newfunc + 1 + j] = Value::Nil;
                    }
                    let ci = &mut st.frames[self.ci_idx];
                    ci.func = newfunc;
                    ci.base = newfunc + 1;
                    ci.top = newfunc + 1 + fsize;
                    ci.pc = 0;
                    ci.n_extra = 0;
                    ci.flags |= CI_TAIL;
                    st.top = newfunc + 1 + nargs;
                    p2.call_count.set(p2.call_count.get().wrapping_add(1));
                    return Ok(true);
                }
                Value::NativeFn(nc) => {
                    st.top = func + 1 + nargs;
                    let r = st.call_native(func, nc.f, MULTRET);
                    self.ok(r)?;
                    let n = st.top - func;
                    let ci = st.frames.pop().expect("frame");
                    st.move_results(ci.func - delta, func, n, ci.nresults);
                    return Ok(false);
                }
                _ => {
                    st.top = func + 1 + nargs;
                    self.ok(st.try_call_tm(func))?;
                    nargs += 1;
                }
            }
        }
    }

    /// Calls the value in `func` with the arguments up to `st.top`; `want` results are left
    /// at `func` (all of them for `MULTRET`), `st.top` after them.
    #[inline]
    fn do_call(&mut self, st: &mut State, func: usize, want: i32) -> X<()> {
        if stack::stack_pointer() < self.limit {
            return Err(self.overflow(st));
        }
        if let Value::LuaFn(cl) = st.stack[func] {
            if let Some(f) = func_of(cl) {
                if !f.is_vararg {
                    return self.call_resolved(st, func, want, cl, f);
                }
            }
        }
        self.call_generic(st, func, want)
    }

    /// "stack overflow" (native stack).
    #[cold]
    #[inline(never)]
    fn overflow(&mut self, st: &mut State) -> Halt {
        let e = st.rt_error("stack overflow");
        self.raise(e)
    }

    /// A call of a resolved non-vararg function: `State::precall` for it, then its body.
    /// (Kept apart from `do_call`: its frame is part of every level of Lua recursion.)
    #[inline(never)]
    fn call_resolved(
        &mut self,
        st: &mut State,
        func: usize,
        want: i32,
        cl: GcRef<LuaClosure>,
        f: &'static Func,
    ) -> X<()> {
        let nargs = st.top - func - 1;
        let fsize = f.frame_size;
        let needed = func + 1 + fsize.max(nargs) + 1;
        if needed + lunar_runtime::state::EXTRA_STACK > st.stack.len() {
            self.grow(st, needed)?;
        }
        for i in nargs..f.nparams {
            st.stack[func + 1 + i] = Value::Nil;
        }
        st.frames.push(CallInfo {
            func,
            base: func + 1,
            top: func + 1 + fsize,
            pc: 0,
            nresults: want,
            n_extra: 0,
            flags: CI_LUA,
        });
        let p = cl.proto;
        p.call_count.set(p.call_count.get().wrapping_add(1));
        // (same invocation, same stack limit: nothing to publish again)
        match run_lua_from(st, self.limit, Some((cl, f))) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.raise(e)),
        }
    }

    /// Grows the Lua stack (or fails with "stack overflow").
    #[cold]
    #[inline(never)]
    fn grow(&mut self, st: &mut State, needed: usize) -> X<()> {
        let r = st.ensure_stack(needed);
        self.ok(r)
    }

    /// Any other call: `State::precall` (natives, `__call`, vararg and bytecode functions).
    #[inline(never)]
    fn call_generic(&mut self, st: &mut State, func: usize, want: i32) -> X<()> {
        let r = match st.precall(func, want) {
            Ok(true) => run_lua(st, self.limit),
            Ok(false) => collect(st),
            Err(e) => Err(e),
        };
        self.ok(r)
    }

    /// Evaluates the function and arguments of `c` into its registers; returns the number of
    /// arguments.
    fn prepare_call(&mut self, st: &mut State, c: &Call) -> X<usize> {
        let func = self.base + c.base as usize;
        let mut nargs = 0usize;
        match &c.callee {
            Callee::Plain(f) => {
                let v = self.eval(st, f)?;
                st.stack[func] = v;
            }
            Callee::Method {
                obj,
                name,
                src,
                self_site,
            } => {
                let o = self.eval(st, obj)?;
                st.stack[func + 1] = o;
                let m = self.get_str(st, o, *name, *src, *self_site)?;
                st.stack[func] = m;
                nargs = 1;
            }
        }
        let n = c.args.len();
        for (i, a) in c.args.iter().enumerate() {
            if st.hooks_active && c.arg_lines[i] != NO_SITE {
                self.line_event(st, c.arg_lines[i])?;
            }
            if i + 1 == n && c.multi_last {
                nargs += self.eval_multi(st, a, c.base + 1 + nargs as Reg, MULTRET)?;
            } else {
                let v = self.eval(st, a)?;
                st.stack[func + 1 + nargs] = v;
                nargs += 1;
            }
        }
        Ok(nargs)
    }

    /// A call with `want` results left in `c.base..` (`st.top` after them).
    #[inline]
    fn call(&mut self, st: &mut State, c: &Call, want: i32) -> X<()> {
        let nargs = self.prepare_call(st, c)?;
        let func = self.base + c.base as usize;
        if st.hooks_active {
            // the call instruction is on the call's line (after arguments on other lines)
            self.line_event(st, c.site)?;
        }
        st.top = func + 1 + nargs;
        self.set_pc(st, c.site);
        self.do_call(st, func, want)
    }

    // -- Expressions ---------------------------------------------------------------------

    /// Evaluates `e` to one value. A dispatcher kept small (its frame is part of every level
    /// of Lua recursion): anything beyond the simplest nodes is in separate functions.
    fn eval(&mut self, st: &mut State, e: &Expr) -> X<Value> {
        match e {
            Expr::Local(r) => Ok(self.get(st, *r)),
            Expr::K(v) => Ok(*v),
            Expr::Nil => Ok(Value::Nil),
            Expr::Bool(b) => Ok(Value::Bool(*b)),
            Expr::Upval(u) => Ok(self.cl.upvals[*u as usize].get()),
            Expr::Global(g) => self.eval_global(st, g),
            Expr::Field(f) => {
                let o = self.eval(st, &f.obj)?;
                self.get_str(st, o, f.key, f.src, f.site)
            }
            Expr::Index(x) => self.eval_index(st, x),
            Expr::Call(c) => self.eval_call(st, c),
            Expr::Vararg => Ok(if self.nextra > 0 {
                st.stack[self.vararg_from]
            } else {
                Value::Nil
            }),
            Expr::Paren(x) => self.eval(st, x),
            Expr::Closure { proto, reg, site } => self.closure(st, *proto, *reg, *site),
            Expr::Table(t) => self.table(st, t),
            Expr::Arith(b) => self.eval_arith(st, b),
            Expr::Cmp(b) => self.eval_cmp(st, b),
            Expr::And(ab) => {
                let x = self.eval(st, &ab.0)?;
                if !x.truthy() {
                    return Ok(x);
                }
                if ab.2 != NO_SITE && st.hooks_active {
                    self.line_event(st, ab.2)?;
                }
                self.eval(st, &ab.1)
            }
            Expr::Or(ab) => {
                let x = self.eval(st, &ab.0)?;
                if x.truthy() {
                    return Ok(x);
                }
                if ab.2 != NO_SITE && st.hooks_active {
                    self.line_event(st, ab.2)?;
                }
                self.eval(st, &ab.1)
            }
            Expr::Not(x) => Ok(Value::Bool(!self.eval(st, x)?.truthy())),
            Expr::Unary(u) => self.eval_unary(st, u),
            Expr::Len(u) => self.eval_len(st, u),
            Expr::Concat(c) => self.eval_concat(st, c),
        }
    }

    #[inline(never)]
    fn eval_global(&mut self, st: &mut State, g: &Global) -> X<Value> {
        let t = match g.env {
            Env::Upval(u) => self.cl.upvals[u as usize].get(),
            Env::Local(r) => self.get(st, r),
        };
        if let Value::Table(tab) = t {
            let v = tab.get_str(g.key);
            if !v.is_nil() || tab.meta.get().is_none() {
                return Ok(v);
            }
        }
        let src = match g.env {
            Env::Upval(u) => Src::Upval(u as u32),
            Env::Local(r) => Src::Reg(r as u32),
        };
        self.index_slow(st, t, Value::Str(g.key), src, g.site)
    }

    #[inline(never)]
    fn eval_index(&mut self, st: &mut State, x: &Index) -> X<Value> {
        let (o, k) = if let Expr::Local(r) = x.obj {
            // the table register is read when the indexing executes
            let k = self.eval(st, &x.key)?;
            (self.get(st, r), k)
        } else {
            let o = self.eval(st, &x.obj)?;
            if x.tmp != NO_REG {
                self.set(st, x.tmp, o);
            }
            (o, self.eval(st, &x.key)?)
        };
        if let Value::Table(tab) = o {
            let v = match k {
                Value::Int(n) => tab.get_int(n),
                _ => tab.get(k),
            };
            if !v.is_nil() || tab.meta.get().is_none() {
                return Ok(v);
            }
        }
        self.index_slow(st, o, k, x.src, x.site)
    }

    /// `st.index` with the site saved (`luaV_finishget`).
    #[cold]
    #[inline(never)]
    fn index_slow(&mut self, st: &mut State, o: Value, k: Value, src: Src, site: Site) -> X<Value> {
        self.set_pc(st, site);
        let r = st.index(o, k, src);
        self.ok(r)
    }

    #[inline(never)]
    fn eval_call(&mut self, st: &mut State, c: &Call) -> X<Value> {
        self.call(st, c, 1)?;
        let v = self.get(st, c.base);
        st.top = self.ci_top;
        Ok(v)
    }

    #[inline(never)]
    fn eval_arith(&mut self, st: &mut State, b: &Binary<ArithOp>) -> X<Value> {
        let (x, y) = operands!(self, st, b);
        if b.hook && st.hooks_active {
            self.line_event(st, b.site)?;
        }
        if let Some(v) = arith_fast(b.op, x, y) {
            return Ok(v);
        }
        self.arith_slow(st, b.op, x, y, b.sa, b.sb, b.site)
    }

    /// `st.arith` with the site saved (metamethods, coercions, errors).
    #[cold]
    #[inline(never)]
    fn arith_slow(
        &mut self,
        st: &mut State,
        op: ArithOp,
        x: Value,
        y: Value,
        sa: Src,
        sb: Src,
        site: Site,
    ) -> X<Value> {
        self.set_pc(st, site);
        let r = st.arith(op, x, y, sa, sb);
        self.ok(r)
    }

    #[inline(never)]
    fn eval_cmp(&mut self, st: &mut State, b: &Binary<CmpOp>) -> X<Value> {
        let (x, y) = operands!(self, st, b);
        if b.hook && st.hooks_active {
            self.line_event(st, b.site)?;
        }
        self.compare(st, b.op, x, y, b.site).map(Value::Bool)
    }

    #[inline(never)]
    fn eval_unary(&mut self, st: &mut State, u: &Unary) -> X<Value> {
        let v = self.eval(st, &u.a)?;
        match (u.op, v) {
            (ArithOp::Unm, Value::Int(x)) => Ok(Value::Int(x.wrapping_neg())),
            (ArithOp::Unm, Value::Float(x)) => Ok(Value::Float(-x)),
            (ArithOp::BNot, Value::Int(x)) => Ok(Value::Int(!x)),
            _ => self.arith_slow(st, u.op, v, v, u.src, u.src, u.site),
        }
    }

    #[inline(never)]
    fn eval_len(&mut self, st: &mut State, u: &Unary) -> X<Value> {
        let v = self.eval(st, &u.a)?;
        match v {
            Value::Str(s) => Ok(Value::Int(s.len() as i64)),
            Value::Table(t) if t.meta.get().is_none() => Ok(Value::Int(t.len())),
            _ => {
                self.set_pc(st, u.site);
                let r = st.len_of(v, u.src);
                self.ok(r)
            }
        }
    }

    #[inline(never)]
    fn eval_concat(&mut self, st: &mut State, c: &Concat) -> X<Value> {
        for (i, x) in c.items.iter().enumerate() {
            let v = self.eval(st, x)?;
            self.set(st, c.first + i as Reg, v);
        }
        if c.hook && st.hooks_active {
            self.line_event(st, c.site)?;
        }
        let first = self.base + c.first as usize;
        let n = c.items.len();
        self.set_pc(st, c.site);
        st.top = first + n;
        let r = st.concat(first, n);
        self.ok(r)?;
        let v = st.stack[first];
        st.top = first + 1;
        self.ok(collect(st))?;
        st.top = self.ci_top;
        Ok(v)
    }

    /// `eval` with the leaves (locals, constants) handled inline, without a call.
    #[inline(always)]
    fn value(&mut self, st: &mut State, e: &Expr) -> X<Value> {
        match e {
            Expr::Local(r) => Ok(self.get(st, *r)),
            Expr::K(v) => Ok(*v),
            // nested arithmetic skips the dispatcher
            Expr::Arith(b) => self.eval_arith(st, b),
            Expr::Call(c) => self.eval_call(st, c),
            Expr::Index(x) => self.eval_index(st, x),
            _ => self.eval(st, e),
        }
    }

    /// Evaluates a condition (comparisons without building a boolean value).
    #[inline(always)]
    fn cond(&mut self, st: &mut State, e: &Expr) -> X<bool> {
        match e {
            Expr::Cmp(b) => {
                let (x, y) = operands!(self, st, b);
                if b.hook && st.hooks_active {
                    self.line_event(st, b.site)?;
                }
                self.compare(st, b.op, x, y, b.site)
            }
            Expr::Not(x) => Ok(!self.value(st, x)?.truthy()),
            _ => Ok(self.value(st, e)?.truthy()),
        }
    }

    /// `obj.key` for a string constant key.
    #[inline]
    fn get_str(
        &mut self,
        st: &mut State,
        o: Value,
        key: GcRef<LuaStr>,
        src: Src,
        site: Site,
    ) -> X<Value> {
        if let Value::Table(tab) = o {
            let v = tab.get_str(key);
            if !v.is_nil() || tab.meta.get().is_none() {
                return Ok(v);
            }
        }
        self.index_slow(st, o, Value::Str(key), src, site)
    }

    /// Comparison operators.
    #[inline(always)]
    fn compare(&mut self, st: &mut State, op: CmpOp, x: Value, y: Value, site: Site) -> X<bool> {
        match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = match (x, y) {
                    (Value::Table(p), Value::Table(q)) if p != q => {
                        self.set_pc(st, site);
                        let r = st.equals(x, y);
                        self.ok(r)?
                    }
                    (Value::UserData(p), Value::UserData(q)) if p != q => {
                        self.set_pc(st, site);
                        let r = st.equals(x, y);
                        self.ok(r)?
                    }
                    _ => x.raw_eq(&y),
                };
                Ok(eq == (op == CmpOp::Eq))
            }
            CmpOp::Lt | CmpOp::Gt => {
                let (a, b) = if op == CmpOp::Lt { (x, y) } else { (y, x) };
                match (a, b) {
                    (Value::Int(p), Value::Int(q)) => Ok(p < q),
                    (Value::Float(p), Value::Float(q)) => Ok(p < q),
                    _ => {
                        self.set_pc(st, site);
                        let r = st.less_than(a, b);
                        self.ok(r)
                    }
                }
            }
            CmpOp::Le | CmpOp::Ge => {
                let (a, b) = if op == CmpOp::Le { (x, y) } else { (y, x) };
                match (a, b) {
                    (Value::Int(p), Value::Int(q)) => Ok(p <= q),
                    (Value::Float(p), Value::Float(q)) => Ok(p <= q),
                    _ => {
                        self.set_pc(st, site);
                        let r = st.less_equal(a, b);
                        self.ok(r)
                    }
                }
            }
        }
    }

    /// Evaluates `e` into registers from `reg`: all its values (`want == MULTRET`, `st.top`
    /// after them) or exactly `want`. Returns the number of values.
    fn eval_multi(&mut self, st: &mut State, e: &Expr, reg: Reg, want: i32) -> X<usize> {
        match e {
            Expr::Call(c) => {
                self.call(st, c, want)?;
                Ok(st.top - (self.base + reg as usize))
            }
            Expr::Vararg => {
                let n = if want < 0 { self.nextra } else { want as usize };
                let dst = self.base + reg as usize;
                if want < 0 {
                    st.top = self.ci_top.max(dst);
                    let r = st.ensure_stack(dst + n + 1);
                    self.ok(r)?;
                }
                for j in 0..n {
                    st.stack[dst + j] = if j < self.nextra {
                        st.stack[self.vararg_from + j]
                    } else {
                        Value::Nil
                    };
                }
                if want < 0 {
                    st.top = dst + n;
                }
                Ok(n)
            }
            _ => {
                let v = self.eval(st, e)?;
                self.set(st, reg, v);
                let n = if want < 0 { 1 } else { want as usize };
                for j in 1..n {
                    self.set(st, reg + j as Reg, Value::Nil);
                }
                Ok(n)
            }
        }
    }

    /// Evaluates a list adjusted to `n` values in `list.reg..`.
    fn eval_list_n(&mut self, st: &mut State, list: &ExpList, n: usize) -> X<()> {
        let k = list.exprs.len();
        for (i, e) in list.exprs.iter().enumerate() {
            let reg = list.reg + i as Reg;
            if i + 1 == k && list.multi_last {
                let want = n.saturating_sub(i);
                self.eval_multi(st, e, reg, want as i32)?;
                st.top = self.ci_top;
                return Ok(());
            }
            let v = self.eval(st, e)?;
            self.set(st, reg, v);
        }
        for i in k..n {
            self.set(st, list.reg + i as Reg, Value::Nil);
        }
        Ok(())
    }

    /// Evaluates all values of a list into `list.reg..`; returns how many (`st.top` is after
    /// them when the last expression produced several).
    fn eval_list_all(&mut self, st: &mut State, list: &ExpList) -> X<usize> {
        let k = list.exprs.len();
        for (i, e) in list.exprs.iter().enumerate() {
            let reg = list.reg + i as Reg;
            if i + 1 == k && list.multi_last {
                return Ok(i + self.eval_multi(st, e, reg, MULTRET)?);
            }
            let v = self.eval(st, e)?;
            self.set(st, reg, v);
        }
        Ok(k)
    }

    /// A closure of nested prototype `idx`, built in register `reg`.
    #[inline(never)]
    fn closure(&mut self, st: &mut State, idx: u16, reg: Reg, site: Site) -> X<Value> {
        let p = self.cl.proto.protos[idx as usize];
        let mut upvals: Vec<GcRef<UpVal>> = Vec::with_capacity(p.upvalues.len());
        for d in p.upvalues.iter() {
            if d.in_stack {
                upvals.push(st.find_upval(self.base + d.index as usize));
            } else {
                upvals.push(self.cl.upvals[d.index as usize]);
            }
        }
        let v = Value::LuaFn(st.heap.alloc(LuaClosure {
            proto: p,
            upvals: upvals.into_boxed_slice(),
        }));
        self.set(st, reg, v);
        self.gc_point(st, reg + 1, site)?;
        Ok(v)
    }

    /// A table constructor.
    #[inline(never)]
    fn table(&mut self, st: &mut State, t: &TableCtor) -> X<Value> {
        let tab = st.new_table_sized(t.narray, t.nhash);
        let tv = Value::Table(tab);
        self.set(st, t.reg, tv);
        self.gc_point(st, t.reg + 1, t.site)?;
        let mut multi = 0usize;
        for item in &t.items {
            match item {
                TableItem::Positional { e, reg } => {
                    let v = self.eval(st, e)?;
                    self.set(st, *reg, v);
                }
                TableItem::Multi { e, reg } => {
                    multi = self.eval_multi(st, e, *reg, MULTRET)?;
                }
                TableItem::Line(site) => {
                    if st.hooks_active {
                        self.line_event(st, *site)?;
                    }
                }
                TableItem::Flush { reg, n, first } => {
                    let from = self.base + *reg as usize;
                    let total = *n as usize + std::mem::take(&mut multi);
                    tab.reserve_array(total);
                    for j in 0..total {
                        tab.set_int(*first + j as i64, st.stack[from + j]);
                    }
                    st.top = self.ci_top;
                }
                TableItem::Keyed {
                    key,
                    value,
                    tmp,
                    site,
                } => {
                    let (k, v) = if let Expr::Local(r) = key {
                        let v = self.eval(st, value)?;
                        (self.get(st, *r), v)
                    } else {
                        let k = self.eval(st, key)?;
                        if *tmp != NO_REG {
                            self.set(st, *tmp, k);
                        }
                        (k, self.eval(st, value)?)
                    };
                    if let Err(e) = tab.set(k, v) {
                        self.set_pc(st, *site);
                        let e = st.rt_error(e.message());
                        return Err(self.raise(e));
                    }
                }
            }
        }
        Ok(tv)
    }

    // -- Statements ----------------------------------------------------------------------

    /// Runs a block and leaves its scope.
    fn exec_block(&mut self, st: &mut State, b: &Block) -> X<Flow> {
        let flow = self.exec_stats(st, b)?;
        if b.close && !matches!(flow, Flow::Return { .. } | Flow::TailCall { .. }) {
            self.close_block(st, b.level, b.close_site)?;
        }
        Ok(flow)
    }

    /// Runs a block's statements (handling jumps to its own labels) without leaving its scope.
    fn exec_stats(&mut self, st: &mut State, b: &Block) -> X<Flow> {
        let stats = &b.stats;
        let mut i = 0;
        while i < stats.len() {
            if st.hooks_active && b.sites[i] != NO_SITE {
                self.line_event(st, b.sites[i])?;
            }
            match self.exec_stat(st, &stats[i])? {
                Flow::Normal => i += 1,
                Flow::Goto(id) => match b.labels.iter().find(|l| l.id == id) {
                    Some(l) => {
                        if b.close {
                            self.close_block(st, l.level, b.close_site)?;
                        }
                        if l.index <= i {
                            self.force_line = true;
                            self.backedge(st)?;
                        }
                        i = l.index;
                    }
                    None => return Ok(Flow::Goto(id)),
                },
                f => return Ok(f),
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_stat(&mut self, st: &mut State, s: &Stat) -> X<Flow> {
        match s {
            Stat::Call(c) => {
                self.call(st, c, 0)?;
                st.top = self.ci_top;
            }
            Stat::Local1 { reg, e } | Stat::SetLocal { reg, e } => {
                let v = self.value(st, e)?;
                self.set(st, *reg, v);
            }
            Stat::LocalN { list, n } => self.eval_list_n(st, list, *n as usize)?,
            Stat::Tbc { reg, site } => self.tbc(st, *reg, *site)?,
            Stat::SetUpval { idx, e } => {
                let v = self.eval(st, e)?;
                self.cl.upvals[*idx as usize].set(v);
            }
            Stat::SetIndex { target, e } => self.exec_set_index(st, target, e)?,
            Stat::SetMulti { targets, list } => self.exec_set_multi(st, targets, list)?,
            Stat::Do(b) => return self.exec_block(st, b),
            Stat::While {
                cond,
                body,
                cond_site,
                end_site,
            } => return self.exec_while(st, cond, body, *cond_site, *end_site),
            Stat::Repeat {
                body,
                cond,
                cond_site,
            } => return self.exec_repeat(st, body, cond, *cond_site),
            Stat::If { arms, els } => return self.exec_if(st, arms, els.as_ref()),
            Stat::NumFor(f) => return self.num_for(st, f),
            Stat::GenFor(f) => return self.gen_for(st, f),
            Stat::Break => return Ok(Flow::Break),
            Stat::Goto(id) => return Ok(Flow::Goto(*id)),
            Stat::Return { list, site } => return self.exec_return(st, list, *site),
            Stat::TailCall(c) => return self.exec_tail_call(st, c),
        }
        Ok(Flow::Normal)
    }

    #[cold]
    #[inline(never)]
    fn tbc(&mut self, st: &mut State, reg: Reg, site: Site) -> X<()> {
        self.set_pc(st, site);
        let r = st.new_tbc(self.base + reg as usize);
        self.ok(r)
    }

    #[inline(never)]
    fn exec_set_index(&mut self, st: &mut State, target: &Target, e: &Expr) -> X<()> {
        self.early(st, target)?;
        let v = self.eval(st, e)?;
        self.store(st, target, v)
    }

    #[inline(never)]
    fn exec_set_multi(&mut self, st: &mut State, targets: &[Target], list: &ExpList) -> X<()> {
        for t in targets {
            self.early(st, t)?;
        }
        self.eval_list_n(st, list, targets.len())?;
        for (i, t) in targets.iter().enumerate().rev() {
            let v = self.get(st, list.reg + i as Reg);
            self.store(st, t, v)?;
        }
        Ok(())
    }

    #[inline(never)]
    fn exec_while(
        &mut self,
        st: &mut State,
        cond: &Expr,
        body: &Block,
        cond_site: Site,
        end_site: Site,
    ) -> X<Flow> {
        let mut again = false;
        loop {
            if again && st.hooks_active {
                self.line_event(st, cond_site)?;
            }
            again = true;
            if !self.cond(st, cond)? {
                return Ok(Flow::Normal);
            }
            match self.exec_block(st, body)? {
                Flow::Normal => {
                    if st.hooks_active {
                        self.line_event(st, end_site)?;
                    }
                    self.force_line = true;
                    self.backedge(st)?
                }
                Flow::Break => return Ok(Flow::Normal),
                f => return Ok(f),
            }
        }
    }

    #[inline(never)]
    fn exec_repeat(
        &mut self,
        st: &mut State,
        body: &Block,
        cond: &Expr,
        cond_site: Site,
    ) -> X<Flow> {
        loop {
            match self.exec_stats(st, body)? {
                Flow::Normal => {}
                Flow::Break => {
                    if body.close {
                        self.close_block(st, body.level, body.close_site)?;
                    }
                    return Ok(Flow::Normal);
                }
                f @ (Flow::Return { .. } | Flow::TailCall { .. }) => return Ok(f),
                f => {
                    if body.close {
                        self.close_block(st, body.level, body.close_site)?;
                    }
                    return Ok(f);
                }
            }
            if st.hooks_active {
                self.line_event(st, cond_site)?;
            }
            let c = self.cond(st, cond)?;
            if body.close {
                self.close_block(st, body.level, body.close_site)?;
            }
            if c {
                return Ok(Flow::Normal);
            }
            self.force_line = true;
            self.backedge(st)?;
        }
    }

    #[inline(never)]
    fn exec_if(
        &mut self,
        st: &mut State,
        arms: &[(Expr, Block, Site)],
        els: Option<&Block>,
    ) -> X<Flow> {
        for (k, (c, b, site)) in arms.iter().enumerate() {
            if k > 0 && st.hooks_active {
                self.line_event(st, *site)?;
            }
            if self.cond(st, c)? {
                return self.exec_block(st, b);
            }
        }
        match els {
            Some(b) => self.exec_block(st, b),
            None => Ok(Flow::Normal),
        }
    }

    #[inline(never)]
    fn exec_return(&mut self, st: &mut State, list: &ExpList, site: Site) -> X<Flow> {
        let n = self.eval_list_all(st, list)?;
        self.set_pc(st, site);
        Ok(Flow::Return {
            first: list.reg as u32,
            n: n as u32,
        })
    }

    #[inline(never)]
    fn exec_tail_call(&mut self, st: &mut State, c: &Call) -> X<Flow> {
        let nargs = self.prepare_call(st, c)?;
        self.set_pc(st, c.site);
        Ok(Flow::TailCall {
            func: c.base as u32,
            nargs: nargs as u32,
        })
    }

    /// Evaluates the operands of an assignment target that come before the values.
    fn early(&mut self, st: &mut State, t: &Target) -> X<()> {
        if let Target::Index { obj, key, .. } = t {
            if let TargetObj::Op(Operand::Early(e, r)) = obj {
                let v = self.eval(st, e)?;
                self.set(st, *r, v);
            }
            if let Operand::Early(e, r) = key {
                let v = self.eval(st, e)?;
                self.set(st, *r, v);
            }
        }
        Ok(())
    }

    #[inline]
    fn operand(&self, st: &State, op: &Operand) -> Value {
        match op {
            Operand::Reg(r) | Operand::Early(_, r) => self.get(st, *r),
            Operand::K(v) => *v,
        }
    }

    /// Stores `v` into an assignment target.
    fn store(&mut self, st: &mut State, t: &Target, v: Value) -> X<()> {
        match t {
            Target::Local(r) => self.set(st, *r, v),
            Target::Upval(u) => self.cl.upvals[*u as usize].set(v),
            Target::Index {
                obj,
                key,
                src,
                site,
            } => {
                let o = match obj {
                    TargetObj::Upval(u) => self.cl.upvals[*u as usize].get(),
                    TargetObj::Op(op) => self.operand(st, op),
                };
                let k = self.operand(st, key);
                if let Value::Table(tab) = o {
                    if tab.meta.get().is_none() || !tab.get(k).is_nil() {
                        match k {
                            Value::Str(s) => tab.set_str(s, v),
                            Value::Int(i) => tab.set_int(i, v),
                            _ => {
                                if let Err(e) = tab.set(k, v) {
                                    self.set_pc(st, *site);
                                    let e = st.rt_error(e.message());
                                    return Err(self.raise(e));
                                }
                            }
                        }
                        return Ok(());
                    }
                }
                self.set_pc(st, *site);
                let r = st.set_index(o, k, v, *src);
                self.ok(r)?;
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn num_for(&mut self, st: &mut State, f: &NumFor) -> X<Flow> {
        let init = self.eval(st, &f.start)?;
        self.set(st, f.base, init);
        let limit = self.eval(st, &f.limit)?;
        self.set(st, f.base + 1, limit);
        let step = match &f.step {
            Some(s) => self.eval(st, s)?,
            None => Value::Int(1),
        };
        self.set(st, f.base + 2, step);
        let var = f.base + 3;
        let prep = match (init, limit, step) {
            // the common case, checked inline
            (Value::Int(i), Value::Int(l), Value::Int(s)) if s != 0 => {
                if if s > 0 { i > l } else { i < l } {
                    ForPrep::Skip
                } else {
                    let count = if s > 0 {
                        let c = (l as u64).wrapping_sub(i as u64);
                        if s != 1 {
                            c / s as u64
                        } else {
                            c
                        }
                    } else {
                        let c = (i as u64).wrapping_sub(l as u64);
                        c / ((-(s + 1)) as u64 + 1)
                    };
                    ForPrep::Int {
                        init: i,
                        step: s,
                        count,
                    }
                }
            }
            _ => {
                self.set_pc(st, f.prep_site);
                let r = for_prep(st, init, limit, step);
                self.ok(r)?
            }
        };
        match prep {
            ForPrep::Skip => {}
            ForPrep::Int {
                init,
                step,
                mut count,
            } => {
                let mut i = init;
                loop {
                    self.set(st, var, Value::Int(i));
                    match self.exec_block(st, &f.body)? {
                        Flow::Normal => {}
                        Flow::Break => break,
                        other => return Ok(other),
                    }
                    if st.hooks_active {
                        self.line_event(st, f.loop_site)?;
                    }
                    if count == 0 {
                        break;
                    }
                    count -= 1;
                    i = i.wrapping_add(step);
                    self.force_line = true;
                    self.backedge(st)?;
                }
            }
            ForPrep::Float { init, limit, step } => {
                let mut x = init;
                loop {
                    self.set(st, var, Value::Float(x));
                    match self.exec_block(st, &f.body)? {
                        Flow::Normal => {}
                        Flow::Break => break,
                        other => return Ok(other),
                    }
                    if st.hooks_active {
                        self.line_event(st, f.loop_site)?;
                    }
                    x += step;
                    if !(if 0.0 < step { x <= limit } else { limit <= x }) {
                        break;
                    }
                    self.force_line = true;
                    self.backedge(st)?;
                }
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn gen_for(&mut self, st: &mut State, f: &GenFor) -> X<Flow> {
        let b = f.list.reg;
        self.eval_list_n(st, &f.list, 4)?;
        let fb = self.base + b as usize;
        self.set_pc(st, f.prep_site);
        let r = st.new_tbc(fb + 3);
        self.ok(r)?;
        let flow = loop {
            st.stack[fb + 4] = st.stack[fb];
            st.stack[fb + 5] = st.stack[fb + 1];
            st.stack[fb + 6] = st.stack[fb + 2];
            if st.hooks_active {
                self.line_event(st, f.call_site)?;
            }
            st.top = fb + 7;
            self.set_pc(st, f.call_site);
            self.do_call(st, fb + 4, f.nvars as i32)?;
            st.top = self.ci_top;
            let v = st.stack[fb + 4];
            if v.is_nil() {
                break Flow::Normal;
            }
            st.stack[fb + 2] = v;
            self.force_line = true;
            match self.exec_block(st, &f.body)? {
                Flow::Normal => self.backedge(st)?,
                Flow::Break => break Flow::Normal,
                other => break other,
            }
        };
        if !matches!(flow, Flow::Return { .. } | Flow::TailCall { .. }) {
            if st.hooks_active {
                self.line_event(st, f.close_site)?;
            }
            self.close_block(st, b, f.close_site)?;
        }
        Ok(flow)
    }
}
