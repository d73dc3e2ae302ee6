//! The resolved tree (AST -> resolver -> **resolved tree** -> walker).
//!
//! The walker does not interpret the parser's AST directly: a pre-pass (`resolve`) turns each
//! function into this tree, in which every name is already a register of the frame, an upvalue
//! index, a compile-time constant or a global (`_ENV` field); every string constant is an
//! interned Lua string; every `goto` knows its label; and every node that may raise an error,
//! call a metamethod or allocate carries a *site*: the index of a synthetic instruction in the
//! prototype's `code` (see `debuginfo`), whose line and surrounding "setter" instructions let
//! the runtime's `debug` module name variables and report lines exactly as for the VM.
//!
//! Registers are frame slots relative to the frame base (`st.stack[base + reg]`): locals live
//! where the bytecode compiler would put them, temporaries above them. A node that must keep
//! a value alive while it evaluates another operand (which may run arbitrary code and so a
//! garbage collection) stores it in its `tmp` register first: everything reachable only from
//! Rust locals would otherwise be invisible to the collector.
use lunar_runtime::meta::{ArithOp, Src};
use lunar_runtime::string::LuaStr;
use lunar_runtime::{GcRef, Value};

/// A frame register, relative to the frame base.
pub(crate) type Reg = u16;
/// "No register" for optional `tmp` registers.
pub(crate) const NO_REG: Reg = Reg::MAX;
/// "No site" for optional line-hook points.
pub(crate) const NO_SITE: Site = Site::MAX;
/// Index of a synthetic instruction in the prototype's `code` (the running frame's `pc` is set
/// to `site + 1` before anything that may fail or call).
pub(crate) type Site = u32;
/// Label identifier, unique within a function.
pub(crate) type LabelId = u32;

/// A resolved function: what the prototype's `ast` slot holds.
pub(crate) struct Func {
    /// Fixed parameters (including an implicit `self`).
    pub nparams: usize,
    /// Declared with `...`.
    pub is_vararg: bool,
    /// Registers the frame needs (locals and temporaries).
    pub frame_size: usize,
    /// Some local of the function is `<close>`: returning must call `__close` methods.
    pub has_tbc: bool,
    /// The body.
    pub body: Block,
    /// Site of the final implicit `return`.
    pub ret_site: Site,
    /// The chunk's source, for `string.dump` (see `bytecode`).
    pub origin: std::rc::Rc<crate::bytecode::Origin>,
    /// Indices of this function in the nested prototype lists from the main function.
    pub path: Box<[u16]>,
}

/// Where `_ENV` lives for a global access.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Env {
    /// An upvalue (the usual case).
    Upval(u16),
    /// A local variable named `_ENV`.
    Local(Reg),
}

/// Comparison operators (`>`/`>=` are evaluated as swapped `<`/`<=`, as Lua does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// An expression.
pub(crate) enum Expr {
    /// `nil`
    Nil,
    /// `true` / `false`
    Bool(bool),
    /// A number or string constant.
    K(Value),
    /// A local variable.
    Local(Reg),
    /// An upvalue.
    Upval(u16),
    /// `_ENV.name`.
    Global(Box<Global>),
    /// `obj[key]` (general key).
    Index(Box<Index>),
    /// `obj.name` (constant string key).
    Field(Box<Field>),
    /// A call (one result in single-value contexts).
    Call(Box<Call>),
    /// `...` (its first value in single-value contexts).
    Vararg,
    /// `(e)` around a multi-value expression: exactly one value.
    Paren(Box<Expr>),
    /// `function ... end`: closure of nested prototype `proto`, built in register `reg`.
    Closure { proto: u16, reg: Reg, site: Site },
    /// Table constructor.
    Table(Box<TableCtor>),
    /// Arithmetic and bitwise binary operators.
    Arith(Box<Binary<ArithOp>>),
    /// Comparisons.
    Cmp(Box<Binary<CmpOp>>),
    /// `a and b` (with a line-hook point for `b`, or `NO_SITE`)
    And(Box<(Expr, Expr, Site)>),
    /// `a or b` (with a line-hook point for `b`, or `NO_SITE`)
    Or(Box<(Expr, Expr, Site)>),
    /// `not a`
    Not(Box<Expr>),
    /// `-a` / `~a`.
    Unary(Box<Unary>),
    /// `#a`
    Len(Box<Unary>),
    /// `a .. b .. c` (a right-nested chain, flattened): operands in `first..first+n`.
    Concat(Box<Concat>),
}

