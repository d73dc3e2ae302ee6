//! Instruction semantics shared by the bytecode engines (the VM and the JIT's runtime
//! helpers): the parts of `luaV_execute` that are more than a line, so the two engines cannot
//! drift apart.
use lunar_bytecode::opcode::{Instruction, OpCode};

use crate::func::{FnProto, LuaClosure, UpVal};
use crate::gc::GcRef;
use crate::meta::{self, ArithOp};
use crate::number::{self, F2I};
use crate::state::{CallInfo, LResult, State, CI_FRESH, CI_LUA, CI_TAIL, EXTRA_STACK, MULTRET};
use crate::value::Value;

/// Arithmetic op of an arithmetic opcode (K, register and immediate forms).
pub fn arith_op_of(op: OpCode) -> ArithOp {
    use OpCode::*;
    match op {
        Add | AddK | AddI => ArithOp::Add,
        Sub | SubK => ArithOp::Sub,
        Mul | MulK => ArithOp::Mul,
        Mod | ModK => ArithOp::Mod,
        Pow | PowK => ArithOp::Pow,
        Div | DivK => ArithOp::Div,
        IDiv | IDivK => ArithOp::IDiv,
        BAnd | BAndK => ArithOp::BAnd,
        BOr | BOrK => ArithOp::BOr,
        BXor | BXorK => ArithOp::BXor,
        Shl | ShlI => ArithOp::Shl,
        Shr | ShrI => ArithOp::Shr,
        _ => ArithOp::Add,
    }
}

/// Integer value of a number (floats only when integral); strings are not coerced by bitwise
/// operators in Lua 5.4.
#[inline(always)]
pub fn num_to_int(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Float(f) => number::float_to_int_exact(f),
        _ => None,
    }
}

/// Fast bitwise ops (integers, floats with integral values, numeric strings).
#[inline(always)]
pub fn bitwise_fast(op: ArithOp, a: Value, b: Value) -> Option<Value> {
    let x = num_to_int(a)?;
    let y = num_to_int(b)?;
    Some(Value::Int(match op {
        ArithOp::BAnd => x & y,
        ArithOp::BOr => x | y,
        ArithOp::BXor => x ^ y,
        ArithOp::Shl => meta::shift_left(x, y),
        ArithOp::Shr => meta::shift_left(x, y.wrapping_neg()),
        _ => return None,
    }))
}

