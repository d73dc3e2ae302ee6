//! Bytecode (AST -> **compiler** -> register bytecode), the opcode table, the disassembler, and
//! binary chunks (PUC Lua 5.4's `luac` format: [`dump`] writes them, [`undump`] reads and
//! [`verify`] checks them).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod compile;
pub mod disasm;
pub mod dump;
pub mod opcode;
pub mod proto;
pub mod undump;
pub mod verify;

pub use compile::compile;
pub use dump::dump;
pub use opcode::{Instruction, OpCode};
pub use proto::{Constant, LocVar, Proto, UpvalDesc, VarKind};
pub use undump::{is_binary, undump};

/// Parses and compiles a chunk in one step: source bytes -> [`Proto`] of the main function.
pub fn compile_source(source: &[u8], chunkname: &str) -> Result<Proto, lunar_syntax::SyntaxError> {
    let chunk = lunar_syntax::parse(source, chunkname)?;
    compile(&chunk)
}
