//! Translator (one prototype's bytecode -> Cranelift IR), baseline tier.
//!
//! Every bytecode pc gets its own Cranelift block, and the function's entry block dispatches on
//! the entry pc with a jump table, so compiled code can be entered at any instruction: at
//! function entry, at a loop header reached by a back-edge (on-stack replacement), or where an
//! interpreter left off. Registers stay in the VM's register window (`regs`, read and written
//! through the offsets of [`lunar_runtime::value::layout`]), so leaving compiled code needs no
//! state reconstruction.
//!
//! Every opcode compiles. Inline fast paths with tag checks: moves and constant loads,
//! integer/float arithmetic and comparisons, numeric `for` loops, generic-`for` loop tests,
//! tests and jumps, `not`, unary minus. Everything else — and the fast paths' fallbacks
//! (metamethods, coercions, errors) — calls the runtime helpers of [`crate::helpers`]; a helper
//! result at or above [`STATUS_MIN`] (an error, a return, a tail call, or a request to leave
//! for the interpreter) is returned at once, and after each helper the register pointer is
//! reloaded from `State::stack_ptr` because the stack may have moved.
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, Block, FuncRef, InstBuilder, MemFlagsData, Value as CVal};
use cranelift_frontend::{FunctionBuilder, Switch, Variable};
use lunar_bytecode::opcode::{op, Instruction};
use lunar_runtime::func::FnProto;
use lunar_runtime::value::layout;
use lunar_runtime::Value;

use crate::infer::{self, Ty};
use crate::inline::{self, Plan};
use lunar_runtime::jit_abi::{
    CallLayout, STATUS_EXIT, STATUS_MIN, STATUS_NO_ENTRY, STATUS_RETURN, STATUS_RETURN_N,
};
use lunar_runtime::State;

/// State of one translation.
pub(crate) struct Translator<'a, 'b> {
    pub(crate) fb: FunctionBuilder<'b>,
    pub(crate) proto: &'a FnProto,
    st: CVal,
    regs_var: Variable,
    base_off: Variable,
    helpers: &'a std::collections::HashMap<&'static str, FuncRef>,
    layout: &'a ObjectLayout,
    blocks: Vec<Block>,
    exits: std::collections::HashMap<usize, Block>,
    /// Ahead-of-time code: embeds no run-time addresses (string constants are loaded by a
    /// helper instead).
    aot: bool,
    /// Speculative code: arithmetic on operands not proven numbers leaves compiled code when
    /// they are not (see [`crate::infer`]); otherwise it calls the metamethod helpers.
    spec: bool,
    /// Register types at the start of each instruction.
    states: infer::States,
    /// Register types at the start of the instruction being translated.
    cur: Vec<Ty>,
    /// False once the instruction being translated has called a runtime helper (which may
    /// have changed any register): `cur` no longer holds.
    known_valid: bool,
    /// Per register, the Cranelift variables that hold its payload as an integer / a float
    /// (declared on first use). Registers are written through to memory, which stays the
    /// truth (leaving compiled code needs no reconstruction); a variable is read instead of
    /// memory where the register's type is known at the start of the instruction (see
    /// [`Translator::edge`] for the invariant).
    ivars: Vec<Option<Variable>>,
    fvars: Vec<Option<Variable>>,
    /// Registers written by the instruction being translated: the kind written (`Any`: not a
    /// known number) and the block of the write.
    wrote: Vec<Option<(Ty, Block)>>,
}

const TAG: i32 = layout::TAG_OFFSET as i32;
const PAY: i32 = layout::PAYLOAD_OFFSET as i32;

fn slot(r: u32) -> i32 {
    (r as usize * layout::VALUE_SIZE) as i32
}

impl<'a, 'b> Translator<'a, 'b> {
    pub(crate) fn new(
        mut fb: FunctionBuilder<'b>,
        proto: &'a FnProto,
        helpers: &'a std::collections::HashMap<&'static str, FuncRef>,
        layout: &'a ObjectLayout,
        aot: bool,
        spec: bool,
    ) -> Translator<'a, 'b> {
        let entry = fb.create_block();
        fb.append_block_params_for_function_params(entry);
        fb.switch_to_block(entry);
        let params = fb.block_params(entry).to_vec();
        let st = params[0];
        let regs = params[1];
        let entry_pc = params[2];
        let regs_var = fb.declare_var(types::I64);
        let base_off = fb.declare_var(types::I64);
        fb.def_var(regs_var, regs);
        let sp = fb.ins().load(
            types::I64,
            MemFlagsData::trusted(),
            st,
            State::STACK_PTR_OFFSET as i32,
        );
        let off = fb.ins().isub(regs, sp);
        fb.def_var(base_off, off);
        let n = proto.code.len();
        let blocks: Vec<Block> = (0..n).map(|_| fb.create_block()).collect();
        let mut t = Translator {
            fb,
            proto,
            st,
            regs_var,
            base_off,
            helpers,
            layout,
            blocks,
            exits: Default::default(),
            aot,
            spec,
            states: infer::analyse(proto, spec),
            cur: Vec::new(),
            known_valid: false,
            ivars: vec![None; proto.max_stack as usize],
            fvars: vec![None; proto.max_stack as usize],
            wrote: vec![None; proto.max_stack as usize],
        };
        // entry dispatch: the pcs where engines enter compiled code (see `entry_points`); where
        // the analysis assumes register types, an entry stub checks them first (failing: the
        // interpreter goes on at that pc). Any other pc answers STATUS_NO_ENTRY.
        let mut sw = Switch::new();
        let mut stubs = Vec::new();
        let entries = entry_points(&proto.code);
        for pc in (0..n).filter(|&pc| entries[pc]) {
            let assumed: Vec<(u32, Ty)> = t.states[pc]
                .iter()
                .flatten()
                .enumerate()
                .filter(|(_, ty)| ty.is_num())
                .map(|(r, ty)| (r as u32, *ty))
                .collect();
            if assumed.is_empty() {
                sw.set_entry(pc as u128, t.blocks[pc]);
            } else {
                let stub = t.fb.create_block();
                sw.set_entry(pc as u128, stub);
                stubs.push((pc, stub, assumed));
            }
        }
        let bad = t.fb.create_block();
        let pc64 = t.fb.ins().uextend(types::I64, entry_pc);
        // function entry (the common case) skips the jump table
        if n > 0 {
            let dispatch = t.fb.create_block();
            // (the parameter types assumed from feedback are checked: `infer::entry_assumed`)
            let first = match stubs.iter().find(|(pc, _, _)| *pc == 0) {
                Some((_, stub, _)) => *stub,
                None => t.blocks[0],
            };
            t.fb.ins().brif(entry_pc, dispatch, &[], first, &[]);
            t.fb.switch_to_block(dispatch);
        }
        sw.emit(&mut t.fb, pc64, bad);
        t.fb.switch_to_block(bad);
        let status =
            t.fb.ins()
                .bor_imm_u(pc64, (STATUS_EXIT | STATUS_NO_ENTRY) as i64);
        t.fb.ins().return_(&[status]);
        for (pc, stub, assumed) in stubs {
            t.fb.switch_to_block(stub);
            let mut ok = t.fb.ins().iconst(types::I8, 1);
            for (r, ty) in assumed {
                let tag = t.tag(r);
                let c = match ty {
                    Ty::Int => {
                        t.fb.ins()
                            .icmp_imm_u(IntCC::Equal, tag, layout::TAG_INT as i64)
                    }
                    Ty::Flt => {
                        t.fb.ins()
                            .icmp_imm_u(IntCC::Equal, tag, layout::TAG_FLOAT as i64)
                    }
                    _ => {
                        let i =
                            t.fb.ins()
                                .icmp_imm_u(IntCC::Equal, tag, layout::TAG_INT as i64);
                        let f =
                            t.fb.ins()
                                .icmp_imm_u(IntCC::Equal, tag, layout::TAG_FLOAT as i64);
                        t.fb.ins().bor(i, f)
                    }
                };
                ok = t.fb.ins().band(ok, c);
            }
            let leave = t.exit(pc);
            let body = t.target(pc);
            t.fb.ins().brif(ok, body, &[], leave, &[]);
        }
        t
    }

    /// What is known of register `r`'s type at this point of the current instruction.
    fn known(&self, r: u32) -> Ty {
        if self.known_valid {
            self.cur.get(r as usize).copied().unwrap_or(Ty::Any)
        } else {
            Ty::Any
        }
    }

    /// The type of an arithmetic operand.
    fn operand_ty(&self, o: Operand) -> Ty {
        match o {
            Operand::Reg(r) => self.known(r),
            Operand::Int(_) => Ty::Int,
            Operand::Float(_) => Ty::Flt,
        }
    }

    /// Continues in a fresh block when `ok`; otherwise the operation's fallback: in
    /// speculative code, leave for the interpreter at `pc`; else the MMBIN at `pc + 1`.
    fn guard_arith(&mut self, ok: CVal, pc: usize) {
        if self.spec && infer::speculated(self.proto, pc, self.proto.code[pc]) {
            let fast = self.fb.create_block();
            let leave = self.exit(pc);
            self.fb.ins().brif(ok, fast, &[], leave, &[]);
            self.fb.switch_to_block(fast);
        } else {
            self.guard_to(ok, pc + 1);
        }
    }

    fn flags() -> MemFlagsData {
        MemFlagsData::trusted()
    }

    fn regs(&mut self) -> CVal {
        self.fb.use_var(self.regs_var)
    }
    fn tag(&mut self, r: u32) -> CVal {
        let regs = self.regs();
        self.fb
            .ins()
            .load(types::I8, Self::flags(), regs, slot(r) + TAG)
    }
    fn ival(&mut self, r: u32) -> CVal {
        if self.in_var(r, Ty::Int) {
            let v = self.var(r, Ty::Int);
            return self.fb.use_var(v);
        }
        self.load_payload(r, Ty::Int)
    }
    fn fval(&mut self, r: u32) -> CVal {
        if self.in_var(r, Ty::Flt) {
            let v = self.var(r, Ty::Flt);
            return self.fb.use_var(v);
        }
        self.load_payload(r, Ty::Flt)
    }
    fn load_payload(&mut self, r: u32, kind: Ty) -> CVal {
        let t = if kind == Ty::Flt {
            types::F64
        } else {
            types::I64
        };
        let regs = self.regs();
        self.fb.ins().load(t, Self::flags(), regs, slot(r) + PAY)
    }

    /// The variable holding register `r`'s payload as a `kind` (`Int` or `Flt`).
    fn var(&mut self, r: u32, kind: Ty) -> Variable {
        let (vars, t) = if kind == Ty::Flt {
            (&mut self.fvars, types::F64)
        } else {
            (&mut self.ivars, types::I64)
        };
        if let Some(v) = vars[r as usize] {
            return v;
        }
        let v = self.fb.declare_var(t);
        vars[r as usize] = Some(v);
        v
    }

    /// Whether register `r`'s variable of `kind` holds its value here: its type was known at
    /// the start of the instruction, no helper has run and the instruction has not written it.
    fn in_var(&self, r: u32, kind: Ty) -> bool {
        self.known_valid
            && self.cur.get(r as usize) == Some(&kind)
            && self.wrote.get(r as usize) == Some(&None)
    }

