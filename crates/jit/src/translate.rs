//! Translator (one prototype's bytecode -> Cranelift IR), baseline tier.
//!
//! Every bytecode pc gets its own Cranelift block, and the function's entry block dispatches on
//! the entry pc with a jump table, so the VM can enter compiled code at any instruction: at
//! function entry, at a loop header reached by a back-edge (on-stack replacement), or after a
//! call returned. Registers stay in the VM's register window (`regs`, read and written through
//! the offsets of [`lunar_runtime::value::layout`]), so leaving compiled code needs no state
//! reconstruction: an *exit* returns `STATUS_EXIT | pc` and the VM resumes at that pc with the
//! frame exactly as the interpreter would have left it.
//!
//! Inline fast paths: moves and constant loads, integer/float arithmetic, integer and float
//! numeric `for` loops, comparisons and tests with conditional jumps, `not`, unary minus. An
//! instruction outside that set, or whose operand types miss the fast path (a guard), exits to
//! the VM at its own pc, which then executes it with full semantics (metamethods, errors,
//! calls). Calls, returns, table accesses, upvalues, concatenation and allocation are exits in
//! this tier.
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, Block, InstBuilder, MemFlagsData, Value as CVal};
use cranelift_frontend::{FunctionBuilder, Switch};
use lunar_bytecode::opcode::{op, Instruction};
use lunar_runtime::func::FnProto;
use lunar_runtime::value::layout;
use lunar_runtime::Value;

use crate::STATUS_EXIT;

/// State of one translation.
pub(crate) struct Translator<'a, 'b> {
    pub(crate) fb: FunctionBuilder<'b>,
    pub(crate) proto: &'a FnProto,
    pub(crate) regs: CVal,
    blocks: Vec<Block>,
    exits: std::collections::HashMap<usize, Block>,
}

const TAG: i32 = layout::TAG_OFFSET as i32;
const PAY: i32 = layout::PAYLOAD_OFFSET as i32;

fn slot(r: u32) -> i32 {
    (r as usize * layout::VALUE_SIZE) as i32
}

impl<'a, 'b> Translator<'a, 'b> {
    pub(crate) fn new(mut fb: FunctionBuilder<'b>, proto: &'a FnProto) -> Translator<'a, 'b> {
        let entry = fb.create_block();
        fb.append_block_params_for_function_params(entry);
        fb.switch_to_block(entry);
        let params = fb.block_params(entry).to_vec();
        let regs = params[1];
        let entry_pc = params[2];
        let n = proto.code.len();
        let blocks: Vec<Block> = (0..n).map(|_| fb.create_block()).collect();
        let mut t = Translator {
            fb,
            proto,
            regs,
            blocks,
            exits: Default::default(),
        };
        // entry dispatch: any pc is an entry point
        let mut sw = Switch::new();
        for (pc, b) in t.blocks.iter().enumerate() {
            sw.set_entry(pc as u128, *b);
        }
        let bad = t.fb.create_block();
        let pc64 = t.fb.ins().uextend(types::I64, entry_pc);
        sw.emit(&mut t.fb, pc64, bad);
        t.fb.switch_to_block(bad);
        let status = t.fb.ins().bor_imm_u(pc64, STATUS_EXIT as i64);
        t.fb.ins().return_(&[status]);
        t
    }

    fn flags() -> MemFlagsData {
        MemFlagsData::trusted()
    }

