//! Parser (tokens -> AST): a port of PUC Lua 5.4's `lparser.c`.
//!
//! The parser follows `lparser.c` function by function (each parsing function is named after
//! the grammar production it handles), so that it reads tokens in the same order, reaches the
//! same state when something is wrong, and therefore reports the same first error with the
//! same line and `near` text. Besides the grammar it performs every check Lua makes while
//! parsing: variable scopes and attributes (`<const>`/`<close>`, including which `<const>`
//! locals are compile-time constants), upvalue creation and its limit, the number of active
//! local variables, labels/`goto`/`break` resolution (with 5.4's rules for jumping into the
//! scope of a local), and the C-stack nesting limit (`LUAI_MAXCCALLS`).
//!
//! Recursion happens only where `lparser.c` recurses, and every recursive cycle passes through
//! `statement` or `subexpr`, which count nesting levels like Lua does; left-associative
//! operator chains and suffix chains (`a.b.c(...)[...]`) are loops.

use crate::ast::*;
use crate::constant::{const_value, ConstValue};
use crate::lex::{Lexer, Token};
use crate::SyntaxError;

/// Maximum number of local variables per function (`MAXVARS`).
const MAXVARS: usize = 200;
/// Maximum number of upvalues per function (`MAXUPVAL`).
const MAXUPVAL: usize = 255;
/// Lua's limit on nested C calls / syntactical nesting (`LUAI_MAXCCALLS`).
pub const LUAI_MAXCCALLS: u32 = 200;
/// Limit of the label and pending-goto lists (`SHRT_MAX` in `newlabelentry`).
const MAX_LABELS: usize = 32767;
/// Limit of debug local-variable records per function (`SHRT_MAX` in `registerlocalvar`).
const MAX_LOCVARS: usize = 32767;
/// Limit of nested prototypes per function (`MAXARG_Bx` in `addprototype`).
const MAX_PROTOS: usize = (1 << 17) - 1;

/// Priority of unary operators.
const UNARY_PRIORITY: u8 = 12;

/// Options for [`parse_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Skip a first line starting with `#` (and a UTF-8 byte-order mark before it), as
    /// `luaL_loadfile` does for script files. `load` on a string does not do this.
    pub skip_first_line: bool,
    /// Number of C levels already in use when parsing starts (Lua's `L->nCcalls`). The
    /// nesting limit triggers when statements + expressions nest `LUAI_MAXCCALLS - c_calls`
    /// deep. The standalone interpreter loading a script (and `luac`) has 1; `load` called from
    /// a main chunk has 2.
    pub c_calls: u32,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            skip_first_line: true,
            c_calls: 1,
        }
    }
}

/// Parses a whole chunk. `chunkname` is the Lua chunk name (`"@file.lua"`, `"=stdin"`, ...).
///
/// This behaves like `lua file.lua`: a first line starting with `#` (shebang) is skipped, and
/// nesting limits match the standalone interpreter. See [`parse_with`] for `load` semantics.
pub fn parse(source: &[u8], chunkname: &str) -> Result<Chunk, SyntaxError> {
    parse_with(source, chunkname, ParseOptions::default())
}

/// Parses a whole chunk with explicit [`ParseOptions`].
pub fn parse_with(
    source: &[u8],
    chunkname: &str,
    options: ParseOptions,
) -> Result<Chunk, SyntaxError> {
    let mut lex = Lexer::new(source, chunkname);
    if options.skip_first_line {
        let mut start = 0;
        if source.starts_with(b"\xEF\xBB\xBF") {
            start = 3;
        }
        if source.get(start) == Some(&b'#') {
            // skip the first line, keeping its '\n' so that line numbers stay right
            start = source[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(source.len(), |n| start + n);
        }
        lex.skip_to(start);
    }
    let mut p = Parser {
        lex,
        t: Token::Eos,
        t_line: 1,
        ahead: None,
        fs: Vec::new(),
        actvar: Vec::new(),
        gt: Vec::new(),
        label: Vec::new(),
        ccalls: options.c_calls,
    };
    let block = p.mainfunc()?;
    Ok(Chunk {
        block,
        source: chunkname.to_string(),
        end_line: p.lex.linenumber,
    })
}

type PResult<T> = Result<T, SyntaxError>;

/// Kind of a local variable (`VDKREG`, `RDKCONST`, `RDKTOCLOSE`, `RDKCTC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VarKind {
    Reg,
    Const,
    Close,
    CompileTimeConst,
}

/// A declared local variable (`Vardesc`).
struct VarDesc {
    name: String,
    kind: VarKind,
    /// Value of a compile-time constant.
    value: Option<ConstValue>,
}

/// An upvalue of a function being parsed (`Upvaldesc`).
struct UpvalDesc {
    name: String,
    kind: VarKind,
}

/// A label or pending goto (`Labeldesc`).
struct LabelDesc {
    name: String,
    line: u32,
    /// Number of active locals at that position.
    nactvar: usize,
}

/// A block being parsed (`BlockCnt`).
struct BlockCnt {
    firstlabel: usize,
    firstgoto: usize,
    nactvar: usize,
    isloop: bool,
}

/// A function being parsed (`FuncState`).
struct FuncState {
    /// Index of this function's first local in `Parser::actvar`.
    firstlocal: usize,
    /// Index of this function's first label in `Parser::label`.
    firstlabel: usize,
    /// Number of active locals (including compile-time constants).
    nactvar: usize,
    upvalues: Vec<UpvalDesc>,
    is_vararg: bool,
    linedefined: u32,
    blocks: Vec<BlockCnt>,
    /// Number of debug local-variable records.
    ndebugvars: usize,
    /// Number of nested functions.
    nprotos: usize,
}

/// What a name refers to (the `expdesc` kinds `singlevar` produces).
#[derive(Debug, Clone, Copy)]
enum VarRef {
    /// A local variable: index into `Parser::actvar`.
    Local(usize),
    /// An upvalue of the current function.
    Upval(usize),
    /// A compile-time constant: index into `Parser::actvar`.
    Const(usize),
    /// A global (`_ENV.name`).
    Global,
}

