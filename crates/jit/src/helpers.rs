//! Runtime helpers called by compiled code (`extern "C"`, registered with the JIT module by
//! name): the slow paths of the instructions compiled code does not finish inline — metamethod
//! fallbacks, table accesses, calls and returns, closures, varargs, concatenation.
//!
//! Every helper has the signature `fn(st: *mut State, i: u32, pc: u32) -> u64`: the raw
//! instruction word and its index. It first saves `pc + 1` in the running frame (so errors,
//! tracebacks and the debug library see the right line), then does what the VM does for the
//! instruction (sharing the runtime's protocols and [`lunar_runtime::vmops`]), and returns
//! either a *result* below [`STATUS_MIN`] (0, or a condition / skip flag for branching
//! instructions) or a *status* to return from compiled code at once ([`jit_abi`]). Registers
//! are read and written through `st.stack`; compiled code reloads its register pointer after
//! every helper call because the stack may have moved.
//!
//! [`jit_abi`]: lunar_runtime::jit_abi
use lunar_bytecode::opcode::{Instruction, OpCode, MAXARG_C};
use lunar_runtime::func::{JitCode, LuaClosure};
use lunar_runtime::jit_abi::{
    finish_return, STATUS_ERROR, STATUS_EXIT, STATUS_MIN, STATUS_RETURN, STATUS_RETURN_N,
    STATUS_TAILCALL,
};
use lunar_runtime::meta::{arith_fast, ArithOp, Src};
use lunar_runtime::state::{LResult, LuaError, State, Tm, CI_FRESH};
use lunar_runtime::string::LuaStr;
use lunar_runtime::table::Table;
use lunar_runtime::vmops::{
    arith_op_of, bitwise_fast, for_prep, new_closure, op_return, order_imm, push_lua_frame,
    tail_call, TailCall,
};
use lunar_runtime::{GcRef, Value};

/// The signature of every helper.
pub type Helper = extern "C" fn(*mut State, u32, u32) -> u64;

#[inline(always)]
fn state<'a>(st: *mut State) -> &'a mut State {
    // SAFETY: compiled code passes the `*mut State` it was entered with; the engine that
    // entered it does not use its `&mut State` until compiled code returns, and helpers run
    // one at a time on the thread that owns the state.
    #[allow(unsafe_code)]
    unsafe {
        &mut *st
    }
}

#[cold]
fn fail(st: &mut State, e: LuaError) -> u64 {
    st.jit_error = Some(e);
    STATUS_ERROR
}

macro_rules! tri {
    ($st:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return fail($st, e),
        }
    };
}

/// Saves the pc and the frame top (the VM's `protect`), returns the frame's base.
#[inline(always)]
fn protect(st: &mut State, pc: u32) -> usize {
    let ci = st.frames.last_mut().expect("frame");
    ci.pc = pc as usize + 1;
    st.top = ci.top;
    ci.base
}

#[inline(always)]
fn closure(st: &State) -> GcRef<LuaClosure> {
    match st.stack[st.frames.last().expect("frame").func] {
        Value::LuaFn(c) => c,
        _ => unreachable!("compiled frame without a Lua closure"),
    }
}

#[inline(always)]
fn kst(st: &State, idx: u32) -> Value {
    closure(st).proto.k[idx as usize]
}

/// Register or constant operand `C` (`RK(C)`).
#[inline(always)]
fn rk(st: &State, base: usize, i: Instruction) -> Value {
    if i.k() {
        kst(st, i.c())
    } else {
        st.stack[base + i.c() as usize]
    }
}

/// `R[A] := t[k]` with the raw fast path, else the full protocol.
#[inline(always)]
fn get(st: &mut State, pc: u32, a: u32, t: Value, key: Value, src: Src) -> u64 {
    if let Value::Table(tab) = t {
        let v = match key {
            Value::Int(n) => tab.get_int(n),
            Value::Str(s) => tab.get_str(s),
            _ => tab.get(key),
        };
        return got(st, pc, a, (tab, 0), key, v, src);
    }
    let base = protect(st, pc);
    let v = tri!(st, st.index(t, key, src));
    st.stack[base + a as usize] = v;
    0
}

