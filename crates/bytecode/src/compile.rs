//! Compiler (AST -> register bytecode).
//!
//! This is a port of the code generation of PUC Lua 5.4.4: `lparser.c` (scopes, variables,
//! statements, expressions) and `lcode.c` (expression descriptors, jump lists, register
//! allocation, constant folding, peephole fixes). Lua generates code while parsing; here the
//! parser's calls into the code generator are replayed over the [`ast`](lunar_syntax::ast), in the
//! same order, so that the produced [`Proto`] is the one `luac5.4` produces for the same source:
//! same instructions, operands, constants, locals, upvalues and (as far as the AST tells) lines.
//!
//! Layout:
//! * `expdesc`: expression descriptors (`expdesc` of lparser.h) and constant values.
//! * `constants`: the constant table with Lua's de-duplication cache, and constant folding.
//! * `code`: instruction emission, jump lists, discharging expressions (lcode.c).
//! * `operators`: folding and coding of unary and binary operators (lcode.c).
//! * `scope`: variables, upvalues, blocks, labels/gotos, opening and closing functions.
//! * `expr` and `stat`: the grammar rules of lparser.c over the AST.
//! * `lines`: which source line Lua's `lastline` holds at each point of code generation.
//!
//! Line numbers: Lua stamps each instruction with the line of the last token read (`lastline`).
//! The AST records the first line of each node and the lines of `end`/`until`/`else` tokens,
//! but not the lines of closing `)`, `}` and `]`, of method names or of `...` parameters; those
//! are estimated from the layout (see `lines`), so code spanning several lines in unusual ways
//! may get slightly different lines than luac gives it. Everything else (instructions,
//! operands, constants, locals, upvalues) is exactly luac's.
use std::collections::HashMap;

use lunar_syntax::{ast::Chunk, chunkid, SyntaxError};

use crate::proto::{Proto, VarKind};

mod code;
mod constants;
mod expdesc;
mod expr;
mod lines;
mod operators;
mod scope;
mod stat;

use constants::CacheKey;
use expdesc::Value;

/// Compiles a parsed chunk into the prototype of its main function.
pub fn compile(chunk: &Chunk) -> Result<Proto, SyntaxError> {
    let mut compiler = Compiler::new(&chunk.source);
    compiler.main_function(chunk)
}

/// Result of a code generation step: errors are Lua compile errors (`chunkid:line: message`).
type CompileResult<T> = Result<T, SyntaxError>;

// -- Limits (lparser.c, lcode.c, llimits.h) -----------------------------------------------------

/// Maximum number of registers of a function (lcode.c `MAXREGS`).
const MAXIMUM_REGISTERS: u32 = 255;
/// Maximum number of local variables per function (lparser.c `MAXVARS`).
const MAXIMUM_VARIABLES: usize = 200;
/// Maximum number of upvalues per function (lfunc.h `MAXUPVAL`).
const MAXIMUM_UPVALUES: usize = 255;
/// `LUA_MULTRET`.
const MULTIPLE_RETURNS: i32 = -1;
/// Guard against exhausting the Rust stack on absurdly deep trees. Levels are counted where
/// lparser.c counts them (statements and subexpressions), and the parser rejects programs
/// nesting deeper than `LUAI_MAXCCALLS` (200) levels, so valid trees stay below this.
const MAXIMUM_DEPTH: u32 = 250;

// -- Compiler state -----------------------------------------------------------------------------

/// Description of an active (or being declared) local variable (lparser.h `Vardesc`).
#[derive(Debug, Clone)]
struct VariableDescription<'a> {
    /// Variable name.
    name: &'a str,
    /// Regular, `<const>`, `<close>` or compile-time constant.
    kind: VarKind,
    /// Register holding the variable (`ridx`).
    register: u32,
    /// Index of the variable in the prototype's `loc_vars` (`pidx`).
    debug_index: usize,
    /// Value of a compile-time constant (`k`).
    value: Value<'a>,
}

/// A pending goto or an active label (lparser.h `Labeldesc`).
#[derive(Debug, Clone)]
struct LabelDescription<'a> {
    /// Label name (`"break"` for breaks).
    name: &'a str,
    /// Position in the code (of the jump list for gotos, of the label for labels).
    pc: i32,
    /// Line where it appeared.
    line: u32,
    /// Number of active variables at that position.
    active_variables: usize,
    /// Goto that escapes upvalues (needs a CLOSE).
    close: bool,
}

