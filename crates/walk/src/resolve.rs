//! Resolver (AST -> **resolved tree** + synthetic debug code), the walker's pre-pass.
//!
//! One pass over each function, in evaluation order, that does what the bytecode compiler's
//! scope handling does (lparser.c `singlevar`, `adjustlocalvars`, blocks, labels) without
//! generating executable code:
//!
//! * locals get frame registers exactly where the bytecode compiler puts them (declaration
//!   order, compile-time constants take none), so `debug.getlocal`, error messages and the
//!   garbage collector see the same frame layout as with the VM;
//! * names become locals, upvalues (with the capture descriptors of the prototype), constants
//!   or `_ENV` fields; a block whose locals are captured or to-be-closed is marked for closing;
//! * every `goto` gets the identifier of its label, and each block lists the labels it owns;
//! * temporaries get registers above the locals (`reg` arguments below are the first free
//!   register of a node), and the frame size is their high-water mark;
//! * every site gets its synthetic instructions (see `debuginfo`), lines following the same
//!   estimates as the bytecode compiler.
//!
//! The AST has already passed the parser's checks (gotos, labels, `<const>` assignments, limits
//! on locals and upvalues); the one check left for here is the register limit.
use std::rc::Rc;

use lunar_bytecode::{OpCode, UpvalDesc, VarKind};
use lunar_runtime::func::FnProto;
use lunar_runtime::meta::{self, ArithOp, Src};
use lunar_runtime::number::Number;
use lunar_runtime::string::LuaStr;
use lunar_runtime::{GcRef, State, Value};
use lunar_syntax::ast::{self, Attrib, BinOp, ExprKind, StatKind, TableField, UnOp};
use lunar_syntax::constant::{self, ConstValue};
use lunar_syntax::{chunkid, SyntaxError};

use crate::debuginfo::DebugCode;
use crate::ir::*;
use crate::lines::{block_end_line, expression_end_line, expression_start_line};

/// Registers a frame may use (`MAXREGS` of lcode.c: `luaK_checkstack` fails at 255).
const MAX_REGS: usize = 254;
/// Positional items of a table constructor stored per flush (`LFIELDS_PER_FLUSH`).
const FIELDS_PER_FLUSH: u16 = 50;

type R<T> = Result<T, SyntaxError>;

/// An active local variable.
struct VarDesc<'a> {
    name: &'a str,
    /// Value of a compile-time constant (then it has no register).
    ct: Option<ConstValue>,
    reg: Reg,
    /// Index of the declaring block in `FuncState::blocks`.
    block: usize,
    /// Index in the prototype's `loc_vars` (none for compile-time constants).
    debug: Option<usize>,
}

/// An upvalue of the function being resolved.
struct UpvalInfo<'a> {
    name: &'a str,
    in_stack: bool,
    index: u16,
}

/// An open block.
struct BlockState<'a> {
    /// Active variables at the block's start.
    nvars: usize,
    /// Register level at the block's start.
    level: Reg,
    /// A local of the block is captured or to-be-closed.
    close: bool,
    /// Inside the scope of a to-be-closed variable (no tail calls).
    inside_tbc: bool,
    /// Labels owned by the block (for the resolved tree).
    labels: Vec<Label>,
    /// Labels declared in the block so far, by name (backward gotos find them here).
    declared: Vec<(&'a str, LabelId)>,
    /// Gotos of this block (or moved out of closed inner blocks) waiting for a later label.
    pending: Vec<(&'a str, LabelId)>,
}

/// A function being resolved.
struct FuncState<'a> {
    vars: Vec<VarDesc<'a>>,
    upvals: Vec<UpvalInfo<'a>>,
    blocks: Vec<BlockState<'a>>,
    /// Registers held by active locals.
    nreg: Reg,
    /// Frame size so far.
    high: usize,
    dbg: DebugCode,
    protos: Vec<GcRef<FnProto>>,
    has_tbc: bool,
    next_label: LabelId,
    /// Indices from the main function's prototype down to this one (see `bytecode`).
    path: Vec<u16>,
}

/// How a name resolves.
enum VarRef {
    Local(Reg),
    Upval(u16),
    Const(ConstValue),
    Global,
}

/// The resolver of one chunk.
struct Resolver<'a, 's> {
    st: &'s mut State,
    source: GcRef<LuaStr>,
    chunkname: &'a str,
    funcs: Vec<FuncState<'a>>,
    /// Line for register-limit errors.
    line: u32,
    /// The statement being resolved spans several lines: its operations and arguments get
    /// line-hook points of their own (line events follow the code's lines within it).
    stat_multi: bool,
    /// The chunk's source, shared by its functions (for `string.dump`).
    origin: Rc<crate::bytecode::Origin>,
}

/// Resolves a parsed chunk into the prototype of its main function (a vararg function with
/// the single upvalue `_ENV`).
pub(crate) fn main_function(
    st: &mut State,
    chunk: &ast::Chunk,
    origin: crate::bytecode::Origin,
) -> R<GcRef<FnProto>> {
    let source = st.intern(chunk.source.as_bytes());
    let mut r = Resolver {
        st,
        source,
        chunkname: &chunk.source,
        funcs: Vec::new(),
        line: 1,
        stat_multi: false,
        origin: Rc::new(origin),
    };
    r.open_function();
    r.fs().upvals.push(UpvalInfo {
        name: "_ENV",
        in_stack: true,
        index: 0,
    });
    r.fs().dbg.abc(OpCode::Return0, 0, 0, 0, false, 0);
    r.enter_block();
    let mut stats = Stats::default();
    r.block_stats(&chunk.block, &mut stats)?;
    let end = block_end_line(&chunk.block, 1).max(chunk.end_line);
    let ret_site = r.fs().dbg.abc(OpCode::Return, 0, 1, 1, false, end);
    let body = r.leave_block(stats, Some(ret_site));
    Ok(r.close_function(body, 0, true, 0, 0, ret_site))
}

fn is_pure(e: &Expr) -> bool {
    match e {
        Expr::Nil | Expr::Bool(_) | Expr::K(_) | Expr::Local(_) | Expr::Upval(_) | Expr::Vararg => {
            true
        }
        Expr::Paren(x) | Expr::Not(x) => is_pure(x),
        Expr::And(ab) | Expr::Or(ab) => is_pure(&ab.0) && is_pure(&ab.1),
        _ => false,
    }
}

/// A value that stays reachable without a register: constants live in the prototype.
fn is_const(e: &Expr) -> bool {
    matches!(e, Expr::Nil | Expr::Bool(_) | Expr::K(_))
}

/// Register to keep `first`'s value alive in while `second` is evaluated, when evaluating
/// `second` may run code (and so collect garbage) and `first` may be a collectable value held
/// only by the walker.
/// A first operand that is a local is read after the second operand is evaluated (the
/// bytecode reads the local's register when the operation executes), so it needs no root.
fn root(first: &Expr, second: &Expr, reg: Reg) -> Reg {
    if is_pure(second) || is_const(first) || matches!(first, Expr::Local(_)) {
        NO_REG
    } else {
        reg
    }
}

fn truthy_const(e: &Expr) -> bool {
    !matches!(e, Expr::Nil | Expr::Bool(false))
}

/// Constant folding of arithmetic on numeric constants, with `lcode.c`'s rules (`validop`:
/// no bitwise operation on non-integral floats, no division or modulo by zero; no NaN or zero
/// float results), computed by the runtime's own arithmetic.
fn fold(op: ArithOp, a: &Expr, b: &Expr) -> Option<Value> {
    let num = |e: &Expr| match e {
        Expr::K(Value::Int(i)) => Some(Number::Int(*i)),
        Expr::K(Value::Float(f)) => Some(Number::Float(*f)),
        _ => None,
    };
    let (x, y) = (num(a)?, num(b)?);
    if op.is_bitwise() {
        meta::to_integer(&a_value(x))?;
        meta::to_integer(&a_value(y))?;
    } else if matches!(op, ArithOp::Div | ArithOp::IDiv | ArithOp::Mod) && y.as_f64() == 0.0 {
        return None;
    }
    match meta::arith_numbers(op, x, y).ok()? {
        Value::Float(f) if f.is_nan() || f == 0.0 => None,
        v => Some(v),
    }
}