/// `R[A] := tab[key]` given the raw get's result `v`: done unless it is nil and `tab` has a
/// metatable (then `__index`, without a second raw get). `lap`: `tab` is the object (0) or a
/// table of its `__index` chain.
#[inline(always)]
fn got(
    st: &mut State,
    pc: u32,
    a: u32,
    (tab, lap): (GcRef<Table>, u32),
    key: Value,
    v: Value,
    src: Src,
) -> u64 {
    if !v.is_nil() || tab.meta.get().is_none() {
        let base = st.frames.last().expect("frame").base;
        st.stack[base + a as usize] = v;
        return 0;
    }
    let base = protect(st, pc);
    let v = tri!(st, st.index_after_miss(tab, key, src, lap));
    st.stack[base + a as usize] = v;
    0
}

/// GETFIELD / GETTABUP `R[A] := t[key]` (a string constant): one raw lookup, which also
/// refreshes the inline cache of compiled code (`Translator::field_ic`) with the key's position.
#[inline(always)]
fn get_field(st: &mut State, pc: u32, a: u32, t: Value, key: Value, src: Src) -> u64 {
    if let (Value::Table(tab), Value::Str(s)) = (t, key) {
        let ic = closure(st).proto.as_static().jit_ic.get();
        let v = match tab.get_str_pos(s) {
            Some((v, pos)) => {
                if let Some(ic) = ic {
                    remember_pos(&ic[pc as usize], pos);
                }
                v
            }
            None => Value::Nil,
        };
        // not in the object: a field of its class (the metatable's `__index` table), whose
        // position compiled code checks next time; the rest of the `__index` chain from there
        if let (true, Some(mt), Some(ic)) = (v.is_nil(), tab.meta.get(), ic) {
            if let Value::Table(class) = st.tm_of(mt, Tm::Index) {
                let slot = &ic[pc as usize];
                let v = class_get(class, s, ic_high(slot), |pos| set_ic_high(slot, pos));
                return got(st, pc, a, (class, 1), key, v, src);
            }
        }
        return got(st, pc, a, (tab, 0), key, v, src);
    }
    get(st, pc, a, t, key, src)
}

/// `t[k] := v` with the raw fast path, else the full protocol.
#[inline(always)]
fn set(st: &mut State, pc: u32, t: Value, key: Value, v: Value, src: Src) -> u64 {
    if let Value::Table(tab) = t {
        if tab.meta.get().is_none() || !tab.get(key).is_nil() {
            if let Err(e) = tab.set(key, v) {
                protect(st, pc);
                let e = st.rt_error(e.message());
                return fail(st, e);
            }
            // a safe point (as the interpreter's back-edges are): a compiled loop that only
            // grows a table reaches no other, and memory must stay bounded
            if st.gc_due() {
                protect(st, pc);
                tri!(st, st.gc_check());
            }
            return 0;
        }
    }
    protect(st, pc);
    tri!(st, st.set_index(t, key, v, src));
    0
}

/// `R[A] := K[Bx]` (LOADK) or `K[extra arg]` (LOADKX), for constants compiled code cannot embed
/// (strings in ahead-of-time code, whose addresses exist only at run time).
pub(crate) extern "C" fn loadk(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let idx = if i.opcode_raw() == lunar_bytecode::opcode::op::LoadK {
        i.bx()
    } else {
        closure(st).proto.code[pc as usize + 1].ax()
    };
    let v = kst(st, idx);
    let base = st.frames.last().expect("frame").base;
    st.stack[base + i.a() as usize] = v;
    0
}

pub(crate) extern "C" fn gettabup(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let t = closure(st).upvals[i.b() as usize].get();
    let key = kst(st, i.c());
    get_field(st, pc, i.a(), t, key, Src::Upval(i.b()))
}

pub(crate) extern "C" fn gettable(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = st.stack[base + i.b() as usize];
    let key = st.stack[base + i.c() as usize];
    get(st, pc, i.a(), t, key, Src::Reg(i.b()))
}