    /// The register types whose values are in variables at the start of instruction `pc`.
    fn cached(&self, pc: usize) -> Vec<(u32, Ty)> {
        match self.states.get(pc) {
            Some(Some(s)) => s
                .iter()
                .enumerate()
                .filter(|(_, t)| matches!(t, Ty::Int | Ty::Flt))
                .map(|(r, t)| (r as u32, *t))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Records that the current block wrote register `r` (`kind`: a number of that kind whose
    /// variable was defined, or `Any`).
    fn wrote(&mut self, r: u32, kind: Ty) {
        let b = self.fb.current_block().expect("in a block");
        if let Some(w) = self.wrote.get_mut(r as usize) {
            *w = Some((kind, b));
        }
    }

    /// Stores `v` at byte `off` of register `r`.
    fn store(&mut self, v: CVal, r: u32, off: i32) {
        let regs = self.regs();
        self.fb.ins().store(Self::flags(), v, regs, slot(r) + off);
        self.wrote(r, Ty::Any);
    }

    /// Writes the payload of a register whose tag is (or is being made) `kind`, keeping its
    /// variable.
    fn put(&mut self, r: u32, v: CVal, kind: Ty) {
        self.store(v, r, PAY);
        if (r as usize) < self.wrote.len() {
            let var = self.var(r, kind);
            self.fb.def_var(var, v);
            self.wrote(r, kind);
        }
    }

    /// Calls helper `name` for instruction `i` at `pc`; returns its result (statuses are
    /// returned from the compiled function on the spot) with the register pointer reloaded.
    fn helper(&mut self, name: &str, i: Instruction, pc: usize) -> CVal {
        let f = self.helpers[name];
        let iw = self.fb.ins().iconst(types::I32, i.0 as i64);
        let pcv = self.fb.ins().iconst(types::I32, pc as i64);
        let call = self.fb.ins().call(f, &[self.st, iw, pcv]);
        self.known_valid = false;
        let r = self.fb.inst_results(call)[0];
        self.return_if_status(r);
        self.reload_regs();
        r
    }

    /// Returns `r` from the compiled function if it is a status (continues otherwise).
    fn return_if_status(&mut self, r: CVal) {
        let is_status =
            self.fb
                .ins()
                .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, r, STATUS_MIN as i64);
        let ret = self.fb.create_block();
        let cont = self.fb.create_block();
        self.fb.ins().brif(is_status, ret, &[], cont, &[]);
        self.fb.switch_to_block(ret);
        self.fb.ins().return_(&[r]);
        self.fb.switch_to_block(cont);
    }

    /// Calls a helper whose result is always a status (returns, tail calls).
    fn helper_tail(&mut self, name: &str, i: Instruction, pc: usize) {
        let f = self.helpers[name];
        let iw = self.fb.ins().iconst(types::I32, i.0 as i64);
        let pcv = self.fb.ins().iconst(types::I32, pc as i64);
        let call = self.fb.ins().call(f, &[self.st, iw, pcv]);
        let r = self.fb.inst_results(call)[0];
        self.fb.ins().return_(&[r]);
    }

    fn reload_regs(&mut self) {
        let sp = self.fb.ins().load(
            types::I64,
            Self::flags(),
            self.st,
            State::STACK_PTR_OFFSET as i32,
        );
        let off = self.fb.use_var(self.base_off);
        let regs = self.fb.ins().iadd(sp, off);
        self.fb.def_var(self.regs_var, regs);
    }

    /// Calls helper `name` and continues at `next`.
    fn helper_goto(&mut self, name: &str, i: Instruction, pc: usize, next: usize) {
        self.helper(name, i, pc);
        if self.keeps_knowledge(i, next) {
            let changed = self.locals_changed();
            let leave = self.exit(next);
            self.guard_block_not(changed, leave);
        }
        self.goto(next);
    }

    /// Whether speculative code goes on to `next` after the runtime call of `i` knowing some
    /// register types (see [`infer::keeps_knowledge`]): then it must leave if `debug.setlocal`
    /// may have changed them.
    fn keeps_knowledge(&self, i: Instruction, next: usize) -> bool {
        self.spec
            && infer::keeps_knowledge(i)
            && matches!(self.states.get(next), Some(Some(s)) if s.iter().any(|t| t.is_num()))
    }

    /// `State::jit_locals_changed` (a byte).
    fn locals_changed(&mut self) -> CVal {
        self.fb.ins().load(
            types::I8,
            Self::flags(),
            self.st,
            self.layout.call.locals_changed,
        )
    }

    /// Continues in a fresh block when `c` is zero, else jumps to `otherwise`.
    fn guard_block_not(&mut self, c: CVal, otherwise: Block) {
        let fast = self.fb.create_block();
        self.fb.ins().brif(c, otherwise, &[], fast, &[]);
        self.fb.switch_to_block(fast);
    }
    fn set_tag(&mut self, r: u32, tag: u8) {
        // the register already has this tag
        match (self.known(r), tag) {
            (Ty::Int, layout::TAG_INT) | (Ty::Flt, layout::TAG_FLOAT) => return,
            _ => {}
        }
        let t = self.fb.ins().iconst(types::I64, tag as i64);
        self.store(t, r, TAG);
    }
    fn set_int(&mut self, r: u32, v: CVal) {
        self.set_tag(r, layout::TAG_INT);
        self.put(r, v, Ty::Int);
    }
    fn set_float(&mut self, r: u32, v: CVal) {
        self.set_tag(r, layout::TAG_FLOAT);
        self.put(r, v, Ty::Flt);
    }
    fn set_bool(&mut self, r: u32, b: CVal) {
        self.set_tag(r, layout::TAG_BOOL);
        let w = self.fb.ins().uextend(types::I64, b);
        self.store(w, r, PAY);
    }
    /// Copies the 16-byte value at `from + from_off` to `to + to_off`.
    fn move_value(&mut self, from: CVal, from_off: i32, to: CVal, to_off: i32) {
        let lo = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), from, from_off);
        let hi = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), from, from_off + 8);
        self.fb.ins().store(Self::flags(), lo, to, to_off);
        self.fb.ins().store(Self::flags(), hi, to, to_off + 8);
    }

    fn copy(&mut self, dst: u32, src: u32) {
        for kind in [Ty::Int, Ty::Flt] {
            if self.in_var(src, kind) {
                let v = self.var(src, kind);
                let v = self.fb.use_var(v);
                let tag = if kind == Ty::Int {
                    layout::TAG_INT
                } else {
                    layout::TAG_FLOAT
                };
                self.set_tag(dst, tag);
                self.put(dst, v, kind);
                return;
            }
        }
        let regs = self.regs();
        self.move_value(regs, slot(src), regs, slot(dst));
        self.wrote(dst, Ty::Any);
    }
    /// Stores a constant value (nil, booleans, numbers, strings kept alive by the prototype).
    fn set_const(&mut self, dst: u32, v: &Value) -> bool {
        match *v {
            Value::Int(n) => {
                let c = self.fb.ins().iconst(types::I64, n);
                self.set_int(dst, c);
                return true;
            }
            Value::Float(f) => {
                let c = self.fb.ins().f64const(f);
                self.set_float(dst, c);
                return true;
            }
            _ => {}
        }
        let Some((tag, pay)) = self.const_bits(v) else {
            return false;
        };
        self.set_tag(dst, tag);
        if tag != layout::TAG_NIL {
            let p = self.fb.ins().iconst(types::I64, pay);
            self.store(p, dst, PAY);
        }
        true
    }

    fn is_tag(&mut self, r: u32, tag: u8) -> CVal {
        let known = match (self.known(r), tag) {
            (Ty::Int, layout::TAG_INT) | (Ty::Flt, layout::TAG_FLOAT) => Some(true),
            (Ty::Int | Ty::Flt, _) => Some(false),
            (Ty::Num, t) if t != layout::TAG_INT && t != layout::TAG_FLOAT => Some(false),
            _ => None,
        };
        if let Some(k) = known {
            return self.fb.ins().iconst(types::I8, k as i64);
        }
        let t = self.tag(r);
        self.fb.ins().icmp_imm_u(IntCC::Equal, t, tag as i64)
    }

    /// `!(nil or false)` of register `r`.
    fn truthy(&mut self, r: u32) -> CVal {
        let t = self.tag(r);
        let is_nil = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::Equal, t, layout::TAG_NIL as i64);
        let is_bool = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::Equal, t, layout::TAG_BOOL as i64);
        let regs = self.regs();
        let b = self
            .fb
            .ins()
            .load(types::I8, Self::flags(), regs, slot(r) + PAY);
        let is_false_byte = self.fb.ins().icmp_imm_u(IntCC::Equal, b, 0);
        let is_false = self.fb.ins().band(is_bool, is_false_byte);
        let falsy = self.fb.ins().bor(is_nil, is_false);
        self.fb.ins().bxor_imm_u(falsy, 1)
    }

    fn block(&self, pc: usize) -> Block {
        self.blocks[pc]
    }

    /// Block returning `STATUS_EXIT | pc` (filled at the end of the translation: Cranelift
    /// wants the current block finished before switching to another).
    fn exit(&mut self, pc: usize) -> Block {
        if let Some(b) = self.exits.get(&pc) {
            return *b;
        }
        let b = self.fb.create_block();
        self.exits.insert(pc, b);
        b
    }

    fn goto(&mut self, pc: usize) {
        let target = self.target(pc);
        self.fb.ins().jump(target, &[]);
    }

    fn exit_now(&mut self, pc: usize) {
        let b = self.exit(pc);
        self.fb.ins().jump(b, &[]);
    }

    /// Branches on `ok` to a fresh block (current afterwards) or to the instruction at `target`.
    fn guard_to(&mut self, ok: CVal, target: usize) {
        let fast = self.fb.create_block();
        let other = self.target(target);
        self.fb.ins().brif(ok, fast, &[], other, &[]);
        self.fb.switch_to_block(fast);
    }

    /// The block of instruction `pc` (an exit past the end), to branch to from the current
    /// block. Keeps the variables' invariant: at the start of an instruction, the variable of
    /// every register whose type is known there holds its value. Where this path has not
    /// defined it (a helper ran, the register was written elsewhere, the interpreter is
    /// entering), it is loaded from memory here, before the branch.
    fn target(&mut self, pc: usize) -> Block {
        if pc >= self.blocks.len() {
            return self.exit(pc);
        }
        let here = self.fb.current_block();
        for (r, kind) in self.cached(pc) {
            let trusted = self.known_valid
                && match self.wrote[r as usize] {
                    Some((k, b)) => k == kind && Some(b) == here,
                    None => self.cur.get(r as usize) == Some(&kind),
                };
            if !trusted {
                let v = self.load_payload(r, kind);
                let var = self.var(r, kind);
                self.fb.def_var(var, v);
            }
        }
        self.block(pc)
    }

    /// A test instruction through helper `name` (its result: the condition).
    fn helper_test(&mut self, name: &str, i: Instruction, pc: usize) {
        let r = self.helper(name, i, pc);
        let c = self.fb.ins().ireduce(types::I8, r);
        self.cond_jump(pc, c, i.k());
    }

    /// Conditional jump of a test instruction at `pc`: if `cond != k` skip the next JMP, else
    /// take it.
    fn cond_jump(&mut self, pc: usize, cond: CVal, k: bool) {
        let skip = pc + 2;
        let jmp = self.proto.code.get(pc + 1).copied().unwrap_or_default();
        let target = (pc as i64 + 2 + jmp.sj() as i64) as usize;
        let take = if k {
            cond
        } else {
            self.fb.ins().bxor_imm_u(cond, 1)
        };
        let tb = self.target(target);
        let sb = self.target(skip);
        self.fb.ins().brif(take, tb, &[], sb, &[]);
    }

    /// CALL with a fixed number of arguments to a compiled Lua function of that many fixed
    /// parameters: pushes the callee's `CallInfo` and calls its code directly (what the
    /// `lunar_call` helper's fast path does, without the runtime call); finishes a
    /// `STATUS_RETURN_N` return inline. Every other case — and every other status — goes
    /// through the helpers.
    fn call(&mut self, pc: usize, i: Instruction) {
        let (a, b, c) = (i.a(), i.b(), i.c());
        if b == 0 {
            return self.helper_goto("lunar_call", i, pc, pc + 1);
        }
        let nargs = (b - 1) as i64;
        let nresults = c as i64 - 1;
        let l = self.layout.call;
        let fl = Self::flags();
        let slow = self.fb.create_block();
        let after = self.fb.create_block();
        self.fb.append_block_param(after, types::I64);
        let st = self.st;
        // a compiled, fixed-arity, non-vararg Lua callee
        let is_lua = self.is_tag(a, layout::TAG_LUAFN);
        self.guard_block(is_lua, slow);
        let regs = self.regs();
        let cl = self.fb.ins().load(types::I64, fl, regs, slot(a) + PAY);
        let proto = self.fb.ins().load(types::I64, fl, cl, l.closure_proto);
        // the prototype this site called while warming up (inline cache of the call target):
        // one comparison replaces the arity checks, and the frame size is a constant
        let target = match self.proto.call_target(pc) {
            Some(p) if !self.aot && p.ast.is_none() && !p.is_vararg => {
                Some(p).filter(|p| p.num_params as i64 == nargs)
            }
            _ => None,
        };
        if let Some(p) = target {
            let same = self
                .fb
                .ins()
                .icmp_imm_u(IntCC::Equal, proto, p.addr() as i64);
            self.guard_block(same, slow);
        }
        let code = self.fb.ins().load(types::I64, fl, proto, l.proto_jit_code);
        let compiled = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThan, code, 1);
        self.guard_block(compiled, slow);
        if target.is_none() {
            let vararg = self.fb.ins().load(types::I8, fl, proto, l.proto_is_vararg);
            let np = self.fb.ins().load(types::I8, fl, proto, l.proto_num_params);
            let np = self.fb.ins().uextend(types::I64, np);
            let same = self.fb.ins().icmp_imm_u(IntCC::Equal, np, nargs);
            let not_va = self.fb.ins().icmp_imm_u(IntCC::Equal, vararg, 0);
            let ok = self.fb.ins().band(same, not_va);
            self.guard_block(ok, slow);
        }
        // no hooks, no statistics
        let hooks = self.fb.ins().load(types::I8, fl, st, l.hooks_active);
        let stats = self.fb.ins().load(types::I8, fl, st, l.stats_enabled);
        let flags = self.fb.ins().bor(hooks, stats);
        let quiet = self.fb.ins().icmp_imm_u(IntCC::Equal, flags, 0);
        self.guard_block(quiet, slow);
        // native stack within the bounds for compiled calls
        let sp = self.fb.ins().get_stack_pointer(types::I64);
        let low = self.fb.ins().load(types::I64, fl, st, l.jit_limit_low);
        let high = self.fb.ins().load(types::I64, fl, st, l.jit_limit_high);
        let above = self
            .fb
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, sp, low);
        let below = self.fb.ins().icmp(IntCC::UnsignedLessThan, sp, high);
        let ok = self.fb.ins().band(above, below);
        self.guard_block(ok, slow);
        // room on the Lua stack: func + 2 + max(max_stack, nargs) + EXTRA_STACK <= len
        let off = self.fb.use_var(self.base_off);
        let base_idx = self.fb.ins().ushr_imm_u(off, 4);
        let func = self.fb.ins().iadd_imm_s(base_idx, a as i64);
        let fsize = match target {
            Some(p) => self.fb.ins().iconst(types::I64, p.max_stack as i64),
            None => {
                let ms = self.fb.ins().load(types::I8, fl, proto, l.proto_max_stack);
                self.fb.ins().uextend(types::I64, ms)
            }
        };
        let na = self.fb.ins().iconst(types::I64, nargs);
        let need = self.fb.ins().umax(fsize, na);
        let need = self.fb.ins().iadd(func, need);
        let need = self
            .fb
            .ins()
            .iadd_imm_s(need, 2 + lunar_runtime::state::EXTRA_STACK as i64);
        let len = self.fb.ins().load(types::I64, fl, st, l.stack_len);
        let ok = self
            .fb
            .ins()
            .icmp(IntCC::UnsignedLessThanOrEqual, need, len);
        self.guard_block(ok, slow);
        // a free CallInfo slot
        let flen = self.fb.ins().load(types::I64, fl, st, l.frames_len);
        let fcap = self.fb.ins().load(types::I64, fl, st, l.frames_cap);
        let ok = self.fb.ins().icmp(IntCC::UnsignedLessThan, flen, fcap);
        self.guard_block(ok, slow);
        // caller's saved pc; push the callee's frame
        let fptr = self.fb.ins().load(types::I64, fl, st, l.frames_ptr);
        let at = self.fb.ins().imul_imm_s(flen, l.ci_size);
        let ci = self.fb.ins().iadd(fptr, at);
        let next_pc = self.fb.ins().iconst(types::I64, pc as i64 + 1);
        self.fb
            .ins()
            .store(fl, next_pc, ci, l.ci_pc - l.ci_size as i32);
        let base = self.fb.ins().iadd_imm_s(func, 1);
        let top = self.fb.ins().iadd(base, fsize);
        let zero = self.fb.ins().iconst(types::I64, 0);
        let zero32 = self.fb.ins().iconst(types::I32, 0);
        let nres = self.fb.ins().iconst(types::I32, nresults);
        let ci_lua = self
            .fb
            .ins()
            .iconst(types::I8, lunar_runtime::state::CI_LUA as i64);
        self.fb.ins().store(fl, func, ci, l.ci_func);
        self.fb.ins().store(fl, base, ci, l.ci_base);
        self.fb.ins().store(fl, top, ci, l.ci_top);
        self.fb.ins().store(fl, zero, ci, l.ci_pc);
        self.fb.ins().store(fl, nres, ci, l.ci_nresults);
        self.fb.ins().store(fl, zero32, ci, l.ci_n_extra);
        self.fb.ins().store(fl, ci_lua, ci, l.ci_flags);
        let flen1 = self.fb.ins().iadd_imm_s(flen, 1);
        self.fb.ins().store(fl, flen1, st, l.frames_len);
        self.fb.ins().store(fl, top, st, l.top);
        // call the callee's code with its register window
        let regs = self.regs();
        let callee_regs = self.fb.ins().iadd_imm_s(regs, slot(a + 1) as i64);
        let sig = self.fb.func.signature.clone();
        let sigref = self.fb.import_signature(sig);
        let zero_pc = self.fb.ins().iconst(types::I32, 0);
        let call = self
            .fb
            .ins()
            .call_indirect(sigref, code, &[st, callee_regs, zero_pc]);
        let status = self.fb.inst_results(call)[0];
        self.known_valid = false;
        self.reload_regs();
        let ret_n = self.fb.ins().band_imm_u(status, STATUS_RETURN_N as i64);
        let inline_ret = self.fb.create_block();
        let other = self.fb.create_block();
        self.fb.ins().brif(ret_n, inline_ret, &[], other, &[]);
        // STATUS_RETURN_N: pop the frame, adjust the results (n = 0 or 1 at the function slot)
        self.fb.switch_to_block(inline_ret);
        let flen = self.fb.ins().load(types::I64, fl, st, l.frames_len);
        let flen1 = self.fb.ins().iadd_imm_s(flen, -1);
        self.fb.ins().store(fl, flen1, st, l.frames_len);
        let n = self.fb.ins().band_imm_u(status, 1);
        let newtop = if nresults < 0 {
            self.fb.ins().iadd(func, n)
        } else {
            if nresults >= 1 {
                // no result: R[A] := nil (the other wanted slots are nil in any case)
                let got = self.fb.create_block();
                let fill = self.fb.create_block();
                self.fb.ins().brif(n, got, &[], fill, &[]);
                self.fb.switch_to_block(fill);
                self.set_tag(a, layout::TAG_NIL);
                self.fb.ins().jump(got, &[]);
                self.fb.switch_to_block(got);
            }
            for j in 1..nresults.max(0) as u32 {
                self.set_tag(a + j, layout::TAG_NIL);
            }
            self.fb.ins().iadd_imm_s(func, nresults)
        };
        self.fb.ins().store(fl, newtop, st, l.top);
        let zero = self.fb.ins().iconst(types::I64, 0);
        self.fb.ins().jump(after, &[zero.into()]);
        // any other status: STATUS_RETURN is done; the rest goes to the runtime
        self.fb.switch_to_block(other);
        let ret = self.fb.ins().band_imm_u(status, STATUS_RETURN as i64);
        let finish = self.fb.create_block();
        let zero = self.fb.ins().iconst(types::I64, 0);
        self.fb.ins().brif(ret, after, &[zero.into()], finish, &[]);
        self.fb.switch_to_block(finish);
        let f = self.helpers["lunar_call_status"];
        let pcv = self.fb.ins().iconst(types::I32, pc as i64);
        let call = self.fb.ins().call(f, &[st, status, pcv]);
        let r = self.fb.inst_results(call)[0];
        self.reload_regs();
        self.fb.ins().jump(after, &[r.into()]);
        // the general case
        self.fb.switch_to_block(slow);
        let f = self.helpers["lunar_call"];
        let iw = self.fb.ins().iconst(types::I32, i.0 as i64);
        let pcv = self.fb.ins().iconst(types::I32, pc as i64);
        let call = self.fb.ins().call(f, &[st, iw, pcv]);
        let r = self.fb.inst_results(call)[0];
        self.reload_regs();
        self.fb.ins().jump(after, &[r.into()]);
        // statuses (errors, exits) leave; a hook set during the call hands the frame over
        self.fb.switch_to_block(after);
        let r = self.fb.block_params(after)[0];
        self.return_if_status(r);
        let mut hooks = self.fb.ins().load(types::I8, fl, st, l.hooks_active);
        if self.keeps_knowledge(i, pc + 1) {
            let changed = self.locals_changed();
            hooks = self.fb.ins().bor(hooks, changed);
        }
        let leave = self.exit(pc + 1);
        let next = self.target(pc + 1);
        self.fb.ins().brif(hooks, leave, &[], next, &[]);
    }

    /// How the CALL `i` at `pc` is compiled inline, if it is (speculative JIT code only; the
    /// same decision as the type analysis's).
    fn inline_plan(&self, pc: usize, i: Instruction) -> Option<Plan> {
        if !self.spec || self.aot {
            return None;
        }
        inline::plan(self.proto, pc, i, &self.cur)
    }

    /// CALL `i` at `pc` compiled inline ([`inline`]): a guard that `R[A]` is a closure of the
    /// planned prototype, then the callee's body on the arguments in machine registers; the
    /// result goes to `R[A]`. Anything else is called through the runtime, and goes on in
    /// compiled code if its result has the planned type (else it leaves after the call).
    fn inline_call(&mut self, pc: usize, i: Instruction, plan: Plan) {
        let a = i.a();
        let fl = Self::flags();
        let leave = self.fb.create_block();
        let is_lua = self.is_tag(a, layout::TAG_LUAFN);
        self.guard_block(is_lua, leave);
        let regs = self.regs();
        let cl = self.fb.ins().load(types::I64, fl, regs, slot(a) + PAY);
        let proto = self
            .fb
            .ins()
            .load(types::I64, fl, cl, self.layout.call.closure_proto);
        let same = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::Equal, proto, plan.callee.addr() as i64);
        self.guard_block(same, leave);
        // the callee's registers, as values of known type
        let f = plan.callee.as_static();
        let mut r: Vec<Option<(CVal, Ty)>> = vec![None; f.max_stack as usize];
        for k in 0..f.num_params as u32 {
            let arg = a + 1 + k;
            let v = match self.known(arg) {
                Ty::Int => self.ival(arg),
                _ => self.fval(arg),
            };
            r[k as usize] = Some((v, self.known(arg)));
        }
        let mut result = None;
        for &ci in f.code.iter() {
            let reg = |x: u32| r[x as usize].expect("inlined register");
            let kop = |x: u32| match f.k[x as usize] {
                Value::Int(n) => Operand::Int(n),
                Value::Float(x) => Operand::Float(x),
                _ => unreachable!("numeric constant"),
            };
            let v = match ci.opcode_raw() {
                op::Move => reg(ci.b()),
                op::LoadI => (self.fb.ins().iconst(types::I64, ci.sbx() as i64), Ty::Int),
                op::LoadF => (self.fb.ins().f64const(ci.sbx() as f64), Ty::Flt),
                op::LoadK => self.const_value(kop(ci.bx())),
                op::Add | op::Sub | op::Mul => {
                    let y = reg(ci.c());
                    self.inline_arith(ci.opcode_raw(), reg(ci.b()), y)
                }
                op::AddK | op::SubK | op::MulK => {
                    let y = self.const_value(kop(ci.c()));
                    self.inline_arith(ci.opcode_raw(), reg(ci.b()), y)
                }
                op::AddI => {
                    let y = self.const_value(Operand::Int(ci.sc() as i64));
                    self.inline_arith(op::Add, reg(ci.b()), y)
                }
                op::Div | op::DivK => {
                    let y = if ci.opcode_raw() == op::Div {
                        reg(ci.c())
                    } else {
                        self.const_value(kop(ci.c()))
                    };
                    let p = self.as_float(reg(ci.b()));
                    let q = self.as_float(y);
                    (self.fb.ins().fdiv(p, q), Ty::Flt)
                }
                op::Unm => match reg(ci.b()) {
                    (x, Ty::Int) => (self.fb.ins().ineg(x), Ty::Int),
                    (x, _) => (self.fb.ins().fneg(x), Ty::Flt),
                },
                op::MmBin | op::MmBinI | op::MmBinK => continue,
                op::Return1 => {
                    result = Some(reg(ci.a()));
                    break;
                }
                _ => break, // RETURN0 (the plan admits nothing else)
            };
            r[ci.a() as usize] = Some(v);
        }
        match result {
            Some((v, Ty::Int)) => self.set_int(a, v),
            Some((v, _)) => self.set_float(a, v),
            None => self.set_tag(a, layout::TAG_NIL),
        }
        for j in 1..i.c() - 1 {
            self.set_tag(a + j, layout::TAG_NIL);
        }
        self.goto(pc + 1);
        // another callee: a real call, whose result must have the planned type
        self.fb.switch_to_block(leave);
        self.helper("lunar_call", i, pc);
        let after = self.exit(pc + 1);
        let changed = self.locals_changed();
        self.guard_block_not(changed, after);
        let tag = match plan.result {
            Ty::Int => Some(layout::TAG_INT),
            Ty::Flt => Some(layout::TAG_FLOAT),
            _ => None,
        };
        if let Some(tag) = tag {
            let ok = self.is_tag(a, tag);
            self.guard_block(ok, after);
        }
        self.goto(pc + 1);
    }

    /// A numeric constant operand as a value of known type.
    fn const_value(&mut self, k: Operand) -> (CVal, Ty) {
        match k {
            Operand::Int(n) => (self.fb.ins().iconst(types::I64, n), Ty::Int),
            Operand::Float(x) => (self.fb.ins().f64const(x), Ty::Flt),
            Operand::Reg(_) => unreachable!("a constant"),
        }
    }

    /// A value of known numeric type as a float.
    fn as_float(&mut self, (v, t): (CVal, Ty)) -> CVal {
        if t == Ty::Int {
            self.fb.ins().fcvt_from_sint(types::F64, v)
        } else {
            v
        }
    }

    /// `+ - *` (by `opcode`) of two values of known numeric type, with Lua's result type.
    fn inline_arith(&mut self, opcode: u8, x: (CVal, Ty), y: (CVal, Ty)) -> (CVal, Ty) {
        let (iop, fop) = add_sub_mul(opcode);
        if x.1 == Ty::Int && y.1 == Ty::Int {
            return (iop(&mut self.fb, x.0, y.0), Ty::Int);
        }
        let p = self.as_float(x);
        let q = self.as_float(y);
        (fop(&mut self.fb, p, q), Ty::Flt)
    }

    /// The address of string constant `k` for an inline cache (JIT code only: ahead-of-time
    /// code cannot embed it).
    fn field_key(&self, k: u32) -> Option<usize> {
        match self.proto.k.get(k as usize) {
            Some(Value::Str(s)) if !self.aot => Some(s.addr()),
            _ => None,
        }
    }

    /// The inline cache of a field access at `pc` to the table value at `tv + off`: the
    /// hash-part position where `key` was last found (`FnProto::jit_ic`, kept by the helpers)
    /// is checked — a table, in bounds, the same key object — and the entry's address returned;
    /// anything else jumps to `slow`.
    fn field_entry(&mut self, pc: usize, tv: CVal, off: i32, key: usize, slow: Block) -> CVal {
        let fl = Self::flags();
        let ic_addr = self.ic_addr(pc);
        let tp = self.table_at(tv, off, slow);
        let ica = self.fb.ins().iconst(types::I64, ic_addr);
        let ic = self.fb.ins().load(types::I32, fl, ica, 0);
        let ic = self.fb.ins().uextend(types::I64, ic);
        // two remembered positions (see `helpers::remember_pos`), the newest first
        let found = self.fb.create_block();
        self.fb.append_block_param(found, types::I64);
        let second = self.fb.create_block();
        let newest = self.fb.ins().band_imm_u(ic, 0xffff);
        self.probe_entry(tp, newest, key, found, second);
        self.fb.switch_to_block(second);
        let older = self.fb.ins().ushr_imm_u(ic, 16);
        self.probe_entry(tp, older, key, found, slow);
        self.fb.switch_to_block(found);
        self.fb.block_params(found)[0]
    }

    /// The table whose value is at `tv + off` (its object address); anything else jumps to
    /// `slow`.
    fn table_at(&mut self, tv: CVal, off: i32, slow: Block) -> CVal {
        let fl = Self::flags();
        let t = self.fb.ins().load(types::I8, fl, tv, off + TAG);
        let is_t = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::Equal, t, layout::TAG_TABLE as i64);
        self.guard_block(is_t, slow);
        self.fb.ins().load(types::I64, fl, tv, off + PAY)
    }

    /// The bit of string constant `key` (an address from [`Translator::field_key`]) in the
    /// tables' key filters (`Table::str_keys`).
    fn key_filter_bit(&self, key: usize) -> i64 {
        let s = self.proto.k.iter().find_map(|k| match k {
            Value::Str(s) if s.addr() == key => Some(*s),
            _ => None,
        });
        lunar_runtime::table::str_key_bit(s.expect("a string constant").hash()) as i64
    }

    /// Branches to `found` with the address of entry `idx` of table `tp`'s hash part if it is
    /// in bounds and its key is the string `key`, else to `miss`.
    fn probe_entry(&mut self, tp: CVal, idx: CVal, key: usize, found: Block, miss: Block) {
        let key = self.fb.ins().iconst(types::I64, key as i64);
        self.probe_entry_of(tp, idx, key, found, miss);
    }

    /// [`Translator::probe_entry`] with the key string's address a value of the code.
    fn probe_entry_of(&mut self, tp: CVal, idx: CVal, key: CVal, found: Block, miss: Block) {
        let fl = Self::flags();
        let (data_off, len_off, esize, key_off, _) = self.layout.entries;
        let len = self.fb.ins().load(types::I64, fl, tp, len_off as i32);
        let inb = self.fb.ins().icmp(IntCC::UnsignedLessThan, idx, len);
        self.guard_block(inb, miss);
        let data = self.fb.ins().load(types::I64, fl, tp, data_off as i32);
        let at = self.fb.ins().imul_imm_s(idx, esize as i64);
        let e = self.fb.ins().iadd(data, at);
        let kt = self.fb.ins().load(types::I8, fl, e, key_off as i32 + TAG);
        let kp = self.fb.ins().load(types::I64, fl, e, key_off as i32 + PAY);
        let is_s = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::Equal, kt, layout::TAG_STR as i64);
        let same = self.fb.ins().icmp(IntCC::Equal, kp, key);
        let ok = self.fb.ins().band(is_s, same);
        self.fb.ins().brif(ok, found, &[e.into()], miss, &[]);
    }

    /// The prototype's inline caches (one slot per instruction, kept by the helpers).
    fn inline_caches(&self) -> &'a [std::cell::Cell<u64>] {
        let n = self.proto.code.len();
        self.proto
            .jit_ic
            .get_or_init(|| (0..n).map(|_| std::cell::Cell::new(u64::MAX)).collect())
    }

    /// The address of the inline-cache slot of the instruction at `pc` (its low half first:
    /// little-endian).
    fn ic_addr(&self, pc: usize) -> i64 {
        self.inline_caches().as_ptr() as i64 + pc as i64 * 8
    }

    /// Tag and payload of a constant that compiled code can store (strings, kept alive by the
    /// prototype, only in JIT code).
    fn const_bits(&self, v: &Value) -> Option<(u8, i64)> {
        match *v {
            Value::Nil => Some((layout::TAG_NIL, 0)),
            Value::Bool(b) => Some((layout::TAG_BOOL, b as i64)),
            Value::Int(n) => Some((layout::TAG_INT, n)),
            Value::Float(f) => Some((layout::TAG_FLOAT, f.to_bits() as i64)),
            Value::Str(s) if !self.aot => Some((layout::TAG_STR, s.addr() as i64)),
            _ => None,
        }
    }

    /// Stores a value given as tag and payload at `p + off`.
    fn store_bits(&mut self, p: CVal, off: i32, tag: u8, pay: i64) {
        let fl = Self::flags();
        let t = self.fb.ins().iconst(types::I64, tag as i64);
        let v = self.fb.ins().iconst(types::I64, pay);
        self.fb.ins().store(fl, t, p, off + TAG);
        self.fb.ins().store(fl, v, p, off + PAY);
    }

    /// Branches to `slow` unless the value at `p + off` is not nil.
    fn guard_not_nil(&mut self, p: CVal, off: i32, slow: Block) {
        let t = self.fb.ins().load(types::I8, Self::flags(), p, off + TAG);
        let present = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::NotEqual, t, layout::TAG_NIL as i64);
        self.guard_block(present, slow);
    }

    /// `R[A] := t[key]` through the inline cache (present values; else `helper`).
    fn field_ic(
        &mut self,
        pc: usize,
        i: Instruction,
        tv: CVal,
        off: i32,
        key: usize,
        helper: &str,
    ) {
        let fl = Self::flags();
        let a = i.a();
        let val_off = self.layout.entries.4 as i32;
        let slow = self.fb.create_block();
        let miss = self.fb.create_block();
        let absent = self.fb.create_block();
        self.fb.append_block_param(absent, types::I64);
        let e = self.field_entry(pc, tv, off, key, miss);
        let vt = self.fb.ins().load(types::I8, fl, e, val_off + TAG);
        let present = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::NotEqual, vt, layout::TAG_NIL as i64);
        let nil_here = self.fb.create_block();
        self.guard_block(present, nil_here);
        let regs = self.regs();
        self.move_value(e, val_off, regs, slot(a));
        self.wrote(a, Ty::Any);
        self.goto(pc + 1);
        // the field is nil in the table (a nil entry at the remembered position)
        self.fb.switch_to_block(nil_here);
        let t = self.fb.ins().load(types::I64, fl, tv, off + PAY);
        self.fb.ins().jump(absent, &[t.into()]);
        // no entry at the remembered positions: a table whose key filter proves it absent
        self.fb.switch_to_block(miss);
        let bit = self.key_filter_bit(key);
        let t = self.table_at(tv, off, slow);
        let keys = self
            .fb
            .ins()
            .load(types::I64, fl, t, self.layout.method.0 as i32);
        let maybe = self.fb.ins().band_imm_u(keys, bit);
        self.fb.ins().brif(maybe, slow, &[], absent, &[t.into()]);
        // not in the table: nil without a metatable, else a field of its class
        self.fb.switch_to_block(absent);
        let t = self.fb.block_params(absent)[0];
        let mt = self
            .fb
            .ins()
            .load(types::I64, fl, t, self.layout.append.1 as i32);
        let no_mt = self.fb.create_block();
        let with_mt = self.fb.create_block();
        self.fb.ins().brif(mt, with_mt, &[], no_mt, &[]);
        self.fb.switch_to_block(no_mt);
        self.set_tag(a, layout::TAG_NIL);
        self.goto(pc + 1);
        self.fb.switch_to_block(with_mt);
        let class = self.index_table(mt, slow);
        let ic_addr = self.ic_addr(pc);
        let ica = self.fb.ins().iconst(types::I64, ic_addr);
        let cpos = self.fb.ins().load(types::I32, fl, ica, 4);
        let cpos = self.fb.ins().uextend(types::I64, cpos);
        let hit = self.fb.create_block();
        self.fb.append_block_param(hit, types::I64);
        let class_miss = self.fb.create_block();
        self.probe_entry(class, cpos, key, hit, class_miss);
        self.fb.switch_to_block(hit);
        let ce = self.fb.block_params(hit)[0];
        self.guard_not_nil(ce, val_off, class_miss);
        let regs = self.regs();
        self.move_value(ce, val_off, regs, slot(a));
        self.wrote(a, Ty::Any);
        self.goto(pc + 1);
        // not in the class either (its key filter), which has no metatable: nil
        self.fb.switch_to_block(class_miss);
        let ckeys = self
            .fb
            .ins()
            .load(types::I64, fl, class, self.layout.method.0 as i32);
        let cmaybe = self.fb.ins().band_imm_u(ckeys, bit);
        let cmt = self
            .fb
            .ins()
            .load(types::I64, fl, class, self.layout.append.1 as i32);
        let cmt_bits = self.fb.ins().icmp_imm_u(IntCC::NotEqual, cmt, 0);
        let cmaybe = self.fb.ins().icmp_imm_u(IntCC::NotEqual, cmaybe, 0);
        let either = self.fb.ins().bor(cmaybe, cmt_bits);
        self.guard_block_not(either, slow);
        self.set_tag(a, layout::TAG_NIL);
        self.goto(pc + 1);
        self.fb.switch_to_block(slow);
        self.helper_goto(helper, i, pc, pc + 1);
    }

    /// The `__index` table of metatable `mt` (non-null), found at the position the metatable
    /// remembers (`Table::index_pos`, kept by `State::tm_of`); anything else jumps to `slow`.
    fn index_table(&mut self, mt: CVal, slow: Block) -> CVal {
        let fl = Self::flags();
        let val_off = self.layout.entries.4 as i32;
        let names = self
            .fb
            .ins()
            .load(types::I64, fl, self.st, self.layout.call.tm_names_ptr);
        let index_name = self.fb.ins().load(
            types::I64,
            fl,
            names,
            lunar_runtime::state::Tm::Index as i32 * 8,
        );
        let pos = self
            .fb
            .ins()
            .load(types::I32, fl, mt, self.layout.method.1 as i32);
        let pos = self.fb.ins().uextend(types::I64, pos);
        let found = self.fb.create_block();
        self.fb.append_block_param(found, types::I64);
        self.probe_entry_of(mt, pos, index_name, found, slow);
        self.fb.switch_to_block(found);
        let e = self.fb.block_params(found)[0];
        let vt = self.fb.ins().load(types::I8, fl, e, val_off + TAG);
        let is_class = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::Equal, vt, layout::TAG_TABLE as i64);
        self.guard_block(is_class, slow);
        self.fb.ins().load(types::I64, fl, e, val_off + PAY)
    }

    /// SELF `R[A+1] := R[B]; R[A] := R[B][key]` for a method of the object's class: the
    /// object is a table whose string-key filter proves `key` absent (`Table::str_keys`), its
    /// metatable's `__index` (at the position the metatable remembers) is a table, and the
    /// method is present in it at the position this site remembers (kept by the helper, which
    /// does everything else).
    fn method_ic(&mut self, pc: usize, i: Instruction, key: usize) {
        let fl = Self::flags();
        let (a, b) = (i.a(), i.b());
        let slow = self.fb.create_block();
        let ic_addr = self.ic_addr(pc);
        let (str_keys_off, _) = self.layout.method;
        let (_, meta_off) = self.layout.append;
        let val_off = self.layout.entries.4 as i32;
        let bit = self.key_filter_bit(key);
        let regs = self.regs();
        let obj = self.table_at(regs, slot(b), slow);
        let keys = self.fb.ins().load(types::I64, fl, obj, str_keys_off as i32);
        let maybe = self.fb.ins().band_imm_u(keys, bit);
        self.guard_block_not(maybe, slow);
        let mt = self.fb.ins().load(types::I64, fl, obj, meta_off as i32);
        let has_mt = self.fb.ins().icmp_imm_u(IntCC::NotEqual, mt, 0);
        self.guard_block(has_mt, slow);
        let class = self.index_table(mt, slow);
        // the method, where this site last found it in the class
        let ica = self.fb.ins().iconst(types::I64, ic_addr);
        let cpos = self.fb.ins().load(types::I32, fl, ica, 0);
        let cpos = self.fb.ins().uextend(types::I64, cpos);
        let hit = self.fb.create_block();
        self.fb.append_block_param(hit, types::I64);
        self.probe_entry(class, cpos, key, hit, slow);
        self.fb.switch_to_block(hit);
        let m = self.fb.block_params(hit)[0];
        self.guard_not_nil(m, val_off, slow);
        let regs = self.regs();
        if b != a + 1 {
            self.move_value(regs, slot(b), regs, slot(a + 1));
        }
        self.move_value(m, val_off, regs, slot(a));
        self.wrote(a, Ty::Any);
        self.wrote(a + 1, Ty::Any);
        self.goto(pc + 1);
        self.fb.switch_to_block(slow);
        self.helper_goto("lunar_self", i, pc, pc + 1);
    }

    /// SETFIELD `R[A][key] := RK(C)` through the inline cache when the field exists (not nil)
    /// and the new value is not nil (no entry appears or dies, so nothing else in the table
    /// changes); else the helper.
    fn setfield_ic(&mut self, pc: usize, i: Instruction, key: usize) {
        let val_off = self.layout.entries.4 as i32;
        let slow = self.fb.create_block();
        let regs = self.regs();
        let e = self.field_entry(pc, regs, slot(i.a()), key, slow);
        self.guard_not_nil(e, val_off, slow);
        if i.k() {
            match self.const_bits(&self.proto.k[i.c() as usize]) {
                Some((tag, pay)) if tag != layout::TAG_NIL => {
                    self.store_bits(e, val_off, tag, pay);
                    self.goto(pc + 1);
                }
                _ => {
                    self.fb.ins().jump(slow, &[]);
                }
            }
        } else {
            let regs = self.regs();
            self.guard_not_nil(regs, slot(i.c()), slow);
            self.move_value(regs, slot(i.c()), e, val_off);
            self.goto(pc + 1);
        }
        self.fb.switch_to_block(slow);
        self.helper_goto("lunar_setfield", i, pc, pc + 1);
    }

    /// Translates a slow path (a block of its own, ending in a branch) that may call helpers,
    /// keeping what is known for the fast path translated after it.
    fn slow_path(&mut self, f: impl FnOnce(&mut Self)) {
        let known = self.known_valid;
        f(self);
        self.known_valid = known;
    }

    /// Continues in a fresh block when `ok`, else jumps to `otherwise`.
    fn guard_block(&mut self, ok: CVal, otherwise: Block) {
        let fast = self.fb.create_block();
        self.fb.ins().brif(ok, fast, &[], otherwise, &[]);
        self.fb.switch_to_block(fast);
    }

    /// Translates every instruction.
    pub(crate) fn translate(mut self) -> FunctionBuilder<'b> {
        let code = self.proto.code.clone();
        for (pc, &i) in code.iter().enumerate() {
            let b = self.block(pc);
            self.fb.switch_to_block(b);
            self.cur = self.states[pc]
                .clone()
                .unwrap_or_else(|| vec![Ty::Any; self.proto.max_stack as usize]);
            self.known_valid = true;
            self.wrote.iter_mut().for_each(|w| *w = None);
            self.instruction(pc, i);
        }
        let mut exits: Vec<(usize, Block)> = self.exits.iter().map(|(p, b)| (*p, *b)).collect();
        exits.sort();
        for (pc, b) in exits {
            self.fb.switch_to_block(b);
            let st = self
                .fb
                .ins()
                .iconst(types::I64, (STATUS_EXIT | pc as u64) as i64);
            self.fb.ins().return_(&[st]);
        }
        self.fb.seal_all_blocks();
        self.fb
    }

    fn arith_int_float(
        &mut self,
        pc: usize,
        a: u32,
        x: Operand,
        y: Operand,
        iop: fn(&mut FunctionBuilder<'b>, CVal, CVal) -> CVal,
        fop: fn(&mut FunctionBuilder<'b>, CVal, CVal) -> CVal,
    ) {
        // both integers -> integer op; both numbers -> float op; else the fallback
        let (tx, ty) = (self.operand_ty(x), self.operand_ty(y));
        if tx == Ty::Int && ty == Ty::Int {
            let p = self.operand_int(x);
            let q = self.operand_int(y);
            let r = iop(&mut self.fb, p, q);
            self.set_int(a, r);
            self.goto(pc + 2);
            return;
        }
        if self.float_spec(pc) {
            let p = self.guarded_float(x, pc);
            let q = self.guarded_float(y, pc);
            let r = fop(&mut self.fb, p, q);
            self.set_float(a, r);
            self.goto(pc + 2);
            return;
        }
        if tx.is_num() && ty.is_num() && (tx == Ty::Flt || ty == Ty::Flt) {
            let p = self.operand_float(x);
            let q = self.operand_float(y);
            let r = fop(&mut self.fb, p, q);
            self.set_float(a, r);
            self.goto(pc + 2);
            return;
        }
        let xi = self.operand_is(x, layout::TAG_INT);
        let yi = self.operand_is(y, layout::TAG_INT);
        let both_int = self.fb.ins().band(xi, yi);
        let int_block = self.fb.create_block();
        let float_check = self.fb.create_block();
        self.fb
            .ins()
            .brif(both_int, int_block, &[], float_check, &[]);
        self.fb.switch_to_block(int_block);
        let p = self.operand_int(x);
        let q = self.operand_int(y);
        let r = iop(&mut self.fb, p, q);
        self.set_int(a, r);
        self.goto(pc + 2);
        self.fb.switch_to_block(float_check);
        let xn = self.operand_is_number(x);
        let yn = self.operand_is_number(y);
        let both_num = self.fb.ins().band(xn, yn);
        self.guard_arith(both_num, pc);
        let p = self.operand_float(x);
        let q = self.operand_float(y);
        let r = fop(&mut self.fb, p, q);
        self.set_float(a, r);
        self.goto(pc + 2);
    }

    /// Whether the arithmetic at `pc` speculates that operands of unknown type are floats
    /// ([`infer::float_speculated`]).
    fn float_spec(&self, pc: usize) -> bool {
        self.spec && infer::float_speculated(self.proto, pc, self.proto.code[pc])
    }

    /// Operand as a float; an operand not known to be an integer or a float is guarded to be a
    /// float (else: leave for the interpreter at `pc`).
    fn guarded_float(&mut self, o: Operand, pc: usize) -> CVal {
        match o {
            Operand::Reg(r) if matches!(self.known(r), Ty::Any | Ty::Num) => {
                let ok = self.is_tag(r, layout::TAG_FLOAT);
                let leave = self.exit(pc);
                let fast = self.fb.create_block();
                self.fb.ins().brif(ok, fast, &[], leave, &[]);
                self.fb.switch_to_block(fast);
                self.fval(r)
            }
            _ => self.operand_float(o),
        }
    }

    fn operand_is(&mut self, o: Operand, tag: u8) -> CVal {
        match o {
            Operand::Reg(r) => self.is_tag(r, tag),
            Operand::Int(_) => self
                .fb
                .ins()
                .iconst(types::I8, (tag == layout::TAG_INT) as i64),
            Operand::Float(_) => self
                .fb
                .ins()
                .iconst(types::I8, (tag == layout::TAG_FLOAT) as i64),
        }
    }
    fn operand_is_number(&mut self, o: Operand) -> CVal {
        match o {
            Operand::Reg(r) if self.known(r).is_num() => self.fb.ins().iconst(types::I8, 1),
            Operand::Reg(r) => {
                let t = self.tag(r);
                let i = self
                    .fb
                    .ins()
                    .icmp_imm_u(IntCC::Equal, t, layout::TAG_INT as i64);
                let f = self
                    .fb
                    .ins()
                    .icmp_imm_u(IntCC::Equal, t, layout::TAG_FLOAT as i64);
                self.fb.ins().bor(i, f)
            }
            _ => self.fb.ins().iconst(types::I8, 1),
        }
    }
    fn operand_int(&mut self, o: Operand) -> CVal {
        match o {
            Operand::Reg(r) => self.ival(r),
            Operand::Int(i) => self.fb.ins().iconst(types::I64, i),
            Operand::Float(_) => self.fb.ins().iconst(types::I64, 0),
        }
    }
    /// Operand as a float (integer registers are converted; the tag was checked).
    fn operand_float(&mut self, o: Operand) -> CVal {
        match o {
            Operand::Reg(r) if self.known(r) == Ty::Flt => self.fval(r),
            Operand::Reg(r) if self.known(r) == Ty::Int => {
                let iv = self.ival(r);
                self.fb.ins().fcvt_from_sint(types::F64, iv)
            }
            Operand::Reg(r) => {
                let is_int = self.is_tag(r, layout::TAG_INT);
                let iv = self.ival(r);
                let conv = self.fb.ins().fcvt_from_sint(types::F64, iv);
                let fv = self.fval(r);
                self.fb.ins().select(is_int, conv, fv)
            }
            Operand::Int(i) => self.fb.ins().f64const(i as f64),
            Operand::Float(f) => self.fb.ins().f64const(f),
        }
    }

    fn const_operand(&self, k: u32) -> Option<Operand> {
        match self.proto.k.get(k as usize) {
            Some(Value::Int(i)) => Some(Operand::Int(*i)),
            Some(Value::Float(f)) => Some(Operand::Float(*f)),
            _ => None,
        }
    }

    fn instruction(&mut self, pc: usize, i: Instruction) {
        let a = i.a();
        match i.opcode_raw() {
            op::Move => {
                self.copy(a, i.b());
                self.goto(pc + 1);
            }
            op::LoadI => {
                let c = self.fb.ins().iconst(types::I64, i.sbx() as i64);
                self.set_int(a, c);
                self.goto(pc + 1);
            }
            op::LoadF => {
                let c = self.fb.ins().f64const(i.sbx() as f64);
                self.set_float(a, c);
                self.goto(pc + 1);
            }
            op::LoadK | op::LoadKX => {
                let (idx, next) = if i.opcode_raw() == op::LoadK {
                    (i.bx() as usize, pc + 1)
                } else {
                    let extra = self.proto.code.get(pc + 1).copied().unwrap_or_default();
                    (extra.ax() as usize, pc + 2)
                };
                let v = self.proto.k[idx];
                if self.set_const(a, &v) {
                    self.goto(next);
                } else {
                    self.helper_goto("lunar_loadk", i, pc, next);
                }
            }
            op::LoadFalse | op::LoadTrue => {
                let c = self
                    .fb
                    .ins()
                    .iconst(types::I8, (i.opcode_raw() == op::LoadTrue) as i64);
                self.set_bool(a, c);
                self.goto(pc + 1);
            }
            op::LFalseSkip => {
                let c = self.fb.ins().iconst(types::I8, 0);
                self.set_bool(a, c);
                self.goto(pc + 2);
            }
            op::LoadNil => {
                for r in a..=a + i.b() {
                    self.set_tag(r, layout::TAG_NIL);
                }
                self.goto(pc + 1);
            }
            op::AddI => {
                let imm = i.sc() as i64;
                self.arith_int_float(
                    pc,
                    a,
                    Operand::Reg(i.b()),
                    Operand::Int(imm),
                    |fb, x, y| fb.ins().iadd(x, y),
                    |fb, x, y| fb.ins().fadd(x, y),
                );
            }
            op::AddK | op::SubK | op::MulK => match self.const_operand(i.c()) {
                Some(k) => {
                    let (iop, fop) = add_sub_mul(i.opcode_raw());
                    self.arith_int_float(pc, a, Operand::Reg(i.b()), k, iop, fop);
                }
                None => self.arith_helper(i, pc),
            },
            op::Add | op::Sub | op::Mul => {
                let (iop, fop) = add_sub_mul(i.opcode_raw());
                self.arith_int_float(pc, a, Operand::Reg(i.b()), Operand::Reg(i.c()), iop, fop);
            }
            op::ModK => match self.const_operand(i.c()) {
                Some(Operand::Int(k)) if k > 0 => {
                    let ok = self.is_tag(i.b(), layout::TAG_INT);
                    let fast = self.fb.create_block();
                    let slow = self.fb.create_block();
                    self.fb.ins().brif(ok, fast, &[], slow, &[]);
                    self.fb.switch_to_block(slow);
                    self.slow_path(|t| t.arith_helper(i, pc));
                    self.fb.switch_to_block(fast);
                    let x = self.ival(i.b());
                    let m = self.fb.ins().srem_imm_s(x, k);
                    let neg = self.fb.ins().icmp_imm_s(IntCC::SignedLessThan, m, 0);
                    let adj = self.fb.ins().iadd_imm_s(m, k);
                    let r = self.fb.ins().select(neg, adj, m);
                    self.set_int(a, r);
                    self.goto(pc + 2);
                }
                _ => self.arith_helper(i, pc),
            },
            op::Div | op::DivK => {
                let y = if i.opcode_raw() == op::Div {
                    Some(Operand::Reg(i.c()))
                } else {
                    self.const_operand(i.c())
                };
                match y {
                    Some(y) if self.float_spec(pc) => {
                        let p = self.guarded_float(Operand::Reg(i.b()), pc);
                        let q = self.guarded_float(y, pc);
                        let r = self.fb.ins().fdiv(p, q);
                        self.set_float(a, r);
                        self.goto(pc + 2);
                    }
                    Some(y) => {
                        let x = Operand::Reg(i.b());
                        let xn = self.operand_is_number(x);
                        let yn = self.operand_is_number(y);
                        let ok = self.fb.ins().band(xn, yn);
                        self.guard_arith(ok, pc);
                        let p = self.operand_float(x);
                        let q = self.operand_float(y);
                        let r = self.fb.ins().fdiv(p, q);
                        self.set_float(a, r);
                        self.goto(pc + 2);
                    }
                    None => self.arith_helper(i, pc),
                }
            }
            op::Unm => {
                let b = i.b();
                let isi = self.is_tag(b, layout::TAG_INT);
                let ib = self.fb.create_block();
                let fcheck = self.fb.create_block();
                self.fb.ins().brif(isi, ib, &[], fcheck, &[]);
                self.fb.switch_to_block(ib);
                let x = self.ival(b);
                let r = self.fb.ins().ineg(x);
                self.set_int(a, r);
                self.goto(pc + 1);
                self.fb.switch_to_block(fcheck);
                let isf = self.is_tag(b, layout::TAG_FLOAT);
                let fast = self.fb.create_block();
                let slow = self.fb.create_block();
                self.fb.ins().brif(isf, fast, &[], slow, &[]);
                self.fb.switch_to_block(slow);
                if self.spec && infer::speculated(self.proto, pc, i) {
                    self.exit_now(pc);
                } else {
                    self.slow_path(|t| t.helper_goto("lunar_unary", i, pc, pc + 1));
                }
                self.fb.switch_to_block(fast);
                let x = self.fval(b);
                let r = self.fb.ins().fneg(x);
                self.set_float(a, r);
                self.goto(pc + 1);
            }
            op::Not => {
                let t = self.truthy(i.b());
                let r = self.fb.ins().bxor_imm_u(t, 1);
                self.set_bool(a, r);
                self.goto(pc + 1);
            }
            op::Jmp => {
                let target = (pc as i64 + 1 + i.sj() as i64) as usize;
                self.goto(target);
            }
            op::Lt | op::Le | op::Eq => {
                // integers, or floats, only
                let (x, y) = (a, i.b());
                let xi = self.is_tag(x, layout::TAG_INT);
                let yi = self.is_tag(y, layout::TAG_INT);
                let both_int = self.fb.ins().band(xi, yi);
                let ib = self.fb.create_block();
                let fcheck = self.fb.create_block();
                self.fb.ins().brif(both_int, ib, &[], fcheck, &[]);
                self.fb.switch_to_block(ib);
                let p = self.ival(x);
                let q = self.ival(y);
                let cc = match i.opcode_raw() {
                    op::Lt => IntCC::SignedLessThan,
                    op::Le => IntCC::SignedLessThanOrEqual,
                    _ => IntCC::Equal,
                };
                let c = self.fb.ins().icmp(cc, p, q);
                self.cond_jump(pc, c, i.k());
                self.fb.switch_to_block(fcheck);
                let xf = self.is_tag(x, layout::TAG_FLOAT);
                let yf = self.is_tag(y, layout::TAG_FLOAT);
                let both_f = self.fb.ins().band(xf, yf);
                let fast = self.fb.create_block();
                let slow = self.fb.create_block();
                self.fb.ins().brif(both_f, fast, &[], slow, &[]);
                self.fb.switch_to_block(slow);
                self.slow_path(|t| t.helper_test("lunar_compare", i, pc));
                self.fb.switch_to_block(fast);
                let p = self.fval(x);
                let q = self.fval(y);
                let cc = match i.opcode_raw() {
                    op::Lt => FloatCC::LessThan,
                    op::Le => FloatCC::LessThanOrEqual,
                    _ => FloatCC::Equal,
                };
                let c = self.fb.ins().fcmp(cc, p, q);
                self.cond_jump(pc, c, i.k());
            }
            op::EqI | op::LtI | op::LeI | op::GtI | op::GeI => {
                let imm = i.sb() as i64;
                let isi = self.is_tag(a, layout::TAG_INT);
                let ib = self.fb.create_block();
                let fcheck = self.fb.create_block();
                self.fb.ins().brif(isi, ib, &[], fcheck, &[]);
                self.fb.switch_to_block(ib);
                let x = self.ival(a);
                let (icc, fcc) = match i.opcode_raw() {
                    op::EqI => (IntCC::Equal, FloatCC::Equal),
                    op::LtI => (IntCC::SignedLessThan, FloatCC::LessThan),
                    op::LeI => (IntCC::SignedLessThanOrEqual, FloatCC::LessThanOrEqual),
                    op::GtI => (IntCC::SignedGreaterThan, FloatCC::GreaterThan),
                    _ => (IntCC::SignedGreaterThanOrEqual, FloatCC::GreaterThanOrEqual),
                };
                let c = self.fb.ins().icmp_imm_s(icc, x, imm);
                self.cond_jump(pc, c, i.k());
                self.fb.switch_to_block(fcheck);
                let isf = self.is_tag(a, layout::TAG_FLOAT);
                if i.opcode_raw() == op::EqI {
                    // any non-number compares unequal
                    let fb2 = self.fb.create_block();
                    let other = self.fb.create_block();
                    self.fb.ins().brif(isf, fb2, &[], other, &[]);
                    self.fb.switch_to_block(other);
                    let f = self.fb.ins().iconst(types::I8, 0);
                    self.cond_jump(pc, f, i.k());
                    self.fb.switch_to_block(fb2);
                } else {
                    let fast = self.fb.create_block();
                    let slow = self.fb.create_block();
                    self.fb.ins().brif(isf, fast, &[], slow, &[]);
                    self.fb.switch_to_block(slow);
                    self.slow_path(|t| t.helper_test("lunar_order_i", i, pc));
                    self.fb.switch_to_block(fast);
                }
                let x = self.fval(a);
                let y = self.fb.ins().f64const(imm as f64);
                let c = self.fb.ins().fcmp(fcc, x, y);
                self.cond_jump(pc, c, i.k());
            }
            op::Test => {
                let c = self.truthy(a);
                self.cond_jump(pc, c, i.k());
            }
            op::TestSet => {
                let c = self.truthy(i.b());
                let take = if i.k() {
                    c
                } else {
                    self.fb.ins().bxor_imm_u(c, 1)
                };
                let assign = self.fb.create_block();
                let skip = pc + 2;
                let sb = self.target(skip);
                self.fb.ins().brif(take, assign, &[], sb, &[]);
                self.fb.switch_to_block(assign);
                self.copy(a, i.b());
                let jmp = self.proto.code.get(pc + 1).copied().unwrap_or_default();
                let target = (pc as i64 + 2 + jmp.sj() as i64) as usize;
                self.goto(target);
            }
            op::ForLoop => {
                let target = pc + 1 - i.bx() as usize;
                let step_int = self.is_tag(a + 2, layout::TAG_INT);
                let ib = self.fb.create_block();
                let fcheck = self.fb.create_block();
                self.fb.ins().brif(step_int, ib, &[], fcheck, &[]);
                // integer loop: counter in R[A+1]
                self.fb.switch_to_block(ib);
                let count = self.ival(a + 1);
                let more = self.fb.ins().icmp_imm_u(IntCC::NotEqual, count, 0);
                let body = self.fb.create_block();
                let done = self.target(pc + 1);
                self.fb.ins().brif(more, body, &[], done, &[]);
                self.fb.switch_to_block(body);
                let c1 = self.fb.ins().iadd_imm_s(count, -1);
                self.put(a + 1, c1, Ty::Int);
                let idx = self.ival(a);
                let step = self.ival(a + 2);
                let nidx = self.fb.ins().iadd(idx, step);
                self.put(a, nidx, Ty::Int);
                self.set_int(a + 3, nidx);
                self.goto(target);
                // float loop
                self.fb.switch_to_block(fcheck);
                let sf = self.is_tag(a + 2, layout::TAG_FLOAT);
                self.guard_to(sf, pc + 1);
                let idx = self.fval(a);
                let limit = self.fval(a + 1);
                let step = self.fval(a + 2);
                let nidx = self.fb.ins().fadd(idx, step);
                let zero = self.fb.ins().f64const(0.0);
                let pos = self.fb.ins().fcmp(FloatCC::LessThan, zero, step);
                let le1 = self.fb.ins().fcmp(FloatCC::LessThanOrEqual, nidx, limit);
                let le2 = self.fb.ins().fcmp(FloatCC::LessThanOrEqual, limit, nidx);
                let cont = self.fb.ins().select(pos, le1, le2);
                let fbody = self.fb.create_block();
                let done = self.target(pc + 1);
                self.fb.ins().brif(cont, fbody, &[], done, &[]);
                self.fb.switch_to_block(fbody);
                self.put(a, nidx, Ty::Flt);
                self.set_float(a + 3, nidx);
                self.goto(target);
            }
            op::GetTabUp => {
                if let Some(key) = self.field_key(i.c()) {
                    let vp = self.upvalue_ptr(i.b());
                    self.field_ic(pc, i, vp, 0, key, "lunar_gettabup");
                } else {
                    self.helper_goto("lunar_gettabup", i, pc, pc + 1)
                }
            }
            op::GetTable => self.array_access(i, pc, false, "lunar_gettable"),
            op::GetI => self.array_access(i, pc, false, "lunar_geti"),
            op::GetField => {
                if let Some(key) = self.field_key(i.c()) {
                    let regs = self.regs();
                    self.field_ic(pc, i, regs, slot(i.b()), key, "lunar_getfield");
                } else {
                    self.helper_goto("lunar_getfield", i, pc, pc + 1)
                }
            }
            op::OpSelf => match self.field_key(i.c()).filter(|_| i.k()) {
                Some(key) => self.method_ic(pc, i, key),
                None => {
                    // the helper keeps a method cache in the inline-cache slot of this
                    // instruction
                    self.inline_caches();
                    self.helper_goto("lunar_self", i, pc, pc + 1)
                }
            },
            op::SetTabUp => self.helper_goto("lunar_settabup", i, pc, pc + 1),
            op::SetTable if !i.k() || self.const_bits(&self.proto.k[i.c() as usize]).is_some() => {
                self.array_access(i, pc, true, "lunar_settable")
            }
            op::SetTable => self.helper_goto("lunar_settable", i, pc, pc + 1),
            op::SetI if !i.k() || self.const_bits(&self.proto.k[i.c() as usize]).is_some() => {
                self.array_access(i, pc, true, "lunar_seti")
            }
            op::SetI => self.helper_goto("lunar_seti", i, pc, pc + 1),
            op::SetField => match self.field_key(i.b()) {
                Some(key) => self.setfield_ic(pc, i, key),
                None => self.helper_goto("lunar_setfield", i, pc, pc + 1),
            },
            op::NewTable => self.helper_goto("lunar_newtable", i, pc, pc + 2),
            op::Mod | op::Pow | op::IDiv | op::PowK | op::IDivK => self.arith_helper(i, pc),
            op::BAnd | op::BOr | op::BXor | op::Shl | op::Shr => self.arith_helper(i, pc),
            op::BAndK | op::BOrK | op::BXorK | op::ShrI | op::ShlI => self.arith_helper(i, pc),
            op::MmBin | op::MmBinI | op::MmBinK => self.helper_goto("lunar_mmbin", i, pc, pc + 1),
            op::BNot | op::Len => self.helper_goto("lunar_unary", i, pc, pc + 1),
            op::Concat => self.helper_goto("lunar_concat", i, pc, pc + 1),
            op::Close => self.helper_goto("lunar_close", i, pc, pc + 1),
            op::Tbc => self.helper_goto("lunar_tbc", i, pc, pc + 1),
            op::EqK => self.eqk(pc, i),
            op::ForPrep => {
                let r = self.helper("lunar_forprep", i, pc);
                let skip = self.target(pc + i.bx() as usize + 2);
                let next = self.target(pc + 1);
                self.fb.ins().brif(r, skip, &[], next, &[]);
            }
            op::TForPrep => self.helper_goto("lunar_tforprep", i, pc, pc + 1 + i.bx() as usize),
            op::TForCall => self.helper_goto("lunar_tforcall", i, pc, pc + 1),
            op::TForLoop => {
                let target = pc + 1 - i.bx() as usize;
                let t = self.tag(a + 4);
                let some = self
                    .fb
                    .ins()
                    .icmp_imm_u(IntCC::NotEqual, t, layout::TAG_NIL as i64);
                let body = self.fb.create_block();
                let done = self.target(pc + 1);
                self.fb.ins().brif(some, body, &[], done, &[]);
                self.fb.switch_to_block(body);
                self.copy(a + 2, a + 4);
                self.goto(target);
            }
            op::SetList => {
                let next = if i.k() { pc + 2 } else { pc + 1 };
                self.helper_goto("lunar_setlist", i, pc, next)
            }
            op::Closure => self.helper_goto("lunar_closure", i, pc, pc + 1),
            op::VarArg => self.helper_goto("lunar_vararg", i, pc, pc + 1),
            op::VarArgPrep => {
                let off = self.helper("lunar_varargprep", i, pc);
                self.fb.def_var(self.base_off, off);
                self.reload_regs();
                self.goto(pc + 1);
            }
            op::Call => match self.inline_plan(pc, i) {
                Some(plan) => self.inline_call(pc, i, plan),
                None => self.call(pc, i),
            },
            op::TailCall => self.helper_tail("lunar_tailcall", i, pc),
            op::Return => self.helper_tail("lunar_return", i, pc),
            op::Return0 | op::Return1 => {
                // results go to the function slot (register -1); the receiver pops the frame
                let n = (i.opcode_raw() == op::Return1) as u64;
                if n == 1 {
                    self.copy_to_func_slot(a);
                }
                let st = self
                    .fb
                    .ins()
                    .iconst(types::I64, (STATUS_RETURN_N | n) as i64);
                self.fb.ins().return_(&[st]);
            }
            op::GetUpval => {
                let vp = self.upvalue_ptr(i.b());
                let regs = self.regs();
                self.move_value(vp, 0, regs, slot(a));
                self.wrote(a, Ty::Any);
                self.goto(pc + 1);
            }
            op::SetUpval => {
                let vp = self.upvalue_ptr(i.b());
                let regs = self.regs();
                self.move_value(regs, slot(a), vp, 0);
                self.goto(pc + 1);
            }
            _ => self.exit_now(pc),
        }
    }

    /// Copies register `a` to the frame's function slot (register -1).
    fn copy_to_func_slot(&mut self, a: u32) {
        let regs = self.regs();
        self.move_value(regs, slot(a), regs, -(layout::VALUE_SIZE as i32));
    }

    /// Address of the value of upvalue `idx` of the running closure (the function slot,
    /// register -1, holds the closure).
    fn upvalue_ptr(&mut self, idx: u32) -> CVal {
        let (upvals_off, v_off) = self.layout.upvals;
        let regs = self.regs();
        let v = layout::VALUE_SIZE as i32;
        let cl = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), regs, -v + PAY);
        let arr = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), cl, upvals_off as i32);
        let uv = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), arr, (idx * 8) as i32);
        self.fb
            .ins()
            .load(types::I64, Self::flags(), uv, v_off as i32)
    }

    /// GETTABLE / GETI (`set` false: `R[A] := R[B][key]`) and SETTABLE / SETI with a register
    /// value (`set` true: `R[A][key] := R[C]`) on an integer key inside the array part, inline;
    /// anything else (other keys, absent values that may involve metamethods, non-tables) goes
    /// to the helper `slow`.
    fn array_access(&mut self, i: Instruction, pc: usize, set: bool, slow: &str) {
        let (tab, key_reg, key_imm) = match (i.opcode_raw(), set) {
            (op::GetTable, false) => (i.b(), Some(i.c()), 0),
            (op::GetI, false) => (i.b(), None, i.c() as i64),
            (op::SetTable, true) => (i.a(), Some(i.b()), 0),
            _ => (i.a(), None, i.b() as i64),
        };
        let slow_b = self.fb.create_block();
        let ok = self.is_tag(tab, layout::TAG_TABLE);
        let b1 = self.fb.create_block();
        self.fb.ins().brif(ok, b1, &[], slow_b, &[]);
        self.fb.switch_to_block(b1);
        let key = match key_reg {
            Some(r) => {
                let ok = self.is_tag(r, layout::TAG_INT);
                let b2 = self.fb.create_block();
                self.fb.ins().brif(ok, b2, &[], slow_b, &[]);
                self.fb.switch_to_block(b2);
                self.ival(r)
            }
            None => self.fb.ins().iconst(types::I64, key_imm),
        };
        let (data_off, len_off) = self.layout.array;
        let t = self.ival(tab);
        let len = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), t, len_off as i32);
        let idx = self.fb.ins().iadd_imm_s(key, -1);
        let inside = self.fb.ins().icmp(IntCC::UnsignedLessThan, idx, len);
        let b3 = self.fb.create_block();
        let outside = if set { self.fb.create_block() } else { slow_b };
        self.fb.ins().brif(inside, b3, &[], outside, &[]);
        if set {
            self.fb.switch_to_block(outside);
            self.array_append(i, pc, t, idx, len, slow_b);
        }
        self.fb.switch_to_block(b3);
        let data = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), t, data_off as i32);
        let off = self.fb.ins().imul_imm_s(idx, layout::VALUE_SIZE as i64);
        let addr = self.fb.ins().iadd(data, off);
        // present (non-nil) values need no metamethod, for reads and writes alike
        let vt = self.fb.ins().load(types::I8, Self::flags(), addr, TAG);
        let present = self
            .fb
            .ins()
            .icmp_imm_u(IntCC::NotEqual, vt, layout::TAG_NIL as i64);
        let b4 = self.fb.create_block();
        self.fb.ins().brif(present, b4, &[], slow_b, &[]);
        self.fb.switch_to_block(b4);
        let regs = self.regs();
        if set && i.k() {
            let (tag, pay) = self
                .const_bits(&self.proto.k[i.c() as usize])
                .expect("storable constant");
            self.store_bits(addr, 0, tag, pay);
        } else if set {
            self.move_value(regs, slot(i.c()), addr, 0);
        } else {
            self.move_value(addr, 0, regs, slot(i.a()));
            self.wrote(i.a(), Ty::Any);
        }
        self.goto(pc + 1);
        self.fb.switch_to_block(slow_b);
        self.helper_goto(slow, i, pc, pc + 1);
    }

    /// `t[len + 1] = v` (`idx` = `len`) on a table `t` with room in its array part, no hash
    /// part and no metatable, for a non-nil `v`: pushed onto the array inline (what
    /// `Table::set_int` does then); anything else jumps to `slow`.
    fn array_append(
        &mut self,
        i: Instruction,
        pc: usize,
        t: CVal,
        idx: CVal,
        len: CVal,
        slow: Block,
    ) {
        let fl = Self::flags();
        let (cap_off, meta_off) = self.layout.append;
        let (_, entries_len_off, _, _, _) = self.layout.entries;
        let (data_off, len_off) = self.layout.array;
        let at_end = self.fb.ins().icmp(IntCC::Equal, idx, len);
        self.guard_block(at_end, slow);
        let cap = self.fb.ins().load(types::I64, fl, t, cap_off as i32);
        let room = self.fb.ins().icmp(IntCC::UnsignedLessThan, len, cap);
        self.guard_block(room, slow);
        let n = self
            .fb
            .ins()
            .load(types::I64, fl, t, entries_len_off as i32);
        let meta = self.fb.ins().load(types::I64, fl, t, meta_off as i32);
        let both = self.fb.ins().bor(n, meta);
        let plain = self.fb.ins().icmp_imm_u(IntCC::Equal, both, 0);
        self.guard_block(plain, slow);
        let data = self.fb.ins().load(types::I64, fl, t, data_off as i32);
        let off = self.fb.ins().imul_imm_s(idx, layout::VALUE_SIZE as i64);
        let addr = self.fb.ins().iadd(data, off);
        if i.k() {
            let (tag, pay) = self
                .const_bits(&self.proto.k[i.c() as usize])
                .expect("storable constant");
            if tag == layout::TAG_NIL {
                self.fb.ins().jump(slow, &[]);
                return;
            }
            self.store_bits(addr, 0, tag, pay);
        } else {
            let vt = self.tag(i.c());
            let non_nil = self
                .fb
                .ins()
                .icmp_imm_u(IntCC::NotEqual, vt, layout::TAG_NIL as i64);
            self.guard_block(non_nil, slow);
            let regs = self.regs();
            self.move_value(regs, slot(i.c()), addr, 0);
        }
        let len1 = self.fb.ins().iadd_imm_s(len, 1);
        self.fb.ins().store(fl, len1, t, len_off as i32);
        self.goto(pc + 1);
    }

    /// EQK `R[A] == K[B]` (raw equality, no metamethods): inline against nil, booleans,
    /// strings (interned: the same object) and integers; floats (and integer constants compared
    /// with a float) through the helper.
    fn eqk(&mut self, pc: usize, i: Instruction) {
        let a = i.a();
        let k = self.proto.k[i.b() as usize];
        let (tag, pay) = match (k, self.const_bits(&k)) {
            (Value::Float(_), _) | (_, None) => return self.helper_test("lunar_eqk", i, pc),
            (_, Some(bits)) => bits,
        };
        let t = self.tag(a);
        let same_tag = self.fb.ins().icmp_imm_u(IntCC::Equal, t, tag as i64);
        let c = match tag {
            layout::TAG_NIL => same_tag,
            layout::TAG_BOOL => {
                let regs = self.regs();
                let b = self
                    .fb
                    .ins()
                    .load(types::I8, Self::flags(), regs, slot(a) + PAY);
                let eq = self.fb.ins().icmp_imm_u(IntCC::Equal, b, pay);
                self.fb.ins().band(same_tag, eq)
            }
            layout::TAG_INT => {
                // an integer register compares by value; a float one in the helper
                let is_f = self.is_tag(a, layout::TAG_FLOAT);
                let float = self.fb.create_block();
                let other = self.fb.create_block();
                self.fb.ins().brif(is_f, float, &[], other, &[]);
                self.fb.switch_to_block(float);
                self.slow_path(|t| t.helper_test("lunar_eqk", i, pc));
                self.fb.switch_to_block(other);
                let v = self.load_payload(a, Ty::Int);
                let eq = self.fb.ins().icmp_imm_u(IntCC::Equal, v, pay);
                self.fb.ins().band(same_tag, eq)
            }
            _ => {
                let v = self.load_payload(a, Ty::Int);
                let eq = self.fb.ins().icmp_imm_u(IntCC::Equal, v, pay);
                self.fb.ins().band(same_tag, eq)
            }
        };
        self.cond_jump(pc, c, i.k());
    }

    /// Arithmetic / bitwise instruction through the helper: skips the MMBIN after it when done.
    fn arith_helper(&mut self, i: Instruction, pc: usize) {
        let r = self.helper("lunar_arith", i, pc);
        let mm = self.target(pc + 1);
        let done = self.target(pc + 2);
        self.fb.ins().brif(r, mm, &[], done, &[]);
    }
}

