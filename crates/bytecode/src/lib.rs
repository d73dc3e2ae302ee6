//! Bytecode (AST -> **compiler** -> register bytecode), the opcode table, and the disassembler.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod compile;
pub mod disasm;
pub mod opcode;
pub mod proto;

pub use compile::compile;
pub use opcode::{Instruction, OpCode};
pub use proto::{Constant, LocVar, Proto, UpvalDesc, VarKind};

/// Parses and compiles a chunk in one step: source bytes -> [`Proto`] of the main function.
pub fn compile_source(source: &[u8], chunkname: &str) -> Result<Proto, lunar_syntax::SyntaxError> {
    let chunk = lunar_syntax::parse(source, chunkname)?;
    compile(&chunk)
}