pub(crate) extern "C" fn geti(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = st.stack[base + i.b() as usize];
    get(st, pc, i.a(), t, Value::Int(i.c() as i64), Src::Reg(i.b()))
}

pub(crate) extern "C" fn getfield(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = st.stack[base + i.b() as usize];
    let key = kst(st, i.c());
    get_field(st, pc, i.a(), t, key, Src::Reg(i.b()))
}

/// Inline cache of a field access at `pc` (compiled code checks the remembered entries first;
/// see `Translator::field_entry`): remembers where `key` is in `t`'s hash part.
#[inline(always)]
fn remember_field(st: &State, pc: u32, t: Value, key: Value) {
    if let (Value::Table(tab), Value::Str(s)) = (t, key) {
        if let Some(ic) = closure(st).proto.jit_ic.get() {
            if let Some(idx) = tab.str_entry_index(s) {
                remember_pos(&ic[pc as usize], idx);
            }
        }
    }
}

/// A field access's inline cache holds two hash-part positions, 16 bits each (`0xffff`: none),
/// the newest in the low half: a site that sees tables of two layouts (objects of two classes
/// built in different orders) hits in both.
#[inline(always)]
fn remember_pos(slot: &std::cell::Cell<u64>, pos: u32) {
    let old = slot.get() as u32;
    if pos < 0xffff && old & 0xffff != pos {
        set_ic_low(slot, (old << 16) | pos);
    }
}

/// The low half of an inline-cache slot (see `FnProto::jit_ic`).
#[inline(always)]
fn ic_low(slot: &std::cell::Cell<u64>) -> u32 {
    slot.get() as u32
}

/// The high half of an inline-cache slot.
#[inline(always)]
fn ic_high(slot: &std::cell::Cell<u64>) -> u32 {
    (slot.get() >> 32) as u32
}

/// Raw `class[s]`, trying the remembered position `pos` first; `remember` gets the key's
/// position when it was elsewhere (what compiled code checks next time).
#[inline(always)]
fn class_get(class: GcRef<Table>, s: GcRef<LuaStr>, pos: u32, remember: impl FnOnce(u32)) -> Value {
    if let Some(v) = class.str_at(pos, s) {
        return v;
    }
    match class.get_str_pos(s) {
        Some((v, pos)) => {
            remember(pos);
            v
        }
        None => Value::Nil,
    }
}

#[inline(always)]
fn set_ic_low(slot: &std::cell::Cell<u64>, v: u32) {
    slot.set((slot.get() & !0xffff_ffff) | v as u64);
}

#[inline(always)]
fn set_ic_high(slot: &std::cell::Cell<u64>, v: u32) {
    slot.set((slot.get() & 0xffff_ffff) | (v as u64) << 32);
}

pub(crate) extern "C" fn self_(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let obj = st.stack[base + i.b() as usize];
    let key = rk(st, base, i);
    st.stack[base + i.a() as usize + 1] = obj;
    // a method of the object's class: not in the object, found in its metatable's `__index`
    // table at the position this site remembers
    if let (Value::Table(tab), Value::Str(s)) = (obj, key) {
        if let (Some(mt), Some(ic)) = (tab.meta.get(), closure(st).proto.jit_ic.get()) {
            if tab.get_str(s).is_nil() {
                if let Value::Table(class) = st.tm_of(mt, Tm::Index) {
                    let slot = &ic[pc as usize];
                    let v = class_get(class, s, ic_low(slot), |pos| set_ic_low(slot, pos));
                    return got(st, pc, i.a(), (class, 1), key, v, Src::Reg(i.b()));
                }
                return got(st, pc, i.a(), (tab, 0), key, Value::Nil, Src::Reg(i.b()));
            }
        }
    }
    get(st, pc, i.a(), obj, key, Src::Reg(i.b()))
}

pub(crate) extern "C" fn settabup(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = closure(st).upvals[i.a() as usize].get();
    let key = kst(st, i.b());
    let v = rk(st, base, i);
    set(st, pc, t, key, v, Src::Upval(i.a()))
}

pub(crate) extern "C" fn settable(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = st.stack[base + i.a() as usize];
    let key = st.stack[base + i.b() as usize];
    let v = rk(st, base, i);
    set(st, pc, t, key, v, Src::Reg(i.a()))
}