/// Parser state (`LexState` + `Dyndata` + the `FuncState` chain).
struct Parser<'a> {
    lex: Lexer<'a>,
    /// Current token (`ls->t`).
    t: Token,
    /// Line of the current token (line where it ends).
    t_line: u32,
    /// Look-ahead token and its line.
    ahead: Option<(Token, u32)>,
    /// Functions being parsed, innermost last.
    fs: Vec<FuncState>,
    /// Declared local variables of all active functions (`dyd->actvar`).
    actvar: Vec<VarDesc>,
    /// Pending gotos (`dyd->gt`).
    gt: Vec<LabelDesc>,
    /// Active labels (`dyd->label`).
    label: Vec<LabelDesc>,
    /// C-level counter (`L->nCcalls`).
    ccalls: u32,
}

/// Binary operator for a token, with its left and right priorities.
fn binopr(t: &Token) -> Option<(BinOp, u8, u8)> {
    Some(match t {
        Token::Char(b'+') => (BinOp::Add, 10, 10),
        Token::Char(b'-') => (BinOp::Sub, 10, 10),
        Token::Char(b'*') => (BinOp::Mul, 11, 11),
        Token::Char(b'%') => (BinOp::Mod, 11, 11),
        Token::Char(b'^') => (BinOp::Pow, 14, 13),
        Token::Char(b'/') => (BinOp::Div, 11, 11),
        Token::IDiv => (BinOp::IDiv, 11, 11),
        Token::Char(b'&') => (BinOp::BAnd, 6, 6),
        Token::Char(b'|') => (BinOp::BOr, 4, 4),
        Token::Char(b'~') => (BinOp::BXor, 5, 5),
        Token::Shl => (BinOp::Shl, 7, 7),
        Token::Shr => (BinOp::Shr, 7, 7),
        Token::Concat => (BinOp::Concat, 9, 8),
        Token::Eq => (BinOp::Eq, 3, 3),
        Token::Char(b'<') => (BinOp::Lt, 3, 3),
        Token::Le => (BinOp::Le, 3, 3),
        Token::Ne => (BinOp::Ne, 3, 3),
        Token::Char(b'>') => (BinOp::Gt, 3, 3),
        Token::Ge => (BinOp::Ge, 3, 3),
        Token::And => (BinOp::And, 2, 2),
        Token::Or => (BinOp::Or, 1, 1),
        _ => return None,
    })
}

/// Unary operator for a token.
fn unopr(t: &Token) -> Option<UnOp> {
    match t {
        Token::Not => Some(UnOp::Not),
        Token::Char(b'-') => Some(UnOp::Neg),
        Token::Char(b'~') => Some(UnOp::BNot),
        Token::Char(b'#') => Some(UnOp::Len),
        _ => None,
    }
}

fn expr_at(kind: ExprKind, line: u32) -> Expr {
    Expr { kind, line }
}

impl<'a> Parser<'a> {
    // ------------------------------------------------------------------------------------
    // Tokens and errors
    // ------------------------------------------------------------------------------------

    /// `luaX_next`
    fn next(&mut self) -> PResult<()> {
        if let Some((tok, line)) = self.ahead.take() {
            self.t = tok;
            self.t_line = line;
        } else {
            self.t = self.lex.next_token()?;
            self.t_line = self.lex.linenumber;
        }
        Ok(())
    }

    /// `luaX_lookahead`
    fn lookahead(&mut self) -> PResult<&Token> {
        let tok = self.lex.next_token()?;
        let ahead = self.ahead.insert((tok, self.lex.linenumber));
        Ok(&ahead.0)
    }

    /// `luaX_syntaxerror`: `msg` at the current line, `near` the current token.
    fn syntax_error(&self, msg: &str) -> SyntaxError {
        let mut err = self.lex.error_at_line(msg);
        if self.t != Token::Char(0) {
            // (token 0 means "no token" to Lua)
            err.message.push_str(" near ");
            err.message.push_str(&self.lex.txt_token(&self.t));
        }
        err
    }

    /// `luaK_semerror`: `msg` at the current line, without `near`.
    fn sem_error(&self, msg: &str) -> SyntaxError {
        self.lex.error_at_line(msg)
    }

    /// `error_expected`
    fn error_expected(&self, token: &Token) -> SyntaxError {
        self.syntax_error(&format!("{} expected", token.to_display()))
    }