/// The pcs where engines enter compiled code: function entry, the instruction after a call
/// (a frame continues there when its callee returns in the interpreter, or after a native
/// call), and the targets of backward jumps (on-stack replacement at loop back-edges).
/// Fewer entries give Cranelift straight-line code between them.
fn entry_points(code: &[Instruction]) -> Vec<bool> {
    let n = code.len();
    let mut e = vec![false; n];
    let mut mark = |pc: i64| {
        if pc >= 0 && (pc as usize) < n {
            e[pc as usize] = true;
        }
    };
    mark(0);
    for (pc, i) in code.iter().enumerate() {
        let pc = pc as i64;
        match i.opcode_raw() {
            op::Call | op::TForCall => mark(pc + 1),
            op::ForLoop | op::TForLoop => mark(pc + 1 - i.bx() as i64),
            op::Jmp if i.sj() < 0 => mark(pc + 1 + i.sj() as i64),
            _ => {}
        }
    }
    e
}

/// Object offsets compiled code reads (probed once per code generator).
pub(crate) struct ObjectLayout {
    /// [`lunar_runtime::func::jit_upvalue_offsets`].
    pub(crate) upvals: (usize, usize),
    /// [`lunar_runtime::table::jit_array_offsets`].
    pub(crate) array: (usize, usize),
    /// [`lunar_runtime::table::jit_append_offsets`].
    pub(crate) append: (usize, usize),
    /// [`lunar_runtime::table::jit_method_offsets`].
    pub(crate) method: (usize, usize),
    /// [`CallLayout`].
    pub(crate) call: CallLayout,
    /// [`lunar_runtime::table::jit_entry_layout`].
    pub(crate) entries: (usize, usize, usize, usize, usize),
}