pub(crate) extern "C" fn seti(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = st.stack[base + i.a() as usize];
    let v = rk(st, base, i);
    set(st, pc, t, Value::Int(i.b() as i64), v, Src::Reg(i.a()))
}

pub(crate) extern "C" fn setfield(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let t = st.stack[base + i.a() as usize];
    let key = kst(st, i.b());
    let v = rk(st, base, i);
    let r = set(st, pc, t, key, v, Src::Reg(i.a()));
    remember_field(st, pc, t, key);
    r
}

/// NEWTABLE (with its EXTRAARG at `pc + 1`).
pub(crate) extern "C" fn newtable(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let b = i.b();
    let hsize = if b > 0 { 1usize << (b - 1) } else { 0 };
    let mut asize = i.c() as usize;
    if i.k() {
        let extra = closure(st).proto.code[pc as usize + 1];
        asize += extra.ax() as usize * (MAXARG_C as usize + 1);
    }
    let t = st.heap.alloc(Table::new(asize, hsize));
    let ci = st.frames.last_mut().expect("frame");
    ci.pc = pc as usize + 2;
    let base = ci.base;
    st.stack[base + i.a() as usize] = Value::Table(t);
    st.top = base + i.a() as usize + 1;
    tri!(st, st.gc_check());
    0
}

/// Arithmetic and bitwise instructions followed by MMBIN: returns 0 when done (the compiled
/// code skips the MMBIN), 1 when the operands need the metamethod (run the MMBIN).
pub(crate) extern "C" fn arith(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let opc = i.opcode();
    let op = arith_op_of(opc);
    let x = st.stack[base + i.b() as usize];
    let y = match opc {
        OpCode::AddK
        | OpCode::SubK
        | OpCode::MulK
        | OpCode::ModK
        | OpCode::PowK
        | OpCode::DivK
        | OpCode::IDivK
        | OpCode::BAndK
        | OpCode::BOrK
        | OpCode::BXorK => kst(st, i.c()),
        OpCode::AddI => Value::Int(i.sc() as i64),
        OpCode::ShrI => Value::Int(-(i.sc() as i64)),
        OpCode::ShlI => Value::Int(i.sc() as i64),
        _ => st.stack[base + i.c() as usize],
    };
    let (x, y, op) = match opc {
        OpCode::ShrI => (x, y, ArithOp::Shl),
        OpCode::ShlI => (y, x, ArithOp::Shl),
        _ => (x, y, op),
    };
    let r = if op.is_bitwise() {
        bitwise_fast(op, x, y)
    } else {
        arith_fast(op, x, y)
    };
    match r {
        Some(v) => {
            st.stack[base + i.a() as usize] = v;
            0
        }
        None => {
            if !op.is_bitwise() && matches!((x, y), (Value::Int(_), Value::Int(0))) {
                protect(st, pc);
                let msg = if op == ArithOp::Mod {
                    "attempt to perform 'n%0'"
                } else {
                    "attempt to divide by zero"
                };
                let e = st.rt_error(msg);
                return fail(st, e);
            }
            1
        }
    }
}

/// MMBIN / MMBINI / MMBINK: the metamethod of the arithmetic instruction before.
pub(crate) extern "C" fn mmbin(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = protect(st, pc);
    let prev = closure(st).proto.code[pc as usize - 1];
    let result = prev.a() as usize;
    let a = i.a();
    let op = ArithOp::from_tm(i.c()).unwrap_or(ArithOp::Add);
    let ra = st.stack[base + a as usize];
    let (x, y, sx, sy) = match i.opcode() {
        OpCode::MmBin => (
            ra,
            st.stack[base + i.b() as usize],
            Src::Reg(a),
            Src::Reg(i.b()),
        ),
        OpCode::MmBinI => {
            let imm = Value::Int(i.sb() as i64);
            if i.k() {
                (imm, ra, Src::None, Src::Reg(a))
            } else {
                (ra, imm, Src::Reg(a), Src::None)
            }
        }
        _ => {
            let kv = kst(st, i.b());
            if i.k() {
                (kv, ra, Src::None, Src::Reg(a))
            } else {
                (ra, kv, Src::Reg(a), Src::None)
            }
        }
    };
    let v = tri!(st, st.arith(op, x, y, sx, sy));
    st.stack[base + result] = v;
    0
}

