//! Function prototypes: the compiler's output and the VM's input.
//!
//! A [`Proto`] is what `luac` calls a function: code, constants, nested prototypes, upvalue
//! descriptors and debug information, exactly the fields of Lua 5.4's `Proto` (lobject.h), with
//! line information kept as one absolute line per instruction.
use crate::opcode::Instruction;

/// A constant in a prototype's constant table.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `nil`
    Nil,
    /// `true` / `false`
    Bool(bool),
    /// Integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// String (bytes).
    Str(Vec<u8>),
}

/// Kind of a local variable / upvalue (lparser.h `VDKREG`, `RDKCONST`, `RDKTOCLOSE`, `RDKCTC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VarKind {
    /// Regular variable.
    #[default]
    Regular,
    /// `<const>` variable (stored in a register).
    Const,
    /// `<close>` variable.
    ToClose,
    /// Compile-time constant (never has a register).
    CompileTimeConst,
}

/// Describes how a closure captures one upvalue (`Upvaldesc`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpvalDesc {
    /// Name, for debug information (`None` when stripped).
    pub name: Option<String>,
    /// True: captures register `index` of the enclosing function; false: the enclosing function's
    /// upvalue `index`.
    pub in_stack: bool,
    /// Register or upvalue index.
    pub index: u8,
    /// Kind of the captured variable.
    pub kind: VarKind,
}

/// Debug information about a local variable (`LocVar`): live in `start_pc..end_pc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocVar {
    /// Variable name.
    pub name: String,
    /// First instruction where the variable is active.
    pub start_pc: u32,
    /// First instruction where the variable is dead.
    pub end_pc: u32,
}

/// A compiled function.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proto {
    /// Chunk name (`"@file.lua"`, `"=stdin"`, or source text), as given to the loader.
    pub source: String,
    /// Line of `function` (0 for the main chunk).
    pub line_defined: u32,
    /// Line of the closing `end` (0 for the main chunk).
    pub last_line_defined: u32,
    /// Number of fixed parameters.
    pub num_params: u8,
    /// True if the function takes `...`.
    pub is_vararg: bool,
    /// Number of registers the function needs.
    pub max_stack_size: u8,
    /// Instructions.
    pub code: Vec<Instruction>,
    /// Constant table.
    pub constants: Vec<Constant>,
    /// Upvalue descriptors.
    pub upvalues: Vec<UpvalDesc>,
    /// Nested function prototypes (operand of CLOSURE).
    pub protos: Vec<Proto>,
    /// Source line of each instruction (same length as `code`; empty when stripped).
    pub line_info: Vec<u32>,
    /// Local variables, in order of declaration (the order `getlocal` uses).
    pub loc_vars: Vec<LocVar>,
    /// Instructions whose line Lua's line encoding stores as absolute (`abslineinfo`, see
    /// [`mod@crate::dump`]), in increasing order: set by the compiler, which mirrors `lcode.c`'s
    /// `savelineinfo` including the absolute entries that `luaK_fixline` forces, and by the
    /// loader. `None`: [`crate::dump::encode_lines`] derives them from `line_info`.
    pub abs_line_pcs: Option<Vec<u32>>,
}
