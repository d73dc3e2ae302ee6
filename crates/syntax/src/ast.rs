//! Abstract syntax tree (source text -> parser -> **AST** -> compiler / tree-walker).
//!
//! The tree mirrors the Lua 5.4 grammar (manual §9). Every statement and expression carries the
//! source line that PUC Lua would attribute to the code generated for it, because runtime error
//! messages (`file.lua:LINE: ...`) and tracebacks depend on those lines:
//!
//! * [`Stat::line`]: line of the statement's first token.
//! * [`Expr::line`]: line of the first token, except
//!   - `Binary`/`Unary`: line of the operator token (lparser.c passes it to `luaK_posfix`),
//!   - `Call`/`MethodCall`: line where the whole suffixed expression starts (lparser.c
//!     `suffixedexp` saves `line` before `primaryexp` and hands it to `funcargs`),
//!   - `Index`: line of the `.`, `:` or `[` token.
//!
//! Names are plain `String`s (Lua identifiers are ASCII); string literals are byte vectors because
//! Lua strings are arbitrary bytes.

/// A whole chunk (a file or a string given to `load`). Compiled as a vararg function with one
/// upvalue, `_ENV`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// The chunk's statements.
    pub block: Block,
    /// Chunk name as given to the loader: `"@file.lua"`, `"=stdin"`, or the source text itself.
    pub source: String,
    /// Line of the end of the input (the line of the EOF token).
    pub end_line: u32,
}

/// `block ::= {stat} [retstat]`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    /// Statements in order (no `Return`: that lives in `ret`).
    pub stats: Vec<Stat>,
    /// Optional final `return` statement.
    pub ret: Option<Return>,
    /// Line of the token that closes the block (`end`, `until`, `else`, `elseif`, EOF).
    /// Used for goto/label scope errors and for closing upvalues.
    pub end_line: u32,
}

/// `retstat ::= return [explist] [';']`
#[derive(Debug, Clone, PartialEq)]
pub struct Return {
    /// Returned expressions (possibly empty).
    pub exprs: Vec<Expr>,
    /// Line of the `return` keyword.
    pub line: u32,
}

/// A statement with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    /// What kind of statement.
    pub kind: StatKind,
    /// Line of the statement's first token.
    pub line: u32,
}

/// Attribute of a local variable: `local x <const>` / `local x <close>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attrib {
    /// `<const>`
    Const,
    /// `<close>`
    Close,
}

/// One name in a `local` declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalName {
    /// Variable name.
    pub name: String,
    /// Optional attribute.
    pub attrib: Option<Attrib>,
}

/// `funcname ::= Name {'.' Name} [':' Name]`
#[derive(Debug, Clone, PartialEq)]
pub struct FuncName {
    /// First name and the `.`-separated field names (`a.b.c` -> `["a","b","c"]`).
    pub path: Vec<String>,
    /// Name after `:` if present (then the body has an implicit `self` parameter).
    pub method: Option<String>,
}

/// Statement kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum StatKind {
    /// A function call used as a statement (`Expr` is always `Call` or `MethodCall`).
    Call(Expr),
    /// `local attnamelist ['=' explist]`
    Local {
        /// Declared names with attributes.
        names: Vec<LocalName>,
        /// Initialisers (possibly empty).
        exprs: Vec<Expr>,
    },
    /// `varlist '=' explist`; each target is `Name` or `Index`.
    Assign {
        /// Assignment targets.
        targets: Vec<Expr>,
        /// Values.
        exprs: Vec<Expr>,
    },
    /// `do block end`
    Do(Block),
    /// `while exp do block end`
    While {
        /// Loop condition.
        cond: Expr,
        /// Loop body.
        body: Block,
    },
    /// `repeat block until exp` (the condition sees the body's locals).
    Repeat {
        /// Loop body.
        body: Block,
        /// Exit condition.
        cond: Expr,
    },
    /// `if exp then block {elseif exp then block} [else block] end`
    If {
        /// `(condition, block)` for the `if` and each `elseif`.
        conds: Vec<(Expr, Block)>,
        /// The `else` block.
        else_block: Option<Block>,
    },
    /// `for Name '=' exp ',' exp [',' exp] do block end`
    NumericFor {
        /// Control variable.
        var: String,
        /// Initial value.
        start: Expr,
        /// Limit.
        limit: Expr,
        /// Optional step.
        step: Option<Expr>,
        /// Loop body.
        body: Block,
    },
    /// `for namelist in explist do block end`
    GenericFor {
        /// Loop variables.
        names: Vec<String>,
        /// Iterator expressions.
        exprs: Vec<Expr>,
        /// Loop body.
        body: Block,
    },
    /// `function funcname funcbody`
    Function {
        /// The (dotted / method) name.
        name: FuncName,
        /// The function (for a method name, `is_method` is true).
        func: Box<FunctionBody>,
    },
    /// `local function Name funcbody`
    LocalFunction {
        /// Local name (in scope inside the body, for recursion).
        name: String,
        /// The function.
        func: Box<FunctionBody>,
    },
    /// `break`
    Break,
    /// `goto Name`
    Goto(String),
    /// `::Name::`
    Label(String),
}

