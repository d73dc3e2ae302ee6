//! Reader of binary chunks (`load` of a `string.dump`, `lunar file.luac`): PUC Lua 5.4's
//! `lundump.c`. The format is described in [`mod@crate::dump`].
//!
//! # Checks
//!
//! The header is checked field by field, in Lua's order and with Lua's messages
//! (`NAME: bad binary format (WHY)`, where NAME is the chunk name without its `@`/`=`, or
//! `binary string` for a chunk named by its own contents): `not a binary chunk` (signature),
//! `version mismatch` (only Lua 5.4 chunks load), `format mismatch` (only the official format
//! 0), `corrupted chunk` (`LUAC_DATA`, e.g. after a text-mode conversion), `Instruction size
//! mismatch` / `lua_Integer size mismatch` / `lua_Number size mismatch` (only 4/8/8, i.e.
//! 64-bit builds), `integer format mismatch` (byte order) and `float format mismatch`. Past the
//! header, running out of bytes is `truncated chunk` and an over-long size `integer overflow`.
//!
//! Unlike `lundump.c`, which trusts the rest of the chunk ("maliciously crafted binary chunks
//! can crash the interpreter"), this reader never panics and never reads or allocates beyond
//! the input, and it rejects what the VM cannot run safely: unknown constant tags (`bad
//! constant`), inconsistent debug information (`bad line information`, `bad debug
//! information`), nesting deeper than any compiler produces (`too many nested functions`), and
//! code that fails [`crate::verify`] (`bad code: ...`).
use crate::dump::{tag, ABSLINEINFO, FORMAT, LUAC_DATA, LUAC_INT, LUAC_NUM, NO_SOURCE, VERSION};
use crate::proto::{Constant, LocVar, Proto, UpvalDesc, VarKind};
use crate::Instruction;

/// Deepest function nesting accepted (Lua's parser stops at fewer than 200 levels).
const MAX_DEPTH: usize = 250;

/// True if `bytes` starts like a binary chunk (its first byte is `LUA_SIGNATURE[0]`, the test
/// `lua_load` uses to choose between the parser and this reader).
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.first() == Some(&crate::dump::SIGNATURE[0])
}

/// The name Lua uses for a chunk in load errors (`luaU_undump`).
fn display_name(chunkname: &str) -> &str {
    if let Some(rest) = chunkname.strip_prefix(['@', '=']) {
        rest
    } else if chunkname.starts_with('\x1b') {
        "binary string"
    } else {
        chunkname
    }
}

/// Reads a binary chunk (`luaU_undump`) and verifies its code. Returns the main function; its
/// upvalues are the closure's (the loader sets the first to the globals, like Lua). Errors are
/// Lua's messages, e.g. `x.luac: bad binary format (truncated chunk)`.
pub fn undump(bytes: &[u8], chunkname: &str) -> Result<Proto, String> {
    let mut r = Reader {
        data: bytes,
        pos: 0,
    };
    let why = |w: String| format!("{}: bad binary format ({w})", display_name(chunkname));
    let main = r.chunk().map_err(why)?;
    crate::verify::verify(&main).map_err(|e| why(format!("bad code: {e}")))?;
    Ok(main)
}

type R<T> = Result<T, String>;

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

fn truncated() -> String {
    "truncated chunk".into()
}

