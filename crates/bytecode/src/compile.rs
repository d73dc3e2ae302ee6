//! Compiler (AST -> register bytecode). To be written.
use lunar_syntax::{ast::Chunk, SyntaxError};

use crate::proto::Proto;

/// Compiles a parsed chunk into the prototype of its main function.
pub fn compile(_chunk: &Chunk) -> Result<Proto, SyntaxError> {
    todo!("compiler")
}