/// UNM, BNOT, LEN (any operand types).
pub(crate) extern "C" fn unary(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let v = st.stack[base + i.b() as usize];
    let fast = match (i.opcode(), v) {
        (OpCode::Unm, Value::Int(x)) => Some(Value::Int(x.wrapping_neg())),
        (OpCode::Unm, Value::Float(f)) => Some(Value::Float(-f)),
        (OpCode::BNot, Value::Int(x)) => Some(Value::Int(!x)),
        (OpCode::Len, Value::Str(s)) => Some(Value::Int(s.len() as i64)),
        (OpCode::Len, Value::Table(t)) if t.meta.get().is_none() => Some(Value::Int(t.len())),
        _ => None,
    };
    let r = match fast {
        Some(r) => r,
        None => {
            protect(st, pc);
            let src = Src::Reg(i.b());
            tri!(
                st,
                match i.opcode() {
                    OpCode::Unm => st.arith(ArithOp::Unm, v, v, src, src),
                    OpCode::BNot => st.arith(ArithOp::BNot, v, v, src, src),
                    _ => st.len_of(v, src),
                }
            )
        }
    };
    st.stack[base + i.a() as usize] = r;
    0
}

pub(crate) extern "C" fn concat(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let ci = st.frames.last_mut().expect("frame");
    ci.pc = pc as usize + 1;
    let base = ci.base;
    let (a, n) = (i.a() as usize, i.b() as usize);
    st.top = base + a + n;
    tri!(st, st.concat(base + a, n));
    st.top = base + a + 1;
    tri!(st, st.gc_check());
    0
}

pub(crate) extern "C" fn close(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let base = protect(st, pc);
    tri!(st, st.close_all(base + Instruction(i).a() as usize, None));
    0
}

pub(crate) extern "C" fn tbc(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let base = protect(st, pc);
    tri!(st, st.new_tbc(base + Instruction(i).a() as usize));
    0
}

/// EQ / LT / LE with any operands: returns the condition (0/1).
pub(crate) extern "C" fn compare(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = protect(st, pc);
    let x = st.stack[base + i.a() as usize];
    let y = st.stack[base + i.b() as usize];
    let r = match i.opcode() {
        OpCode::Eq => st.equals(x, y),
        OpCode::Lt => st.less_than(x, y),
        _ => st.less_equal(x, y),
    };
    tri!(st, r) as u64
}

/// EQK: returns the condition.
pub(crate) extern "C" fn eqk(st: *mut State, i: u32, _pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    st.stack[base + i.a() as usize].raw_eq(&kst(st, i.b())) as u64
}

/// LTI / LEI / GTI / GEI with a non-number operand (`luaT_callorderiTM`): the condition.
pub(crate) extern "C" fn order_i(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = protect(st, pc);
    let v = st.stack[base + i.a() as usize];
    let (flip, le) = match i.opcode() {
        OpCode::LtI => (false, false),
        OpCode::LeI => (false, true),
        OpCode::GtI => (true, false),
        _ => (true, true),
    };
    tri!(st, order_imm(st, v, i.sb(), flip, i.c() != 0, le)) as u64
}

/// FORPREP: returns 1 to skip the loop.
pub(crate) extern "C" fn forprep(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let base = protect(st, pc);
    tri!(st, for_prep(st, base + Instruction(i).a() as usize)) as u64
}

pub(crate) extern "C" fn tforprep(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let base = protect(st, pc);
    tri!(st, st.new_tbc(base + Instruction(i).a() as usize + 3));
    0
}