/// `funcbody ::= '(' [parlist] ')' block end`
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionBody {
    /// Named parameters (not including the implicit `self`).
    pub params: Vec<String>,
    /// True if the parameter list ends with `...`.
    pub is_vararg: bool,
    /// True for `function a:b()`: an implicit first parameter `self` precedes `params`.
    pub is_method: bool,
    /// Function body.
    pub body: Block,
    /// Lua's `linedefined`: the line of the `function` keyword for `function` statements; for
    /// function expressions and `local function` it is the lexer's line after `function` /
    /// after the name (normally the line of the `(`), as in lparser.c.
    pub line: u32,
    /// Line of the closing `end` (Lua's `lastlinedefined`).
    pub end_line: u32,
}

/// An expression with its line (see the module docs for which line).
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Source line.
    pub line: u32,
}

/// Binary operators, in Lua's `BinOpr` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `%`
    Mod,
    /// `^`
    Pow,
    /// `/`
    Div,
    /// `//`
    IDiv,
    /// `&`
    BAnd,
    /// `|`
    BOr,
    /// `~`
    BXor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `..`
    Concat,
    /// `==`
    Eq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `and`
    And,
    /// `or`
    Or,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-`
    Neg,
    /// `not`
    Not,
    /// `#`
    Len,
    /// `~`
    BNot,
}

/// Table constructor field.
#[derive(Debug, Clone, PartialEq)]
pub enum TableField {
    /// `exp` (list item; the last one may expand multiple results)
    Positional(Expr),
    /// `Name '=' exp`
    Named(String, Expr),
    /// `'[' exp ']' '=' exp`
    Keyed(Expr, Expr),
}

/// Expression kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `nil`
    Nil,
    /// `true`
    True,
    /// `false`
    False,
    /// `...`
    Vararg,
    /// Integer literal (decimal literals that overflow i64 are floats; hex literals wrap).
    Int(i64),
    /// Float literal.
    Float(f64),
    /// String literal (escapes already decoded).
    Str(Vec<u8>),
    /// `function funcbody`
    Function(Box<FunctionBody>),
    /// `'{' [fieldlist] '}'`
    Table(Vec<TableField>),
    /// `exp binop exp` (includes `and`/`or`)
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `unop exp`
    Unary(UnOp, Box<Expr>),
    /// A variable name (local, upvalue or global: the compiler resolves it).
    Name(String),
    /// `prefixexp '[' exp ']'` or `prefixexp '.' Name` (then the key is `Str`).
    Index(Box<Expr>, Box<Expr>),
    /// `prefixexp args`
    Call(Box<Expr>, Vec<Expr>),
    /// `prefixexp ':' Name args`
    MethodCall(Box<Expr>, String, Vec<Expr>),
    /// `'(' exp ')'` (truncates multiple results to one; not an assignment target)
    Paren(Box<Expr>),
}

impl Expr {
    /// True if the expression can produce multiple values (call or `...`).
    pub fn is_multi(&self) -> bool {
        matches!(
            self.kind,
            ExprKind::Call(..) | ExprKind::MethodCall(..) | ExprKind::Vararg
        )
    }
}

impl Drop for Expr {
    /// Drops the expression without recursing along operand and prefix chains: the parser
    /// builds left-deep trees for long chains (`1+1+...+1`, `a.b.c...`) whose depth is not
    /// bounded, and the default recursive drop would overflow the native stack on them.
    fn drop(&mut self) {
        fn take_children(kind: ExprKind, stack: &mut Vec<Expr>) {
            match kind {
                ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                    stack.push(*a);
                    stack.push(*b);
                }
                ExprKind::Unary(_, a) | ExprKind::Paren(a) => stack.push(*a),
                ExprKind::Call(f, args) | ExprKind::MethodCall(f, _, args) => {
                    stack.push(*f);
                    stack.extend(args);
                }
                _ => {} // leaves, tables and functions drop normally (their depth is bounded)
            }
        }
        if !matches!(
            self.kind,
            ExprKind::Binary(..)
                | ExprKind::Index(..)
                | ExprKind::Unary(..)
                | ExprKind::Paren(..)
                | ExprKind::Call(..)
                | ExprKind::MethodCall(..)
        ) {
            return;
        }
        let mut stack = Vec::new();
        take_children(std::mem::replace(&mut self.kind, ExprKind::Nil), &mut stack);
        while let Some(mut e) = stack.pop() {
            let kind = std::mem::replace(&mut e.kind, ExprKind::Nil);
            take_children(kind, &mut stack);
        }
    }
}
