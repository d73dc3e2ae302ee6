//! Writer of binary chunks (`string.dump`, `lunarc -o`): PUC Lua 5.4's `ldump.c`, byte for
//! byte.
//!
//! # The format
//!
//! A binary chunk is a header followed by the main function:
//!
//! ```text
//! header    "\x1bLua"  0x54 (version 5.4)  0x00 (official format)
//!           "\x19\x93\r\n\x1a\n" (LUAC_DATA: catches text-mode conversions)
//!           0x04 0x08 0x08 (sizes of Instruction, lua_Integer, lua_Number)
//!           0x5678 as a little-endian i64 (LUAC_INT: checks integer byte order)
//!           370.5 as a little-endian f64 (LUAC_NUM: checks the float format)
//! byte      number of upvalues of the main function
//! function  source (string, absent in nested functions with their parent's source and in
//!           stripped chunks), linedefined (int), lastlinedefined (int), numparams (byte),
//!           is_vararg (byte), maxstacksize (byte),
//!           code: n (int), n instructions (4 bytes little-endian each),
//!           constants: n (int), n × (type tag byte, value): nil 0x00, false 0x01,
//!             true 0x11, integer 0x03 (8 bytes), float 0x13 (8 bytes), short string 0x04,
//!             long string (more than 40 bytes) 0x14,
//!           upvalues: n (int), n × (instack byte, index byte, kind byte),
//!           nested functions: n (int), n × function,
//!           debug: lineinfo: n (int), n signed bytes (line delta from the previous
//!             instruction; -128 means "see abslineinfo"); abslineinfo: n (int),
//!             n × (pc int, line int); locvars: n (int), n × (name string, startpc int,
//!             endpc int); upvalue names: n (int), n strings. A stripped chunk has all four
//!             counts 0.
//! ```
//!
//! "int" and string sizes use a variable-length encoding: 7 bits per byte, most significant
//! group first, the last byte marked by its high bit (`dumpSize`). A string is its size + 1
//! followed by its bytes; size 0 encodes "no string" (`NULL`).
//!
//! This writer always produces the format of a 64-bit little-endian PUC Lua (what `luac5.4`
//! writes on x86-64 and aarch64), whatever the host.
use crate::proto::{Constant, Proto, VarKind};

/// Signature at the start of every binary chunk (`LUA_SIGNATURE`).
pub const SIGNATURE: &[u8; 4] = b"\x1bLua";
/// Version byte: major * 16 + minor (`LUAC_VERSION`).
pub const VERSION: u8 = 0x54;
/// Format byte (`LUAC_FORMAT`: 0 is the official format).
pub const FORMAT: u8 = 0;
/// Conversion-detection bytes (`LUAC_DATA`).
pub const LUAC_DATA: &[u8; 6] = b"\x19\x93\r\n\x1a\n";
/// Integer used to check integer size and byte order (`LUAC_INT`).
pub const LUAC_INT: i64 = 0x5678;
/// Float used to check the float format (`LUAC_NUM`).
pub const LUAC_NUM: f64 = 370.5;
/// Longest string stored as a "short string" (`LUAI_MAXSHORTLEN`).
pub const MAX_SHORT_LEN: usize = 40;
/// Source name of prototypes loaded without one (stripped chunks): Lua's `"=?"`. It is
/// written as "no source", so that it loads back the same.
pub const NO_SOURCE: &str = "=?";
/// Type tags of constants (`lobject.h` variant tags).
pub(crate) mod tag {
    pub const NIL: u8 = 0x00;
    pub const FALSE: u8 = 0x01;
    pub const TRUE: u8 = 0x11;
    pub const INT: u8 = 0x03;
    pub const FLOAT: u8 = 0x13;
    pub const SHORT_STR: u8 = 0x04;
    pub const LONG_STR: u8 = 0x14;
}
/// Marker in `lineinfo` for an instruction whose line is in `abslineinfo` (`ABSLINEINFO`).
pub const ABSLINEINFO: i8 = -0x80;
/// Largest line delta stored in `lineinfo` (`LIMLINEDIFF` is 0x80, exclusive).
const LIMLINEDIFF: i64 = 0x80;
/// Longest run of relative line entries between absolute ones (`MAXIWTHABS`).
const MAXIWTHABS: u32 = 128;