pub(crate) extern "C" fn setlist(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let base = st.frames.last().expect("frame").base;
    let ra = base + i.a() as usize;
    let mut n = i.b() as usize;
    let mut last = i.c() as usize;
    if n == 0 {
        n = st.top - ra - 1;
    }
    if i.k() {
        let extra = closure(st).proto.code[pc as usize + 1];
        last += extra.ax() as usize * (MAXARG_C as usize + 1);
    }
    if let Value::Table(t) = st.stack[ra] {
        t.reserve_array(n);
        for j in 1..=n {
            t.set_int((last + j) as i64, st.stack[ra + j]);
        }
    }
    st.top = st.frames.last().expect("frame").top;
    0
}

pub(crate) extern "C" fn closure_new(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let cl = closure(st);
    let ci = st.frames.last_mut().expect("frame");
    ci.pc = pc as usize + 1;
    let base = ci.base;
    let v = new_closure(st, cl, i.bx() as usize, base);
    st.stack[base + i.a() as usize] = v;
    st.top = base + i.a() as usize + 1;
    tri!(st, st.gc_check());
    0
}

pub(crate) extern "C" fn vararg(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let ci = *st.frames.last().expect("frame");
    let ra = ci.base + i.a() as usize;
    let wanted = i.c() as i32 - 1;
    let nextra = ci.n_extra as usize;
    let from = ci.func - nextra;
    if wanted < 0 {
        st.frames.last_mut().expect("frame").pc = pc as usize + 1;
        st.top = ci.top;
        tri!(st, st.ensure_stack(ra + nextra + 1));
        for j in 0..nextra {
            st.stack[ra + j] = st.stack[from + j];
        }
        st.top = ra + nextra;
    } else {
        for j in 0..wanted as usize {
            st.stack[ra + j] = if j < nextra {
                st.stack[from + j]
            } else {
                Value::Nil
            };
        }
    }
    0
}

/// VARARGPREP: moves the frame; returns its new base (compiled code re-derives its register
/// window from it).
pub(crate) extern "C" fn varargprep(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let idx = st.frames.len() - 1;
    st.frames[idx].pc = pc as usize + 1;
    let fsize = closure(st).proto.max_stack as usize;
    tri!(
        st,
        st.adjust_varargs(idx, Instruction(i).a() as usize, fsize)
    );
    (st.frames[idx].base * std::mem::size_of::<Value>()) as u64
}

// -- calls and returns ----------------------------------------------------------------------

/// CALL: calls `R[A]` (compiled Lua callees directly, on the native stack).
pub(crate) extern "C" fn call(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let ci = st.frames.last_mut().expect("frame");
    ci.pc = pc as usize + 1;
    let ra = ci.base + i.a() as usize;
    let b = i.b() as usize;
    if b != 0 {
        st.top = ra + b;
    }
    let nresults = i.c() as i32 - 1;
    // fast path: a compiled, fixed-arity Lua callee with room on the Lua and native stacks
    if let Value::LuaFn(cl) = st.stack[ra] {
        let p = cl.proto.as_static();
        let code = p.jit_code.get();
        if code > 1
            && !st.hooks_active
            && !st.stats.enabled
            && st.jit_threshold.is_some()
            && native_stack_ok(st)
            && push_lua_frame(st, ra, p, nresults)
        {
            #[allow(unsafe_code)]
            // SAFETY: `code` is the callee's compiled code (JitCode signature); its register
            // window of `max_stack` slots lies inside the stack (checked above).
            let status = unsafe {
                let f = std::mem::transmute::<usize, JitCode>(code);
                st.stack_ptr = st.stack.as_mut_ptr();
                f(st as *mut State, st.stack_ptr.add(ra + 1), 0)
            };
            if status & STATUS_RETURN_N != 0 {
                finish_return(st, (status & 1) as usize);
            } else if status & STATUS_RETURN == 0 {
                let r = lunar_call_status(st, status, pc);
                if r != 0 {
                    return r;
                }
            }
            if st.hooks_active {
                return STATUS_EXIT | (pc as u64 + 1);
            }
            return 0;
        }
    }
    tri!(st, call_at(st, ra, nresults));
    if st.hooks_active {
        // a hook was set during the call: the interpreter continues this frame
        return STATUS_EXIT | (pc as u64 + 1);
    }
    0
}