impl ObjectLayout {
    pub(crate) fn probe() -> ObjectLayout {
        ObjectLayout {
            upvals: lunar_runtime::func::jit_upvalue_offsets(),
            array: lunar_runtime::table::jit_array_offsets(),
            append: lunar_runtime::table::jit_append_offsets(),
            method: lunar_runtime::table::jit_method_offsets(),
            call: CallLayout::probe(),
            entries: lunar_runtime::table::jit_entry_layout(),
        }
    }
}

/// Integer and float instruction of ADD/SUB/MUL and their K forms.
fn add_sub_mul<'b>(opcode: u8) -> (IOp<'b>, IOp<'b>) {
    match opcode {
        op::Add | op::AddK => (
            |fb, x, y| fb.ins().iadd(x, y),
            |fb, x, y| fb.ins().fadd(x, y),
        ),
        op::Sub | op::SubK => (
            |fb, x, y| fb.ins().isub(x, y),
            |fb, x, y| fb.ins().fsub(x, y),
        ),
        _ => (
            |fb, x, y| fb.ins().imul(x, y),
            |fb, x, y| fb.ins().fmul(x, y),
        ),
    }
}

type IOp<'b> = fn(&mut FunctionBuilder<'b>, CVal, CVal) -> CVal;

/// An arithmetic operand: a register or a numeric constant.
#[derive(Clone, Copy)]
enum Operand {
    Reg(u32),
    Int(i64),
    Float(f64),
}
