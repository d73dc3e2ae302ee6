//! Parser (tokens -> AST). To be written.
use crate::{ast::Chunk, SyntaxError};

/// Parses a whole chunk. `chunkname` is the Lua chunk name (`"@file.lua"`, `"=stdin"`, ...).
pub fn parse(_source: &[u8], _chunkname: &str) -> Result<Chunk, SyntaxError> {
    todo!("parser")
}