/// An absolute line entry (`AbsLineInfo`): instruction `pc` is on line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbsLineInfo {
    /// Instruction index.
    pub pc: u32,
    /// Its line.
    pub line: u32,
}

/// Lua's encoded line information of a prototype: one signed delta per instruction and the
/// absolute entries, derived from per-instruction lines as `lcode.c`'s `savelineinfo` does.
///
/// `abs_pcs` ([`Proto::abs_line_pcs`]) are the instructions to encode as absolute when known:
/// Lua's compiler also *removes* line entries (`luaK_fixline`, `removelastinstruction`) in a
/// way that can force the next entry to be absolute, which absolute lines alone cannot tell
/// (e.g. the loop instructions of a `for` whose body spans 128 lines or more). They are used
/// when consistent with `lines` (every other step fits a relative entry); otherwise, and when
/// `None`, the absolute entries are derived as `savelineinfo` places them.
pub fn encode_lines(
    line_defined: u32,
    lines: &[u32],
    abs_pcs: Option<&[u32]>,
) -> (Vec<i8>, Vec<AbsLineInfo>) {
    if let Some(r) = abs_pcs.and_then(|pcs| encode_with(line_defined, lines, pcs)) {
        return r;
    }
    let mut deltas = Vec::with_capacity(lines.len());
    let mut abs = Vec::new();
    let mut previous = line_defined as i64;
    let mut iwthabs = 0u32;
    for (pc, &line) in lines.iter().enumerate() {
        let diff = line as i64 - previous;
        let counted = iwthabs;
        iwthabs += 1;
        if diff.abs() >= LIMLINEDIFF || counted >= MAXIWTHABS {
            abs.push(AbsLineInfo {
                pc: pc as u32,
                line,
            });
            deltas.push(ABSLINEINFO);
            iwthabs = 1;
        } else {
            deltas.push(diff as i8);
        }
        previous = line as i64;
    }
    (deltas, abs)
}

/// [`encode_lines`] with given absolute entries; `None` if they do not fit `lines`.
fn encode_with(
    line_defined: u32,
    lines: &[u32],
    abs_pcs: &[u32],
) -> Option<(Vec<i8>, Vec<AbsLineInfo>)> {
    let mut deltas = Vec::with_capacity(lines.len());
    let mut abs = Vec::with_capacity(abs_pcs.len());
    let mut next = abs_pcs.iter().peekable();
    let mut previous = line_defined as i64;
    for (pc, &line) in lines.iter().enumerate() {
        if next.peek().is_some_and(|&&a| a as usize == pc) {
            next.next();
            abs.push(AbsLineInfo {
                pc: pc as u32,
                line,
            });
            deltas.push(ABSLINEINFO);
        } else {
            let diff = line as i64 - previous;
            if diff.abs() >= LIMLINEDIFF {
                return None;
            }
            deltas.push(diff as i8);
        }
        previous = line as i64;
    }
    // every listed pc must have been used (sorted and in range)
    next.next().is_none().then_some((deltas, abs))
}

/// Serialises `proto` as a binary chunk (`luaU_dump`). `strip` drops debug information
/// (source, lines, local and upvalue names), as `luac -s` / `string.dump(f, true)`.
pub fn dump(proto: &Proto, strip: bool) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(256),
        strip,
    };
    w.header();
    w.byte(proto.upvalues.len() as u8);
    w.function(proto, None);
    w.out
}

struct Writer {
    out: Vec<u8>,
    strip: bool,
}