    /// `testnext`
    fn testnext(&mut self, c: &Token) -> PResult<bool> {
        if self.t == *c {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn testnext_char(&mut self, c: u8) -> PResult<bool> {
        self.testnext(&Token::Char(c))
    }

    /// `check`
    fn check(&self, c: &Token) -> PResult<()> {
        if self.t != *c {
            return Err(self.error_expected(c));
        }
        Ok(())
    }

    /// `checknext`
    fn checknext(&mut self, c: &Token) -> PResult<()> {
        self.check(c)?;
        self.next()
    }

    fn checknext_char(&mut self, c: u8) -> PResult<()> {
        self.checknext(&Token::Char(c))
    }

    /// `check_match`: `what` closing `who` opened at line `where_`.
    fn check_match(&mut self, what: &Token, who: &Token, where_: u32) -> PResult<()> {
        if !self.testnext(what)? {
            if where_ == self.lex.linenumber {
                return Err(self.error_expected(what));
            }
            return Err(self.syntax_error(&format!(
                "{} expected (to close {} at line {})",
                what.to_display(),
                who.to_display(),
                where_
            )));
        }
        Ok(())
    }

    /// `str_checkname`
    fn str_checkname(&mut self) -> PResult<String> {
        let name = match &mut self.t {
            Token::Name(s) => std::mem::take(s),
            _ => return Err(self.error_expected(&Token::Name(String::new()))),
        };
        self.next()?;
        Ok(name)
    }

    /// `errorlimit` for the current function.
    fn errorlimit(&self, limit: usize, what: &str) -> SyntaxError {
        self.errorlimit_in(self.fs.len() - 1, limit, what)
    }

    /// `errorlimit` for function `fi` of the function stack.
    fn errorlimit_in(&self, fi: usize, limit: usize, what: &str) -> SyntaxError {
        let line = self.fs[fi].linedefined;
        let where_ = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.syntax_error(&format!("too many {what} (limit is {limit}) in {where_}"))
    }

    /// `luaE_incCstack` (`enterlevel`)
    fn enter_level(&mut self) -> PResult<()> {
        self.ccalls += 1;
        if self.ccalls >= LUAI_MAXCCALLS {
            return Err(SyntaxError {
                message: "C stack overflow".to_string(),
            });
        }
        Ok(())
    }

    /// `leavelevel`
    fn leave_level(&mut self) {
        self.ccalls -= 1;
    }

    /// `block_follow`
    fn block_follow(&self, withuntil: bool) -> bool {
        match self.t {
            Token::Else | Token::Elseif | Token::End | Token::Eos => true,
            Token::Until => withuntil,
            _ => false,
        }
    }

    // ------------------------------------------------------------------------------------
    // Variables, functions, blocks
    // ------------------------------------------------------------------------------------

    fn fs(&self) -> &FuncState {
        // `fs` is never empty while parsing (the main function is opened first)
        &self.fs[self.fs.len() - 1]
    }

    fn fs_mut(&mut self) -> &mut FuncState {
        let n = self.fs.len() - 1;
        &mut self.fs[n]
    }

    /// `new_localvar`: declares a (not yet active) local; returns its index in `actvar`.
    fn new_localvar(&mut self, name: String) -> PResult<usize> {
        if self.actvar.len() + 1 - self.fs().firstlocal > MAXVARS {
            return Err(self.errorlimit(MAXVARS, "local variables"));
        }
        self.actvar.push(VarDesc {
            name,
            kind: VarKind::Reg,
            value: None,
        });
        Ok(self.actvar.len() - 1)
    }

    /// `registerlocalvar`'s growth limit.
    fn registerlocalvar(&mut self) -> PResult<()> {
        let fs = self.fs_mut();
        if fs.ndebugvars >= MAX_LOCVARS {
            return Err(SyntaxError {
                message: format!("too many local variables (limit is {MAX_LOCVARS})"),
            });
        }
        fs.ndebugvars += 1;
        Ok(())
    }

    /// `adjustlocalvars`: activates the next `nvars` declared locals.
    fn adjustlocalvars(&mut self, nvars: usize) -> PResult<()> {
        for _ in 0..nvars {
            self.fs_mut().nactvar += 1;
            self.registerlocalvar()?;
        }
        Ok(())
    }

    /// `searchvar`: an active local of function `fi` named `n`.
    fn searchvar(&self, fi: usize, n: &str) -> Option<VarRef> {
        let fs = &self.fs[fi];
        let active = &self.actvar[fs.firstlocal..fs.firstlocal + fs.nactvar];
        active.iter().rposition(|v| v.name == n).map(|i| {
            let idx = fs.firstlocal + i;
            if self.actvar[idx].kind == VarKind::CompileTimeConst {
                VarRef::Const(idx)
            } else {
                VarRef::Local(idx)
            }
        })
    }

    /// `singlevaraux` for the current function: finds `n` as a local, upvalue or constant,
    /// creating upvalues in the functions between the definition and the current one.
    fn singlevaraux(&mut self, n: &str) -> PResult<VarRef> {
        let cur = self.fs.len() - 1;
        let mut level = cur;
        let found = loop {
            if let Some(v) = self.searchvar(level, n) {
                break Some(v);
            }
            if let Some(i) = self.fs[level].upvalues.iter().position(|u| u.name == n) {
                break Some(VarRef::Upval(i));
            }
            if level == 0 {
                break None;
            }
            level -= 1;
        };
        let mut v = match found {
            None => return Ok(VarRef::Global),
            Some(v @ VarRef::Const(_)) => return Ok(v),
            Some(v) => v,
        };
        // create upvalues from the level after the definition inwards (`newupvalue`)
        for fi in level + 1..=cur {
            let kind = match v {
                VarRef::Local(idx) => self.actvar[idx].kind,
                VarRef::Upval(ui) => self.fs[fi - 1].upvalues[ui].kind,
                _ => VarKind::Reg,
            };
            if self.fs[fi].upvalues.len() + 1 > MAXUPVAL {
                // the limit is the one of the function getting the new upvalue
                return Err(self.errorlimit_in(fi, MAXUPVAL, "upvalues"));
            }
            self.fs[fi].upvalues.push(UpvalDesc {
                name: n.to_string(),
                kind,
            });
            v = VarRef::Upval(self.fs[fi].upvalues.len() - 1);
        }
        Ok(v)
    }

    /// `singlevar`: resolves a variable name (globals resolve `_ENV`).
    fn singlevar(&mut self, name: &str) -> PResult<VarRef> {
        let v = self.singlevaraux(name)?;
        if let VarRef::Global = v {
            self.singlevaraux("_ENV")?;
        }
        Ok(v)
    }

    /// The value of the compile-time constant `n` refers to, if it refers to one.
    fn lookup_const(&self, n: &str) -> Option<ConstValue> {
        for level in (0..self.fs.len()).rev() {
            if let Some(v) = self.searchvar(level, n) {
                return match v {
                    VarRef::Const(idx) => self.actvar[idx].value.clone(),
                    _ => None,
                };
            }
            if self.fs[level].upvalues.iter().any(|u| u.name == n) {
                return None;
            }
        }
        None
    }

    /// `check_readonly`: assignment to a `<const>`/`<close>` variable is an error.
    fn check_readonly(&self, v: Option<VarRef>) -> PResult<()> {
        let name = match v {
            Some(VarRef::Const(idx)) => Some(&self.actvar[idx].name),
            Some(VarRef::Local(idx)) => {
                let var = &self.actvar[idx];
                (var.kind != VarKind::Reg).then_some(&var.name)
            }
            Some(VarRef::Upval(ui)) => {
                let up = &self.fs().upvalues[ui];
                (up.kind != VarKind::Reg).then_some(&up.name)
            }
            _ => None,
        };
        if let Some(name) = name {
            return Err(self.sem_error(&format!("attempt to assign to const variable '{name}'")));
        }
        Ok(())
    }

    /// `enterblock`
    fn enterblock(&mut self, isloop: bool) {
        let firstlabel = self.label.len();
        let firstgoto = self.gt.len();
        let fs = self.fs_mut();
        let nactvar = fs.nactvar;
        fs.blocks.push(BlockCnt {
            firstlabel,
            firstgoto,
            nactvar,
            isloop,
        });
    }

    /// `leaveblock`
    fn leaveblock(&mut self) -> PResult<()> {
        let fs = self.fs_mut();
        let Some(bl) = fs.blocks.last() else {
            return Ok(());
        };
        let (bl_nactvar, isloop) = (bl.nactvar, bl.isloop);
        // removevars
        let removed = fs.nactvar - bl_nactvar;
        fs.nactvar = bl_nactvar;
        let newlen = self.actvar.len() - removed;
        self.actvar.truncate(newlen);
        if isloop {
            // fix pending breaks
            self.createlabel("break".to_string(), 0, false)?;
        }
        let fs = self.fs_mut();
        let Some(bl) = fs.blocks.pop() else {
            return Ok(());
        };
        let has_previous = !fs.blocks.is_empty();
        self.label.truncate(bl.firstlabel);
        if has_previous {
            // movegotosout: update pending gotos to the enclosing block
            for gt in &mut self.gt[bl.firstgoto..] {
                gt.nactvar = bl.nactvar;
            }
        } else if bl.firstgoto < self.gt.len() {
            return Err(self.undefgoto(&self.gt[bl.firstgoto]));
        }
        Ok(())
    }

    /// `undefgoto`
    fn undefgoto(&self, gt: &LabelDesc) -> SyntaxError {
        if gt.name == "break" {
            self.sem_error(&format!("break outside loop at line {}", gt.line))
        } else {
            self.sem_error(&format!(
                "no visible label '{}' for <goto> at line {}",
                gt.name, gt.line
            ))
        }
    }

    /// `newlabelentry`'s list growth limit.
    fn check_label_list(len: usize) -> PResult<()> {
        if len >= MAX_LABELS {
            return Err(SyntaxError {
                message: format!("too many labels/gotos (limit is {MAX_LABELS})"),
            });
        }
        Ok(())
    }

    /// `newgotoentry`
    fn newgotoentry(&mut self, name: String, line: u32) -> PResult<()> {
        Self::check_label_list(self.gt.len())?;
        let nactvar = self.fs().nactvar;
        self.gt.push(LabelDesc {
            name,
            line,
            nactvar,
        });
        Ok(())
    }

    /// `findlabel`: a visible label of the current function.
    fn findlabel(&self, name: &str) -> Option<&LabelDesc> {
        self.label[self.fs().firstlabel..]
            .iter()
            .find(|l| l.name == name)
    }

    /// `createlabel`: declares a label and solves the pending gotos of the current block that
    /// jump to it. `last` means the label is the last no-op statement of its block.
    fn createlabel(&mut self, name: String, line: u32, last: bool) -> PResult<()> {
        Self::check_label_list(self.label.len())?;
        let fs = self.fs();
        let Some(bl) = fs.blocks.last() else {
            return Ok(());
        };
        let nactvar = if last { bl.nactvar } else { fs.nactvar };
        let firstgoto = bl.firstgoto;
        // solvegotos
        for i in firstgoto..self.gt.len() {
            let gt = &self.gt[i];
            if gt.name == name && gt.nactvar < nactvar {
                // jumpscopeerror
                let varname = &self.actvar[self.fs().firstlocal + gt.nactvar].name;
                return Err(self.sem_error(&format!(
                    "<goto {}> at line {} jumps into the scope of local '{}'",
                    gt.name, gt.line, varname
                )));
            }
        }
        let mut i = 0;
        self.gt.retain(|gt| {
            let keep = i < firstgoto || gt.name != name;
            i += 1;
            keep
        });
        self.label.push(LabelDesc {
            name,
            line,
            nactvar,
        });
        Ok(())
    }

    /// `open_func`
    fn open_func(&mut self, linedefined: u32, is_vararg: bool) -> PResult<()> {
        if let Some(parent) = self.fs.last_mut() {
            // addprototype's growth limit
            if parent.nprotos >= MAX_PROTOS {
                return Err(SyntaxError {
                    message: format!("too many functions (limit is {MAX_PROTOS})"),
                });
            }
            parent.nprotos += 1;
        }
        self.fs.push(FuncState {
            firstlocal: self.actvar.len(),
            firstlabel: self.label.len(),
            nactvar: 0,
            upvalues: Vec::new(),
            is_vararg,
            linedefined,
            blocks: Vec::new(),
            ndebugvars: 0,
            nprotos: 0,
        });
        self.enterblock(false);
        Ok(())
    }

    /// `close_func`
    fn close_func(&mut self) -> PResult<()> {
        self.leaveblock()?;
        self.fs.pop();
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // Rules for blocks and statements
    // ------------------------------------------------------------------------------------

    /// `mainfunc`: the main function of a chunk (vararg, with upvalue `_ENV`).
    fn mainfunc(&mut self) -> PResult<Block> {
        self.open_func(0, true)?;
        self.fs_mut().upvalues.push(UpvalDesc {
            name: "_ENV".to_string(),
            kind: VarKind::Reg,
        });
        self.next()?; // read first token
        let block = self.statlist()?;
        self.check(&Token::Eos)?;
        self.close_func()?;
        Ok(block)
    }

    /// `statlist -> { stat [';'] }`: the statements of a block, with its end line set.
    fn statlist(&mut self) -> PResult<Block> {
        let mut block = Block::default();
        while !self.block_follow(true) {
            if self.t == Token::Return {
                self.statement(&mut block)?;
                break; // 'return' must be last statement
            }
            self.statement(&mut block)?;
        }
        block.end_line = self.lex.linenumber;
        Ok(block)
    }

    /// `block -> statlist` (in a new scope)
    fn block(&mut self) -> PResult<Block> {
        self.enterblock(false);
        let b = self.statlist()?;
        self.leaveblock()?;
        Ok(b)
    }

    /// `statement -> ';' | ifstat | whilestat | DO block END | forstat | repeatstat | funcstat
    ///   | localstat | label | retstat | breakstat | 'goto' NAME | exprstat`
    fn statement(&mut self, block: &mut Block) -> PResult<()> {
        let line = self.lex.linenumber;
        self.enter_level()?;
        let push = |block: &mut Block, kind: StatKind| block.stats.push(Stat { kind, line });
        match self.t {
            Token::Char(b';') => self.next()?,
            Token::If => {
                let s = self.ifstat(line)?;
                push(block, s);
            }
            Token::While => {
                let s = self.whilestat(line)?;
                push(block, s);
            }
            Token::Do => {
                self.next()?;
                let b = self.block()?;
                self.check_match(&Token::End, &Token::Do, line)?;
                push(block, StatKind::Do(b));
            }
            Token::For => {
                let s = self.forstat(line)?;
                push(block, s);
            }
            Token::Repeat => {
                let s = self.repeatstat(line)?;
                push(block, s);
            }
            Token::Function => {
                let s = self.funcstat(line)?;
                push(block, s);
            }
            Token::Local => {
                self.next()?;
                let s = if self.testnext(&Token::Function)? {
                    self.localfunc()?
                } else {
                    self.localstat()?
                };
                push(block, s);
            }
            Token::DbColon => {
                self.next()?;
                let name = self.str_checkname()?;
                self.labelstat(name, line, block)?;
            }
            Token::Return => {
                self.next()?;
                let exprs = self.retstat()?;
                block.ret = Some(Return { exprs, line });
            }
            Token::Break => {
                self.breakstat()?;
                push(block, StatKind::Break);
            }
            Token::Goto => {
                self.next()?;
                let name = self.gotostat()?;
                push(block, StatKind::Goto(name));
            }
            _ => {
                let s = self.exprstat()?;
                push(block, s);
            }
        }
        self.leave_level();
        Ok(())
    }

    /// `label -> '::' NAME '::'` (the name is already read). Following no-op statements
    /// (`;` and other labels) are parsed first, as Lua does, to know whether the label is the
    /// last statement of its block.
    fn labelstat(&mut self, name: String, line: u32, block: &mut Block) -> PResult<()> {
        self.checknext(&Token::DbColon)?;
        block.stats.push(Stat {
            kind: StatKind::Label(name.clone()),
            line,
        });
        while self.t == Token::Char(b';') || self.t == Token::DbColon {
            self.statement(block)?; // skip other no-op statements
        }
        // checkrepeated
        if let Some(lb) = self.findlabel(&name) {
            return Err(self.sem_error(&format!(
                "label '{}' already defined on line {}",
                name, lb.line
            )));
        }
        let last = self.block_follow(false);
        self.createlabel(name, line, last)
    }

    /// `gotostat -> 'goto' NAME` (the `goto` is already skipped); returns the label name.
    fn gotostat(&mut self) -> PResult<String> {
        let line = self.lex.linenumber;
        let name = self.str_checkname()?;
        if self.findlabel(&name).is_none() {
            // forward jump; will be resolved when the label is declared
            self.newgotoentry(name.clone(), line)?;
        }
        // a backward jump needs no check
        Ok(name)
    }

    /// `breakstat -> BREAK` (semantically `goto break`)
    fn breakstat(&mut self) -> PResult<()> {
        let line = self.lex.linenumber;
        self.next()?; // skip break
        self.newgotoentry("break".to_string(), line)
    }

    /// `ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END`
    fn ifstat(&mut self, line: u32) -> PResult<StatKind> {
        let mut conds = vec![self.test_then_block()?];
        while self.t == Token::Elseif {
            conds.push(self.test_then_block()?);
        }
        let else_block = if self.testnext(&Token::Else)? {
            Some(self.block()?)
        } else {
            None
        };
        self.check_match(&Token::End, &Token::If, line)?;
        Ok(StatKind::If { conds, else_block })
    }

    /// `test_then_block -> [IF | ELSEIF] cond THEN block`
    fn test_then_block(&mut self) -> PResult<(Expr, Block)> {
        self.next()?; // skip IF or ELSEIF
        let cond = self.expr()?;
        self.checknext(&Token::Then)?;
        let mut block;
        if self.t == Token::Break {
            // 'if x then break': Lua handles it without a nested statement
            let line = self.lex.linenumber;
            self.next()?; // skip 'break'
            self.enterblock(false);
            self.newgotoentry("break".to_string(), line)?;
            block = Block::default();
            block.stats.push(Stat {
                kind: StatKind::Break,
                line,
            });
            while self.testnext_char(b';')? {}
            if self.block_follow(false) {
                // the jump is the entire block
                block.end_line = self.lex.linenumber;
                self.leaveblock()?;
                return Ok((cond, block));
            }
            let rest = self.statlist()?;
            block.stats.extend(rest.stats);
            block.ret = rest.ret;
            block.end_line = rest.end_line;
        } else {
            self.enterblock(false);
            block = self.statlist()?;
        }
        self.leaveblock()?;
        Ok((cond, block))
    }

    /// `whilestat -> WHILE cond DO block END`
    fn whilestat(&mut self, line: u32) -> PResult<StatKind> {
        self.next()?; // skip WHILE
        let cond = self.expr()?;
        self.enterblock(true);
        self.checknext(&Token::Do)?;
        let body = self.block()?;
        self.check_match(&Token::End, &Token::While, line)?;
        self.leaveblock()?;
        Ok(StatKind::While { cond, body })
    }

    /// `repeatstat -> REPEAT block UNTIL cond`
    fn repeatstat(&mut self, line: u32) -> PResult<StatKind> {
        self.enterblock(true); // loop block
        self.enterblock(false); // scope block
        self.next()?; // skip REPEAT
        let body = self.statlist()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        let cond = self.expr()?; // read condition (inside scope block)
        self.leaveblock()?; // finish scope
        self.leaveblock()?; // finish loop
        Ok(StatKind::Repeat { body, cond })
    }

    /// `forstat -> FOR (fornum | forlist) END`
    fn forstat(&mut self, line: u32) -> PResult<StatKind> {
        self.enterblock(true); // scope for loop and control variables
        self.next()?; // skip 'for'
        let varname = self.str_checkname()?;
        let s = match self.t {
            Token::Char(b'=') => self.fornum(varname)?,
            Token::Char(b',') | Token::In => self.forlist(varname)?,
            _ => return Err(self.syntax_error("'=' or 'in' expected")),
        };
        self.check_match(&Token::End, &Token::For, line)?;
        self.leaveblock()?; // loop scope ('break' jumps to this point)
        Ok(s)
    }

    /// `fornum -> NAME = exp,exp[,exp] forbody`
    fn fornum(&mut self, var: String) -> PResult<StatKind> {
        for _ in 0..3 {
            self.new_localvar("(for state)".to_string())?;
        }
        self.new_localvar(var.clone())?;
        self.checknext_char(b'=')?;
        let start = self.expr()?;
        self.checknext_char(b',')?;
        let limit = self.expr()?;
        let step = if self.testnext_char(b',')? {
            Some(self.expr()?)
        } else {
            None
        };
        self.adjustlocalvars(3)?; // control variables
        let body = self.forbody(1)?;
        Ok(StatKind::NumericFor {
            var,
            start,
            limit,
            step,
            body,
        })
    }

    /// `forlist -> NAME {,NAME} IN explist forbody`
    fn forlist(&mut self, indexname: String) -> PResult<StatKind> {
        for _ in 0..4 {
            self.new_localvar("(for state)".to_string())?;
        }
        let mut names = vec![indexname.clone()];
        self.new_localvar(indexname)?;
        while self.testnext_char(b',')? {
            let n = self.str_checkname()?;
            names.push(n.clone());
            self.new_localvar(n)?;
        }
        self.checknext(&Token::In)?;
        let exprs = self.explist()?;
        self.adjustlocalvars(4)?; // control variables
        let body = self.forbody(names.len())?;
        Ok(StatKind::GenericFor { names, exprs, body })
    }

    /// `forbody -> DO block`
    fn forbody(&mut self, nvars: usize) -> PResult<Block> {
        self.checknext(&Token::Do)?;
        self.enterblock(false); // scope for declared variables
        self.adjustlocalvars(nvars)?;
        let b = self.block()?;
        self.leaveblock()?;
        Ok(b)
    }

    /// `funcstat -> FUNCTION funcname body`
    fn funcstat(&mut self, line: u32) -> PResult<StatKind> {
        self.next()?; // skip FUNCTION
        let (name, var) = self.funcname()?;
        let is_method = name.method.is_some();
        let func = self.body(is_method, line)?;
        self.check_readonly(var)?;
        Ok(StatKind::Function {
            name,
            func: Box::new(func),
        })
    }

    /// `funcname -> NAME {fieldsel} [':' NAME]`; also returns what a plain name refers to.
    fn funcname(&mut self) -> PResult<(FuncName, Option<VarRef>)> {
        let first = self.str_checkname()?;
        let mut var = Some(self.singlevar(&first)?);
        let mut path = vec![first];
        while self.t == Token::Char(b'.') {
            self.next()?;
            path.push(self.str_checkname()?);
            var = None;
        }
        let mut method = None;
        if self.t == Token::Char(b':') {
            self.next()?;
            method = Some(self.str_checkname()?);
            var = None;
        }
        Ok((FuncName { path, method }, var))
    }

    /// `localfunc -> LOCAL FUNCTION NAME body` (the keywords are already skipped)
    fn localfunc(&mut self) -> PResult<StatKind> {
        let name = self.str_checkname()?;
        self.new_localvar(name.clone())?;
        self.adjustlocalvars(1)?; // enter its scope
        let line = self.lex.linenumber;
        let func = self.body(false, line)?;
        Ok(StatKind::LocalFunction {
            name,
            func: Box::new(func),
        })
    }

    /// `attrib -> ['<' NAME '>']`
    fn getlocalattribute(&mut self) -> PResult<Option<Attrib>> {
        if self.testnext_char(b'<')? {
            let attr = self.str_checkname()?;
            self.checknext_char(b'>')?;
            return match attr.as_str() {
                "const" => Ok(Some(Attrib::Const)),
                "close" => Ok(Some(Attrib::Close)),
                _ => Err(self.sem_error(&format!("unknown attribute '{attr}'"))),
            };
        }
        Ok(None)
    }

    /// `localstat -> LOCAL NAME attrib { ',' NAME attrib } ['=' explist]`
    fn localstat(&mut self) -> PResult<StatKind> {
        let mut names = Vec::new();
        let mut has_close = false;
        let mut vidx;
        loop {
            let name = self.str_checkname()?;
            vidx = self.new_localvar(name.clone())?;
            let attrib = self.getlocalattribute()?;
            self.actvar[vidx].kind = match attrib {
                None => VarKind::Reg,
                Some(Attrib::Const) => VarKind::Const,
                Some(Attrib::Close) => VarKind::Close,
            };
            if attrib == Some(Attrib::Close) {
                if has_close {
                    return Err(self.sem_error("multiple to-be-closed variables in local list"));
                }
                has_close = true;
            }
            names.push(LocalName { name, attrib });
            if !self.testnext_char(b',')? {
                break;
            }
        }
        let exprs = if self.testnext_char(b'=')? {
            self.explist()?
        } else {
            Vec::new()
        };
        let nvars = names.len();
        let mut ctc = None;
        if nvars == exprs.len() && self.actvar[vidx].kind == VarKind::Const {
            if let Some(last) = exprs.last() {
                ctc = const_value(last, &mut |n| self.lookup_const(n));
            }
        }
        if let Some(value) = ctc {
            // the last variable is a compile-time constant: it takes no register
            let var = &mut self.actvar[vidx];
            var.kind = VarKind::CompileTimeConst;
            var.value = Some(value);
            self.adjustlocalvars(nvars - 1)?;
            self.fs_mut().nactvar += 1; // but count it
        } else {
            self.adjustlocalvars(nvars)?;
        }
        Ok(StatKind::Local { names, exprs })
    }

    /// `exprstat -> func | assignment`
    fn exprstat(&mut self) -> PResult<StatKind> {
        let (e, var) = self.suffixedexp()?;
        if self.t == Token::Char(b'=') || self.t == Token::Char(b',') {
            return self.restassign(e, var);
        }
        if !matches!(e.kind, ExprKind::Call(..) | ExprKind::MethodCall(..)) {
            return Err(self.syntax_error("syntax error"));
        }
        Ok(StatKind::Call(e))
    }

    /// `restassign -> ',' suffixedexp restassign | '=' explist` (as a loop; each extra target
    /// counts as a C level like Lua's recursion).
    fn restassign(&mut self, first: Expr, var: Option<VarRef>) -> PResult<StatKind> {
        let is_var = |e: &Expr| matches!(e.kind, ExprKind::Name(_) | ExprKind::Index(..));
        if !is_var(&first) {
            return Err(self.syntax_error("syntax error"));
        }
        self.check_readonly(var)?;
        let mut targets = vec![first];
        let mut levels = 0;
        while self.testnext_char(b',')? {
            let (e, var) = self.suffixedexp()?;
            self.enter_level()?;
            levels += 1;
            if !is_var(&e) {
                return Err(self.syntax_error("syntax error"));
            }
            self.check_readonly(var)?;
            targets.push(e);
        }
        self.checknext_char(b'=')?;
        let exprs = self.explist()?;
        for _ in 0..levels {
            self.leave_level();
        }
        Ok(StatKind::Assign { targets, exprs })
    }

    /// `retstat -> RETURN [explist] [';']` (the `return` is already skipped)
    fn retstat(&mut self) -> PResult<Vec<Expr>> {
        let exprs = if self.block_follow(true) || self.t == Token::Char(b';') {
            Vec::new()
        } else {
            self.explist()?
        };
        self.testnext_char(b';')?;
        Ok(exprs)
    }

    // ------------------------------------------------------------------------------------
    // Expressions
    // ------------------------------------------------------------------------------------

    /// `body -> '(' parlist ')' block END`
    fn body(&mut self, is_method: bool, line: u32) -> PResult<FunctionBody> {
        self.open_func(line, false)?;
        if is_method {
            self.new_localvar("self".to_string())?; // create 'self' parameter
            self.adjustlocalvars(1)?;
        }
        self.checknext_char(b'(')?;
        let (params, is_vararg) = self.parlist()?;
        self.checknext_char(b')')?;
        let body = self.statlist()?;
        let end_line = self.lex.linenumber;
        self.check_match(&Token::End, &Token::Function, line)?;
        self.close_func()?;
        Ok(FunctionBody {
            params,
            is_vararg,
            is_method,
            body,
            line,
            end_line,
        })
    }

    /// `parlist -> [ {NAME ','} (NAME | '...') ]`
    fn parlist(&mut self) -> PResult<(Vec<String>, bool)> {
        let mut params = Vec::new();
        let mut is_vararg = false;
        if self.t != Token::Char(b')') {
            loop {
                match self.t {
                    Token::Name(_) => {
                        let n = self.str_checkname()?;
                        self.new_localvar(n.clone())?;
                        params.push(n);
                    }
                    Token::Dots => {
                        self.next()?;
                        is_vararg = true;
                    }
                    _ => return Err(self.syntax_error("<name> or '...' expected")),
                }
                if is_vararg || !self.testnext_char(b',')? {
                    break;
                }
            }
        }
        self.adjustlocalvars(params.len())?;
        self.fs_mut().is_vararg = is_vararg;
        Ok((params, is_vararg))
    }

    /// `explist -> expr { ',' expr }`
    fn explist(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.testnext_char(b',')? {
            v.push(self.expr()?);
        }
        Ok(v)
    }

    /// `expr -> subexpr`
    fn expr(&mut self) -> PResult<Expr> {
        self.subexpr(0)
    }

    /// `subexpr -> (simpleexp | unop subexpr) { binop subexpr }` where `binop` is any binary
    /// operator with a priority higher than `limit`.
    fn subexpr(&mut self, limit: u8) -> PResult<Expr> {
        self.enter_level()?;
        let mut e = if let Some(op) = unopr(&self.t) {
            let line = self.lex.linenumber;
            self.next()?; // skip operator
            let operand = self.subexpr(UNARY_PRIORITY)?;
            expr_at(ExprKind::Unary(op, Box::new(operand)), line)
        } else {
            self.simpleexp()?
        };
        // expand while operators have priorities higher than 'limit'
        while let Some((op, left, right)) = binopr(&self.t) {
            if left <= limit {
                break;
            }
            let line = self.lex.linenumber;
            self.next()?; // skip operator
            let rhs = self.subexpr(right)?; // read sub-expression with higher priority
            e = expr_at(ExprKind::Binary(op, Box::new(e), Box::new(rhs)), line);
        }
        self.leave_level();
        Ok(e)
    }

    /// `simpleexp -> FLT | INT | STRING | NIL | TRUE | FALSE | ... | constructor
    ///   | FUNCTION body | suffixedexp`
    fn simpleexp(&mut self) -> PResult<Expr> {
        let line = self.t_line;
        let kind = match &mut self.t {
            Token::Flt(n) => ExprKind::Float(*n),
            Token::Int(i) => ExprKind::Int(*i),
            Token::Str(s) => ExprKind::Str(std::mem::take(s)),
            Token::Nil => ExprKind::Nil,
            Token::True => ExprKind::True,
            Token::False => ExprKind::False,
            Token::Dots => {
                if !self.fs().is_vararg {
                    return Err(self.syntax_error("cannot use '...' outside a vararg function"));
                }
                ExprKind::Vararg
            }
            Token::Char(b'{') => return self.constructor(),
            Token::Function => {
                self.next()?;
                let fline = self.lex.linenumber;
                let f = self.body(false, fline)?;
                return Ok(expr_at(ExprKind::Function(Box::new(f)), line));
            }
            _ => return Ok(self.suffixedexp()?.0),
        };
        self.next()?;
        Ok(expr_at(kind, line))
    }

    /// `primaryexp -> NAME | '(' expr ')'`
    fn primaryexp(&mut self) -> PResult<(Expr, Option<VarRef>)> {
        match self.t {
            Token::Char(b'(') => {
                let line = self.lex.linenumber;
                self.next()?;
                let e = self.expr()?;
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                Ok((expr_at(ExprKind::Paren(Box::new(e)), line), None))
            }
            Token::Name(_) => {
                let line = self.t_line;
                let name = self.str_checkname()?;
                let var = self.singlevar(&name)?;
                Ok((expr_at(ExprKind::Name(name), line), Some(var)))
            }
            _ => Err(self.syntax_error("unexpected symbol")),
        }
    }

    /// `suffixedexp -> primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }`;
    /// also returns what the expression refers to if it is a plain name.
    fn suffixedexp(&mut self) -> PResult<(Expr, Option<VarRef>)> {
        let line = self.lex.linenumber;
        let (mut e, mut var) = self.primaryexp()?;
        loop {
            match self.t {
                Token::Char(b'.') => {
                    // fieldsel
                    let iline = self.lex.linenumber;
                    self.next()?; // skip the dot
                    let kline = self.t_line;
                    let name = self.str_checkname()?;
                    let key = expr_at(ExprKind::Str(name.into_bytes()), kline);
                    e = expr_at(ExprKind::Index(Box::new(e), Box::new(key)), iline);
                }
                Token::Char(b'[') => {
                    let iline = self.lex.linenumber;
                    let key = self.yindex()?;
                    e = expr_at(ExprKind::Index(Box::new(e), Box::new(key)), iline);
                }
                Token::Char(b':') => {
                    self.next()?;
                    let name = self.str_checkname()?;
                    let args = self.funcargs(line)?;
                    e = expr_at(ExprKind::MethodCall(Box::new(e), name, args), line);
                }
                Token::Char(b'(') | Token::Str(_) | Token::Char(b'{') => {
                    let args = self.funcargs(line)?;
                    e = expr_at(ExprKind::Call(Box::new(e), args), line);
                }
                _ => return Ok((e, var)),
            }
            var = None;
        }
    }

    /// `index -> '[' expr ']'`
    fn yindex(&mut self) -> PResult<Expr> {
        self.next()?; // skip the '['
        let e = self.expr()?;
        self.checknext_char(b']')?;
        Ok(e)
    }

    /// `funcargs -> '(' [ explist ] ')' | constructor | STRING`; `line` is where the called
    /// expression starts.
    fn funcargs(&mut self, line: u32) -> PResult<Vec<Expr>> {
        match &mut self.t {
            Token::Char(b'(') => {
                self.next()?;
                let args = if self.t == Token::Char(b')') {
                    Vec::new()
                } else {
                    self.explist()?
                };
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                Ok(args)
            }
            Token::Char(b'{') => Ok(vec![self.constructor()?]),
            Token::Str(s) => {
                let e = expr_at(ExprKind::Str(std::mem::take(s)), self.t_line);
                self.next()?;
                Ok(vec![e])
            }
            _ => Err(self.syntax_error("function arguments expected")),
        }
    }

    /// `constructor -> '{' [ field { sep field } [sep] ] '}'` with `sep -> ',' | ';'`
    fn constructor(&mut self) -> PResult<Expr> {
        let line = self.lex.linenumber;
        self.checknext_char(b'{')?;
        let mut fields = Vec::new();
        loop {
            if self.t == Token::Char(b'}') {
                break;
            }
            fields.push(self.field()?);
            if !(self.testnext_char(b',')? || self.testnext_char(b';')?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        Ok(expr_at(ExprKind::Table(fields), line))
    }

    /// `field -> listfield | recfield`
    fn field(&mut self) -> PResult<TableField> {
        match self.t {
            Token::Name(_) => {
                // may be 'listfield' or 'recfield'
                if *self.lookahead()? != Token::Char(b'=') {
                    Ok(TableField::Positional(self.expr()?))
                } else {
                    self.recfield()
                }
            }
            Token::Char(b'[') => self.recfield(),
            _ => Ok(TableField::Positional(self.expr()?)),
        }
    }

    /// `recfield -> (NAME | '[' exp ']') = exp`
    fn recfield(&mut self) -> PResult<TableField> {
        if let Token::Name(_) = self.t {
            let name = self.str_checkname()?;
            self.checknext_char(b'=')?;
            let v = self.expr()?;
            Ok(TableField::Named(name, v))
        } else {
            let k = self.yindex()?;
            self.checknext_char(b'=')?;
            let v = self.expr()?;
            Ok(TableField::Keyed(k, v))
        }
    }
}
