//! Synthetic debug code (resolver -> **`code`, `line_info`, `loc_vars`, `k`** -> runtime's
//! `debug` module).
//!
//! The runtime names variables in error messages and tracebacks ("attempt to call a nil value
//! (global 'f')", "in local 'g'", "bad argument #1 to 'insert'") by symbolic execution of the
//! running prototype's bytecode (`getobjname`/`funcnamefromcode` of ldebug.c) at the frame's
//! saved `pc`, and takes lines from `line_info[pc - 1]` and local names from `loc_vars`.
//!
//! An AST prototype has no real bytecode, so the resolver writes a small synthetic program that
//! the same symbolic execution understands: for every *site* (a node that can fail or call), a
//! few *setter* instructions that describe, as the bytecode compiler would have produced them,
//! where the registers involved got their values (`GETTABUP r, _ENV, "print"` for a global,
//! `MOVE r, local`, `GETFIELD r, t, "k"`, `SELF r, o, "m"`, `LOADNIL r` for values without a
//! name), followed by the site instruction itself (`CALL r`, `GETFIELD`, `ADD`+`MMBIN`,
//! `CONCAT`, ...). The walker stores `site + 1` in the frame's `pc` before the operation, so
//! `code[pc - 1]` is the site and the scan backwards finds its setters. Locals get `loc_vars`
//! ranges in the same synthetic pc space, emitted in evaluation order, so `getlocal` and
//! "local 'x'" see exactly the locals in scope at each site. The code is never executed;
//! `code[0]` is a `RETURN0`, so even a VM that were handed such a prototype would just return.
use std::collections::HashMap;

use lunar_bytecode::opcode::{MAXARG_BX, MAXARG_C};
use lunar_bytecode::{Instruction, LocVar, OpCode};
use lunar_runtime::string::LuaStr;
use lunar_runtime::{GcRef, Value};

use crate::ir::{Reg, Site};

/// Hashable identity of a constant.
#[derive(Hash, PartialEq, Eq)]
enum KKey {
    Str(usize),
    Int(i64),
    Float(u64),
}

/// Builder of one prototype's synthetic code, lines, locals and constants.
#[derive(Default)]
pub(crate) struct DebugCode {
    pub code: Vec<Instruction>,
    pub lines: Vec<u32>,
    pub loc_vars: Vec<LocVar>,
    pub k: Vec<Value>,
    kmap: HashMap<KKey, u32>,
}

/// Largest register number an instruction field can hold.
const MAX_REG: u32 = 255;

impl DebugCode {
    /// Index of constant `v` (strings and numbers), adding it if new.
    pub fn constant(&mut self, v: Value) -> u32 {
        let key = match v {
            Value::Str(s) => KKey::Str(s.as_ptr() as usize),
            Value::Int(i) => KKey::Int(i),
            Value::Float(f) => KKey::Float(f.to_bits()),
            _ => {
                self.k.push(v);
                return self.k.len() as u32 - 1;
            }
        };
        if let Some(&i) = self.kmap.get(&key) {
            return i;
        }
        self.k.push(v);
        let i = self.k.len() as u32 - 1;
        self.kmap.insert(key, i);
        i
    }

    /// Index of string constant `s`.
    pub fn str_constant(&mut self, s: GcRef<LuaStr>) -> u32 {
        self.constant(Value::Str(s))
    }

    /// Appends an instruction; returns its pc.
    pub fn emit(&mut self, i: Instruction, line: u32) -> Site {
        self.code.push(i);
        self.lines.push(line);
        self.code.len() as Site - 1
    }

    /// Current pc (the next instruction's index).
    pub fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    /// `op A B C k` with operands clamped to their fields.
    pub fn abc(&mut self, op: OpCode, a: u32, b: u32, c: u32, k: bool, line: u32) -> Site {
        self.emit(
            Instruction::abck(op, a.min(MAX_REG), b.min(MAX_REG), c.min(MAX_REG), k),
            line,
        )
    }

    /// `LOADNIL r 0`: `r` gets a value without a name.
    pub fn nameless(&mut self, r: Reg, line: u32) {
        self.abc(OpCode::LoadNil, r as u32, 0, 0, false, line);
    }

    /// `MOVE dst src`.
    pub fn move_(&mut self, dst: Reg, src: Reg, line: u32) {
        self.abc(OpCode::Move, dst as u32, src as u32, 0, false, line);
    }

    /// `GETUPVAL dst u`.
    pub fn get_upval(&mut self, dst: Reg, u: u16, line: u32) {
        self.abc(OpCode::GetUpval, dst as u32, u as u32, 0, false, line);
    }

    /// `LOADK dst k` for a string constant ("constant 's'"), or a nameless setter when the
    /// constant does not fit.
    pub fn load_str(&mut self, dst: Reg, s: GcRef<LuaStr>, line: u32) {
        let k = self.str_constant(s);
        if k <= MAXARG_BX && (dst as u32) <= MAX_REG {
            self.emit(Instruction::abx(OpCode::LoadK, dst as u32, k), line);
        } else {
            self.nameless(dst, line);
        }
    }

    /// An instruction reading field `key` of upvalue `u` into `dst` (`GETTABUP`), in the form
    /// the debug module reads back as "global"/"field" `key`.
    pub fn get_tabup(&mut self, dst: Reg, u: u16, key: GcRef<LuaStr>, line: u32) -> Site {
        let k = self.str_constant(key);
        if k <= MAXARG_C {
            return self.abc(OpCode::GetTabUp, dst as u32, u as u32, k, false, line);
        }
        // constant index too large for the C field: table and key through registers
        self.get_upval(dst, u, line);
        self.load_str(dst + 1, key, line);
        self.abc(
            OpCode::GetTable,
            dst as u32,
            dst as u32,
            dst as u32 + 1,
            false,
            line,
        )
    }

    /// `GETFIELD dst t key` (or an equivalent `LOADK` + `GETTABLE`).
    pub fn get_field(&mut self, dst: Reg, t: Reg, key: GcRef<LuaStr>, line: u32) -> Site {
        let k = self.str_constant(key);
        if k <= MAXARG_C {
            return self.abc(OpCode::GetField, dst as u32, t as u32, k, false, line);
        }
        self.load_str(dst + 1, key, line);
        self.abc(
            OpCode::GetTable,
            dst as u32,
            t as u32,
            dst as u32 + 1,
            false,
            line,
        )
    }

    /// `SELF dst obj key`.
    pub fn self_(&mut self, dst: Reg, obj: Reg, key: GcRef<LuaStr>, line: u32) -> Site {
        let k = self.str_constant(key);
        if k <= MAXARG_C {
            return self.abc(OpCode::OpSelf, dst as u32, obj as u32, k, true, line);
        }
        self.load_str(dst + 2, key, line);
        self.abc(
            OpCode::OpSelf,
            dst as u32,
            obj as u32,
            dst as u32 + 2,
            false,
            line,
        )
    }

    /// Opens the debug range of a local variable at the current pc; returns its index.
    pub fn open_local(&mut self, name: &str) -> usize {
        self.loc_vars.push(LocVar {
            name: name.to_string(),
            start_pc: self.pc(),
            end_pc: 0,
        });
        self.loc_vars.len() - 1
    }

    /// Closes the debug range of local `idx` at the current pc.
    pub fn close_local(&mut self, idx: usize) {
        let pc = self.pc();
        if let Some(v) = self.loc_vars.get_mut(idx) {
            v.end_pc = pc;
        }
    }
}