/// A block of the function being compiled (lparser.c `BlockCnt`).
#[derive(Debug, Clone, Copy)]
struct BlockScope {
    /// Index of the first label of this block.
    first_label: usize,
    /// Index of the first pending goto of this block.
    first_goto: usize,
    /// Number of active locals outside the block.
    active_variables: usize,
    /// Some variable of the block is captured as an upvalue (or is to-be-closed).
    has_upvalue: bool,
    /// The block is a loop.
    is_loop: bool,
    /// The block is inside the scope of a to-be-closed variable.
    inside_to_be_closed: bool,
}

/// State of one function being compiled (lparser.h `FuncState`).
#[derive(Debug)]
struct FunctionState {
    /// The prototype being built (code, constants, upvalues, nested prototypes, debug info).
    proto: Proto,
    /// Active blocks, innermost last.
    blocks: Vec<BlockScope>,
    /// Position of the last jump target (`lasttarget`).
    last_target: usize,
    /// First free register (`freereg`).
    free_register: u32,
    /// Number of active local variables, including compile-time constants (`nactvar`).
    active_variables: usize,
    /// Index of the function's first local in [`Compiler::variables`] (`firstlocal`).
    first_local: usize,
    /// Index of the function's first label in [`Compiler::labels`] (`firstlabel`).
    first_label: usize,
    /// The function must close upvalues when returning (`needclose`).
    need_close: bool,
    /// Lua's line-encoding state (`previousline`, `iwthabs`) and the encoded entry of each
    /// instruction (`Some(delta)` or `None` for absolute), mirrored so that the prototype's
    /// `abs_line_pcs` are exactly `luac`'s.
    line_state: LineState,
}

/// `savelineinfo`'s state for one function.
#[derive(Debug, Default)]
struct LineState {
    previous_line: i64,
    iwthabs: u32,
    entries: Vec<Option<i64>>,
}

/// The compiler: Lua's `LexState` plus the stack of `FuncState`s.
struct Compiler<'a> {
    /// Chunk name, for prototypes and error messages.
    source: &'a str,
    /// Functions being compiled, innermost last (the `prev` chain).
    functions: Vec<FunctionState>,
    /// Local variables of all functions being compiled (`dyd->actvar`).
    variables: Vec<VariableDescription<'a>>,
    /// Pending gotos (`dyd->gt`).
    gotos: Vec<LabelDescription<'a>>,
    /// Active labels (`dyd->label`).
    labels: Vec<LabelDescription<'a>>,
    /// Constant cache shared by all functions (the scanner table `ls->h`): value key -> index of
    /// the constant in the function that added it last.
    constant_cache: HashMap<CacheKey<'a>, usize>,
    /// Line of the last token "read" (`ls->lastline`); every emitted instruction gets it.
    last_line: u32,
    /// Line of the current token (`ls->linenumber`) where it differs from `last_line` for
    /// errors: set while labels are created and while functions are closed.
    error_line: Option<u32>,
    /// Current recursion depth over the tree.
    depth: u32,
}

impl<'a> Compiler<'a> {
    fn new(source: &'a str) -> Self {
        Compiler {
            source,
            functions: Vec::new(),
            variables: Vec::new(),
            gotos: Vec::new(),
            labels: Vec::new(),
            constant_cache: HashMap::new(),
            last_line: 1,
            error_line: None,
            depth: 0,
        }
    }

    /// The function being compiled.
    fn function(&self) -> &FunctionState {
        self.functions.last().expect("no function being compiled")
    }

    /// The function being compiled, mutably.
    fn function_mut(&mut self) -> &mut FunctionState {
        self.functions
            .last_mut()
            .expect("no function being compiled")
    }

    /// A compile error at the current line (`luaX_syntaxerror` / `luaK_semerror`). The
    /// "near 'token'" suffix of syntax errors is not reproduced: the AST has no tokens.
    fn error(&self, message: &str) -> SyntaxError {
        self.error_at(self.error_line.unwrap_or(self.last_line), message)
    }

    /// A compile error at a given line.
    fn error_at(&self, line: u32, message: &str) -> SyntaxError {
        SyntaxError {
            message: format!("{}:{}: {}", chunkid(self.source), line, message),
        }
    }

    /// Enters one level of recursion over the tree (`enterlevel`).
    fn enter_level(&mut self) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAXIMUM_DEPTH {
            return Err(self.error("chunk has too many syntax levels"));
        }
        Ok(())
    }

    /// Leaves one level of recursion (`leavelevel`).
    fn leave_level(&mut self) {
        self.depth -= 1;
    }
}
