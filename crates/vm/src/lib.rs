//! The bytecode VM (register bytecode -> **interpreter loop**), a port of PUC Lua 5.4's
//! `luaV_execute`.
//!
//! One function, [`execute`], runs Lua frames: Lua-to-Lua calls and returns push and pop
//! [`CallInfo`]s and stay in the same loop (no native recursion), so deep Lua recursion is bounded
//! only by the Lua stack. Hot state lives in locals (`pc`, `base`, the prototype's code and
//! constants); every instruction that can raise an error, call a metamethod, or allocate goes
//! through a slow-path helper of the runtime after `protect!` saved `pc` and the frame top, so
//! errors carry the right line and metamethods never clobber live registers.
//!
//! Profiling for the JIT: each prototype counts its calls (`FnProto::call_count`, bumped by
//! `State::precall`) and loop back-edges (`FnProto::backedge_count`, bumped by FORLOOP and
//! TFORLOOP and backward JMPs).
#![deny(missing_docs)]
#![deny(unsafe_code)]

use lunar_bytecode::opcode::{op, OpCode, MAXARG_C};
use lunar_runtime::func::{JitCode, LuaClosure};
use lunar_runtime::jit_abi::{
    finish_return, STATUS_ERROR, STATUS_EXIT, STATUS_RETURN, STATUS_RETURN_N, STATUS_TAILCALL,
};
use lunar_runtime::meta::{self, arith_fast, ArithOp, Src};
use lunar_runtime::state::{CallInfo, LResult, State, CI_FRESH, CI_LUA, CI_TAIL};
use lunar_runtime::stdlib::debug::{HookEvent, MASK_CALL, MASK_COUNT, MASK_LINE, MASK_RET};
use lunar_runtime::table::Table;
use lunar_runtime::vmops::{
    arith_op_of, bitwise_fast, for_prep, new_closure, num_to_int, op_return, order_imm,
    push_lua_frame, tail_call, TailCall,
};
use lunar_runtime::{GcRef, Value};

/// Installs the VM as the executor of Lua functions in `st`.
pub fn install(st: &mut State) {
    st.exec = execute;
}

/// Runs the Lua frame on top of `st.frames` until it returns (see [`lunar_runtime::state::ExecFn`]).
pub fn execute(st: &mut State) -> LResult<()> {
    if st.stats.enabled || st.hooks_active {
        return execute_loop::<true>(st);
    }
    // a function with compiled code, called from native code (metamethods, `pcall`, sort
    // comparators...): run its code without setting up the interpreter loop first
    if st.jit_threshold.is_some() {
        let ci = *st.frames.last().expect("frame");
        if let Value::LuaFn(cl) = st.stack[ci.func] {
            let code = if ci.pc == 0 && cl.proto.ast.is_none() {
                jit_code_for(st, cl, true)
            } else {
                0
            };
            if code > 1 {
                st.stats.jit_entries.set(st.stats.jit_entries.get() + 1);
                let status = run_compiled(st, code, ci.base, 0);
                if status & STATUS_RETURN_N != 0 {
                    if finish_return(st, (status & 1) as usize) {
                        return Ok(());
                    }
                } else if status & STATUS_RETURN != 0 {
                    if status & 1 != 0 {
                        return Ok(());
                    }
                } else if status & STATUS_ERROR != 0 {
                    return Err(st
                        .jit_error
                        .take()
                        .expect("JIT error status without an error"));
                } else if status & STATUS_EXIT != 0 {
                    // the interpreter runs the instruction compiled code left at, and goes on
                    let at = (status & 0xffff_ffff) as usize;
                    if !st.hooks_active {
                        lunar_runtime::jit_abi::note_deopt(st, status);
                        st.jit_skip = true;
                    }
                    st.frames.last_mut().expect("frame").pc = at;
                }
                // the loop goes on with the frame on top (a tail-called one, or this one)
                return if st.hooks_active {
                    execute_loop::<true>(st)
                } else {
                    execute_loop::<false>(st)
                };
            }
        }
    }
    execute_loop::<false>(st)
}

/// Runs JIT-compiled code of the running frame from `pc` and returns its status
/// ([`lunar_runtime::jit_abi`]): leave at a pc, returned, tail-called, or failed.
#[inline(never)]
fn run_compiled(st: &mut State, code: usize, base: usize, pc: usize) -> u64 {
    #[allow(unsafe_code)]
    // SAFETY: `code` was produced by the JIT for this frame's prototype with the `JitCode`
    // signature; `regs` points at the frame's register window, which holds `max_stack` slots
    // (ensured at call time); compiled code only touches that window and calls the runtime
    // through `st`, and never outlives `st`.
    unsafe {
        let f = std::mem::transmute::<usize, JitCode>(code);
        st.stack_ptr = st.stack.as_mut_ptr();
        let regs = st.stack_ptr.add(base);
        f(st as *mut State, regs, pc as u32)
    }
}