/// Finishes a call that compiled code made itself (`Translator::call`) when the callee's code
/// returned a status other than a return: runs the rest of the callee (the interpreter from
/// where it left, or a tail-called function) or passes an error on. Returns 0 or a status.
#[no_mangle]
pub extern "C" fn lunar_call_status(st: *mut State, status: u64, _pc: u32) -> u64 {
    let st = state(st);
    if status & STATUS_ERROR != 0 {
        return STATUS_ERROR;
    }
    if status & STATUS_TAILCALL == 0 {
        // left compiled code: the interpreter finishes the callee
        lunar_runtime::jit_abi::note_deopt(st, status);
        st.jit_skip = true;
        let top = st.frames.len() - 1;
        st.frames[top].pc = (status & 0xffff_ffff) as usize;
        st.frames[top].flags |= CI_FRESH;
        tri!(st, (st.exec)(st));
    } else {
        tri!(st, run_frame(st));
    }
    0
}

/// Helpers with their own signatures: (name, address).
pub const SPECIAL_HELPERS: &[(&str, *const u8)] =
    &[("lunar_call_status", lunar_call_status as *const u8)];

/// TFORCALL: `R[A+4], ... := R[A](R[A+1], R[A+2])`.
pub(crate) extern "C" fn tforcall(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let i = Instruction(i);
    let ci = st.frames.last_mut().expect("frame");
    ci.pc = pc as usize + 1;
    let ra = ci.base + i.a() as usize;
    st.stack[ra + 4] = st.stack[ra];
    st.stack[ra + 5] = st.stack[ra + 1];
    st.stack[ra + 6] = st.stack[ra + 2];
    st.top = ra + 4 + 3;
    tri!(st, call_at(st, ra + 4, i.c() as i32));
    st.top = st.frames.last().expect("frame").top;
    if st.hooks_active {
        return STATUS_EXIT | (pc as u64 + 1);
    }
    0
}

/// Calls `stack[func]` with the arguments up to `st.top` from a compiled frame.
fn call_at(st: &mut State, func: usize, nresults: i32) -> LResult<()> {
    if st.precall(func, nresults)? {
        run_frame(st)
    } else {
        st.gc_check()
    }
}

/// Is there native stack left for one more compiled Lua call?
#[inline(always)]
fn native_stack_ok(st: &mut State) -> bool {
    let sp = lunar_runtime::native_stack::stack_pointer();
    let (limit, high) = st.jit_limit;
    if limit <= sp && sp < high {
        return true;
    }
    native_stack_slow(st, sp)
}

#[cold]
fn native_stack_slow(st: &mut State, sp: usize) -> bool {
    if st.jit_limit == (0, 0) {
        let (limit, high, cacheable) = lunar_runtime::native_stack::jit_bounds(st);
        if cacheable {
            st.jit_limit = (limit, high);
            return limit <= sp && sp < high;
        }
    }
    false
}

/// Runs the Lua frame on top of `st.frames` (just pushed, or replaced by a tail call) until it
/// returns: in compiled code when it has some (tiering up first if it became hot), else — or
/// from where compiled code exits — in the interpreter.
pub(crate) fn run_frame(st: &mut State) -> LResult<()> {
    loop {
        let idx = st.frames.len() - 1;
        let ci = st.frames[idx];
        let p = match st.stack[ci.func] {
            Value::LuaFn(c) => c.proto,
            _ => unreachable!("Lua frame without a Lua closure"),
        };
        let mut code = p.jit_code.get();
        if code == 0 {
            if let (Some(threshold), Some(compile)) = (st.jit_threshold, st.jit_compile) {
                if p.call_count.get() >= threshold {
                    compile(st, p);
                    code = p.jit_code.get();
                }
            }
        }
        if code > 1 && !st.hooks_active && st.jit_threshold.is_some() {
            if !native_stack_ok(st) {
                // out of native stack for compiled recursion: the interpreter (which does not
                // recurse natively) runs this call and everything below it
                st.frames[idx].flags |= CI_FRESH;
                let saved = st.jit_threshold.take();
                let r = (st.exec)(st);
                st.jit_threshold = saved;
                return r;
            }
            #[allow(unsafe_code)]
            // SAFETY: `code` is this prototype's compiled code (JitCode signature); the frame's
            // register window holds `max_stack` slots (ensured by precall).
            let status = unsafe {
                let f = std::mem::transmute::<usize, JitCode>(code);
                st.stack_ptr = st.stack.as_mut_ptr();
                let regs = st.stack_ptr.add(ci.base);
                f(st as *mut State, regs, ci.pc as u32)
            };
            if status & STATUS_RETURN_N != 0 {
                finish_return(st, (status & 1) as usize);
                return Ok(());
            } else if status & STATUS_RETURN != 0 {
                return Ok(());
            } else if status & STATUS_TAILCALL != 0 {
                continue;
            } else if status & STATUS_ERROR != 0 {
                return Err(st
                    .jit_error
                    .take()
                    .expect("JIT error status without an error"));
            }
            debug_assert!(status & STATUS_EXIT != 0);
            lunar_runtime::jit_abi::note_deopt(st, status);
            st.jit_skip = true;
            st.frames[idx].pc = (status & 0xffff_ffff) as usize;
        }
        st.frames[idx].flags |= CI_FRESH;
        return (st.exec)(st);
    }
}