/// `forprep`: prepares a numeric for loop at `ra`; returns true to skip the loop.
pub fn for_prep(st: &mut State, ra: usize) -> LResult<bool> {
    let init = st.stack[ra];
    let limit = st.stack[ra + 1];
    let step = st.stack[ra + 2];
    if let (Value::Int(init), Value::Int(step)) = (init, step) {
        if step == 0 {
            return Err(st.rt_error("'for' step is zero"));
        }
        st.stack[ra + 3] = Value::Int(init);
        let mode = if step < 0 { F2I::Ceil } else { F2I::Floor };
        let lim = match limit {
            Value::Int(l) => l,
            _ => {
                let as_int = match meta::to_number(&limit) {
                    Some(number::Number::Int(i)) => Some(i),
                    Some(number::Number::Float(f)) => number::float_to_int(f, mode),
                    None => return Err(st.for_error(&limit, "limit")),
                };
                match as_int {
                    Some(l) => l,
                    None => {
                        let fl = meta::to_float(&limit).unwrap_or(0.0);
                        if fl > 0.0 {
                            if step < 0 {
                                return Ok(true);
                            }
                            i64::MAX
                        } else {
                            if step > 0 {
                                return Ok(true);
                            }
                            i64::MIN
                        }
                    }
                }
            }
        };
        if if step > 0 { init > lim } else { init < lim } {
            return Ok(true);
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
        st.stack[ra + 1] = Value::Int(count as i64);
        return Ok(false);
    }
    let flimit = match meta::to_float(&limit) {
        Some(f) => f,
        None => return Err(st.for_error(&limit, "limit")),
    };
    let fstep = match meta::to_float(&step) {
        Some(f) => f,
        None => return Err(st.for_error(&step, "step")),
    };
    let finit = match meta::to_float(&init) {
        Some(f) => f,
        None => return Err(st.for_error(&init, "initial value")),
    };
    if fstep == 0.0 {
        return Err(st.rt_error("'for' step is zero"));
    }
    if if 0.0 < fstep {
        flimit < finit
    } else {
        finit < flimit
    } {
        return Ok(true);
    }
    st.stack[ra] = Value::Float(finit);
    st.stack[ra + 1] = Value::Float(flimit);
    st.stack[ra + 2] = Value::Float(fstep);
    st.stack[ra + 3] = Value::Float(finit);
    Ok(false)
}

/// Creates a closure for prototype `idx` of the running function.
pub fn new_closure(st: &mut State, cl: GcRef<LuaClosure>, idx: usize, base: usize) -> Value {
    let p = cl.proto.protos[idx];
    let mut upvals: Vec<GcRef<UpVal>> = Vec::with_capacity(p.upvalues.len());
    for d in p.upvalues.iter() {
        if d.in_stack {
            upvals.push(st.find_upval(base + d.index as usize));
        } else {
            upvals.push(cl.upvals[d.index as usize]);
        }
    }
    Value::LuaFn(st.heap.alloc(LuaClosure {
        proto: p,
        upvals: upvals.into_boxed_slice(),
    }))
}

/// Immediate comparison slow path (`luaT_callorderiTM`).
pub fn order_imm(
    st: &mut State,
    a: Value,
    imm: i32,
    flip: bool,
    isf: bool,
    le: bool,
) -> LResult<bool> {
    let b = if isf {
        Value::Float(imm as f64)
    } else {
        Value::Int(imm as i64)
    };
    let (x, y) = if flip { (b, a) } else { (a, b) };
    if le {
        st.less_equal(x, y)
    } else {
        st.less_than(x, y)
    }
}

/// Pops the running frame, moving `n` results from `first` to its function slot (adjusted to
/// what its caller wanted); returns whether it was its executor's entry frame (`CI_FRESH`).
#[inline]
pub fn pop_return(st: &mut State, first: usize, n: usize) -> bool {
    let ci = st.frames.pop().expect("frame");
    st.move_results(ci.func, first, n, ci.nresults);
    ci.flags & CI_FRESH != 0
}

/// What a TAILCALL did to its frame.
pub enum TailCall {
    /// A Lua callee replaced the frame (same `CallInfo`, pc 0): run it next.
    Lua,
    /// A native callee ran and the frame returned its results; `true` when the frame was its
    /// executor's entry frame.
    Returned(bool),
}

/// OP_TAILCALL `i` of frame `ci_idx` (whose pc is saved): moves the callee and its arguments
/// down to the frame's function slot and reuses the frame, so tail calls never grow the stack.
pub fn tail_call(st: &mut State, ci_idx: usize, i: Instruction) -> LResult<TailCall> {
    let base = st.frames[ci_idx].base;
    let ra = base + i.a() as usize;
    let mut b = i.b() as usize;
    if b != 0 {
        st.top = ra + b;
    } else {
        b = st.top - ra;
    }
    let nparams1 = i.c() as usize;
    let delta = if nparams1 != 0 {
        st.frames[ci_idx].n_extra as usize + nparams1
    } else {
        0
    };
    if i.k() {
        st.close_upvals(base);
    }
    loop {
        match st.stack[ra] {
            Value::LuaFn(cl2) => {
                let p2 = cl2.proto;
                let func = st.frames[ci_idx].func - delta;
                for j in 0..b {
                    st.stack[func + j] = st.stack[ra + j];
                }
                let nargs = b - 1;
                let nparams = p2.num_params as usize;
                let fsize = p2.max_stack as usize;
                st.ensure_stack(func + 1 + fsize.max(nargs) + 1)?;
                for j in nargs..nparams {
                    st.stack[func + 1 + j] = Value::Nil;
                }
                let f = &mut st.frames[ci_idx];
                f.func = func;
                f.base = func + 1;
                f.top = func + 1 + fsize;
                f.pc = 0;
                f.n_extra = 0;
                f.flags |= CI_TAIL;
                st.top = func + 1 + nargs.max(nparams);
                p2.call_count.set(p2.call_count.get().wrapping_add(1));
                return Ok(TailCall::Lua);
            }
            Value::NativeFn(nc) => {
                st.call_native(ra, nc.f, MULTRET)?;
                st.frames[ci_idx].func -= delta;
                let n = st.top - ra;
                return Ok(TailCall::Returned(pop_return(st, ra, n)));
            }
            _ => {
                // __call: insert the handler, one more argument
                let before = st.top;
                st.try_call_tm(ra)?;
                b += st.top - before;
            }
        }
    }
}

/// OP_RETURN `i` of frame `ci_idx` (whose pc is saved): closes upvalues and to-be-closed
/// variables when `k`, undoes VARARGPREP's frame move, and returns; `true` when the frame was
/// its executor's entry frame.
pub fn op_return(st: &mut State, ci_idx: usize, i: Instruction) -> LResult<bool> {
    let ci = st.frames[ci_idx];
    let ra = ci.base + i.a() as usize;
    let n = if i.b() == 0 {
        st.top - ra
    } else {
        i.b() as usize - 1
    };
    if i.k() {
        st.top = (ra + n).max(ci.top);
        st.close_all(ci.base, None)?;
    }
    let nparams1 = i.c() as usize;
    if nparams1 != 0 {
        let f = &mut st.frames[ci_idx];
        f.func -= f.n_extra as usize + nparams1;
    }
    Ok(pop_return(st, ra, n))
}

/// Fast path of a call: pushes the frame of fixed-arity Lua function `p` whose slot is `func`
/// (arguments up to `st.top`), nil-filling missing parameters. Returns false, doing nothing,
/// when `p` is vararg or the stack lacks room; the caller then uses [`State::precall`].
#[inline(always)]
pub fn push_lua_frame(st: &mut State, func: usize, p: &FnProto, nresults: i32) -> bool {
    let nargs = st.top - func - 1;
    let fsize = p.max_stack as usize;
    if p.is_vararg || func + 2 + fsize.max(nargs) + EXTRA_STACK > st.stack.len() {
        return false;
    }
    for j in nargs..p.num_params as usize {
        st.stack[func + 1 + j] = Value::Nil;
    }
    st.frames.push(CallInfo {
        func,
        base: func + 1,
        top: func + 1 + fsize,
        pc: 0,
        nresults,
        n_extra: 0,
        flags: CI_LUA,
    });
    st.top = func + 1 + fsize;
    p.call_count.set(p.call_count.get().wrapping_add(1));
    true
}