/// `_ENV.name`.
pub(crate) struct Global {
    pub env: Env,
    pub key: GcRef<LuaStr>,
    pub site: Site,
}

/// `obj[key]`.
pub(crate) struct Index {
    pub obj: Expr,
    pub key: Expr,
    /// Register keeping `obj` alive while `key` is evaluated (when `key` may run code).
    pub tmp: Reg,
    /// Operand description of the indexed value for error messages.
    pub src: Src,
    pub site: Site,
}

/// `obj.name`.
pub(crate) struct Field {
    pub obj: Expr,
    pub key: GcRef<LuaStr>,
    pub src: Src,
    pub site: Site,
}

/// The function part of a call.
pub(crate) enum Callee {
    /// `f(args)`: `f` is evaluated into the call's base register.
    Plain(Expr),
    /// `obj:name(args)`: `obj` goes to `base + 1`, the method to `base`.
    Method {
        obj: Expr,
        name: GcRef<LuaStr>,
        /// Operand description of `obj` for index errors.
        src: Src,
        /// Site of the `self` lookup (index errors, `__index`).
        self_site: Site,
    },
}

/// A call `f(args)` / `obj:m(args)` with the function in register `base` and the arguments
/// above it.
pub(crate) struct Call {
    pub callee: Callee,
    pub args: Vec<Expr>,
    /// Per argument: a line-hook point when the argument is on another line than the call
    /// (`NO_SITE` otherwise).
    pub arg_lines: Vec<Site>,
    /// The last argument may produce several values.
    pub multi_last: bool,
    pub base: Reg,
    pub site: Site,
}

/// One field of a table constructor.
pub(crate) enum TableItem {
    /// A positional item, evaluated into register `reg` (pending until the next flush).
    Positional { e: Expr, reg: Reg },
    /// The last positional item when it is a call or `...`: all its values.
    Multi { e: Expr, reg: Reg },
    /// Flushes the pending positional items `reg..reg+n` to indices `first..` (`SETLIST`).
    Flush { reg: Reg, n: u16, first: i64 },
    /// A line-hook point: the next item is on another line than the constructor.
    Line(Site),
    /// `name = e` / `[k] = e`; `key` is kept in `tmp` while `e` is evaluated when needed.
    Keyed {
        key: Expr,
        value: Expr,
        tmp: Reg,
        site: Site,
    },
}

/// A table constructor in register `reg`.
pub(crate) struct TableCtor {
    pub reg: Reg,
    pub narray: usize,
    pub nhash: usize,
    pub items: Vec<TableItem>,
    pub site: Site,
}

/// A binary operator node.
#[repr(C)]
pub(crate) struct Binary<Op> {
    pub op: Op,
    pub a: Expr,
    pub b: Expr,
    /// Register keeping `a` alive while `b` is evaluated (when `b` may run code), or
    /// `NO_REG`.
    pub tmp: Reg,
    pub sa: Src,
    pub sb: Src,
    pub site: Site,
    /// The operator is on another line than its statement: its site is a line-hook point.
    pub hook: bool,
}

/// A unary operator node (`-`, `~`, `#`).
pub(crate) struct Unary {
    pub op: ArithOp,
    pub a: Expr,
    pub src: Src,
    pub site: Site,
}

/// A concatenation chain.
pub(crate) struct Concat {
    pub items: Vec<Expr>,
    pub first: Reg,
    pub site: Site,
    /// The site is a line-hook point (see `Binary::hook`).
    pub hook: bool,
}

/// An operand of an assignment target that the bytecode reads at assignment time (a local
/// register or a constant) or evaluates into a temporary register before the values.
pub(crate) enum Operand {
    /// Read from this register at assignment time.
    Reg(Reg),
    /// A constant.
    K(Value),
    /// Evaluated before the right-hand side into this register.
    Early(Expr, Reg),
}