    fn tag(&mut self, r: u32) -> CVal {
        self.fb
            .ins()
            .load(types::I8, Self::flags(), self.regs, slot(r) + TAG)
    }
    fn ival(&mut self, r: u32) -> CVal {
        self.fb
            .ins()
            .load(types::I64, Self::flags(), self.regs, slot(r) + PAY)
    }
    fn fval(&mut self, r: u32) -> CVal {
        self.fb
            .ins()
            .load(types::F64, Self::flags(), self.regs, slot(r) + PAY)
    }
    fn set_tag(&mut self, r: u32, tag: u8) {
        let t = self.fb.ins().iconst(types::I8, tag as i64);
        self.fb
            .ins()
            .store(Self::flags(), t, self.regs, slot(r) + TAG);
    }
    fn set_int(&mut self, r: u32, v: CVal) {
        self.set_tag(r, layout::TAG_INT);
        self.fb
            .ins()
            .store(Self::flags(), v, self.regs, slot(r) + PAY);
    }
    fn set_float(&mut self, r: u32, v: CVal) {
        self.set_tag(r, layout::TAG_FLOAT);
        self.fb
            .ins()
            .store(Self::flags(), v, self.regs, slot(r) + PAY);
    }
    fn set_bool(&mut self, r: u32, b: CVal) {
        self.set_tag(r, layout::TAG_BOOL);
        let w = self.fb.ins().uextend(types::I64, b);
        self.fb
            .ins()
            .store(Self::flags(), w, self.regs, slot(r) + PAY);
    }
    fn copy(&mut self, dst: u32, src: u32) {
        let lo = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), self.regs, slot(src));
        let hi = self
            .fb
            .ins()
            .load(types::I64, Self::flags(), self.regs, slot(src) + 8);
        self.fb.ins().store(Self::flags(), lo, self.regs, slot(dst));
        self.fb
            .ins()
            .store(Self::flags(), hi, self.regs, slot(dst) + 8);
    }
    /// Stores a constant value (nil, booleans, numbers, strings kept alive by the prototype).
    fn set_const(&mut self, dst: u32, v: &Value) -> bool {
        match *v {
            Value::Nil => self.set_tag(dst, layout::TAG_NIL),
            Value::Bool(b) => {
                let c = self.fb.ins().iconst(types::I8, b as i64);
                self.set_bool(dst, c)
            }
            Value::Int(i) => {
                let c = self.fb.ins().iconst(types::I64, i);
                self.set_int(dst, c)
            }
            Value::Float(f) => {
                let c = self.fb.ins().f64const(f);
                self.set_float(dst, c)
            }
            Value::Str(s) => {
                self.set_tag(dst, layout::TAG_STR);
                let p = self.fb.ins().iconst(types::I64, s.addr() as i64);
                self.fb
                    .ins()
                    .store(Self::flags(), p, self.regs, slot(dst) + PAY);
            }
            _ => return false,
        }
        true
    }

    fn is_tag(&mut self, r: u32, tag: u8) -> CVal {
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
        let b = self
            .fb
            .ins()
            .load(types::I8, Self::flags(), self.regs, slot(r) + PAY);
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
        let target = if pc < self.blocks.len() {
            self.block(pc)
        } else {
            self.exit(pc)
        };
        self.fb.ins().jump(target, &[]);
    }

    fn exit_now(&mut self, pc: usize) {
        let b = self.exit(pc);
        self.fb.ins().jump(b, &[]);
    }

    /// Branches on `ok` to a fresh block (returned, current afterwards) or exits at `pc`.
    fn guard(&mut self, ok: CVal, pc: usize) {
        let fast = self.fb.create_block();
        let ex = self.exit(pc);
        self.fb.ins().brif(ok, fast, &[], ex, &[]);
        self.fb.switch_to_block(fast);
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
        let tb = if target < self.blocks.len() {
            self.block(target)
        } else {
            self.exit(target)
        };
        let sb = if skip < self.blocks.len() {
            self.block(skip)
        } else {
            self.exit(skip)
        };
        self.fb.ins().brif(take, tb, &[], sb, &[]);
    }

    /// Translates every instruction.
    pub(crate) fn translate(mut self) -> FunctionBuilder<'b> {
        let code = self.proto.code.clone();
        for (pc, &i) in code.iter().enumerate() {
            let b = self.block(pc);
            self.fb.switch_to_block(b);
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
        // both integers -> integer op; both numbers -> float op; else exit
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
        self.guard(both_num, pc);
        let p = self.operand_float(x);
        let q = self.operand_float(y);
        let r = fop(&mut self.fb, p, q);
        self.set_float(a, r);
        self.goto(pc + 2);
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
            op::LoadK => {
                let v = self.proto.k[i.bx() as usize];
                if self.set_const(a, &v) {
                    self.goto(pc + 1);
                } else {
                    self.exit_now(pc);
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
                    let (iop, fop): (IOp<'b>, IOp<'b>) = match i.opcode_raw() {
                        op::AddK => (
                            |fb, x, y| fb.ins().iadd(x, y),
                            |fb, x, y| fb.ins().fadd(x, y),
                        ),
                        op::SubK => (
                            |fb, x, y| fb.ins().isub(x, y),
                            |fb, x, y| fb.ins().fsub(x, y),
                        ),
                        _ => (
                            |fb, x, y| fb.ins().imul(x, y),
                            |fb, x, y| fb.ins().fmul(x, y),
                        ),
                    };
                    self.arith_int_float(pc, a, Operand::Reg(i.b()), k, iop, fop);
                }
                None => self.exit_now(pc),
            },
            op::Add | op::Sub | op::Mul => {
                let (iop, fop): (IOp<'b>, IOp<'b>) = match i.opcode_raw() {
                    op::Add => (
                        |fb, x, y| fb.ins().iadd(x, y),
                        |fb, x, y| fb.ins().fadd(x, y),
                    ),
                    op::Sub => (
                        |fb, x, y| fb.ins().isub(x, y),
                        |fb, x, y| fb.ins().fsub(x, y),
                    ),
                    _ => (
                        |fb, x, y| fb.ins().imul(x, y),
                        |fb, x, y| fb.ins().fmul(x, y),
                    ),
                };
                self.arith_int_float(pc, a, Operand::Reg(i.b()), Operand::Reg(i.c()), iop, fop);
            }
            op::ModK => match self.const_operand(i.c()) {
                Some(Operand::Int(k)) if k > 0 => {
                    let ok = self.is_tag(i.b(), layout::TAG_INT);
                    self.guard(ok, pc);
                    let x = self.ival(i.b());
                    let m = self.fb.ins().srem_imm_s(x, k);
                    let neg = self.fb.ins().icmp_imm_s(IntCC::SignedLessThan, m, 0);
                    let adj = self.fb.ins().iadd_imm_s(m, k);
                    let r = self.fb.ins().select(neg, adj, m);
                    self.set_int(a, r);
                    self.goto(pc + 2);
                }
                _ => self.exit_now(pc),
            },
            op::Div | op::DivK => {
                let y = if i.opcode_raw() == op::Div {
                    Some(Operand::Reg(i.c()))
                } else {
                    self.const_operand(i.c())
                };
                match y {
                    Some(y) => {
                        let x = Operand::Reg(i.b());
                        let xn = self.operand_is_number(x);
                        let yn = self.operand_is_number(y);
                        let ok = self.fb.ins().band(xn, yn);
                        self.guard(ok, pc);
                        let p = self.operand_float(x);
                        let q = self.operand_float(y);
                        let r = self.fb.ins().fdiv(p, q);
                        self.set_float(a, r);
                        self.goto(pc + 2);
                    }
                    None => self.exit_now(pc),
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
                self.guard(isf, pc);
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
                self.guard(both_f, pc);
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
                    self.guard(isf, pc);
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
                let sb = if skip < self.blocks.len() {
                    self.block(skip)
                } else {
                    self.exit(skip)
                };
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
                let done = if pc + 1 < self.blocks.len() {
                    self.block(pc + 1)
                } else {
                    self.exit(pc + 1)
                };
                self.fb.ins().brif(more, body, &[], done, &[]);
                self.fb.switch_to_block(body);
                let c1 = self.fb.ins().iadd_imm_s(count, -1);
                self.fb
                    .ins()
                    .store(Self::flags(), c1, self.regs, slot(a + 1) + PAY);
                let idx = self.ival(a);
                let step = self.ival(a + 2);
                let nidx = self.fb.ins().iadd(idx, step);
                self.fb
                    .ins()
                    .store(Self::flags(), nidx, self.regs, slot(a) + PAY);
                self.set_int(a + 3, nidx);
                self.goto(target);
                // float loop
                self.fb.switch_to_block(fcheck);
                let sf = self.is_tag(a + 2, layout::TAG_FLOAT);
                self.guard(sf, pc);
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
                let done = if pc + 1 < self.blocks.len() {
                    self.block(pc + 1)
                } else {
                    self.exit(pc + 1)
                };
                self.fb.ins().brif(cont, fbody, &[], done, &[]);
                self.fb.switch_to_block(fbody);
                self.fb
                    .ins()
                    .store(Self::flags(), nidx, self.regs, slot(a) + PAY);
                self.set_float(a + 3, nidx);
                self.goto(target);
            }
            _ => self.exit_now(pc),
        }
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