impl Writer {
    fn header(&mut self) {
        self.out.extend_from_slice(SIGNATURE);
        self.byte(VERSION);
        self.byte(FORMAT);
        self.out.extend_from_slice(LUAC_DATA);
        self.byte(4);
        self.byte(8);
        self.byte(8);
        self.out.extend_from_slice(&LUAC_INT.to_le_bytes());
        self.out.extend_from_slice(&LUAC_NUM.to_le_bytes());
    }

    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    /// `dumpSize`: 7-bit groups, most significant first, last byte flagged with 0x80.
    fn size(&mut self, mut x: u64) {
        let mut buf = [0u8; 10];
        let mut n = 0;
        loop {
            n += 1;
            buf[10 - n] = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                break;
            }
        }
        buf[9] |= 0x80;
        self.out.extend_from_slice(&buf[10 - n..]);
    }

    fn int(&mut self, x: u32) {
        self.size(x as u64)
    }

    fn string(&mut self, s: Option<&[u8]>) {
        match s {
            None => self.size(0),
            Some(s) => {
                self.size(s.len() as u64 + 1);
                self.out.extend_from_slice(s);
            }
        }
    }

    fn function(&mut self, f: &Proto, parent_source: Option<&str>) {
        if self.strip || parent_source == Some(f.source.as_str()) || f.source == NO_SOURCE {
            self.string(None);
        } else {
            self.string(Some(f.source.as_bytes()));
        }
        self.int(f.line_defined);
        self.int(f.last_line_defined);
        self.byte(f.num_params);
        self.byte(f.is_vararg as u8);
        self.byte(f.max_stack_size);
        self.int(f.code.len() as u32);
        for i in &f.code {
            self.out.extend_from_slice(&i.0.to_le_bytes());
        }
        self.int(f.constants.len() as u32);
        for k in &f.constants {
            match k {
                Constant::Nil => self.byte(tag::NIL),
                Constant::Bool(false) => self.byte(tag::FALSE),
                Constant::Bool(true) => self.byte(tag::TRUE),
                Constant::Int(i) => {
                    self.byte(tag::INT);
                    self.out.extend_from_slice(&i.to_le_bytes());
                }
                Constant::Float(x) => {
                    self.byte(tag::FLOAT);
                    self.out.extend_from_slice(&x.to_le_bytes());
                }
                Constant::Str(s) => {
                    self.byte(if s.len() <= MAX_SHORT_LEN {
                        tag::SHORT_STR
                    } else {
                        tag::LONG_STR
                    });
                    self.string(Some(s));
                }
            }
        }
        self.int(f.upvalues.len() as u32);
        for u in &f.upvalues {
            self.byte(u.in_stack as u8);
            self.byte(u.index);
            self.byte(kind_byte(u.kind));
        }
        self.int(f.protos.len() as u32);
        for p in &f.protos {
            self.function(p, Some(&f.source));
        }
        // debug information
        if self.strip {
            for _ in 0..4 {
                self.int(0);
            }
            return;
        }
        let (deltas, abs) = encode_lines(f.line_defined, &f.line_info, f.abs_line_pcs.as_deref());
        self.int(deltas.len() as u32);
        self.out.extend(deltas.iter().map(|&d| d as u8));
        self.int(abs.len() as u32);
        for a in &abs {
            self.int(a.pc);
            self.int(a.line);
        }
        self.int(f.loc_vars.len() as u32);
        for v in &f.loc_vars {
            self.string(Some(v.name.as_bytes()));
            self.int(v.start_pc);
            self.int(v.end_pc);
        }
        // a prototype loaded from a stripped chunk has no names: Lua writes "no string"s
        self.int(f.upvalues.len() as u32);
        for u in &f.upvalues {
            self.string(u.name.as_deref().map(str::as_bytes));
        }
    }
}

/// Byte of a variable kind (`VDKREG` 0, `RDKCONST` 1, `RDKTOCLOSE` 2, `RDKCTC` 3).
pub(crate) fn kind_byte(k: VarKind) -> u8 {
    match k {
        VarKind::Regular => 0,
        VarKind::Const => 1,
        VarKind::ToClose => 2,
        VarKind::CompileTimeConst => 3,
    }
}