fn a_value(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => Value::Float(f),
    }
}

fn const_of(e: &Expr) -> Option<ConstValue> {
    Some(match e {
        Expr::Nil => ConstValue::Nil,
        Expr::Bool(b) => ConstValue::Bool(*b),
        Expr::K(Value::Int(i)) => ConstValue::Int(*i),
        Expr::K(Value::Float(f)) => ConstValue::Float(*f),
        Expr::K(Value::Str(s)) => ConstValue::Str(s.as_bytes().to_vec()),
        _ => return None,
    })
}

fn arith_of(op: BinOp) -> Option<ArithOp> {
    Some(match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        BinOp::Div => ArithOp::Div,
        BinOp::IDiv => ArithOp::IDiv,
        BinOp::BAnd => ArithOp::BAnd,
        BinOp::BOr => ArithOp::BOr,
        BinOp::BXor => ArithOp::BXor,
        BinOp::Shl => ArithOp::Shl,
        BinOp::Shr => ArithOp::Shr,
        _ => return None,
    })
}

/// The arithmetic opcode the bytecode compiler would emit for `op` (only its metamethod
/// matters to the debug module: the `MMBIN` after it names the event).
fn arith_opcode(op: ArithOp) -> OpCode {
    match op {
        ArithOp::Add => OpCode::Add,
        ArithOp::Sub => OpCode::Sub,
        ArithOp::Mul => OpCode::Mul,
        ArithOp::Mod => OpCode::Mod,
        ArithOp::Pow => OpCode::Pow,
        ArithOp::Div => OpCode::Div,
        ArithOp::IDiv => OpCode::IDiv,
        ArithOp::BAnd => OpCode::BAnd,
        ArithOp::BOr => OpCode::BOr,
        ArithOp::BXor => OpCode::BXor,
        ArithOp::Shl => OpCode::Shl,
        ArithOp::Shr => OpCode::Shr,
        ArithOp::Unm => OpCode::Unm,
        ArithOp::BNot => OpCode::BNot,
    }
}

impl<'a, 's> Resolver<'a, 's> {
    // -- Functions, blocks, variables ----------------------------------------------------