/// Tier-up check at function entry or a back-edge: compiles the prototype when its counters
/// reached the threshold; returns its code pointer (> 1) if it has compiled code.
#[inline]
fn jit_code_for(st: &mut State, cl: GcRef<LuaClosure>, entry: bool) -> usize {
    let Some(threshold) = st.jit_threshold else {
        return 0;
    };
    let p = cl.proto;
    let code = p.jit_code.get();
    if code != 0 {
        return code;
    }
    let hot = if entry {
        p.call_count.get() >= threshold
    } else {
        p.backedge_count.get() >= threshold
    };
    if hot {
        if let Some(compile) = st.jit_compile {
            compile(st, p);
        }
    }
    p.jit_code.get()
}

/// Reports a return event to the debug hook (instrumented loop only).
#[cold]
fn hook_return(st: &mut State, ci_idx: usize, pc: usize) -> LResult<()> {
    st.frames[ci_idx].pc = pc;
    st.hook_event(HookEvent::Return, -1)
}

/// The interpreter loop. `INSTR` builds the instrumented variant: it counts executed
/// instructions (`lunar --stats`) and reports debug-hook events (call, return, line, count);
/// the plain variant has neither cost. The plain loop switches to the instrumented one as soon
/// as a hook is set.
fn execute_loop<const INSTR: bool>(st: &mut State) -> LResult<()> {
    // Runs compiled code for the current frame from `$pc` and acts on its status: continue
    // interpreting at the pc it left at, or finish the frame it returned from / replaced.
    macro_rules! enter_compiled {
        ($code:expr, $base:expr, $pc:expr, $ci_idx:expr, $newframe:lifetime, $osr:expr) => {{
            let counter = if $osr {
                &st.stats.osr_entries
            } else {
                &st.stats.jit_entries
            };
            counter.set(counter.get() + 1);
            let status = run_compiled(st, $code, $base, $pc);
            if status & STATUS_EXIT != 0 {
                let at = (status & 0xffff_ffff) as usize;
                if !INSTR && st.hooks_active {
                    // a hook was set inside compiled code: continue in the instrumented loop
                    st.stats.jit_exits.set(st.stats.jit_exits.get() + 1);
                    st.frames[$ci_idx].pc = at;
                    return execute_loop::<true>(st);
                }
                // the interpreter runs the instruction (the frame may have moved: re-read it)
                lunar_runtime::jit_abi::note_deopt(st, status);
                st.frames[$ci_idx].pc = at;
                st.jit_skip = true;
                continue $newframe;
            } else if status & STATUS_RETURN != 0 {
                if status & 1 != 0 {
                    return Ok(());
                }
                continue $newframe;
            } else if status & STATUS_RETURN_N != 0 {
                if finish_return(st, (status & 1) as usize) {
                    return Ok(());
                }
                continue $newframe;
            } else if status & STATUS_TAILCALL != 0 {
                continue $newframe;
            } else {
                debug_assert!(status & STATUS_ERROR != 0);
                return Err(st.jit_error.take().expect("JIT error status without an error"));
            }
        }};
    }
    'newframe: loop {
        let ci_idx = st.frames.len() - 1;
        let ci: CallInfo = st.frames[ci_idx];
        debug_assert!(ci.flags & CI_LUA != 0);
        let cl = match st.stack[ci.func] {
            Value::LuaFn(c) => c,
            _ => return Err(st.rt_error("internal error: frame is not a Lua function")),
        };
        let proto = cl.proto.as_static();
        if proto.ast.is_some() {
            // a tree-walker function called from bytecode (a binary chunk under `--engine
            // ast`): the walker runs it to completion, then the caller continues
            let entry = ci.flags & CI_FRESH != 0;
            st.frames[ci_idx].flags |= CI_FRESH;
            (st.exec)(st)?;
            if entry {
                return Ok(());
            }
            continue 'newframe;
        }
        let code = &proto.code[..];
        let k = &proto.k[..];
        let base = ci.base;
        let ci_top = ci.top;
        let mut pc = ci.pc;
        // type feedback for the JIT: recorded only while the function is not compiled yet
        let profile = st.jit_threshold.is_some() && proto.jit_code.get() == 0;
        if profile && pc == 0 && !proto.is_vararg {
            let np = proto.num_params as usize;
            proto.note_params(&st.stack[base..base + np]);
        }
        // JIT tier (not while hooks are active: compiled code reports no events)
        if st.jit_skip {
            st.jit_skip = false;
        } else if st.jit_threshold.is_some() && !(INSTR && st.hooks_active) {
            let code = jit_code_for(st, cl, pc == 0);
            if code > 1 {
                enter_compiled!(code, base, pc, ci_idx, 'newframe, false);
            }
        }
        let mut hookmask = if INSTR && st.hooks_active {
            st.hook_mask()
        } else {
            0
        };
        let mut hook_countdown = 0i64;
        let mut last_line = -1i64;
        if INSTR && hookmask != 0 {
            if hookmask & MASK_CALL != 0 && pc == 0 {
                let ev = if ci.flags & CI_TAIL != 0 {
                    HookEvent::TailCall
                } else {
                    HookEvent::Call
                };
                st.hook_event(ev, -1)?;
            }
            hook_countdown = st.hook_count();
            if pc > 0 {
                last_line = proto.line_at(pc - 1);
            }
        }

        let mut regs: *mut Value;
        // Register access without bounds checks: `precall`/VARARGPREP ensured the stack holds
        // `base + max_stack` slots for this frame, and the compiler only emits register operands
        // below `max_stack` (the bytecode loader verifies this for precompiled chunks). `regs`
        // is recomputed at every dispatch because slow paths (metamethods, calls, GC
        // finalizers) may reallocate the stack; after such a call inside an instruction, use
        // `rfresh!` instead of `r!`.
        macro_rules! r {
            ($x:expr) => {
                *{
                    let idx = ($x) as usize;
                    debug_assert!(base + idx < st.stack.len());
                    #[allow(unsafe_code)]
                    // SAFETY: see above; base + idx < stack.len() and `regs` is current.
                    unsafe {
                        &mut *regs.add(idx)
                    }
                }
            };
        }
        macro_rules! rfresh {
            ($x:expr) => {
                *{
                    let idx = base + ($x) as usize;
                    debug_assert!(idx < st.stack.len());
                    #[allow(unsafe_code)]
                    // SAFETY: see above.
                    unsafe {
                        st.stack.get_unchecked_mut(idx)
                    }
                }
            };
        }
        macro_rules! protect {
            () => {{
                st.frames[ci_idx].pc = pc;
                st.top = ci_top;
            }};
        }
        macro_rules! kv {
            ($x:expr) => {{
                let idx = ($x) as usize;
                debug_assert!(idx < k.len());
                #[allow(unsafe_code)]
                // SAFETY: constant operands index the prototype's constant table (verified).
                unsafe {
                    *k.get_unchecked(idx)
                }
            }};
        }
        macro_rules! arith_k {
            ($i:expr, $a:expr, $iop:expr, $fop:expr) => {{
                match (r!($i.b()), kv!($i.c())) {
                    (Value::Int(x), Value::Int(y)) => {
                        if profile {
                            proto.note_int(pc - 1);
                        }
                        r!($a) = Value::Int($iop(x, y));
                        pc += 1;
                    }
                    (Value::Float(x), Value::Float(y)) => {
                        if profile {
                            proto.note_float(pc - 1);
                        }
                        r!($a) = Value::Float($fop(x, y));
                        pc += 1;
                    }
                    (Value::Float(x), Value::Int(y)) => {
                        if profile {
                            proto.note_float(pc - 1);
                        }
                        r!($a) = Value::Float($fop(x, y as f64));
                        pc += 1;
                    }
                    (Value::Int(x), Value::Float(y)) => {
                        r!($a) = Value::Float($fop(x as f64, y));
                        pc += 1;
                    }
                    _ => {}
                }
            }};
        }
        macro_rules! arith_rr {
            ($i:expr, $a:expr, $op:expr, $iop:expr, $fop:expr) => {{
                match (r!($i.b()), r!($i.c())) {
                    (Value::Int(x), Value::Int(y)) => {
                        if profile {
                            proto.note_int(pc - 1);
                        }
                        r!($a) = Value::Int($iop(x, y));
                        pc += 1;
                    }
                    (Value::Float(x), Value::Float(y)) => {
                        if profile {
                            proto.note_float(pc - 1);
                        }
                        r!($a) = Value::Float($fop(x, y));
                        pc += 1;
                    }
                    (Value::Float(x), Value::Int(y)) => {
                        r!($a) = Value::Float($fop(x, y as f64));
                        pc += 1;
                    }
                    (Value::Int(x), Value::Float(y)) => {
                        r!($a) = Value::Float($fop(x as f64, y));
                        pc += 1;
                    }
                    _ => {}
                }
            }};
        }
        // Loops that only grow existing tables never reach an allocating instruction; back-edges
        // are safe points too, so memory is bounded (and "not enough memory" raised) in any loop.
        macro_rules! backedge {
            () => {{
                let c = &proto.backedge_count;
                let n = c.get().wrapping_add(1);
                c.set(n);
                if n & 0x3ff == 0 && st.gc_due() {
                    protect!();
                    st.gc_check()?;
                }
                if st.jit_threshold.is_some() && !(INSTR && st.hooks_active) {
                    let code = jit_code_for(st, cl, false);
                    if code > 1 {
                        // on-stack replacement: continue this loop in compiled code
                        st.frames[ci_idx].pc = pc;
                        enter_compiled!(code, base, pc, ci_idx, 'newframe, true);
                    }
                }
            }};
        }
        // LTI/LEI/GTI/GEI: `R[A] op sB` (C: the immediate was a float)
        macro_rules! cmp_imm {
            ($i:expr, $a:expr, $op:tt, $flip:expr, $le:expr) => {{
                let imm = $i.sb();
                let v = r!($a);
                let cond = match v {
                    Value::Int(x) => x $op imm as i64,
                    Value::Float(f) => f $op imm as f64,
                    _ => {
                        protect!();
                        order_imm(st, v, imm, $flip, $i.c() != 0, $le)?
                    }
                };
                cond_jump!(cond, $i);
            }};
        }
        macro_rules! rk {
            ($i:expr) => {
                if $i.k() {
                    k[$i.c() as usize]
                } else {
                    r!($i.c())
                }
            };
        }
        macro_rules! cond_jump {
            ($cond:expr, $i:expr) => {{
                if $cond != $i.k() {
                    pc += 1;
                } else {
                    let ni = code[pc];
                    pc = (pc as i64 + ni.sj() as i64 + 1) as usize;
                }
            }};
        }

        loop {
            debug_assert!(pc < code.len());
            #[allow(unsafe_code)]
            // SAFETY: every path through verified bytecode ends in a RETURN before running off the
            // end of `code` (the compiler always emits a final RETURN), and jumps stay in range.
            let i = unsafe { *code.get_unchecked(pc) };
            pc += 1;
            if INSTR {
                if st.stats.enabled {
                    let c = &st.stats.instructions;
                    c.set(c.get() + 1);
                }
                if hookmask & (MASK_LINE | MASK_COUNT) != 0 {
                    let cur = pc - 1;
                    if hookmask & MASK_COUNT != 0 && hook_countdown > 0 {
                        hook_countdown -= 1;
                        if hook_countdown == 0 {
                            hook_countdown = st.hook_count();
                            st.frames[ci_idx].pc = pc;
                            st.hook_event(HookEvent::Count, -1)?;
                        }
                    }
                    if hookmask & MASK_LINE != 0 {
                        let line = proto.line_at(cur);
                        // luaG_traceexec: a new line, or a jump back (loops), or function start
                        let jumped_back = st.frames[ci_idx].pc > pc;
                        if line != last_line || cur == 0 || jumped_back {
                            st.frames[ci_idx].pc = pc;
                            st.hook_event(HookEvent::Line, line)?;
                        }
                        last_line = line;
                    }
                    st.frames[ci_idx].pc = pc;
                }
            }
            #[allow(unsafe_code)]
            // SAFETY: base is inside the stack allocation (see `r!`).
            {
                regs = unsafe { st.stack.as_mut_ptr().add(base) };
            }
            let a = i.a() as usize;
            match i.opcode_raw() {
                op::Move => r!(a) = r!(i.b()),
                op::LoadI => r!(a) = Value::Int(i.sbx() as i64),
                op::LoadF => r!(a) = Value::Float(i.sbx() as f64),
                op::LoadK => r!(a) = kv!(i.bx()),
                op::LoadKX => {
                    r!(a) = k[code[pc].ax() as usize];
                    pc += 1;
                }
                op::LoadFalse => r!(a) = Value::Bool(false),
                op::LFalseSkip => {
                    r!(a) = Value::Bool(false);
                    pc += 1;
                }
                op::LoadTrue => r!(a) = Value::Bool(true),
                op::LoadNil => {
                    for j in 0..=i.b() as usize {
                        r!(a + j) = Value::Nil;
                    }
                }
                op::GetUpval => r!(a) = cl.upvals[i.b() as usize].get(),
                op::SetUpval => cl.upvals[i.b() as usize].set(r!(a)),
                op::GetTabUp => {
                    let t = cl.upvals[i.b() as usize].get();
                    let key = kv!(i.c());
                    if let (Value::Table(tab), Value::Str(s)) = (t, key) {
                        let v = tab.get_str(s);
                        if !v.is_nil() || tab.meta.get().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    protect!();
                    let v = st.index(t, key, Src::Upval(i.b()))?;
                    rfresh!(a) = v;
                }
                op::GetTable => {
                    let t = r!(i.b());
                    let key = r!(i.c());
                    if let Value::Table(tab) = t {
                        let v = match key {
                            Value::Int(n) => tab.get_int(n),
                            _ => tab.get(key),
                        };
                        if !v.is_nil() || tab.meta.get().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    protect!();
                    let v = st.index(t, key, Src::Reg(i.b()))?;
                    rfresh!(a) = v;
                }
                op::GetI => {
                    let t = r!(i.b());
                    let n = i.c() as i64;
                    if let Value::Table(tab) = t {
                        let v = tab.get_int(n);
                        if !v.is_nil() || tab.meta.get().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    protect!();
                    let v = st.index(t, Value::Int(n), Src::Reg(i.b()))?;
                    rfresh!(a) = v;
                }
                op::GetField => {
                    let t = r!(i.b());
                    let key = kv!(i.c());
                    if let (Value::Table(tab), Value::Str(s)) = (t, key) {
                        let v = tab.get_str(s);
                        if !v.is_nil() || tab.meta.get().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    protect!();
                    let v = st.index(t, key, Src::Reg(i.b()))?;
                    rfresh!(a) = v;
                }
                op::SetTabUp => {
                    let t = cl.upvals[a].get();
                    let key = kv!(i.b());
                    let v = rk!(i);
                    if let (Value::Table(tab), Value::Str(s)) = (t, key) {
                        if tab.meta.get().is_none() || !tab.get_str(s).is_nil() {
                            tab.set_str(s, v);
                            continue;
                        }
                    }
                    protect!();
                    st.set_index(t, key, v, Src::Upval(a as u32))?;
                }
                op::SetTable => {
                    let t = r!(a);
                    let key = r!(i.b());
                    let v = rk!(i);
                    if let Value::Table(tab) = t {
                        if tab.meta.get().is_none() || !tab.get(key).is_nil() {
                            if let Err(e) = tab.set(key, v) {
                                protect!();
                                return Err(st.rt_error(e.message()));
                            }
                            continue;
                        }
                    }
                    protect!();
                    st.set_index(t, key, v, Src::Reg(a as u32))?;
                }
                op::SetI => {
                    let t = r!(a);
                    let n = i.b() as i64;
                    let v = rk!(i);
                    if let Value::Table(tab) = t {
                        if tab.meta.get().is_none() || !tab.get_int(n).is_nil() {
                            tab.set_int(n, v);
                            continue;
                        }
                    }
                    protect!();
                    st.set_index(t, Value::Int(n), v, Src::Reg(a as u32))?;
                }
                op::SetField => {
                    let t = r!(a);
                    let key = kv!(i.b());
                    let v = rk!(i);
                    if let (Value::Table(tab), Value::Str(s)) = (t, key) {
                        if tab.meta.get().is_none() || !tab.get_str(s).is_nil() {
                            tab.set_str(s, v);
                            continue;
                        }
                    }
                    protect!();
                    st.set_index(t, key, v, Src::Reg(a as u32))?;
                }
                op::NewTable => {
                    let b = i.b();
                    let hsize = if b > 0 { 1usize << (b - 1) } else { 0 };
                    let mut asize = i.c() as usize;
                    if i.k() {
                        asize += code[pc].ax() as usize * (MAXARG_C as usize + 1);
                    }
                    pc += 1; // skip EXTRAARG
                    let t = st.heap.alloc(Table::new(asize, hsize));
                    r!(a) = Value::Table(t);
                    st.frames[ci_idx].pc = pc;
                    st.top = base + a + 1;
                    st.gc_check()?;
                }
                op::OpSelf => {
                    let obj = r!(i.b());
                    let key = rk!(i);
                    r!(a + 1) = obj;
                    if let (Value::Table(tab), Value::Str(s)) = (obj, key) {
                        let v = tab.get_str(s);
                        if !v.is_nil() || tab.meta.get().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    protect!();
                    let v = st.index(obj, key, Src::Reg(i.b()))?;
                    rfresh!(a) = v;
                }
                op::AddI => {
                    let v = r!(i.b());
                    let imm = i.sc() as i64;
                    match v {
                        Value::Int(x) => {
                            r!(a) = Value::Int(x.wrapping_add(imm));
                            pc += 1;
                        }
                        Value::Float(f) => {
                            r!(a) = Value::Float(f + imm as f64);
                            pc += 1;
                        }
                        _ => {}
                    }
                }
                op::AddK => arith_k!(
                    i,
                    a,
                    |x: i64, y: i64| x.wrapping_add(y),
                    |x: f64, y: f64| x + y
                ),
                op::SubK => arith_k!(
                    i,
                    a,
                    |x: i64, y: i64| x.wrapping_sub(y),
                    |x: f64, y: f64| x - y
                ),
                op::MulK => arith_k!(
                    i,
                    a,
                    |x: i64, y: i64| x.wrapping_mul(y),
                    |x: f64, y: f64| x * y
                ),
                op::ModK if matches!((r!(i.b()), kv!(i.c())), (Value::Int(_), Value::Int(y)) if y > 0) => {
                    if let (Value::Int(x), Value::Int(y)) = (r!(i.b()), kv!(i.c())) {
                        let m = x % y;
                        r!(a) = Value::Int(if m < 0 { m + y } else { m });
                        pc += 1;
                    }
                }
                op::ModK | op::PowK | op::DivK | op::IDivK => {
                    let op = arith_op_of(i.opcode());
                    let kc = kv!(i.c());
                    if let Some(v) = arith_fast(op, r!(i.b()), kc) {
                        if profile {
                            match r!(i.b()) {
                                Value::Float(_) => proto.note_float(pc - 1),
                                _ => proto.note_int(pc - 1),
                            }
                        }
                        r!(a) = v;
                        pc += 1;
                    } else if matches!((r!(i.b()), kc), (Value::Int(_), Value::Int(0))) {
                        protect!();
                        let msg = if op == ArithOp::Mod {
                            "attempt to perform 'n%0'"
                        } else {
                            "attempt to divide by zero"
                        };
                        return Err(st.rt_error(msg));
                    }
                }
                op::BAndK | op::BOrK | op::BXorK => {
                    let op = arith_op_of(i.opcode());
                    if let Some(v) = bitwise_fast(op, r!(i.b()), k[i.c() as usize]) {
                        r!(a) = v;
                        pc += 1;
                    }
                }
                op::ShrI => {
                    if let Some(x) = num_to_int(r!(i.b())) {
                        r!(a) = Value::Int(meta::shift_left(x, -(i.sc() as i64)));
                        pc += 1;
                    }
                }
                op::ShlI => {
                    if let Some(x) = num_to_int(r!(i.b())) {
                        r!(a) = Value::Int(meta::shift_left(i.sc() as i64, x));
                        pc += 1;
                    }
                }
                op::Add => arith_rr!(
                    i,
                    a,
                    ArithOp::Add,
                    |x: i64, y: i64| x.wrapping_add(y),
                    |x: f64, y: f64| x + y
                ),
                op::Sub => arith_rr!(
                    i,
                    a,
                    ArithOp::Sub,
                    |x: i64, y: i64| x.wrapping_sub(y),
                    |x: f64, y: f64| x - y
                ),
                op::Mul => arith_rr!(
                    i,
                    a,
                    ArithOp::Mul,
                    |x: i64, y: i64| x.wrapping_mul(y),
                    |x: f64, y: f64| x * y
                ),
                op::Mod | op::Pow | op::Div | op::IDiv => {
                    let op = arith_op_of(i.opcode());
                    let (x, y) = (r!(i.b()), r!(i.c()));
                    if let Some(v) = arith_fast(op, x, y) {
                        if profile {
                            match (x, y) {
                                (Value::Float(_), Value::Float(_)) => proto.note_float(pc - 1),
                                (Value::Int(_), Value::Int(_)) => proto.note_int(pc - 1),
                                _ => {}
                            }
                        }
                        r!(a) = v;
                        pc += 1;
                    } else if matches!((x, y), (Value::Int(_), Value::Int(0))) {
                        protect!();
                        let msg = if op == ArithOp::Mod {
                            "attempt to perform 'n%0'"
                        } else {
                            "attempt to divide by zero"
                        };
                        return Err(st.rt_error(msg));
                    }
                }
                op::BAnd | op::BOr | op::BXor | op::Shl | op::Shr => {
                    let op = arith_op_of(i.opcode());
                    if let Some(v) = bitwise_fast(op, r!(i.b()), r!(i.c())) {
                        r!(a) = v;
                        pc += 1;
                    }
                }
                op::MmBin | op::MmBinI | op::MmBinK => {
                    proto.note_fallback(pc - 2);
                    let prev = code[pc - 2];
                    let result = prev.a() as usize;
                    let op = meta::ArithOp::from_tm(i.c()).unwrap_or(ArithOp::Add);
                    let (x, y, sx, sy) = match i.opcode() {
                        OpCode::MmBin => (r!(a), r!(i.b()), Src::Reg(a as u32), Src::Reg(i.b())),
                        OpCode::MmBinI => {
                            let imm = Value::Int(i.sb() as i64);
                            if i.k() {
                                (imm, r!(a), Src::None, Src::Reg(a as u32))
                            } else {
                                (r!(a), imm, Src::Reg(a as u32), Src::None)
                            }
                        }
                        _ => {
                            let kv = k[i.b() as usize];
                            if i.k() {
                                (kv, r!(a), Src::None, Src::Reg(a as u32))
                            } else {
                                (r!(a), kv, Src::Reg(a as u32), Src::None)
                            }
                        }
                    };
                    protect!();
                    let v = st.arith(op, x, y, sx, sy)?;
                    rfresh!(result) = v;
                }
                op::Unm => {
                    let v = r!(i.b());
                    match v {
                        Value::Int(x) => r!(a) = Value::Int(x.wrapping_neg()),
                        Value::Float(f) => r!(a) = Value::Float(-f),
                        _ => {
                            proto.note_fallback(pc - 1);
                            protect!();
                            let r =
                                st.arith(ArithOp::Unm, v, v, Src::Reg(i.b()), Src::Reg(i.b()))?;
                            rfresh!(a) = r;
                        }
                    }
                }
                op::BNot => {
                    let v = r!(i.b());
                    match v {
                        Value::Int(x) => r!(a) = Value::Int(!x),
                        _ => {
                            protect!();
                            let r =
                                st.arith(ArithOp::BNot, v, v, Src::Reg(i.b()), Src::Reg(i.b()))?;
                            rfresh!(a) = r;
                        }
                    }
                }
                op::Not => r!(a) = Value::Bool(!r!(i.b()).truthy()),
                op::Len => {
                    let v = r!(i.b());
                    match v {
                        Value::Str(s) => r!(a) = Value::Int(s.len() as i64),
                        Value::Table(t) if t.meta.get().is_none() => r!(a) = Value::Int(t.len()),
                        _ => {
                            protect!();
                            let r = st.len_of(v, Src::Reg(i.b()))?;
                            rfresh!(a) = r;
                        }
                    }
                }
                op::Concat => {
                    let n = i.b() as usize;
                    st.frames[ci_idx].pc = pc;
                    st.top = base + a + n;
                    st.concat(base + a, n)?;
                    st.top = base + a + 1;
                    st.gc_check()?;
                }
                op::Close => {
                    protect!();
                    st.close_all(base + a, None)?;
                }
                op::Tbc => {
                    protect!();
                    st.new_tbc(base + a)?;
                }
                op::Jmp => {
                    let off = i.sj();
                    pc = (pc as i64 + off as i64) as usize;
                    if off < 0 {
                        backedge!();
                    }
                }
                op::Eq => {
                    let (x, y) = (r!(a), r!(i.b()));
                    let cond = match (x, y) {
                        (Value::Table(p), Value::Table(q)) if p != q => {
                            protect!();
                            st.equals(x, y)?
                        }
                        (Value::UserData(p), Value::UserData(q)) if p != q => {
                            protect!();
                            st.equals(x, y)?
                        }
                        _ => x.raw_eq(&y),
                    };
                    cond_jump!(cond, i);
                }
                op::Lt => {
                    let (x, y) = (r!(a), r!(i.b()));
                    let cond = match (x, y) {
                        (Value::Int(p), Value::Int(q)) => p < q,
                        (Value::Float(p), Value::Float(q)) => p < q,
                        _ => {
                            protect!();
                            st.less_than(x, y)?
                        }
                    };
                    cond_jump!(cond, i);
                }
                op::Le => {
                    let (x, y) = (r!(a), r!(i.b()));
                    let cond = match (x, y) {
                        (Value::Int(p), Value::Int(q)) => p <= q,
                        (Value::Float(p), Value::Float(q)) => p <= q,
                        _ => {
                            protect!();
                            st.less_equal(x, y)?
                        }
                    };
                    cond_jump!(cond, i);
                }
                op::EqK => {
                    let cond = r!(a).raw_eq(&k[i.b() as usize]);
                    cond_jump!(cond, i);
                }
                op::EqI => {
                    let imm = i.sb();
                    let cond = match r!(a) {
                        Value::Int(x) => x == imm as i64,
                        Value::Float(f) => f == imm as f64,
                        _ => false,
                    };
                    cond_jump!(cond, i);
                }
                op::LtI => cmp_imm!(i, a, <, false, false),
                op::LeI => cmp_imm!(i, a, <=, false, true),
                op::GtI => cmp_imm!(i, a, >, true, false),
                op::GeI => cmp_imm!(i, a, >=, true, true),
                op::Test => {
                    let cond = r!(a).truthy();
                    cond_jump!(cond, i);
                }
                op::TestSet => {
                    let v = r!(i.b());
                    if v.truthy() != i.k() {
                        pc += 1;
                    } else {
                        r!(a) = v;
                        let ni = code[pc];
                        pc = (pc as i64 + ni.sj() as i64 + 1) as usize;
                    }
                }
                op::Call => {
                    let ra = base + a;
                    let b = i.b() as usize;
                    let nresults = i.c() as i32 - 1;
                    if b != 0 {
                        st.top = ra + b;
                    }
                    st.frames[ci_idx].pc = pc;
                    // fast path: call of a non-vararg Lua function with room on the stack
                    if let Value::LuaFn(cl2) = r!(a) {
                        if profile {
                            proto.note_call(pc - 1, cl2.proto);
                        }
                        if push_lua_frame(st, ra, &cl2.proto, nresults) {
                            if INSTR && st.stats.enabled {
                                let c = &st.stats.lua_calls;
                                c.set(c.get() + 1);
                            }
                            continue 'newframe;
                        }
                    }
                    if let Value::NativeFn(nc) = st.stack[ra] {
                        st.call_native(ra, nc.f, nresults)?;
                        st.gc_check()?;
                        if !INSTR && st.hooks_active {
                            // a hook was just set: continue this frame in the instrumented loop
                            return execute_loop::<true>(st);
                        }
                        if !INSTR && st.jit_threshold.is_some() {
                            let code = proto.jit_code.get();
                            if code > 1 {
                                enter_compiled!(code, base, pc, ci_idx, 'newframe, false);
                            }
                        }
                        if INSTR && st.hooks_active {
                            // the call may have changed the hook
                            let m = st.hook_mask();
                            if m != hookmask {
                                hookmask = m;
                                hook_countdown = st.hook_count();
                            }
                        }
                        continue;
                    }
                    if st.precall(ra, nresults)? {
                        continue 'newframe;
                    }
                    st.gc_check()?;
                }
                op::TailCall => {
                    st.frames[ci_idx].pc = pc;
                    match tail_call(st, ci_idx, i)? {
                        TailCall::Lua => continue 'newframe,
                        TailCall::Returned(true) => return Ok(()),
                        TailCall::Returned(false) => continue 'newframe,
                    }
                }
                op::Return => {
                    if INSTR && hookmask & MASK_RET != 0 {
                        hook_return(st, ci_idx, pc)?;
                    }
                    st.frames[ci_idx].pc = pc;
                    if op_return(st, ci_idx, i)? {
                        return Ok(());
                    }
                    continue 'newframe;
                }
                op::Return0 => {
                    if INSTR && hookmask & MASK_RET != 0 {
                        hook_return(st, ci_idx, pc)?;
                    }
                    if finish_return(st, 0) {
                        return Ok(());
                    }
                    continue 'newframe;
                }
                op::Return1 => {
                    if INSTR && hookmask & MASK_RET != 0 {
                        hook_return(st, ci_idx, pc)?;
                    }
                    let func = st.frames[ci_idx].func;
                    st.stack[func] = rfresh!(a);
                    if finish_return(st, 1) {
                        return Ok(());
                    }
                    continue 'newframe;
                }
                op::ForLoop => {
                    if let (Value::Int(step), Value::Int(count)) = (r!(a + 2), r!(a + 1)) {
                        if count as u64 > 0 {
                            let idx = match r!(a) {
                                Value::Int(x) => x.wrapping_add(step),
                                _ => 0,
                            };
                            r!(a + 1) = Value::Int((count as u64 - 1) as i64);
                            r!(a) = Value::Int(idx);
                            r!(a + 3) = Value::Int(idx);
                            pc -= i.bx() as usize;
                            backedge!();
                        }
                    } else if let (Value::Float(idx), Value::Float(limit), Value::Float(step)) =
                        (r!(a), r!(a + 1), r!(a + 2))
                    {
                        let idx = idx + step;
                        if if 0.0 < step {
                            idx <= limit
                        } else {
                            limit <= idx
                        } {
                            r!(a) = Value::Float(idx);
                            r!(a + 3) = Value::Float(idx);
                            pc -= i.bx() as usize;
                            backedge!();
                        }
                    }
                }
                op::ForPrep => {
                    protect!();
                    if for_prep(st, base + a)? {
                        pc += i.bx() as usize + 1;
                    }
                }
                op::TForPrep => {
                    protect!();
                    st.new_tbc(base + a + 3)?;
                    pc += i.bx() as usize;
                }
                op::TForCall => {
                    let ra = base + a;
                    st.stack[ra + 4] = st.stack[ra];
                    st.stack[ra + 5] = st.stack[ra + 1];
                    st.stack[ra + 6] = st.stack[ra + 2];
                    st.top = ra + 4 + 3;
                    st.frames[ci_idx].pc = pc;
                    if st.precall(ra + 4, i.c() as i32)? {
                        continue 'newframe;
                    }
                }
                op::TForLoop => {
                    let ra = base + a;
                    let v = st.stack[ra + 4];
                    if !v.is_nil() {
                        st.stack[ra + 2] = v;
                        pc -= i.bx() as usize;
                        backedge!();
                    }
                }
                op::SetList => {
                    let ra = base + a;
                    let mut n = i.b() as usize;
                    let mut last = i.c() as usize;
                    if n == 0 {
                        n = st.top - ra - 1;
                    }
                    if i.k() {
                        last += code[pc].ax() as usize * (MAXARG_C as usize + 1);
                        pc += 1;
                    }
                    if let Value::Table(t) = st.stack[ra] {
                        t.reserve_array(n);
                        for j in 1..=n {
                            t.set_int((last + j) as i64, st.stack[ra + j]);
                        }
                    }
                }
                op::Closure => {
                    let v = new_closure(st, cl, i.bx() as usize, base);
                    r!(a) = v;
                    st.frames[ci_idx].pc = pc;
                    st.top = base + a + 1;
                    st.gc_check()?;
                }
                op::VarArg => {
                    let ra = base + a;
                    let wanted = i.c() as i32 - 1;
                    let nextra = st.frames[ci_idx].n_extra as usize;
                    let func = st.frames[ci_idx].func;
                    let from = func - nextra;
                    if wanted < 0 {
                        st.frames[ci_idx].pc = pc;
                        st.top = ci_top;
                        st.ensure_stack(ra + nextra + 1)?;
                        for j in 0..nextra {
                            st.stack[ra + j] = st.stack[from + j];
                        }
                        st.top = ra + nextra;
                    } else {
                        let wanted = wanted as usize;
                        for j in 0..wanted {
                            st.stack[ra + j] = if j < nextra {
                                st.stack[from + j]
                            } else {
                                Value::Nil
                            };
                        }
                    }
                }
                op::VarArgPrep => {
                    st.frames[ci_idx].pc = pc;
                    st.adjust_varargs(ci_idx, a, proto.max_stack as usize)?;
                    // the frame moved: restart the loop with the new frame values
                    st.frames[ci_idx].pc = pc;
                    continue 'newframe;
                }
                _ => {
                    protect!();
                    return Err(st.rt_error("internal error: invalid opcode"));
                }
            }
        }
    }
}