/// TAILCALL: replaces the frame by the callee's (Lua: returns [`STATUS_TAILCALL`]), or calls
/// a native callee and returns its results ([`STATUS_RETURN`]).
pub(crate) extern "C" fn tailcall(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let ci_idx = st.frames.len() - 1;
    st.frames[ci_idx].pc = pc as usize + 1;
    match tri!(st, tail_call(st, ci_idx, Instruction(i))) {
        TailCall::Lua => STATUS_TAILCALL,
        TailCall::Returned(fresh) => STATUS_RETURN | fresh as u64,
    }
}

/// RETURN (any form: closes upvalues and to-be-closed variables when `k`).
pub(crate) extern "C" fn ret(st: *mut State, i: u32, pc: u32) -> u64 {
    let st = state(st);
    let ci_idx = st.frames.len() - 1;
    st.frames[ci_idx].pc = pc as usize + 1;
    STATUS_RETURN | tri!(st, op_return(st, ci_idx, Instruction(i))) as u64
}

/// All helpers by symbol name (registered with the JIT module).
/// Every helper under an exported, unmangled symbol (`lunar_<op>`): JIT modules resolve them
/// by address ([`HELPERS`]), ahead-of-time objects (`lunar-aot`) by name at link time.
macro_rules! exported_helpers {
    ($($sym:ident => $f:ident),* $(,)?) => {
        $(
            #[doc = concat!("Exported entry of the `", stringify!($f), "` helper.")]
            #[no_mangle]
            pub extern "C" fn $sym(st: *mut State, i: u32, pc: u32) -> u64 {
                $f(st, i, pc)
            }
        )*
        /// The helpers by symbol name.
        pub const HELPERS: &[(&str, Helper)] = &[$((stringify!($sym), $sym)),*];
    };
}

exported_helpers! {
    lunar_gettabup => gettabup,
    lunar_gettable => gettable,
    lunar_geti => geti,
    lunar_getfield => getfield,
    lunar_self => self_,
    lunar_settabup => settabup,
    lunar_settable => settable,
    lunar_seti => seti,
    lunar_setfield => setfield,
    lunar_newtable => newtable,
    lunar_arith => arith,
    lunar_mmbin => mmbin,
    lunar_unary => unary,
    lunar_concat => concat,
    lunar_close => close,
    lunar_tbc => tbc,
    lunar_compare => compare,
    lunar_eqk => eqk,
    lunar_order_i => order_i,
    lunar_forprep => forprep,
    lunar_tforprep => tforprep,
    lunar_tforcall => tforcall,
    lunar_setlist => setlist,
    lunar_closure => closure_new,
    lunar_vararg => vararg,
    lunar_varargprep => varargprep,
    lunar_call => call,
    lunar_tailcall => tailcall,
    lunar_return => ret,
    lunar_loadk => loadk,
}

const _: () = assert!(STATUS_MIN > 1);