    fn fs(&mut self) -> &mut FuncState<'a> {
        self.funcs.last_mut().expect("function")
    }

    fn fsr(&self) -> &FuncState<'a> {
        self.funcs.last().expect("function")
    }

    fn open_function(&mut self) {
        let path = match self.funcs.last() {
            Some(parent) => {
                let mut p = parent.path.clone();
                p.push(parent.protos.len() as u16);
                p
            }
            None => Vec::new(),
        };
        self.funcs.push(FuncState {
            path,
            vars: Vec::new(),
            upvals: Vec::new(),
            blocks: Vec::new(),
            nreg: 0,
            high: 0,
            dbg: DebugCode::default(),
            protos: Vec::new(),
            has_tbc: false,
            next_label: 0,
        });
    }

    /// Finishes the current function: allocates its prototype.
    fn close_function(
        &mut self,
        body: Block,
        nparams: usize,
        is_vararg: bool,
        line_defined: u32,
        last_line: u32,
        ret_site: Site,
    ) -> GcRef<FnProto> {
        let fs = self.funcs.pop().expect("function");
        let frame_size = fs.high.max(nparams).max(2);
        let upvalues: Vec<UpvalDesc> = fs
            .upvals
            .iter()
            .map(|u| UpvalDesc {
                name: Some(u.name.to_string()),
                in_stack: u.in_stack,
                index: u.index as u8,
                kind: VarKind::Regular,
            })
            .collect();
        let func = Func {
            nparams,
            is_vararg,
            frame_size,
            has_tbc: fs.has_tbc,
            body,
            ret_site,
            origin: self.origin.clone(),
            path: fs.path.into_boxed_slice(),
        };
        let mut dbg = fs.dbg;
        if !is_vararg && dbg.lines.len() > 1 {
            // the entry pseudo-instruction belongs to the first line of code (active lines)
            dbg.lines[0] = dbg.lines[1];
        }
        self.st.heap.alloc(FnProto {
            code: dbg.code.into_boxed_slice(),
            k: dbg.k.into_boxed_slice(),
            protos: fs.protos.into_boxed_slice(),
            upvalues: upvalues.into_boxed_slice(),
            num_params: nparams as u8,
            is_vararg,
            max_stack: frame_size as u8,
            source: self.source,
            line_defined,
            last_line_defined: last_line,
            line_info: dbg.lines.into_boxed_slice(),
            loc_vars: dbg.loc_vars.into_boxed_slice(),
            abs_line_pcs: None,
            ast: Some(Rc::new(func)),
            call_count: std::cell::Cell::new(0),
            backedge_count: std::cell::Cell::new(0),
            jit_code: std::cell::Cell::new(0),
            deopts: std::cell::Cell::new(0),
            jit_ic: Default::default(),
            feedback: Default::default(),
            call_targets: Default::default(),
            param_types: std::cell::Cell::new(0),
        })
    }

    /// A nested function (`body`): resolves it and returns its index among the prototypes.
    fn function(&mut self, body: &'a ast::FunctionBody) -> R<u16> {
        self.open_function();
        self.enter_block();
        let mut nparams = 0;
        if body.is_method {
            self.activate("self", None);
            nparams += 1;
        }
        for p in &body.params {
            self.activate(p, None);
            nparams += 1;
        }
        self.fs()
            .dbg
            .abc(OpCode::Return0, 0, 0, 0, false, body.line);
        let mut stats = Stats::default();
        self.block_stats(&body.body, &mut stats)?;
        let ret_site = self
            .fs()
            .dbg
            .abc(OpCode::Return, 0, 1, 1, false, body.end_line);
        let blk = self.leave_block(stats, Some(ret_site));
        let p = self.close_function(
            blk,
            nparams,
            body.is_vararg,
            body.line,
            body.end_line,
            ret_site,
        );
        let fs = self.fs();
        fs.protos.push(p);
        Ok(fs.protos.len() as u16 - 1)
    }

    fn enter_block(&mut self) {
        let fs = self.fs();
        let inside_tbc = fs.blocks.last().is_some_and(|b| b.inside_tbc);
        let b = BlockState {
            nvars: fs.vars.len(),
            level: fs.nreg,
            close: false,
            inside_tbc,
            labels: Vec::new(),
            declared: Vec::new(),
            pending: Vec::new(),
        };
        fs.blocks.push(b);
    }

    /// Closes the innermost block: ends its locals, moves its pending gotos out and builds the
    /// resolved block (`close_site` given: use it instead of a new `CLOSE` site).
    fn leave_block(&mut self, body: Stats, close_site: Option<Site>) -> Block {
        let Stats { stats, sites, .. } = body;
        let line = self.line;
        let fs = self.fs();
        let b = fs.blocks.pop().expect("block");
        let close_site = match close_site {
            Some(s) => s,
            None if b.close => fs.dbg.abc(OpCode::Close, b.level as u32, 0, 0, false, line),
            None => 0,
        };
        while fs.vars.len() > b.nvars {
            let v = fs.vars.pop().expect("var");
            if let Some(d) = v.debug {
                fs.dbg.close_local(d);
            }
        }
        fs.nreg = b.level;
        if let Some(parent) = fs.blocks.last_mut() {
            parent.pending.extend(b.pending);
        }
        Block {
            stats,
            sites,
            level: b.level,
            close: b.close,
            close_site,
            labels: b.labels,
        }
    }

    /// Declares and activates a local (`ct`: a compile-time constant without a register).
    fn activate(&mut self, name: &'a str, ct: Option<ConstValue>) {
        let fs = self.fs();
        let block = fs.blocks.len() - 1;
        if ct.is_some() {
            fs.vars.push(VarDesc {
                name,
                ct,
                reg: fs.nreg,
                block,
                debug: None,
            });
            return;
        }
        let debug = Some(fs.dbg.open_local(name));
        fs.vars.push(VarDesc {
            name,
            ct: None,
            reg: fs.nreg,
            block,
            debug,
        });
        fs.nreg += 1;
        let n = fs.nreg as usize;
        fs.high = fs.high.max(n);
    }

    /// Makes registers `reg..reg+n` part of the frame.
    fn need(&mut self, reg: Reg, n: usize) -> R<()> {
        let top = reg as usize + n;
        if top > MAX_REGS {
            let msg = format!(
                "{}:{}: function or expression needs too many registers",
                chunkid(self.chunkname),
                self.line
            );
            return Err(SyntaxError { message: msg });
        }
        let fs = self.fs();
        fs.high = fs.high.max(top);
        Ok(())
    }

    fn nreg(&self) -> Reg {
        self.fsr().nreg
    }

    fn intern(&mut self, s: &[u8]) -> GcRef<LuaStr> {
        let s = self.st.intern(s);
        // keep it alive (and findable) through the prototype's constants
        self.fs().dbg.str_constant(s);
        s
    }

    fn k_value(&mut self, c: &ConstValue) -> Expr {
        match c {
            ConstValue::Nil => Expr::Nil,
            ConstValue::Bool(b) => Expr::Bool(*b),
            ConstValue::Int(i) => Expr::K(Value::Int(*i)),
            ConstValue::Float(f) => Expr::K(Value::Float(*f)),
            ConstValue::Str(s) => Expr::K(Value::Str(self.intern(s))),
        }
    }

    /// `singlevaraux`: resolves `name` at function `level`, creating upvalues inwards.
    fn var_at(&mut self, level: usize, name: &'a str, base: bool) -> VarRef {
        let fs = &mut self.funcs[level];
        if let Some(i) = fs.vars.iter().rposition(|v| v.name == name) {
            let v = &fs.vars[i];
            if let Some(c) = &v.ct {
                return VarRef::Const(c.clone());
            }
            let (reg, block) = (v.reg, v.block);
            if !base {
                fs.blocks[block].close = true;
            }
            return VarRef::Local(reg);
        }
        if let Some(u) = fs.upvals.iter().position(|u| u.name == name) {
            return VarRef::Upval(u as u16);
        }
        if level == 0 {
            return VarRef::Global;
        }
        let (in_stack, index) = match self.var_at(level - 1, name, false) {
            VarRef::Local(r) => (true, r),
            VarRef::Upval(u) => (false, u),
            other => return other,
        };
        let fs = &mut self.funcs[level];
        fs.upvals.push(UpvalInfo {
            name,
            in_stack,
            index,
        });
        VarRef::Upval(fs.upvals.len() as u16 - 1)
    }

    fn var(&mut self, name: &'a str) -> VarRef {
        let level = self.funcs.len() - 1;
        self.var_at(level, name, true)
    }

    /// The value of the compile-time constant `name` refers to, if it does.
    fn lookup_const(&self, name: &str) -> Option<ConstValue> {
        for fs in self.funcs.iter().rev() {
            if let Some(v) = fs.vars.iter().rev().find(|v| v.name == name) {
                return v.ct.clone();
            }
            if fs.upvals.iter().any(|u| u.name == name) {
                return None;
            }
        }
        None
    }

    /// `_ENV` for a global access.
    fn env(&mut self) -> Result<Env, Expr> {
        match self.var("_ENV") {
            VarRef::Local(r) => Ok(Env::Local(r)),
            VarRef::Upval(u) => Ok(Env::Upval(u)),
            VarRef::Const(c) => Err(self.k_value(&c)),
            VarRef::Global => Err(Expr::Nil),
        }
    }

    // -- Synthetic debug code ------------------------------------------------------------

    /// Emits instructions that give register `r` the name the bytecode compiler's code would
    /// give the value of `e` there.
    fn setter(&mut self, e: &Expr, r: Reg, line: u32) {
        match e {
            Expr::Local(l) if *l < r => self.fs().dbg.move_(r, *l, line),
            Expr::Upval(u) => self.fs().dbg.get_upval(r, *u, line),
            Expr::K(Value::Str(s)) => self.fs().dbg.load_str(r, *s, line),
            Expr::Global(g) => {
                match g.env {
                    Env::Upval(u) => self.fs().dbg.get_tabup(r, u, g.key, line),
                    Env::Local(l) => self.fs().dbg.get_field(r, l, g.key, line),
                };
            }
            Expr::Field(f) => {
                let key = f.key;
                match f.obj {
                    Expr::Local(l) => self.fs().dbg.get_field(r, l, key, line),
                    Expr::Upval(u) => self.fs().dbg.get_tabup(r, u, key, line),
                    _ => {
                        self.shallow_setter(&f.obj, r, line);
                        self.fs().dbg.get_field(r, r, key, line)
                    }
                };
            }
            Expr::Index(x) => {
                let t = match x.obj {
                    Expr::Local(l) => l,
                    _ => {
                        self.shallow_setter(&x.obj, r, line);
                        r
                    }
                };
                let (r32, t32) = (r as u32, t as u32);
                match x.key {
                    Expr::K(Value::Int(i)) if (0..=255).contains(&i) => {
                        self.fs()
                            .dbg
                            .abc(OpCode::GetI, r32, t32, i as u32, false, line);
                    }
                    Expr::Local(l) => {
                        self.fs()
                            .dbg
                            .abc(OpCode::GetTable, r32, t32, l as u32, false, line);
                    }
                    Expr::K(Value::Str(s)) => {
                        self.fs().dbg.load_str(r + 1, s, line);
                        self.fs()
                            .dbg
                            .abc(OpCode::GetTable, r32, t32, r32 + 1, false, line);
                    }
                    _ => {
                        self.fs().dbg.nameless(r + 1, line);
                        self.fs()
                            .dbg
                            .abc(OpCode::GetTable, r32, t32, r32 + 1, false, line);
                    }
                }
            }
            Expr::Paren(x) => self.setter(x, r, line),
            _ => self.fs().dbg.nameless(r, line),
        }
    }

    /// A setter good enough to tell whether the table of a field access is named `_ENV`
    /// (which makes the field a "global").
    fn shallow_setter(&mut self, e: &Expr, r: Reg, line: u32) {
        match e {
            Expr::Local(_) | Expr::Upval(_) | Expr::Global(_) | Expr::K(_) => {
                self.setter(e, r, line)
            }
            Expr::Field(f) => {
                let key = f.key;
                let dbg = &mut self.fs().dbg;
                dbg.nameless(r, line);
                dbg.get_field(r, r, key, line);
            }
            _ => self.fs().dbg.nameless(r, line),
        }
    }

    /// Describes an operand for error messages: locals by their register, numeric and other
    /// non-string constants not at all, anything else through register `r` and its setter.
    fn operand_src(&mut self, e: &Expr, r: Reg, line: u32) -> Src {
        match e {
            Expr::Local(l) => Src::Reg(*l as u32),
            Expr::Nil | Expr::Bool(_) | Expr::K(Value::Int(_) | Value::Float(_)) => Src::None,
            _ => {
                self.setter(e, r, line);
                Src::Reg(r as u32)
            }
        }
    }

    // -- Statements ----------------------------------------------------------------------

    fn block_stats(&mut self, b: &'a ast::Block, out: &mut Stats) -> R<()> {
        for s in &b.stats {
            self.line = s.line;
            if matches!(s.kind, StatKind::Label(_)) {
                self.stat(s, out)?;
                continue;
            }
            // the marker goes on the line of the statement's first instruction: `do` has
            // none of its own, `repeat` starts with its body
            let first = match &s.kind {
                StatKind::Do(_) => None,
                StatKind::Repeat { body, cond } => Some(
                    body.stats
                        .first()
                        .map(|f| f.line)
                        .or(body.ret.as_ref().map(|r| r.line))
                        .unwrap_or(cond.line),
                ),
                _ => Some(s.line),
            };
            match first {
                Some(line) => self.mark(out, line, crate::lines::statement_end_line(s)),
                None => out.cur_site = NO_SITE,
            }
            self.stat(s, out)?;
        }
        if let Some(r) = &b.ret {
            self.line = r.line;
            let end = r.exprs.last().map_or(r.line, expression_end_line);
            self.mark(out, r.line, end);
            self.ret_stat(r, out)?;
        }
        self.line = b.end_line;
        Ok(())
    }

    /// A nested block with its own scope.
    fn block(&mut self, b: &'a ast::Block) -> R<Block> {
        self.enter_block();
        let mut stats = Stats::default();
        self.block_stats(b, &mut stats)?;
        self.line = b.end_line;
        Ok(self.leave_block(stats, None))
    }

    /// A line-hook point for code on `line` when that is not the statement's line.
    fn line_point(&mut self, line: u32) -> Site {
        if !self.stat_multi {
            NO_SITE
        } else {
            self.fs().dbg.abc(OpCode::ExtraArg, 0, 0, 0, false, line)
        }
    }

    /// The start of a statement: its line marker.
    fn mark(&mut self, out: &mut Stats, line: u32, end: u32) {
        self.stat_multi = end > line;
        out.cur_site = self.fs().dbg.abc(OpCode::ExtraArg, 0, 0, 0, false, line);
    }

    fn stat(&mut self, s: &'a ast::Stat, out: &mut Stats) -> R<()> {
        let line = s.line;
        match &s.kind {
            StatKind::Call(e) => {
                let base = self.nreg();
                let c = self.call(e, base)?;
                out.push(Stat::Call(c));
            }
            StatKind::Local { names, exprs } => self.local_stat(names, exprs, s, out)?,
            StatKind::Assign { targets, exprs } => self.assign_stat(targets, exprs, s, out)?,
            StatKind::Do(b) => {
                let b = self.block(b)?;
                out.push(Stat::Do(b));
            }
            StatKind::While { cond, body } => {
                let base = self.nreg();
                let cond_site = self
                    .fs()
                    .dbg
                    .abc(OpCode::ExtraArg, 0, 0, 0, false, cond.line);
                // the jump back is emitted before `end` is read: on the body's last line
                let body_end = block_end_line(body, cond.line);
                let cond = self.expr(cond, base)?;
                let body = self.block(body)?;
                let end_site = self.fs().dbg.abc(OpCode::Jmp, 0, 0, 0, false, body_end);
                out.push(Stat::While {
                    cond,
                    body,
                    cond_site,
                    end_site,
                });
            }
            StatKind::Repeat { body, cond } => {
                self.enter_block();
                let mut stats = Stats::default();
                self.block_stats(body, &mut stats)?;
                self.line = cond.line;
                let base = self.nreg();
                let cond_site = self
                    .fs()
                    .dbg
                    .abc(OpCode::ExtraArg, 0, 0, 0, false, cond.line);
                let cond = self.expr(cond, base)?;
                let body = self.leave_block(stats, None);
                out.push(Stat::Repeat {
                    body,
                    cond,
                    cond_site,
                });
            }
            StatKind::If { conds, else_block } => {
                let mut arms = Vec::new();
                for (c, b) in conds {
                    self.line = c.line;
                    let base = self.nreg();
                    let site = self.fs().dbg.abc(OpCode::ExtraArg, 0, 0, 0, false, c.line);
                    let c = self.expr(c, base)?;
                    let b = self.block(b)?;
                    arms.push((c, b, site));
                }
                let els = match else_block {
                    Some(b) => Some(self.block(b)?),
                    None => None,
                };
                out.push(Stat::If { arms, els });
            }
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
            } => {
                let f = self.numeric_for(line, var, start, limit, step.as_ref(), body)?;
                out.push(Stat::NumFor(Box::new(f)));
            }
            StatKind::GenericFor { names, exprs, body } => {
                let f = self.generic_for(names, exprs, body)?;
                out.push(Stat::GenFor(Box::new(f)));
            }
            StatKind::Function { name, func } => self.function_stat(line, name, func, out)?,
            StatKind::LocalFunction { name, func } => {
                let reg = self.nreg();
                self.need(reg, 1)?;
                // active (for recursion) before the body, visible to debug after the closure
                let fs = self.fs();
                let block = fs.blocks.len() - 1;
                fs.vars.push(VarDesc {
                    name,
                    ct: None,
                    reg,
                    block,
                    debug: None,
                });
                fs.nreg += 1;
                let proto = self.function(func)?;
                let fs = self.fs();
                let site = fs.dbg.abc(
                    OpCode::Closure,
                    reg as u32,
                    proto as u32,
                    0,
                    false,
                    func.end_line,
                );
                let d = fs.dbg.open_local(name);
                if let Some(v) = fs.vars.last_mut() {
                    v.debug = Some(d);
                }
                out.push(Stat::Local1 {
                    reg,
                    e: Expr::Closure { proto, reg, site },
                });
            }
            StatKind::Break => out.push(Stat::Break),
            StatKind::Goto(name) => {
                let id = self.goto_target(name);
                out.push(Stat::Goto(id));
            }
            StatKind::Label(name) => {
                let index = out.len();
                let fs = self.fs();
                let level = fs.nreg;
                let id = fs.next_label;
                fs.next_label += 1;
                let b = fs.blocks.last_mut().expect("block");
                b.declared.push((name, id));
                b.labels.push(Label { id, index, level });
                // forward gotos waiting for this label
                let mut i = 0;
                while i < b.pending.len() {
                    if b.pending[i].0 == name {
                        let (_, gid) = b.pending.remove(i);
                        b.labels.push(Label {
                            id: gid,
                            index,
                            level,
                        });
                    } else {
                        i += 1;
                    }
                }
            }
        }
        Ok(())
    }

    /// The label a `goto` jumps to: a visible label already declared (backward jump), or a
    /// new identifier that a later label of this or an enclosing block will claim.
    fn goto_target(&mut self, name: &'a str) -> LabelId {
        let fs = self.fs();
        for b in fs.blocks.iter().rev() {
            if let Some(&(_, id)) = b.declared.iter().find(|(n, _)| *n == name) {
                return id;
            }
        }
        let id = fs.next_label;
        fs.next_label += 1;
        fs.blocks
            .last_mut()
            .expect("block")
            .pending
            .push((name, id));
        id
    }

    fn local_stat(
        &mut self,
        names: &'a [ast::LocalName],
        exprs: &'a [ast::Expr],
        s: &'a ast::Stat,
        out: &mut Stats,
    ) -> R<()> {
        let base = self.nreg();
        let nvars = names.len();
        let nexps = exprs.len();
        let last = &names[nvars - 1];
        if nvars == nexps && last.attrib == Some(Attrib::Const) {
            let c = {
                let this = &*self;
                constant::const_value(&exprs[nexps - 1], &mut |n| this.lookup_const(n))
            };
            if let Some(c) = c {
                // the last variable is a compile-time constant: no register, no code
                let list = self.exp_list(&exprs[..nexps - 1], base)?;
                let value = self.expr(&exprs[nexps - 1], base + nvars as Reg - 1)?;
                let c = const_of(&value).unwrap_or(c);
                self.need(base, nvars - 1)?;
                if nvars > 1 {
                    out.push(Stat::LocalN {
                        list,
                        n: nvars as u16 - 1,
                    });
                }
                for n in &names[..nvars - 1] {
                    self.activate(&n.name, None);
                }
                self.activate(&last.name, Some(c));
                return Ok(());
            }
        }
        if nvars == 1 && nexps <= 1 {
            self.need(base, 1)?;
            let e = match exprs.first() {
                Some(e) => self.expr(e, base)?,
                None => Expr::Nil,
            };
            out.push(Stat::Local1 { reg: base, e });
        } else {
            let list = self.exp_list(exprs, base)?;
            self.need(base, nvars.max(nexps))?;
            out.push(Stat::LocalN {
                list,
                n: nvars as u16,
            });
        }
        let mut tbc = None;
        for (i, n) in names.iter().enumerate() {
            self.activate(&n.name, None);
            if n.attrib == Some(Attrib::Close) {
                tbc = Some(base + i as Reg);
            }
        }
        if let Some(reg) = tbc {
            let line = stat_end_line(s);
            let fs = self.fs();
            fs.has_tbc = true;
            let site = fs.dbg.abc(OpCode::Tbc, reg as u32, 0, 0, false, line);
            if let Some(b) = fs.blocks.last_mut() {
                b.close = true;
                b.inside_tbc = true;
            }
            out.push(Stat::Tbc { reg, site });
        }
        Ok(())
    }

    /// A list of expressions into consecutive registers from `reg`.
    fn exp_list(&mut self, exprs: &'a [ast::Expr], reg: Reg) -> R<ExpList> {
        let mut out = Vec::with_capacity(exprs.len());
        for (i, e) in exprs.iter().enumerate() {
            self.need(reg, i + 1)?;
            let r = reg + i as Reg;
            out.push(self.expr(e, r)?);
        }
        Ok(ExpList {
            multi_last: exprs.last().is_some_and(|e| e.is_multi()),
            exprs: out,
            reg,
        })
    }

    /// First phase of an assignment target: resolves it and evaluates nothing yet; operands
    /// that the bytecode would compute before the right-hand side get registers from `*reg`.
    fn target(&mut self, t: &'a ast::Expr, reg: &mut Reg) -> R<PendingTarget> {
        match &t.kind {
            ExprKind::Name(n) => Ok(match self.var(n) {
                VarRef::Local(r) => PendingTarget::Local(r),
                VarRef::Upval(u) => PendingTarget::Upval(u),
                VarRef::Const(_) => PendingTarget::Local(0), // rejected by the parser
                VarRef::Global => {
                    let key = self.intern(n.as_bytes());
                    let key = Operand::K(Value::Str(key));
                    match self.env() {
                        Ok(Env::Upval(u)) => PendingTarget::Index {
                            obj: PendingObj::Upval(u),
                            key,
                        },
                        Ok(Env::Local(l)) => PendingTarget::Index {
                            obj: PendingObj::Op(Operand::Reg(l)),
                            key,
                        },
                        Err(k) => {
                            self.need(*reg, 1)?;
                            let r = *reg;
                            *reg += 1;
                            PendingTarget::Index {
                                obj: PendingObj::Op(Operand::Early(k, r)),
                                key,
                            }
                        }
                    }
                }
            }),
            ExprKind::Index(obj, key) => {
                let o = self.expr(obj, *reg)?;
                let k_is_str = matches!(key.kind, ExprKind::Str(_));
                let obj = match o {
                    Expr::Local(l) => PendingObj::Op(Operand::Reg(l)),
                    Expr::Upval(u) if k_is_str => PendingObj::Upval(u),
                    o => {
                        self.need(*reg, 1)?;
                        let r = *reg;
                        *reg += 1;
                        PendingObj::Op(Operand::Early(o, r))
                    }
                };
                let k = self.expr(key, *reg)?;
                let key = match k {
                    Expr::Local(l) => Operand::Reg(l),
                    Expr::K(v) => Operand::K(v),
                    Expr::Nil => Operand::K(Value::Nil),
                    Expr::Bool(b) => Operand::K(Value::Bool(b)),
                    k => {
                        self.need(*reg, 1)?;
                        let r = *reg;
                        *reg += 1;
                        Operand::Early(k, r)
                    }
                };
                Ok(PendingTarget::Index { obj, key })
            }
            _ => Ok(PendingTarget::Local(0)), // the parser only produces names and indexings
        }
    }

    /// Second phase: the store's site (emitted after the values, as the bytecode does).
    fn finish_target(&mut self, t: PendingTarget, line: u32) -> Target {
        match t {
            PendingTarget::Local(r) => Target::Local(r),
            PendingTarget::Upval(u) => Target::Upval(u),
            PendingTarget::Index { obj, key } => {
                let (obj, src, site) = match obj {
                    PendingObj::Upval(u) => {
                        let site = self
                            .fs()
                            .dbg
                            .abc(OpCode::SetTabUp, u as u32, 0, 0, false, line);
                        (TargetObj::Upval(u), Src::Upval(u as u32), site)
                    }
                    PendingObj::Op(op) => {
                        let a = match &op {
                            Operand::Reg(l) => *l,
                            Operand::K(_) => 0,
                            Operand::Early(e, r) => {
                                self.setter(e, *r, line);
                                *r
                            }
                        };
                        let site = self
                            .fs()
                            .dbg
                            .abc(OpCode::SetField, a as u32, 0, 0, false, line);
                        (TargetObj::Op(op), Src::Reg(a as u32), site)
                    }
                };
                Target::Index {
                    obj,
                    key,
                    src,
                    site,
                }
            }
        }
    }

    fn assign_stat(
        &mut self,
        targets: &'a [ast::Expr],
        exprs: &'a [ast::Expr],
        s: &'a ast::Stat,
        out: &mut Stats,
    ) -> R<()> {
        let line = stat_end_line(s);
        let mut reg = self.nreg();
        if targets.len() == 1 && exprs.len() == 1 {
            let t = self.target(&targets[0], &mut reg)?;
            self.need(reg, 1)?;
            let e = self.expr(&exprs[0], reg)?;
            let stat = match self.finish_target(t, line) {
                Target::Local(r) => Stat::SetLocal { reg: r, e },
                Target::Upval(u) => Stat::SetUpval { idx: u, e },
                target => Stat::SetIndex { target, e },
            };
            out.push(stat);
            return Ok(());
        }
        let mut pending = Vec::with_capacity(targets.len());
        for t in targets {
            let p = self.target(t, &mut reg)?;
            // check_conflict: a local/upvalue assigned here that an earlier indexed target
            // reads at assignment time is copied first
            let conflict = match &p {
                PendingTarget::Local(l) => Some(Expr::Local(*l)),
                PendingTarget::Upval(u) => Some(Expr::Upval(*u)),
                _ => None,
            };
            if let Some(var) = conflict {
                let mut copy: Option<Reg> = None;
                for q in pending.iter_mut() {
                    if let PendingTarget::Index { obj, key } = q {
                        let hits_obj = match (&var, &*obj) {
                            (Expr::Local(l), PendingObj::Op(Operand::Reg(r))) => l == r,
                            (Expr::Upval(u), PendingObj::Upval(v)) => u == v,
                            _ => false,
                        };
                        let hits_key = matches!((&var, &*key),
                            (Expr::Local(l), Operand::Reg(r)) if l == r);
                        if hits_obj || hits_key {
                            let r = match copy {
                                Some(r) => r,
                                None => {
                                    self.need(reg, 1)?;
                                    reg += 1;
                                    copy = Some(reg - 1);
                                    reg - 1
                                }
                            };
                            let ve = match var {
                                Expr::Local(l) => Expr::Local(l),
                                Expr::Upval(u) => Expr::Upval(u),
                                _ => Expr::Nil,
                            };
                            if hits_obj {
                                *obj = PendingObj::Op(Operand::Early(ve, r));
                            } else {
                                *key = Operand::Early(ve, r);
                            }
                        }
                    }
                }
            }
            pending.push(p);
        }
        let list = self.exp_list(exprs, reg)?;
        self.need(reg, targets.len().max(exprs.len()))?;
        let mut done: Vec<Target> = Vec::with_capacity(pending.len());
        for p in pending.into_iter().rev() {
            done.push(self.finish_target(p, line));
        }
        done.reverse();
        out.push(Stat::SetMulti {
            targets: done,
            list,
        });
        Ok(())
    }

    fn function_stat(
        &mut self,
        line: u32,
        name: &'a ast::FuncName,
        func: &'a ast::FunctionBody,
        out: &mut Stats,
    ) -> R<()> {
        let mut reg = self.nreg();
        let (first, fields) = match name.path.split_first() {
            Some(x) => x,
            None => return Ok(()),
        };
        let keys: Vec<&'a String> = fields.iter().chain(name.method.iter()).collect();
        let target = if keys.is_empty() {
            match self.var(first) {
                VarRef::Local(r) => PendingTarget::Local(r),
                VarRef::Upval(u) => PendingTarget::Upval(u),
                VarRef::Const(_) => PendingTarget::Local(0),
                VarRef::Global => {
                    let key = self.intern(first.as_bytes());
                    let key = Operand::K(Value::Str(key));
                    match self.env() {
                        Ok(Env::Upval(u)) => PendingTarget::Index {
                            obj: PendingObj::Upval(u),
                            key,
                        },
                        Ok(Env::Local(l)) => PendingTarget::Index {
                            obj: PendingObj::Op(Operand::Reg(l)),
                            key,
                        },
                        Err(k) => {
                            self.need(reg, 1)?;
                            reg += 1;
                            PendingTarget::Index {
                                obj: PendingObj::Op(Operand::Early(k, reg - 1)),
                                key,
                            }
                        }
                    }
                }
            }
        } else {
            // a.b.c:m — the table `a.b.c` is computed first (fields of the prefix)
            let mut obj = self.name_expr(first, reg, line)?;
            for k in &keys[..keys.len() - 1] {
                let key = self.intern(k.as_bytes());
                obj = self.field(obj, key, reg, line);
            }
            let last = keys[keys.len() - 1];
            let key = Operand::K(Value::Str(self.intern(last.as_bytes())));
            let obj = match obj {
                Expr::Local(l) => PendingObj::Op(Operand::Reg(l)),
                Expr::Upval(u) => PendingObj::Upval(u),
                o => {
                    self.need(reg, 1)?;
                    reg += 1;
                    PendingObj::Op(Operand::Early(o, reg - 1))
                }
            };
            PendingTarget::Index { obj, key }
        };
        self.need(reg, 1)?;
        let proto = self.function(func)?;
        let site = self.fs().dbg.abc(
            OpCode::Closure,
            reg as u32,
            proto as u32,
            0,
            false,
            func.end_line,
        );
        let e = Expr::Closure { proto, reg, site };
        let stat = match self.finish_target(target, line) {
            Target::Local(r) => Stat::SetLocal { reg: r, e },
            Target::Upval(u) => Stat::SetUpval { idx: u, e },
            target => Stat::SetIndex { target, e },
        };
        out.push(stat);
        Ok(())
    }

    fn ret_stat(&mut self, r: &'a ast::Return, out: &mut Stats) -> R<()> {
        let base = self.nreg();
        let inside_tbc = self.fsr().blocks.last().is_some_and(|b| b.inside_tbc);
        if let [e] = r.exprs.as_slice() {
            if matches!(e.kind, ExprKind::Call(..) | ExprKind::MethodCall(..)) && !inside_tbc {
                let c = self.call(e, base)?;
                out.push(Stat::TailCall(c));
                return Ok(());
            }
        }
        let list = self.exp_list(&r.exprs, base)?;
        let line = r.exprs.last().map_or(r.line, expression_end_line);
        let site = self
            .fs()
            .dbg
            .abc(OpCode::Return, base as u32, 0, 0, false, line);
        out.push(Stat::Return { list, site });
        Ok(())
    }

    fn numeric_for(
        &mut self,
        line: u32,
        var: &'a str,
        start: &'a ast::Expr,
        limit: &'a ast::Expr,
        step: Option<&'a ast::Expr>,
        body: &'a ast::Block,
    ) -> R<NumFor> {
        self.enter_block();
        let base = self.nreg();
        self.need(base, 4)?;
        let start_e = self.expr(start, base)?;
        let limit_e = self.expr(limit, base + 1)?;
        let step_e = match step {
            Some(s) => Some(self.expr(s, base + 2)?),
            None => None,
        };
        for _ in 0..3 {
            self.activate("(for state)", None);
        }
        let do_line = expression_end_line(step.unwrap_or(limit));
        let prep_site = self
            .fs()
            .dbg
            .abc(OpCode::ForPrep, base as u32, 0, 0, false, do_line);
        self.enter_block();
        self.activate(var, None);
        let mut stats = Stats::default();
        self.block_stats(body, &mut stats)?;
        let body_block = self.leave_block(stats, None);
        let loop_site = self
            .fs()
            .dbg
            .abc(OpCode::ForLoop, base as u32, 0, 0, false, line);
        self.leave_block(Stats::default(), Some(0));
        Ok(NumFor {
            base,
            start: start_e,
            limit: limit_e,
            step: step_e,
            body: body_block,
            prep_site,
            loop_site,
        })
    }

    fn generic_for(
        &mut self,
        names: &'a [String],
        exprs: &'a [ast::Expr],
        body: &'a ast::Block,
    ) -> R<GenFor> {
        self.enter_block();
        let base = self.nreg();
        let line = exprs.first().map_or(self.line, expression_start_line);
        let list = self.exp_list(exprs, base)?;
        self.need(base, 4.max(exprs.len()))?;
        for _ in 0..4 {
            self.activate("(for state)", None);
        }
        {
            let fs = self.fs();
            fs.has_tbc = true;
            if let Some(b) = fs.blocks.last_mut() {
                b.inside_tbc = true;
            }
        }
        self.need(base + 4, 3.max(names.len()))?;
        let do_line = exprs.last().map_or(line, expression_end_line);
        let prep_site = self
            .fs()
            .dbg
            .abc(OpCode::TForPrep, base as u32, 0, 0, false, do_line);
        self.enter_block();
        for n in names {
            self.activate(n, None);
        }
        let mut stats = Stats::default();
        self.block_stats(body, &mut stats)?;
        let body_block = self.leave_block(stats, None);
        let call_site = self.fs().dbg.abc(
            OpCode::TForCall,
            base as u32,
            0,
            names.len() as u32,
            false,
            line,
        );
        let close_site = self
            .fs()
            .dbg
            .abc(OpCode::Close, base as u32, 0, 0, false, body.end_line);
        self.leave_block(Stats::default(), Some(0));
        Ok(GenFor {
            list,
            nvars: names.len() as u16,
            body: body_block,
            prep_site,
            call_site,
            close_site,
        })
    }

    // -- Expressions ---------------------------------------------------------------------

    /// Resolves `e`, whose evaluation may use registers from `reg` up.
    fn expr(&mut self, e: &'a ast::Expr, reg: Reg) -> R<Expr> {
        self.need(reg, 1)?;
        Ok(match &e.kind {
            ExprKind::Nil => Expr::Nil,
            ExprKind::True => Expr::Bool(true),
            ExprKind::False => Expr::Bool(false),
            ExprKind::Int(i) => Expr::K(Value::Int(*i)),
            ExprKind::Float(f) => Expr::K(Value::Float(*f)),
            ExprKind::Str(s) => Expr::K(Value::Str(self.intern(s))),
            ExprKind::Vararg => Expr::Vararg,
            ExprKind::Function(body) => {
                let proto = self.function(body)?;
                let site = self.fs().dbg.abc(
                    OpCode::Closure,
                    reg as u32,
                    proto as u32,
                    0,
                    false,
                    body.end_line,
                );
                Expr::Closure { proto, reg, site }
            }
            ExprKind::Table(fields) => self.table(fields, reg, e.line)?,
            ExprKind::Binary(op, a, b) => self.binary(e, *op, a, b, reg)?,
            ExprKind::Unary(op, a) => self.unary(e, *op, a, reg)?,
            ExprKind::Name(n) => self.name_expr(n, reg, e.line)?,
            ExprKind::Index(obj, key) => {
                let o = self.expr(obj, reg)?;
                let line = expression_end_line(key);
                if let ExprKind::Str(s) = &key.kind {
                    let k = self.intern(s);
                    self.field(o, k, reg, line)
                } else {
                    // the key goes above the object unless that needs no register
                    let kreg = if is_const(&o) || matches!(o, Expr::Local(_)) {
                        reg
                    } else {
                        reg + 1
                    };
                    self.need(reg + 1, 1)?;
                    let k = self.expr(key, kreg)?;
                    let tmp = root(&o, &k, reg);
                    let (b, src) = match o {
                        Expr::Local(l) => (l, Src::Reg(l as u32)),
                        _ => {
                            self.setter(&o, reg, line);
                            (reg, Src::Reg(reg as u32))
                        }
                    };
                    let site = match k {
                        Expr::K(Value::Int(i)) if (0..=255).contains(&i) => self.fs().dbg.abc(
                            OpCode::GetI,
                            reg as u32,
                            b as u32,
                            i as u32,
                            false,
                            line,
                        ),
                        _ => {
                            let c = match k {
                                Expr::Local(l) => l,
                                _ => {
                                    self.setter(&k, reg + 1, line);
                                    reg + 1
                                }
                            };
                            self.fs().dbg.abc(
                                OpCode::GetTable,
                                reg as u32,
                                b as u32,
                                c as u32,
                                false,
                                line,
                            )
                        }
                    };
                    Expr::Index(Box::new(Index {
                        obj: o,
                        key: k,
                        tmp,
                        src,
                        site,
                    }))
                }
            }
            ExprKind::Call(..) | ExprKind::MethodCall(..) => {
                Expr::Call(Box::new(self.call(e, reg)?))
            }
            ExprKind::Paren(inner) => {
                let x = self.expr(inner, reg)?;
                if inner.is_multi() {
                    Expr::Paren(Box::new(x))
                } else {
                    x
                }
            }
        })
    }

    /// A variable name as an expression.
    fn name_expr(&mut self, n: &'a str, reg: Reg, line: u32) -> R<Expr> {
        Ok(match self.var(n) {
            VarRef::Local(r) => Expr::Local(r),
            VarRef::Upval(u) => Expr::Upval(u),
            VarRef::Const(c) => self.k_value(&c),
            VarRef::Global => {
                let key = self.intern(n.as_bytes());
                match self.env() {
                    Ok(env) => {
                        let site = match env {
                            Env::Upval(u) => self.fs().dbg.get_tabup(reg, u, key, line),
                            Env::Local(l) => self.fs().dbg.get_field(reg, l, key, line),
                        };
                        Expr::Global(Box::new(Global { env, key, site }))
                    }
                    Err(k) => self.field(k, key, reg, line),
                }
            }
        })
    }

    /// `obj.key` with `obj` already resolved (its value computed in `reg`).
    fn field(&mut self, obj: Expr, key: GcRef<LuaStr>, reg: Reg, line: u32) -> Expr {
        let (src, site) = match obj {
            Expr::Local(l) => (
                Src::Reg(l as u32),
                self.fs().dbg.get_field(reg, l, key, line),
            ),
            Expr::Upval(u) => (
                Src::Upval(u as u32),
                self.fs().dbg.get_tabup(reg, u, key, line),
            ),
            _ => {
                self.setter(&obj, reg, line);
                (
                    Src::Reg(reg as u32),
                    self.fs().dbg.get_field(reg, reg, key, line),
                )
            }
        };
        Expr::Field(Box::new(Field {
            obj,
            key,
            src,
            site,
        }))
    }

    /// A call with its function in register `reg`.
    fn call(&mut self, e: &'a ast::Expr, reg: Reg) -> R<Call> {
        self.need(reg, 2)?;
        let line = e.line;
        match &e.kind {
            ExprKind::Call(f, args) => {
                let callee = self.expr(f, reg)?;
                let closing = crate::lines::expression_end_line(e);
                let (args, multi_last, arg_lines) = self.args(args, reg + 1, closing)?;
                self.line = line;
                self.setter(&callee, reg, line);
                let site = self
                    .fs()
                    .dbg
                    .abc(OpCode::Call, reg as u32, 0, 0, false, line);
                Ok(Call {
                    callee: Callee::Plain(callee),
                    args,
                    arg_lines,
                    multi_last,
                    base: reg,
                    site,
                })
            }
            ExprKind::MethodCall(obj, name, args) => {
                let o = self.expr(obj, reg + 1)?;
                let key = self.intern(name.as_bytes());
                let (b, src) = match o {
                    Expr::Local(l) => (l, Src::Reg(l as u32)),
                    _ => {
                        self.setter(&o, reg, line);
                        (reg, Src::Reg(reg as u32))
                    }
                };
                let self_site = self.fs().dbg.self_(reg, b, key, line);
                let closing = crate::lines::expression_end_line(e);
                let (args, multi_last, arg_lines) = self.args(args, reg + 2, closing)?;
                self.line = line;
                let site = self
                    .fs()
                    .dbg
                    .abc(OpCode::Call, reg as u32, 0, 0, false, line);
                Ok(Call {
                    callee: Callee::Method {
                        obj: o,
                        name: key,
                        src,
                        self_site,
                    },
                    args,
                    arg_lines,
                    multi_last,
                    base: reg,
                    site,
                })
            }
            _ => {
                // not produced by the parser in call position
                let callee = self.expr(e, reg)?;
                let site = self
                    .fs()
                    .dbg
                    .abc(OpCode::Call, reg as u32, 0, 0, false, line);
                Ok(Call {
                    callee: Callee::Plain(callee),
                    args: Vec::new(),
                    arg_lines: Vec::new(),
                    multi_last: false,
                    base: reg,
                    site,
                })
            }
        }
    }

    /// Call arguments from register `first`, with line-hook points for arguments on other
    /// lines (the last one is loaded after the closing parenthesis, on `closing`'s line).
    fn args(
        &mut self,
        args: &'a [ast::Expr],
        first: Reg,
        closing: u32,
    ) -> R<(Vec<Expr>, bool, Vec<Site>)> {
        let mut out = Vec::with_capacity(args.len());
        let mut lines = Vec::with_capacity(args.len());
        let multi_last = args.last().is_some_and(|a| a.is_multi());
        for (i, a) in args.iter().enumerate() {
            self.need(first, i + 1)?;
            let r = first + i as Reg;
            let line = if i + 1 == args.len() && !multi_last {
                closing
            } else {
                expression_start_line(a)
            };
            lines.push(self.line_point(line));
            out.push(self.expr(a, r)?);
        }
        Ok((out, multi_last, lines))
    }

    fn table(&mut self, fields: &'a [TableField], reg: Reg, line: u32) -> R<Expr> {
        self.need(reg, 1)?;
        let site = self
            .fs()
            .dbg
            .abc(OpCode::NewTable, reg as u32, 0, 0, false, line);
        let mut items = Vec::new();
        let mut pending: u16 = 0;
        let mut first: i64 = 1;
        let (mut narray, mut nhash) = (0usize, 0usize);
        let n = fields.len();
        for (i, f) in fields.iter().enumerate() {
            let r = reg + 1 + pending;
            let fline = match f {
                TableField::Positional(e) => expression_end_line(e),
                TableField::Named(_, v) | TableField::Keyed(_, v) => expression_end_line(v),
            };
            if self.stat_multi && fline != line {
                let site = self.fs().dbg.abc(OpCode::ExtraArg, 0, 0, 0, false, fline);
                items.push(TableItem::Line(site));
            }
            match f {
                TableField::Positional(e) => {
                    self.need(r, 1)?;
                    if i == n - 1 && e.is_multi() {
                        let x = self.expr(e, r)?;
                        items.push(TableItem::Multi { e: x, reg: r });
                        let closing = crate::lines::table_end_line(line, fields);
                        if self.stat_multi && closing != line {
                            let site = self.fs().dbg.abc(OpCode::ExtraArg, 0, 0, 0, false, closing);
                            items.push(TableItem::Line(site));
                        }
                        items.push(TableItem::Flush {
                            reg: reg + 1,
                            n: pending,
                            first,
                        });
                        pending = 0;
                        break;
                    }
                    let x = self.expr(e, r)?;
                    items.push(TableItem::Positional { e: x, reg: r });
                    narray += 1;
                    pending += 1;
                    if pending == FIELDS_PER_FLUSH {
                        items.push(TableItem::Flush {
                            reg: reg + 1,
                            n: pending,
                            first,
                        });
                        first += pending as i64;
                        pending = 0;
                    }
                }
                TableField::Named(name, v) => {
                    nhash += 1;
                    let k = Expr::K(Value::Str(self.intern(name.as_bytes())));
                    self.need(r, 1)?;
                    let value = self.expr(v, r)?;
                    let l = expression_end_line(v);
                    let site = self
                        .fs()
                        .dbg
                        .abc(OpCode::SetField, reg as u32, 0, 0, false, l);
                    items.push(TableItem::Keyed {
                        key: k,
                        value,
                        tmp: NO_REG,
                        site,
                    });
                }
                TableField::Keyed(k, v) => {
                    nhash += 1;
                    self.need(r, 2)?;
                    let key = self.expr(k, r)?;
                    let value = self.expr(v, r + 1)?;
                    let tmp = root(&key, &value, r);
                    let l = expression_end_line(v);
                    let site = self
                        .fs()
                        .dbg
                        .abc(OpCode::SetTable, reg as u32, 0, 0, false, l);
                    items.push(TableItem::Keyed {
                        key,
                        value,
                        tmp,
                        site,
                    });
                }
            }
        }
        if pending > 0 {
            let closing = crate::lines::table_end_line(line, fields);
            if self.stat_multi && closing != line {
                let site = self.fs().dbg.abc(OpCode::ExtraArg, 0, 0, 0, false, closing);
                items.push(TableItem::Line(site));
            }
            items.push(TableItem::Flush {
                reg: reg + 1,
                n: pending,
                first,
            });
        }
        Ok(Expr::Table(Box::new(TableCtor {
            reg,
            narray,
            nhash,
            items,
            site,
        })))
    }

    fn binary(
        &mut self,
        e: &'a ast::Expr,
        op: BinOp,
        a: &'a ast::Expr,
        b: &'a ast::Expr,
        reg: Reg,
    ) -> R<Expr> {
        let line = e.line;
        match op {
            BinOp::And | BinOp::Or => {
                let x = self.expr(a, reg)?;
                let y = self.expr(b, reg)?;
                if is_const(&x) {
                    // a constant left operand decides statically (as lcode.c's jumps do)
                    let pick_left = truthy_const(&x) == (op == BinOp::Or);
                    return Ok(if pick_left { x } else { y });
                }
                let site = self.line_point(expression_end_line(b));
                let ab = Box::new((x, y, site));
                return Ok(if op == BinOp::And {
                    Expr::And(ab)
                } else {
                    Expr::Or(ab)
                });
            }
            BinOp::Concat => return self.concat(e, reg),
            _ => {}
        }
        self.need(reg, 2)?;
        let x = self.expr(a, reg)?;
        // the second operand goes above the first unless that needs no register
        let breg = if is_const(&x) || matches!(x, Expr::Local(_)) {
            reg
        } else {
            reg + 1
        };
        let y = self.expr(b, breg)?;
        if let Some(aop) = arith_of(op) {
            if let Some(v) = fold(aop, &x, &y) {
                return Ok(Expr::K(v));
            }
            let tmp = root(&x, &y, reg);
            let sa = self.operand_src(&x, reg, line);
            let sb = self.operand_src(&y, reg + 1, line);
            let dbg = &mut self.fs().dbg;
            dbg.abc(
                arith_opcode(aop),
                reg as u32,
                reg as u32,
                reg as u32 + 1,
                false,
                line,
            );
            let site = dbg.abc(
                OpCode::MmBin,
                reg as u32,
                reg as u32 + 1,
                aop.tm() as u32,
                false,
                line,
            );
            return Ok(Expr::Arith(Box::new(Binary {
                op: aop,
                a: x,
                b: y,
                tmp,
                sa,
                sb,
                site,
                hook: self.stat_multi,
            })));
        }
        let cop = match op {
            BinOp::Eq => CmpOp::Eq,
            BinOp::Ne => CmpOp::Ne,
            BinOp::Lt => CmpOp::Lt,
            BinOp::Le => CmpOp::Le,
            BinOp::Gt => CmpOp::Gt,
            _ => CmpOp::Ge,
        };
        let tmp = root(&x, &y, reg);
        let l = expression_end_line(b);
        let opcode = match cop {
            CmpOp::Eq | CmpOp::Ne => OpCode::Eq,
            CmpOp::Lt | CmpOp::Gt => OpCode::Lt,
            CmpOp::Le | CmpOp::Ge => OpCode::Le,
        };
        let site = self
            .fs()
            .dbg
            .abc(opcode, reg as u32, reg as u32 + 1, 0, false, l);
        Ok(Expr::Cmp(Box::new(Binary {
            op: cop,
            a: x,
            b: y,
            tmp,
            sa: Src::None,
            sb: Src::None,
            site,
            hook: self.stat_multi,
        })))
    }

    /// `a .. b .. c`: the right-nested chain as one concatenation of consecutive registers.
    fn concat(&mut self, e: &'a ast::Expr, reg: Reg) -> R<Expr> {
        let mut operands: Vec<&'a ast::Expr> = Vec::new();
        let mut cur = e;
        let mut line = e.line;
        loop {
            match &cur.kind {
                ExprKind::Binary(BinOp::Concat, a, b) => {
                    operands.push(a);
                    line = cur.line;
                    cur = b;
                }
                ExprKind::Paren(inner)
                    if matches!(inner.kind, ExprKind::Binary(BinOp::Concat, ..)) =>
                {
                    cur = inner;
                }
                _ => {
                    operands.push(cur);
                    break;
                }
            }
        }
        self.need(reg, operands.len())?;
        let mut items = Vec::with_capacity(operands.len());
        for (i, o) in operands.iter().enumerate() {
            items.push(self.expr(o, reg + i as Reg)?);
        }
        for (i, x) in items.iter().enumerate() {
            self.setter(x, reg + i as Reg, line);
        }
        let site = self.fs().dbg.abc(
            OpCode::Concat,
            reg as u32,
            items.len() as u32,
            0,
            false,
            line,
        );
        Ok(Expr::Concat(Box::new(Concat {
            items,
            first: reg,
            site,
            hook: self.stat_multi,
        })))
    }

    fn unary(&mut self, e: &'a ast::Expr, op: UnOp, a: &'a ast::Expr, reg: Reg) -> R<Expr> {
        let x = self.expr(a, reg)?;
        let line = e.line;
        let (aop, opcode) = match op {
            UnOp::Not => {
                return Ok(match &x {
                    Expr::Nil | Expr::Bool(_) | Expr::K(_) => Expr::Bool(!truthy_const(&x)),
                    _ => Expr::Not(Box::new(x)),
                })
            }
            UnOp::Neg => (ArithOp::Unm, OpCode::Unm),
            UnOp::BNot => (ArithOp::BNot, OpCode::BNot),
            UnOp::Len => (ArithOp::Add, OpCode::Len),
        };
        if op != UnOp::Len {
            if let Some(v) = fold(aop, &x, &x) {
                return Ok(Expr::K(v));
            }
        }
        let src = self.operand_src(&x, reg, line);
        let b = match src {
            Src::Reg(r) => r,
            _ => reg as u32,
        };
        let site = self.fs().dbg.abc(opcode, reg as u32, b, 0, false, line);
        let u = Box::new(Unary {
            op: aop,
            a: x,
            src,
            site,
        });
        Ok(if op == UnOp::Len {
            Expr::Len(u)
        } else {
            Expr::Unary(u)
        })
    }
}

/// Statements of a block being built, with their line markers.
#[derive(Default)]
struct Stats {
    stats: Vec<Stat>,
    sites: Vec<Site>,
    /// Marker of the statement being resolved.
    cur_site: Site,
}

impl Stats {
    fn push(&mut self, s: Stat) {
        self.stats.push(s);
        self.sites.push(self.cur_site);
    }

    fn len(&self) -> usize {
        self.stats.len()
    }
}

/// An assignment target between its two phases.
enum PendingTarget {
    Local(Reg),
    Upval(u16),
    Index { obj: PendingObj, key: Operand },
}

/// The table of a pending indexed target.
enum PendingObj {
    Upval(u16),
    Op(Operand),
}

/// Line of the end of an assignment or local statement (where its stores are emitted).
fn stat_end_line(s: &ast::Stat) -> u32 {
    crate::lines::statement_end_line(s)
}