impl Reader<'_> {
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    fn block(&mut self, n: usize) -> R<&[u8]> {
        if n > self.remaining() {
            return Err(truncated());
        }
        let b = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(b)
    }

    fn byte(&mut self) -> R<u8> {
        Ok(self.block(1)?[0])
    }

    fn literal(&mut self, s: &[u8], msg: &str) -> R<()> {
        if self.block(s.len())? != s {
            return Err(msg.into());
        }
        Ok(())
    }

    /// `loadUnsigned`: 7-bit groups, most significant first, until a byte with the high bit.
    fn unsigned(&mut self, limit: u64) -> R<u64> {
        let mut x: u64 = 0;
        let limit = limit >> 7;
        loop {
            let b = self.byte()?;
            if x >= limit {
                return Err("integer overflow".into());
            }
            x = (x << 7) | (b & 0x7f) as u64;
            if b & 0x80 != 0 {
                return Ok(x);
            }
        }
    }

    fn size(&mut self) -> R<u64> {
        self.unsigned(u64::MAX)
    }

    fn int(&mut self) -> R<u32> {
        Ok(self.unsigned(i32::MAX as u64)? as u32)
    }

    /// A count of items of at least `min_bytes` bytes each: checked against the input left,
    /// so that corrupt counts cannot make the reader allocate more than the input's size.
    fn count(&mut self, min_bytes: usize) -> R<usize> {
        let n = self.int()? as usize;
        if n.saturating_mul(min_bytes) > self.remaining() {
            return Err(truncated());
        }
        Ok(n)
    }

    fn i64(&mut self) -> R<i64> {
        let b = self.block(8)?;
        Ok(i64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    fn f64(&mut self) -> R<f64> {
        let b = self.block(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    /// `loadStringN`: `None` for size 0 ("no string").
    fn string(&mut self) -> R<Option<Vec<u8>>> {
        let size = self.size()?;
        if size == 0 {
            return Ok(None);
        }
        let len = usize::try_from(size - 1).map_err(|_| truncated())?;
        Ok(Some(self.block(len)?.to_vec()))
    }

    fn header(&mut self) -> R<()> {
        self.literal(crate::dump::SIGNATURE, "not a binary chunk")?;
        if self.byte()? != VERSION {
            return Err("version mismatch".into());
        }
        if self.byte()? != FORMAT {
            return Err("format mismatch".into());
        }
        self.literal(LUAC_DATA, "corrupted chunk")?;
        for (size, name) in [(4, "Instruction"), (8, "lua_Integer"), (8, "lua_Number")] {
            if self.byte()? != size {
                return Err(format!("{name} size mismatch"));
            }
        }
        if self.i64()? != LUAC_INT {
            return Err("integer format mismatch".into());
        }
        if self.f64()? != LUAC_NUM {
            return Err("float format mismatch".into());
        }
        Ok(())
    }

    fn chunk(&mut self) -> R<Proto> {
        self.header()?;
        let nup = self.byte()? as usize;
        let main = self.function(None, 0)?;
        if main.upvalues.len() != nup {
            return Err("bad upvalue count".into());
        }
        Ok(main)
    }

    fn function(&mut self, parent_source: Option<&str>, depth: usize) -> R<Proto> {
        if depth > MAX_DEPTH {
            return Err("too many nested functions".into());
        }
        let source = match self.string()? {
            Some(s) => String::from_utf8_lossy(&s).into_owned(),
            None => parent_source.unwrap_or(NO_SOURCE).to_string(),
        };
        let line_defined = self.int()?;
        let last_line_defined = self.int()?;
        let num_params = self.byte()?;
        let is_vararg = self.byte()? != 0;
        let max_stack_size = self.byte()?;
        let n = self.count(4)?;
        let code: Vec<Instruction> = self
            .block(n * 4)?
            .chunks_exact(4)
            .map(|w| Instruction(u32::from_le_bytes(w.try_into().expect("4 bytes"))))
            .collect();
        let n = self.count(1)?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            constants.push(match self.byte()? {
                tag::NIL => Constant::Nil,
                tag::FALSE => Constant::Bool(false),
                tag::TRUE => Constant::Bool(true),
                tag::INT => Constant::Int(self.i64()?),
                tag::FLOAT => Constant::Float(self.f64()?),
                tag::SHORT_STR | tag::LONG_STR => match self.string()? {
                    Some(s) => Constant::Str(s),
                    None => return Err("bad format for constant string".into()),
                },
                _ => return Err("bad constant".into()),
            });
        }
        let n = self.count(3)?;
        let mut upvalues = Vec::with_capacity(n);
        for _ in 0..n {
            let in_stack = self.byte()? != 0;
            let index = self.byte()?;
            let kind = match self.byte()? {
                0 => VarKind::Regular,
                1 => VarKind::Const,
                2 => VarKind::ToClose,
                3 => VarKind::CompileTimeConst,
                _ => return Err("bad upvalue kind".into()),
            };
            upvalues.push(UpvalDesc {
                name: None,
                in_stack,
                index,
                kind,
            });
        }
        let n = self.count(1)?;
        let mut protos = Vec::with_capacity(n);
        for _ in 0..n {
            protos.push(self.function(Some(&source), depth + 1)?);
        }
        // debug information
        let n = self.count(1)?;
        let deltas: Vec<i8> = self.block(n)?.iter().map(|&b| b as i8).collect();
        let n = self.count(2)?;
        let mut abs = Vec::with_capacity(n);
        for _ in 0..n {
            abs.push((self.int()?, self.int()?));
        }
        let line_info = decode_lines(line_defined, &deltas, &abs, &code)?;
        let abs_line_pcs = Some(if line_info.is_empty() {
            Vec::new()
        } else {
            abs.iter().map(|&(pc, _)| pc).collect()
        });
        let n = self.count(3)?;
        let mut loc_vars = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.string()?.unwrap_or_default();
            loc_vars.push(LocVar {
                name: String::from_utf8_lossy(&name).into_owned(),
                start_pc: self.int()?,
                end_pc: self.int()?,
            });
        }
        let n = self.count(1)?;
        if n > upvalues.len() {
            return Err("bad debug information".into());
        }
        for u in upvalues.iter_mut().take(n) {
            u.name = self
                .string()?
                .map(|s| String::from_utf8_lossy(&s).into_owned());
        }
        Ok(Proto {
            source,
            line_defined,
            last_line_defined,
            num_params,
            is_vararg,
            max_stack_size,
            code,
            constants,
            upvalues,
            protos,
            line_info,
            loc_vars,
            abs_line_pcs,
        })
    }
}

/// Absolute line of each instruction from Lua's encoding (`luaG_getfuncline` for every pc).
fn decode_lines(
    line_defined: u32,
    deltas: &[i8],
    abs: &[(u32, u32)],
    code: &[Instruction],
) -> R<Vec<u32>> {
    let bad = || "bad line information".to_string();
    if deltas.is_empty() {
        // no line information (absolute entries without it, which `luac` writes for a
        // combination of many files, are unusable and ignored, as Lua does)
        return Ok(Vec::new());
    }
    if deltas.len() != code.len() {
        return Err(bad());
    }
    let mut lines = Vec::with_capacity(deltas.len());
    let mut line = line_defined as i64;
    let mut next_abs = abs.iter();
    for (pc, &d) in deltas.iter().enumerate() {
        if d == ABSLINEINFO {
            match next_abs.next() {
                Some(&(apc, aline)) if apc as usize == pc => line = aline as i64,
                _ => return Err(bad()),
            }
        } else {
            line += d as i64;
        }
        if !(0..=i32::MAX as i64).contains(&line) {
            return Err(bad());
        }
        lines.push(line as u32);
    }
    if next_abs.next().is_some() {
        return Err(bad());
    }
    Ok(lines)
}