/// An assignment target.
pub(crate) enum Target {
    Local(Reg),
    Upval(u16),
    /// `obj[key]` (globals are `_ENV[name]` with `obj` the `_ENV` upvalue or local).
    Index {
        obj: TargetObj,
        key: Operand,
        src: Src,
        site: Site,
    },
}

/// The table of an indexed assignment target.
pub(crate) enum TargetObj {
    /// An upvalue read at assignment time (`SETTABUP`).
    Upval(u16),
    /// A register or expression.
    Op(Operand),
}

/// The extent of a list of expressions adjusted to a number of values.
pub(crate) struct ExpList {
    pub exprs: Vec<Expr>,
    /// First register of the values.
    pub reg: Reg,
    /// The last expression may produce several values.
    pub multi_last: bool,
}

/// A statement.
pub(crate) enum Stat {
    /// A call statement (results discarded).
    Call(Call),
    /// `local x = e` (one register, any expression truncated to one value).
    Local1 { reg: Reg, e: Expr },
    /// `local a, b, c = explist` (values adjusted to `n` at `list.reg`).
    LocalN { list: ExpList, n: u16 },
    /// Marks the local in `reg` as to-be-closed.
    Tbc { reg: Reg, site: Site },
    /// `x = e` for a local.
    SetLocal { reg: Reg, e: Expr },
    /// `x = e` for an upvalue.
    SetUpval { idx: u16, e: Expr },
    /// `x = e` for a global or `obj[key] = e`.
    SetIndex { target: Target, e: Expr },
    /// A multiple assignment: values adjusted to `targets.len()` at `list.reg`, assigned from
    /// the last target to the first.
    SetMulti { targets: Vec<Target>, list: ExpList },
    /// `do ... end`
    Do(Block),
    /// `while cond do body end`; `cond_site` has the condition's line, `end_site` the line
    /// of `end` (for line hooks).
    While {
        cond: Expr,
        body: Block,
        cond_site: Site,
        end_site: Site,
    },
    /// `repeat body until cond` (the condition sees the body's locals).
    Repeat {
        body: Block,
        cond: Expr,
        cond_site: Site,
    },
    /// `if ... elseif ... else ... end`; each arm with the site of its condition's line.
    If {
        arms: Vec<(Expr, Block, Site)>,
        els: Option<Block>,
    },
    /// Numeric `for`.
    NumFor(Box<NumFor>),
    /// Generic `for`.
    GenFor(Box<GenFor>),
    /// `break`
    Break,
    /// `goto label`
    Goto(LabelId),
    /// `return explist` (values at `list.reg`).
    Return { list: ExpList, site: Site },
    /// `return f(args)` as a proper tail call.
    TailCall(Call),
}

/// A block with its scope information.
pub(crate) struct Block {
    pub stats: Vec<Stat>,
    /// Per statement: the site marking its start (its line, for line hooks).
    pub sites: Vec<Site>,
    /// Register level at the block's start (its locals are at and above it).
    pub level: Reg,
    /// Some local of the block is captured by a closure or is to-be-closed: leaving the block
    /// must close upvalues / call `__close`.
    pub close: bool,
    /// Site of the block's closing (`__close` calls are metamethod calls from there).
    pub close_site: Site,
    /// Labels declared directly in this block.
    pub labels: Vec<Label>,
}

/// A label in a block.
pub(crate) struct Label {
    pub id: LabelId,
    /// Index of the statement that follows it.
    pub index: usize,
    /// Register level at the label (locals above it go out of scope on a jump to it).
    pub level: Reg,
}

/// `for var = start, limit, step do body end`; the internal state takes `base..base+3`, the
/// variable is at `base + 3` (as in the bytecode compiler).
pub(crate) struct NumFor {
    pub base: Reg,
    pub start: Expr,
    pub limit: Expr,
    pub step: Option<Expr>,
    pub body: Block,
    pub prep_site: Site,
    /// Site of the loop's back-edge (the `for` line).
    pub loop_site: Site,
}

/// `for names in explist do body end`; iterator, state, control and closing value take
/// `base..base+4`, the variables start at `base + 4`.
pub(crate) struct GenFor {
    pub list: ExpList,
    pub nvars: u16,
    pub body: Block,
    pub prep_site: Site,
    pub call_site: Site,
    /// Site of the loop's closing (the closing value's `__close`).
    pub close_site: Site,
}
